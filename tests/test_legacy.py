"""Legacy Vietnamese font encodings (TCVN3, VNI): tables, detection, conversion, lost capitals."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbminer import rules
from vbminer.pipeline import extract_path
from vbminer.read import read_bytes
from vbminer.readers import legacy

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Every Vietnamese letter with a diacritic, built from base letters and marks (not from the tables).
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
LOWER = sorted(
    {unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES} - set("aeiouy") | {"đ"}
)
ALL = LOWER + [c.upper() for c in LOWER]


def test_tables_cover_every_vietnamese_letter():
    tables = rules.legacy_encodings().encodings
    assert len(LOWER) == 67
    assert set(tables["vni"].map.values()) == set(ALL)
    tcvn3 = set(tables["tcvn3"].map.values())
    assert set(LOWER) <= tcvn3
    assert tcvn3 - set(LOWER) == set("ĂÂÊÔƠƯĐ")  # the only capitals TCVN3 has


@pytest.mark.parametrize("letter", ALL)
def test_vni_round_trip(letter):
    assert legacy.decode(legacy.encode(letter, "vni"), "vni") == letter


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_round_trip(letter):
    assert legacy.decode(legacy.encode(letter, "tcvn3"), "tcvn3") == letter


@pytest.mark.parametrize("letter", [c for c in ALL if c.isupper()])
def test_tcvn3_capitals_come_back_through_a_heading_font(letter):
    assert legacy.decode(legacy.encode(letter, "tcvn3"), "tcvn3", heading=True) == letter


@pytest.mark.parametrize(
    ("legacy_text", "encoding", "unicode_text"),
    [
        ("Thùc hiÖn ChØ thÞ sè 08/CT-UBND", "tcvn3", "Thực hiện Chỉ thị số 08/CT-UBND"),
        ("ñy ban nh©n d©n huyÖn", "tcvn3", "ủy ban nhân dân huyện"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
        ("Thöïc hieän Chæ thò soá 08/CT-UBND", "vni", "Thực hiện Chỉ thị số 08/CT-UBND"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ],
)
def test_known_phrases(legacy_text, encoding, unicode_text):
    assert legacy.decode(legacy_text, encoding) == unicode_text
    assert legacy.encode(unicode_text, encoding) == legacy_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thùc hiÖn ChØ thÞ sè 08 cña Chñ tÞch UBND tØnh", "tcvn3"),
        ("Thöïc hieän Chæ thò soá 08 cuûa Chuû tòch UBND tænh", "vni"),
        ("Thực hiện Chỉ thị số 08 của Chủ tịch UBND tỉnh", None),
        ("Thư mời họp: Café Đà Lạt, 25°C, ½ ngày", None),
        ("plain ASCII text without any accent at all", None),
        ("Ça déjà été là-bas, voilà", None),
    ],
)
def test_detect(text, expected):
    assert legacy.detect(text) == expected


@pytest.mark.parametrize(
    ("tcvn3", "expected"),
    [
        # a heading set in capitals: the lower-case legacy letters were capitals
        ("HUYÖN Y£N THµNH", "HUYỆN YÊN THÀNH"),
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        # ordinary lines keep their case
        ("Sè: 318/UBND-VP", "Số: 318/UBND-VP"),
        ("Thùc hiÖn ChØ thÞ", "Thực hiện Chỉ thị"),
        ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ],
)
def test_lost_capitals_are_restored_on_capital_lines(tcvn3, expected):
    text, enc = legacy.convert(tcvn3, "tcvn3")
    assert (text, enc) == (expected, "tcvn3")


@pytest.mark.parametrize(
    ("font", "encoding", "heading"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        ("ABCDEF+.VnTimeH,Bold", "tcvn3", True),
        (".VnArial", "tcvn3", False),
        ("VNI-Times", "vni", False),
        ("ABCDEF+VNI-Helve-Condense", "vni", False),
        ("TimesNewRomanPSMT", None, False),
        ("ABCDEF+LiberationSerif-Bold", None, False),
    ],
)
def test_font_names(font, encoding, heading):
    assert legacy.font_encoding(font) == encoding
    assert legacy.is_heading_font(font) == heading


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize(
    "name", ["001_cv-ubnd-yen-thanh-chan-chinh-ky-so", "008_cv-so-tttt-nghe-an-khan-chuyen-doi-so-cap-huyen"]
)
def test_legacy_txt_file_extracts_like_the_unicode_one(encoding, name):
    original = next((ROOT / "corpora" / "dispatches").glob(name + ".*"))
    variant = FIXTURES / encoding / f"{name}.txt"
    ref, got = extract_path(original), extract_path(variant)
    assert got.source.legacy_encoding == encoding
    assert any("legacy" in w for w in got.warnings)
    want, have = ref.header.to_json(), got.header.to_json()
    for key in ("issuer", "number", "symbol", "doc_type", "place", "date", "subject", "recipients", "signer", "cc"):
        assert have[key] == want[key], key


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: a precomposed base letter where the code page has one, the tone as a combining mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_is_not_taken_for_a_legacy_font():
    data = _cp1258("Thực hiện Chỉ thị số 08 của Chủ tịch UBND tỉnh Nghệ An về việc tăng cường")
    raw = read_bytes(data, "x.txt")
    assert raw.source.legacy_encoding is None
    assert unicodedata.normalize("NFC", raw.text).startswith("Thực hiện Chỉ thị")


_PLAIN = list("abcdeghiklmnopqrstuvxyABCDEGH .,;:/-0123456789\n")
_VIETNAMESE = st.text(alphabet=st.sampled_from(ALL + _PLAIN), max_size=200)


@given(_VIETNAMESE)
def test_vni_round_trips_any_text(text):
    assert legacy.decode(legacy.encode(text, "vni"), "vni") == unicodedata.normalize("NFC", text)


@given(_VIETNAMESE)
def test_tcvn3_round_trips_lower_case_text(text):
    lower = text.lower()
    assert legacy.decode(legacy.encode(lower, "tcvn3"), "tcvn3") == unicodedata.normalize("NFC", lower)


@given(st.text(max_size=300))
def test_convert_never_raises_and_keeps_plain_ascii(text):
    out, enc = legacy.convert(text)
    assert enc in (None, "tcvn3", "vni")
    if enc is None:
        assert out == text
    assert legacy.detect(text.encode("ascii", "ignore").decode()) is None
