"""Named units: kind words, lists, abbreviations, misspellings, gazetteer resolution, spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbminer.extract.base import context_for_text
from vbminer.extract.metrics import extract_metrics
from vbminer.extract.units import extract_units

HEAD = """ỦY BAN NHÂN DÂN
HUYỆN {district}
Số: 12/UBND-VP
V/v thử nghiệm trích xuất
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{district_title}, ngày 12 tháng 4 năm 2021
Kính gửi: Chủ tịch UBND các xã, thị trấn.
"""
TAIL = """
Nơi nhận:
- Như trên;
- Lưu: VT, VP.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _doc(body: str, district: str = "Nam Đàn") -> str:
    return HEAD.format(district=district.upper(), district_title=district) + body + TAIL


def _units(body: str, district: str = "Nam Đàn"):
    ctx = context_for_text(_doc(body, district))
    return ctx, extract_units(ctx)


def _names(body: str, district: str = "Nam Đàn") -> dict[str, str | None]:
    _, units = _units(body, district)
    return {u.name: u.kind for u in units}


def _name_list(body: str) -> list[str]:
    """The names of the units of ``body``, in text order."""
    return [u.name for u in _units(body)[1]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Yêu cầu Chủ tịch UBND xã Kim Liên báo cáo.", {"Kim Liên": "xã"}),
        ("Xã Nam Giang thực hiện tốt.", {"Nam Giang": "xã"}),
        ("Thị trấn Nam Đàn tổ chức tuyên truyền.", {"Nam Đàn": "thị trấn"}),
        ("Các đơn vị chưa hoàn thành gồm: huyện Quế Phong, Kỳ Sơn và thị xã Hoàng Mai.",
         {"Quế Phong": "huyện", "Kỳ Sơn": "huyện", "Hoàng Mai": "thị xã"}),
        ("Dịch bệnh xảy ra tại 3 xã, thị trấn, gồm: Thị trấn Nam Đàn, Xuân Hòa, Hùng Tiến.",
         {"Nam Đàn": "thị trấn", "Xuân Hòa": "xã", "Hùng Tiến": "xã"}),
        ("Các xã Nam Anh, Nam Xuân chưa gửi báo cáo.", {"Nam Anh": "xã", "Nam Xuân": "xã"}),
        # hamlets of the Central Highlands: buôn, plei; a district named with the word is not one
        ("Buôn Kplang và plei Ốp đạt thấp; hộ buôn bán nhỏ.", {"Kplang": "buôn", "Ốp": "plei"}),
        ("Đoàn công tác làm việc tại Buôn Đôn.", {}),
        # bon (M'Nông), sóc (Khmer), bản (the north-west); a word that closes with the kind word is none
        ("Bon Ja Ráh, sóc Mới và bản Huồi Giảng đạt thấp.", {"Ja Ráh": "bon", "Mới": "sóc", "Huồi Giảng": "bản"}),
        ("Căn cứ Biên bản Làm việc ngày 09/7; Văn bản Hướng dẫn của Sở.", {}),
        # a parenthesis between a list's items says where the item is
        ("Tại các thôn Khuổi Ky, Pác Rằng (xã Nam Anh), thôn Giốc Mạ (xã Nam Xuân) đã tập huấn.",
         {"Khuổi Ky": "thôn", "Pác Rằng": "thôn", "Nam Anh": "xã", "Giốc Mạ": "thôn", "Nam Xuân": "xã"}),
        ("Một số xã đạt thấp: Nam Kim 81,7%, Khánh Sơn 86,4%.", {"Nam Kim": "xã", "Khánh Sơn": "xã"}),
        ("Ở cấp xã, các đơn vị dẫn đầu là Nam Lĩnh (90,5%), Nam Cát (93%).", {"Nam Lĩnh": "xã", "Nam Cát": "xã"}),
        # a region, a class of communes: no unit
        ("Các tỉnh khu vực Bắc Trung Bộ và các xã khu vực I chủ động ứng phó.", {}),
    ],
)
def test_administrative_units(body, expected):
    assert _names(body) == expected


def test_the_area_of_a_merged_commune_or_a_wards_numbered_area_is_a_unit_with_its_figures():
    ctx, units = _units("Kết quả như sau:\n- Khu vực Kim Liên (xã Kim Liên cũ): 1.148/1.259 hộ, đạt 91,2%;\n"
                        "- Khu vực 11: đạt 80%.")
    assert [(u.name, u.kind) for u in units] == [("Kim Liên", "khu vực"), ("Kim Liên", "xã"), ("11", "khu vực")]
    figures = [(m.unit, m.value) for m in extract_metrics(ctx, units)]
    assert figures == [("Kim Liên", 91.18), ("Kim Liên", 91.2), ("11", 80.0)]


@pytest.mark.parametrize(
    ("body", "district", "expected"),
    [
        # an apostrophe inside a name (plain or typographic) is part of it
        ("Xã Ea T'Ling đạt 45%.", "Cư Jút", {"Ea T'Ling": "Thị trấn Ea T'Ling"}),
        ("Hồ sơ của thị trấn D\u2019Ran (12/40) đã được số hóa.", "Đơn Dương", {"D\u2019Ran": "Thị trấn D'Ran"}),
        ("UBND xã Nâm N'Đir và xã Ea H\u2019Leo báo cáo.", "Krông Nô",
         {"Nâm N'Đir": "Xã Nâm N'Đir", "Ea H\u2019Leo": "Xã Ea H'leo"}),
        # a number ending a name
        ("Các xã: An Thạnh 1, An Thạnh 2 và Đại Ân 2 chưa hoàn thành.", "Cù Lao Dung",
         {"An Thạnh 1": "Xã An Thạnh 1", "An Thạnh 2": "Xã An Thạnh 2", "Đại Ân 2": "Xã Đại Ân 2"}),
        ("Xã Quế Xuân 1 dẫn đầu, xã Quế Xuân 2 đứng thứ hai.", "Quế Sơn",
         {"Quế Xuân 1": "Xã Quế Xuân 1", "Quế Xuân 2": "Xã Quế Xuân 2"}),
        ("Riêng 03 xã Quế Xuân 1, Quế Xuân 2 và Quế Phú được hỗ trợ thêm.", "Quế Sơn",
         {"Quế Xuân 1": "Xã Quế Xuân 1", "Quế Xuân 2": "Xã Quế Xuân 2", "Quế Phú": "Xã Quế Phú"}),
        # a number that opens a figure is not part of the name
        ("Diện tích lúa bị ngập của xã An Thạnh 1,5 ha.", "Cù Lao Dung", {"An Thạnh": None}),
        # a word of the name that is also a kind word, or written in lower case
        ("Riêng xã Yên Sở đạt 90%.", "Hoài Đức", {"Yên Sở": "Xã Yên Sở"}),
        ("Xã Bảo Đài và xã Cẩm Lý hoàn thành sớm.", "Lục Nam", {"Bảo Đài": "Xã Bảo Đài", "Cẩm Lý": "Xã Cẩm Lý"}),
        ("Xã Nậm Ban chưa gửi báo cáo.", "Nậm Nhùn", {"Nậm Ban": "Xã Nậm Ban"}),
        ("Thị trấn Nông trường Phong Hải tổ chức ra quân.", "Bảo Thắng",
         {"Nông trường Phong Hải": "Thị trấn Nông trường Phong Hải"}),
        ("Xã Trị Quận có tỷ lệ thấp nhất.", "Phù Ninh", {"Trị Quận": "Xã Trị Quận"}),
        # a one-word name in a list, where the gazetteer places it in the district
        ("Các xã chưa đạt: Suối Đá (40%), Phan (29,7%).", "Dương Minh Châu",
         {"Suối Đá": "Xã Suối Đá", "Phan": "Xã Phan"}),
        # a place whose name begins with an organisation's kind word
        ("Các xã Đại Hợp, Đoàn Xá và Tân Trào đạt chuẩn.", "Kiến Thụy",
         {"Đại Hợp": "Xã Đại Hợp", "Đoàn Xá": "Xã Đoàn Xá", "Tân Trào": "Xã Tân Trào"}),
        ("Kết quả như sau:\n- 02 đơn vị đạt dưới 80%: Trạm Tấu (79,1%), xã Xà Hồ (60,0%).", "Trạm Tấu",
         {"Trạm Tấu": "Thị trấn Trạm Tấu", "Xà Hồ": "Xã Xà Hồ"}),
        # a bare name takes the unit of the list's level that the district has, whatever the kind before it
        ("Các đơn vị đạt thấp gồm: Đức Hòa (12%), xã Lộc Giang (10%).", "Đức Hòa",
         {"Đức Hòa": "Thị trấn Đức Hòa", "Lộc Giang": "Xã Lộc Giang"}),
    ],
)
def test_names_with_numbers_apostrophes_and_kind_words(body, district, expected):
    assert {u.name: u.canonical for u in _units(body, district)[1]} == expected


