"""The SQLite store: schema, idempotent ingest, replacement, paths, errors, FTS, citation links.

Most tests ingest small JSON files through a fake extractor that turns each file into the
:class:`Dispatch` it describes, so they exercise every family without waiting for the extractors.
``corpus_specs()`` is the synthetic corpus the query and export tests use too.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import DISPATCHES
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vbminer import keys
from vbminer import store as st_
from vbminer.cli import app
from vbminer.read import ReadError, sha256
from vbminer.types import Deadline, Dispatch, Header, Issuer, Metric, Reference, Source, Span, Task, Unit

runner = CliRunner()

# ---------------------------------------------------------------------------------------------
# a synthetic corpus, as JSON files a fake extractor reads


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def build(spec: dict[str, Any], name: str, data: bytes) -> Dispatch:
    """The Dispatch a spec describes; every offset points at the text it names."""
    text = spec["text"]
    iname, level, locality = spec.get("issuer", [None, None, None])
    header = Header(
        issuer=Issuer(iname, None, level, locality), number=spec.get("number"), year=spec.get("year"),
        symbol=spec.get("symbol"), doc_type=spec.get("doc_type"), place=locality, date=spec.get("date"),
        subject=spec.get("subject"), is_draft=spec.get("number") is None,
    )
    refs = tuple(
        Reference(doc_type=r.get("doc_type"), number=r["number"], symbol=r["symbol"], year=r.get("year"),
                  date=r.get("date"), issuer=r.get("issuer"), mentions=(_span(text, r["number"]),))
        for r in spec.get("refs", ())
    )
    units = tuple(
        Unit(name=u["name"], kind=u.get("kind"), canonical=u.get("canonical"), code=u.get("code"),
             level=u.get("level"), current_name=u.get("current_name"), current_code=u.get("current_code"),
             mentions=(_span(text, u["name"]),))
        for u in spec.get("units", ())
    )
    metrics = []
    for m in spec.get("metrics", ()):
        sp = _span(text, m["text"])
        metrics.append(Metric(unit=m.get("unit"), value=m.get("value"), kind=m.get("kind", "percent"),
                              start=sp.start, end=sp.end, label=m.get("label"), numerator=m.get("numerator"),
                              denominator=m.get("denominator"), is_target=m.get("is_target", False)))
    deadlines = []
    for d in spec.get("deadlines", ()):
        sp = _span(text, d["text"])
        deadlines.append(Deadline(date=d.get("date"), text=d["text"], start=sp.start, end=sp.end,
                                  task=d.get("task"), assignees=tuple(d.get("assignees", ()))))
    tasks = []
    for t in spec.get("tasks", ()):
        sp = _span(text, t["text"])
        tasks.append(Task(assignee=t["assignee"], role=t.get("role", "responsible"), action=t.get("action"),
                          start=sp.start, end=sp.end, deadline=t.get("deadline")))
    if spec.get("explode"):
        raise ValueError("a bug in an extractor")
    return Dispatch(source=Source(path=name, sha256=sha256(data), format="txt"), text=text, header=header,
                    references=refs, units=units, metrics=tuple(metrics), deadlines=tuple(deadlines),
                    tasks=tuple(tasks))


def fake_extract(data: bytes, name: str) -> Dispatch:
    """The Extractor the tests use: a JSON spec file -> its Dispatch; other bytes cannot be read."""
    try:
        spec = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"{name}: this looks like a binary file, not text") from exc
    return build(spec, name, data)


NGHE_AN = ["ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "tỉnh", "Nghệ An"]
YEN_THANH = ["ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH", "huyện", "Yên Thành"]
NAM_DAN = ["ỦY BAN NHÂN DÂN HUYỆN NAM ĐÀN", "huyện", "Nam Đàn"]
DIEN_HONG = ["ỦY BAN NHÂN DÂN XÃ DIỄN HỒNG", "xã", "Diễn Hồng"]
CT08 = {"doc_type": "Chỉ thị", "number": "08", "symbol": "CT-UBND", "date": "2021-03-12",
        "issuer": "Chủ tịch UBND tỉnh Nghệ An"}


def corpus_specs() -> dict[str, dict[str, Any]]:
    """Five dispatches that cite each other across three districts, with units, figures,
    deadlines and tasks (file name -> spec)."""
    return {
        "a_ct08.json": {
            "number": "08", "symbol": "CT-UBND", "doc_type": "Chỉ thị", "date": "2021-03-12", "issuer": NGHE_AN,
            "subject": "Tăng cường sử dụng chữ ký số và văn bản điện tử",
            "text": "CHỈ THỊ Tăng cường sử dụng chữ ký số và văn bản điện tử. Các sở, ngành và UBND các huyện "
                    "thực hiện nghiêm.",
        },
        "b_318.json": {
            "number": "318", "symbol": "UBND-VP", "doc_type": "Công văn", "date": "2021-04-12", "issuer": YEN_THANH,
            "subject": "chấn chỉnh, nâng cao tỷ lệ ký số",
            "text": "Thực hiện Chỉ thị số 08/CT-UBND ngày 12/3/2021 của Chủ tịch UBND tỉnh Nghệ An, tỷ lệ ký số "
                    "của xã Hậu Thành thấp (92/1.004). Yêu cầu UBND xã Hậu Thành báo cáo trước ngày 30/4/2021. "
                    "Giao Phòng Văn hóa và Thông tin chủ trì hướng dẫn, hoàn thành trước ngày 15/5/2021.",
            "refs": [CT08],
            "units": [{"name": "Hậu Thành", "kind": "xã", "canonical": "Xã Hậu Thành", "code": "17890",
                       "level": "xã"},
                      {"name": "Phòng Văn hóa và Thông tin", "kind": "phòng"}],
            "metrics": [{"unit": "Hậu Thành", "text": "92/1.004", "kind": "ratio", "numerator": 92,
                         "denominator": 1004, "value": 9.16}],
            "deadlines": [{"date": "2021-04-30", "text": "trước ngày 30/4/2021", "task": "báo cáo",
                           "assignees": ["UBND xã Hậu Thành"]}],
            "tasks": [{"assignee": "Phòng Văn hóa và Thông tin", "role": "lead", "action": "hướng dẫn",
                       "text": "Giao Phòng Văn hóa và Thông tin chủ trì hướng dẫn", "deadline": "2021-05-15"}],
        },
        "c_47.json": {
            "number": "47", "symbol": "TB-UBND", "doc_type": "Thông báo", "date": "2021-05-19", "issuer": YEN_THANH,
            "subject": "kết luận giao ban tháng 5",
            "text": "Theo Công văn số 318/UBND-VP ngày 12/4/2021 và Chỉ thị 08/CT-UBND, xã Hậu Thành đạt 18,6%. "
                    "Phòng Nội vụ tổng hợp, báo cáo trong tháng 6/2021.",
            "refs": [{"doc_type": "Công văn", "number": "318", "symbol": "UBND-VP", "date": "2021-04-12",
                      "issuer": "UBND huyện"}, CT08],
            "units": [{"name": "Hậu Thành", "kind": "xã", "canonical": "Xã Hậu Thành", "code": "17890"},
                      {"name": "Phòng Nội vụ", "kind": "phòng"}],
            "metrics": [{"unit": "Hậu Thành", "text": "18,6%", "value": 18.6, "label": "tỷ lệ ký số"}],
            "deadlines": [{"date": "2021-06", "text": "trong tháng 6/2021"}],
            "tasks": [{"assignee": "Phòng Nội vụ", "action": "tổng hợp, báo cáo",
                       "text": "Phòng Nội vụ tổng hợp, báo cáo trong tháng 6/2021"}],
        },
        "d_35.json": {
            "number": "35", "symbol": "BC-UBND", "doc_type": "Báo cáo", "date": "2021-06-25", "issuer": DIEN_HONG,
            "subject": "kết quả thực hiện Chỉ thị 08",
            "text": "Kết quả thực hiện Chỉ thị số 08/CT-UBND: xã Diễn Hồng đạt 94,5% văn bản ký số.",
            "refs": [CT08],
            "units": [{"name": "Diễn Hồng", "kind": "xã", "canonical": "Xã Diễn Hồng", "code": "17500",
                       "current_name": "Xã Diễn Châu", "current_code": "17501"}],
            "metrics": [{"unit": "Diễn Hồng", "text": "94,5%", "value": 94.5}],
        },
        "e_268.json": {
            "number": "268", "symbol": "BC-UBND", "doc_type": "Báo cáo", "date": "2021-07-09", "issuer": NAM_DAN,
            "subject": "6 tháng thực hiện Chỉ thị 08 về chữ ký số",
            "text": "Thực hiện Chỉ thị số 8/CT-UBND ngày 12/3/2021, xã Nam Hưng đạt 100%. Xã Đức Châu chưa đạt. "
                    "Đồng chí Chủ tịch UBND xã Nam Hưng báo cáo trước ngày 15/8/2021.",
            "refs": [dict(CT08, number="8")],
            "units": [{"name": "Nam Hưng", "kind": "xã"}, {"name": "Đức Châu", "kind": "xã"}],
            "metrics": [{"unit": "Nam Hưng", "text": "100%", "value": 100.0}],
            "deadlines": [{"date": "2021-08-15", "text": "trước ngày 15/8/2021",
                           "assignees": ["Chủ tịch UBND xã Nam Hưng"], "task": "báo cáo"}],
        },
    }


def write_corpus(folder: Path, specs: dict[str, dict[str, Any]] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in (specs or corpus_specs()).items():
        # .txt so that cli.iter_files picks them up as dispatches
        (folder / name.replace(".json", ".txt")).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return folder


def files_in(folder: Path) -> list[tuple[Path, str | None]]:
    return [(p, None) for p in sorted(folder.iterdir()) if p.is_file()]


def ingest_folder(db: Any, folder: Path, **kw: Any) -> st_.IngestReport:
    return st_.ingest(db, files_in(folder), fake_extract, **kw)


def snapshot(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows without the columns that record when they were written."""
    out = {}
    for table in st_.TABLES:
        cols = [c for c in db.table(table).columns_dict if c not in ("ingested_at", "time")]
        out[table] = [tuple(r[c] for c in cols) for r in db.query(f'select * from "{table}" order by 1')]
    return out


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture()
def db() -> Any:
    return st_.open_db(None)


