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


@pytest.mark.parametrize("kw", [{"assignee": "phong"}, {"assignee": "ubnd", "overdue": True},
                                {"assignee": "phong", "date_from": dt.date(2021, 5, 1)}, {"assignee": "nobody at all"}])
def test_an_assignee_named_in_many_documents_gives_the_same_rows(stores, kw, monkeypatch):
    """Past ``FEW_DOCUMENTS``, the tracker reads window by window those documents that name the assignee."""
    db, _ = stores
    few = q.deadline_rows(db, as_of=AS_OF, **kw)
    want = keys.fold_key(kw["assignee"])
    def asked(r):  # the filters of kw, applied to the plain computation
        if kw.get("overdue"):
            return bool(r["due"]) and r["due"] < AS_OF.isoformat()
        if "date_from" in kw:
            return bool(r["due"]) and r["due"] >= kw["date_from"].isoformat()
        return True

    assert few == [r for r in _every_row_sorted(db) if want in keys.fold_key(r["assignee"]) and asked(r)]
    monkeypatch.setattr(q, "FEW_DOCUMENTS", 0)
    assert q.deadline_rows(db, as_of=AS_OF, **kw) == few
    monkeypatch.setattr(q, "DENSE_WINDOW", 1)
    assert q.deadline_rows(db, as_of=AS_OF, **kw) == few
    assert q.deadline_rows(db, as_of=AS_OF, limit=3, **kw) == few[:3]
    if kw["assignee"] != "nobody at all":
        assert few


def _every_row_sorted(db):
    """The tracker computed the plain way: every row of every document, sorted."""
    ids = [r[0] for r in db.execute("select id from documents order by id")]
    return sorted(q._document_rows(db, ids, AS_OF), key=q._row_order)


@pytest.mark.parametrize("dense", [1, 2, 400])
def test_windows_read_in_parts_give_every_row_in_order(stores, dense, monkeypatch):
    """Dense windows are halved, a day's documents read a chunk at a time and only the deadlines due
    in a window read with the documents' tasks: the rows are those of the plain computation."""
    db, _ = stores
    monkeypatch.setattr(q, "DENSE_WINDOW", dense)
    assert q.deadline_rows(db, as_of=AS_OF) == _every_row_sorted(db)
    assert q.deadline_rows(db, as_of=AS_OF, limit=7) == _every_row_sorted(db)[:7]


def test_documents_due_the_same_day_come_in_document_order(tmp_path, monkeypatch):
    """A day's documents read one chunk at a time still give their rows by document."""
    spec = corpus_specs()["b_318.json"]
    db = store.open_db(None)
    ingest_folder(db, write_corpus(tmp_path / "c", {f"x{i}.json": dict(spec, text=spec["text"] + f"\n{i}.\n")
                                                    for i in range(3)}))
    monkeypatch.setattr(q, "DENSE_WINDOW", 1)
    rows = q.deadline_rows(db, as_of=AS_OF)
    assert len({r["document_id"] for r in rows}) == 3
    assert rows == _every_row_sorted(db)