def test_a_gazetteer_name_is_not_read_from_lower_case_words():
    """``Chỉ Đạo`` is a commune, but ``huyện chỉ đạo`` is a verb after the district."""
    assert _names("Ban Chỉ đạo huyện chỉ đạo các xã triển khai.", "Văn Lâm") == {"Chỉ đạo huyện": "ban"}


@pytest.mark.parametrize(
    ("body", "name", "canonical"),
    [
        ("Theo Quyết định của Bộ Nông nghiệp và Phát triển nông thôn.", "Bộ Nông nghiệp và Phát triển nông thôn",
         "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("Theo hướng dẫn của Bộ NN&MT.", "Bộ NN&MT", "Bộ Nông nghiệp và Môi trường"),
        ("Giao Phòng NNPTNT chủ trì.", "NNPTNT", "Phòng Nông nghiệp và Phát triển nông thôn"),
        ("Phòng LĐTBXH rà soát danh sách.", "LĐTBXH", "Phòng Lao động - Thương binh và Xã hội"),
        ("Báo cáo về Phòng TC-KH trước ngày 10.", "TC-KH", "Phòng Tài chính - Kế hoạch"),
        ("Phòng VH-TT hướng dẫn các xã.", "VH-TT", "Phòng Văn hóa và Thông tin"),
        ("Phòng KT-HT kiểm tra hiện trường.", "KT-HT", "Phòng Kinh tế và Hạ tầng"),
        # a national steering committee's name runs through its field's comma
        ("Báo cáo Ban Chỉ đạo quốc gia về Phòng, chống thiên tai trước 15 giờ.",
         "Chỉ đạo quốc gia về Phòng, chống thiên tai", "Ban Chỉ đạo quốc gia về Phòng, chống thiên tai"),
        ("Phòng GDĐT chỉ đạo các trường.", "GDĐT", "Phòng Giáo dục và Đào tạo"),
        # offices whose names end in lower case: the lexicon holds them whole
        ("Phòng An ninh chính trị nội bộ kiểm tra công tác coi thi.", "An ninh chính trị nội bộ",
         "Phòng An ninh chính trị nội bộ"),
        ("Phòng Giáo dục phổ thông kiểm tra công tác coi thi.", "Giáo dục phổ thông", "Phòng Giáo dục phổ thông"),
        ("Thực hiện chỉ đạo của Ban Chỉ đạo Quốc gia phòng, chống dịch COVID-19, các xã triển khai ngay.",
         "Chỉ đạo Quốc gia phòng, chống dịch COVID-19", "Ban Chỉ đạo quốc gia phòng, chống dịch COVID-19"),
        ("Ban QLDA lập tiến độ.", "QLDA", "Ban Quản lý dự án đầu tư xây dựng"),
        ("Trung tâm GDNN - GDTX tuyển sinh.", "GDNN - GDTX", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"),
        ("Công chức Bộ phận Một cửa hướng dẫn người dân.", "Một cửa", "Bộ phận Một cửa"),
        ("Giao Phòng Tài nguyên và Môi trường chủ trì, phối hợp.", "Tài nguyên và Môi trường",
         "Phòng Tài nguyên và Môi trường"),
        ("Văn phòng HĐND và UBND huyện theo dõi.", "HĐND và UBND huyện",
         "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
        # central departments whose names go on in lower case
        ("Báo cáo về Cục Cảnh sát Quản lý hành chính về trật tự xã hội.",
         "Cảnh sát Quản lý hành chính về trật tự xã hội", "Cục Cảnh sát quản lý hành chính về trật tự xã hội"),
        ("Gửi Cục Kiểm soát thủ tục hành chính trước ngày 10.", "Kiểm soát thủ tục hành chính",
         "Cục Kiểm soát thủ tục hành chính"),
        # bodies of a province that are not departments, written several ways
        ("Giao Báo và Phát thanh, Truyền hình tỉnh đưa tin.", "Báo và Phát thanh, Truyền hình tỉnh",
         "Báo và Phát thanh, Truyền hình"),
        ("Đề nghị Báo và PTTH Đắk Lắk đưa tin.", "Báo và PTTH Đắk Lắk", "Báo và Phát thanh, Truyền hình"),
        ("Ủy ban MTTQ Việt Nam tỉnh giám sát.", "Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("Bảo hiểm xã hội huyện rà soát.", "Bảo hiểm xã hội huyện", "Bảo hiểm xã hội"),
        ("Tỉnh đoàn phát động phong trào.", "Tỉnh đoàn", "Tỉnh đoàn"),
        ("Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện họp.",
         "Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện",
         "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn"),
        # its fields parted by a dash where the lexicon has a comma, and the other way round
        ("Hồ sơ do Phòng Kinh tế - Hạ tầng và Đô thị thụ lý.", "Kinh tế - Hạ tầng và Đô thị",
         "Phòng Kinh tế, Hạ tầng và Đô thị"),
        ("Sở Văn hóa - Thể thao và Du lịch hướng dẫn.", "Văn hóa - Thể thao và Du lịch",
         "Sở Văn hóa, Thể thao và Du lịch"),
        ("Hồ sơ gửi qua Phòng Quản lý thu - Sổ, thẻ trước ngày 10.", "Quản lý thu - Sổ, thẻ",
         "Phòng Quản lý thu - Sổ, thẻ"),
        # abbreviations that name a body without a kind word before them (`bare_abbreviations`)
        ("Giao BHXH huyện rà soát.", "BHXH huyện", "Bảo hiểm xã hội"),
        ("LĐLĐ tỉnh phối hợp tuyên truyền.", "LĐLĐ tỉnh", "Liên đoàn Lao động"),
        ("Giao Sở NNPTNT chủ trì.", "NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Ban Thanh tra nhân dân giám sát.", "Thanh tra nhân dân", "Ban Thanh tra nhân dân"),
        ("Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao điều tra.",
         "An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao",
         "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"),
        ("Bộ Lao động – Thương binh và Xã hội hướng dẫn.", "Bộ Lao động – Thương binh và Xã hội",
         "Bộ Lao động - Thương binh và Xã hội"),
        # a department of the lexicon ends before its clause's verb, even when a capital follows the verb
        ("Kế hoạch của Bộ Y tế phê duyệt Kế hoạch tiêm chủng.", "Bộ Y tế", "Bộ Y tế"),
        ("Bộ Kế hoạch và Đầu tư gửi Tổng công ty Khí Việt Nam.", "Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư"),
        # a province's name alone after a department, and "cấp tỉnh" after a name
        ("Sở Tư pháp Bắc Ninh hướng dẫn.", "Tư pháp Bắc Ninh", "Sở Tư pháp"),
        ("Trung tâm Phục vụ hành chính công cấp tỉnh tiếp nhận hồ sơ.", "Phục vụ hành chính công cấp tỉnh",
         "Trung tâm Phục vụ hành chính công"),
        # offices whose lower-case words hold what reads as a verb (`tổng hợp`, `chi`, `giáo dục`)
        ("Phòng Kế hoạch tổng hợp chủ trì kiểm tra.", "Kế hoạch tổng hợp", "Phòng Kế hoạch tổng hợp"),
        ("Bộ phận Kiểm soát chi kiểm tra hồ sơ.", "Kiểm soát chi", "Bộ phận Kiểm soát chi"),
        ("Phòng Khảo thí và Kiểm định chất lượng giáo dục chủ trì.", "Khảo thí và Kiểm định chất lượng giáo dục",
         "Phòng Khảo thí và Kiểm định chất lượng giáo dục"),
        ("Đội Tuyên truyền - Hỗ trợ người nộp thuế niêm yết công khai.", "Đội Tuyên truyền - Hỗ trợ người nộp thuế",
         "Đội Tuyên truyền - Hỗ trợ người nộp thuế"),
        # official names with commas and lower-case fields; a district's branch is not the province's office
        ("Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ kiểm tra.",
         "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
         "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
        ("Đội Cảnh sát giao thông - trật tự tuần tra.", "Cảnh sát giao thông - trật tự",
         "Đội Cảnh sát giao thông - trật tự"),
        ("Khoa Y học cổ truyền - Phục hồi chức năng đạt 93,8%.", "Y học cổ truyền - Phục hồi chức năng",
         "Khoa Y học cổ truyền - Phục hồi chức năng"),
        ("Chi nhánh Văn phòng Đăng ký đất đai huyện cập nhật.", "Chi nhánh Văn phòng Đăng ký đất đai huyện",
         "Chi nhánh Văn phòng Đăng ký đất đai"),
        ("Thị đoàn Hoàng Mai phát động phong trào.", "Thị đoàn Hoàng Mai", "Thị đoàn"),
        ("Trạm Trồng trọt và BVTV huyện giám sát.", "Trồng trọt và BVTV huyện", "Trạm Trồng trọt và Bảo vệ thực vật"),
        ("Phòng Giáo dục mầm non - Giáo dục thường xuyên tổng hợp.", "Giáo dục mầm non - Giáo dục thường xuyên",
         "Phòng Giáo dục mầm non - Giáo dục thường xuyên"),
        ("Phòng Bưu chính, Viễn thông thuộc Sở kiểm tra.", "Bưu chính, Viễn thông", "Phòng Bưu chính, Viễn thông"),
        ("Trung tâm Nước sinh hoạt và Vệ sinh môi trường nông thôn kiểm tra.",
         "Nước sinh hoạt và Vệ sinh môi trường nông thôn", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"),
        ("Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh tổng hợp.", "Đoàn đại biểu Quốc hội và HĐND tỉnh",
         "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"),
        # the boards of a province's projects, with and without `các`
        ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh báo cáo.",
         "Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
         "Ban Quản lý dự án đầu tư xây dựng công trình giao thông"),
        # a Sở's office under another of its names
        ("Phối hợp với Phòng Khảo thí và Quản lý chất lượng giáo dục xây dựng kế hoạch.",
         "Khảo thí và Quản lý chất lượng giáo dục", "Phòng Khảo thí và Kiểm định chất lượng giáo dục"),
        # a national committee whose purpose no locality ends
        ("Theo chỉ đạo của Ban Chỉ đạo quốc gia chống buôn lậu, gian lận thương mại và hàng giả.",
         "Chỉ đạo quốc gia chống buôn lậu, gian lận thương mại và hàng giả",
         "Ban Chỉ đạo quốc gia chống buôn lậu, gian lận thương mại và hàng giả"),
    ],
)
def test_departments_and_abbreviations(body, name, canonical):
    _, units = _units(body)
    assert [(u.name, u.canonical) for u in units] == [(name, canonical)]


def test_an_abbreviation_inside_a_symbol_is_not_a_unit():
    assert _names("Thực hiện Công văn số 1234/BHXH-QLT ngày 03/4/2024, đề nghị các đơn vị triển khai.") == {}


@pytest.mark.parametrize(
    "body",
    [
        # a bare abbreviation that names what the body runs, not the body (it needs a locality)
        "Toàn huyện có 2.345 người tham gia BHXH tự nguyện.",
        "2. Bảo hiểm xã hội tự nguyện\nToàn huyện có 2.345 người tham gia.",
        # the subject of a law
        "Thực hiện Luật Bảo hiểm xã hội số 41/2024/QH15, các đơn vị triển khai.",
    ],
)
def test_a_department_name_that_names_no_body(body):
    assert _names(body) == {}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an office of an area is not the province's office of the same department
        ("Bảo hiểm xã hội tỉnh Đồng Tháp chủ trì, phối hợp với Bảo hiểm xã hội cơ sở Tháp Mười.",
         ["Bảo hiểm xã hội tỉnh Đồng Tháp", "Bảo hiểm xã hội cơ sở Tháp Mười"]),
        ("BHXH tỉnh hướng dẫn BHXH cơ sở Cao Lãnh và Bảo hiểm xã hội khu vực XXVI.",
         ["BHXH tỉnh", "BHXH cơ sở Cao Lãnh", "Bảo hiểm xã hội khu vực XXVI"]),
        # a city's office is not the province's
        ("Sở Y tế thành phố Đà Nẵng phối hợp với Sở Y tế tỉnh Quảng Nam.",
         ["Y tế thành phố Đà Nẵng", "Y tế tỉnh Quảng Nam"]),
        # an area numbered in capitals ends the name, as a named one does
        ("Chi cục Thuế khu vực Phú Quốc và Chi cục Thuế khu vực XIX kiểm tra.",
         ["Thuế khu vực Phú Quốc", "Thuế khu vực XIX"]),
        # a field that follows an opening in lower case, a committee's purpose about something (`về`)
        ("Giao Chi cục An toàn vệ sinh thực phẩm chủ trì kiểm tra.", ["An toàn vệ sinh thực phẩm"]),
        ("Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện họp.", ["Chỉ đạo liên ngành về an toàn thực phẩm huyện"]),
        ("Hạt Quản lý đường bộ Lục Nam phối hợp.", ["Hạt Quản lý đường bộ Lục Nam"]),
        # a name does not run into a cited document, nor take the first syllable of a verb
        ("Thực hiện chỉ đạo của Bộ Công Thương và Kế hoạch số 245/KH-UBND.", ["Bộ Công Thương"]),
        ("Phòng Dân tộc chủ trì, phối hợp với Văn phòng Ban tổng hợp hồ sơ.", ["Dân tộc", "Ban"]),
        # fields written with commas inside them
        ("Đề nghị Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực Gia Lâm kiểm tra.",
         ["Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực Gia Lâm"]),
        ("Khoa Phòng, chống bệnh truyền nhiễm giám sát ca bệnh.", ["Phòng, chống bệnh truyền nhiễm"]),
    ],
)
def test_areas_and_fields_with_commas(body, expected):
    assert _name_list(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Trung tâm Y tế huyện chủ trì xét nghiệm.", {"Y tế huyện": "trung tâm"}),
        ("Công an huyện phối hợp kiểm tra.", {"Công an huyện": "cơ quan"}),
        ("Chi cục Thuế khu vực Yên Thành - Diễn Châu phối hợp với các xã.",
         {"Thuế khu vực Yên Thành - Diễn Châu": "chi cục"}),
        ("Sở Nông nghiệp và Môi trường hướng dẫn.", {"Nông nghiệp và Môi trường": "sở"}),
        ("Trạm Chăn nuôi và Thú y huyện tổ chức tiêm phòng.", {"Chăn nuôi và Thú y huyện": "trạm"}),
        # the tax offices since 2025: a number opens a name before its locality
        ("Đề nghị Thuế cơ sở 5 tỉnh Hà Tĩnh xác định nghĩa vụ tài chính.", {"Thuế cơ sở 5 tỉnh Hà Tĩnh": "cơ quan"}),
        ("Thuế tỉnh Hà Tĩnh tập trung thu hồi nợ đọng thuế.", {"Thuế tỉnh Hà Tĩnh": "cơ quan"}),
        # a ministry keeps its kind word: "Bộ Tài chính" is not "Sở Tài chính"
        ("Theo hướng dẫn của Bộ Tài chính.", {"Bộ Tài chính": "bộ"}),
        # a group's or company's name may hold other kind words
        ("Tập đoàn Bưu chính Viễn thông Việt Nam hỗ trợ hạ tầng.",
         {"Tập đoàn Bưu chính Viễn thông Việt Nam": "tập đoàn"}),
        ("Công ty Điện lực Nghệ An cấp điện.", {"Công ty Điện lực Nghệ An": "công ty"}),
        # a kind word followed by a lower-case word is a word of the name, not a new organisation
        ("Báo cáo Ban Chỉ đạo Phòng chống dịch huyện trước ngày 10.", {"Chỉ đạo Phòng chống dịch huyện": "ban"}),
        ("Sở Tư pháp phối hợp Phòng Nội vụ huyện.", {"Tư pháp": "sở", "Nội vụ huyện": "phòng"}),
        # after a kind word inside the name, a compound opens again (Ban Chỉ huy, Ban Quản lý)
        ("Gửi về Văn phòng Ban Chỉ huy; các sở báo cáo.", {"Ban Chỉ huy": "văn phòng"}),
        ("Văn phòng Ban Quản lý dự án huyện tổng hợp.", {"Ban Quản lý dự án huyện": "văn phòng"}),
        # a military command or a party committee's standing body is not a ministry
        ("Bộ CHQS tỉnh phối hợp.", {"Bộ CHQS tỉnh": "cơ quan"}),
        ("Báo cáo Thường trực Huyện ủy Nam Đàn kết quả.", {"Thường trực Huyện ủy Nam Đàn": "cơ quan"}),
        # a role after a dash is not more of the name
        ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo tổng hợp.", {"Tài chính": "sở", "Chỉ đạo": "ban"}),
        ("Giao Sở Y tế – cơ quan đầu mối, phối hợp.", {"Y tế": "sở"}),
        # newspapers, associations, schools and forest rangers keep their kind word
        ("Báo Nghệ An đưa tin.", {"Báo Nghệ An": "cơ quan"}),
        ("Hội Nông dân tỉnh và Hội Cựu chiến binh tỉnh tuyên truyền.",
         {"Hội Nông dân tỉnh": "cơ quan", "Hội Cựu chiến binh tỉnh": "cơ quan"}),
        ("Trường Chính trị tỉnh mở lớp bồi dưỡng.", {"Trường Chính trị tỉnh": "trường"}),
        ("Hạt Kiểm lâm huyện tuần tra.", {"Hạt Kiểm lâm huyện": "cơ quan"}),
        # ... but not the words that begin like them
        ("Báo cáo kết quả về Hội nghị; Trường hợp chậm, nêu rõ lý do.", {}),
        # a committee's purpose in lower case up to the locality that ends it
        ("Chỉ đạo Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ xã phối hợp với nhà trường.",
         {"Chỉ đạo phổ cập giáo dục, xóa mù chữ xã": "ban"}),
        ("Thường trực Ban Chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới huyện họp.",
         {"Chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới huyện": "ban"}),
        ("Ban Chỉ đạo tổ chức kiểm tra tại các xã.", {"Chỉ đạo": "ban"}),  # no locality: a verb follows
        ("Trưởng Ban Chỉ đạo phòng, chống dịch COVID-19 xã họp.", {"Chỉ đạo phòng, chống dịch COVID-19 xã": "ban"}),
        # ... through the year of a census and a plural programme, not through a list of communes
        ("Thành lập Ban Chỉ đạo Tổng điều tra dân số và nhà ở năm 2019 huyện Cầu Kè.",
         {"Chỉ đạo Tổng điều tra dân số và nhà ở năm 2019 huyện Cầu Kè": "ban"}),
        ("Trưởng Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh chủ trì.",
         {"Chỉ đạo các chương trình mục tiêu quốc gia tỉnh": "ban"}),
        ("Ban Chỉ đạo các xã báo cáo.", {"Chỉ đạo": "ban"}),
        # numbered boards, cooperatives with a lower-case descriptor
        ("Ban Quản lý dự án 85 phối hợp.", {"Quản lý dự án 85": "ban"}),
        ("Hợp tác xã dịch vụ nông nghiệp Nam Anh cung ứng giống.",
         {"Hợp tác xã dịch vụ nông nghiệp Nam Anh": "hợp tác xã"}),
        ("Công ty cổ phần Sông Đà thi công.", {"Công ty cổ phần Sông Đà": "công ty"}),
        # a company's name goes on through kind words, not through `và` and its own kind word again
        ("Công ty TNHH một thành viên Thủy lợi Nam Hà Nam và Công ty TNHH một thành viên Thủy lợi Ninh Bình vận hành.",
         {"Công ty TNHH một thành viên Thủy lợi Nam Hà Nam": "công ty",
          "Công ty TNHH một thành viên Thủy lợi Ninh Bình": "công ty"}),
        # ... not a short name followed by a verb
        ("Năm 2024 Công ty tiếp tục khai thuế GTGT theo quý.", {}),
        ("Đề nghị Công ty liên hệ Phòng Nội vụ.", {"Nội vụ": "phòng"}),
        # the same body at two levels is two units; named without its level, the one named with it
        ("Công an xã phối hợp với Công an tỉnh.", {"Công an xã": "cơ quan", "Công an tỉnh": "cơ quan"}),
        # ... and the same body at one level in two places
        ("Công an huyện An Dương đạt 103,5%; Công an huyện Cát Hải đạt 98%.",
         {"Công an huyện An Dương": "cơ quan", "Công an huyện Cát Hải": "cơ quan"}),
        ("Bảo hiểm xã hội tỉnh thu theo kế hoạch Bảo hiểm xã hội Việt Nam giao.",
         {"Bảo hiểm xã hội tỉnh": "cơ quan", "Bảo hiểm xã hội Việt Nam": "cơ quan"}),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện chủ trì; Ủy ban Mặt trận Tổ quốc Việt Nam tuyên truyền.",
         {"Ủy ban Mặt trận Tổ quốc Việt Nam huyện": "cơ quan"}),  # `Việt Nam` is of its name
        ("Trung tâm Y tế huyện tiêm chủng; Trung tâm Y tế báo cáo.", {"Y tế huyện": "trung tâm"}),
        # a person's name after an official's title is not a place
        ("Kết luận của Phó Chủ tịch UBND tỉnh Võ Thành Lộc tại cuộc họp.", {}),
        # hamlets of the south, kindergartens, committees of a People's Council, standing bodies
        ("Chỉ số tại ấp Tân Lợi là 32%, khóm 3 là 10%.", {"Tân Lợi": "ấp", "3": "khóm"}),
        # numbered hamlets listed after the first
        ("Trưởng các Tổ dân phố 5, 12 và 47 lập danh sách.",
         {"5": "tổ dân phố", "12": "tổ dân phố", "47": "tổ dân phố"}),
        ("Xã Nam Anh có 5, 12 hộ chưa đăng ký.", {"Nam Anh": "xã"}),
        ("Trường Mẫu giáo Hoa Sen tuyên truyền.", {"Trường Mẫu giáo Hoa Sen": "trường"}),
        # a council's committee is named with its council, as when the council is abbreviated
        ("Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh giám sát.",
         {"Văn hóa - Xã hội Hội đồng nhân dân tỉnh": "ban"}),
        ("Ban Pháp chế HĐND tỉnh thẩm tra.", {"Pháp chế HĐND tỉnh": "ban"}),
        # `xã hội` is a word, not a commune: the name goes on through it
        ("Trung tâm Bảo trợ xã hội tỉnh tiếp nhận.", {"Bảo trợ xã hội tỉnh": "trung tâm"}),
        ("Phòng Lao động - Việc làm và Bảo trợ xã hội tham mưu.", {"Lao động - Việc làm và Bảo trợ xã hội": "phòng"}),
        ("Chi cục Dân số - Xã hội triển khai.", {"Dân số - Xã hội": "chi cục"}),
        # hospitals keep their kind word
        ("Bệnh viện Đa khoa tỉnh và Bệnh viện Hùng Vương tiếp nhận bệnh nhân.",
         {"Bệnh viện Đa khoa tỉnh": "bệnh viện", "Bệnh viện Hùng Vương": "bệnh viện"}),
        ("Các bệnh viện tuyến huyện báo cáo.", {}),
        # teams, border posts, port authorities, power and telecom companies keep their kind word
        ("Đội Quản lý thị trường số 5 và Đội Cảnh sát PCCC huyện phối hợp.",
         {"Đội Quản lý thị trường số 5": "cơ quan", "Đội Cảnh sát PCCC huyện": "cơ quan"}),
        ("Đồn Biên phòng Sa Huỳnh phối hợp với Cảng vụ Hàng hải Quảng Ngãi và Khu Quản lý đường bộ II.",
         {"Đồn Biên phòng Sa Huỳnh": "cơ quan", "Cảng vụ Hàng hải Quảng Ngãi": "cơ quan"}),
        ("Viễn thông Bến Tre, Điện lực Giồng Trôm hỗ trợ.",
         {"Viễn thông Bến Tre": "cơ quan", "Điện lực Giồng Trôm": "cơ quan"}),
        ("Đội ngũ cán bộ được kiện toàn; Điện lực là ngành quan trọng.", {}),
        # a name of several fields: `A, B và C`, whatever its kind word
        ("Trung tâm Văn hóa, Thể thao và Truyền thông huyện tổ chức.",
         {"Văn hóa, Thể thao và Truyền thông huyện": "trung tâm"}),
        ("Chi cục Chăn nuôi, Thú y và Thủy sản hướng dẫn.", {"Chăn nuôi, Thú y và Thủy sản": "chi cục"}),
        # ... not a list of units, nor a list that goes on in lower case
        ("Trung tâm Y tế, Công an xã và Trạm Y tế xã phối hợp.",
         {"Y tế": "trung tâm", "Công an xã": "cơ quan", "Y tế xã": "trạm"}),
        ("Phòng Giáo dục, các trường học và Trạm Y tế tuyên truyền.", {"Giáo dục": "phòng", "Y tế": "trạm"}),
        # a verb that names a field, up to the level that ends the name
        ("Giao Đội Thanh tra xây dựng quận chủ trì.", {"Đội Thanh tra xây dựng quận": "cơ quan"}),
        ("Phòng Tài chính phối hợp huyện thực hiện.", {"Tài chính": "phòng"}),
        ("Phòng Tài chính kiểm tra xã Nam Anh.", {"Tài chính": "phòng", "Nam Anh": "xã"}),
        # `giao thông` is a word, not the verb `giao`
        ("Trạm Quản lý giao thông huyện kiểm tra.", {"Quản lý giao thông huyện": "trạm"}),
        ("Thường trực HĐND tỉnh giám sát.", {"Thường trực HĐND tỉnh": "cơ quan"}),
        ("Gửi Chi cục Quản lý đất đai trước ngày 10.", {"Quản lý đất đai": "chi cục"}),
        # the last field of a name of several fields may go on in lower case (Nghị định 30/2020)
        ("Phối hợp với Phòng Kê khai và Kế toán thuế rà soát hồ sơ.", {"Kê khai và Kế toán thuế": "phòng"}),
        ("Phòng Tài chính - Kế hoạch tổng hợp, báo cáo.", {"Tài chính - Kế hoạch": "phòng"}),  # a verb
        # a department of the lexicon does not go on in lower case
        ("Theo hướng dẫn của Bộ Tài nguyên và Môi trường quy định tại Thông tư.",
         {"Bộ Tài nguyên và Môi trường": "bộ"}),
        ("Cục Thuế nhận được hồ sơ của Công ty.", {"Thuế": "cục"}),
        # enterprises named without a kind word, with the province after them
        ("Phối hợp với Viettel Gia Lai, VNPT Gia Lai hoàn thành kết nối.",
         {"Viettel Gia Lai": "doanh nghiệp", "VNPT Gia Lai": "doanh nghiệp"}),
        # "và UBND" after a name is the start of another body
        ("Phòng Văn hóa - Thông tin và UBND xã Nam Anh tổ chức.", {"Văn hóa - Thông tin": "phòng", "Nam Anh": "xã"}),
        # an opening that is never a whole name goes on through its field, up to a verb or a function word
        ("Giao Trung tâm Quan trắc tài nguyên và môi trường lấy mẫu.",
         {"Quan trắc tài nguyên và môi trường": "trung tâm"}),
        ("Gửi mẫu về Trung tâm Chẩn đoán thú y trung ương để xét nghiệm.",
         {"Chẩn đoán thú y trung ương": "trung tâm"}),
        ("Phối hợp với Ban Đại diện cha mẹ học sinh tuyên truyền.", {"Đại diện cha mẹ học sinh": "ban"}),
        ("Ban Quản lý các khu công nghiệp tỉnh rà soát.", {"Quản lý các khu công nghiệp tỉnh": "ban"}),
        ("Phòng Cảnh sát phòng, chống tội phạm về môi trường điều tra.",
         {"Cảnh sát phòng, chống tội phạm về môi trường": "phòng"}),
        # a field goes on through `về` (not `về việc`) and a word that a verb opens (`giao thông`)
        ("Phòng Cảnh sát quản lý hành chính về trật tự xã hội hướng dẫn; Đề nghị Ban Quản lý dự án về việc bàn giao.",
         {"Cảnh sát quản lý hành chính về trật tự xã hội": "phòng", "Quản lý dự án": "ban"}),
        ("Chi cục Bảo vệ môi trường và Đội Cảnh sát giao thông đường bộ số 2 kiểm tra.",
         {"Bảo vệ môi trường": "chi cục", "Đội Cảnh sát giao thông đường bộ số 2": "cơ quan"}),
        # a number after `số` is the name's, and a Roman numeral opens no compound
        ("Đội Quản lý thị trường số 15 thuộc Cục Quản lý đường bộ I kiểm soát tải trọng.",
         {"Đội Quản lý thị trường số 15": "cơ quan", "Quản lý đường bộ I": "cục"}),
        # a department of the lexicon inside a name, a city's name that ends with a kind word
        ("Thanh tra Sở Giao thông vận tải và Báo Hải Phòng phối hợp.",
         {"Thanh tra Sở Giao thông vận tải": "cơ quan", "Báo Hải Phòng": "cơ quan"}),
        # banks, their branches and offices, national parks
        ("Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh huyện Thoại Sơn phối hợp.",
         {"Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh huyện Thoại Sơn": "ngân hàng"}),
        ("Đề nghị Phòng giao dịch Ngân hàng Chính sách xã hội huyện Krông Nô ưu tiên vốn; Vườn quốc gia Bù Gia Mập "
         "tuần tra.",
         {"Phòng giao dịch Ngân hàng Chính sách xã hội huyện Krông Nô": "chi nhánh",
          "Vườn quốc gia Bù Gia Mập": "cơ quan"}),
        # an agency's own offices are named in sentence case: a few lower-case words without a verb, up to a
        # stop, a mark or the line's end, are the name's (`sentence_case_kinds`); hospital wards and teams
        ("Phòng Tài chính kế toán bố trí kinh phí; Khoa Phục hồi chức năng, Tổ Công nghệ thông tin phối hợp.",
         {"Tài chính kế toán": "phòng", "Phục hồi chức năng": "khoa", "Công nghệ thông tin": "tổ"}),
        ("Phòng Tài chính thẩm định; Khoa học công nghệ là động lực; Tổ chức tập huấn cho Tổ công tác.",
         {"Tài chính": "phòng"}),
        # `các` holds only before more of the field; a complete field does not go on (`Nội vụ`)
        ("Ban Quản lý các xã tổ chức; Phòng Nội vụ tuyên truyền.", {"Quản lý": "ban", "Nội vụ": "phòng"}),
        # a council named by its purpose, up to its locality; a people's council is its locality's
        ("Hội đồng nghĩa vụ quân sự huyện họp; Hội đồng nhân dân huyện giám sát.",
         {"Hội đồng nghĩa vụ quân sự huyện": "hội đồng"}),
        # a dyke office and a cooperative group, with the lower-case words of their names
        ("Hạt Quản lý đê Lục Nam tuần tra; Tổ hợp tác nuôi ong Yên Phú phối hợp.",
         {"Hạt Quản lý đê Lục Nam": "cơ quan", "Tổ hợp tác nuôi ong Yên Phú": "tổ hợp tác"}),
        # a clinic; a specialised high school with its lower-case `chuyên`
        ("Phòng khám Nội tiết và Trường THPT chuyên Lê Quý Đôn báo cáo.",
         {"Phòng khám Nội tiết": "phòng khám", "Trường THPT chuyên Lê Quý Đôn": "trường"}),
        # `toàn huyện` is the whole district a unit is ranked in, not a level of its name
        ("Trường THCS Nam Anh xếp đầu toàn huyện; Ban An toàn giao thông tỉnh kiểm tra.",
         {"Trường THCS Nam Anh": "trường", "An toàn giao thông tỉnh": "ban"}),
        # a field after a dash, and the lower-case end of the last field up to a table's cell
        ("2. Khoa Dược - Trang thiết bị - Vật tư y tế: bảo đảm dây chuyền lạnh.",
         {"Dược - Trang thiết bị - Vật tư y tế": "khoa"}),
        ("1\tCấp phát vắc xin\tPhòng Kế hoạch - Nghiệp vụ\tKhoa Dược - Vật tư y tế\tTháng 4",
         {"Kế hoạch - Nghiệp vụ": "phòng", "Dược - Vật tư y tế": "khoa"}),
        # `vào` (a time after a name) ends it; so does `hoặc`
        ("Thiếu biên bản họp Hội đồng Thi đua - Khen thưởng hoặc thành tích không đúng quy định.",
         {"Hội đồng Thi đua - Khen thưởng": "hội đồng"}),
        ("Báo cáo về Sở Nông nghiệp và Môi trường vào thứ Năm hằng tuần.", {"Nông nghiệp và Môi trường": "sở"}),
    ],
)
def test_organisations_without_lexicon_entry(body, expected):
    assert _names(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # items after "các Sở:" are departments, commas and "và" inside a known name kept
        ("Giao các Sở: Nội vụ, Tài chính, Văn hóa, Thể thao và Du lịch phối hợp thực hiện.",
         {"Nội vụ": "Sở Nội vụ", "Tài chính": "Sở Tài chính",
          "Văn hóa, Thể thao và Du lịch": "Sở Văn hóa, Thể thao và Du lịch"}),
        ("Đề nghị các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội triển khai.",
         {"Tập đoàn Bưu chính Viễn thông Việt Nam": None, "Tập đoàn Công nghiệp - Viễn thông Quân đội": None}),
        ("Các Phòng: Tư pháp và Nội vụ báo cáo.", {"Tư pháp": "Phòng Tư pháp", "Nội vụ": "Phòng Nội vụ"}),
    ],
)
def test_lists_after_a_plural_organisation_kind(body, expected):
    assert {u.name: u.canonical for u in _units(body)[1]} == expected