# ---------------------------------------------------------------------------------------------
# folding


@pytest.mark.parametrize(
    "text, folded",
    [
        ("ký số", "ky so"),
        ("Đồng Khê", "Dong Khe"),
        ("đôn đốc", "don doc"),
        ("ƯỚC TÍNH", "UOC TINH"),
        ("Nghỉa Lộc", "Nghia Loc"),
        ("08/CT-UBND", "08/CT-UBND"),
        ("QĐ-UBND", "QD-UBND"),
    ],
)
def test_fold(text, folded):
    assert keys.fold(text) == folded


@given(st.text())
def test_fold_keeps_every_offset(text):
    folded = keys.fold(text)
    assert len(folded) == len(text)
    assert keys.fold(folded) == folded


@pytest.mark.parametrize(
    "func, value, expected",
    [
        (keys.number_key, "08", "8"),
        (keys.number_key, "0", "0"),
        (keys.number_key, "30c", "30C"),
        (keys.symbol_key, "UBND - TN MT", "UBND-TNMT"),
        (keys.symbol_key, "QĐ-UBND", "QD-UBND"),
        (keys.fold_key, "  Xã   Hậu Thành ", "xa hau thanh"),
    ],
)
def test_matching_keys(func, value, expected):
    assert func(value) == expected


