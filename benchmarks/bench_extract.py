"""Time the extraction stages over the sample corpus (run by hand; never part of the tests).

    python benchmarks/bench_extract.py [--repeat N] [PATH ...]

Prints documents/s, MB/s and the time spent in each stage (read, normalise + segment + unwrap,
the spaCy pipeline with the extractors), on the machine it runs on.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from vbminer.pipeline import extract_raw, nlp, prepare
from vbminer.read import read_path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "corpora" / "dispatches"])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = [f for p in args.paths for f in (sorted(p.rglob("*")) if p.is_dir() else [p])
             if f.suffix in (".txt", ".md")]
    nlp()  # build the pipeline once, outside the timings
    stages = {"read": 0.0, "prepare": 0.0, "pipeline": 0.0}
    size = 0
    start = time.perf_counter()
    for _ in range(args.repeat):
        for f in files:
            t0 = time.perf_counter()
            raw = read_path(f)
            t1 = time.perf_counter()
            prepare(raw)
            t2 = time.perf_counter()
            extract_raw(raw)  # prepares again, then runs the pipeline
            t3 = time.perf_counter()
            stages["read"] += t1 - t0
            stages["prepare"] += t2 - t1
            stages["pipeline"] += (t3 - t2) - (t2 - t1)
            size += f.stat().st_size
    total = time.perf_counter() - start
    n = len(files) * args.repeat
    print(f"{n} documents, {size / 1e6:.1f} MB in {total:.2f} s on {os.cpu_count()} cores (one process)")
    print(f"{n / total:.1f} documents/s, {size / 1e6 / total:.2f} MB/s")
    for stage, seconds in stages.items():
        print(f"  {stage:<9} {seconds * 1000 / n:7.2f} ms/document")


if __name__ == "__main__":
    main()