def test_an_assignee_of_deadlines_that_name_nobody(tmp_path, monkeypatch):
    """Deadlines that name nobody take the tasks on their date, else the tasks around them, and the
    first of those tasks' actions: reading only the assignee's rows must not change which."""
    text = ("Phòng Tài chính cấp kinh phí. Giao Phòng Nội vụ chủ trì kiểm tra và Phòng Tư pháp phối hợp thẩm "
            "định, hoàn thành trong tháng 9/2021. Hạn chót: trước ngày 20/9/2021.")
    spec = dict(corpus_specs()["b_318.json"], text=text, refs=[], units=[], metrics=[], deadlines=[
        {"date": "2021-09", "text": "trong tháng 9/2021"}, {"date": "2021-09-20", "text": "trước ngày 20/9/2021"},
    ], tasks=[
        {"assignee": "Phòng Tài chính", "action": "cấp kinh phí", "deadline": "2021-09-20",
         "text": "Phòng Tài chính cấp kinh phí"},
        {"assignee": "Phòng Nội vụ", "action": "kiểm tra", "deadline": "2021-09-25",
         "text": "Giao Phòng Nội vụ chủ trì kiểm tra và Phòng Tư pháp phối hợp thẩm định, hoàn thành trong "
                 "tháng 9/2021"},
        {"assignee": "Phòng Tư pháp", "action": "thẩm định", "deadline": "2021-09-20",
         "text": "Phòng Tư pháp phối hợp thẩm định, hoàn thành trong tháng 9/2021"},
    ])
    db = store.open_db(None)
    ingest_folder(db, write_corpus(tmp_path / "c", {"x.json": spec}))
    want = [r for r in _every_row_sorted(db) if "tu phap" in keys.fold_key(r["assignee"])]
    # 20/9: the tasks on that date (Tài chính first); September: the tasks around it (Nội vụ first)
    assert [(r["due"], r["task"]) for r in want] == [("2021-09-20", "cấp kinh phí"), ("2021-09-30", "kiểm tra")]
    assert q.deadline_rows(db, as_of=AS_OF, assignee="Tư pháp") == want
    monkeypatch.setattr(q, "FEW_DOCUMENTS", 0)
    assert q.deadline_rows(db, as_of=AS_OF, assignee="Tư pháp") == want


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


def _grouped_overview(db):
    """The overview computed the slow way, from every mention (what ``unit_areas`` summarises)."""
    return {r[0]: tuple(r[1:]) for r in db.execute(
        "select p.unit_id, count(*), count(distinct d.area), sum(p.mentions) from ("
        "select unit_id, document_id, sum(count) as mentions from unit_mentions group by unit_id, document_id) p "
        "join documents d on d.id = p.document_id group by p.unit_id")}


def _summary_overview(db):
    return {r["id"]: (r["documents"], r["districts"], r["mentions"]) for r in q.units_overview(db)}


def _ingested(tmp_path):
    """The test corpus written to a folder and ingested into a new store file: (folder, store)."""
    folder = write_corpus(tmp_path / "c")
    db = store.open_db(tmp_path / "s.db")
    ingest_folder(db, folder)
    return folder, db


def test_the_unit_summary_follows_every_write(tmp_path):
    folder, db = _ingested(tmp_path)
    first = _summary_overview(db)
    assert first == _grouped_overview(db)
    assert first[db.execute("select id from units where code = '17890'").fetchone()[0]][0] == 2  # two documents
    # a changed file replaces its document (its mentions go, the new ones come)
    changed = sorted(folder.iterdir())[1]
    spec = json.loads(changed.read_text(encoding="utf-8"))
    spec["units"] = [{"name": "Tây Thành", "kind": "xã"}, {"name": "Tây Thành", "kind": "xã"}]
    spec["text"] += " Xã Tây Thành."
    changed.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    ingest_folder(db, folder)
    assert _summary_overview(db) == _grouped_overview(db) != first
    # a refresh rewrites every row; removing a document's mentions takes its counts back
    ingest_folder(db, folder, refresh=True)
    assert _summary_overview(db) == _grouped_overview(db)
    db.execute("delete from unit_mentions")
    assert db.execute("select count(*) from unit_documents").fetchone()[0] == 0
    assert db.execute("select count(*) from unit_areas").fetchone()[0] == 0


def test_the_unit_summary_is_counted_afresh_when_the_migration_runs_again(tmp_path):
    _, db = _ingested(tmp_path)
    before = _summary_overview(db)
    db.execute("delete from _sqlite_migrations where name = 'm003_unit_summary'")
    db = store.open_db(tmp_path / "s.db")
    assert _summary_overview(db) == before == _grouped_overview(db)


def _grouped_citations(db):
    """The ``refs`` overview's counts computed the slow way, from every citation (what
    ``citation_targets`` summarises): target -> (citing documents, their areas)."""
    return {r[0]: (r[1], r[2]) for r in db.execute(
        """select case when r.cited_document_id is not null then 'd:' || r.cited_document_id
                       else 'k:' || r.number_key || '|' || coalesce(r.year_key, '') || '|' || r.symbol_key end,
                  count(distinct r.document_id), count(distinct coalesce(d.area, char(0)))
           from "references" r join documents d on d.id = r.document_id
           where (r.number_key <> '' or r.symbol_key <> '')
             and not (r.number_key = d.number_key and r.symbol_key = d.symbol_key
                      and (r.year_key = '' or r.year_key = d.year_key))
           group by 1""")}