@pytest.mark.parametrize(
    "number, year, symbol, shown",
    [("318", None, "UBND-VP", "318/UBND-VP"), ("12", "2021", "QĐ-UBND", "12/2021/QĐ-UBND"),
     (None, None, "KH-UBND", "(blank)/KH-UBND"), ("5", None, None, "5")],
)
def test_display_number(number, year, symbol, shown):
    assert keys.display_number(number, year, symbol) == shown


# ---------------------------------------------------------------------------------------------
# schema and ingest


def test_schema_has_every_table_with_foreign_keys_and_fts(db):
    names = set(db.table_names())
    assert set(st_.TABLES) <= names and "documents_fts" in names
    fks = {(fk.column, fk.other_table) for fk in db.table("metrics").foreign_keys}
    assert fks == {("document_id", "documents"), ("unit_id", "units")}
    assert ("cited_document_id", "documents") in {(fk.column, fk.other_table)
                                                  for fk in db.table("references").foreign_keys}
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1


def test_open_db_twice_applies_the_schema_once(tmp_path):
    path = tmp_path / "v.db"
    st_.open_db(path).close()
    db = st_.open_db(path)
    names = [r["name"] for r in db.query("select name from _sqlite_migrations")]
    assert names == ["m001_initial", "m002_query_lookups", "m003_unit_summary", "m004_citation_summary"]


