"""Parallel and batched ingest write exactly the database a serial ingest writes.

The synthetic corpus and the fake extractor of ``test_store`` are reused: they exercise every
family (units, figures, deadlines, tasks, citations and their links, failures, the same bytes at
two paths) without the real pipeline, so the comparison is fast and exact.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, cast

import pytest
from test_store import fake_extract, files_in, snapshot, write_corpus

from vbminer import keys
from vbminer import store as st_
from vbminer.read import ReadError
from vbminer.types import Dispatch


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The synthetic corpus, one unreadable file, and one file copied under a second name."""
    folder = write_corpus(tmp_path / "corpus")
    (folder / "zz_binary.txt").write_bytes(b"\xff\xfe\x00garbage")
    first = sorted(folder.iterdir())[0]
    shutil.copy(first, folder / "zz_copy.txt")
    return folder


def _ingest(folder: Path, **kw: Any) -> tuple[st_.IngestReport, dict[str, list[tuple[Any, ...]]], list[str]]:
    db = st_.open_db(None)
    order: list[str] = []
    report = st_.ingest(db, files_in(folder), fake_extract, on_file=lambda p, s: order.append(f"{s} {p}"), **kw)
    return report, snapshot(db), order


@pytest.mark.parametrize(
    "kw",
    [
        {"workers": 1},
        {"workers": 2},
        {"workers": 1, "batch": 3},
        {"workers": 2, "batch": 64},
        {"run": st_.ParallelRunner(fake_extract, 2, chunk=1, window=1)},
        {"run": st_.ParallelRunner(fake_extract, 2, chunk=3, window=2)},
    ],
    ids=["serial", "two-workers", "serial-batched", "two-workers-batched", "chunk1-window1", "chunk3-window2"],
)
def test_parallel_ingest_writes_the_serial_database(corpus: Path, kw: dict[str, Any]) -> None:
    serial_report, serial_db, serial_order = _ingest(corpus)
    report, db, order = _ingest(corpus, **kw)
    assert db == serial_db
    assert report.to_json() == serial_report.to_json()
    assert sorted(order) == sorted(serial_order)
    assert report.failed == 1 and report.linked == 1 and report.ingested == len(files_in(corpus)) - 1


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_reingest_is_unchanged_and_refresh_is_identical(corpus: Path, tmp_path: Path, workers: int) -> None:
    db = st_.open_db(tmp_path / "store.db")
    first = st_.ingest(db, files_in(corpus), fake_extract, workers=workers, batch=5)
    before = snapshot(db)
    again = st_.ingest(db, files_in(corpus), fake_extract, workers=workers, batch=5)
    assert again.ingested == 0 and again.unchanged == first.ingested
    assert snapshot(db) == before
    st_.ingest(db, files_in(corpus), fake_extract, workers=workers, refresh=True)
    serial = st_.open_db(None)
    st_.ingest(serial, files_in(corpus), fake_extract)
    st_.ingest(serial, files_in(corpus), fake_extract, refresh=True)
    assert snapshot(db) == snapshot(serial)  # refreshed rows get new ids, the same ones as serially


def _dies_on_second(data: bytes, name: str) -> Dispatch:
    """An extractor whose worker process dies on one file (as if killed for lack of memory)."""
    if name.endswith("c_47.txt"):
        os._exit(3)
    return fake_extract(data, name)


def test_a_dead_worker_fails_its_files_and_the_rest_go_on(corpus: Path) -> None:
    names = [p.name for p, _ in files_in(corpus)]
    victim = "c_47.txt"
    assert victim in names
    db = st_.open_db(None)
    report = st_.ingest(db, files_in(corpus), _dies_on_second, run=st_.ParallelRunner(_dies_on_second, 2, chunk=1))
    failed = {Path(p).name: m for p, m in report.failures}
    assert victim in failed and "worker process" in failed[victim]
    stored = {Path(r[0]).name for r in db.execute("select path from document_paths")}
    assert stored  # the files after the dead worker's were extracted by a new pool
    assert victim not in stored
    assert max(names.index(n) for n in stored) > names.index(victim)


def _raises(data: bytes, name: str) -> Dispatch:
    raise ReadError(f"{name}: cannot be read")


def test_worker_errors_are_results_not_crashes(corpus: Path) -> None:
    db = st_.open_db(None)
    report = st_.ingest(db, files_in(corpus), _raises, workers=2)
    assert report.failed == len(files_in(corpus)) and report.ingested == 0
    assert {r[0] for r in db.execute("select distinct message from errors")} == {"cannot be read"}


def test_killed_batch_leaves_whole_documents_only(corpus: Path, tmp_path: Path) -> None:
    """An exception in the middle of a batch rolls the batch back; a rerun finishes the job."""
    path = tmp_path / "store.db"
    db = st_.open_db(path)
    seen = 0

    def stop_after_four(path: str, status: str) -> None:
        nonlocal seen
        seen += 1
        if seen == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        st_.ingest(db, files_in(corpus), fake_extract, workers=2, batch=3, on_file=stop_after_four)
    db = st_.open_db(path)
    assert st_.table_counts(db)["documents"] == 3  # the first batch, committed; the second rolled back
    assert all(r[0] for r in db.execute(
        "select exists(select 1 from document_paths p where p.document_id = d.id) from documents d"))
    st_.ingest(db, files_in(corpus), fake_extract, workers=2, batch=3)
    _, clean, _ = _ingest(corpus)
    assert snapshot(db) == clean


@pytest.mark.parametrize(
    "text",
    ["Đồng Khê", "ký số", "Ủy ban nhân dân", "a\u0301b", "≠ ½ ＡＢＣ", "", "plain ascii", "ĐỒNG THÁP 𝔘"],
)
def test_fold_keeps_one_character_for_one(text: str) -> None:
    folded = keys.fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(keys._fold_char(c) for c in text)


def test_rows_a_worker_cannot_make_fail_their_file_only() -> None:
    """A dispatch whose rows cannot be made (a bug) is a failure of its file, reported, not a crash of the pool."""
    broken = st_.Result("a.txt", "0" * 64, dispatch=cast(Dispatch, object()))
    result = st_._as_rows(broken)
    assert result.dispatch is None and result.rows is None
    assert result.stage == "extract" and "rows could not be made" in (result.error or "")
    db = st_.open_db(None)
    assert st_.Store(db).write_result(result) == "failed"
    assert db.execute("select path, stage from errors").fetchall() == [("a.txt", "extract")]

