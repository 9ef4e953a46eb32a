"""Cited documents: one parametrised family per citation form, on small dispatches written for the test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbminer.extract.base import Context, context_for_text
from vbminer.extract.references import extract_references
from vbminer.types import Reference

HEADER = """ỦY BAN NHÂN DÂN
HUYỆN THANH CHƯƠNG
Số: 77/UBND-VP
V/v triển khai nhiệm vụ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thanh Chương, ngày 05 tháng 01 năm 2023
Kính gửi: Chủ tịch UBND các xã, thị trấn.
"""

CLOSING = """
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Phan Văn Bình
"""


def _run(body: str) -> tuple[Context, list[Reference]]:
    ctx = context_for_text(HEADER + body + CLOSING)
    return ctx, extract_references(ctx)


def _by_key(refs: list[Reference]) -> dict[str, Reference]:
    return {r.key: r for r in refs}


# (body, key, doc_type, date): every citation form the genre uses
FORMS = [
    ("Thực hiện Chỉ thị số 08/CT-UBND ngày 12/3/2021 của Chủ tịch UBND tỉnh Nghệ An về việc tăng cường ký số.",
     "08/CT-UBND", "Chỉ thị", "2021-03-12"),
    ("Căn cứ Quyết định 2045/QĐ-UBND, ngày 09/6/2021 của UBND tỉnh ban hành kế hoạch kiểm tra.",
     "2045/QĐ-UBND", "Quyết định", "2021-06-09"),
    ("Thực hiện Nghị định số 61/2018/NĐ-CP của Chính phủ về cơ chế một cửa.",
     "61/2018/NĐ-CP", "Nghị định", None),
    ("Thực hiện Công văn số 318/UBND-VP ngày 12/4/2021 của UBND huyện về chấn chỉnh ký số.",
     "318/UBND-VP", "Công văn", "2021-04-12"),
    ("Thực hiện văn bản số 5120/UBND-KSTTHC ngày 20/4/2021 của UBND tỉnh, UBND huyện yêu cầu:",
     "5120/UBND-KSTTHC", "Công văn", "2021-04-20"),
    ("Theo báo cáo số 245/BC-STTTT ngày 02/4/2021 của Sở Thông tin và Truyền thông, tỷ lệ ký số còn thấp.",
     "245/BC-STTTT", "Báo cáo", "2021-04-02"),
    ("Thực hiện Thông báo số 47/TB-UBND ngày 19/5/2021 kết luận của Chủ tịch UBND huyện, đề nghị các xã báo cáo.",
     "47/TB-UBND", "Thông báo", "2021-05-19"),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm 2015;",
     "80/2015/QH13", "Luật", "2015-06-22"),
    ("Căn cứ Luật Thuế xuất khẩu, thuế nhập khẩu 107/2016/QH13 và các văn bản hướng dẫn;",
     "107/2016/QH13", "Luật", None),
    ("Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể.",
     "30c/NQ-CP", "Nghị quyết", "2011-11-08"),
    ("Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy, UBND xã ban hành kế hoạch.",
     "14/KH/TU", "Kế hoạch", "2025-07-29"),
    ("Quán triệt Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị đến cán bộ, đảng viên.",
     "66/NQ/TW", "Nghị quyết", "2025-04-30"),
    ("Tuyên truyền Nghị quyết số 27/NQ- TW ngày 09/11/2022 của Ban Chấp hành Trung ương.",
     "27/NQ-TW", "Nghị quyết", "2022-11-09"),
    ("Căn cứ Quyết định số 2045/QĐ-\nUBND ngày 09/6/2021 của UBND tỉnh;",
     "2045/QĐ-UBND", "Quyết định", "2021-06-09"),
    ("Căn cứ Quyết định số 1234/QD-UBND ngày 03/02/2022 của UBND huyện;",
     "1234/QĐ-UBND", "Quyết định", "2022-02-03"),
    ("Căn cứ Nghị định số 30/2020/ND-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
     "30/2020/NĐ-CP", "Nghị định", "2020-03-05"),
    ("Căn cứ Quyết định số 15/QÐ-UBND ngày 10/01/2022 của UBND huyện;",
     "15/QĐ-UBND", "Quyết định", "2022-01-10"),
    ("Theo Nghị quyết số 66.4/2025/NQ-CP của Chính phủ, các bộ rà soát thủ tục.",
     "66.4/2025/NQ-CP", "Nghị quyết", None),
    ("Căn cứ Nghị quyết số 70/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội;",
     "70/2025/UBTVQH15", "Nghị quyết", None),
    ("Phúc đáp văn bản đề ngày 29 tháng 10 năm 2025 số 16/CV-HHCN của Hiệp hội, Sở có ý kiến như sau:",
     "16/CV-HHCN", "Công văn", "2025-10-29"),
    ("Ngày 21/02/2022, Sở Nội vụ đã có Công văn số 236/SNV-CCVC hướng dẫn các đơn vị tự đánh giá.",
     "236/SNV-CCVC", "Công văn", "2022-02-21"),
    ("Trả lời công văn số 1025-CVHQ ngày 10/10/2025 của Công ty, Chi cục có ý kiến như sau:",
     "1025/CVHQ", "Công văn", "2025-10-10"),
    ("TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ",
     "57/NQ/TW", "Nghị quyết", "2024-12-22"),
    ("Căn cứ Văn bản hợp nhất số 10/VBHN-BGDĐT ngày 14/3/2014 của Bộ Giáo dục và Đào tạo;",
     "10/VBHN-BGDĐT", "Văn bản hợp nhất", "2014-03-14"),
    ("Căn cứ Thông tư số 44/2022/TT- BTC ngày 21/7/2022 của Bộ Tài chính;",
     "44/2022/TT-BTC", "Thông tư", "2022-07-21"),
]


@pytest.mark.parametrize(("body", "key", "doc_type", "date"), FORMS)
def test_citation_forms(body: str, key: str, doc_type: str, date: str | None) -> None:
    _, refs = _run(body)
    found = _by_key(refs)
    assert key in found, [r.key for r in refs]
    assert found[key].doc_type == doc_type
    assert found[key].date == date


# `văn bản số` / `công văn số`: the type is told from the symbol's type code, none means a Công văn
FROM_SYMBOL = [
    ("Thực hiện văn bản số 245/BC-STTTT của Sở, UBND huyện đề nghị các xã báo cáo.", "Báo cáo"),
    ("Thực hiện văn bản số 12/QĐ-UBND của UBND tỉnh, UBND huyện đề nghị các xã thực hiện.", "Quyết định"),
    ("Thực hiện văn bản số 88/TTr-TCKH của Phòng, UBND huyện thống nhất.", "Tờ trình"),
    ("Thực hiện công văn số 96/KH-UBND của UBND tỉnh, UBND huyện đề nghị các xã thực hiện.", "Kế hoạch"),
    ("Thực hiện văn bản số 5120/UBND-KSTTHC của UBND tỉnh, UBND huyện đề nghị các xã thực hiện.", "Công văn"),
    ("Thực hiện Văn bản số 9151-CV/BTCTW của Ban Tổ chức Trung ương, Sở đề nghị các đơn vị thực hiện.", "Công văn"),
]


@pytest.mark.parametrize(("body", "doc_type"), FROM_SYMBOL)
def test_doc_type_told_from_the_symbol(body: str, doc_type: str) -> None:
    _, refs = _run(body)
    assert len(refs) == 1
    assert refs[0].doc_type == doc_type


# number / year / symbol split like the header's Số line
SPLITS = [
    ("Căn cứ Nghị định số 61/2018/NĐ-CP của Chính phủ;", ("61", "2018", "NĐ-CP")),
    ("Thực hiện Kế hoạch số 14-KH/TU của Ban Thường vụ Tỉnh ủy;", ("14", None, "KH/TU")),
    ("Thực hiện Công văn số 318/UBND-VP của UBND huyện;", ("318", None, "UBND-VP")),
    ("Thực hiện Nghị quyết số 30c/NQ-CP của Chính phủ;", ("30c", None, "NQ-CP")),
    ("Thực hiện Công văn số 64/NN ngày 06/9/2022 của Phòng Nông nghiệp;", ("64", None, "NN")),
]


@pytest.mark.parametrize(("body", "parts"), SPLITS)
def test_number_year_symbol(body: str, parts: tuple[str, str | None, str]) -> None:
    _, refs = _run(body)
    assert [(r.number, r.year, r.symbol) for r in refs] == [parts]


# (body, key, issuer, subject)
ISSUERS_AND_SUBJECTS = [
    ("Thực hiện Chỉ thị số 08/CT-UBND ngày 12/3/2021 của Chủ tịch UBND tỉnh Nghệ An về việc tăng cường sử dụng "
     "chữ ký số; UBND huyện yêu cầu:", "08/CT-UBND", "Chủ tịch UBND tỉnh Nghệ An", "tăng cường sử dụng chữ ký số"),
    ("Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo;",
     "766/QĐ-TTg", "Thủ tướng Chính phủ", None),
    ("Theo báo cáo số 245/BC-STTTT của Sở Thông tin và Truyền thông, trong quý I tỷ lệ ký số thấp.",
     "245/BC-STTTT", "Sở Thông tin và Truyền thông", None),
    ("Thực hiện Kế hoạch số 96/KH-UBND ngày 15/4/2021 của UBND tỉnh Thanh Hóa về nâng cao chất lượng dịch vụ "
     "công trực tuyến và văn bản số 5120/UBND-KSTTHC ngày 20/4/2021 của UBND tỉnh, UBND huyện yêu cầu:",
     "96/KH-UBND", "UBND tỉnh Thanh Hóa", "nâng cao chất lượng dịch vụ công trực tuyến"),
    ("Thực hiện Kế hoạch số 14-KH/TU của Ban Thường vụ Tỉnh ủy và Kế hoạch số 24/KH-UBND của UBND tỉnh;",
     "14/KH/TU", "Ban Thường vụ Tỉnh ủy", None),
    ("Căn cứ Chỉ thị số 15/CT-TTg ngày 27/3/2020, Chỉ thị số 16/CT-TTg ngày 31/3/2020 và Chỉ thị số 19/CT-TTg "
     "ngày 24/4/2020 của Thủ tướng Chính phủ;", "15/CT-TTg", "Thủ tướng Chính phủ", None),
    ("Căn cứ Luật Đất đai số 31/2024/QH15 và Nghị định số 103/2024/NĐ-CP của Chính phủ;",
     "31/2024/QH15", None, None),
    ("Gửi Công văn số 52/UBND-VP về Phòng Nội vụ trước ngày 20/6/2021.", "52/UBND-VP", None, None),
]


@pytest.mark.parametrize(("body", "key", "issuer", "subject"), ISSUERS_AND_SUBJECTS)
def test_issuer_and_subject(body: str, key: str, issuer: str | None, subject: str | None) -> None:
    _, refs = _run(body)
    ref = _by_key(refs)[key]
    assert ref.issuer == issuer
    assert ref.subject == subject


# enumerations: one reference per item, the type carried over
ENUMERATIONS = [
    ("Thực hiện các văn bản số: 10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 12/9/2025 của Văn phòng "
     "Chính phủ, Sở đề nghị:", {"10894/VPCP-CN": "2025-11-08", "8563/VPCP-CN": "2025-09-12"}),
    ("Thực hiện các Thông báo kết luận số 49/TB-VPCP ngày 07 tháng 02 năm 2024 và số 160/TB-VPCP ngày "
     "24/4/2023 của Văn phòng Chính phủ;", {"49/TB-VPCP": "2024-02-07", "160/TB-VPCP": "2023-04-24"}),
    ("Căn cứ Nghị định số 120/2020/NĐ-CP ngày 07/10/2020, 150/2025/NĐ-CP ngày 12/6/2025 của Chính phủ;",
     {"120/2020/NĐ-CP": "2020-10-07", "150/2025/NĐ-CP": "2025-06-12"}),
    # bare numbers with one date after the last: signed the same day ...
    ("Theo các hợp đồng số 18/2023/HĐ-XL, 19/2023/HĐ-XL và 20/2023/HĐ-XL ngày 12/6/2023 của Ban QLDA;",
     {"18/2023/HĐ-XL": "2023-06-12", "19/2023/HĐ-XL": "2023-06-12", "20/2023/HĐ-XL": "2023-06-12"}),
    # ... unless the year in a number says otherwise
    ("Căn cứ các Nghị quyết số 12/2020/NQ-HĐND, 15/2021/NQ-HĐND ngày 05/3/2021 của HĐND tỉnh;",
     {"12/2020/NQ-HĐND": None, "15/2021/NQ-HĐND": "2021-03-05"}),
]


@pytest.mark.parametrize(("body", "dates"), ENUMERATIONS)
def test_enumerations(body: str, dates: dict[str, str]) -> None:
    _, refs = _run(body)
    assert {r.key: r.date for r in refs} == dates
    first = refs[0].doc_type
    assert all(r.doc_type == first for r in refs)


# mentions of one document are merged, and short mentions join the full citation
MERGES = [
    ("Thực hiện Chỉ thị số 08/CT-UBND ngày 12/3/2021 của Chủ tịch UBND tỉnh. Sau 3 tháng thực hiện Chỉ thị 08, "
     "tỷ lệ ký số tăng.", "08/CT-UBND", ["Chỉ thị số 08/CT-UBND", "Chỉ thị 08"]),
    ("Căn cứ Quyết định 2045/QĐ-UBND, ngày 09/6/2021 của UBND tỉnh. Theo Quyết định 2045, huyện thành lập tổ.",
     "2045/QĐ-UBND", ["Quyết định 2045/QĐ-UBND", "Quyết định 2045"]),
    ("Ngày 12/4/2021 UBND huyện ban hành Công văn số 318/UBND-VP. Đến nay Công văn 318 chưa được thực hiện.",
     "318/UBND-VP", ["Công văn số 318/UBND-VP", "Công văn 318"]),
    ("Căn cứ Nghị định số 61/2018/NĐ-CP của Chính phủ. Theo Nghị định 61/2018, các xã bố trí bộ phận một cửa. "
     "Thực hiện đúng Nghị định số 61/2018/NĐ-CP.", "61/2018/NĐ-CP",
     ["Nghị định số 61/2018/NĐ-CP", "Nghị định 61/2018", "Nghị định số 61/2018/NĐ-CP"]),
    ("Thực hiện Kế hoạch số 38/KH-UBND của UBND huyện, các xã báo cáo theo văn bản số 38/KH-UBND nêu trên.",
     "38/KH-UBND", ["Kế hoạch số 38/KH-UBND", "văn bản số 38/KH-UBND"]),
    # the one document of its type cited before, pointed back at
    ("Xét Tờ trình số 45/TTr-SXD ngày 02/5/2024 của Sở Xây dựng, Chủ tịch UBND tỉnh đồng ý với Tờ trình nêu trên.",
     "45/TTr-SXD", ["Tờ trình số 45/TTr-SXD", "Tờ trình nêu trên"]),
]


@pytest.mark.parametrize(("body", "key", "mentions"), MERGES)
def test_mentions_merged(body: str, key: str, mentions: list[str]) -> None:
    ctx, refs = _run(body)
    assert [r.key for r in refs] == [key]
    assert [ctx.text[sp.start : sp.end] for sp in refs[0].mentions] == mentions


def test_a_pointer_back_needs_one_document_of_its_type_before_it() -> None:
    _, refs = _run("Theo Quyết định số 12/QĐ-UBND và Quyết định số 15/QĐ-UBND của UBND huyện; Quyết định nêu trên "
                   "hết hiệu lực. Tờ trình nêu trên được thông qua.")
    assert [(r.key, len(r.mentions)) for r in refs] == [("12/QĐ-UBND", 1), ("15/QĐ-UBND", 1)]


def test_short_mention_needs_the_same_type() -> None:
    _, refs = _run("Thực hiện Chỉ thị số 08/CT-UBND của UBND tỉnh và Kế hoạch 08 của huyện; Đề án 06 triển khai.")
    assert [r.key for r in refs] == ["08/CT-UBND"]
    assert len(refs[0].mentions) == 1


def test_short_mention_is_on_one_line() -> None:
    # a heading in capitals over a numbered item is not `Công điện 6`
    _, refs = _run("Tiếp theo Công điện số 06/CĐ-UBND ngày 24/9/2022 của Chủ tịch UBND tỉnh.\nCÔNG ĐIỆN\n"
                   "6. Sở Y tế chuẩn bị thuốc. Theo Công điện 06, các xã sơ tán dân.")
    assert [r.key for r in refs] == ["06/CĐ-UBND"]
    assert len(refs[0].mentions) == 2


# what looks like a symbol or a number but is not a citation
NOT_REFERENCES = [
    "Mọi phản ánh gửi qua số điện thoại 0238.3831234 hoặc đường dây nóng 1900/1000, trực 24/7.",
    "Xã Minh Châu đạt tỷ lệ 57/812 hồ sơ; huyện xếp hạng 9/21 toàn tỉnh; 17/19 tiêu chí đã đạt.",
    "Từ ngày 12/3/2021 đến ngày 30/6/2021, trong quý I/2021 số ca Covid-19 giảm.",
    "Khai báo theo mẫu số 03/KBS/GSQL và Biểu mẫu số 01/BC-UBND kèm theo.",
    "Triển khai Đề án 06 và Bộ chỉ số 766 trên địa bàn huyện.",
    "Hợp kim SAC305 (Sn96.5Ag03Cu.5) được dùng để hàn.",
]


@pytest.mark.parametrize("body", NOT_REFERENCES)
def test_not_references(body: str) -> None:
    _, refs = _run(body)
    assert refs == []


def test_own_number_is_not_a_reference() -> None:
    _, refs = _run("UBND huyện đề nghị các xã thực hiện nghiêm túc.")
    assert refs == []


def test_title_lines_of_the_header_are_read() -> None:
    text = """ỦY BAN NHÂN DÂN