def test_ingest_stores_every_family(db, corpus):
    report = ingest_folder(db, corpus)
    assert (report.ingested, report.unchanged, report.failed) == (5, 0, 0)
    assert st_.table_counts(db) == {
        "documents": 5, "document_paths": 5, "references": 5, "units": 6, "unit_mentions": 7,
        "metrics": 4, "deadlines": 3, "tasks": 2, "errors": 0,
    }
    doc = db.execute("select * from documents where number = '318'").fetchone()
    row = dict(zip([d[0] for d in db.execute("select * from documents").description], doc, strict=True))
    assert row["issuer_locality"] == "Yên Thành" and row["area"] == "huyện Yên Thành"
    contract = json.loads(row["dispatch"])
    assert contract["header"]["symbol"] == "UBND-VP" and contract["units"][0]["name"] == "Hậu Thành"
    # the metric is tied to the corpus-wide row of its unit
    unit = db.execute("select u.code from metrics m join units u on u.id = m.unit_id where m.value = 9.16").fetchone()
    assert unit == ("17890",)


def test_ingesting_twice_changes_nothing_and_says_so(db, corpus):
    ingest_folder(db, corpus)
    before = snapshot(db)
    report = ingest_folder(db, corpus)
    assert (report.ingested, report.unchanged, report.failed) == (0, 5, 0)
    assert "0 ingested, 5 unchanged, 0 failed" == report.summary()
    assert snapshot(db) == before


def test_reingest_does_not_extract_unchanged_files(db, corpus):
    ingest_folder(db, corpus)
    calls = []

    def counting(data: bytes, name: str) -> Dispatch:
        calls.append(name)
        return fake_extract(data, name)

    st_.ingest(db, files_in(corpus), counting)
    assert calls == []
    st_.ingest(db, files_in(corpus), counting, refresh=True)
    assert len(calls) == 5


def test_refresh_rewrites_rows_in_place(db, corpus):
    ingest_folder(db, corpus)
    before = snapshot(db)
    report = ingest_folder(db, corpus, refresh=True)
    assert report.ingested == 5 and report.unchanged == 0
    after = snapshot(db)
    assert after["documents"] == before["documents"] and after["references"] != []
    assert st_.table_counts(db)["metrics"] == 4


