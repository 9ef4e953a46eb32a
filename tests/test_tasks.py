"""Assignments: one table of cases per trigger family, and properties over any body text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbminer.extract.base import context_for_text
from vbminer.extract.tasks import extract_tasks
from vbminer.extract.units import extract_units

HEAD = (
    "ỦY BAN NHÂN DÂN\nHUYỆN YÊN THÀNH\nSố: 12/UBND-VP\nV/v triển khai nhiệm vụ\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Yên Thành, ngày 02 tháng 3 năm 2022\nKính gửi: Chủ tịch UBND các xã, thị trấn.\n"
)
TAIL = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"


def tasks_of(body: str, with_units: bool = False) -> list[tuple[str, str]]:
    ctx = context_for_text(HEAD + body + TAIL)
    return sorted({(t.assignee, t.role) for t in extract_tasks(ctx, extract_units(ctx) if with_units else [])})


TRIGGER_CASES = [
    (
        "Giao Phòng Tài nguyên và Môi trường chủ trì, phối hợp với Phòng Nội vụ, Phòng Tư pháp và UBND các xã "
        "kiểm tra, xử lý dứt điểm.",
        [("Phòng Nội vụ", "partner"), ("Phòng Tài nguyên và Môi trường", "lead"), ("Phòng Tư pháp", "partner"),
         ("UBND các xã", "partner")],
    ),
    ("Yêu cầu Chủ tịch UBND xã Đông Ninh kiểm điểm trách nhiệm.", [("Chủ tịch UBND xã Đông Ninh", "responsible")]),
    ("Ủy ban nhân dân các tỉnh: Lạng Sơn, Sơn La khẩn trương gửi báo cáo.",
     [("Ủy ban nhân dân các tỉnh: Lạng Sơn, Sơn La", "responsible")]),
    ("Hiệu trưởng các trường: Mầm non Sơn Ca, THCS Lê Lợi tổ chức tuyên truyền.",
     [("Hiệu trưởng các trường: Mầm non Sơn Ca, THCS Lê Lợi", "responsible")]),
    # the communes listed after a colon are part of the name
    ("Yêu cầu Chủ tịch UBND các xã: Nam Anh, Nam Xuân, Nam Kim trực tiếp chỉ đạo.",
     [("Chủ tịch UBND các xã: Nam Anh, Nam Xuân, Nam Kim", "responsible")]),
    ("Đề nghị Ủy ban MTTQ huyện đẩy mạnh tuyên truyền.", [("Ủy ban MTTQ huyện", "responsible")]),
    ("Kiến nghị Sở Nội vụ tổ chức bồi dưỡng nghiệp vụ trong quý II/2023.", [("Sở Nội vụ", "responsible")]),
    # "và các" and a plural head: a second group of assignees
    ("Đề nghị Ủy ban MTTQ huyện và các tổ chức chính trị - xã hội huyện tham gia giám sát.",
     [("các tổ chức chính trị - xã hội huyện", "responsible"), ("Ủy ban MTTQ huyện", "responsible")]),
    ("Đề nghị Viettel Nghệ An đầu tư trạm phát sóng.", [("Viettel Nghệ An", "responsible")]),
    # a long list of names: the cap on a name's words does not cut the list
    (
        "Giao Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Báo Nghệ An, Đài Phát thanh và Truyền hình tỉnh, Ủy ban Mặt "
        "trận Tổ quốc Việt Nam tỉnh, Liên đoàn Lao động tỉnh, Tỉnh đoàn, Hội Nông dân tỉnh tuyên truyền.",
        sorted((name, "responsible") for name in (
            "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Báo Nghệ An", "Đài Phát thanh và Truyền hình tỉnh",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn", "Hội Nông dân tỉnh")),
    ),
    ("Đề nghị Phòng Văn hóa và Thông tin huyện tổ chức tập huấn.",
     [("Phòng Văn hóa và Thông tin huyện", "responsible")]),
    ("Chủ tịch UBND huyện yêu cầu Thủ trưởng các phòng, ban, ngành nghiêm túc thực hiện.",
     [("Thủ trưởng các phòng, ban, ngành", "responsible")]),
    ("Giao công chức Văn phòng - Thống kê xã theo dõi, tổng hợp.",
     [("công chức Văn phòng - Thống kê xã", "responsible")]),
]

CLAUSE_CASES = [
    # `cùng cấp` ends a name; `các đoàn thể` is a second group after `và`
    ("Phòng Nội vụ chủ trì, phối hợp với UBND cùng cấp kiểm tra.",
     [("Phòng Nội vụ", "lead"), ("UBND cùng cấp", "partner")]),
    ("Ủy ban MTTQ Việt Nam huyện và các đoàn thể chính trị - xã hội huyện tuyên truyền, vận động Nhân dân.",
     [("các đoàn thể chính trị - xã hội huyện", "responsible"), ("Ủy ban MTTQ Việt Nam huyện", "responsible")]),
    # the one advised does not speak the trigger after it
    ("2.1. Giám đốc Trung tâm Y tế huyện:\n- Tham mưu UBND cùng cấp chỉ đạo các cơ quan, đơn vị, doanh nghiệp trên "
     "địa bàn thực hiện nghiêm quy định.", [("Giám đốc Trung tâm Y tế huyện", "responsible")]),
    # a word on the assignee in parentheses between it and its verb
    ("2.2. Sở Nông nghiệp và Môi trường (cơ quan thường trực Chương trình) hướng dẫn các xã rà soát.",
     [("Sở Nông nghiệp và Môi trường", "responsible")]),
    ("Phòng Văn hóa - Xã hội (cơ quan thường trực Ban Chỉ đạo) chủ trì, phối hợp với Trạm Y tế xã kiểm tra.",
     [("Phòng Văn hóa - Xã hội", "lead"), ("Trạm Y tế xã", "partner")]),
    # each partner of a list is one, whatever its kind (`Vườn quốc gia`)
    ("Sở Y tế chủ trì, phối hợp với Sở Tài chính, Vườn quốc gia Mũi Cà Mau kiểm tra.",
     [("Sở Tài chính", "partner"), ("Sở Y tế", "lead"), ("Vườn quốc gia Mũi Cà Mau", "partner")]),
    # lower-case words of a name that read as verbs elsewhere (`trình`, `giao`): `công trình`, `giao thông`
    ("d) Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh rà soát hồ sơ.",
     [("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", "responsible")]),
    ("3. Phòng giao dịch Ngân hàng Chính sách xã hội huyện bố trí vốn cho vay giải quyết việc làm.",
     [("Phòng giao dịch Ngân hàng Chính sách xã hội huyện", "responsible")]),
    # a team named by what it does (`Đoàn giám sát`, `Tổ điều tra`), then its duty
    ("4. Đoàn giám sát tổng hợp, dự thảo báo cáo kết quả giám sát.", [("Đoàn giám sát", "responsible")]),
    ("Đoàn kiểm tra có trách nhiệm kiểm tra việc quản lý đất đai tại các xã.", [("Đoàn kiểm tra", "responsible")]),
    # tabs used as spaces after an item's marker and in its sentence do not make it a table's row
    ("b)\tPhòng Tư pháp\tchủ trì thẩm định hồ sơ.", [("Phòng Tư pháp", "lead")]),
    # an item opening with a unit and a verb of the list (`điều động`, `cung ứng`, `nạo vét` ...)
    ("4. Bộ Chỉ huy Quân sự tỉnh điều động 300 cán bộ, chiến sĩ hỗ trợ nhân dân.",
     [("Bộ Chỉ huy Quân sự tỉnh", "responsible")]),
    ("d) Ban Quản lý rừng phòng hộ huyện cung ứng đủ cây giống cho các xã.",
     [("Ban Quản lý rừng phòng hộ huyện", "responsible")]),
    # a hamlet's head is a head of its own (`Trưởng thôn`), not the post `Trưởng` before a name
    ("3. Trưởng thôn Đồng Lạc, Phú Điền rà soát từng hộ chăn nuôi, báo cáo UBND xã.",
     [("Trưởng thôn Đồng Lạc, Phú Điền", "responsible")]),
    ("4. Trưởng buôn Kplang lập danh sách hộ chưa tham gia bảo hiểm y tế.", [("Trưởng buôn Kplang", "responsible")]),
    # `đạt` without a figure is not a report of results (`tiêm phòng đạt thấp`)
    ("3. UBND xã Nam Anh, xã Nam Xuân tổ chức họp, làm rõ nguyên nhân tiêm phòng đạt thấp.",
     [("UBND xã Nam Anh, xã Nam Xuân", "responsible")]),
    # `còn lại`, `trên địa bàn` qualify a group and stay in its name
    ("7. Chủ tịch UBND các xã còn lại tiếp tục duy trì công tác kiểm tra.",
     [("Chủ tịch UBND các xã còn lại", "responsible")]),
    ("UBND các xã trên địa bàn huyện tăng cường kiểm tra.", [("UBND các xã trên địa bàn huyện", "responsible")]),
    # a target set before a figure keeps the line an assignment (a figure alone reports a result)
    ("UBND các xã Nam Anh, Nam Xuân khắc phục ngay việc ký số, phấn đấu đạt trên 90% trước ngày 30/9/2023.",
     [("UBND các xã Nam Anh, Nam Xuân", "responsible")]),
    # a head followed by "và" and a capital goes on with the name
    ("Đơn vị chủ trì thực hiện: Báo và Phát thanh, Truyền hình tỉnh; Sở Tư pháp.",
     [("Báo và Phát thanh, Truyền hình tỉnh", "lead"), ("Sở Tư pháp", "lead")]),
    ("Ban Chỉ đạo huyện chỉ đạo các xã hoàn thành trước ngày 15/8/2021.",
     [("Ban Chỉ đạo huyện", "responsible"), ("các xã", "responsible")]),
    ("Văn phòng HĐND và UBND huyện chủ trì, phối hợp với Phòng Nội vụ theo dõi, tổng hợp.",
     [("Phòng Nội vụ", "partner"), ("Văn phòng HĐND và UBND huyện", "lead")]),
    ("Phòng Tài chính - Kế hoạch tham mưu bố trí kinh phí.", [("Phòng Tài chính - Kế hoạch", "responsible")]),
    # the Youth Union's committees are bodies of their own, however `Đoàn` is written
    ("Tỉnh Đoàn chủ trì, phối hợp với Hội Nông dân tỉnh tổ chức ra quân.",
     [("Hội Nông dân tỉnh", "partner"), ("Tỉnh Đoàn", "lead")]),
    ("Đề nghị Ủy ban MTTQ Việt Nam huyện, Huyện Đoàn, Hội Liên hiệp Phụ nữ huyện vận động người dân tham gia.",
     [("Huyện Đoàn", "responsible"), ("Hội Liên hiệp Phụ nữ huyện", "responsible"),
      ("Ủy ban MTTQ Việt Nam huyện", "responsible")]),
    # `thiết bị` is a word of a name, though `bị` alone ends one (`… bị xử phạt`)
    ("Khoa Dược - Trang thiết bị - Vật tư y tế bố trí máy xét nghiệm cho các trạm.",
     [("Khoa Dược - Trang thiết bị - Vật tư y tế", "responsible")]),
    ("Chủ tịch UBND các xã được kiểm tra có trách nhiệm chuẩn bị hồ sơ.",
     [("Chủ tịch UBND các xã được kiểm tra", "responsible")]),
    ("Ban Chỉ huy Quân sự huyện, Công an huyện xây dựng kế hoạch ứng phó.",
     [("Ban Chỉ huy Quân sự huyện", "responsible"), ("Công an huyện", "responsible")]),
    ("Các đơn vị chưa hoàn thành nêu trên báo cáo giải trình bằng văn bản.",
     [("Các đơn vị chưa hoàn thành nêu trên", "responsible")]),
    # a named group narrowed by a relative clause keeps it, with its verb's object and its list
    ("UBND các xã, phường chưa gửi báo cáo (theo danh sách kèm theo) khẩn trương hoàn thành.",
     [("UBND các xã, phường chưa gửi báo cáo", "responsible")]),
    ("UBND các xã, thị trấn có hồ chứa chỉ đạo tổ quản lý hồ kiểm tra đập.",
     [("UBND các xã, thị trấn có hồ chứa", "responsible")]),
    ("Sở Du lịch chủ trì, phối hợp với UBND các xã, phường có khu, điểm du lịch kiểm tra an toàn.",
     [("Sở Du lịch", "lead"), ("UBND các xã, phường có khu, điểm du lịch", "partner")]),
    ("Các đơn vị chưa hoàn thành khẩn trương kiểm tra lại.", [("Các đơn vị chưa hoàn thành", "responsible")]),
    ("UBND các xã có di tích ra quân vệ sinh môi trường.", [("UBND các xã có di tích", "responsible")]),
    ("Tiểu ban Lễ tân - Hậu cần chuẩn bị hội trường.", [("Tiểu ban Lễ tân - Hậu cần", "responsible")]),
    # `có liên quan` after a named group is no clause of it (the group would read as generic)
    ("Đội Thanh tra chủ trì, phối hợp với Công an quận và UBND các phường có liên quan tổ chức cưỡng chế.",
     [("Công an quận", "partner"), ("UBND các phường", "partner"), ("Đội Thanh tra", "lead")]),
    ("Bộ Nội vụ theo chức năng, nhiệm vụ được giao khẩn trương nghiên cứu kiến nghị.",
     [("Bộ Nội vụ", "responsible")]),
    ("Thủ trưởng các phòng, ban, ngành; Chủ tịch UBND các xã, thị trấn tiếp tục thực hiện nghiêm Chỉ thị.",
     [("Chủ tịch UBND các xã, thị trấn", "responsible"), ("Thủ trưởng các phòng, ban, ngành", "responsible")]),
    ("Đơn vị chủ trì: Công an Thành phố.\nĐơn vị phối hợp: Sở Khoa học và Công nghệ; Sở Tài chính; "
     "các cơ quan, đơn vị liên quan.",
     [("Công an Thành phố", "lead"), ("Sở Khoa học và Công nghệ", "partner"), ("Sở Tài chính", "partner")]),
    # a group told by what it has, with its list, then a colon: a heading of duties
    ("UBND các xã chưa hoàn thành: Tân Lập, Tân Hòa:\n- Khẩn trương khắc phục.",
     [("UBND các xã chưa hoàn thành: Tân Lập, Tân Hòa", "responsible")]),
    # a voters' petition and the office that answers it
    ("3. Cử tri ấp Phương Hòa đề nghị sửa chữa tuyến đường.\n+ Cơ quan tham mưu trả lời: Phòng Kinh tế và Hạ tầng.",
     [("Phòng Kinh tế và Hạ tầng", "responsible")]),
    # a listed place whose name opens with a head (`Trạm`, `Vụ`) is one of the group's places
    ("Riêng UBND các xã Y Tý, Trạm Tấu, Si Ma Cai xây dựng kế hoạch; UBND các xã Ea Uy, Vụ Bổn rà soát hồ sơ.",
     [("UBND các xã Ea Uy, Vụ Bổn", "responsible"), ("UBND các xã Y Tý, Trạm Tấu, Si Ma Cai", "responsible")]),
    ("UBND các xã, Trạm Y tế các xã rà soát hồ sơ.",
     [("Trạm Y tế các xã", "responsible"), ("UBND các xã", "responsible")]),
    # the tax offices since 2025
    ("Đề nghị Thuế cơ sở 5 tỉnh Hà Tĩnh xác định nghĩa vụ tài chính; Thuế tỉnh Hà Tĩnh chỉ đạo thực hiện.",
     [("Thuế cơ sở 5 tỉnh Hà Tĩnh", "responsible"), ("Thuế tỉnh Hà Tĩnh", "responsible")]),
    # a circumstance up to a comma opens the clause; the assignee comes after it
    ("Trong tháng 6/2022, Phòng Tư pháp chủ trì kiểm tra hồ sơ hộ tịch.", [("Phòng Tư pháp", "lead")]),
    ("Từ ngày 01/5 đến ngày 30/6/2022, UBND các xã, thị trấn rà soát hồ sơ.",
     [("UBND các xã, thị trấn", "responsible")]),
    ("Sau khi có kết quả thẩm định, giá đất cụ thể, Phòng Tài chính - Kế hoạch tham mưu UBND huyện phê duyệt.",
     [("Phòng Tài chính - Kế hoạch", "responsible")]),
    # a trigger before the comma names its own assignees
    ("Để bảo đảm tiến độ, yêu cầu Phòng Nội vụ, Phòng Tư pháp khẩn trương thực hiện.",
     [("Phòng Nội vụ", "responsible"), ("Phòng Tư pháp", "responsible")]),
    # `tổ chức chính trị - xã hội` after a comma is a name's, though `tổ chức` is a verb
    ("Trong quá trình triển khai, các sở, ban, ngành, tổ chức chính trị - xã hội, UBND các xã kịp thời phản ánh.",
     [("UBND các xã", "responsible"), ("các sở, ban, ngành, tổ chức chính trị - xã hội", "responsible")]),
]

SECTION_CASES = [
    # a group with its list, then its items; a duty that opens with a result word and no figure
    ("5. Chủ tịch UBND các xã: Trung Hà, Liên Châu, Đại Tự\n- Kiểm điểm trách nhiệm.\n- Xây dựng lộ trình.\n"
     "6. Trung tâm Văn hóa - Thông tin - Thể thao huyện: Tăng thời lượng tuyên truyền trên hệ thống loa.",
     [("Chủ tịch UBND các xã: Trung Hà, Liên Châu, Đại Tự", "responsible"),
      ("Trung tâm Văn hóa - Thông tin - Thể thao huyện", "responsible")]),
    # a duty whose list of places carries figures, and lines whose numbers are no figures, stay duties
    ("3. Tổ công tác\n- Tổ chức hỗ trợ lưu động, ưu tiên các thôn có tỷ lệ thấp: thôn Đông Thịnh (62%).\n"
     "4. Công an thành phố\n- Dự án 1: Phòng ngừa tội phạm về ma túy.\n"
     "5. Sở Tài chính\n- Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc.\n"
     "6. Sở Nội vụ\n- Thời gian hoàn thành: Tháng 11 - 12/2025.",
     [("Công an thành phố", "responsible"), ("Sở Nội vụ", "responsible"), ("Sở Tài chính", "responsible"),
      ("Tổ công tác", "responsible")]),
    ("3. Phòng Tài chính - Kế hoạch huyện:\n- Thẩm định dự toán.\n- Tham mưu cấp kinh phí.\n"
     "4. Trung tâm Văn hóa - Thể thao và Truyền thông huyện\nTăng thời lượng tuyên truyền.",
     [("Phòng Tài chính - Kế hoạch huyện", "responsible"),
      ("Trung tâm Văn hóa - Thể thao và Truyền thông huyện", "responsible")]),
    ("1. Thủ trưởng các phòng, ban, ngành; Chủ tịch UBND các xã, thị trấn:\n- Quán triệt đến cán bộ.",
     [("Chủ tịch UBND các xã, thị trấn", "responsible"), ("Thủ trưởng các phòng, ban, ngành", "responsible")]),
    ("2. Phòng Nông nghiệp và Phát triển nông thôn (cơ quan thường trực):\n"
     "- Chủ trì, phối hợp với UBND các xã kiểm tra đê điều.",
     [("Phòng Nông nghiệp và Phát triển nông thôn", "lead"), ("UBND các xã", "partner")]),
    ("Điều 10. Trách nhiệm của Sở Tài chính\nBố trí kinh phí thực hiện.", [("Sở Tài chính", "responsible")]),
    # a heading that lists several bodies gives each of them the duties below it
    ("3. Bệnh viện Đa khoa tỉnh, Bệnh viện Đa khoa khu vực Ngọc Hồi\n- Bố trí đội cấp cứu lưu động.",
     [("Bệnh viện Đa khoa khu vực Ngọc Hồi", "responsible"), ("Bệnh viện Đa khoa tỉnh", "responsible")]),
    ("4. Sở Thông tin và Truyền thông, Báo Nghệ An:\n- Tuyên truyền trên các phương tiện.",
     [("Báo Nghệ An", "responsible"), ("Sở Thông tin và Truyền thông", "responsible")]),
    # partners named without a usual kind word (telecom and power companies, road authorities)
    ("2. Sở Thông tin và Truyền thông:\n- Phối hợp với Viễn thông Bến Tre, Điện lực Giồng Trôm và "
     "Khu Quản lý đường bộ II hỗ trợ.",
     [("Khu Quản lý đường bộ II", "partner"), ("Sở Thông tin và Truyền thông", "responsible"),
      ("Viễn thông Bến Tre", "partner"), ("Điện lực Giồng Trôm", "partner")]),
    # an invitation's list of who attends assigns nothing; its preparations do
    ("1. Chủ trì: Đồng chí Nguyễn Văn An - Chủ tịch UBND huyện.\n2. Thành phần mời:\n"
     "- Lãnh đạo các phòng, ban: Nội vụ, Tài chính - Kế hoạch;\n- Chủ tịch UBND các xã: Nam Anh, Nam Xuân.\n"
     "3. Công tác chuẩn bị:\n- Phòng Nội vụ chuẩn bị báo cáo tổng hợp.",
     [("Phòng Nội vụ", "responsible")]),
    ("Thành phần:\n- Lãnh đạo các phòng: Nội vụ, Tài chính - Kế hoạch;\n- Chủ tịch UBND xã Nam Anh.\n"
     "Đề nghị Phòng Nội vụ chuẩn bị báo cáo tổng hợp.",
     [("Phòng Nội vụ", "responsible")]),
    # ... but a plural group stays whole
    ("5. Trung tâm Y tế các huyện, thành phố:\n- Tổ chức tiêm chủng.",
     [("Trung tâm Y tế các huyện, thành phố", "responsible")]),
    # a heading that names a group with its list, then a colon: the group with its list
    ("1. Chủ tịch UBND các huyện: Quỳ Hợp, Quế Phong, Kỳ Sơn:\na) Kiểm tra, xử lý dứt điểm các vi phạm.",
     [("Chủ tịch UBND các huyện: Quỳ Hợp, Quế Phong, Kỳ Sơn", "responsible")]),
    # a name, a colon and its duty: a partner anywhere in the duty is one
    ("b) Phòng Tài chính - Kế hoạch: theo dõi, tổng hợp; phối hợp với Kho bạc Nhà nước Bác Ái thanh toán.",
     [("Kho bạc Nhà nước Bác Ái", "partner"), ("Phòng Tài chính - Kế hoạch", "responsible")]),
    ("c) Ủy ban nhân dân xã Lũng Nặm: phối hợp với Đồn Biên phòng Lũng Nặm tuyên truyền.",
     [("Đồn Biên phòng Lũng Nặm", "partner"), ("Ủy ban nhân dân xã Lũng Nặm", "responsible")]),
    # a partner's name ends at the verbs of the trade (`tháo gỡ`, `phủ sóng`, `phúc tra`)
    ("b) Sở Xây dựng: phối hợp với UBND huyện Sìn Hồ tháo gỡ vướng mắc mặt bằng dự án Kè Nậm Ma.",
     [("Sở Xây dựng", "responsible"), ("UBND huyện Sìn Hồ", "partner")]),
    ("Phòng Y tế chủ trì, phối hợp với UBND các xã phúc tra 100% cơ sở vi phạm.",
     [("Phòng Y tế", "lead"), ("UBND các xã", "partner")]),
    # `… như sau:` introduces what follows; it names no one
    ("Sở Giao thông vận tải thông báo tình hình và đề nghị các đơn vị như sau:\n1. Kết quả thực hiện.", []),
]

TABLE_CASES = [
    ("PHỤ LỤC\nTT\nNội dung thực hiện\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n"
     "1\nRà soát văn bản quy phạm pháp luật\nSở Tư pháp\nSở Nội vụ; các cơ quan liên quan\nTrước ngày 30/11/2025\n"
     "2\nBố trí kinh phí\nSở Tài chính\nCơ quan, địa phương liên quan\n2025",
     [("Sở Nội vụ", "partner"), ("Sở Tài chính", "lead"), ("Sở Tư pháp", "lead")]),
    # one row per line, tabs between the cells; a table of figures assigns nothing
    ("Nhiệm vụ cụ thể:\nTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
     "1\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tTrước ngày 30/11/2025\n"
     "2\tBố trí kinh phí\tSở Tài chính\tCác cơ quan liên quan\tNăm 2025\n"
     "TT\tTrường\tLớp\tSố học sinh\tTỷ lệ (%)\n1\tTrường THCS Nguyễn Du\tLớp 6\t71\t98,6",
     [("Sở Nội vụ", "partner"), ("Sở Tài chính", "lead"), ("Sở Tư pháp", "lead")]),
]

NOT_TASKS = [
    # what was done: `đã` before the lead word, a sentence opening on a past day, `đã có Công văn ... chỉ đạo`
    "Trong 6 tháng, Phòng đã chủ trì, phối hợp với Thanh tra huyện và UBND các xã kiểm tra 46 công trình.",
    "Ngày 12/01/2021, Đội Quản lý thị trường số 2 phối hợp với Công an huyện Cao Lộc kiểm tra kho hàng.",
    "UBND huyện đã có Công văn số 1702/UBND-LĐTBXH ngày 03/3/2021 chỉ đạo các xã triển khai thực hiện.",
    # a note that lists a group ends with a stop; a group's results after its colon are no heading
    "3. UBND các tỉnh: Tuyên Quang, Cao Bằng, Điện Biên.\n- Rà soát hồ sơ.",
    "Kết quả của các xã, thị trấn: Xã Phú Bình 13,8%; xã Vinh Quang (55/328 hồ sơ)",
    # a circumstance of the past opens a report; a lower-case post is still the circumstance's
    "Trong năm 2021, Phòng Y tế phối hợp tổ chức 12 hội nghị.",
    "Từ ngày 03/01/2022 đến ngày 14/01/2022, Phòng Nội vụ kiểm tra 420 hồ sơ.",
    "Từ đầu năm đến nay, Phòng Tư pháp chủ trì kiểm tra 15 đợt.",
    "Khi cán bộ, công chức nghỉ hưu, chuyển công tác, cơ quan quản lý thu hồi chứng thư số.",
    # the issuer's formulas
    "Để đánh giá tiến độ, Văn phòng UBND huyện trân trọng kính mời:",
    "Căn cứ kết quả kiểm tra, Ủy ban nhân dân huyện quyết định khen thưởng.",
    # who is in a group told by what it has: no duty
    "Các xã có tỷ lệ dưới 80%: Chế Cu Nha, Dế Xu Phình, La Pán Tẩn.",
    "Các xã có tỷ lệ hộ nghèo trên 15%: Đắk Nang, Nâm Nung và xã Quảng Phú; đây đều là các xã vùng sâu.",
    # what was done together, reported: no partner
    "Năm 2019, Chi cục Thuế huyện đã phối hợp với UBND các xã Tân Long, Hòa An đôn đốc thu nợ.",
    "Tổ công tác đã chủ động phối hợp với Đồn Biên phòng Quan Lạn kiểm tra 12 phương tiện.",
    "Chủ tịch UBND huyện yêu cầu:",
    "Bộ phận Một cửa xã tiếp nhận 318 hồ sơ, trong đó 97 hồ sơ trực tuyến (đạt 30,5%).",
    "Trường hợp phát hiện vi phạm thì lập biên bản.",
    "Tổ chức tiêm phòng đợt 2 năm 2021.",
    "Đề nghị các cơ quan, đơn vị liên quan nghiêm túc thực hiện.",
    "Thời gian qua có văn bản giao Phòng Tài nguyên và Môi trường xử lý nhưng chưa thực hiện.",
    # a list of bodies awarded (or members): items, not headings of duties
    "I. TẬP THỂ\n1. Phòng Nội vụ huyện;\n2. Trường THCS Như Hòa;\n3. Công an xã Lai Thành.",
    # formulas that open or close a letter
    "Chủ tịch UBND tỉnh có ý kiến như sau:",
    "Cục Thuế tỉnh Nghệ An trả lời để Công ty biết và thực hiện.",
    # the issuer introducing its own plan
    "Ủy ban nhân dân xã Nam Anh xây dựng Kế hoạch phòng, chống dịch bệnh năm 2023 như sau:",
    # a report of what was done (past tense), not an assignment
    "Các xã, thị trấn đã chủ động rà soát, cập nhật dữ liệu dân cư.",
    "Người đứng đầu các cơ quan, đơn vị đã tập trung số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
    # who a group is made of, not what it must do
    "Các đơn vị đạt tỷ lệ cao gồm: xã Nam Anh (98%), xã Nam Xuân (97%).",
    "- Các đơn vị có tỷ lệ thu thấp, số nợ cao gồm: xã Nam Kim, xã Nam Cát.",
    # "Chỉ đạo" with a capital is a word of the committee's name, not the trigger "chỉ đạo"
    "Bên cạnh đó, Ban Chỉ đạo các xã, thị trấn tiếp tục duy trì các tiêu chí đã đạt chuẩn.",
    # a group told by its results, then the units in it with theirs: a report, not a duty
    "Các xã có tỷ lệ thấp: Bắc Thành 47,6% (596/1.252 hộ), Nam Thành 40,2% (198/493 hộ).",
    "2. Các đơn vị có tỷ lệ thấp: Sở Tài nguyên và Môi trường (21,3%), Sở Xây dựng (34,6%).",
    "3. Các đơn vị dẫn đầu: phường Long Xuyên (72,6%), phường Châu Đốc (68,1%).",
    # under a results heading, lines that list units with their results (one wrapped over two lines)
    "II. KẾT QUẢ CỤ THỂ\n1. Các sở, ban, ngành\nMột số đơn vị có tỷ lệ hồ sơ trực tuyến cao: Sở Tư pháp đạt 96,4%,\n"
    "Sở Kế hoạch và Đầu tư đạt 92,8%; Sở Y tế và\nSở Công Thương lần lượt đạt 78,5% và 81,0%.",
    # what a named unit has is no relative clause of its name (only a group's: `các xã có tỷ lệ thấp`)
    "Sở Nông nghiệp và Môi trường có tỷ lệ trực tuyến toàn trình thấp nhất (318 hồ sơ trễ hạn).",
    "a) Các xã có tỷ lệ hộ nghèo trên 5%:\n+ Xã Bắc Thành (gồm xã Bắc Thành, xã Tây Thành cũ): 412/6.041 hộ;\n"
    "+ Xã Nam Thành: đạt 7,5%.",
]


@pytest.mark.parametrize(("body", "expected"), TRIGGER_CASES)
def test_trigger_assignments(body: str, expected: list[tuple[str, str]]) -> None:
    assert tasks_of(body) == expected


@pytest.mark.parametrize(("body", "expected"), CLAUSE_CASES)
def test_clause_and_field_assignments(body: str, expected: list[tuple[str, str]]) -> None:
    assert tasks_of(body) == expected


@pytest.mark.parametrize(("body", "expected"), SECTION_CASES)
def test_section_headings(body: str, expected: list[tuple[str, str]]) -> None:
    assert tasks_of(body) == expected


FINDING_CASES = [
    # a report's results section tells what was done; the section after it assigns
    ("I. KẾT QUẢ THỰC HIỆN\n1. Trường Mầm non Hoa Hồng huy động 100% trẻ 5 tuổi ra lớp.\n"
     "Phòng Văn hóa và Thông tin phối hợp với Đài Truyền thanh phát 240 tin.\n"
     "II. NHIỆM VỤ THỜI GIAN TỚI\n1. Phòng Giáo dục và Đào tạo tiếp tục vận động học sinh ra lớp.",
     [("Phòng Giáo dục và Đào tạo", "responsible")]),
    # a numbered heading ends at the next number; a heading in capitals without a number, at the next one
    ("1. Tồn tại, hạn chế\n- UBND xã Tân Lập cập nhật dữ liệu chậm.\n2. Nhiệm vụ\n- UBND các xã cập nhật dữ liệu.",
     [("UBND các xã", "responsible")]),
    ("TÌNH HÌNH THỰC HIỆN\nUBND các xã tổ chức 12 hội nghị tuyên truyền.\n"
     "KIẾN NGHỊ\nĐề nghị Sở Tài chính bố trí kinh phí.",
     [("Sở Tài chính", "responsible")]),
    # results to reach are a plan's, not a report's
    ("II. KẾT QUẢ CẦN ĐẠT\n- Phòng Nội vụ tham mưu kiện toàn Ban Chỉ đạo.", [("Phòng Nội vụ", "responsible")]),
]


@pytest.mark.parametrize(("body", "expected"), FINDING_CASES)
def test_a_section_of_findings_assigns_nothing(body: str, expected: list[tuple[str, str]]) -> None:
    assert tasks_of(body) == expected


@pytest.mark.parametrize(("body", "expected"), TABLE_CASES)
def test_annex_task_tables(body: str, expected: list[tuple[str, str]]) -> None:
    assert tasks_of(body) == expected


@pytest.mark.parametrize("body", NOT_TASKS)
def test_not_assignments(body: str) -> None:
    assert tasks_of(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Giao các Sở: Nội vụ, Tài chính, Văn hóa, Thể thao và Du lịch chủ trì triển khai thực hiện.",
         [("Sở Nội vụ", "lead"), ("Sở Tài chính", "lead"), ("Sở Văn hóa, Thể thao và Du lịch", "lead")]),
        ("Đề nghị các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội hỗ trợ hạ tầng.",
         [("Tập đoàn Bưu chính Viễn thông Việt Nam", "responsible"),
          ("Tập đoàn Công nghiệp - Viễn thông Quân đội", "responsible")]),
        # names before the group stay assignees
        ("Phòng Nội vụ và các Phòng: Tư pháp, Y tế phối hợp tổ chức thực hiện.",
         [("Phòng Nội vụ", "responsible"), ("Phòng Tư pháp", "responsible"), ("Phòng Y tế", "responsible")]),
        # a post over the group: the head of each body listed
        ("Trưởng các phòng: Tài chính - Kế hoạch, Nội vụ, Tư pháp phối hợp thẩm định hồ sơ.",
         [("Phòng Nội vụ", "responsible"), ("Phòng Tài chính - Kế hoạch", "responsible"),
          ("Phòng Tư pháp", "responsible")]),
        # no list after the colon: the group stays as it is
        ("Giao các phòng chuyên môn: tham mưu xây dựng kế hoạch.", [("các phòng chuyên môn", "responsible")]),
    ],
)
def test_a_group_with_a_list_assigns_each_unit(body: str, expected: list[tuple[str, str]]) -> None:
    assert tasks_of(body, with_units=True) == expected


def test_task_deadline_and_report_to() -> None:
    body = (
        "2. Yêu cầu Chủ tịch UBND các xã có tỷ lệ ký số thấp tổ chức kiểm điểm; báo cáo kết quả khắc phục về UBND "
        "huyện (qua Văn phòng HĐND và UBND huyện) trước ngày 30/4/2022."
    )
    ctx = context_for_text(HEAD + body + TAIL)
    [task] = extract_tasks(ctx, [])
    assert task.assignee == "Chủ tịch UBND các xã có tỷ lệ ký số thấp"
    assert task.deadline == "2022-04-30"
    assert task.report_to == "UBND huyện (qua Văn phòng HĐND và UBND huyện)"
    assert task.action is not None and task.action.startswith("tổ chức kiểm điểm")


BODY_WORDS = st.sampled_from(
    ["Giao", "Yêu cầu", "Phòng Nội vụ", "chủ trì", ",", "phối hợp với", "Sở Tài chính", "và", "UBND các xã",
     "thị trấn", ";", ".", ":", "\n", "1.", "-", "a)", "báo cáo", "về", "(qua", ")", "trước ngày 05/12", "các",
     "Thủ trưởng", "Trách nhiệm của", "Cơ quan chủ trì", "Thời gian hoàn thành", "2025", "tham mưu", "đã", "xã",
     "các Sở:", "Nội vụ", "Tài chính"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BODY_WORDS, max_size=30).map(" ".join))
def test_never_raises_and_spans_hold_the_assignee(body: str) -> None:
    ctx = context_for_text(HEAD + body + TAIL)
    for t in extract_tasks(ctx, extract_units(ctx)):
        assert 0 <= t.start <= t.end <= len(ctx.text)
        span = " ".join(ctx.text[t.start : t.end].split())
        words = t.assignee.split()
        # the assignee as written, or an item of a list after its kind word ("Sở " + "Nội vụ")
        assert t.assignee in ctx.text[t.start : t.end] or any(" ".join(words[k:]) in span for k in range(1, len(words)))
        assert t.role in ("lead", "partner", "responsible")


def test_an_assignee_is_named_to_the_end_of_the_unit_it_names():
    """A unit whose name goes on in lower case (read by the unit extractor from its lexicon) is the
    assignee whole, its action after it."""
    body = "Công an tỉnh phối hợp với Cục Cảnh sát quản lý hành chính về trật tự xã hội hướng dẫn các xã."
    assert tasks_of(body, with_units=True) == [
        ("Công an tỉnh", "responsible"), ("Cục Cảnh sát quản lý hành chính về trật tự xã hội", "partner")]
    assert ("Cục Cảnh sát", "partner") in tasks_of(body)  # what the text alone gives


def test_an_item_with_its_own_subject_is_not_its_headings():
    body = ("5. UBND các xã, thị trấn:\n- Bố trí kho lưu trữ.\n"
            "- UBND các xã Nam Anh, Nam Xuân khắc phục ngay việc ký số.")
    assert tasks_of(body) == [
        ("UBND các xã Nam Anh, Nam Xuân", "responsible"), ("UBND các xã, thị trấn", "responsible")]
    ctx = context_for_text(HEAD + body + TAIL)
    actions = {t.assignee: t.action for t in extract_tasks(ctx, [])}
    assert actions["UBND các xã, thị trấn"] == "Bố trí kho lưu trữ"  # not the second item, which has its own


def test_an_assignee_stops_at_the_end_of_its_unit_before_an_unknown_verb():
    body = "Phối hợp với Trung tâm Y tế huyện Nam Đàn phun hóa chất tại các xóm."
    assert tasks_of(body, with_units=True) == [("Trung tâm Y tế huyện Nam Đàn", "partner")]


def test_riêng_singles_out_an_assignee_of_its_own_under_a_section():
    body = ("2. UBND các xã, thị trấn:\n- Tổ chức di dời dân.\n"
            "- Riêng Chủ tịch UBND các xã: Nam Anh, Nam Xuân chủ động dự trữ lương thực.\n"
            "- Riêng UBND xã Nam Kim khẩn trương sửa chữa đê.\n"
            "- Riêng các xã Nam Lĩnh, Nam Cát thuộc vùng bãi ngang được áp dụng mức hỗ trợ cao hơn.\n"
            "- Riêng UBND các xã Nam Giang, Nam Thái: làm rõ nguyên nhân chậm di dời.\n"
            "- UBND xã Nam Thanh: đạt 52,3%; UBND xã Nam Lộc: đạt 47%.")
    ctx = context_for_text(HEAD + body + TAIL)
    actions = sorted((t.assignee, t.action) for t in extract_tasks(ctx, []))
    assert ("Chủ tịch UBND các xã: Nam Anh, Nam Xuân", "chủ động dự trữ lương thực") in actions
    assert ("UBND xã Nam Kim", "khẩn trương sửa chữa đê") in actions
    # a name, a colon, then its duty in lower case
    assert ("UBND các xã Nam Giang, Nam Thái", "làm rõ nguyên nhân chậm di dời") in actions
    # a name, a colon, then a result: a figure, not a duty
    assert not any(name in ("UBND xã Nam Thanh", "UBND xã Nam Lộc") for name, _ in actions)
    section = [action or "" for name, action in actions if name == "UBND các xã, thị trấn"]
    assert "Tổ chức di dời dân" in section
    assert not any("Nam Kim" in a or "Nam Anh" in a for a in section)  # the singled-out duties are not the section's
    assert not any(x[0].startswith("các xã Nam Lĩnh") for x in actions)  # what they are given, not a duty


@pytest.mark.parametrize(
    ("issuer", "body", "expected"),
    [
        # a People's Council's resolution assigns the People's Committee
        ("HỘI ĐỒNG NHÂN DÂN\nHUYỆN YÊN THÀNH", "Giao Ủy ban nhân dân huyện tổ chức thực hiện Nghị quyết.",
         [("Ủy ban nhân dân huyện", "responsible")]),
        # ... as its standing committee does (the council is the parent of its block)
        ("HỘI ĐỒNG NHÂN DÂN\nHUYỆN YÊN THÀNH\nTHƯỜNG TRỰC", "Giao Ủy ban nhân dân huyện báo cáo kết quả.",
         [("Ủy ban nhân dân huyện", "responsible")]),
        # an office asks its parent committee (not a committee of another level, nor without an action)
        ("UBND HUYỆN YÊN THÀNH\nPHÒNG VĂN HÓA VÀ THÔNG TIN",
         "1. Đề nghị UBND huyện bố trí kinh phí sửa chữa hệ thống truyền thanh.\n2. Kiến nghị UBND tỉnh\n",
         [("UBND huyện", "responsible")]),
    ],
)
def test_a_bare_committee_is_assigned_where_it_is_not_the_issuer(issuer, body, expected):
    head = HEAD.replace("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THÀNH", issuer)
    assert sorted({(t.assignee, t.role) for t in extract_tasks(context_for_text(head + body + TAIL), [])}) == expected
    assert tasks_of(body) == []  # the committee's own document: it is the issuer


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a heading that asks the names before its colon (`Chỉ đạo X:`) gives them the items below it
        ("2. Chỉ đạo UBND các xã Tân Lập, Tân Hòa:\n- Rà soát danh sách hộ nghèo.\n- Tuyên truyền chính sách.",
         [("UBND các xã Tân Lập, Tân Hòa", "Rà soát danh sách hộ nghèo"),
          ("UBND các xã Tân Lập, Tân Hòa", "Tuyên truyền chính sách")]),
        # ... inside the section of the one who directs it, which goes on after it
        ("1. Sở Nông nghiệp và Phát triển nông thôn\na) Chỉ đạo Chi cục Thủy sản:\n- Lấy mẫu giám sát dịch bệnh.\n"
         "b) Tổng hợp tình hình, báo cáo UBND tỉnh.",
         [("Chi cục Thủy sản", "Lấy mẫu giám sát dịch bệnh"),
          ("Sở Nông nghiệp và Phát triển nông thôn", "Tổng hợp tình hình, báo cáo UBND tỉnh")]),
    ],
)
def test_a_heading_that_asks_its_names_gives_them_the_items_below_it(body, expected):
    tasks = extract_tasks(context_for_text(HEAD + body + TAIL), [])
    assert sorted((t.assignee, t.action) for t in tasks if t.action) == expected


@pytest.mark.parametrize(
    ("issuer", "asked"),
    [("ỦY BAN NHÂN DÂN\nXÃ PHÚ LỘC", "UBND huyện"), ("ỦY BAN NHÂN DÂN\nHUYỆN CAN LỘC", "UBND tỉnh"),
     ("ỦY BAN NHÂN DÂN\nPHƯỜNG AN BÌNH", "UBND thị xã")],
)
def test_a_paragraph_that_asks_the_level_above_gives_it_the_numbered_items_after_it(issuer, asked):
    head = HEAD.replace("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THÀNH", issuer)
    body = (f"II. KIẾN NGHỊ\nĐể thực hiện tốt nhiệm vụ, kính đề nghị {asked}:\n"
            "1. Hỗ trợ kinh phí sửa chữa tuyến đường liên thôn.\n2. Bố trí nguồn vốn xây dựng nhà văn hóa.\n"
            "III. KẾT LUẬN\nXã đã hoàn thành các chỉ tiêu.")
    tasks = extract_tasks(context_for_text(head + body + TAIL), [])
    assert [t.action for t in tasks if t.assignee == asked] == [
        "Hỗ trợ kinh phí sửa chữa tuyến đường liên thôn", "Bố trí nguồn vốn xây dựng nhà văn hóa"]


def test_riêng_with_a_colon_heads_the_plus_items_under_it_then_the_section_goes_on():
    body = ("e) UBND các huyện, thị xã, thành phố\n- Tổ chức di dời dân.\n"
            "- Riêng UBND các huyện Nam Đàn, Hưng Nguyên:\n+ Khởi công các công trình còn lại;\n"
            "+ Báo cáo nguyên nhân chậm giải ngân.\n- Rà soát, báo cáo kết quả.\n"
            "- Riêng UBND xã Nam Kim: hoàn thành cập nhật 100% dữ liệu tàu cá.")
    ctx = context_for_text(HEAD + body + TAIL)
    actions = sorted((t.assignee, t.action) for t in extract_tasks(ctx, []))
    assert actions == [
        ("UBND các huyện Nam Đàn, Hưng Nguyên", "Báo cáo nguyên nhân chậm giải ngân"),
        ("UBND các huyện Nam Đàn, Hưng Nguyên", "Khởi công các công trình còn lại"),
        ("UBND các huyện, thị xã, thành phố", "Rà soát, báo cáo kết quả"),
        ("UBND các huyện, thị xã, thành phố", "Tổ chức di dời dân"),
        # all of something (`100% dữ liệu`) is what is asked, not a figure reported
        ("UBND xã Nam Kim", "hoàn thành cập nhật 100% dữ liệu tàu cá"),
    ]


def test_riêng_with_a_colon_and_its_duty_on_the_line_names_its_own_assignees():
    duty = "xây dựng kế hoạch huy động trẻ 5 tuổi chưa ra lớp, bảo đảm tỷ lệ huy động đạt tối thiểu 99%"
    body = ("3. Ủy ban nhân dân các xã, phường\n- Rà soát số trẻ trong độ tuổi.\n"
            f"+ Riêng UBND xã Nho Quan và UBND xã Kim Sơn: {duty}; "
            "Trạm Y tế xã Nho Quan chịu trách nhiệm khám sức khỏe.")
    ctx = context_for_text(HEAD + body + TAIL)
    actions = sorted((t.assignee, t.action) for t in extract_tasks(ctx, []))
    assert actions == [
        ("Trạm Y tế xã Nho Quan", "chịu trách nhiệm khám sức khỏe"),
        ("UBND xã Kim Sơn", duty),
        ("UBND xã Nho Quan", duty),
        ("Ủy ban nhân dân các xã, phường", "Rà soát số trẻ trong độ tuổi"),
    ]


def test_a_listed_unit_whose_kind_is_no_word_of_names_is_assigned_as_written():
    body = ("6. Các chủ rừng: Vườn quốc gia Bù Gia Mập, Ban Quản lý rừng phòng hộ Đắk Mai\n"
            "- Rà soát lực lượng bảo vệ rừng.")
    assert ("Vườn quốc gia Bù Gia Mập", "responsible") in tasks_of(body, with_units=True)


def test_a_name_run_to_its_units_end_takes_the_lead_word_after_it():
    # the assignee is read up to `tổng hợp` (a verb), the unit runs through it: `chủ trì` after the unit is the lead
    assert tasks_of("Phòng Kế hoạch tổng hợp chủ trì, phối hợp với Khoa Dược kiểm tra hồ sơ bệnh án.",
                    with_units=True) == [("Khoa Dược", "partner"), ("Phòng Kế hoạch tổng hợp", "lead")]
