"""Deadlines: one table of cases per phrase family, and properties over any body text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbminer.extract.base import context_for_text
from vbminer.extract.deadlines import extract_deadlines, find_limits

HEAD = (
    "ỦY BAN NHÂN DÂN\nHUYỆN YÊN THÀNH\nSố: 12/UBND-VP\nV/v triển khai nhiệm vụ\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Yên Thành, ngày 02 tháng 3 năm 2022\nKính gửi: Chủ tịch UBND các xã, thị trấn.\n"
)
TAIL = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"


def deadlines_of(body: str) -> list[tuple[str | None, str]]:
    ctx = context_for_text(HEAD + body + TAIL)
    return [(d.date, d.text) for d in extract_deadlines(ctx, [])]


DAY_CASES = [
    ("Các xã gửi báo cáo trước ngày 15/8/2021.", [("2021-08-15", "trước ngày 15/8/2021")]),
    ("Hoàn thành chậm nhất ngày 30/6/2022.", [("2022-06-30", "chậm nhất ngày 30/6/2022")]),
    ("Gửi về Phòng Nội vụ chậm nhất là ngày 10/4/2022.", [("2022-04-10", "chậm nhất là ngày 10/4/2022")]),
    ("Gửi tham luận trước ngày 05/12 để tổng hợp.", [("2022-12-05", "trước ngày 05/12")]),
    ("Cập nhật số liệu trước 17 giờ 00 ngày 10/3/2022.", [("2022-03-10", "trước 17 giờ 00 ngày 10/3/2022")]),
    ("Báo cáo trước 16h00 ngày 21/10/2022.", [("2022-10-21", "trước 16h00 ngày 21/10/2022")]),
    ("Nộp hồ sơ trước ngày 06 tháng 12 năm 2025.", [("2025-12-06", "trước ngày 06 tháng 12 năm 2025")]),
    ("Báo cáo trước ngày 25/12 hàng năm.", [("2022-12-25", "trước ngày 25/12")]),
    ("Phấn đấu đến ngày 30/6/2022 giải ngân đạt 60% kế hoạch.", [("2022-06-30", "Phấn đấu đến ngày 30/6/2022")]),
    ("a) Gói thầu số 05: gia hạn đến hết ngày 30/11/2022.", [("2022-11-30", "gia hạn đến hết ngày 30/11/2022")]),
]

PERIOD_CASES = [
    # a target in the clause keeps its period a time limit, though the clause says "đạt"
    ("Phấn đấu đến hết tháng 12/2025 tỷ lệ này đạt tối thiểu 80%.",
     [("2025-12-31", "Phấn đấu đến hết tháng 12/2025")]),
    ("Thu xong trong tháng 11/2022.", [("2022-11-30", "xong trong tháng 11/2022")]),
    ("Hoàn thành trong tháng 2/2024.", [("2024-02-29", "Hoàn thành trong tháng 2/2024")]),
    ("Hoàn thành trong tháng 8.", [("2022-08-31", "Hoàn thành trong tháng 8")]),
    ("Kiểm tra trong quý III/2022.", [("2022-09-30", "trong quý III/2022")]),
    ("Báo cáo Chính phủ trong Quý I năm 2026.", [("2026-03-31", "trong Quý I năm 2026")]),
    ("Bàn giao dự án trong năm 2022.", [("2022-12-31", "trong năm 2022")]),
    ("Ban hành quy chế trong tháng 12 năm 2025.", [("2025-12-31", "trong tháng 12 năm 2025")]),
    ("Trình đề án trước tháng 12/2025.", [("2025-11-30", "trước tháng 12/2025")]),
    ("Phấn đấu đạt tối thiểu 90% vào cuối năm 2022.", [("2022-12-31", "vào cuối năm 2022")]),
    # a period still to come: a past word before it describes what the clause names
    ("Hậu kiểm các cơ sở đã được cấp Giấy chứng nhận, trình Giám đốc Sở phê duyệt trong tháng 8/2022.",
     [("2022-08-31", "trong tháng 8/2022")]),
    ("Nâng tỷ lệ hộ đạt tiêu chí lên trên 85%, hoàn thành trong quý III/2022.",
     [("2022-09-30", "hoàn thành trong quý III/2022")]),
    ("Tham mưu sơ kết việc thực hiện Kế hoạch vào quý IV/2022.", [("2022-12-31", "vào quý IV/2022")]),
    # periods joined to one are limits too; one written without its year takes the year of the last
    ("Tổ chức kiểm tra định kỳ trong tháng 6 và tháng 11/2023.",
     [("2023-06-30", "trong tháng 6"), ("2023-11-30", "tháng 11/2023")]),
    ("Báo cáo UBND tỉnh trong quý II, quý IV năm 2022.",
     [("2022-06-30", "trong quý II"), ("2022-12-31", "quý IV năm 2022")]),
]

FIELD_CASES = [
    ("Xây dựng kế hoạch kiểm kê.\nThời gian hoàn thành: Trước ngày 15/11/2025.",
     [("2025-11-15", "Trước ngày 15/11/2025")]),
    ("Kiểm kê tài sản.\nThời hạn hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026.",
     [("2026-03-31", "ngày 01/01/2026 đến ngày 31/3/2026")]),
    ("Hướng dẫn kiểm kê.\nThời gian hoàn thành: Tháng 11 - 12/2025.", [("2025-12-31", "Tháng 11 - 12/2025")]),
    # a field's value ends with its sentence
    ("Thời hạn chi ngân sách năm 2022 đến hết ngày 31/12/2022. Các đơn vị gửi hồ sơ chậm nhất ngày 28/12/2022.",
     [("2022-12-31", "năm 2022 đến hết ngày 31/12/2022"), ("2022-12-28", "chậm nhất ngày 28/12/2022")]),
    ("Tổ chức thực hiện.\nThời hạn thực hiện: Từ tháng 10/2025 đến khi kết thúc kiểm kê.", []),
    # the date of a document cited in the value is when it was issued, not a limit
    ("Giải quyết 09/11 hồ sơ đúng thời hạn theo Nghị định số 95/2023/NĐ-CP ngày 29/12/2023 của Chính phủ.", []),
    ("Thời hạn: trước ngày 15/12/2022 (theo Công văn số 12/UBND-VP ngày 03/3/2022).",
     [("2022-12-15", "trước ngày 15/12/2022")]),
    ("PHỤ LỤC\nTT\nNội dung\nCơ quan chủ trì\nThời gian hoàn thành\n1\nRà soát văn bản\nSở Tư pháp\n2025",
     [("2025-12-31", "2025")]),
    # a table with tabs between its cells: its time column's cells are the limits, bare periods too; a year
    # that ends a row's task names an event, and the column header is not a field whose value is the next row
    ("TT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành\n1\tTổ chức Lễ hội năm 2022\tSở Văn hóa\tTháng 4/2022\n"
     "2\tTập huấn\tHội Nông dân\tQuý II/2022\n3\tBáo cáo\tPhòng Nội vụ\tTrước ngày 03/6/2022",
     [("2022-04-30", "Tháng 4/2022"), ("2022-06-30", "Quý II/2022"), ("2022-06-03", "Trước ngày 03/6/2022")]),
]

NOT_DEADLINES = [
    "Tính đến ngày 31/5/2021, tỷ lệ hồ sơ trực tuyến đạt 24,7%.",
    "Số liệu tính từ ngày 16/12/2020 đến ngày 15/5/2021.",
    "Trong tháng 5, các cơ quan, đơn vị đã tập trung triển khai nhiệm vụ.",
    "Trong quý I/2021 tỷ lệ văn bản ký số mới đạt 41,6%.",
    "Báo cáo trước ngày 05 của tháng liền kề.",
    "Hội nghị bắt đầu từ 08 giờ 00, ngày 08/12/2022.",
    # a figure's change between two months: when it was measured
    "Tỷ lệ hồ sơ trực tuyến tăng từ 18% trong tháng 7 lên 51,3% trong tháng 10/2025.",
    # a period's start; a period over before the document (dated 2 March 2022); an expected event
    "Chi cục Thuế thông báo thời hạn khai, nộp thuế đầu năm 2022 như sau:",
    "Trong tháng 01/2022 có 87 lượt tàu cá mất kết nối.",
    "Đoàn kiểm tra của Bộ dự kiến vào cuối tháng 11/2022.",
    # a past word after a period still to come tells it as past all the same
    "Mưa lớn kéo dài trong tháng 9/2022 đã ảnh hưởng đến tiến độ.",
]


@pytest.mark.parametrize(("body", "expected"), DAY_CASES)
def test_day_deadlines(body: str, expected: list[tuple[str, str]]) -> None:
    assert deadlines_of(body) == expected


@pytest.mark.parametrize(("body", "expected"), PERIOD_CASES)
def test_period_deadlines(body: str, expected: list[tuple[str, str]]) -> None:
    assert deadlines_of(body) == expected


@pytest.mark.parametrize(("body", "expected"), FIELD_CASES)
def test_field_and_column_deadlines(body: str, expected: list[tuple[str, str]]) -> None:
    assert deadlines_of(body) == expected


@pytest.mark.parametrize("body", NOT_DEADLINES)
def test_reference_instants_and_past_periods_are_not_deadlines(body: str) -> None:
    assert deadlines_of(body) == []


def test_deadline_binds_its_task_and_assignees() -> None:
    body = (
        "1. Phòng Tài chính - Kế hoạch huyện:\n"
        "- Thẩm định dự toán kinh phí, trình UBND huyện trước ngày 20/3/2022.\n"
        "2. Yêu cầu Chủ tịch UBND xã Đông Ninh kiểm điểm trách nhiệm, báo cáo UBND huyện trước ngày 25/3/2022."
    )
    ctx = context_for_text(HEAD + body + TAIL)
    found = extract_deadlines(ctx, [])
    assert [(d.date, d.assignees) for d in found] == [
        ("2022-03-20", ("Phòng Tài chính - Kế hoạch huyện",)),
        ("2022-03-25", ("Chủ tịch UBND xã Đông Ninh",)),
    ]
    assert found[0].task == "Thẩm định dự toán kinh phí, trình UBND huyện"


def test_a_period_joined_to_another_binds_the_same_task() -> None:
    ctx = context_for_text(HEAD + "Các xã tổ chức tổng vệ sinh trong tháng 6 và tháng 9/2022." + TAIL)
    assert [d.task for d in extract_deadlines(ctx, [])] == ["Các xã tổ chức tổng vệ sinh"] * 2


def test_a_day_without_its_year_months_before_the_document_is_next_years() -> None:
    import datetime as dt

    text = "Gửi báo cáo trước ngày 05/01; cập nhật số liệu trước ngày 10/12."
    issued = dt.date(2022, 12, 20)
    assert [lim.date for lim in find_limits(text, 0, len(text), 2022, issued)] == ["2023-01-05", "2022-12-10"]
    assert [lim.date for lim in find_limits(text, 0, len(text), 2022)] == ["2022-01-05", "2022-12-10"]


def test_find_limits_without_document_year_skips_dates_without_year() -> None:
    text = "Gửi trước ngày 05/12; hoàn thành trong quý IV."
    assert find_limits(text, 0, len(text), None) == []


BODY_WORDS = st.sampled_from(
    ["trước ngày", "15/8/2021", "05/12", "trong tháng", "11/2022", "quý III/2022", "trong năm 2022", "Tính đến ngày",
     "Thời gian hoàn thành:", "2025", "\n", "Phòng Nội vụ", "chậm nhất", "17 giờ 00", "ngày", "31/2/2022", "từ", "đến",
     "Tháng 11 - 12/2025", ";", ".", "đã", "Giao", "chủ trì", "phối hợp với", "UBND các xã", "1.", "-", "quý", "99/99"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BODY_WORDS, max_size=30).map(" ".join))
def test_never_raises_and_spans_point_at_their_text(body: str) -> None:
    ctx = context_for_text(HEAD + body + TAIL)
    for d in extract_deadlines(ctx, []):
        assert 0 <= d.start <= d.end <= len(ctx.text)
        assert ctx.text[d.start : d.end] == d.text
        assert d.date is None or len(d.date) == 10
