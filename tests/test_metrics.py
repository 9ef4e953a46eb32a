"""Figures: percentages, ratios, attribution to units, comparators, targets, periods, non-figures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_units import _doc

from vbminer.extract.base import context_for_text
from vbminer.extract.metrics import _sentence, extract_metrics
from vbminer.extract.units import extract_units
from vbminer.render import metrics_table
from vbminer.types import Dispatch, Source


def _metrics(body: str, district: str = "Nam Đàn"):
    ctx = context_for_text(_doc(body, district))
    units = extract_units(ctx)
    return ctx, units, extract_metrics(ctx, units)


def _pairs(body: str, district: str = "Nam Đàn"):
    _, _, mets = _metrics(body, district)
    return [(m.unit, m.value if m.kind == "percent" else (m.numerator, m.denominator)) for m in mets]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Xã Kim Liên (mức độ 3 đạt 61,25%; Mức độ 4 đạt 18%).", [("Kim Liên", 61.25), ("Kim Liên", 18.0)]),
        ("Tính chung, xã Nam Anh và Nam Xuân 77%.", [("Nam Anh", 77.0), ("Nam Xuân", 77.0)]),
        ("Các xã có tỷ lệ ký số (0%): Nam Kim, Nam Cát, Nam Lĩnh.",
         [("Nam Kim", 0.0), ("Nam Cát", 0.0), ("Nam Lĩnh", 0.0)]),
        ("Một số xã thu đạt thấp: Nam Giang 18,6%, Xuân Hòa 21%.", [("Nam Giang", 18.6), ("Xuân Hòa", 21.0)]),
        ("Xã Hùng Tiến (92 văn bản ký số/1.004 văn bản đến), xã Nam Thanh (57/812).",
         [("Hùng Tiến", (92.0, 1004.0)), ("Nam Thanh", (57.0, 812.0))]),
        ("Toàn huyện đạt 71,3% tổng đàn.", [(None, 71.3)]),
        # ... but a unit ranked in the district keeps its figure
        ("Trường THCS Nam Anh dẫn đầu toàn huyện với 14/18 thí sinh đạt giải.",
         [("Trường THCS Nam Anh", (14.0, 18.0))]),
        ("Xã Nam Kim là đơn vị cao nhất trong toàn huyện (tỷ lệ đạt 98,9%).", [("Nam Kim", 98.9)]),
        # `lần lượt` pairs the units with the figures in order; a ratio in parentheses is its figure's
        ("Các xã Nam Anh, Nam Xuân, Nam Kim lần lượt đạt 31,2%, 29,5% và 34,7%.",
         [("Nam Anh", 31.2), ("Nam Xuân", 29.5), ("Nam Kim", 34.7)]),
        ("Xã Nam Anh và xã Nam Xuân lần lượt là 88,14% (52/59 hộ) và 85,29% (58/68 hộ).",
         [("Nam Anh", 88.14), ("Nam Anh", (52.0, 59.0)), ("Nam Xuân", 85.29), ("Nam Xuân", (58.0, 68.0))]),
        ("Hai xã Nam Anh và Nam Xuân tương ứng đạt 81,3% và 83%; toàn huyện đạt 70%.",
         [("Nam Anh", 81.3), ("Nam Xuân", 83.0), (None, 70.0)]),
        # the units named again later in the text
        # as many figures listed as units: in their order, with or without `lần lượt`; one figure is shared
        ("Xã Nam Anh và xã Nam Xuân đạt thấp, mới hoàn thành 51,9% và 43,5% chỉ tiêu.",
         [("Nam Anh", 51.9), ("Nam Xuân", 43.5)]),
        ("Các xã Nam Anh, Nam Xuân còn 7/19 và 5/16 điểm trường lẻ.",
         [("Nam Anh", (7.0, 19.0)), ("Nam Xuân", (5.0, 16.0))]),
        ("Xã Nam Anh và xã Nam Xuân đạt 51,9%, 43,5% và 40%.",
         [("Nam Anh", 51.9), ("Nam Xuân", 51.9), ("Nam Anh", 43.5), ("Nam Xuân", 43.5), ("Nam Anh", 40.0),
          ("Nam Xuân", 40.0)]),
        ("Xã Nam Anh và xã Nam Xuân lần lượt đạt 31,2% và 29,5%. Xã Nam Anh, xã Nam Xuân tổ chức rà soát.",
         [("Nam Anh", 31.2), ("Nam Xuân", 29.5)]),
        # without the cue, every figure is the whole group's
        ("Xã Nam Anh và xã Nam Xuân cùng đạt 81,3%, vượt 5%.",
         [("Nam Anh", 81.3), ("Nam Xuân", 81.3), ("Nam Anh", 5.0), ("Nam Xuân", 5.0)]),
        ("Phòng Nội vụ đạt 98,5%; Phòng TC-KH đạt 97%.", [("Nội vụ", 98.5), ("TC-KH", 97.0)]),
        # a colon right after a name opens its figures
        ("Kết quả rà soát:\n- Xã Nam Anh: 23/186 hộ nghèo (tỷ lệ 12,37%);\n- Xã Nam Xuân: 64%.",
         [("Nam Anh", (23.0, 186.0)), ("Nam Anh", 12.37), ("Nam Xuân", 64.0)]),
        # a threshold before a colon goes to the names listed after it ...
        ("Các xã có tỷ lệ dưới 50%: Nam Kim, Nam Cát.", [("Nam Kim", 50.0), ("Nam Cát", 50.0)]),
        # ... unless each has its own figure: the threshold bounds a band
        ("Kết quả như sau:\n- 02 đơn vị đạt từ 70% đến dưới 90%: Nam Kim (86,4%), Nam Cát (81,7%).",
         [(None, 70.0), (None, 90.0), ("Nam Kim", 86.4), ("Nam Cát", 81.7)]),
        ("Các xã có tỷ lệ dưới 50%: Nam Kim 42,1%, Nam Cát 40%.", [(None, 50.0), ("Nam Kim", 42.1), ("Nam Cát", 40.0)]),
        # a count of communes belongs to a district above them, not to an office or company before it
        ("Huyện Yên Thành có 35/38 xã đạt chuẩn; Viettel Nghệ An kết nối 135/135 xã.",
         [("Yên Thành", (35.0, 38.0)), (None, (135.0, 135.0))]),
        # ... and a count of hamlets to a commune, not to a committee before it
        ("Ban Công tác Mặt trận phối hợp rà soát tại 9/9 thôn; xã Nam Anh có 12/15 thôn đạt chuẩn.",
         [(None, (9.0, 9.0)), ("Nam Anh", (12.0, 15.0))]),
        # a small ratio followed by what it counts is not a date
        ("Xã Nam Anh đã khắc phục tạm thời 2/5 tuyến.", [("Nam Anh", (2.0, 5.0))]),
        # a count in parentheses between a name and its colon
        ("Kinh phí như sau:\n- Xã Nam Anh (04 tuyến): 420.000.000 đồng, chiếm 33,6%.", [("Nam Anh", 33.6)]),
        # a school's name ends before the count that follows it
        ("Trường THCS Nam Anh 14/658 học sinh (chiếm 2,13%), Trường TH&THCS Nam Xuân 9 em (1,6%).",
         [("Trường THCS Nam Anh", (14.0, 658.0)), ("Trường THCS Nam Anh", 2.13), ("Trường TH&THCS Nam Xuân", 1.6)]),
        # a place in parentheses after a unit says where it is: the figure is the unit's
        ("Trường Tiểu học Kim Liên (huyện Nam Đàn) mới cập nhật 64/118 hồ sơ; "
         "Trường THCS Hùng Tiến (Nam Đàn) đạt 71,2%.",
         [("Trường Tiểu học Kim Liên", (64.0, 118.0)), ("Trường THCS Hùng Tiến", 71.2)]),
        # an owner closed by a comma (a cited document's issuer): the clause after it has its own subject
        ("Theo Kế hoạch số 12/KH-UBND ngày 05/01/2022 của UBND tỉnh Nghệ An, đến nay tỷ lệ tiêm phòng "
         "của huyện đạt 77%; tỷ lệ hồ sơ của xã Nam Anh đạt 64%.", [(None, 77.0), ("Nam Anh", 64.0)]),
        # the units in parentheses say what the unit before them is made of: the figure is that unit's
        ("Xã Nam Anh (sáp nhập từ thị trấn Nam Đàn, xã Nam Xuân) hiện có 61/48 biên chế.",
         [("Nam Anh", (61.0, 48.0))]),
        # a partner (`phối hợp với X`) does not own the clause's figure
        ("Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Kho bạc Nhà nước huyện bảo đảm giải ngân 100% vốn.",
         [(None, 100.0)]),
        # `cùng` is no partner's word here: the figure stays with the name right before it
        ("Xã Nam Anh cùng xã Nam Xuân đạt 80%.", [("Nam Xuân", 80.0)]),
        # a list's items with a ratio and what it counts between them: each item keeps its own
        ("Còn 46 người chưa qua bồi dưỡng, tập trung ở các xã: Nam Kim 9/23 người (39,1%), Nam Cát 8/22 người, "
         "Nam Lĩnh 7/20 người.",
         [("Nam Kim", (9.0, 23.0)), ("Nam Kim", 39.1), ("Nam Cát", (8.0, 22.0)), ("Nam Lĩnh", (7.0, 20.0))]),
        # a list's items with their figure's verb
        ("Một số xã còn chậm: Nam Kim mới đạt 71,21% (188/264 đối tượng), Nam Cát 74,5%.",
         [("Nam Kim", 71.21), ("Nam Kim", (188.0, 264.0)), ("Nam Cát", 74.5)]),
        ("Một số xã còn chậm: Nam Kim đạt 71,21%, Nam Cát đạt 74,5%, Nam Lĩnh chiếm 3%.",
         [("Nam Kim", 71.21), ("Nam Cát", 74.5), ("Nam Lĩnh", 3.0)]),
        # a figure whose list follows a few words on what it counts, then a colon
        ("Các xã có tỷ lệ hồ sơ trực tuyến dưới 10% gồm: Nam Kim, Nam Cát.", [("Nam Kim", 10.0), ("Nam Cát", 10.0)]),
        ("Các xã hoàn thành 100% chỉ tiêu gồm: Nam Kim, Nam Cát.", [("Nam Kim", 100.0), ("Nam Cát", 100.0)]),
        # the unit heading a list item owns the figures of all the item's clauses, unless another owner is named
        ("Kết quả:\n- Xã Nam Kim: cứng hóa 4,2 km; tỷ lệ đường trục thôn được cứng hóa đạt 100%.",
         [("Nam Kim", 100.0)]),
        ("Kết quả:\n- Xã Nam Kim: cứng hóa 4,2 km; toàn huyện đạt 70%.", [(None, 70.0)]),
        ("Kết quả:\n- Xã Nam Kim đạt 50%; toàn huyện đạt 60%.", [("Nam Kim", 50.0), (None, 60.0)]),
    ],
)
def test_attribution(body, expected):
    assert _pairs(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Năm 2020 huyện xếp thứ 9/21 huyện, thành phố, thị xã.",
        "Duy trì đường dây nóng 24/7 để tiếp nhận phản ánh.",
        "Bố trí lực lượng trực 24/24 giờ tại các hồ chứa.",
        "Hoàn thành trước ngày 15/6/2021 và báo cáo trong tháng 6/2021.",
        "Thực hiện Công văn số 318/UBND-VP ngày 12/4/2021.",
        "Báo cáo trước ngày 30/6.",
        "Lấy mẫu tại 03 khu vực nuôi (01 mẫu/01 khu vực).",  # rates, not shares
        "Kiểm tra định kỳ (12 lượt kiểm tra/3 xã).",
    ],
)
def test_not_figures(body):
    assert _pairs(body) == []


@pytest.mark.parametrize(
    ("body", "comparator"),
    [
        ("Phấn đấu giải ngân đạt trên 50% kế hoạch vốn.", ">"),
        ("Có 11 đơn vị đạt từ 90% trở lên.", ">="),
        ("Tỷ lệ tiêm phòng đạt tối thiểu 80% tổng đàn.", ">="),
        ("Tỷ lệ hộ nghèo giảm xuống dưới 3%.", "<"),
        ("Tỷ lệ tiêm phòng đạt 80% tổng đàn.", None),
    ],
)
def test_comparators(body, comparator):
    _, _, mets = _metrics(body)
    assert [m.comparator for m in mets] == [comparator]


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        ("Chưa đạt chỉ tiêu tỉnh giao (cấp huyện 60%, cấp xã là 30%).", [True, True]),
        ("Phấn đấu tỷ lệ hồ sơ trực tuyến đạt tối thiểu 85%.", [True]),
        ("100% văn bản đi phải được ký số.", [True]),
        ("Tỷ lệ hồ sơ trực tuyến mới đạt 24,7%.", [False]),
        # an enumeration of targets across semicolons
        ("Bảo đảm tỷ lệ hồ sơ đạt tối thiểu 90% đối với cấp tỉnh; 80% đối với cấp huyện và 60% đối với cấp xã.",
         [True, True, True]),
        ("Phấn đấu tỷ lệ hồ sơ trực tuyến đạt 60%; hiện nay mới đạt 35%.", [True, False]),
        ("Một số chỉ tiêu còn thấp: giải ngân mới đạt 28,4%; tiêm phòng đạt 31,2%.", [False, False]),
        # a cue that closes the figure before it is not this one's
        ("Thu ngân sách bằng 117,6% dự toán tỉnh giao, bằng 105,5% cùng kỳ.", [False, False]),
        ("Giải ngân đạt 50% kế hoạch, phấn đấu đến cuối năm đạt 90%.", [False, True]),
        # a cue in an earlier clause of the sentence does not reach the figure
        ("Sản xuất nông nghiệp duy trì ổn định; tổng mức bán lẻ tăng 15,1%.", [False]),
        # a parenthesis that reports a result is a clause of its own
        ("Tỷ lệ ký số chưa đạt chỉ tiêu 70% (cả năm đạt 44,1%).", [True, False]),
        ("Chỉ đạo bảo đảm thông suốt, phục vụ người dân tốt nhất (giải quyết hồ sơ đạt tỷ lệ 91,67%).", [False]),
    ],
)
def test_targets(body, targets):
    _, _, mets = _metrics(body)
    assert [m.is_target for m in mets] == targets
    assert all(m.unit is None for m in mets)


@pytest.mark.parametrize(
    ("body", "period"),
    [
        ("Từ ngày 01/3/2021 đến ngày 15/4/2021, xã Kim Liên đạt 61%.", "2021-03-01/2021-04-15"),
        ("Tính đến ngày 31/5/2022, xã Kim Liên đạt 61%.", "to 2022-05-31"),
        ("Xã Kim Liên đạt 61%.", None),
    ],
)
def test_periods(body, period):
    _, _, mets = _metrics(body)
    assert [m.period for m in mets] == [period]


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("Tỷ lệ hồ sơ trực tuyến của huyện đạt 45%.", "tỷ lệ hồ sơ trực tuyến"),
        # "đạt chuẩn" names what is counted; the verb is the "đạt" after it
        ("Tỷ lệ xã đạt chuẩn nông thôn mới đạt 60%.", "tỷ lệ xã đạt chuẩn nông thôn mới"),
        ("Tỷ lệ tiêu chí đạt chuẩn là 75%.", "tỷ lệ tiêu chí đạt chuẩn"),
    ],
)
def test_label_before_its_verb(body, label):
    _, _, mets = _metrics(body)
    assert [m.label for m in mets] == [label]


def test_labels_and_unit_names_match_units():
    _, units, mets = _metrics(
        "Xã Kim Liên (mức độ 3 đạt 61,25%; Mức độ 4 đạt 18%); tỷ lệ ký số của xã Nam Anh đạt 40%."
    )
    names = {u.name for u in units}
    assert all(m.unit in names for m in mets)
    assert [m.label for m in mets] == ["mức độ 3", "mức độ 4", "tỷ lệ ký số"]


def test_metrics_table_groups_figures_per_unit():
    ctx, units, mets = _metrics(
        "Xã Kim Liên (mức độ 3 đạt 61,25%; Mức độ 4 đạt 18%), xã Nam Anh (57/812). Toàn huyện đạt 40%."
    )
    dispatch = Dispatch(source=Source(path="x.txt", sha256="0", format="txt"), text=ctx.text, header=ctx.header,
                        units=tuple(units), metrics=tuple(mets))
    table = metrics_table(dispatch)
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["đơn", "vị"]
    assert lines[2].startswith("xã Kim Liên") and "61,25%" in lines[2]
    assert lines[3].startswith(" ") and "18%" in lines[3]  # same unit: its name is not repeated
    assert lines[4].startswith("xã Nam Anh") and "57/812 (7,02%)" in lines[4]
    assert lines[-1].startswith("(không gắn với đơn vị)") and "40%" in lines[-1]
    assert metrics_table(Dispatch(source=dispatch.source, text="", header=ctx.header)) == ""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("xã Kim Liên đạt trên tối thiểu (),;:%/.0123456789\n")), max_size=200))
def test_never_raises_and_offsets_point_at_figures(body):
    ctx, units, mets = _metrics(body)
    names = {u.name for u in units}
    for m in mets:
        assert 0 <= m.start < m.end <= len(ctx.text)
        assert ctx.text[m.start].isdigit()
        assert m.unit is None or m.unit in names


NOTICE = (
    "VĂN PHÒNG CHÍNH PHỦ\nSố: 636/TB-VPCP\nTHÔNG BÁO\nKết luận của Thủ tướng Chính phủ tại buổi làm việc "
    "với lãnh đạo tỉnh Phú Thọ\nHà Nội, ngày 10 tháng 11 năm 2025\n"
    "Tỉnh Phú Thọ đã triển khai đồng bộ các nhiệm vụ. {body}\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Văn An\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a notice about one province: its figures are the province's, the national comparisons are not
        ("Nông nghiệp duy trì ổn định; tổng mức bán lẻ tăng 15,1% (bình quân cả nước tăng 9,3%).",
         [("Phú Thọ", 15.1), (None, 9.3)]),
        ("Giải ngân đạt 72,4% kế hoạch, cao hơn bình quân chung của cả nước (54,4%).",
         [("Phú Thọ", 72.4), (None, 54.4)]),
        ("Giải ngân đạt 72,4% kế hoạch, cao hơn bình quân chung cả nước (khoảng 37,8%).",
         [("Phú Thọ", 72.4), (None, 37.8)]),
    ],
)
def test_a_notice_about_one_province(body, expected):
    ctx = context_for_text(NOTICE.format(body=body))
    units = extract_units(ctx)
    assert [(m.unit, m.value) for m in extract_metrics(ctx, units)] == expected


def _ends_sentence(text: str, i: int) -> bool:
    """A line break, or a full stop before a space or the end of the text, at ``i``."""
    return text[i] == "\n" or (text[i] == "." and (i + 1 == len(text) or text[i + 1].isspace()))


@settings(max_examples=400)
@given(st.text(alphabet="ab. \n\u00a0", max_size=30), st.data())
def test_a_figure_sentence_runs_between_sentence_ends(text, data):
    """``_sentence`` (found from the text's sentence ends at once) gives the sentence around ``pos``
    within ``lo``..``hi``: no sentence end inside, one (or a bound) on each side."""
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    pos = data.draw(st.integers(lo, max(lo, hi - 1)))
    start, end = _sentence(text, pos, lo, hi)
    assert lo <= start <= pos <= end <= hi
    assert not any(_ends_sentence(text, i) for i in range(pos, end))
    assert end == hi or _ends_sentence(text, end)
    assert not any(_ends_sentence(text, i - 1) and (text[i - 1] == "\n" or i < len(text))
                   for i in range(start + 1, pos + 1))
    assert start == lo or _ends_sentence(text, start - 1)
