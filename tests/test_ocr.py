"""Scanned pages through Tesseract (``vie``): images and PDF pages without a text layer."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from readers_common import FIXTURES, SAMPLES

from vbminer.pipeline import extract_raw
from vbminer.read import ReadError, read_bytes
from vbminer.readers import ocr

needs_tesseract = pytest.mark.skipif(
    not ocr.available(),
    reason="Tesseract with its Vietnamese model is not installed: apt-get install tesseract-ocr tesseract-ocr-vie "
    "to run the OCR tests",
)


@pytest.fixture(scope="module")
def scanned_page():
    """The first page of a fixture PDF as a grey scan at 200 dpi."""
    with pdfplumber.open(FIXTURES / "pdf" / f"{SAMPLES[0]}.pdf") as pdf:
        return pdf.pages[0].to_image(resolution=200).original.convert("L")


def _bytes(image, fmt: str) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, resolution=200)
    return buf.getvalue()


@needs_tesseract
@pytest.mark.parametrize(("fmt", "name", "source_format"), [("PNG", "scan.png", "image"), ("PDF", "scan.pdf", "pdf")])
def test_scan_yields_the_header(scanned_page, fmt, name, source_format):
    raw = read_bytes(_bytes(scanned_page, fmt), name)
    assert raw.source.ocr is True
    assert raw.source.format == source_format
    assert any("OCR" in w for w in raw.warnings)
    header = extract_raw(raw).header
    assert (header.number, header.symbol, header.date) == ("318", "UBND-VP", "2021-04-12")
    assert header.subject is not None and header.subject.startswith("chấn chỉnh, nâng cao tỷ lệ ký số")


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "scan.png"), ("PDF", "scan.pdf")])
def test_ocr_can_be_turned_off(scanned_page, fmt, name):
    raw = read_bytes(_bytes(scanned_page, fmt), name, ocr=False)
    assert raw.source.ocr is False
    assert raw.text == ""
    assert any("OCR was turned off" in w for w in raw.warnings)


def test_missing_tesseract_names_the_packages(scanned_page, monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    with pytest.raises(ReadError, match="tesseract-ocr-vie"):
        read_bytes(_bytes(scanned_page, "PNG"), "scan.png")
    raw = read_bytes(_bytes(scanned_page, "PDF"), "scan.pdf")  # a PDF still opens, with the reason
    assert any("tesseract-ocr-vie" in w for w in raw.warnings)


@pytest.mark.parametrize(
    ("tsv", "words"),
    [
        ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
         "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96\tSố:\n"
         "5\t1\t1\t1\t1\t2\t45\t20\t60\t14\t91\t318/UBND\n"
         "4\t1\t1\t1\t1\t0\t10\t20\t95\t14\t-1\t\n", ["Số:", "318/UBND"]),
        ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
         "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96\t \n", []),
    ],
)
def test_tesseract_tsv_is_parsed(tsv, words):
    parsed = ocr.parse_tsv(tsv, scale=0.5)
    assert [w.text for w in parsed] == words
    for w in parsed:
        assert w.x0 < w.x1 and w.top < w.bottom and w.size > 0