@pytest.mark.parametrize(
    "body",
    [
        "Chủ tịch UBND các xã, thị trấn tổ chức thực hiện.",
        "Thủ trưởng các phòng, ban, ngành cấp huyện chịu trách nhiệm.",
        "Tổ chức tiêm phòng cho đàn lợn; phòng, chống dịch bệnh.",
        "UBND cấp xã báo cáo kết quả; Tỉnh ủy chỉ đạo.",
        "Giao cho xã 85 ha đất lúa.",
    ],
)
def test_generic_groups_are_not_units(body):
    assert _names(body) == {}


def test_an_organisation_with_and_without_cap_is_one_unit():
    _, units = _units("Ban Chỉ huy Phòng thủ dân sự tỉnh chủ trì; Ban Chỉ huy Phòng thủ dân sự cấp tỉnh báo cáo.")
    [unit] = units
    assert unit.name == "Chỉ huy Phòng thủ dân sự tỉnh" and len(unit.mentions) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the first words of a name written before are that unit
        ("Gửi Văn phòng Ban Chỉ huy Quân sự huyện. Văn phòng Ban Chỉ huy tổng hợp.",
         [("Ban Chỉ huy Quân sự huyện", 2)]),
        # ... not when they come first, nor when two names begin with them
        ("Văn phòng Ban Chỉ huy tổng hợp. Gửi Văn phòng Ban Chỉ huy Quân sự huyện.",
         [("Ban Chỉ huy", 1), ("Ban Chỉ huy Quân sự huyện", 1)]),
        ("Văn phòng Ban Quản lý dự án huyện, Văn phòng Ban Quản lý chợ huyện. Văn phòng Ban Quản lý tổng hợp.",
         [("Ban Quản lý dự án huyện", 1), ("Ban Quản lý chợ huyện", 1), ("Ban Quản lý", 1)]),
    ],
)
def test_a_shortened_name_is_the_unit_named_before(body, expected):
    _, units = _units(body)
    assert [(u.name, len(u.mentions)) for u in units] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an abbreviation in parentheses after an organisation is another name of it
        ("Phối hợp với Trung tâm Viễn thông Nam Đàn (VNPT) lắp đặt thiết bị.",
         [("Viễn thông Nam Đàn", 2)]),
        # ... a place or another office in parentheses is not
        ("Thôn Phúc Thượng (xã Nam Anh) đạt chuẩn.", [("Phúc Thượng", 1), ("Nam Anh", 1)]),
        ("Gửi Văn phòng UBND huyện (Phòng Nội vụ) trước ngày 10.", [("UBND huyện", 1), ("Nội vụ", 1)]),
        # a name declared so (`sau đây gọi là`, `gọi tắt là`) is another name of it, wherever it comes again
        ("Trung tâm Phục vụ hành chính công huyện (sau đây gọi là Bộ phận Một cửa) tiếp nhận hồ sơ; "
         "Bộ phận Một cửa trả kết quả.", [("Phục vụ hành chính công huyện", 3)]),
    ],
)
def test_an_abbreviation_in_parentheses_is_the_unit_before_it(body, expected):
    _, units = _units(body)
    assert [(u.name, len(u.mentions)) for u in units] == expected