def _summary_citations(db):
    return {r[0]: (r[1], r[2]) for r in db.execute("select target, documents, areas from citation_targets")}


def test_the_citation_summary_follows_every_write(tmp_path):
    folder, db = _ingested(tmp_path)
    first = _summary_citations(db)
    assert first == _grouped_citations(db)
    ct08 = f"d:{q.find_document(db, '08/CT-UBND')}"
    assert first[ct08] == (4, 3)  # linked: cited by four documents of three areas
    # a file that no longer cites the directive: its citation leaves the target
    changed = sorted(folder.iterdir())[3]
    spec = json.loads(changed.read_text(encoding="utf-8"))
    spec["refs"] = [{"doc_type": "Kế hoạch", "number": "99", "symbol": "KH-UBND", "date": "2021-06-01"}]
    spec["text"] = "Kết quả thực hiện Kế hoạch số 99/KH-UBND: xã Diễn Hồng đạt 94,5% văn bản ký số."
    changed.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    ingest_folder(db, folder)
    assert _summary_citations(db) == _grouped_citations(db)
    assert _summary_citations(db)[ct08] == (3, 2) and _summary_citations(db)["k:99|2021|KH-UBND"] == (1, 1)
    # the cited directive's file now holds another directive: the citations of 08 are unlinked and
    # counted under their number
    spec = json.loads((folder / "a_ct08.txt").read_text(encoding="utf-8"))
    (folder / "a_ct08.txt").write_text(json.dumps(dict(spec, number="09"), ensure_ascii=False), encoding="utf-8")
    ingest_folder(db, folder)
    assert ct08 not in _summary_citations(db)
    assert _summary_citations(db) == _grouped_citations(db)
    assert _summary_citations(db)["k:8|2021|CT-UBND"] == (3, 2)
    # relinking and refreshing move nothing that the plain count does not
    store.Store(db).relink()
    ingest_folder(db, folder, refresh=True)
    assert _summary_citations(db) == _grouped_citations(db)
    assert q.most_cited(db)[0]["key"] == "08/CT-UBND"
    db.execute('delete from "references"')
    assert [db.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("citation_documents", "citation_areas", "citation_targets")] == [0, 0, 0]


def test_the_citation_summary_is_counted_afresh_when_the_migration_runs_again(tmp_path):
    _, db = _ingested(tmp_path)
    before = _summary_citations(db)
    db.execute("delete from _sqlite_migrations where name = 'm004_citation_summary'")
    db.execute("delete from citation_targets")
    db = store.open_db(tmp_path / "s.db")
    assert _summary_citations(db) == before == _grouped_citations(db) != {}


def test_the_refs_overview_describes_each_target_as_all_its_citations_would(tmp_path):
    specs = corpus_specs()
    # citations of the directive that say less of it than others do, before and after them
    specs["a0_bare.json"] = {"number": "5", "symbol": "BC-UBND", "doc_type": "Báo cáo", "date": "2021-08-01",
                            "issuer": specs["c_47.json"]["issuer"], "text": "Theo Chỉ thị 08/CT-UBND, báo cáo.",
                            "refs": [{"doc_type": "Chỉ thị", "number": "08", "symbol": "CT-UBND"}]}
    db = store.open_db(None)
    ingest_folder(db, write_corpus(tmp_path / "c", specs))
    rows = q.most_cited(db)
    assert rows
    for row in rows:
        doc = row["document"]
        number = keys.number_key(row["key"].split("/")[0])
        where, params = (("r.cited_document_id = ?", [doc["id"]]) if doc else
                         ("r.cited_document_id is null and r.number_key = ?", [number]))
        every = sorted(q._citations(db, where, params), key=lambda r: r["id"])
        plain = q._describe_target(db, every)
        assert {k: row[k] for k in plain} == plain
