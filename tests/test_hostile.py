"""Hostile files: each gives a clear error (a ReadError, an ``errors`` row), within bounded time and
memory, and the rest of the batch goes on — through the readers, ``vbminer extract`` and
``vbminer ingest``. Limits are lowered through the environment where that keeps a case fast."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from vbminer.read import Limits, ReadError, current_limits, read_bytes, read_path

GOOD = """ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH
Số: 318/UBND-VP
V/v chấn chỉnh việc ký số văn bản

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Yên Thành, ngày 12 tháng 4 năm 2021

Kính gửi: Ủy ban nhân dân các xã, thị trấn.

Ủy ban nhân dân huyện đề nghị các đơn vị thực hiện nghiêm việc ký số văn bản.

Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""
BIN = Path(sys.executable).parent / "vbminer"


# ----------------------------------------------------------------------------- builders


def _pdf(pages: int = 1, text: bool = True, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for n in range(pages):
        if text:
            c.drawString(72, 720, f"UBND HUYEN YEN THANH trang {n + 1}")
        else:
            c.rect(72, 600, 200, 100, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx(document_xml: bytes | None = None) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH")
    buf = io.BytesIO()
    d.save(buf)
    if document_xml is None:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return out.getvalue()


def _zip_bomb(size: int) -> bytes:
    """A .docx whose document.xml inflates ``size`` bytes of blanks (packs about 1000 times)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with dst.open("word/document.xml", "w") as fh:
                    chunk = b" " * (1 << 20)
                    for _ in range(size >> 20):
                        fh.write(chunk)
            else:
                dst.writestr(info.filename, src.read(info))
    return out.getvalue()


LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE w:document [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&f;&f;&f;&f;&f;&f;&f;&f;</w:t></w:r></w:p></w:body></w:document>"""


#: name -> (bytes, a fragment of the error the readers must give)
def hostile_bytes() -> dict[str, tuple[bytes, str]]:
    pdf = _pdf(3)
    return {
        "encrypted.pdf": (_pdf(1, encrypt="mật khẩu"), "encrypted"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "the PDF cannot be opened"),
        "bomb.docx": (_zip_bomb(4 << 20), "zip bomb"),
        "laughs.docx": (_docx(LAUGHS), "entity expansion"),
        "not-a-zip.docx": (b"Xin chao, day khong phai la tep Word.\n", "not a Word document"),
        "broken-zip.docx": (b"PK\x03\x04" + os.urandom(300), "not a valid ZIP archive"),
        "garbage.txt": (b"\x00\x01\x02\xff" * 1000, "binary file"),
        "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, "the PDF cannot be opened"),
        "not-a-pdf.pdf": (b"just words", "is not a PDF"),
        "many-pages.pdf": (_pdf(2000), "2,000 pages, over the limit of 500"),
    }


@pytest.fixture(scope="module")
def hostile() -> dict[str, tuple[bytes, str]]:
    return hostile_bytes()


# ----------------------------------------------------------------------------- the readers


@pytest.mark.parametrize("name", [
    "encrypted.pdf", "truncated.pdf", "bomb.docx", "laughs.docx", "not-a-zip.docx", "broken-zip.docx",
    "garbage.txt", "garbage.pdf", "not-a-pdf.pdf", "many-pages.pdf",
])
def test_hostile_bytes_give_a_clear_read_error(hostile, name):
    data, message = hostile[name]
    with pytest.raises(ReadError, match=message) as info:
        read_bytes(data, name, ocr=False)
    assert str(info.value).startswith(name + ": ")
    assert "Traceback" not in str(info.value)


def test_limits_have_documented_defaults_and_come_from_the_environment(monkeypatch):
    assert current_limits() == Limits()
    assert Limits().max_file_bytes == 50 * 1024 * 1024 and Limits().max_pdf_pages == 500
    monkeypatch.setenv("VBMINER_MAX_FILE_MB", "0.001")
    monkeypatch.setenv("VBMINER_MAX_PDF_PAGES", "2")
    lim = current_limits()
    assert lim.max_file_bytes == 1048 and lim.max_pdf_pages == 2
    with pytest.raises(ReadError, match="over the limit of 1,048 bytes"):
        read_bytes(b"a" * 2000, "big.txt")
    monkeypatch.delenv("VBMINER_MAX_FILE_MB")
    with pytest.raises(ReadError, match="3 pages, over the limit of 2"):
        read_bytes(_pdf(3), "three.pdf", ocr=False)
    monkeypatch.setenv("VBMINER_MAX_PDF_PAGES", "many")
    with pytest.raises(ReadError, match="VBMINER_MAX_PDF_PAGES='many' is not a number"):
        current_limits()


def test_a_200_mb_text_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        line = ("Ủy ban nhân dân huyện đề nghị các xã báo cáo kết quả thực hiện. " * 16 + "\n").encode()
        block = line * ((1 << 20) // len(line) + 1)
        for _ in range(200):
            fh.write(block)
    assert big.stat().st_size > 200 * 1024 * 1024
    with pytest.raises(ReadError, match=r"huge\.txt: the file is 2\d\d\.\d MB, over the limit of 50\.0 MB"):
        read_path(big)


def test_text_longer_than_the_extraction_takes_is_refused():
    with pytest.raises(ReadError, match="characters long, over the limit of 1,000"):
        read_bytes(("xin chào " * 200).encode(), "long.txt", limits=Limits(max_text_chars=1000))


def test_zip_bomb_refused_by_declared_size(monkeypatch):
    monkeypatch.setenv("VBMINER_MAX_DOCX_MB", "1")
    monkeypatch.setenv("VBMINER_MAX_DOCX_RATIO", "100000")
    with pytest.raises(ReadError, match=r"would unpack to \d MB, over the limit of 1 MB"):
        read_bytes(_zip_bomb(4 << 20), "bomb.docx")


def test_a_good_docx_still_reads():
    assert "ỦY BAN NHÂN DÂN" in read_bytes(_docx(), "ok.docx").text


def test_pdf_without_text_says_so():
    raw = read_bytes(_pdf(1, text=False), "blank.pdf", ocr=False)
    assert any("no text layer" in w for w in raw.warnings)


def test_empty_file_says_so():
    assert "the file is empty" in read_bytes(b"", "empty.txt").warnings


def test_directory_and_unreadable_paths(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ReadError, match="is a directory"):
        read_path(tmp_path / "folder.txt")
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    (tmp_path / "plain.txt").write_text("x")
    with pytest.raises(ReadError, match="cannot read|no such file"):
        read_path(tmp_path / "plain.txt" / "inside.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(tmp_path / "pipe.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(GOOD)
    p.chmod(0)
    with pytest.raises(ReadError, match="permission denied"):
        read_path(p)


# ----------------------------------------------------------------------------- a whole batch


NFD_NAME = unicodedata.normalize("NFD", "Công văn số 318 đôn đốc.txt")


@pytest.fixture(scope="module")
def tree(tmp_path_factory, hostile) -> Path:
    """A folder of good dispatches among every hostile file, symlink loops included."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / NFD_NAME).write_text(GOOD, encoding="utf-8")
    (root / "a" / "b" / "tên có dấu cách.txt").write_text(GOOD.replace("318", "319"), encoding="utf-8")
    (root / "z good.md").write_text(GOOD.replace("318", "320"), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.pdf").write_bytes(_pdf(1, text=False))
    (root / "folder.docx").mkdir()
    for name, (data, _message) in hostile.items():
        (root / name).write_bytes(data)
    os.mkfifo(root / "a" / "pipe.txt")
    return root


@pytest.fixture(scope="module")
def loops(tmp_path_factory) -> Path:
    """A folder with a good dispatch and symbolic links that loop (two back to an ancestor: walked
    naively, the tree is 2**40 paths long)."""
    root = tmp_path_factory.mktemp("loops")
    (root / "b").mkdir()
    (root / "b" / "ok.txt").write_text(GOOD, encoding="utf-8")
    (root / "b" / "up").symlink_to("..")
    (root / "b" / "up2").symlink_to("../b")
    (root / "self").symlink_to("self")
    return root


def _run(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, check=False)


def test_extract_batch_goes_on(tree, loops, hostile):
    proc = _run("extract", "--json", "--no-ocr", str(tree), str(loops))
    assert proc.returncode == 1
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    numbers = sorted(d["header"]["number"] for d in docs if d["header"].get("number"))
    assert numbers == ["318", "318", "319", "320"]
    assert any(d["source"]["path"].endswith(NFD_NAME) for d in docs)
    for name, (_data, message) in hostile.items():
        line = next((ln for ln in proc.stderr.splitlines() if f"/{name}:" in ln), None)
        assert line is not None, f"{name} not reported: {proc.stderr}"
        assert message in line
    for name in ("b/up", "b/up2", "self"):
        assert f"{loops}/{name}: a symbolic link" in proc.stderr
    assert "Traceback" not in proc.stderr


def _db_rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_ingest_batch_goes_on_with_an_errors_row_each(tree, hostile, tmp_path):
    db = tmp_path / "h.db"
    proc = _run("ingest", "--workers", "1", "--db", str(db), *(str(p) for p in sorted(tree.iterdir())
                                                                if not p.is_dir()), str(tree / "a"))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = dict(_db_rows(db, "select path, message from errors"))
    for name, (_data, message) in hostile.items():
        row = next((m for p, m in errors.items() if p.endswith("/" + name)), None)
        assert row is not None and message in row, (name, errors)
    paths = [p for (p,) in _db_rows(db, "select path from document_paths")]
    assert any(p.endswith(NFD_NAME) for p in paths) and any(p.endswith("tên có dấu cách.txt") for p in paths)
    assert _db_rows(db, "pragma integrity_check") == [("ok",)]
    # and a rerun changes nothing
    again = _run("ingest", "--workers", "1", "--db", str(db), str(tree / "a"), str(tree / "z good.md"))
    assert again.returncode == 0 and "0 ingested" in again.stdout


def test_ingest_reports_symlink_loops_and_keeps_their_folder(loops, tmp_path):
    db = tmp_path / "l.db"
    try:
        proc = _run("ingest", "--workers", "1", "--db", str(db), str(loops), timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("ingest did not finish within 60 s on a tree with two symlink loops")
    assert proc.returncode == 1
    assert _db_rows(db, "select count(*) from document_paths") == [(1,)]
    errors = [p for (p,) in _db_rows(db, "select path from errors")]
    for name in ("b/up", "b/up2", "self"):
        assert any(p.endswith(name) for p in errors), proc.stderr
