"""Time the extraction stages, side by side with underthesea's word_tokenize (run by hand).

    python benchmarks/bench_extract.py [PATH ...] [--repeat N] [--limit N]

PATH defaults to corpora/dispatches; a folder made by benchmarks/generate.py is the realistic
load. Prints documents/s, MB/s, time per stage (read; normalise + segment + unwrap; the spaCy
pipeline with every extractor), peak RSS, and the time underthesea's ``word_tokenize`` alone takes
over the same texts: a full extraction should cost less than merely tokenising.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from vbminer.pipeline import extract_raw, nlp, prepare
from vbminer.read import read_path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "corpora" / "dispatches"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="use at most this many files")
    parser.add_argument("--no-underthesea", action="store_true", help="skip the word_tokenize comparison")
    args = parser.parse_args()
    files = [f for p in args.paths for f in (sorted(p.rglob("*")) if p.is_dir() else [p])
             if f.suffix in (".txt", ".md")]
    if args.limit:
        files = files[: args.limit]
    nlp()  # build the pipeline once, outside the timings
    extract_raw(read_path(files[0]))  # and load lazily built data (gazetteer)
    stages = {"read": 0.0, "prepare": 0.0, "pipeline": 0.0}
    size = 0
    texts = []
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
            if len(texts) < len(files):
                texts.append(raw.text)
    total = time.perf_counter() - start
    n = len(files) * args.repeat
    print(f"{n} documents, {size / 1e6:.1f} MB in {total:.2f} s on {os.cpu_count()} cores (one process)")
    print(f"extraction: {n / total:.1f} documents/s, {size / 1e6 / total:.2f} MB/s")
    for stage, seconds in stages.items():
        print(f"  {stage:<9} {seconds * 1000 / n:7.2f} ms/document")
    if not args.no_underthesea:
        from underthesea import word_tokenize

        word_tokenize("khởi động")
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for text in texts:
                word_tokenize(text)
        ut = time.perf_counter() - t0
        print(f"underthesea word_tokenize alone: {n / ut:.1f} documents/s ({ut / total:.2f}x the extraction's time)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
