"""Reading bytes: encodings, BOMs, formats and errors."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from vbminer.read import ReadError, detect_format, read_bytes, read_path

TEXT = "ỦY BAN NHÂN DÂN\nHUYỆN YÊN THÀNH\nSố: 318/UBND-VP\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its BOM
    ],
    ids=["utf8", "utf8-bom", "utf16-bom"],
)
def test_decodes_unicode_files(data):
    raw = read_bytes(data, "x.txt")
    assert raw.text == TEXT
    assert raw.warnings == ()


def test_windows_1258_fallback_warns():
    # Windows-1258 writes tones as combining marks after a precomposed base: ô + U+0301 for ố
    data = "S\u00f4\u0301: 318/UBND-VP, H\u00e0 N\u00f4\u0323i".encode("cp1258")
    raw = read_bytes(data, "x.txt")
    assert unicodedata.normalize("NFC", raw.text) == "Số: 318/UBND-VP, Hà Nội"
    assert any("Windows-1258" in w for w in raw.warnings)


def test_sha256_is_of_the_bytes():
    import hashlib

    data = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert read_bytes(data, "x.txt").source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.txt", b"abc", "txt"),
        ("a.md", b"# abc", "md"),
        ("a.MD", b"abc", "md"),
        ("a.txt", b"%PDF-1.7 ...", "pdf"),
        ("a.bin", b"PK\x03\x04....", "docx"),
        ("a.txt", b"\x89PNG\r\n\x1a\n", "image"),
    ],
)
def test_format_is_told_by_content_first(name, data, fmt):
    assert detect_format(name, data) == fmt


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4\n...", "scan.pdf", "the PDF cannot be opened"),
        (b"PK\x03\x04 not a zip", "a.docx", "not a valid ZIP archive"),
    ],
)
def test_damaged_document_is_a_clear_error(data, name, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(data, name)


def test_binary_is_refused():
    with pytest.raises(ReadError, match="binary"):
        read_bytes(b"abc\x00\x01\x02def", "x.txt")


def test_empty_file_warns():
    assert read_bytes(b"", "empty.txt").warnings == ("the file is empty",)


def test_read_path_errors_name_the_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="is a directory"):
        read_path(tmp_path)
