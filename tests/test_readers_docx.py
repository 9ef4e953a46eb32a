"""DOCX (python-docx) and .doc (through LibreOffice) reading: document order, layout tables, legacy fonts."""

from __future__ import annotations

import io
from functools import cache

import pytest
from docx import Document
from docx.shared import Pt
from readers_common import FIXTURES, SAMPLES, header_differences, original

from vbminer.pipeline import extract_path
from vbminer.read import ReadError, read_bytes
from vbminer.readers import doc as doc_reader

needs_soffice = pytest.mark.skipif(
    not doc_reader.available(),
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui to run the .doc tests",
)


@cache
def _reference(name: str) -> dict:
    return extract_path(original(name)).header.to_json()


@pytest.mark.parametrize("name", SAMPLES)
def test_docx_gives_the_same_header_as_the_text(name):
    got = extract_path(FIXTURES / "docx" / f"{name}.docx")
    assert got.source.format == "docx"
    assert header_differences(_reference(name), got.header.to_json()) == {}


@needs_soffice
@pytest.mark.parametrize("name", SAMPLES[:2])
def test_doc_gives_the_same_header_as_the_text(name):
    got = extract_path(FIXTURES / "doc" / f"{name}.doc")
    assert got.source.format == "doc"
    assert header_differences(_reference(name), got.header.to_json()) == {}


def _docx(build) -> bytes:
    document = Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _two_column(document, left, right):
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "\n".join(left)
    table.rows[0].cells[1].text = "\n".join(right)


def _header_table(document):
    _two_column(document, ["ỦY BAN NHÂN DÂN", "HUYỆN A"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập"])
    document.add_paragraph("Thân văn bản.")
    _two_column(document, ["Nơi nhận:", "- Lưu: VT."], ["CHỦ TỊCH", "Nguyễn Văn A"])


def _data_table(document):
    document.add_paragraph("Phụ lục")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["TT", "Nội dung", "Chủ trì"], ["1", "Rà soát", "Phòng Nội vụ"]]):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value


def _merged_rows(document):
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "ỦY BAN NHÂN DÂN"
    table.rows[0].cells[1].text = "CỘNG HÒA"
    table.rows[1].cells[0].text = "Số: 1/UBND"
    table.rows[1].cells[1].text = "Hà Nội, ngày 1"


@pytest.mark.parametrize(
    ("build", "lines"),
    [
        (_header_table, ["ỦY BAN NHÂN DÂN", "HUYỆN A", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập",
                         "Thân văn bản.", "Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn A"]),
        (_data_table, ["Phụ lục", "TT", "Nội dung", "Chủ trì", "1", "Rà soát", "Phòng Nội vụ"]),
        (_merged_rows, ["ỦY BAN NHÂN DÂN", "Số: 1/UBND", "CỘNG HÒA", "Hà Nội, ngày 1"]),
    ],
    ids=["layout-tables-by-column", "data-table-by-row", "two-row-layout-table"],
)
def test_document_order(build, lines):
    raw = read_bytes(_docx(build), "x.docx")
    assert [ln for ln in raw.text.split("\n") if ln] == lines


def test_legacy_font_runs_are_converted_by_font_name():
    def build(document):
        p = document.add_paragraph()
        run = p.add_run("ñy ban nh©n d©n huyÖn")
        run.font.name = ".VnTimeH"
        run.font.size = Pt(13)
        p2 = document.add_paragraph()
        p2.add_run("Thùc hiÖn ChØ thÞ sè 08").font.name = ".VnTime"

    raw = read_bytes(_docx(build), "x.docx")
    assert raw.text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN HUYỆN", "Thực hiện Chỉ thị số 08"]
    assert raw.source.legacy_encoding == "tcvn3"


def test_zip_that_is_not_a_word_document_is_refused():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(ReadError, match="not a Word document"):
        read_bytes(buf.getvalue(), "x.docx")


def test_doc_without_libreoffice_names_the_package(monkeypatch):
    monkeypatch.setattr(doc_reader, "soffice_path", lambda: None)
    with pytest.raises(ReadError, match="libreoffice-writer"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old.doc")
