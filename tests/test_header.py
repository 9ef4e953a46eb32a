"""Header extraction, one parametrised family per field, on small dispatches written for the test."""

from __future__ import annotations

import pytest

from vbminer.extract.header import parse_date_line, post_title, sentence_case, title_case_name
from vbminer.pipeline import extract_text

COLUMNS_AFTER_EACH_OTHER = """ỦY BAN NHÂN DÂN
HUYỆN THANH CHƯƠNG
Số: 77/UBND-TCKH
V/v rà soát kinh phí
sự nghiệp giáo dục năm 2023
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thanh Chương, ngày 05 tháng 01 năm 2023
Kính gửi: Hiệu trưởng các trường mầm non, tiểu học, THCS.
Để có cơ sở phân bổ kinh phí, UBND huyện đề nghị các trường rà soát và báo cáo trước ngày 20/01/2023./.
Nơi nhận:
- Như trên;
- Lưu: VT, TCKH.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Phan Văn Bình
"""

INTERLEAVED = """SỞ Y TẾ TỈNH HÀ TĨNH        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ HUYỆN KỲ ANH        Độc lập - Tự do - Hạnh phúc
Số: 112/TTYT-KHNV        Kỳ Anh, ngày 3 tháng 3 năm 2024
V/V tăng cường giám sát bệnh sốt xuất huyết

Kính gửi:
- Trạm Y tế các xã;
- Phòng Giáo dục và Đào tạo huyện.

Trung tâm Y tế huyện đề nghị các đơn vị tăng cường giám sát./.

Nơi nhận:        GIÁM ĐỐC
- Như trên;
- Lưu: VT.        Hồ Thị Mai
"""

NO_ISSUER = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Con Cuông, ngày 15 tháng 8 năm 2022
Số: 640/UBND-NV
V/v cử cán bộ tham gia tập huấn
Kính gửi: Chủ tịch UBND các xã, thị trấn.
UBND huyện đề nghị các xã cử cán bộ tham gia tập huấn./.
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Lê Văn Sơn
"""

DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
Số: 25/2024/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Bình, ngày 10 tháng 5 năm 2024
QUYẾT ĐỊNH
Ban hành Quy định quản lý cụm công nghiệp
trên địa bàn tỉnh Quảng Bình
ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý cụm công nghiệp.
Điều 2. Quyết định có hiệu lực từ ngày 20/5/2024./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, KT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Thắng
"""

DRAFT = """ỦY BAN NHÂN DÂN
XÃ QUẢNG PHÚ
HỎA TỐC
Số:     /TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Phú, ngày     tháng 9 năm 2025
THÔNG BÁO
Lịch tiếp công dân tháng 10 năm 2025
Chủ tịch UBND xã thông báo lịch tiếp công dân như sau./.
CHỦ TỊCH
Võ Văn Hải
"""


def header(text: str):
    return extract_text(text, "t.txt").header


def test_columns_after_each_other():
    h = header(COLUMNS_AFTER_EACH_OTHER)
    assert (h.number, h.symbol, h.doc_type, h.place, h.date) == ("77", "UBND-TCKH", "Công văn", "Thanh Chương",
                                                                 "2023-01-05")
    assert h.subject == "rà soát kinh phí sự nghiệp giáo dục năm 2023"
    assert h.issuer.name == "ỦY BAN NHÂN DÂN HUYỆN THANH CHƯƠNG"
    assert (h.issuer.level, h.issuer.locality, h.issuer.parent) == ("huyện", "Thanh Chương", None)
    assert h.recipients == ("Hiệu trưởng các trường mầm non, tiểu học, THCS",)
    s = h.signer
    assert (s.authority, s.on_behalf_of, s.title, s.name) == ("KT", "Chủ tịch", "Phó Chủ tịch", "Phan Văn Bình")
    assert h.cc == ("Như trên", "Lưu: VT, TCKH")
    assert not h.is_draft


