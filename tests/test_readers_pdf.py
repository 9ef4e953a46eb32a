"""PDF reading: printed columns kept apart, pages joined, running lines dropped, paragraphs mended."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from readers_common import FIXTURES, SAMPLES, header_differences, original

from vbminer.pipeline import extract_path
from vbminer.read import read_path
from vbminer.readers.pdf import Out, Word, group_lines, join_paragraphs, lay_out, order_page


@cache
def _reference(name: str) -> dict:
    return extract_path(original(name)).to_json()


@pytest.mark.parametrize("variant", ["pdf", "lo_pdf"], ids=["reportlab", "libreoffice"])
@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_gives_the_same_header_as_the_text(variant, name):
    path = FIXTURES / variant / f"{name}.pdf"
    got = extract_path(path)
    assert got.source.format == "pdf"
    assert got.source.pages == 2
    assert got.source.ocr is False
    assert header_differences(_reference(name)["header"], got.header.to_json()) == {}


@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_body_reads_like_the_text(name):
    """Same references and deadlines as the plain text: the body's paragraphs were mended across lines and pages."""
    got = extract_path(FIXTURES / "pdf" / f"{name}.pdf").to_json()
    ref = _reference(name)
    assert [r["key"] for r in got["references"]] == [r["key"] for r in ref["references"]]
    assert [d.get("date") for d in got["deadlines"]] == [d.get("date") for d in ref["deadlines"]]


def test_page_numbers_are_dropped():
    raw = read_path(FIXTURES / "pdf" / f"{SAMPLES[0]}.pdf")
    assert "2" not in [line.strip() for line in raw.text.split("\n")]


def _w(text: str, x0: float, top: float, size: float = 12.0) -> Word:
    return Word(text, x0, x0 + 0.5 * size * len(text), top, top + size, size)


def _lines(rows: list[list[tuple[str, float]]], top: float = 50.0, pitch: float = 16.0) -> list[Word]:
    words: list[Word] = []
    for i, row in enumerate(rows):
        for text, x0 in row:
            x = x0
            for part in text.split():
                words.append(_w(part, x, top + i * pitch))
                x += 0.5 * 12 * len(part) + 3
    return words


# Each case: printed rows (text, x0 of the run) -> lines in reading order.
LAYOUTS = [
    pytest.param(
        [[("ỦY BAN NHÂN DÂN", 100), ("CỘNG HÒA XÃ HỘI", 320)],
         [("HUYỆN YÊN", 105), ("Độc lập - Tự do", 330)],
         [("Số: 1/UBND", 110)],
         [("Yên Thành, ngày 1", 325)]],
        ["ỦY BAN NHÂN DÂN", "HUYỆN YÊN", "Số: 1/UBND", "CỘNG HÒA XÃ HỘI", "Độc lập - Tự do", "Yên Thành, ngày 1"],
        id="header-left-column-first",
    ),
    pytest.param(
        [[("Nơi nhận:", 85), ("KT. CHỦ TỊCH", 360)],
         [("- Như trên;", 85), ("PHÓ CHỦ TỊCH", 360)],
         [("- Lưu: VT.", 85)]],
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        id="signature-left-then-right",
    ),
    pytest.param(
        [[("Một dòng thân văn bản rất dài chạy suốt từ lề trái sang lề phải của trang in", 85)],
         [("tiếp theo", 85)]],
        ["Một dòng thân văn bản rất dài chạy suốt từ lề trái sang lề phải của trang in", "tiếp theo"],
        id="body-full-width",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), LAYOUTS)
def test_reading_order(rows, expected):
    lines = group_lines(_lines(rows))
    assert [o.text for o in order_page(lines)] == expected


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("các cơ quan, đơn vị thực hiện chuyển", "đổi số trên địa bàn",
         ["các cơ quan, đơn vị thực hiện chuyển đổi số trên địa bàn"]),
        ("phát triển kinh tế-", "xã hội của huyện", ["phát triển kinh tế-xã hội của huyện"]),
        ("ứng dụng Co\u00ad", "vid trên địa bàn", ["ứng dụng Covid trên địa bàn"]),
        ("các cơ quan, đơn vị thực hiện chuyển", "- Như trên;",
         ["các cơ quan, đơn vị thực hiện chuyển", "- Như trên;"]),
    ],
    ids=["wrapped-line", "hyphenated-compound", "soft-hyphen", "new-item"],
)
def test_paragraph_lines_are_joined(first, second, joined):
    lines = [Out(first, 85, 540, 100, 12, 0, False), Out(second, 85, 300, 116, 12, 0, False)]
    assert join_paragraphs(lines, {0: (85, 540)}) == joined


def test_indented_first_line_starts_a_new_paragraph():
    lines = [Out("đoạn một kết thúc ở lề phải", 85, 540, 100, 12, 0, False),
             Out("Đoạn hai thụt đầu dòng", 113, 400, 116, 12, 0, False)]
    assert len(join_paragraphs(lines, {0: (85, 540)})) == 2


_WORD = st.text(alphabet="abcdeđơưạảÂỆ0123456789/.,", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_WORD, st.floats(0, 500), st.floats(0, 800), st.floats(4, 20)), max_size=60))
def test_layout_never_raises_and_keeps_every_word(items):
    words = [Word(t, x, x + 0.5 * s * len(t), top, top + s, s) for t, x, top, s in items]
    out = lay_out([(842.0, words)])
    tokens = " ".join(out).split()
    # every word comes out once, except lone numbers, which may be page numbers
    assert sorted(t for t in tokens) == sorted(t for t in tokens if t in {w for w, *_ in items})
    kept = sorted(t for t, *_ in items if any(c.isalpha() for c in t))
    assert sorted(t for t in tokens if any(c.isalpha() for c in t)) == kept