def test_an_office_at_two_levels_is_two_units_and_unleveled_it_is_the_issuers():
    body = ("Bộ phận Một cửa huyện tiếp nhận 5.904 hồ sơ. Bố trí máy quét cho Bộ phận Một cửa cấp xã. "
            "Bộ phận Một cửa trả kết quả đúng hạn.")  # the issuer of the test document is a district's
    _, units = _units(body)
    assert [(u.name, u.canonical, len(u.mentions)) for u in units] == [
        ("Một cửa huyện", "Bộ phận Một cửa", 2), ("Một cửa cấp xã", "Bộ phận Một cửa", 1)]


def test_mentions_merged_and_first_spelling_kept():
    ctx, units = _units("Xã Nam Hung chưa đạt. Yêu cầu Chủ tịch UBND xã Nam Hưng kiểm điểm.")
    assert len(units) == 1
    unit = units[0]
    assert unit.name == "Nam Hung"
    assert unit.canonical == "Xã Nam Hưng"
    assert unit.parent == "Huyện Nam Đàn"
    assert [ctx.text[s.start : s.end] for s in unit.mentions] == ["Xã Nam Hung", "xã Nam Hưng"]


@pytest.mark.parametrize(
    ("body", "district", "canonical"),
    [
        ("Xã Nghỉa Lộc có tỷ lệ thấp.", "Nghĩa Đàn", "Xã Nghĩa Lộc"),  # wrong tone mark
        ("Xã Nam Hung có tỷ lệ thấp.", "Nam Đàn", "Xã Nam Hưng"),  # ư typed as u
        ("Xã Diễn Hồng có tỷ lệ thấp.", "Diễn Châu", "Xã Diễn Hồng"),
    ],
)
def test_misspellings_resolved_in_scope(body, district, canonical):
    _, units = _units(body, district)
    assert units[0].canonical == canonical
    assert units[0].level == "xã"
    assert units[0].code is None or units[0].code.isdigit()