XÃ DIỄN HỒNG
Số: 35/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Diễn Hồng, ngày 25 tháng 6 năm 2021
BÁO CÁO
Kết quả thực hiện Chỉ thị số 08/CT-UBND của Chủ tịch UBND tỉnh
Kính gửi: UBND huyện Diễn Châu.
UBND xã báo cáo kết quả thực hiện Chỉ thị 08 như sau: đã ký số 412 văn bản.
""" + CLOSING
    ctx = context_for_text(text)
    refs = extract_references(ctx)
    assert [r.key for r in refs] == ["08/CT-UBND"]
    assert refs[0].issuer == "Chủ tịch UBND tỉnh"
    assert len(refs[0].mentions) == 2
    assert "35/BC-UBND" not in [r.key for r in refs]


PIECES = [
    "Chỉ thị số ", "Quyết định ", "văn bản số: ", "Luật Đất đai số ", "08/CT-UBND", "2045/QĐ-", "\n", "UBND",
    "61/2018/NĐ-CP", "14-KH/TU", "27/NQ- TW", " ngày 12/3/2021", " ngày 12 tháng 3 năm 2021", " của UBND tỉnh",
    " về việc ", "tăng cường", ", ", " và ", "số ", "Chỉ thị 08", "24/7", "57/812", ";", ".", "(", ")", "QD-UBND",
    "1025-CVHQ", "30c/NQ-CP", " ", "mẫu số ", "Ngày 21/02/2022, Sở đã có ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join))
def test_never_raises_and_spans_point_at_their_citation(body: str) -> None:
    ctx, refs = _run(body)
    n = len(ctx.text)
    keys = [r.key for r in refs]
    assert len(keys) == len(set(keys))
    for ref in refs:
        assert ref.mentions
        assert ref.number
        for sp in ref.mentions:
            assert 0 <= sp.start < sp.end <= n
            assert ref.number.casefold().lstrip("0") in ctx.text[sp.start : sp.end].casefold()