def test_a_changed_file_replaces_its_old_rows(db, corpus):
    ingest_folder(db, corpus)
    old_id = db.execute("select id from documents where number = '318'").fetchone()[0]
    spec = corpus_specs()["b_318.json"]
    spec["text"] = spec["text"].replace("(92/1.004)", "(100/1.004)")
    spec["metrics"] = [{"unit": "Hậu Thành", "text": "100/1.004", "kind": "ratio", "numerator": 100,
                        "denominator": 1004, "value": 9.96}]
    write_corpus(corpus, {"b_318.json": spec})
    report = ingest_folder(db, corpus)
    assert (report.ingested, report.replaced, report.unchanged) == (1, 1, 4)
    assert db.execute("select count(*) from documents where id = ?", [old_id]).fetchone()[0] == 0
    assert [r[0] for r in db.execute("select value from metrics where numerator is not null")] == [9.96]
    assert st_.table_counts(db)["documents"] == 5
    # 47/TB-UBND still cites the new version of 318/UBND-VP
    new_id = db.execute("select id from documents where number = '318'").fetchone()[0]
    linked = db.execute('select cited_document_id from "references" where number = \'318\'').fetchone()[0]
    assert linked == new_id != old_id


def test_same_bytes_at_two_paths_are_one_document(db, corpus, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "same.txt").write_bytes((corpus / "b_318.txt").read_bytes())
    ingest_folder(db, corpus)
    report = st_.ingest(db, files_in(copy), fake_extract)
    assert (report.ingested, report.linked) == (1, 1)
    assert st_.table_counts(db)["documents"] == 5
    paths = [r[0] for r in db.execute(
        "select p.path from document_paths p join documents d on d.id = p.document_id where d.number = '318'")]
    assert sorted(Path(p).name for p in paths) == ["b_318.txt", "same.txt"]
    # a change at one path leaves the document of the other path alone
    (copy / "same.txt").write_text(json.dumps(corpus_specs()["a_ct08.json"] | {"number": "09"}), encoding="utf-8")
    st_.ingest(db, files_in(copy), fake_extract)
    assert db.execute("select count(*) from documents where number = '318'").fetchone()[0] == 1
    assert st_.table_counts(db)["documents"] == 6


def test_two_copies_in_one_batch(db, tmp_path):
    folder = write_corpus(tmp_path / "c", {"x1.json": corpus_specs()["a_ct08.json"],
                                           "x2.json": corpus_specs()["a_ct08.json"]})
    report = ingest_folder(db, folder)
    assert (report.ingested, report.linked) == (2, 1)
    assert st_.table_counts(db)["documents"] == 1 and st_.table_counts(db)["document_paths"] == 2


def test_bad_files_are_recorded_and_the_batch_goes_on(db, corpus, tmp_path):
    (corpus / "scan.txt").write_bytes(b"\x00\x01\x02binary")
    broken = corpus_specs()["a_ct08.json"] | {"explode": True, "number": "99"}
    (corpus / "zz_bug.txt").write_text(json.dumps(broken), encoding="utf-8")
    files = [*files_in(corpus), (tmp_path / "missing.txt", "no such file or directory")]
    report = st_.ingest(db, files, fake_extract)
    assert (report.ingested, report.failed) == (5, 3)
    errors = {Path(r["path"]).name: r for r in db.query("select * from errors")}
    assert errors["scan.txt"]["stage"] == "read" and "binary" in errors["scan.txt"]["message"]
    assert errors["scan.txt"]["sha256"] == sha256(b"\x00\x01\x02binary")
    assert errors["zz_bug.txt"]["stage"] == "extract" and "ValueError" in errors["zz_bug.txt"]["message"]
    assert errors["missing.txt"]["message"] == "no such file or directory"
    # fixed later: the error row goes away, the document comes in
    (corpus / "zz_bug.txt").write_text(json.dumps(corpus_specs()["a_ct08.json"] | {"number": "99"}),
                                       encoding="utf-8")
    (corpus / "scan.txt").unlink()
    report = ingest_folder(db, corpus)
    assert (report.ingested, report.failed) == (1, 0)
    # the fixed file's error is gone; the others stay on record until those files are ingested
    assert sorted(Path(r[0]).name for r in db.execute("select path from errors")) == ["missing.txt", "scan.txt"]


