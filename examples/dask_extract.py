"""Extract a folder of dispatches on Dask's local cluster, one JSON-lines file per partition.

    pip install "vbminer[distributed]"        # dask + distributed (optional extra)
    python examples/dask_extract.py FOLDER --out DIR [--workers 2] [--partition-size 64]
    python examples/dask_extract.py FOLDER --out DIR --postgres postgresql:///vbminer   # + psycopg

The file list is cut into partitions of ``--partition-size`` paths; each partition is one Dask task
that reads its files' bytes, calls :func:`vbminer.extract_bytes` on each (through
:func:`vbminer.store.run_job`, so a file that fails is a recorded failure, as in ``vbminer
ingest``) and writes ``part-NNNNN-HASH.jsonl`` (one ``dispatch.to_json()`` per line, exactly what
``vbminer extract --json`` prints) and, if some file failed, ``part-NNNNN-HASH.errors.jsonl``. A
partition file is written under a temporary name and renamed when complete; its name carries a hash
of its paths, so a second run (same folder, same ``--partition-size``) skips the partitions already
written: resume after a crash. ``OUT/plan.json`` lists the partitions; a run that would cut other
ones into the same ``--out`` is refused, so partitions of two plans never mix.

Workers are processes with one thread each (the extraction is pure Python under the GIL); a
worker plugin builds the spaCy pipeline once per worker process, before its first task. A
partition whose worker dies (a file that exhausts ``--memory-limit`` or crashes the interpreter)
is retried file by file, each file alone, and only the file that kills its worker again is
recorded as failed, as :class:`vbminer.store.ParallelRunner` does. See docs/scaling.md.

Exit status: 0 if every file was extracted, 1 if some failed (listed in the ``*.errors.jsonl``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from vbminer.types import Dispatch

Extractor = Callable[[bytes, str], Dispatch]


def list_files(folder: Path) -> Iterator[tuple[str, str | None]]:
    """The files ``vbminer extract FOLDER`` would read (same walk, same order), or why a path cannot be used."""
    from vbminer.cli import iter_files

    for path, problem in iter_files([folder]):
        yield str(path), problem


def partition_name(index: int, paths: list[str]) -> str:
    """``part-00007-1a2b3c4d``: the position and a hash of the paths, so a changed list is not skipped."""
    digest = hashlib.sha1("\n".join(paths).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"part-{index:05d}-{digest}"


def _write_lines(path: Path, lines: list[str]) -> None:
    """Write a whole file or nothing: a temporary name, then an atomic rename."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    os.replace(tmp, path)


def extract_partition(paths: list[str], out: str, name: str, extract: Extractor | None = None) -> dict[str, Any]:
    """One task: extract ``paths`` and write ``OUT/NAME.jsonl`` (+ ``NAME.errors.jsonl``). Never raises
    for a bad file; returns counts for the client."""
    import vbminer
    from vbminer.read import sha256
    from vbminer.store import Job, read_file, run_job

    fn = extract or vbminer.extract_bytes
    started = time.process_time()
    lines: list[str] = []
    errors: list[str] = []
    for path in paths:
        data, problem = read_file(Path(path))
        if data is None:
            errors.append(json.dumps({"path": path, "sha256": None, "stage": "read", "message": problem},
                                     ensure_ascii=False))
            continue
        result = run_job(Job(path=path, sha256=sha256(data), data=data), fn)
        if result.dispatch is not None:
            lines.append(json.dumps(result.dispatch.to_json(), ensure_ascii=False))
        else:
            errors.append(json.dumps({"path": path, "sha256": result.sha256, "stage": result.stage,
                                      "message": result.error}, ensure_ascii=False))
    folder = Path(out)
    if errors:
        _write_lines(folder / f"{name}.errors.jsonl", errors)
    _write_lines(folder / f"{name}.jsonl", lines)  # last: its presence marks the partition done
    return {"name": name, "documents": len(lines), "failed": len(errors), "cpu": time.process_time() - started,
            "pid": os.getpid()}


def _merge_when_done(out: Path, name: str, split: dict[str, list[str]]) -> None:
    """Once every one-file part of a retried partition is written, join them under the partition's
    own name (so a later run skips it) and remove them."""
    parts = split[name]
    if not all((out / f"{p}.jsonl").exists() for p in parts):
        return
    for suffix in (".errors.jsonl", ".jsonl"):  # the .jsonl last: it marks the partition done
        lines = [line for p in parts if (out / f"{p}{suffix}").exists()
                 for line in (out / f"{p}{suffix}").read_text(encoding="utf-8").splitlines()]
        if lines or suffix == ".jsonl":
            _write_lines(out / f"{name}{suffix}", lines)
    for p in parts:
        for suffix in (".errors.jsonl", ".jsonl"):
            (out / f"{p}{suffix}").unlink(missing_ok=True)
    del split[name]


def _warm_up() -> None:
    """Build vbminer's pipeline (spaCy, the rules, the gazetteer) once in this worker process."""
    from vbminer.pipeline import extract_text

    extract_text("UBND HUYỆN\nCông văn\n")


