"""Time `vbminer ingest` into a new store, then a re-ingest of the unchanged folder (run by hand).

    python benchmarks/bench_ingest.py FOLDER [--db FILE] [--workers N] [--limit N] [--stages N]

FOLDER is typically made by ``benchmarks/generate.py``. Prints, for the new store and for the
re-ingest: documents/s, MB/s, wall time and peak RSS (the main process, the largest worker, and
their sum as an upper bound of the machine's use); then, over the first ``--stages`` files in this
process, the time per stage (read + hash, normalise + segment, each spaCy component, the store
write). The CPU time of all the ingest's processes is printed too: on a shared machine it says
what the cores would do alone. Each ingest runs as ``vbminer ingest`` in a child process, so its RSS and start-up are
measured as a user sees them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUNNER = """
import resource, sys, time
from vbminer.cli import app
t0 = time.perf_counter()
try:
    app(sys.argv[1:])
except SystemExit:
    pass
wall = time.perf_counter() - t0
self, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = self.ru_utime + self.ru_stime + children.ru_utime + children.ru_stime
print(f"@@ {wall:.3f} {self.ru_maxrss / 1024:.0f} {children.ru_maxrss / 1024:.0f} {cpu:.3f}", file=sys.stderr)
"""


def run_ingest(folder: Path, db: Path, workers: int | None) -> tuple[float, float, float, float, str]:
    """Run `vbminer ingest` in a child; (wall s, main peak RSS MB, largest worker peak RSS MB,
    CPU s of all its processes, summary)."""
    cmd = [sys.executable, "-c", RUNNER, "ingest", str(folder), "--db", str(db)]
    if workers:
        cmd += ["--workers", str(workers)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    line = next(x for x in proc.stderr.splitlines() if x.startswith("@@ "))
    wall, me, kids, cpu = (float(x) for x in line.split()[1:])
    return wall, me, kids, cpu, proc.stdout.strip()


def stage_times(folder: Path, limit: int) -> None:
    """Per-stage time over the first ``limit`` files, in this process (one core)."""
    from vbminer import store
    from vbminer.cli import iter_files
    from vbminer.pipeline import nlp, prepare, working_doc
    from vbminer.read import read_bytes, sha256

    files = [p for p, problem in islice(iter_files([folder]), limit) if problem is None]
    lang = nlp()
    db = store.open_db(None)
    writer = store.Store(db)
    from vbminer.pipeline import extract_bytes

    extract_bytes(files[0].read_bytes(), str(files[0]))  # warm up: lazily built data (gazetteer)
    times: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        times[name] = times.get(name, 0.0) + seconds

    for f in files:
        t0 = time.perf_counter()
        data = f.read_bytes()
        sha256(data)
        raw = read_bytes(data, str(f))
        t1 = time.perf_counter()
        norm, seg = prepare(raw)
        t2 = time.perf_counter()
        add("read + hash + decode", t1 - t0)
        add("normalise + segment", t2 - t1)
        doc = working_doc(norm, seg)  # as extract_* make it
        for name, proc in lang.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            add(name, time.perf_counter() - t)
        dispatch = extract_bytes(data, str(f))  # the Dispatch exactly as ingest builds it
        t = time.perf_counter()
        writer.write(str(f), dispatch)
        add("store write (one document, one transaction)", time.perf_counter() - t)
    total = sum(times.values())
    print(f"per stage over {len(files)} documents, one process ({total / len(files) * 1000:.1f} ms/document):")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<45} {seconds / len(files) * 1000:7.2f} ms  {seconds / total:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", type=Path, help="store to create (default: a temporary file)")
    parser.add_argument("--workers", type=int, default=None, help="default: vbminer's default (the cores)")
    parser.add_argument("--stages", type=int, default=100, help="files for the per-stage times (0: skip)")
    args = parser.parse_args()
    n = size = 0
    from vbminer.cli import iter_files

    for p, problem in iter_files([args.folder]):
        if problem is None:
            n += 1
            size += p.stat().st_size
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    if db.exists():
        sys.exit(f"{db} exists: the benchmark needs a new store")
    print(f"{n} documents, {size / 1e6:.1f} MB; {os.cpu_count()} cores; workers: {args.workers or 'default'}")
    for label in ("new store", "re-ingest (unchanged)"):
        wall, me, kids, cpu, summary = run_ingest(args.folder, db, args.workers)
        bound = me + kids * (args.workers or os.cpu_count() or 1)
        print(f"{label:<22} {n / wall:8.1f} documents/s  {size / 1e6 / wall:6.2f} MB/s  {wall:7.2f} s  "
              f"peak RSS main {me:.0f} MB, largest worker {kids:.0f} MB, sum bound {bound:.0f} MB")
        cores = os.cpu_count() or 1
        print(f"  {summary}; CPU {cpu:.1f} s = {cpu / n * 1000:.1f} ms/document "
              f"({n / cpu * cores:.1f} documents/s if {cores} cores were all this ingest's)")
    print(f"store size {db.stat().st_size / 1e6:.0f} MB")
    if args.stages:
        stage_times(args.folder, args.stages)
        print(f"peak RSS of the stage run {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
