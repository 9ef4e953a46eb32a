"""``vbminer.extract_bytes`` as a distributed engine (Dask, Ray, Spark) calls it: the function
pickles by reference, its result pickles and round-trips through JSON, it works in a fresh
process with no setup (spawn, not fork), the pipeline is built once per process, and the same
bytes always give the same dispatch. docs/scaling.md explains why each of these matters.

The Dask example (examples/dask_extract.py) is tested last, and only when the optional
``distributed`` extra is installed."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import DISPATCHES, ROOT

import vbminer
from vbminer.pipeline import extract_bytes as pipeline_extract_bytes
from vbminer.types import Dispatch, RawText

#: A few samples for the process tests (each spawned process imports spaCy and builds the pipeline).
FEW = DISPATCHES[:3]


def _extract(path: Path) -> Dispatch:
    return vbminer.extract_bytes(path.read_bytes(), str(path))


@pytest.fixture(scope="module")
def in_process() -> dict[str, dict[str, Any]]:
    """Every sample extracted once in this process, as JSON objects keyed by file name."""
    return {p.name: _extract(p).to_json() for p in DISPATCHES}


def test_there_are_samples() -> None:
    assert len(DISPATCHES) >= 3


def test_the_function_pickles_by_reference() -> None:
    data = pickle.dumps(vbminer.extract_bytes)
    # by reference: the module and the name, not the code (an engine ships this to every task)
    assert b"vbminer.pipeline" in data and b"extract_bytes" in data
    assert len(data) < 200
    assert pickle.loads(data) is pipeline_extract_bytes


def test_the_function_unpickles_in_a_fresh_interpreter() -> None:
    """Unpickled where vbminer was never imported, it runs with no setup (the pipeline is built lazily)."""
    sample = DISPATCHES[0]
    code = (
        "import pickle, sys, json\n"
        "assert 'vbminer' not in sys.modules and 'spacy' not in sys.modules\n"
        "f = pickle.loads(sys.stdin.buffer.read())\n"
        f"d = f(open({str(sample)!r}, 'rb').read(), {str(sample)!r})\n"
        "sys.stdout.write(json.dumps(d.to_json(), ensure_ascii=False))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(vbminer.extract_bytes),
                          capture_output=True, timeout=300, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    assert json.loads(proc.stdout.decode("utf-8")) == _extract(sample).to_json()


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.name)
def test_a_result_pickles(path: Path, in_process: dict[str, dict[str, Any]]) -> None:
    d = _extract(path)
    back = pickle.loads(pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == d
    assert back.to_json() == in_process[path.name]


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.name)
def test_a_result_round_trips_through_json(path: Path, in_process: dict[str, dict[str, Any]]) -> None:
    """What a worker writes as a JSON line reads back as the same dispatch (Parquet/JSONL partitions)."""
    obj = in_process[path.name]
    line = json.dumps(obj, ensure_ascii=False)
    assert "\n" not in line  # one document, one line
    assert json.loads(line) == obj
    back = Dispatch.from_json(json.loads(line))
    assert back.to_json() == obj
    assert back == _extract(path)


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.name)
def test_the_same_bytes_give_the_same_result(path: Path, in_process: dict[str, dict[str, Any]]) -> None:
    data = path.read_bytes()
    assert vbminer.extract_bytes(bytes(data), str(path)).to_json() == in_process[path.name]
    # the name only sets source.path (and the format of a text file): the rest is a function of the bytes
    other = vbminer.extract_bytes(data, "/elsewhere/" + path.name).to_json()
    assert other["source"]["path"] == "/elsewhere/" + path.name
    other["source"]["path"] = str(path)
    assert other == in_process[path.name]


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.name)
def test_reading_and_extracting_can_run_as_two_stages(path: Path, in_process: dict[str, dict[str, Any]]) -> None:
    """``read_bytes`` (where OCR happens) and ``extract_raw`` can run in different pools or jobs: the
    ``RawText`` between them pickles, and the two stages give what ``extract_bytes`` gives."""
    from vbminer.pipeline import extract_raw
    from vbminer.read import read_bytes

    raw = pickle.loads(pickle.dumps(read_bytes(path.read_bytes(), str(path))))
    assert extract_raw(raw).to_json() == in_process[path.name]
    # what reading gave can be kept as a JSON row and extracted again later, without reading again
    kept = RawText.from_json(json.loads(json.dumps(raw.to_json(), ensure_ascii=False)))
    assert kept == raw
    assert extract_raw(kept).to_json() == in_process[path.name]


def test_spawned_workers_give_the_in_process_results(in_process: dict[str, dict[str, Any]]) -> None:
    """Fresh interpreters (spawn: nothing inherited from this process) map the function over bytes."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        futures = [pool.submit(vbminer.extract_bytes, p.read_bytes(), str(p)) for p in FEW]
        results = [f.result(timeout=300) for f in futures]
    for path, result in zip(FEW, results, strict=True):
        assert isinstance(result, Dispatch)
        assert result.to_json() == in_process[path.name]


