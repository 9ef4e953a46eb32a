"""The fast query paths: the matching keys, the sqlite3 connection
the commands use, the migration's lookup tables kept by triggers, the windowed deadline tracker
and the streamed exports (no timing: speed is measured by benchmarks/bench_queries.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from test_store import corpus_specs, ingest_folder, write_corpus

from vbminer import export, keys, store
from vbminer import queries as q

AS_OF = dt.date(2021, 6, 1)


@pytest.mark.parametrize("text, key", [("Xã  Hậu Thành", "xa hau thanh"), ("ĐÔNG", "dong"), ("", ""), (None, "")])
def test_fold_key_cases(text, key):
    assert keys.fold_key(text) == key


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    root = tmp_path_factory.mktemp("speed")
    path = root / "v.db"
    db = store.open_db(path)
    ingest_folder(db, write_corpus(root / "corpus"))
    return db, path


def test_the_query_module_loads_neither_sqlite_utils_nor_numpy():
    code = ("import sys; import vbminer.queries, vbminer.cli; "
            "print([m for m in ('sqlite_utils', 'numpy', 'rich', 'vbminer.store') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env={**os.environ})
    assert out.stdout.strip() == "[]", out.stderr


def test_connect_is_read_only_and_answers_as_open_db(stores):
    db, path = stores
    con = q.connect(path)
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        con.execute("delete from documents")
    assert q.deadline_rows(con, as_of=AS_OF) == q.deadline_rows(db, as_of=AS_OF)
    assert q.units_overview(con) == q.units_overview(db)
    assert q.most_cited(con) == q.most_cited(db)
    assert q.show(con, "318/UBND-VP") == q.show(db, "318/UBND-VP")


def test_connect_upgrades_a_store_without_the_migration(stores, tmp_path):
    _, path = stores
    old = tmp_path / "old.db"
    raw = sqlite3.connect(old)
    with sqlite3.connect(path) as src:
        src.backup(raw)
    raw.execute("delete from _sqlite_migrations where name = ?", [q.REQUIRED_MIGRATION])
    raw.commit()
    raw.close()
    con = q.connect(old)
    assert con.execute("select count(*) from _sqlite_migrations where name = ?", [q.REQUIRED_MIGRATION]).fetchone()[0]


def test_triggers_keep_the_assignee_lookups(tmp_path):
    specs = corpus_specs()
    db = store.open_db(None)
    ingest_folder(db, write_corpus(tmp_path / "c", specs))
    pairs = {(r[0], r[1]) for r in db.execute("select document_id, name from deadline_assignees")}
    expected = {(d, n) for d, a in db.execute("select document_id, assignees from deadlines") for n in json.loads(a)}
    assert pairs == expected and expected
    names = {r[0] for r in db.execute("select name from assignee_names")}
    assert {n for _, n in expected} <= names
    assert {r[0] for r in db.execute("select assignee from tasks where assignee is not null")} <= names
    db.execute("delete from deadlines")
    assert db.execute("select count(*) from deadline_assignees").fetchone()[0] == 0


@pytest.mark.parametrize("kw", [{}, {"overdue": True}, {"assignee": "phong"}, {"date_from": dt.date(2021, 5, 1)},
                                {"date_to": dt.date(2021, 5, 31)}, {"assignee": "nobody at all"}])
def test_limit_gives_the_first_rows_of_the_full_answer(stores, kw):
    db, _ = stores
    full = q.deadline_rows(db, as_of=AS_OF, **kw)
    for n in range(len(full) + 2):
        assert q.deadline_rows(db, as_of=AS_OF, limit=n, **kw) == full[:n]


def test_undated_and_year_only_deadlines_keep_their_place(tmp_path):
    specs = corpus_specs()
    spec = specs["b_318.json"]
    extra = [{"date": "2021", "text": "Trong năm 2021"}, {"date": None, "text": "sớm nhất"}]
    spec = dict(spec, text=spec["text"] + "\nTrong năm 2021; sớm nhất.\n",
                deadlines=extra + list(spec.get("deadlines", [])))
    db = store.open_db(None)
    ingest_folder(db, write_corpus(tmp_path / "c", {"x.json": spec}))
    dues = [r["due"] for r in q.deadline_rows(db, as_of=AS_OF)]
    assert "2021-12-31" in dues and dues[-1] is None
    assert dues[:-1] == sorted(dues[:-1])


@pytest.mark.parametrize("rows", [[], [{"a": 1, "b": ["x", "y"]}], [{"a": "=1"}, {"b": {"c": None}}]])
def test_streamed_json_is_json_dumps(rows):
    buf = io.StringIO()
    assert export.stream_json(iter(rows), buf) == len(rows)
    assert buf.getvalue() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def test_streamed_csv_counts_rows(tmp_path):
    cols = (export.Column("a", "A"),)
    out = tmp_path / "x.csv"
    assert export.write_csv(({"a": i} for i in range(3)), cols, out) == 3
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["A", "0", "1", "2"]
