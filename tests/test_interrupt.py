"""SIGKILL at random points of an ingest, then a rerun: the database passes ``PRAGMA
integrity_check``, holds every document exactly once, and equals an uninterrupted run.

The quick case kills a 30-file ingest twice; the ``slow`` one kills a ~200-file ingest ten times."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

BIN = Path(sys.executable).parent / "vbminer"


def generate(out: Path, n: int, seed: int = 7) -> Path:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(out), "-n", str(n),
                    "--seed", str(seed)], check=True, capture_output=True, timeout=300)
    return out


def ingest(folder: Path, db: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(BIN), "ingest", str(folder), "--db", str(db), "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def snapshot(db: Path) -> dict[str, object]:
    """What must be equal between two stores of the same files (ids and timestamps aside)."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        paths = conn.execute("select p.path, d.sha256 from document_paths p join documents d on d.id = p.document_id "
                             "order by p.path").fetchall()
        docs = sorted(conn.execute("select sha256, dispatch from documents").fetchall())
        counts = {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0]
                  for t in ("documents", "document_paths", "references", "deadlines", "tasks", "errors")}
    return {"paths": paths, "docs": docs, "counts": counts}


def kill_and_rerun(tmp_path: Path, n: int, kills: int, seed: int) -> int:
    folder = generate(tmp_path / "in", n, seed)
    reference = tmp_path / "ref.db"
    proc = ingest(folder, reference)
    assert proc.wait(timeout=900) == 0, proc.stderr.read() if proc.stderr else ""
    want = snapshot(reference)
    assert want["counts"]["documents"] == n and want["counts"]["errors"] == 0  # type: ignore[index]
    rnd = random.Random(seed)
    db = tmp_path / "killed.db"
    survived = 0
    for _ in range(kills):
        proc = ingest(folder, db, workers=rnd.choice([1, 2]))
        time.sleep(rnd.uniform(0.3, 1.5))  # spaCy loads in ~1 s: kills land while it loads and while it writes
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            survived += 1
        proc.wait(timeout=60)
        if db.exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
    proc = ingest(folder, db)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode()
    assert b"database is locked" not in err
    assert snapshot(db) == want
    return survived


def test_killed_ingest_finishes_on_rerun(tmp_path):
    assert kill_and_rerun(tmp_path, n=30, kills=2, seed=11) >= 1


@pytest.mark.slow
def test_killed_ingest_finishes_on_rerun_many_times(tmp_path):
    survived = kill_and_rerun(tmp_path, n=200, kills=10, seed=12)
    print(f"kills survived: {survived}")
    assert survived >= 5