def pipeline_cache() -> tuple[int, int, int]:
    """In a worker: how often ``nlp()`` was served from its cache, built, and how many it holds."""
    from vbminer.pipeline import nlp

    info = nlp.cache_info()
    return info.hits, info.misses, info.currsize


def test_the_pipeline_is_built_once_per_worker_process() -> None:
    """Documents after the first reuse the process's pipeline (``nlp`` is cached): no per-document load."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        before = pool.submit(pipeline_cache).result(timeout=300)
        for path in FEW:
            pool.submit(vbminer.extract_bytes, path.read_bytes(), str(path)).result(timeout=300)
        hits, misses, size = pool.submit(pipeline_cache).result(timeout=300)
    assert before == (0, 0, 0)  # a fresh process: nothing built before the first file
    assert misses == 1 and size == 1  # built once, by the first document
    assert hits >= len(FEW) - 1


# ---------------------------------------------------------------------------------------------
# The Dask example (optional extra: pip install "vbminer[distributed]")


def test_the_dask_example_writes_what_extract_json_prints(tmp_path: Path,
                                                         in_process: dict[str, dict[str, Any]]) -> None:
    pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    for p in FEW:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "broken.pdf").write_bytes(b"not a pdf")  # a file that fails is recorded, the run goes on
    out = tmp_path / "out"
    cmd = [sys.executable, str(ROOT / "examples" / "dask_extract.py"), str(folder), "--out", str(out),
           "--workers", "2", "--partition-size", "2"]
    proc = subprocess.run(cmd, capture_output=True, timeout=600, check=False, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")[-3000:]  # 1: some file failed
    parts = sorted(p for p in out.glob("part-*.jsonl") if not p.name.endswith(".errors.jsonl"))
    assert len(parts) == 2  # 4 files, 2 per partition
    got = {}
    for part in parts:
        for line in part.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            got[Path(obj["source"]["path"]).name] = obj
    assert sorted(got) == sorted(p.name for p in FEW)
    for name, obj in got.items():
        assert obj["source"]["path"] == str(folder / name)
        obj["source"]["path"] = str(next(p for p in FEW if p.name == name))
        assert obj == in_process[name]
    errors = [json.loads(line) for e in sorted(out.glob("part-*.errors.jsonl"))
              for line in e.read_text(encoding="utf-8").splitlines()]
    assert [Path(e["path"]).name for e in errors] == ["broken.pdf"]
    assert errors[0]["stage"] == "read"
    # a second run finds every partition written and extracts nothing again
    again = subprocess.run(cmd, capture_output=True, timeout=600, check=False, cwd=tmp_path)
    assert b"0 partitions to run" in again.stderr, again.stderr.decode("utf-8", "replace")[-3000:]
