"""Tables of percentages per unit (``extract.tables``), in the four layouts text exports leave."""

from __future__ import annotations

import pytest

from vbminer.pipeline import extract_text

HEAD = """ỦY BAN NHÂN DÂN
HUYỆN YÊN THÀNH
Số: 12/BC-UBND
Yên Thành, ngày 05 tháng 01 năm 2023
BÁO CÁO
Kết quả ký số năm 2022
"""
# enough lines before the table that it lies in the body, past the header's columns
HEAD += "".join(f"{n}. Xã thứ {n} đã triển khai ký số đối với văn bản đi.\n" for n in range(1, 25))
HEAD += "Kết quả cụ thể từng xã như sau:\n"
TAIL = """Đề nghị các xã tiếp tục thực hiện./.
Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Lê Văn An
"""

TABS = "TT\tĐơn vị\tTổng số văn bản\tSố văn bản ký số\tTỷ lệ (%)\n" \
       "1\tXã Bắc Thành\t120\t118\t98,3\n2\tXã Nam Thành\t95\t80\t84,2\n-\tCộng\t215\t198\t92,1\n"
SPACES = "TT Đơn vị Tổng số văn bản Số văn bản ký số Tỷ lệ (%)\n" \
         "1 Xã Bắc Thành 120 118 98,3\n2 Xã Nam Thành 95 80 84,2\nCộng 215 198 92,1\n"
CELLS = "TT\nĐơn vị\nTổng số văn bản\nSố văn bản ký số\nTỷ lệ (%)\n" \
        "1\nXã Bắc Thành\n120\n118\n98,3\n2\nXã Nam Thành\n95\n80\n84,2\nCộng\n215\n198\n92,1\n"
PIPES = "| TT | Đơn vị | Tổng số văn bản | Số văn bản ký số | Tỷ lệ (%) |\n| --- | --- | --- | :---: | ---: |\n" \
        "| 1 | Xã Bắc Thành | 120 | 118 | 98,3 |\n| 2 | Xã Nam Thành | 95 | 80 | 84,2 |\n" \
        "| - | Cộng | 215 | 198 | 92,1 |\n"
PADDED = "TT    Đơn vị          Tổng số văn bản    Số văn bản ký số    Tỷ lệ (%)\n" \
         "1     Xã Bắc Thành         120                 118              98,3\n" \
         "2     Xã Nam Thành          95                  80              84,2\n" \
         "      Cộng                 215                 198              92,1\n"
WANT = [("Bắc Thành", 98.3), ("Nam Thành", 84.2), (None, 92.1)]
LAYOUTS = pytest.mark.parametrize("table", [TABS, SPACES, CELLS, PIPES, PADDED],
                                  ids=["tabs", "spaces", "cells", "pipes", "padded"])


def table_metrics(table: str) -> list[tuple[str | None, float | None]]:
    d = extract_text(HEAD + table + TAIL, "t.txt")
    return [(m.unit, m.value) for m in d.metrics if m.label == "Tỷ lệ (%)"]


@LAYOUTS
def test_each_row_gives_its_unit_the_percent_column(table):
    assert table_metrics(table) == WANT


@pytest.mark.parametrize("header", ["Khu vực", "Chủ rừng"])
def test_the_unit_column_may_be_headed_by_what_its_units_are(header):
    assert table_metrics(TABS.replace("Đơn vị", header, 1)) == WANT


@LAYOUTS
def test_a_cell_points_at_its_value(table):
    d = extract_text(HEAD + table + TAIL, "t.txt")
    cells = [d.text[m.start : m.end] for m in d.metrics if m.label == "Tỷ lệ (%)"]
    assert cells == ["98,3", "84,2", "92,1"]


