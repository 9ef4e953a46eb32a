"""Normalisation: one spelling of each thing, and offsets that stay honest."""

from __future__ import annotations

import unicodedata

import pytest

from vbminer.normalize import (
    clean_characters,
    fix_tone_placement,
    is_hard_wrapped,
    layout,
    normalize_text,
    strip_markdown,
    unwrap,
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("\ufeffSố: 1\r\nabc\r\n", "Số: 1\nabc\n"),
        ("a\rb", "a\nb"),
        ("a\u00a0b\u202fc\td", "a b c\td"),  # a tab parts the cells of a table: kept
        ("Ủy\u200b ban", "Ủy ban"),
    ],
)
def test_clean_characters(raw, want):
    assert clean_characters(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("hoà bình", "hòa bình"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("UỶ BAN", "ỦY BAN"),
        ("thuỷ lợi, khoẻ mạnh, hoạ sĩ", "thủy lợi, khỏe mạnh, họa sĩ"),
        ("Thanh Hoá", "Thanh Hóa"),
        # not at a syllable end, or in qu-/gi- syllables: unchanged
        ("quý, quà, hoàn thành, khoáng sản, tuỳ", "quý, quà, hoàn thành, khoáng sản, tùy"),
        ("hòa bình", "hòa bình"),
    ],
)
def test_tone_placement(raw, want):
    assert fix_tone_placement(raw) == want


@pytest.mark.parametrize(
    ("raw", "markdown", "want"),
    [
        ("**ỦY BAN NHÂN DÂN**", False, "ỦY BAN NHÂN DÂN"),
        ("__KẾ HOẠCH__", False, "KẾ HOẠCH"),
        ("****0****", False, "0"),  # nested markers, all at once (normalising again changes nothing)
        ("*Yên Thành, ngày 09 tháng 9 năm 2021*", True, "Yên Thành, ngày 09 tháng 9 năm 2021"),
        ("*Yên Thành*", False, "*Yên Thành*"),
        ("## 1. Mục tiêu", True, "1. Mục tiêu"),
        ("1\\. Mục tiêu", True, "1. Mục tiêu"),
        # what would make markup once unescaped stays escaped (normalising again changes nothing)
        ("\\*ghi chú\\* và \\\\[", True, "\\*ghi chú\\* và \\\\["),
        ("* gạch đầu dòng", True, "* gạch đầu dòng"),
        ("tỷ lệ 5 * 3 * 2", True, "tỷ lệ 5 * 3 * 2"),
    ],
)
def test_strip_markdown(raw, markdown, want):
    assert strip_markdown(raw, markdown) == want


def test_nfd_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert normalize_text(nfd) == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_layout_splits_columns_in_the_header_only():
    text = "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:      /KH-UBND\n"
    assert layout(text).split("\n") == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /KH-UBND"]
    body = "\n".join(["x"] * 30 + ["Xã Đông Hưng        71,43%"])
    assert layout(body).split("\n")[-1] == "Xã Đông Hưng 71,43%"


def test_layout_splits_the_signature_columns():
    text = "\n".join(["a"] * 30 + ["Nơi nhận:          TM. UBND", "- Như trên;        CHỦ TỊCH"])
    assert layout(text).split("\n")[-4:] == ["Nơi nhận:", "TM. UBND", "- Như trên;", "CHỦ TỊCH"]


