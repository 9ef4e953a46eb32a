"""Two ``vbminer ingest`` processes on one database at once, and queries while they write: no
'database is locked' reaches the user, nothing is lost or doubled."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from test_interrupt import BIN, generate, ingest, snapshot


def run_together(tmp_path: Path, n: int) -> None:
    folder = generate(tmp_path / "in", n, seed=5)
    reference = tmp_path / "ref.db"
    assert ingest(folder, reference).wait(timeout=900) == 0
    want = snapshot(reference)
    db = tmp_path / "shared.db"
    first = ingest(folder, db)
    time.sleep(0.3)
    second = ingest(folder, db, workers=2)
    queries = 0
    errors: list[str] = []
    while first.poll() is None or second.poll() is None:
        if db.exists():
            for args in (["search", "báo cáo", "--limit", "3"], ["units"], ["deadlines", "--format", "csv"]):
                q = subprocess.run([str(BIN), *args, "--db", str(db)], capture_output=True, text=True, timeout=120,
                                   check=False)
                queries += 1
                if q.returncode not in (0, 1) or "locked" in q.stderr or "Traceback" in q.stderr:
                    errors.append(f"{args}: {q.returncode} {q.stderr[-400:]}")
        time.sleep(0.1)
    for proc in (first, second):
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in err and b"Traceback" not in err
    assert not errors, errors
    assert snapshot(db) == want
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*), count(distinct sha256) from documents").fetchone() == (n, n)


def test_two_ingests_and_queries_at_once(tmp_path):
    run_together(tmp_path, 24)


@pytest.mark.slow
def test_two_ingests_and_queries_at_once_large(tmp_path):
    run_together(tmp_path, 200)