@pytest.mark.parametrize(
    ("table", "want"),
    [
        # a row with a cell missing ends the table: the cells after it would shift columns
        (CELLS.replace("2\nXã Nam Thành\n95\n", "2\nXã Nam Thành\n"), WANT[:1]),
        (TABS.replace("2\tXã Nam Thành\t95\t80", "2\tXã Nam Thành\t80"), WANT[:1]),
        # rows that are not numbered 1, 2, ...: not a table of units
        (TABS.replace("2\tXã Nam", "7\tXã Nam"), WANT[:1]),
        # no column of units, or no percentages: nothing
        (TABS.replace("Đơn vị", "Nội dung"), []),
        (CELLS.replace("Tỷ lệ (%)", "Ghi chú"), []),
        # without tabs, the percentage must be the last column
        (SPACES.replace("Số văn bản ký số Tỷ lệ (%)", "Tỷ lệ (%) Số văn bản ký số"), []),
        # a Markdown table needs its line of dashes under the header
        (PIPES.replace("| --- | --- | --- | :---: | ---: |\n", ""), []),
    ],
)
def test_a_doubtful_table_gives_no_figures(table, want):
    assert table_metrics(table) == want


@pytest.mark.parametrize("table", [TABS, CELLS, PIPES], ids=["tabs", "cells", "pipes"])
def test_a_ratio_cell_is_its_rows_figure(table):
    table = table.replace("Số văn bản ký số", "Ký số/Tổng số")
    for n, d in (("118", "120"), ("80", "95"), ("198", "215")):
        table = table.replace(f"{d}\t{n}", f"-\t{n}/{d}").replace(f"{d}\n{n}", f"-\n{n}/{d}")
        table = table.replace(f"{d} | {n}", f"- | {n}/{d}")
    doc = extract_text(HEAD + table + TAIL, "t.txt")
    got = [(m.unit, m.numerator, m.denominator, m.label) for m in doc.metrics if m.kind == "ratio"]
    assert got == [("Bắc Thành", 118, 120, "Ký số/Tổng số"), ("Nam Thành", 80, 95, "Ký số/Tổng số"),
                   (None, 198, 215, "Ký số/Tổng số")]
    # a count cell (`-` here, `120` before) is no figure
    assert sorted(m.kind for m in doc.metrics if m.label) == ["percent"] * 3 + ["ratio"] * 3


def test_a_percentage_with_its_sign_in_a_cell_is_read_once():
    table = TABS.replace("98,3", "98,3%")
    d = extract_text(HEAD + table + TAIL, "t.txt")
    assert [(m.unit, m.value) for m in d.metrics if m.start >= d.text.index("98,3%")][:1] == [("Bắc Thành", 98.3)]
    assert sum(1 for m in d.metrics if m.value == 98.3) == 1


def test_a_target_column_gives_targets():
    table = TABS.replace("Tỷ lệ (%)", "Chỉ tiêu giao (%)")
    d = extract_text(HEAD + table + TAIL, "t.txt")
    assert [m.is_target for m in d.metrics if m.label == "Chỉ tiêu giao (%)"] == [True, True, True]


def test_a_hard_wrap_does_not_join_a_table_header_to_its_first_row():
    from vbminer.normalize import unwrap

    text = "Kết quả giải ngân vốn của các xã trên địa bàn huyện trong năm 2023 như sau đây\n" * 8 + SPACES
    joined = unwrap(text, 0, len(text), hard_wrapped=True)
    assert "Tỷ lệ (%)\n1 Xã Bắc Thành" in joined


def test_a_table_near_the_top_keeps_its_cells():
    # within the lines where the header's two columns are split: three cells or more are a table's row
    short = HEAD.split("1. Xã thứ 1")[0] + "Kết quả cụ thể từng trường như sau:\n"
    table = TABS.replace("Xã Bắc Thành", "Trường Tiểu học Bắc Thành").replace("Xã Nam Thành", "Trường THCS Nam Thành")
    d = extract_text(short + table + TAIL, "t.txt")
    assert [(m.unit, m.value) for m in d.metrics if m.label == "Tỷ lệ (%)"] == \
        [("Trường Tiểu học Bắc Thành", 98.3), ("Trường THCS Nam Thành", 84.2), (None, 92.1)]
    assert not [u.name for u in d.units if any(c.isdigit() for c in u.name)]