def test_layout_keeps_an_annex_table_row_after_the_signature_whole():
    # the closing's lines are unglued (``KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn A``), a table's row is not:
    # ``TNHH`` before ``Thép Hưng Phát`` looks like a post before a name
    row = "1\tCông ty TNHH Thép Hưng Phát Đa Hội\tPhường Châu Khê\t07/5/2024"
    text = "\n".join(["a"] * 30 + ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn B", "TT\tTên cơ sở\tĐịa chỉ\tNgày", row])
    assert layout(text).split("\n")[-1] == row


PADDED_ROWS = ["STT   Đơn vị            Tổng số hộ   Tỷ lệ (%)",
               "1     Phường Yên Bái       12.846       96,42",
               "2     Xã Tả Van             1.986       81,17",
               "      Cộng                14.832       94,30"]


@pytest.mark.parametrize("before", [3, 30], ids=["near-the-top", "in-the-body"])
def test_layout_parts_the_cells_of_a_table_lined_up_by_spaces_with_tabs(before):
    lines = layout("\n".join(["a"] * before + PADDED_ROWS)).split("\n")[before:]
    assert lines == ["STT\tĐơn vị\tTổng số hộ\tTỷ lệ (%)", "1\tPhường Yên Bái\t12.846\t96,42",
                     "2\tXã Tả Van\t1.986\t81,17", "Cộng\t14.832\t94,30"]


@pytest.mark.parametrize(
    "lines",
    [
        # justified prose: gaps of two and three spaces between single words, a few of them figures
        ["Năm  2024  toàn  huyện   có  12  xã  đạt  chuẩn  nông  thôn  mới,  đạt  85,5%",
         "kế  hoạch;  năm   2025  phấn  đấu  thêm  03  xã  đạt  chuẩn  nông  thôn  mới."],
        PADDED_ROWS[1:2] + ["Xã Tả Van đạt 81,17%."],  # one row alone is no table
        ["Nơi nhận:          TM. ỦY BAN NHÂN DÂN", "- Như trên;        CHỦ TỊCH"],  # two columns are no table
    ],
    ids=["justified-prose", "one-row", "two-columns"],
)
def test_layout_leaves_lines_that_are_no_table_lined_up_by_spaces(lines):
    assert "\t" not in layout("\n".join(["a"] * 30 + lines))


def test_layout_counts_a_rows_cells_without_its_trailing_rule():
    # `0⇥0⇥-__` is two cells and a rule: no table's row, so normalising again changes nothing
    once = layout("0\t0\t-__")  # near the top, where a line's cells are parted only in a table's row
    assert once == "0 0" and layout(once) == once


def test_layout_keeps_blank_day_and_collapses_blank_lines():
    assert layout("Nghĩa Đàn, ngày    tháng 7 năm 2021\n\n\n\nx  y\n\n") == (
        "Nghĩa Đàn, ngày tháng 7 năm 2021\n\nx y"
    )


def test_normalize_is_idempotent_on_the_corpus():
    from conftest import DISPATCHES

    for path in DISPATCHES:
        once = normalize_text(path.read_bytes().decode("utf-8-sig"), markdown=path.suffix == ".md")
        assert normalize_text(once, markdown=path.suffix == ".md") == once, path.name


WRAPPED = """Thực hiện Quy chế làm việc của UBND huyện nhiệm kỳ 2021 - 2026 ban hành kèm
theo Quyết định số 1950/QĐ-UBND ngày 28/5/2021 của UBND huyện và Công văn
số 2870/UBND-VP ngày 12/7/2021 của UBND huyện về việc tăng cường kỷ luật,
kỷ cương trong xử lý văn bản trên môi trường mạng, Văn phòng HĐND và UBND
huyện thông báo tình hình xử lý văn bản quý III năm 2021 như sau:
1. Tỷ lệ văn bản được xử lý đúng hạn của khối phòng, ban, ngành cấp huyện
đạt 91,3%; khối UBND các xã, thị trấn đạt 87,6%. Nhiều đơn vị không để tồn
văn bản quá hạn như Phòng Tư pháp, Thanh tra huyện, Phòng Y tế và các xã
Diễn Hoàng, Diễn Mỹ, Diễn Kim.
2. Một số đơn vị còn nhiều văn bản quá hạn xử lý: Phòng Tài nguyên và Môi
trường (23/148), Phòng KT-HT (17/96)."""


def test_hard_wrap_detection():
    assert is_hard_wrapped(WRAPPED.split("\n"))[0]
    paragraphs = ["Một đoạn văn rất dài " * 12 + ".", "Ngắn.", "Đoạn khác " * 20 + "."] * 4
    assert not is_hard_wrapped(paragraphs)[0]


def test_unwrap_joins_sentences_and_keeps_items_and_offsets():
    joined = unwrap(WRAPPED, 0, len(WRAPPED), hard_wrapped=True)
    assert len(joined) == len(WRAPPED)
    lines = joined.split("\n")
    assert lines[0].startswith("Thực hiện") and lines[0].endswith("như sau:")
    assert lines[1].startswith("1. Tỷ lệ") and lines[1].endswith("Diễn Kim.")
    assert lines[2] == "2. Một số đơn vị còn nhiều văn bản quá hạn xử lý: Phòng Tài nguyên và Môi trường (23/148), " \
        "Phòng KT-HT (17/96)."


def test_unwrap_joins_a_list_after_a_colon_at_the_wrap_width():
    text = WRAPPED.replace("Diễn Kim.\n", "Diễn Kim. Các xã có tỷ lệ xử lý đúng hạn dưới 50%:\n"
                           "Diễn Lâm, Diễn Đoài, Diễn Trường; trong đó xã Diễn Lâm chỉ đạt 31%.\n")
    lines = unwrap(text, 0, len(text), hard_wrapped=True).split("\n")
    assert lines[1].endswith("dưới 50%: Diễn Lâm, Diễn Đoài, Diễn Trường; trong đó xã Diễn Lâm chỉ đạt 31%.")
    assert lines[0].endswith("như sau:")  # a colon short of the width ends its line


def test_unwrap_joins_lowercase_continuations_even_when_not_hard_wrapped():
    text = "Báo cáo kết quả (từ ngày 01/7/2021\nđến ngày 30/9/2021) như sau:\n- Mục một;\n- Mục hai."
    assert unwrap(text, 0, len(text), hard_wrapped=False).split("\n") == [
        "Báo cáo kết quả (từ ngày 01/7/2021 đến ngày 30/9/2021) như sau:",
        "- Mục một;",
        "- Mục hai.",
    ]


def test_unwrap_only_touches_its_region():
    text = "TIÊU ĐỀ\ncòn tiếp\nthân văn bản\nđược nối"
    start = text.index("thân")
    assert unwrap(text, start, len(text), hard_wrapped=False) == "TIÊU ĐỀ\ncòn tiếp\nthân văn bản được nối"


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Số: 12/UBND-VP Thanh Chương, ngày 05 tháng 01 năm 2023",
         ["Số: 12/UBND-VP", "Thanh Chương, ngày 05 tháng 01 năm 2023"]),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------",
         ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
        ("Số: 7/SNV-TCBC V/v tuyển dụng công chức", ["Số: 7/SNV-TCBC", "V/v tuyển dụng công chức"]),
        ("Vinh, ngày 02 tháng 3 năm 2020 Kính gửi: Sở Tài chính.",
         ["Vinh, ngày 02 tháng 3 năm 2020", "Kính gửi: Sở Tài chính."]),
        ("Số: 9/QĐ-UBND Đô Lương, ngày 01 tháng 6 năm 2020 QUYẾT ĐỊNH V/V GIAO CHỈ TIÊU",
         ["Số: 9/QĐ-UBND", "Đô Lương, ngày 01 tháng 6 năm 2020", "QUYẾT ĐỊNH", "V/V GIAO CHỈ TIÊU"]),
        # the issuer's column and the national title or motto, read as one row (OCR, a text layer)
        ("CÔNG AN TỈNH QUẢNG BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         ["CÔNG AN TỈNH QUẢNG BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
        ("PHÒNG CẢNH SÁT GIAO THÔNG Độc lập - Tự do - Hạnh phúc",
         ["PHÒNG CẢNH SÁT GIAO THÔNG", "Độc lập - Tự do - Hạnh phúc"]),
        ("HUYỆN ỦY QUỲNH LƯU ĐẢNG CỘNG SẢN VIỆT NAM", ["HUYỆN ỦY QUỲNH LƯU", "ĐẢNG CỘNG SẢN VIỆT NAM"]),
        ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨ@#A VỈỆT NAM",
         ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨ@#A VỈỆT NAM"]),
        # one element per line already: untouched
        ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
         ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;"]),
        ("Yên Thành, ngày 12 tháng 4 năm 2021", ["Yên Thành, ngày 12 tháng 4 năm 2021"]),
        ("V/v chấn chỉnh công tác văn thư, lưu trữ", ["V/v chấn chỉnh công tác văn thư, lưu trữ"]),
    ],
)
def test_glued_header_elements_are_split(line, parts):
    from vbminer.normalize import unglue_header_line

    assert unglue_header_line(line) == parts


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Bình", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]),
        ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Lê Văn An", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn An"]),
        ("GIÁM ĐỐC PHÓ GIÁM ĐỐC Hồ Thị Mai PHỤ LỤC", ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hồ Thị Mai", "PHỤ LỤC"]),
        ("- Lưu: VT, NV. CHỦ TỊCH Lê Văn An", ["- Lưu: VT, NV.", "CHỦ TỊCH", "Lê Văn An"]),
        ("PHÓ CHỦ TỊCH", ["PHÓ CHỦ TỊCH"]),
        ("BỘ TRƯỞNG, CHỦ NHIỆM", ["BỘ TRƯỞNG, CHỦ NHIỆM"]),
        ("- Phòng Nội vụ UBND huyện;", ["- Phòng Nội vụ UBND huyện;"]),
        ("Nguyễn Văn An", ["Nguyễn Văn An"]),
    ],
)
def test_glued_signature_is_split(line, parts):
    from vbminer.normalize import unglue_signature_line

    assert unglue_signature_line(line) == parts


def test_flattened_dispatch_reads_like_a_clean_one():
    from vbminer.pipeline import extract_text

    flat = (
        "Công văn 7/SNV-TCBC năm 2020\n"
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN SỞ NỘI VỤ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 7/SNV-TCBC V/v tuyển dụng công chức năm 2020\n"
        "Vinh, ngày 02 tháng 3 năm 2020 Kính gửi: UBND các huyện, thành phố, thị xã.\n"
        "Sở Nội vụ đề nghị các đơn vị báo cáo nhu cầu tuyển dụng./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT, TCBC.\n"
        "KT.\nGIÁM ĐỐC PHÓ GIÁM ĐỐC Hồ Thị Mai\n"
    )
    h = extract_text(flat).header
    assert (h.number, h.symbol, h.place, h.date) == ("7", "SNV-TCBC", "Vinh", "2020-03-02")
    assert h.subject == "tuyển dụng công chức năm 2020"
    assert h.recipients == ("UBND các huyện, thành phố, thị xã",)
    assert (h.signer.authority, h.signer.on_behalf_of, h.signer.title, h.signer.name) == (
        "KT", "Giám đốc", "Phó Giám đốc", "Hồ Thị Mai")
