"""Exports of the deadline tracker, read back with their own libraries: csv, openpyxl, icalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from test_store import ingest_folder, write_corpus
from typer.testing import CliRunner

from vbminer import export, queries, store
from vbminer.cli import app

runner = CliRunner()
AS_OF = "2021-06-01"
DUES = ["2021-04-30", "2021-05-15", "2021-06-30", "2021-08-15"]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    path = root / "v.db"
    ingest_folder(store.open_db(path), write_corpus(root / "corpus"))
    return path


def deadlines(db_path: Path, *args: str):
    return runner.invoke(app, ["deadlines", "--db", str(db_path), "--as-of", AS_OF, *args])


def test_csv_file(db_path, tmp_path):
    out = tmp_path / "d.csv"
    result = deadlines(db_path, "-o", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    titles = [c.title for c in export.DEADLINE_COLUMNS]
    assert list(rows[0]) == titles
    assert [r["Hạn (deadline)"] for r in rows] == DUES
    assert rows[0]["Số/ký hiệu"] == "318/UBND-VP" and rows[0]["Còn lại (days left)"] == "-32"
    assert rows[3]["Đơn vị thực hiện (assignee)"] == "Chủ tịch UBND xã Nam Hưng"


def test_csv_to_stdout(db_path):
    result = deadlines(db_path, "--format", "csv", "--assignee", "Nam Hưng")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and rows[1][0] == "2021-08-15"


def test_xlsx_file(db_path, tmp_path):
    out = tmp_path / "d.xlsx"
    result = deadlines(db_path, "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header == [c.title for c in export.DEADLINE_COLUMNS]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{len(DUES) + 1}"
    assert ws.column_dimensions["E"].width == 60
    dues = [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)]
    assert [d.date().isoformat() for d in dues] == DUES  # real dates, not text
    assert ws.cell(row=2, column=2).value == -32


def test_xlsx_needs_a_file(db_path):
    result = deadlines(db_path, "--format", "xlsx")
    assert result.exit_code == 2 and "--out" in result.stderr


def test_ics_file(db_path, tmp_path):
    out = tmp_path / "d.ics"
    result = deadlines(db_path, "--format", "ics", "-o", str(out))
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert sorted(e.decoded("dtstart").isoformat() for e in events) == DUES
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtend") == dt.date(2021, 5, 1)
    assert "318/UBND-VP" in str(first.get("summary"))
    assert "UBND xã Hậu Thành" in str(first.get("description"))
    assert len({str(e.get("uid")) for e in events}) == len(events)


def test_ics_uids_are_stable(db_path):
    rows = queries.deadline_rows(store.open_db(db_path), as_of=dt.date(2021, 6, 1))
    now = dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc)
    assert export.ics_bytes(rows, now=now) == export.ics_bytes(rows, now=now)
    uids = [str(e.get("uid")) for e in Calendar.from_ical(export.ics_bytes(rows)).walk("VEVENT")]
    again = [str(e.get("uid")) for e in Calendar.from_ical(export.ics_bytes(rows)).walk("VEVENT")]
    assert uids == again


def test_ics_gathers_the_assignees_of_one_deadline():
    base = {"due": "2021-08-15", "uid": "u1@vbminer", "task": "báo cáo", "number": "1/UBND", "deadline_text": None,
            "doc_type": None, "doc_date": None, "issuer": None, "subject": None}
    rows = [base | {"assignee": "Phòng Nội vụ"}, base | {"assignee": "Phòng Tư pháp"},
            base | {"due": None, "uid": "u2@vbminer", "assignee": None}]
    [event] = Calendar.from_ical(export.ics_bytes(rows)).walk("VEVENT")
    assert "Phòng Nội vụ; Phòng Tư pháp" in str(event.get("description"))


def test_json_export(db_path, tmp_path):
    rows = json.loads(deadlines(db_path, "--json").stdout)
    assert [r["due"] for r in rows] == DUES
    assert set(rows[0]) >= {"deadline", "due", "days_left", "status", "assignee", "task", "number", "document_id"}
    out = tmp_path / "d.json"
    assert deadlines(db_path, "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == rows


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "ics", "json"])
def test_never_overwrite_without_force(db_path, tmp_path, suffix):
    out = tmp_path / f"d.{suffix}"
    out.write_text("keep me", encoding="utf-8")
    result = deadlines(db_path, "-o", str(out))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert deadlines(db_path, "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() != b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_export_into_a_missing_directory(db_path, tmp_path):
    result = deadlines(db_path, "-o", str(tmp_path / "nowhere" / "d.csv"))
    assert result.exit_code == 2 and "no such directory" in result.stderr


def test_csv_text_quotes_and_lists():
    cols = (export.Column("a", "A"), export.Column("b", "B"))
    text = export.csv_text([{"a": 'say "hi", twice', "b": ["x", "y"]}, {"a": None, "b": 3}], cols)
    assert list(csv.reader(io.StringIO(text))) == [["A", "B"], ['say "hi", twice', "x; y"], ["", "3"]]