def test_unknown_name_with_kind_is_kept():
    _, units = _units("Xã Hưng Phát Mới báo cáo kết quả.")
    assert [(u.name, u.kind, u.canonical) for u in units] == [("Hưng Phát Mới", "xã", None)]


def test_units_only_read_in_body():
    _, units = _units("Thực hiện tốt nhiệm vụ.")
    assert units == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("xã Phòng Nam Đàn Kim Liên, và ;:()%0123456789-TCKH\n")), max_size=200))
def test_never_raises_and_spans_point_at_text(body):
    ctx, units = _units(body)
    for unit in units:
        assert unit.mentions
        for span in unit.mentions:
            assert 0 <= span.start < span.end <= len(ctx.text)
            assert ctx.text[span.start : span.end].strip() == ctx.text[span.start : span.end]


_PIECES = ["các", "Các", "CÁC", "một số", "Một  số", "hai", "ba", "năm", "06", "12", "2024", "A2024", "Mcác",
           "xã", "XÃ", "Xã", "xã1", "xã&B", "xãa", "huyện", "thành phố", "Thành Phố", "tổ dân phố", "đơn vị",
           "địa phương", "thôn", "Đông", "Hưng", "có", "tỷ lệ", "(0%)", "(", ")", ":", "gồm", "là", ",", ".", ";",
           "&", "a&b", "-", "%", "ſ", "K", "ǅ", "Ⅻ", "²", "a\u0303", "\u0301", "😀", "𝟙𝟚", "'", "\u2019", "M'",
           "H\u2019Leo", "\u02bc", "N'Đir'"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", " ", "", "\n", "  ", "\t", "\u00a0"])),
                max_size=40), st.integers(0, 400), st.integers(0, 400))