def test_citations_link_whatever_order_documents_arrive_in(db, corpus, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    for name in ("c_47.txt", "d_35.txt", "e_268.txt"):
        (first / name).write_bytes((corpus / name).read_bytes())
    ingest_folder(db, first)
    assert db.execute('select count(*) from "references" where cited_document_id is not null').fetchone()[0] == 0
    ingest_folder(db, corpus)
    links = {(r["number"], r["cited"]) for r in db.query(
        'select r.number, c.number as cited from "references" r join documents c on c.id = r.cited_document_id')}
    assert links == {("318", "318"), ("08", "08"), ("8", "08")}
    assert db.execute('select count(*) from "references" where cited_document_id is null').fetchone()[0] == 0


def _links(db: Any) -> dict[int, int | None]:
    return {r[0]: r[1] for r in db.execute('select id, cited_document_id from "references"')}


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_links_after_each_write_are_those_of_a_full_relink(tmp_path, order):
    """Each write links again only the citations it can change; the result is the store's full relink,
    whatever the order of arrival, replacements (a file's number changes) and refreshes."""
    import random

    specs = corpus_specs()
    names = sorted(specs)
    random.Random(order).shuffle(names)
    folder = tmp_path / "c"
    db = st_.open_db(tmp_path / "s.db")
    for name in names:  # one document at a time
        write_corpus(folder, {name: specs[name]})
        ingest_folder(db, folder)
    # a file gets other bytes: its document (the cited directive) takes another number, then comes back
    directive = folder / "a_ct08.txt"
    directive.write_text(json.dumps(specs["a_ct08.json"] | {"number": "09"}, ensure_ascii=False), encoding="utf-8")
    ingest_folder(db, folder)
    unlinked = _links(db)
    directive.write_text(json.dumps(specs["a_ct08.json"], ensure_ascii=False), encoding="utf-8")
    ingest_folder(db, folder, refresh=bool(order % 2))
    incremental = _links(db)
    st_.Store(db).relink()
    assert _links(db) == incremental
    assert sum(v is not None for v in incremental.values()) > sum(v is not None for v in unlinked.values())


@pytest.mark.parametrize(
    "ref, docs, chosen",
    [
        # same number and symbol, another year: another document
        ({"year_key": "2022", "date": None, "issuer": None}, [(2, "2021", "2021-03-12", "Nghệ An")], None),
        # two full dates that differ are two documents
        ({"year_key": "2021", "date": "2021-01-20", "issuer": None}, [(2, "2021", "2021-01-25", "Diễn Châu")], None),
        ({"year_key": "2021", "date": "2021-03-12", "issuer": None}, [(2, "2021", "2021-03-12", "Nghệ An")], 2),
        # two candidates: the locality the citation names decides
        ({"year_key": "2021", "date": None, "issuer": "UBND huyện Diễn Châu"},
         [(2, "2021", "2021-01-25", "Diễn Châu"), (3, "2021", "2021-02-01", "Yên Thành")], 2),
        # a tie stays unlinked
        ({"year_key": "2021", "date": None, "issuer": None},
         [(2, "2021", "2021-01-25", "Diễn Châu"), (3, "2021", "2021-02-01", "Yên Thành")], None),
        # a document never cites itself
        ({"year_key": "2021", "date": None, "issuer": None}, [(1, "2021", "2021-01-25", "Diễn Châu")], None),
    ],
)
def test_choose_the_cited_document(ref, docs, chosen):
    cands = [{"id": i, "year_key": y, "date": d, "issuer_locality": loc} for i, y, d, loc in docs]
    assert st_._choose({"document_id": 1, **ref}, cands) == chosen


def test_units_are_one_row_across_the_corpus(db, corpus):
    ingest_folder(db, corpus)
    rows = {r["name"]: r for r in db.query("select * from units")}
    assert rows["Xã Hậu Thành"]["code"] == "17890"
    assert db.execute("select count(*) from unit_mentions m join units u on u.id = m.unit_id "
                      "where u.code = '17890'").fetchone()[0] == 2
    assert rows["Xã Diễn Hồng"]["current_name"] == "Xã Diễn Châu"
    # a unit no document names any more is dropped with its last document
    write_corpus(corpus, {"d_35.json": corpus_specs()["a_ct08.json"] | {"number": "36"}})
    ingest_folder(db, corpus)
    assert "Xã Diễn Hồng" not in {r["name"] for r in db.query("select name from units")}


# ---------------------------------------------------------------------------------------------
# full-text search


@pytest.mark.parametrize("query", ["ky so", "ký số", "KÝ SỐ", "Ky So"])
def test_fts_finds_diacritics_either_way(db, corpus, query):
    ingest_folder(db, corpus)
    numbers = {r["number"] for r in db.query(
        "select d.number from documents_fts join documents d on d.id = documents_fts.rowid "
        "where documents_fts match ?", [keys.fold(query)])}
    assert {"08", "318", "35", "268"} <= numbers


def test_fts_folds_d_with_stroke(db, corpus):
    ingest_folder(db, corpus)
    hits = [r[0] for r in db.execute(
        "select d.number from documents_fts join documents d on d.id = documents_fts.rowid "
        "where documents_fts match ?", ["dong chi"])]
    assert hits == ["268"]


# ---------------------------------------------------------------------------------------------
# an interrupted ingest


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from test_store import fake_extract, files_in
    from pathlib import Path
    from vbminer import store

    db = store.open_db({db!r})
    # die inside the third document's transaction, after some of its rows are written
    db.conn.create_function("die", 0, lambda: os.kill(os.getpid(), signal.SIGKILL))
    db.execute("create temp trigger kill_me after insert on metrics "
               "when (select count(*) from documents) >= 3 begin select die(); end")
    store.ingest(db, files_in(Path({folder!r})), fake_extract)
    """
)


def test_killed_ingest_then_rerun_equals_an_uninterrupted_run(corpus, tmp_path):
    killed = tmp_path / "killed.db"
    script = KILLER.format(tests=str(Path(__file__).parent), db=str(killed), folder=str(corpus))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    partial = st_.open_db(killed)
    assert 0 < st_.table_counts(partial)["documents"] < 5  # whole documents only, some of them
    assert all(r[0] for r in partial.execute(
        "select exists(select 1 from document_paths p where p.document_id = d.id) from documents d"))
    report = ingest_folder(partial, corpus)
    assert report.unchanged == st_.table_counts(partial)["documents"] - report.ingested
    clean = st_.open_db(tmp_path / "clean.db")
    ingest_folder(clean, corpus)
    assert snapshot(partial) == snapshot(clean)


# ---------------------------------------------------------------------------------------------
# the command, with the real pipeline


def test_cli_ingest_summary_and_exit_code(tmp_path):
    db = tmp_path / "v.db"
    folder = tmp_path / "in"
    folder.mkdir()
    for src in DISPATCHES[:2]:
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "scan.md").write_bytes(b"%PDF-1.4 not text")  # a broken PDF, whatever its name
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "2 ingested, 0 unchanged, 1 failed" in result.stdout
    assert "scan.md" in result.stderr and "PDF cannot be opened" in result.stderr
    (folder / "scan.md").unlink()
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) | {"db": None} == {
        "ingested": 0, "replaced": 0, "linked": 0, "unchanged": 2, "failed": 0, "failures": [], "db": None}
    errors = list(st_.open_db(db).query("select path, stage, message from errors"))
    assert [(Path(e["path"]).name, e["stage"]) for e in errors] == [("scan.md", "read")]


def test_cli_ingest_defaults_to_vbminer_db_here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "one.txt"
    src.write_bytes(DISPATCHES[0].read_bytes())
    result = runner.invoke(app, ["ingest", str(src)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "vbminer.db").is_file()


def test_query_commands_do_not_import_the_pipeline(tmp_path):
    code = ("import sys; from vbminer import cli, queries, store, export; "
            "bad = [m for m in ('spacy', 'underthesea', 'vbminer.pipeline') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ})
    assert out.stdout.strip() == "[]", out.stderr