def test_interleaved_columns_and_signer_in_own_name():
    h = header(INTERLEAVED)
    assert h.issuer.name == "TRUNG TÂM Y TẾ HUYỆN KỲ ANH"
    assert h.issuer.parent == "SỞ Y TẾ TỈNH HÀ TĨNH"
    assert (h.issuer.level, h.issuer.locality) == ("huyện", "Kỳ Anh")
    assert (h.number, h.symbol, h.date, h.place) == ("112", "TTYT-KHNV", "2024-03-03", "Kỳ Anh")
    assert h.subject == "tăng cường giám sát bệnh sốt xuất huyết"
    assert h.recipients == ("Trạm Y tế các xã", "Phòng Giáo dục và Đào tạo huyện")
    assert (h.signer.authority, h.signer.title, h.signer.name) == (None, "Giám đốc", "Hồ Thị Mai")
    assert h.cc == ("Như trên", "Lưu: VT")


def test_missing_issuer_block_uses_place_and_body():
    d = extract_text(NO_ISSUER, "t.txt")
    h = d.header
    assert h.issuer.name is None
    assert (h.issuer.locality, h.issuer.level) == ("Con Cuông", "huyện")
    assert any("no issuer block" in w for w in d.warnings)
    assert (h.signer.authority, h.signer.on_behalf_of, h.signer.title) == ("TL", "Chủ tịch", "Chánh Văn phòng")


def test_decision_with_title_and_authority_line():
    h = header(DECISION)
    assert (h.number, h.year, h.symbol, h.doc_type) == ("25", "2024", "QĐ-UBND", "Quyết định")
    assert h.subject == "Ban hành Quy định quản lý cụm công nghiệp trên địa bàn tỉnh Quảng Bình"
    assert (h.issuer.level, h.issuer.locality) == ("tỉnh", "Quảng Bình")
    assert (h.signer.authority, h.signer.on_behalf_of, h.signer.title) == ("TM", "Ủy ban nhân dân", "Chủ tịch")
    assert h.recipients == ()


def test_draft_with_blank_number_and_day_and_urgency():
    d = extract_text(DRAFT, "t.txt")
    h = d.header
    assert h.number is None and h.symbol == "TB-UBND" and h.is_draft
    assert h.date == "2025-09"
    assert h.urgency == "Hỏa tốc" and h.confidentiality is None
    assert (h.issuer.level, h.issuer.locality) == ("xã", "Quảng Phú")
    assert h.doc_type == "Thông báo" and h.subject == "Lịch tiếp công dân tháng 10 năm 2025"
    assert (h.signer.title, h.signer.name) == ("Chủ tịch", "Võ Văn Hải")
    assert any("left blank" in w for w in d.warnings)
    assert any("Nơi nhận" in w for w in d.warnings)


@pytest.mark.parametrize(
    ("line", "number", "year", "symbol"),
    [
        ("Số: 318/UBND-VP", "318", None, "UBND-VP"),
        ("Số: 61/2018/NĐ-CP", "61", "2018", "NĐ-CP"),
        ("Số: 142/UBND - TN MT", "142", None, "UBND-TNMT"),
        ("Số:      /KH-UBND", None, None, "KH-UBND"),
        ("Số: 30c/NQ-CP", "30c", None, "NQ-CP"),
        ("Số: 0204/KH-UBND", "0204", None, "KH-UBND"),
        ("Số 12/BC-UBND", "12", None, "BC-UBND"),
        ("Số: 95/VP.", "95", None, "VP"),
        # the Party's and the mass organisations' form: the type before the issuer
        ("Số 45-KH/HU", "45", None, "KH/HU"),
        ("Số: 18-KH/ĐTN", "18", None, "KH/ĐTN"),
        ("Số: 245-KH/TĐTN-BPT", "245", None, "KH/TĐTN-BPT"),
    ],
)
def test_number_forms(line, number, year, symbol):
    text = f"ỦY BAN NHÂN DÂN\nHUYỆN A LƯỚI\n{line}\nV/v thử nghiệm\nA Lưới, ngày 01 tháng 02 năm 2021\nNội dung./.\n"
    h = header(text)
    assert (h.number, h.year, h.symbol) == (number, year, symbol)
    assert h.is_draft == (number is None)