def test_scan_reads_the_text_as_its_patterns_do(pieces, cut, gap):
    """The scan's tokens and its cue matches, found without a regex pass over every character, are
    those of the plain patterns."""
    from vbminer.extract import units as u
    from vbminer.gazetteer import Scope

    text = "".join(a + b for a, b in pieces)
    cut = min(cut, len(text))
    ranges = [(0, cut), (min(cut + gap % 7, len(text)), len(text))]
    scan = u._Scan.of(text, ranges, Scope(), None, None)
    assert [(t.start, t.text) for t in map(scan.toks.__getitem__, range(scan.n))] == [
        (m.start(), m.group()) for lo, hi in ranges for m in u._TOKEN.finditer(text, lo, hi)]
    for lo, hi in ranges:
        assert [m.span() for m in u._cue_matches(scan, lo, hi)] == [
            m.span() for m in u._cue_pattern().finditer(text, lo, hi)]


def test_a_code_declared_in_parentheses_names_the_unit_again():
    _, units = _units("Phòng Cảnh sát giao thông (PC08) chủ trì; gửi Phòng PC08 trước ngày 05 hằng tháng.")
    assert [(u.name, len(u.mentions)) for u in units] == [("Cảnh sát giao thông", 2)]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("6. Trường Mầm non tư thục Hoa Sen: nợ 03 tháng.", ["Trường Mầm non tư thục Hoa Sen"]),
        ("Trường Tiểu học dân lập Ngôi Sao tổ chức khai giảng.", ["Trường Tiểu học dân lập Ngôi Sao"]),
        # a descriptor with no name after it names no school
        ("Các trường mầm non tư thục trên địa bàn rà soát.", []),
        # a school's number
        ("Trường THPT số 1 Si Ma Cai đạt 94,02%.", ["Trường THPT số 1 Si Ma Cai"]),
    ],
)
def test_a_schools_descriptor_stands_between_its_level_and_its_name(body, names):
    assert _name_list(body) == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("Đề nghị Bảo hiểm xã hội cơ sở An Nhơn phối hợp.", ["Bảo hiểm xã hội cơ sở An Nhơn"]),
        ("Chi nhánh Văn phòng Đăng ký đất đai khu vực Phú Quốc tiếp nhận hồ sơ.",
         ["Chi nhánh Văn phòng Đăng ký đất đai khu vực Phú Quốc"]),
        # an area told by a number, then its province
        ("Kho bạc Nhà nước khu vực XIX thanh toán.", ["Kho bạc Nhà nước khu vực XIX"]),
        # inside an organisation's own name, after its field
        ("Trung tâm Dịch vụ nông nghiệp khu vực Hòn Đất hướng dẫn.", ["Dịch vụ nông nghiệp khu vực Hòn Đất"]),
        ("Chi cục Hải quan cửa khẩu quốc tế Mộc Bài kiểm soát.", ["Hải quan cửa khẩu quốc tế Mộc Bài"]),
        # the word with no area after it is an ordinary word
        ("Bảo hiểm xã hội cơ sở dữ liệu.", ["Bảo hiểm xã hội"]),
    ],
)
def test_an_area_after_an_office_belongs_to_its_name(body, names):
    assert _name_list(body) == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("Các tổ dân phố Hát 1, Hát 2 và thôn Kon Hia 3 đã hoàn thành.", ["Hát 1", "Hát 2", "Kon Hia 3"]),
        ("Ấp Tân Hòa A và ấp Tân Hòa B đạt chuẩn.", ["Tân Hòa A", "Tân Hòa B"]),
        # a count after the name is a figure, not the name's number
        ("Thôn Đông 12 hộ, thôn Tây 2,5 ha.", ["Đông", "Tây"]),
        # a hamlet told by `số` and its number, alone or in a list
        ("Các Tổ dân phố số 3, số 7 và số 15 đạt; Tổ dân phố số 21 chưa đạt.", ["số 3", "số 7", "số 15", "số 21"]),
        # a kind word with no name after it is a word of the hamlet's name
        ("Thôn Khuổi Phường đạt 74,7%; ấp Tam Sóc B đạt 60%.", ["Khuổi Phường", "Tam Sóc B"]),
        # one that a name follows opens a place of its own
        ("Xã Tân Lập Huyện Yên Lập và thôn Nà Pồng Xã Minh Xuân.", ["Tân Lập", "Yên Lập", "Nà Pồng", "Minh Xuân"]),
    ],
)
def test_a_number_or_letter_closes_a_hamlets_name(body, names):
    assert _name_list(body) == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # a committee's purpose names a programme or a scheme, with its number
        ("Kiện toàn Ban Chỉ đạo các Chương trình mục tiêu quốc gia huyện.",
         ["Chỉ đạo các Chương trình mục tiêu quốc gia huyện"]),
        ("Ban Chỉ đạo triển khai Đề án 06 tỉnh họp.", ["Chỉ đạo triển khai Đề án 06 tỉnh"]),
        # a place whose name ends with a kind word ends the name (`Hải Phòng`)
        ("Đề nghị Chi nhánh Ngân hàng Chính sách xã hội thành phố Hải Phòng giải ngân.",
         ["Chi nhánh Ngân hàng Chính sách xã hội thành phố Hải Phòng"]),
        # a kind word and a plural group after a joiner is a body of its own
        ("Chỉ đạo Phòng Cảnh sát kinh tế và Công an các huyện đấu tranh.", ["Cảnh sát kinh tế"]),
    ],
)
def test_names_that_run_through_titles_places_and_joiners(body, names):
    assert _name_list(body) == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # what a unit lacks or where something happens is no more of its name (`thiếu`, `ở`)
        ("Trường THCS Vĩnh Chấp thiếu giáo viên Tin học, Tiếng Anh.", ["Trường THCS Vĩnh Chấp"]),
        ("Trường Mầm non Hoa Mai ở xã Vĩnh Long thiếu phòng học.", ["Trường Mầm non Hoa Mai", "Vĩnh Long"]),
        # though a compound with such a word is (`nhà ở`, `hậu cần`)
        ("Ban Chỉ đạo Tổng điều tra dân số và nhà ở năm 2019 huyện Cầu Kè họp.",
         ["Chỉ đạo Tổng điều tra dân số và nhà ở năm 2019 huyện Cầu Kè"]),
        ("Tiểu ban Lễ tân - Hậu cần chuẩn bị hội trường.", ["Lễ tân - Hậu cần"]),
    ],
)
def test_words_that_end_a_name_and_compounds_that_do_not(body, names):
    assert _name_list(body) == names


