"""Queries on the store (units, refs, deadlines, search, show), their commands, and an end-to-end
run over ``corpora/`` with the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPORA, DISPATCHES
from test_store import corpus_specs, ingest_folder, write_corpus
from typer.testing import CliRunner

from vbminer import queries as q
from vbminer import store
from vbminer.cli import app

runner = CliRunner()
AS_OF = dt.date(2021, 6, 1)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    root = tmp_path_factory.mktemp("queries")
    folder = write_corpus(root / "corpus")
    path = root / "v.db"
    db = store.open_db(path)
    ingest_folder(db, folder)
    return db, path


@pytest.fixture()
def db(corpus_db):
    return corpus_db[0]


# ---------------------------------------------------------------------------------------------
# units


def test_units_overview(db):
    rows = {r["name"]: r for r in q.units_overview(db)}
    assert (rows["Xã Hậu Thành"]["documents"], rows["Xã Hậu Thành"]["districts"]) == (2, 1)
    assert rows["Xã Diễn Hồng"]["current_name"] == "Xã Diễn Châu"
    assert list(rows)[0] == "Xã Hậu Thành"  # most documents first


@pytest.mark.parametrize("name", ["Hậu Thành", "hau thanh", "xã Hậu Thành", "XA HAU THANH", "Xã Hậu Thành", "17890"])
def test_unit_history_by_any_spelling(db, name):
    [unit] = q.unit_history(db, name)
    assert unit["code"] == "17890"
    assert [d["number"] for d in unit["documents"]] == ["47/TB-UBND", "318/UBND-VP"]  # newest first
    assert [f["value"] for f in unit["documents"][0]["figures"]] == [18.6]
    ratio = unit["documents"][1]["figures"][0]
    assert (ratio["numerator"], ratio["denominator"], ratio["kind"]) == (92, 1004, "ratio")


def test_unit_by_its_new_name_and_with_d_stroke(db):
    assert [u["name"] for u in q.unit_history(db, "xa dien chau")] == ["Xã Diễn Hồng"]
    assert [u["name"] for u in q.unit_history(db, "duc chau")] == ["Đức Châu"]
    assert q.unit_history(db, "Nowhere") == []


def test_units_name_must_not_be_blank(db):
    with pytest.raises(q.QueryError):
        q.unit_history(db, "  ")


# ---------------------------------------------------------------------------------------------
# refs


@pytest.mark.parametrize("text", ["08/CT-UBND", "8/CT-UBND", "08/ct-ubnd", "Chỉ thị 08", "chi thi so 8",
                                  "08/CT-UBND tỉnh Nghệ An", "08/CT-UBND của UBND tỉnh Nghệ An"])
def test_followers_of_a_directive(db, text):
    [target] = q.cited_by(db, text)
    assert target["document"]["number"] == "08/CT-UBND"
    assert target["cited_by"] == 4
    assert [(g["area"], [d["number"] for d in g["documents"]]) for g in target["districts"]] == [
        ("huyện Yên Thành", ["318/UBND-VP", "47/TB-UBND"]),
        ("xã Diễn Hồng", ["35/BC-UBND"]),
        ("huyện Nam Đàn", ["268/BC-UBND"]),
    ]


def test_followers_filtered_by_another_issuer(db):
    assert q.cited_by(db, "08/CT-UBND tỉnh Thanh Hóa") == []
    assert q.cited_by(db, "08/2020/CT-UBND") == []


@pytest.mark.parametrize("text", ["", "hello", "CT-UBND"])
def test_unreadable_document_numbers(db, text):
    with pytest.raises(q.QueryError, match="document number"):
        q.cited_by(db, text)


def test_most_cited(db):
    rows = q.most_cited(db)
    assert [(r["key"], r["cited_by"], r["districts"]) for r in rows] == [
        ("08/CT-UBND", 4, 3), ("318/UBND-VP", 1, 1)]
    assert rows[1]["document"]["id"] == q.find_document(db, "318/UBND-VP")


# ---------------------------------------------------------------------------------------------
# deadlines


def _rows(db, **kw):
    return [(r["due"], r["assignee"], r["days_left"]) for r in q.deadline_rows(db, as_of=AS_OF, **kw)]


def test_deadline_tracker_rows(db):
    assert _rows(db) == [
        ("2021-04-30", "UBND xã Hậu Thành", -32),
        ("2021-05-15", "Phòng Văn hóa và Thông tin", -17),  # a task's own deadline
        ("2021-06-30", "Phòng Nội vụ", 29),  # 'trong tháng 6/2021' names nobody: the task around it does
        ("2021-08-15", "Chủ tịch UBND xã Nam Hưng", 75),
    ]
    first = q.deadline_rows(db, as_of=AS_OF)[0]
    assert first["number"] == "318/UBND-VP" and first["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH"
    assert first["status"] == "overdue 32 days" and first["task"] == "báo cáo"


@pytest.mark.parametrize(
    "kw, dues",
    [
        ({"overdue": True}, ["2021-04-30", "2021-05-15"]),
        ({"date_from": dt.date(2021, 5, 15)}, ["2021-05-15", "2021-06-30", "2021-08-15"]),
        ({"date_to": dt.date(2021, 6, 30)}, ["2021-04-30", "2021-05-15", "2021-06-30"]),
        ({"assignee": "nam hung"}, ["2021-08-15"]),
        ({"assignee": "Phòng"}, ["2021-05-15", "2021-06-30"]),
    ],
)
def test_deadline_filters(db, kw, dues):
    assert [r[0] for r in _rows(db, **kw)] == dues


@pytest.mark.parametrize(
    "value, last",
    [("2021-08-15", dt.date(2021, 8, 15)), ("2022-11", dt.date(2022, 11, 30)), ("2024-02", dt.date(2024, 2, 29)),
     ("2021", dt.date(2021, 12, 31)), ("later", None), (None, None), ("2021-02-30", None)],
)
def test_last_day(value, last):
    assert q.last_day(value) == last


@pytest.mark.parametrize("text, date", [("2021-08-15", dt.date(2021, 8, 15)), ("15/8/2021", dt.date(2021, 8, 15)),
                                        ("05.12.2022", dt.date(2022, 12, 5))])
def test_parse_date(text, date):
    assert q.parse_date(text, "--from") == date


@pytest.mark.parametrize("text", ["tomorrow", "31/2/2021", "2021/08/15"])
def test_parse_date_refuses(text):
    with pytest.raises(q.QueryError, match="--from"):
        q.parse_date(text, "--from")


# ---------------------------------------------------------------------------------------------
# search


@pytest.mark.parametrize("query", ["ky so", "ký số", '"ky so"', "ký*"])
def test_search_with_and_without_diacritics(db, query):
    rows = q.search(db, query)
    assert {"08/CT-UBND", "318/UBND-VP"} <= {r["number"] for r in rows}
    text = {r["number"]: r for r in rows}["318/UBND-VP"]
    assert "[ký" in text["snippet"]  # [ký] [số], or [ký số] for the phrase


def test_search_matches_point_into_the_original_text(db):
    for row in q.search(db, "hau thanh"):
        full = db.table("documents").get(row["id"])["text"]
        assert row["matches"] and all(store.fold_key(full[s:e]) in ("hau", "thanh") for s, e in row["matches"])


def test_search_d_with_stroke_and_symbols(db):
    assert [r["number"] for r in q.search(db, "dong chi")] == ["268/BC-UBND"]
    assert "318/UBND-VP" in {r["number"] for r in q.search(db, "08/CT-UBND")}  # not FTS syntax: plain words


@pytest.mark.parametrize("query", ['"ky so', "ky AND", "(ky"])
def test_search_syntax_errors_are_clear(db, query):
    try:
        rows = q.search(db, query)
    except q.QueryError as exc:
        assert "cannot search for" in str(exc)
    else:  # read as plain words instead
        assert isinstance(rows, list)


def test_search_unterminated_quote_is_an_error(db):
    with pytest.raises(q.QueryError, match="double quotes"):
        q.search(db, '"ky so')


def test_snippet_is_around_the_best_match():
    text = "Số: 1. " + "x " * 100 + "tỷ lệ ký số thấp"
    ranges = [(0, 2), (text.index("ký"), text.index("ký") + 2), (text.index("số t"), text.index("số t") + 2)]
    assert "[ký] [số]" in q.snippet(text, ranges)


# ---------------------------------------------------------------------------------------------
# show


def test_show_by_id_path_and_number(db, corpus_db):
    doc_id = q.find_document(db, "318/UBND-VP")
    path = db.execute("select path from document_paths where document_id = ?", [doc_id]).fetchone()[0]
    assert q.find_document(db, str(doc_id)) == doc_id
    assert q.find_document(db, path) == doc_id
    assert q.find_document(db, "b_318.txt") == doc_id
    assert q.find_document(db, "Công văn 318") == doc_id
    shown = q.show(db, "318/UBND-VP")
    assert shown["header"]["display_number"] == "318/UBND-VP"
    assert [r["key"] for r in shown["references"]] == ["08/CT-UBND"]
    assert shown["references"][0]["document_id"] == q.find_document(db, "08/CT-UBND")
    assert [c["number"] for c in shown["cited_by"]] == ["47/TB-UBND"]
    assert [m["value"] for m in shown["metrics"]] == [9.16]
    assert [d["assignees"] for d in shown["deadlines"]] == [["UBND xã Hậu Thành"]]
    assert [t["role"] for t in shown["tasks"]] == ["lead"]
    text = q.render_show(shown)
    assert "318/UBND-VP" in text and "Cited by" in text and "UBND xã Hậu Thành" in text


@pytest.mark.parametrize("doc, message", [("999/XX-YY", "no stored document"), ("nothing here", "no document"),
                                          ("BC-UBND", "no document")])
def test_show_unknown(db, doc, message):
    with pytest.raises(q.QueryError, match=message):
        q.find_document(db, doc)


def test_show_ambiguous_lists_the_candidates(tmp_path):
    specs = corpus_specs()
    other = dict(specs["b_318.json"], issuer=["ỦY BAN NHÂN DÂN HUYỆN NAM ĐÀN", "huyện", "Nam Đàn"])
    db = store.open_db(None)
    ingest_folder(db, write_corpus(tmp_path / "c", {"x.json": specs["b_318.json"], "y.json": other}))
    with pytest.raises(q.QueryError, match="2 documents fit"):
        q.find_document(db, "318/UBND-VP")
    assert q.find_document(db, "318/UBND-VP Nam Đàn") == 2


# ---------------------------------------------------------------------------------------------
# the commands


def _run(path: Path, *args: str):
    return runner.invoke(app, [*args, "--db", str(path)])


def test_commands_print_text_and_json(corpus_db):
    _, path = corpus_db
    result = _run(path, "units")
    assert result.exit_code == 0 and "Xã Hậu Thành" in result.stdout
    result = _run(path, "units", "hau thanh", "--json")
    assert json.loads(result.stdout)[0]["code"] == "17890"
    result = _run(path, "refs", "08/CT-UBND")
    assert result.exit_code == 0 and "huyện Nam Đàn" in result.stdout and "268/BC-UBND" in result.stdout
    result = _run(path, "refs", "--json")
    assert json.loads(result.stdout)[0]["key"] == "08/CT-UBND"
    result = _run(path, "search", "ky so", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["snippet"]
    result = _run(path, "show", "47/TB-UBND")
    assert result.exit_code == 0 and "Thông báo" in result.stdout
    result = _run(path, "deadlines", "--as-of", "2021-06-01", "--overdue")
    assert result.exit_code == 0 and "overdue 32 days" in result.stdout and "Nam Hưng" not in result.stdout


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["search", '"ky so'], 2, "double quotes"),
        (["search", "zzzz"], 1, "no match"),
        (["refs", "hello"], 2, "document number"),
        (["show", "nothing"], 2, "no document"),
        (["deadlines", "--from", "tomorrow"], 2, "not a date"),
        (["deadlines", "--format", "pdf"], 2, "unknown format"),
        (["units", "Nowhere"], 1, "no unit"),
    ],
)
def test_command_errors(corpus_db, args, code, message):
    result = _run(corpus_db[1], *args)
    assert result.exit_code == code
    assert message in result.output


def test_query_on_a_missing_database_is_an_error(tmp_path):
    result = _run(tmp_path / "none.db", "units")
    assert result.exit_code == 2 and "vbminer ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("command", ["ingest", "units", "refs", "deadlines", "search", "show"])
def test_every_new_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


# ---------------------------------------------------------------------------------------------
# end to end: corpora/ with the real pipeline


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "corpora.db"
    result = runner.invoke(app, ["ingest", str(CORPORA / "dispatches"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{len(DISPATCHES)} ingested, 0 unchanged, 0 failed" in result.stdout
    return path


def test_e2e_reingest_changes_no_count(real_db):
    db = store.open_db(real_db)
    before = store.table_counts(db)
    result = runner.invoke(app, ["ingest", str(CORPORA / "dispatches"), "--db", str(real_db)])
    assert f"0 ingested, {len(DISPATCHES)} unchanged, 0 failed" in result.stdout
    assert store.table_counts(store.open_db(real_db)) == before
    assert before["documents"] == before["document_paths"] == len(DISPATCHES)


def test_e2e_search_and_show(real_db):
    result = _run(real_db, "search", "ky so", "--json")
    hits = {r["number"] for r in json.loads(result.stdout)}
    assert {"318/UBND-VP", "12/2021/QĐ-UBND"} <= hits
    shown = json.loads(_run(real_db, "show", "318/UBND-VP", "--json").stdout)
    assert shown["area"] == "huyện Yên Thành" and shown["header"]["signer"]["name"] == "Nguyễn Đình Thắng"


def test_e2e_followers_of_chi_thi_08(real_db):
    # corpora/README.md: Chỉ thị 08/CT-UBND ngày 12/3/2021 is cited by 001, 006, 007, 017
    targets = json.loads(_run(real_db, "refs", "08/CT-UBND", "--json").stdout)
    numbers = {d["number"] for t in targets for g in t["districts"] for d in g["documents"]}
    assert {"318/UBND-VP", "47/TB-UBND", "35/BC-UBND", "268/BC-UBND"} <= numbers
    # 38/KH-UBND of Diễn Châu (= 022) is stored and cited by 004
    targets = json.loads(_run(real_db, "refs", "38/KH-UBND", "--json").stdout)
    linked = [t for t in targets if t["document"]]
    assert linked and linked[0]["document"]["number"] == "38/KH-UBND"
    assert "2318/QĐ-UBND" in {d["number"] for g in linked[0]["districts"] for d in g["documents"]}


def test_e2e_units_and_deadlines(real_db):
    db = store.open_db(real_db)
    counts = store.table_counts(db)
    if not counts["units"] or not counts["deadlines"]:
        pytest.skip("unit and deadline extraction have not landed yet")
    # gold of 001: xã Lăng Thành is named with the ratio 38/640
    [unit] = q.unit_history(db, "Lang Thanh")
    assert unit["documents"][0]["number"] == "318/UBND-VP"
    assert any(f["numerator"] == 38 and f["denominator"] == 640 for f in unit["documents"][0]["figures"])
    assert q.deadline_rows(db)
