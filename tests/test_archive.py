"""Archival metadata (Thông tư 02/2019/TT-BNV): rows from the extraction, CSV and XLSX read back."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import DISPATCHES

from vbminer import rules
from vbminer.archive import columns, row_for, write_csv, write_xlsx
from vbminer.pipeline import extract_path, extract_text


@pytest.fixture(scope="module")
def objs():
    return [extract_path(p).to_json() for p in DISPATCHES]


def test_columns_follow_the_circular_then_extras():
    labels = columns()
    assert labels[:9] == [
        "Mã định danh văn bản", "Mã hồ sơ", "Số thứ tự văn bản trong hồ sơ", "Tên loại văn bản", "Số của văn bản",
        "Ký hiệu của văn bản", "Ngày, tháng, năm văn bản", "Tên cơ quan, tổ chức ban hành văn bản",
        "Trích yếu nội dung",
    ]
    extras = [f.label for f in rules.archive_fields().fields if f.extra]
    assert labels[-len(extras):] == extras


def test_rows_match_the_extraction(objs):
    for obj in objs:
        row = row_for(obj)
        h = obj["header"]
        assert row["Số của văn bản"] == h["number"]
        assert row["Ký hiệu của văn bản"] == h["symbol"]
        assert row["Tên loại văn bản"] == h["doc_type"]
        assert row["Trích yếu nội dung"] == h["subject"]
        assert row["Ngôn ngữ"] == "Tiếng Việt"
        assert row["Mã hồ sơ"] is None  # only the archivist knows it
        if h["date"] and len(h["date"]) == 10:
            assert row["Ngày, tháng, năm văn bản"] == dt.date.fromisoformat(h["date"])
        # text files have no page count: left empty and said so, never guessed
        assert row["Số lượng trang của văn bản"] is None
        assert "Số lượng trang của văn bản" in row["Cảnh báo"]


def test_partial_date_and_draft():
    text = ("ỦY BAN NHÂN DÂN\nXÃ NAM THANH\nSố: /KH-UBND\nNam Thanh, ngày tháng 7 năm 2021\nKẾ HOẠCH\nThử nghiệm\n"
            "Nội dung./.\n")
    row = row_for(extract_text(text).to_json())
    assert row["Ngày, tháng, năm văn bản"] == "07/2021"
    assert "không đầy đủ" in row["Cảnh báo"] and "Số của văn bản" in row["Cảnh báo"]
    assert row["Ghi chú"] == "Số hoặc ngày còn để trống"


def test_csv_has_bom_and_is_safe_against_formulas(objs, tmp_path):
    rows = [row_for(o) for o in objs]
    rows[0]["Trích yếu nội dung"] = "=HYPERLINK(\"http://x\")"
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        write_csv(rows, fh)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert len(back) == len(objs)
    assert back[0]["Trích yếu nội dung"].startswith("'=")
    assert back[1]["Ký hiệu của văn bản"] == objs[1]["header"]["symbol"]


def test_xlsx_read_back_field_by_field(objs, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = [row_for(o) for o in objs]
    path = tmp_path / "a.xlsx"
    write_xlsx(rows, path)
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    header = [c.value for c in ws[1]]
    assert header == columns()
    for excel_row, row in zip(ws.iter_rows(min_row=2, values_only=True), rows, strict=True):
        for label, value in zip(header, excel_row, strict=True):
            want = row[label]
            if isinstance(want, dt.date):
                assert value.date() == want
            else:
                assert value == want, label


def test_write_csv_to_string():
    buf = io.StringIO()
    write_csv([], buf)
    assert buf.getvalue().splitlines()[0].startswith("Mã định danh văn bản,")