@pytest.mark.parametrize(
    ("line", "iso", "blank"),
    [
        ("Yên Thành, ngày 12 tháng 4 năm 2021", "2021-04-12", False),
        ("Nghĩa Đàn, ngày    tháng 7 năm 2021", "2021-07", True),
        ("Minh Châu, ngày ... tháng ... năm 2022", "2022", True),
        ("Đà Nẵng, ngày 25 tháng 11năm 2025", "2025-11-25", False),
        ("Hà Nội, ngày 20/11/2025", "2025-11-20", False),
        ("Huế, ngày 31 tháng 02 năm 2022", "2022-02", True),
        # a day a scan made illegible is not a blank one
        ("Đà Nẵng, ngày “Ệtháng 10 năm 2023", "2023-10", False),
        ("Đà Nẵng, ngày ,gtháng 10 năm 2023", "2023-10", False),
        ("không có ngày", None, False),
    ],
)
def test_dates(line, iso, blank):
    assert parse_date_line(line) == (iso, blank)


@pytest.mark.parametrize(
    ("lines", "authority", "on_behalf", "title"),
    [
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "KT", "Chủ tịch", "Phó Chủ tịch"),
        (["TM. UBND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "KT", "Chủ tịch", "Phó Chủ tịch"),
        (["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], "KT", "Chánh Văn phòng",
         "Phó Chánh Văn phòng"),
        (["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"], "TUQ", "Chủ tịch", "Trưởng phòng Nội vụ"),
        (["Q. TRƯỞNG PHÒNG"], "Q", "Trưởng phòng", "Trưởng phòng"),
        # a post whose unit is printed on the next line; the unit spelt as departments.json spells it
        (["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG", "TÀI NGUYÊN VÀ MÔI TRƯỜNG"], "TUQ", "Chủ tịch",
         "Trưởng phòng Tài nguyên và Môi trường"),
        (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"], "KT", "Giám đốc",
         "Phó Giám đốc Sở Nông nghiệp và Môi trường"),
        (["KT GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "KT", "Giám đốc", "Phó Giám đốc"),
        (["TM. ỦY BAN NHÂN DÂN"], "TM", "Ủy ban nhân dân", None),
        (["CHỦ TỊCH"], None, None, "Chủ tịch"),
        # a military command's head
        (["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG"], "KT", "Chỉ huy trưởng", "Phó Chỉ huy trưởng"),
        # the Party's and the mass organisations' marks are written with a slash
        (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], "TM", "Ban thường vụ", "Phó Bí thư"),
        (["K/T BÍ THƯ", "PHÓ BÍ THƯ"], "KT", "Bí thư", "Phó Bí thư"),
    ],
)
def test_signature_blocks(lines, authority, on_behalf, title):
    block = "\n".join(lines)
    text = (f"ỦY BAN NHÂN DÂN\nHUYỆN A LƯỚI\nSố: 1/UBND-VP\nV/v thử\nA Lưới, ngày 01 tháng 02 năm 2021\n"
            f"Nội dung./.\nNơi nhận:\n- Lưu: VT.\n{block}\nNguyễn Văn An\n")
    s = header(text).signer
    assert (s.authority, s.on_behalf_of, s.title, s.name) == (authority, on_behalf, title, "Nguyễn Văn An")


@pytest.mark.parametrize(
    ("issuer", "level", "locality"),
    [
        ("ỦY BAN NHÂN DÂN\nXÃ DIỄN HỒNG", "xã", "Diễn Hồng"),
        ("UBND THÀNH PHỐ HÀ NỘI\nSỞ TÀI CHÍNH", "tỉnh", "Hà Nội"),
        ("UBND THÀNH PHỐ VINH\nPHÒNG NỘI VỤ", "huyện", "Vinh"),
        ("ỦY BAN NHÂN DÂN\nTHỊ XÃ HOÀNG MAI", "huyện", "Hoàng Mai"),
        ("BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI TỈNH NGHỆ AN", "tỉnh", "Nghệ An"),
        ("BỘ TÀI CHÍNH\nCỤC THUẾ", None, None),
        ("CỤC THUẾ\nTHUẾ TỈNH VĨNH LONG", "tỉnh", "Vĩnh Long"),
        ("UBND TỈNH NGHỆ AN\nBAN CHỈ ĐẠO PCTT VÀ TKCN", "tỉnh", "Nghệ An"),
        # a body of the council under the council's lines is no word of the place
        ("HỘI ĐỒNG NHÂN DÂN\nTỈNH KIÊN GIANG\nTHƯỜNG TRỰC", "tỉnh", "Kiên Giang"),
        ("HỘI ĐỒNG NHÂN DÂN\nHUYỆN MỸ TÚ\nBAN PHÁP CHẾ", "huyện", "Mỹ Tú"),
        # the Party's committees, named by their level (`HUYỆN ỦY`), and the Youth Union's
        ("HUYỆN ỦY QUỲNH LƯU\n*", "huyện", "Quỳnh Lưu"),
        ("TỈNH ỦY NGHỆ AN\nBAN TUYÊN GIÁO\n*", "tỉnh", "Nghệ An"),
        ("BCH ĐOÀN TP. HỒ CHÍ MINH\nBCH ĐOÀN XÃ CỦ CHI\n***", "xã", "Củ Chi"),
    ],
)
def test_issuer_level_and_locality(issuer, level, locality):
    text = f"{issuer}\nSố: 1/UBND-VP\nV/v thử\nHà Nội, ngày 01 tháng 02 năm 2021\nNội dung./.\n"
    h = header(text)
    assert (h.issuer.level, h.issuer.locality) == (level, locality)


@pytest.mark.parametrize(
    ("issuer", "place", "level", "locality"),
    [
        # an agency's seat written after its name without a kind word, as the place of issue names it
        ("SỞ Y TẾ NINH THUẬN\nBỆNH VIỆN ĐA KHOA TỈNH", "Ninh Thuận", "tỉnh", "Ninh Thuận"),
        ("KHO BẠC NHÀ NƯỚC HẢI DƯƠNG\nKHO BẠC NHÀ NƯỚC THANH HÀ", "Thanh Hà", "huyện", "Thanh Hà"),
        # the place of issue is not the seat the block names: no locality
        ("BỘ TÀI CHÍNH\nCỤC THUẾ", "Hà Nội", None, None),
        ("SỞ Y TẾ NINH THUẬN\nBỆNH VIỆN ĐA KHOA TỈNH", "Phan Rang", None, None),
    ],
)
def test_issuer_seat_without_kind_word(issuer, place, level, locality):
    text = f"{issuer}\nSố: 1/TB-BV\nV/v thử\n{place}, ngày 01 tháng 02 năm 2021\nNội dung./.\n"
    h = header(text)
    assert (h.issuer.level, h.issuer.locality) == (level, locality)


def test_a_signature_before_the_noi_nhan_with_a_rank_before_the_name():
    text = ("BAN CHỈ HUY QUÂN SỰ HUYỆN ĐĂK HÀ\nSố: 12/TB-BCH\nĐăk Hà, ngày 01 tháng 11 năm 2019\nTHÔNG BÁO\n"
            "Về việc tuyển quân\nNội dung thông báo./.\nCHỈ HUY TRƯỞNG\n(Đã ký)\nThượng tá Nguyễn Hữu Tình\n"
            "Nơi nhận:\n- UBND huyện (b/c);\n- Lưu: VT.\n")
    s = header(text).signer
    assert (s.authority, s.title, s.name) == (None, "Chỉ huy trưởng", "Nguyễn Hữu Tình")


def test_recipients_inline_list_and_notes():
    text = ("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5/CT-CS\nV/v thử\nHà Nội, ngày 01 tháng 02 năm 2021\n"
            "Kính gửi:\n- Công ty cổ phần ABC;\n(Địa chỉ: số 1 phố Huế, Hà Nội)\n- Thuế tỉnh Phú Thọ.\n"
            "Cục Thuế trả lời như sau./.\n")
    assert header(text).recipients == ("Công ty cổ phần ABC", "Thuế tỉnh Phú Thọ")
    text2 = text.replace("Kính gửi:\n- Công ty cổ phần ABC;\n(Địa chỉ: số 1 phố Huế, Hà Nội)\n- Thuế tỉnh Phú Thọ.",
                         "Kính gửi: Sở Tài chính; Sở Nội vụ.")
    assert header(text2).recipients == ("Sở Tài chính", "Sở Nội vụ")
    # a bullet is one addressee, semicolons and all
    two = "- Giám đốc Đài Phát thanh - Truyền hình tỉnh; Tổng Biên tập Báo tỉnh."
    text3 = text.replace("- Thuế tỉnh Phú Thọ.", two)
    assert header(text3).recipients == (
        "Công ty cổ phần ABC", "Giám đốc Đài Phát thanh - Truyền hình tỉnh; Tổng Biên tập Báo tỉnh")


def test_a_noi_nhan_item_wrapped_after_a_comma_goes_on_on_the_next_line():
    text = ("UBND HUYỆN TUY ĐỨC\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 5/PGDĐT\nV/v thử\nTuy Đức, ngày 01 tháng 02 năm 2021\n"
            "Nội dung./.\nNơi nhận:\n- Như trên;\n- UBND các xã Đắk Ngo, Quảng Trực,\nĐắk R'Tíh, Quảng Tân (p/h);\n"
            "- Lưu: VT.\nTRƯỞNG PHÒNG\nNguyễn Văn An\n")
    assert header(text).cc == ("Như trên", "UBND các xã Đắk Ngo, Quảng Trực, Đắk R'Tíh, Quảng Tân (p/h)", "Lưu: VT")


def test_cong_dien_recipients():
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 9/CĐ-TTg\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 01 tháng 02 năm 2024\nCÔNG ĐIỆN\nVỀ VIỆC ỨNG PHÓ BÃO SỐ 3\n"
            "THỦ TƯỚNG CHÍNH PHỦ điện:\n- Chủ tịch Ủy ban nhân dân các tỉnh ven biển;\n- Bộ trưởng Bộ Quốc phòng.\n"
            "Bão số 3 đang mạnh lên.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTHỦ TƯỚNG\nPhạm Văn An\n")
    h = header(text)
    assert h.doc_type == "Công điện"
    assert h.subject == "ỨNG PHÓ BÃO SỐ 3"
    assert h.recipients == ("Chủ tịch Ủy ban nhân dân các tỉnh ven biển", "Bộ trưởng Bộ Quốc phòng")
    assert (h.issuer.level, h.issuer.locality) == (None, None)
    assert (h.signer.title, h.signer.name) == ("Thủ tướng", "Phạm Văn An")


@pytest.mark.parametrize(
    ("fn", "raw", "want"),
    [
        (title_case_name, "ĐÔNG SƠN", "Đông Sơn"),
        (title_case_name, "NGUYỄN VĂN A", "Nguyễn Văn A"),
        # syllables that are not Vietnamese are still syllables, not acronyms
        (title_case_name, "ĐẮK GLONG", "Đắk Glong"),
        (title_case_name, "KRÔNG PẮC", "Krông Pắc"),
        (title_case_name, "H'YÊN NIÊ", "H'Yên Niê"),
        (title_case_name, "ĐẮK R’MĂNG", "Đắk R’Măng"),
        # no vowel, or a Roman numeral: kept
        (title_case_name, "TP HCM", "TP HCM"),
        (title_case_name, "KHU VỰC II", "Khu Vực II"),
        (sentence_case, "ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
        (sentence_case, "TM. UBND HUYỆN", "TM. UBND huyện"),
        (post_title, "PHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
        (post_title, "BỘ TRƯỞNG, CHỦ NHIỆM", "Bộ trưởng, Chủ nhiệm"),
        (post_title, "GIÁM ĐỐC SỞ TƯ PHÁP", "Giám đốc Sở Tư pháp"),
    ],
)
def test_casing(fn, raw, want):
    assert fn(raw) == want


def test_every_span_points_at_its_value():
    for text in (COLUMNS_AFTER_EACH_OTHER, INTERLEAVED, NO_ISSUER, DECISION, DRAFT):
        d = extract_text(text, "t.txt")
        h = d.header
        for field, spans in h.spans.items():
            for sp in spans:
                assert 0 <= sp.start < sp.end <= len(d.text), field
        if h.number:
            assert d.text[slice(*h.spans["number"][0].to_json())] == h.number
        assert d.text[slice(*h.spans["place"][0].to_json())] == h.place
        for value, sp in zip(h.cc, h.spans.get("cc", ()), strict=True):
            assert d.text[sp.start : sp.end] == value
        for value, sp in zip(h.recipients, h.spans.get("recipients", ()), strict=True):
            assert d.text[sp.start : sp.end] == value


PLAN_HEAD = """UBND HUYỆN ĐÔ LƯƠNG
Số: 41/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đô Lương, ngày 14 tháng 3 năm 2024
KẾ HOẠCH
{title}
{body}
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Hòa
"""


@pytest.mark.parametrize(
    "title, body, subject",
    [
        # a title may open with a word that usually opens the body
        ("Triển khai thực hiện Đề án 06 trên địa bàn huyện năm 2024",
         "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm tiến độ./.", "Triển khai thực hiện Đề án 06 trên địa bàn huyện năm 2024"),
        ("Thực hiện Chương trình chuyển đổi số năm 2024", "I. MỤC ĐÍCH\nBảo đảm tiến độ./.",
         "Thực hiện Chương trình chuyển đổi số năm 2024"),
        # a sentence of the body that follows the type title straight away is not its title
        ("Triển khai Kế hoạch số 12/KH-UBND ngày 02/3/2024 của UBND tỉnh, UBND huyện ban hành kế hoạch như sau:",
         "I. MỤC ĐÍCH\nBảo đảm tiến độ./.", None),
        ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "Bảo đảm tiến độ./.", None),
        # a title's second line may begin with a capital (a project's name)
        ("Tháo gỡ vướng mắc trong công tác bồi thường, giải phóng mặt bằng\n"
         "Dự án đường bộ cao tốc Bắc - Nam phía Đông qua địa bàn các huyện Cẩm Xuyên, Kỳ Anh",
         "Thực hiện ý kiến chỉ đạo của Thường trực Tỉnh ủy, UBND huyện ban hành kế hoạch./.",
         "Tháo gỡ vướng mắc trong công tác bồi thường, giải phóng mặt bằng Dự án đường bộ cao tốc Bắc - Nam "
         "phía Đông qua địa bàn các huyện Cẩm Xuyên, Kỳ Anh"),
        # ... though not after `trên địa bàn huyện`, which ends a title: a hard-wrapped body follows
        ("Phòng cháy, chữa cháy rừng mùa khô\nnăm 2023 - 2024 trên địa bàn huyện",
         "Mùa khô năm 2022 - 2023, trên địa bàn huyện xảy ra 14 vụ cháy rừng, làm thiệt\n"
         "hại 21,6 ha rừng trồng./.",
         "Phòng cháy, chữa cháy rừng mùa khô năm 2023 - 2024 trên địa bàn huyện"),
    ],
)
def test_plan_title_that_opens_like_a_body(title, body, subject):
    assert header(PLAN_HEAD.format(title=title, body=body)).subject == subject


# A scan's text: the two header columns read row by row onto one line, specks read as characters,
# a copy's stamp above the header, capitals with their diacritics misread, an illegible number and day.
_SCANNED = """SAO Y
Ủy ban nhân dân tỉnh Quảng Trị

ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨ@#A VỈỆT NAM
TỈNH QUANG TRI Độc lập - Tự do - Hạnh phúc
z\\ Số: #12 /UBND-KT Quảng Trị, ngày “Ệtháng 3 năm 2024
£
V/v rà soát hồ sơ đất đai

Kính gửi: Sở Tài chính.

Ủy ban nhân dân tỉnh đề nghị Sở Tài chính rà soát hồ sơ trước ngày 30/4/2024./.
"""


def test_a_scanned_header_is_read():
    h = header(_SCANNED)
    assert h.issuer is not None
    assert (h.issuer.name, h.issuer.locality, h.issuer.level) == ("ỦY BAN NHÂN DÂN TỈNH QUANG TRI", "Quảng Trị", "tỉnh")
    assert (h.number, h.symbol, h.is_draft) == (None, "UBND-KT", False)  # illegible, not left blank
    assert (h.place, h.date) == ("Quảng Trị", "2024-03")
    assert h.subject == "rà soát hồ sơ đất đai"
    assert h.recipients == ("Sở Tài chính",)


def test_specks_between_header_lines_are_noise():
    from vbminer.pipeline import prepare
    from vbminer.read import read_bytes
    from vbminer.types import LineKind

    _, seg = prepare(read_bytes(_SCANNED.encode(), "scan.txt"))
    kinds = {ln.text: ln.kind for ln in seg.lines if ln.text}
    assert kinds["z\\"] is LineKind.NOISE and kinds["£"] is LineKind.NOISE
    assert kinds["SAO Y"] is LineKind.PREAMBLE and kinds["Ủy ban nhân dân tỉnh Quảng Trị"] is LineKind.PREAMBLE
    assert kinds["CỘNG HÒA XÃ HỘI CHỦ NGHĨ@#A VỈỆT NAM"] is LineKind.NATIONAL


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "H'Yên Niê", "Y Khuê Byă", "Ksor H’Bơ Khăp", "Lê Th. Hà"])
def test_signer_names_of_every_people(name):
    from vbminer.segment import is_person_name

    assert is_person_name(name)
    h = header(f"ỦY BAN NHÂN DÂN\nXÃ EA KNUẾC\nSố: 7/TB-UBND\nEa Knuếc, ngày 01 tháng 10 năm 2025\n"
               f"THÔNG BÁO\nKết luận cuộc họp\nNội dung./.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n{name}\n")
    assert h.signer is not None and h.signer.name == name


@pytest.mark.parametrize(("line", "name"), [("Đại tá Trần Quang Hiếu", "Trần Quang Hiếu"),
                                           ("Thiếu tướng Lê Văn Hà", "Lê Văn Hà"),
                                           ("TS. Nguyễn Thị Mai", "Nguyễn Thị Mai"),
                                           ("ĐẠI TÁ TRẦN QUANG HIẾU", "Trần Quang Hiếu")])
def test_a_rank_or_degree_before_the_signer_is_no_part_of_the_name(line, name):
    text = (f"CÔNG AN TỈNH NGHỆ AN\nSố: 7/CAT-PV01\nNghệ An, ngày 01 tháng 10 năm 2023\nV/v tuần tra\n"
            f"Nội dung./.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n{line}\n")
    h = header(text)
    assert h.signer is not None and h.signer.name == name
    span = h.spans["signer.name"][0]
    assert text[span.start : span.end] in (name, name.upper())


def test_an_inspection_conclusion_takes_its_subject_from_the_line_below():
    h = header("THANH TRA TỈNH\nSố: 14/KL-TTr\nHưng Yên, ngày 28 tháng 8 năm 2020\nKẾT LUẬN THANH TRA\n"
               "Việc quản lý đất công ích tại huyện Khoái Châu\nThực hiện Quyết định số 112/QĐ-TTr, Chánh Thanh "
               "tra kết luận như sau./.\nCHÁNH THANH TRA\nNguyễn Văn Bình\n")
    assert (h.doc_type, h.subject) == ("Kết luận", "Việc quản lý đất công ích tại huyện Khoái Châu")


def test_a_wrapped_subject_line_that_starts_with_a_cited_number_is_no_number_line():
    text = COLUMNS_AFTER_EACH_OTHER.replace(
        "V/v rà soát kinh phí\nsự nghiệp giáo dục năm 2023",
        "V/v đôn đốc thực hiện Chỉ thị\nsố 05/CT-UBND 6 tháng đầu năm 2023")
    h = extract_text(text, "t.txt").header
    assert (h.number, h.symbol, h.subject) == (
        "77", "UBND-TCKH", "đôn đốc thực hiện Chỉ thị số 05/CT-UBND 6 tháng đầu năm 2023")


_SPELT = """ỦY BAN NHÂN DÂN
HUYỆN {name}
Số: 17/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{place}, ngày 12 tháng 6 năm 2024

V/v rà soát hộ nghèo

Kính gửi: Phòng Nội vụ.

Đề nghị Phòng Nội vụ rà soát./.
"""


@pytest.mark.parametrize(
    ("name", "place", "locality"),
    [
        # the issuer block and the date line agree: a spelling in use, kept as written
        ("ĐẮK GLONG", "Đắk Glong", "Đắk Glong"),
        # the issuer block alone: the gazetteer's spelling
        ("ĐẮK GLONG", "Quảng Khê", "Đăk Glong"),
        # no mark in either: a reading that lost them, the gazetteer's name
        ("QUANG TRACH", "Quang Trach", "Quảng Trạch"),
    ],
)
def test_a_locality_spelt_alike_in_the_date_line_is_kept(name, place, locality):
    h = header(_SPELT.format(name=name, place=place))
    assert h.issuer is not None
    assert h.issuer.locality == locality


@pytest.mark.parametrize("national", ["ĐẢNG CỘNG SẢN VIỆT NAM", "ĐOÀN TNCS HỒ CHÍ MINH", "HỘI NÔNG DÂN VIỆT NAM"])
def test_a_party_or_youth_union_document_is_read_as_its_layout_has_it(national):
    """The Party's layout (and the Youth Union's): the issuer over a `*`, the number `Số 45-KH/HU`, the
    Party's name where the national title would be."""
    text = (f"HUYỆN ỦY QUỲNH LƯU\n*\nSố 45-KH/HU\n{national}\nQuỳnh Lưu, ngày 10 tháng 3 năm 2022\n"
            "KẾ HOẠCH\nthực hiện Chỉ thị số 08-CT/TU của Ban Thường vụ Tỉnh ủy\n-----\n"
            "Ban Thường vụ Huyện ủy giao Ủy ban nhân dân huyện chủ trì thực hiện.\n"
            "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn An\n")
    h = header(text)
    assert (h.issuer.name, h.issuer.locality, h.number, h.symbol, h.is_draft) == (
        "HUYỆN ỦY QUỲNH LƯU", "Quỳnh Lưu", "45", "KH/HU", False)
    assert (h.place, h.date, h.doc_type) == ("Quỳnh Lưu", "2022-03-10", "Kế hoạch")
    assert h.subject == "thực hiện Chỉ thị số 08-CT/TU của Ban Thường vụ Tỉnh ủy"
    assert (h.signer.authority, h.signer.title, h.signer.name) == ("TM", "Phó Bí thư", "Nguyễn Văn An")
