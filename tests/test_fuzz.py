"""Fuzzing the whole extraction (hypothesis): random Unicode, mutated sample dispatches and random
bytes as files of every supported format. Nothing raises but a :class:`ReadError`, every offset
points at the text it claims, and the JSON validates against the contract schema.

A few examples run by default. The long run is behind the ``slow`` marker; its size comes from
``VBMINER_FUZZ_EXAMPLES`` (per test, default 20,000)::

    VBMINER_FUZZ_EXAMPLES=50000 .venv/bin/python -m pytest -m slow tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import random
import zipfile

import pytest
from conftest import DISPATCHES, SCHEMA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbminer.pipeline import extract_raw, extract_text
from vbminer.read import ReadError, read_bytes
from vbminer.types import Dispatch

QUICK = 25
LONG = int(os.environ.get("VBMINER_FUZZ_EXAMPLES", "20000"))
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"

_validator = None


def _validate(obj: dict) -> None:
    global _validator
    if _validator is None:
        import json

        import jsonschema

        if not SCHEMA.exists():
            pytest.skip(f"contract schema not found at {SCHEMA}")
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        _validator = jsonschema.validators.validator_for(schema)(schema)
    _validator.validate(obj)


def check(d: Dispatch) -> None:
    """Every offset lies in the text and points at what it claims; the JSON fits the contract."""
    text, n = d.text, len(d.text)
    for spans in d.header.spans.values():
        for sp in spans:
            assert 0 <= sp.start <= sp.end <= n
    for seg in d.segments:
        assert 0 <= seg.start <= seg.end <= n
    for ref in d.references:
        for sp in ref.mentions:
            assert 0 <= sp.start < sp.end <= n
    for unit in d.units:
        for sp in unit.mentions:
            assert 0 <= sp.start < sp.end <= n
    for item in (*d.metrics, *d.deadlines, *d.tasks, *d.findings):
        assert 0 <= item.start <= item.end <= n
        claimed = getattr(item, "text", None)
        if isinstance(claimed, str) and claimed:
            assert text[item.start : item.end] == claimed
    obj = d.to_json()
    for key, spans in (obj.get("header", {}).get("spans") or {}).items():
        for start, end in spans:
            assert 0 <= start <= end <= n, key
    _validate(obj)


# ----------------------------------------------------------------------------- strategies

BITS = ["ỦY BAN NHÂN DÂN", "HUYỆN YÊN THÀNH", "Số: 12/UBND-VP", "Số:   /KH-UBND", "V/v ", "Kính gửi:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ngày 1 tháng 2 năm 2021",
        "Nơi nhận:", "TM. UBND", "KT. CHỦ TỊCH", "trước ngày 15/8/2021", "| a | b |", "# ", "**", "\n", "\n\n",
        "\t", "\r\n", "\u200b", "\ufeff", "%", "100%", "12/30", "./."]
texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \n\t.,;:/-()%*_#|0123456789", max_size=500),
    st.lists(st.sampled_from(BITS) | st.text(alphabet=VIETNAMESE + " ", max_size=15), max_size=50).map("".join),
)


def mutate(text: str, rnd: random.Random) -> bytes:
    """Deleted lines, doubled headers, swapped columns, stray Markdown, mixed encodings."""
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 8)):
        i = rnd.randrange(len(lines))
        op = rnd.choice(["delete", "double_header", "swap_columns", "markdown", "swap_lines", "cut"])
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "double_header":
            lines[0:0] = lines[: rnd.randint(1, 8)]
        elif op == "swap_columns":
            j = min(len(lines) - 1, i + 1)
            lines[i] = f"{lines[j]}{' ' * rnd.randint(1, 12)}{lines[i]}"
        elif op == "markdown":
            lines[i] = rnd.choice(["**{}**", "# {}", "> {}", "| {} |", "_{}_", "- {}", "`{}`"]).format(lines[i])
        elif op == "swap_lines":
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
    out = "\n".join(lines)
    enc = rnd.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "mixed"])
    if enc != "mixed":
        return out.encode(enc)
    cut = rnd.randrange(len(out) + 1)
    return out[:cut].encode("utf-8") + out[cut:].encode("cp1258", errors="replace")


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH", "Số: 318/UBND-VP", "Kính gửi: các xã"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "UBND HUYEN YEN THANH  So: 318/UBND-VP")
    c.showPage()
    c.save()
    return buf.getvalue()


SAMPLES: dict[str, bytes] = {}


def _sample(kind: str) -> bytes:
    if kind not in SAMPLES:
        SAMPLES[kind] = _docx_bytes() if kind == "docx" else _pdf_bytes()
    return SAMPLES[kind]


def file_bytes(rnd: random.Random, raw: bytes) -> tuple[str, bytes]:
    """Random bytes as a file of one of the supported formats: bare, behind a format's magic
    number, or a valid PDF/DOCX with some bytes flipped, cut or inserted."""
    name = rnd.choice(["a.txt", "a.md", "a.pdf", "a.docx", "a.png", "a.jpg", "a.tif", "a.doc"])
    how = rnd.choice(["bare", "magic", "mutated"])
    if how == "bare":
        return name, raw
    if how == "magic":
        magic = rnd.choice([b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00"])
        return name, magic + raw
    base = bytearray(_sample(rnd.choice(["pdf", "docx"])))
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(base))
        op = rnd.choice(["flip", "cut", "insert"])
        if op == "flip":
            base[i] ^= 1 << rnd.randrange(8)
        elif op == "cut":
            del base[i : i + rnd.randint(1, 64)]
        else:
            base[i:i] = raw[:64]
    if rnd.random() < 0.2:  # a docx that keeps its zip intact but whose XML is damaged
        try:
            out = io.BytesIO()
            with zipfile.ZipFile(io.BytesIO(_sample("docx"))) as src, zipfile.ZipFile(out, "w") as dst:
                for info in src.infolist():
                    data = src.read(info)
                    if info.filename == "word/document.xml":
                        k = rnd.randrange(len(data))
                        data = data[:k] + raw[:32] + data[k:]
                    dst.writestr(info.filename, data)
            return "a.docx", out.getvalue()
        except zipfile.BadZipFile:
            pass
    return name, bytes(base)


def extract_file(name: str, data: bytes) -> None:
    try:
        raw = read_bytes(data, name, ocr=False)
    except ReadError as exc:
        assert str(exc).startswith(name + ": "), exc
        return
    check(extract_raw(raw))


# ----------------------------------------------------------------------------- the properties


def _unicode(text: str) -> None:
    check(extract_text(text))


def _mutated(index: int, rnd: random.Random) -> None:
    text = DISPATCHES[index].read_text(encoding="utf-8-sig")
    data = mutate(text, rnd)
    try:
        raw = read_bytes(data, DISPATCHES[index].name)
    except ReadError:
        return
    check(extract_raw(raw))


def _random_file(rnd: random.Random, raw: bytes) -> None:
    name, data = file_bytes(rnd, raw)
    if name == "a.doc" and data.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        name = "a.txt"  # LibreOffice takes seconds per file: .doc conversion is tested in test_read.py
    extract_file(name, data)


_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
_RANDOMS = st.randoms(use_true_random=False)
_INDEX = st.integers(min_value=0, max_value=len(DISPATCHES) - 1)


@settings(max_examples=QUICK, **_SETTINGS)
@given(texts)
def test_random_unicode(text):
    _unicode(text)


@settings(max_examples=QUICK, **_SETTINGS)
@given(_INDEX, _RANDOMS)
def test_mutated_sample_dispatches(index, rnd):
    _mutated(index, rnd)


@settings(max_examples=QUICK, **_SETTINGS)
@given(_RANDOMS, st.binary(max_size=400))
def test_random_bytes_as_every_format(rnd, raw):
    _random_file(rnd, raw)


@pytest.mark.slow
@settings(max_examples=LONG, **_SETTINGS)
@given(texts)
def test_random_unicode_long(text):
    _unicode(text)


@pytest.mark.slow
@settings(max_examples=LONG, **_SETTINGS)
@given(_INDEX, _RANDOMS)
def test_mutated_sample_dispatches_long(index, rnd):
    _mutated(index, rnd)


@pytest.mark.slow
@settings(max_examples=LONG, **_SETTINGS)
@given(_RANDOMS, st.binary(max_size=400))
def test_random_bytes_as_every_format_long(rnd, raw):
    _random_file(rnd, raw)