def test_the_names_of_a_unit_column_are_units():
    table = TABS.replace("Xã Bắc Thành", "Bắc Thành").replace("Xã Nam Thành", "TT Yên Thành") \
        .replace("-\tCộng", "3\tTH Kim Đồng\t10\t9\t90,0\n-\tCộng")
    doc = extract_text(HEAD.replace("Kết quả cụ thể", "Riêng thị trấn Yên Thành đạt thấp. Kết quả cụ thể")
                       + table + TAIL, "t.txt")
    units = sorted((u.name, u.kind, len(u.mentions)) for u in doc.units)
    # a place in scope by the gazetteer; the town named in the text (`TT` is `thị trấn`); a school; a
    # row of totals names no unit
    assert units == [("Bắc Thành", "xã", 1), ("TH Kim Đồng", None, 1), ("Yên Thành", "thị trấn", 2)]


@pytest.mark.parametrize(
    ("group_a", "group_b", "second"),
    [
        ("A\tCÁC XÃ ĐẠT CHUẨN (01 xã)", "B\tCÁC XÃ PHẤN ĐẤU (01 xã)", "2"),  # numbered on across the groups
        ("I. CÁC XÃ ĐẠT CHUẨN", "II. CÁC XÃ PHẤN ĐẤU", "1"),  # numbered from 1 in each group
        ("A", "B", "2"),
    ],
)
def test_rows_go_on_after_a_groups_row(group_a, group_b, second):
    table = TABS.replace("1\tXã Bắc", f"{group_a}\n1\tXã Bắc").replace("2\tXã Nam", f"{group_b}\n{second}\tXã Nam")
    assert table_metrics(table) == WANT


def test_a_ward_of_a_hospital_is_a_tables_unit():
    table = TABS.replace("Đơn vị", "Khoa").replace("Xã Bắc Thành", "Khoa Nội tổng hợp") \
        .replace("Xã Nam Thành", "Khoa Nhi")
    assert table_metrics(table) == [("Nội tổng hợp", 98.3), ("Nhi", 84.2), (None, 92.1)]  # (kind khoa)


def test_a_school_named_without_its_kind_word_in_a_table_is_the_school_of_the_text():
    """`THCS Bắc Thành` in a table's column is `Trường THCS Bắc Thành` of the sentences: one unit."""
    table = "TT\tĐơn vị\tSố dự thi\tSố đạt giải\tTỷ lệ (%)\n1\tTHCS Bắc Thành\t16\t9\t56,2\n" \
            "2\tTHCS Nam Thành\t20\t13\t65,0\n"
    d = extract_text(HEAD + table + "Trường THCS Bắc Thành tiếp tục bồi dưỡng học sinh.\n" + TAIL, "t.txt")
    schools = {u.name: len(u.mentions) for u in d.units if "Thành" in u.name}
    assert schools == {"Trường THCS Bắc Thành": 2, "THCS Nam Thành": 1}


def test_a_cell_over_a_group_of_columns_is_no_column_of_the_rows():
    # `Chỉ tiêu năm 2024` heads `Tối thiểu (%)` and `Phấn đấu đạt (%)`: five cells a row under six header cells
    table = ("TT\nĐơn vị\nKết quả năm 2023 (%)\nChỉ tiêu năm 2024\nTối thiểu (%)\nPhấn đấu đạt (%)\n"
             "1\nXã Bắc Thành\n94,2\n95\n98\n2\nXã Nam Thành\n78,3\n82\n85\n")
    d = extract_text(HEAD + table + TAIL, "t.txt")
    assert [(m.unit, m.value) for m in d.metrics if m.label] == [
        ("Bắc Thành", 94.2), ("Bắc Thành", 95.0), ("Bắc Thành", 98.0),
        ("Nam Thành", 78.3), ("Nam Thành", 82.0), ("Nam Thành", 85.0)]


@pytest.mark.parametrize("column", ["Khu phố", "Xóm", "Sở", "Hợp tác xã"])
def test_a_unit_column_may_be_headed_by_the_units_kind(column):
    table = TABS.replace("Đơn vị", column).replace("Xã Bắc Thành", "Bắc Thành").replace("Xã Nam Thành", "Nam Thành")
    assert [value for _, value in table_metrics(table)] == [98.3, 84.2, 92.1]