@pytest.mark.parametrize(
    "body",
    [
        # a kind word whose name would be in the next cell of a table's row, or on the next line
        "Kết quả như sau:\nTT\tĐơn vị\tChỉ tiêu Công an\tĐã giao\n1\tDân quân các thôn, bản\t118\t2\n",
        "Điều 2. Trách nhiệm của Sở Tài chính; Ủy ban nhân dân các xã, phường\n1. Trách nhiệm của Sở Tài chính",
    ],
    ids=["table-cells", "next-line"],
)
def test_a_kind_word_does_not_take_its_name_from_another_cell_or_line(body):
    assert not [n for n in _name_list(body) if n in ("Đã", "Công an Đã", "118", "1")]



@pytest.mark.parametrize(
    ("body", "names"),
    [
        # the Party's committees are named by their level and their place
        ("Huyện ủy Thọ Xuân và Đảng ủy xã Nguyễn Nghiêm chỉ đạo.", ["Huyện ủy Thọ Xuân", "Đảng ủy xã Nguyễn Nghiêm"]),
        # a committee's body is named after the committee (`Huyện ủy` is no level word alone)
        ("Giao Ban Tuyên giáo Huyện ủy phối hợp với Ủy ban Kiểm tra Huyện ủy.",
         ["Tuyên giáo Huyện ủy", "Ủy ban Kiểm tra Huyện ủy"]),
    ],
)
def test_the_partys_committees_and_their_bodies(body, names):
    assert _name_list(body) == names