def run(folder: Path, out: Path, *, workers: int = 2, partition_size: int = 64, memory_limit: str = "1GiB",
        extract: Extractor | None = None, log: Callable[[str], None] = lambda s: print(s, file=sys.stderr)
        ) -> dict[str, Any]:
    """Extract every file under ``folder`` into partition files in ``out`` on a local Dask cluster."""
    import dask
    from distributed import Client, LocalCluster, as_completed
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Load the pipeline when a worker starts (also each worker that replaces a dead one)."""

        def setup(self, worker: Any) -> None:
            _warm_up()

    out.mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    listing_errors = []
    for path, problem in list_files(folder):
        if problem:
            listing_errors.append(json.dumps({"path": path, "sha256": None, "stage": "read", "message": problem},
                                             ensure_ascii=False))
        else:
            paths.append(path)
    if listing_errors:
        _write_lines(out / "listing.errors.jsonl", listing_errors)
    size = max(1, partition_size)
    parts = [paths[i:i + size] for i in range(0, len(paths), size)]
    names = [partition_name(i, p) for i, p in enumerate(parts)]
    plan = out / "plan.json"  # the partitions of this output: a second run must cut the same ones
    if plan.exists() and json.loads(plan.read_text(encoding="utf-8")) != names:
        raise SystemExit(f"{out} holds the partitions of another file list or --partition-size; use a new --out")
    _write_lines(plan, [json.dumps(names)])
    todo = [(n, p) for n, p in zip(names, parts, strict=True) if not (out / f"{n}.jsonl").exists()]
    log(f"{len(paths)} files in {len(parts)} partitions; {len(todo)} partitions to run")
    totals = {"documents": 0, "failed": len(listing_errors), "cpu": 0.0, "partitions": len(todo), "retried": 0}
    started = time.perf_counter()
    if todo:
        # a task whose worker dies is not tried again on another worker: the partition is split instead
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                             dashboard_address=None) as cluster, Client(cluster) as client:
            client.register_plugin(WarmUp(), name="vbminer-warm-up")
            totals["startup"] = time.perf_counter() - started  # cluster up, pipeline loaded in each worker
            by_key = {}
            split: dict[str, list[str]] = {}  # a partition retried file by file -> its one-file parts
            parent: dict[str, str] = {}
            futures = []
            for name, part in todo:
                future = client.submit(extract_partition, part, str(out), name, extract, key=name, pure=False)
                by_key[future.key] = (name, part)
                futures.append(future)
            pending = as_completed(futures)
            for future in pending:
                name, part = by_key[future.key]
                try:
                    summary = future.result()
                except Exception as exc:  # KilledWorker: a file of this partition took its worker down
                    if len(part) == 1:
                        totals["failed"] += 1
                        _write_lines(out / f"{name}.errors.jsonl", [json.dumps(
                            {"path": part[0], "sha256": None, "stage": "extract",
                             "message": f"the worker process extracting this file died ({type(exc).__name__})"},
                            ensure_ascii=False)])
                        _write_lines(out / f"{name}.jsonl", [])
                        if name in parent:
                            _merge_when_done(out, parent[name], split)
                        continue
                    log(f"{name}: its worker died; retrying its {len(part)} files one by one")
                    totals["retried"] += 1
                    split[name] = [f"{name}.{i:04d}" for i in range(len(part))]
                    for alone, path in zip(split[name], part, strict=True):
                        f = client.submit(extract_partition, [path], str(out), alone, extract, key=alone, pure=False)
                        by_key[f.key] = (alone, [path])
                        parent[alone] = name
                        pending.add(f)
                    continue
                totals["documents"] += summary["documents"]
                totals["failed"] += summary["failed"]
                totals["cpu"] += summary["cpu"]
                if name in parent:
                    _merge_when_done(out, parent[name], split)
    totals["seconds"] = time.perf_counter() - started
    return totals


def main(argv: list[str] | None = None, extract: Extractor | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="directory of part-*.jsonl files")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--partition-size", type=int, default=64, help="files per task (default 64)")
    parser.add_argument("--memory-limit", default="1GiB", help="per worker; Dask restarts a worker above it")
    parser.add_argument("--postgres", metavar="DSN", help="then load the partitions into PostgreSQL (psycopg)")
    args = parser.parse_args(argv)
    totals = run(args.folder, args.out, workers=args.workers, partition_size=args.partition_size,
                 memory_limit=args.memory_limit, extract=extract)
    docs, secs, startup = totals["documents"], totals["seconds"], totals.get("startup", 0.0)
    rate = docs / (secs - startup) if secs > startup else 0.0
    print(f"{docs} documents extracted, {totals['failed']} failed, in {secs:.1f} s ({startup:.1f} s to start the "
          f"cluster and load the pipeline, then {rate:.1f} documents/s; {1000 * totals['cpu'] / max(docs, 1):.0f} ms "
          "of CPU per document in the workers)", file=sys.stderr)
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from pg_load import load

        report = load(args.postgres, sorted(args.out.glob("*.jsonl")))
        print(f"PostgreSQL: {report}", file=sys.stderr)
    failed = totals["failed"] or any(p.stat().st_size for p in args.out.glob("*.errors.jsonl"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
