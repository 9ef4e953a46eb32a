"""Generate realistic district dispatches for benchmarks (run by hand; never part of the tests).

    python benchmarks/generate.py OUT_DIR [-n 10000] [--seed 1] [--pdf K] [--pdf-dir DIR]

Each file is a dispatch of a district People's Committee (UBND huyện) in the layout of Nghị định
30/2020/NĐ-CP: a công văn, báo cáo, kế hoạch or thông báo with real commune names of one district
(from underthesea's administrative-unit data). The header carries the issuer, Số, place and date,
the type and title (or V/v), and Kính gửi; the body is built section by section (I., II., 1., 2.,
a), b), dashes) under headings such as "Kết quả thực hiện", "Tồn tại, hạn chế", "Nguyên nhân",
"Nhiệm vụ, giải pháp", "Tổ chức thực hiện", from a bank of sentence templates whose slots take
communes, departments, figures, dates and periods, citations of other documents, assignments and
targets; 5 to 60 communes are listed with figures, departments are given tasks with deadlines, and
the Nơi nhận and signature blocks close it. Bodies are 1 to 10 pages (~3,000 characters a page)
and no sentence repeats within a dispatch, so no single phrase dominates the time of a rule.

Files are written as they are made, so any N fits in memory; the output depends only on --seed.
``--pdf K`` also renders the first K dispatches to PDF (into OUT_DIR/pdf unless --pdf-dir says
otherwise) with the layout of ``tests/fixtures/make_fixtures.py``: two-column header (issuer and
Số left, national motto, place and date right) and the Nơi nhận / signature table. PDFs under
OUT_DIR are found by ``vbminer ingest OUT_DIR`` too: give --pdf-dir elsewhere to time .txt alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import re
import string
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
PAGE = 3000  # characters of body text on a printed A4 page in 13 pt Times New Roman

DEPARTMENTS = [
    "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Tài nguyên và Môi trường", "Phòng Tư pháp",
    "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa và Thông tin",
    "Phòng Lao động - Thương binh và Xã hội", "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Thanh tra huyện",
    "Văn phòng HĐND và UBND huyện", "Trung tâm Văn hóa - Thể thao và Truyền thông", "Ban Quản lý dự án đầu tư xây dựng",
]
# Province departments (Sở) with the code they put in their own symbols, for citations and Kính gửi.
AGENCIES = [
    ("Sở Nội vụ", "SNV"), ("Sở Tài chính", "STC"), ("Sở Thông tin và Truyền thông", "STTTT"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT"), ("Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    ("Sở Tài nguyên và Môi trường", "STNMT"), ("Sở Y tế", "SYT"), ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"), ("Văn phòng UBND tỉnh", "VPUBND"),
]
TYPES = [("CV", "Công văn"), ("BC", "BÁO CÁO"), ("KH", "KẾ HOẠCH"), ("TB", "THÔNG BÁO")]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đình", "Quốc", "Minh", "Xuân", "Thanh", "Đức", "Ngọc", "Sỹ", "Công", "Trọng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn",
         "Tâm", "Thắng", "Trung", "Tuấn", "Vinh", "Yến", "Hạnh", "Khoa", "Lộc", "Nga", "Thành", "Hiếu"]


@dataclass(frozen=True)
class Topic:
    """One area of work a dispatch is about; its phrases keep a dispatch on one subject."""

    field: str  # the area, as a noun phrase: "công tác ..."
    measure: str  # the figure reported per commune: "tỷ lệ ..."
    noun: str  # what the ratios count: "(57/812 hồ sơ)"
    den: tuple[int, int]  # range of a commune's denominator
    lead: str  # the department that leads the area in the district
    agency: int  # index in AGENCIES of the province department above it
    basis: tuple[tuple[str, int], ...]  # national documents and the year they apply from
    works: tuple[str, ...]  # verb phrases of the work done
    issues: tuple[str, ...]  # clauses stating a shortcoming peculiar to the area
    aspects: tuple[str, ...]  # sub-headings of a results or tasks section


TOPICS = [
    Topic("công tác cải cách thủ tục hành chính", "tỷ lệ hồ sơ trực tuyến", "hồ sơ", (40, 1600),
          "Văn phòng HĐND và UBND huyện", 0,
          (("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ", 2018),
           ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ", 2020),
           ("Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ", 2022)),
          ("tiếp nhận, giải quyết hồ sơ thủ tục hành chính tại Bộ phận Một cửa",
           "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
           "công khai, cập nhật thủ tục hành chính trên Cổng Dịch vụ công",
           "hướng dẫn người dân tạo tài khoản và nộp hồ sơ trực tuyến",
           "rà soát, đề xuất đơn giản hóa thủ tục hành chính"),
          ("hồ sơ giải quyết quá hạn vẫn còn phát sinh, chủ yếu ở lĩnh vực đất đai",
           "việc số hóa kết quả giải quyết thủ tục hành chính mới đạt ở mức thấp so với yêu cầu",
           "một số hồ sơ trực tuyến được công chức nộp thay, người dân vẫn phải mang bản giấy đến bổ sung",
           "thư xin lỗi đối với hồ sơ trễ hạn chưa được gửi đầy đủ cho người dân"),
          ("Cải cách thủ tục hành chính", "Thực hiện cơ chế một cửa, một cửa liên thông",
           "Cung cấp dịch vụ công trực tuyến", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính")),
    Topic("công tác ứng dụng chữ ký số và gửi, nhận văn bản điện tử", "tỷ lệ văn bản ký số", "văn bản", (60, 1400),
          "Phòng Văn hóa và Thông tin", 2,
          (("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", 2020),
           ("Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018 của Thủ tướng Chính phủ", 2018)),
          ("ký số văn bản đi trên hệ thống quản lý văn bản và điều hành",
           "gửi, nhận văn bản điện tử giữa các cơ quan hành chính",
           "đề nghị cấp mới, gia hạn chứng thư số cho cán bộ, công chức",
           "lập hồ sơ công việc trên môi trường điện tử"),
          ("thói quen trình ký trên giấy còn tồn tại ở một số bộ phận, văn bản chỉ được ký số khi phát hành",
           "nhiều văn bản ký số còn sai vị trí chữ ký hoặc thiếu chữ ký số của cơ quan",
           "hồ sơ công việc điện tử hầu như chưa được lập ở cấp xã"),
          ("Cấp và sử dụng chứng thư số", "Ký số văn bản đi", "Gửi, nhận văn bản điện tử",
           "Lập hồ sơ công việc điện tử")),
    Topic("công tác tiêm phòng cho đàn gia súc, gia cầm", "tỷ lệ tiêm phòng", "con", (200, 4500),
          "Phòng Nông nghiệp và Phát triển nông thôn", 4,
          (("Luật Thú y năm 2015", 2016),
           ("Thông tư số 07/2016/TT-BNNPTNT ngày 31/5/2016 của Bộ Nông nghiệp và Phát triển nông thôn", 2016)),
          ("tiêm phòng vắc xin lở mồm long móng cho đàn trâu, bò", "tiêm phòng dại cho đàn chó, mèo",
           "tiêu độc, khử trùng chuồng trại và khu vực chăn nuôi tập trung",
           "giám sát, phát hiện sớm và khoanh vùng ổ dịch"),
          ("không ít hộ chăn nuôi nhỏ lẻ chưa hợp tác, để gia súc thả rông vào thời điểm tiêm",
           "số liệu tổng đàn ở một số thôn chênh lệch lớn so với thực tế",
           "lực lượng thú y cơ sở mỏng, phụ cấp thấp nên khó duy trì"),
          ("Tiêm phòng đợt chính", "Tiêm phòng bổ sung", "Vệ sinh, tiêu độc khử trùng", "Giám sát dịch bệnh")),
    Topic("công tác thu ngân sách nhà nước", "tỷ lệ thu ngân sách so với dự toán", "hộ kinh doanh", (30, 900),
          "Phòng Tài chính - Kế hoạch", 1,
          (("Luật Ngân sách nhà nước năm 2015", 2017), ("Luật Quản lý thuế năm 2019", 2020)),
          ("rà soát, quản lý nguồn thu từ hộ kinh doanh", "đôn đốc thu nợ đọng thuế, tiền sử dụng đất",
           "tổ chức đấu giá quyền sử dụng đất các lô đã có quy hoạch",
           "chống thất thu trong kinh doanh vận tải và xây dựng tư nhân"),
          ("nợ đọng thuế còn lớn, tập trung ở doanh nghiệp nhỏ và hộ kinh doanh",
           "việc đấu giá quyền sử dụng đất chậm hơn nhiều so với kế hoạch",
           "nhiều khoản thu nhỏ, phân tán nên việc quản lý còn để thất thu"),
          ("Thu thuế, phí, lệ phí", "Thu tiền sử dụng đất", "Xử lý nợ đọng thuế", "Chi ngân sách")),
    Topic("công tác phát triển người tham gia bảo hiểm y tế", "tỷ lệ tham gia bảo hiểm y tế", "người",
          (800, 12000), "Phòng Lao động - Thương binh và Xã hội", 6,
          (("Nghị định số 146/2018/NĐ-CP ngày 17/10/2018 của Chính phủ", 2019),),
          ("rà soát danh sách hộ gia đình chưa tham gia bảo hiểm y tế",
           "vận động người dân tham gia bảo hiểm y tế theo hộ gia đình",
           "cấp thẻ bảo hiểm y tế cho các đối tượng được ngân sách hỗ trợ",
           "đối chiếu dữ liệu người tham gia với cơ sở dữ liệu dân cư"),
          ("không ít người tham gia theo hộ gia đình đã không gia hạn thẻ khi hết hạn",
           "thu nhập thấp khiến một bộ phận người dân chưa thể tự đóng bảo hiểm y tế",
           "dữ liệu người tham gia còn sai lệch so với cơ sở dữ liệu dân cư"),
          ("Bảo hiểm y tế hộ gia đình", "Bảo hiểm y tế học sinh, sinh viên", "Đối tượng được ngân sách hỗ trợ",
           "Khám, chữa bệnh bảo hiểm y tế")),
    Topic("công tác giải ngân vốn đầu tư công", "tỷ lệ giải ngân vốn đầu tư công", "công trình", (3, 40),
          "Ban Quản lý dự án đầu tư xây dựng", 3,
          (("Luật Đầu tư công năm 2019", 2020), ("Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ", 2020)),
          ("lập, thẩm định hồ sơ thanh toán khối lượng hoàn thành", "giải phóng mặt bằng các công trình trọng điểm",
           "đẩy nhanh tiến độ thi công các công trình chuyển tiếp", "quyết toán các công trình đã hoàn thành"),
          ("mặt bằng của một số công trình còn vướng mắc kéo dài",
           "năng lực của một số nhà thầu hạn chế, thi công chậm",
           "hồ sơ thanh toán lập chậm, phải chỉnh sửa nhiều lần"),
          ("Giải phóng mặt bằng", "Tiến độ thi công", "Thanh toán, quyết toán", "Chuẩn bị đầu tư")),
    Topic("công tác thực hiện Đề án 06 về dữ liệu dân cư, định danh và xác thực điện tử",
          "tỷ lệ kích hoạt tài khoản định danh điện tử", "tài khoản", (300, 9000), "Phòng Văn hóa và Thông tin", 9,
          (("Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ", 2022),),
          ("thu nhận hồ sơ cấp căn cước cho công dân", "hướng dẫn người dân kích hoạt tài khoản định danh điện tử",
           "làm sạch dữ liệu dân cư", "tích hợp dịch vụ công thiết yếu với cơ sở dữ liệu dân cư"),
          ("nhiều người dân đi làm ăn xa nên khó thu nhận hồ sơ",
           "điện thoại của người cao tuổi thường không cài được ứng dụng định danh",
           "việc làm sạch dữ liệu dân cư còn chậm ở các xã đông dân"),
          ("Thu nhận hồ sơ căn cước", "Định danh và xác thực điện tử", "Làm sạch dữ liệu dân cư",
           "Dịch vụ công thiết yếu")),
    Topic("công tác xây dựng nông thôn mới", "tỷ lệ tiêu chí đạt chuẩn",
          "tiêu chí", (19, 19), "Phòng Nông nghiệp và Phát triển nông thôn", 4,
          (("Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ", 2016),
           ("Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ", 2022)),
          ("hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới", "chỉnh trang đường làng, ngõ xóm",
           "xây dựng và nâng hạng sản phẩm OCOP", "duy trì các tiêu chí đã đạt chuẩn"),
          ("tiêu chí thu nhập và tiêu chí môi trường ở một số xã khó duy trì",
           "huy động nguồn lực xã hội hóa còn hạn chế", "nợ xây dựng cơ bản ở một số xã chưa được xử lý dứt điểm"),
          ("Quy hoạch và hạ tầng", "Kinh tế và tổ chức sản xuất", "Văn hóa - xã hội - môi trường",
           "Hệ thống chính trị")),
    Topic("công tác thu gom, xử lý rác thải sinh hoạt", "tỷ lệ thu gom rác thải sinh hoạt", "hộ", (300, 5000),
          "Phòng Tài nguyên và Môi trường", 5,
          (("Luật Bảo vệ môi trường năm 2020", 2022),
           ("Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 của Chính phủ", 2022)),
          ("phân loại rác thải tại nguồn", "thu gom, vận chuyển rác thải về khu xử lý tập trung",
           "xóa các điểm tập kết rác tự phát", "thu phí dịch vụ thu gom rác thải"),
          ("một số khu dân cư chưa có điểm tập kết rác, người dân còn đổ rác ra kênh mương",
           "phí thu gom thu được không đủ chi trả cho đơn vị dịch vụ",
           "lò đốt rác ở một số xã hoạt động không ổn định"),
          ("Phân loại rác tại nguồn", "Thu gom, vận chuyển", "Xử lý rác thải", "Thu phí dịch vụ")),
    Topic("công tác tiêm chủng mở rộng", "tỷ lệ tiêm chủng đầy đủ", "trẻ", (40, 600), "Phòng Y tế", 6,
          (("Nghị định số 104/2016/NĐ-CP ngày 01/7/2016 của Chính phủ", 2016),),
          ("tổ chức các buổi tiêm chủng thường xuyên tại trạm y tế xã",
           "rà soát, lập danh sách trẻ trong độ tuổi tiêm chủng",
           "tiêm bù, tiêm vét cho trẻ chưa được tiêm đủ mũi", "theo dõi, xử trí phản ứng sau tiêm"),
          ("vắc xin có thời điểm không được cung ứng kịp thời",
           "một số phụ huynh e ngại phản ứng sau tiêm nên chưa cho trẻ đi tiêm",
           "dữ liệu tiêm chủng trên hệ thống chưa được cập nhật đầy đủ"),
          ("Tiêm chủng thường xuyên", "Tiêm bù, tiêm vét", "Bảo quản vắc xin", "Cập nhật dữ liệu tiêm chủng")),
]

# --- sentence bank ---------------------------------------------------------------------------------
# {slot}s are filled per sentence (see Slots); a slot named twice in one template keeps its value,
# "slot_b", "slot_c" draw other values of the same kind. Most templates are plain prose; those with
# figures, units, dates or citations come in about the proportion of real district reports.

ACTORS = ["các phòng, ban, ngành cấp huyện", "UBND các xã, thị trấn", "đội ngũ công chức chuyên môn cấp xã",
          "các tổ chức chính trị - xã hội", "các thôn, tổ dân phố", "người đứng đầu các cơ quan, đơn vị",
          "Ban Chỉ đạo các xã, thị trấn", "các cơ quan chuyên môn thuộc UBND huyện"]
LEADINS = ["Trong kỳ,", "Bên cạnh đó,", "Cùng với đó,", "Nhìn chung,", "Song song với đó,", "Qua theo dõi,", ""]
STEPS = ["đã chủ động", "tiếp tục", "bước đầu đã", "cơ bản đã", "đã tích cực", "đã tập trung"]
PURPOSES = [", góp phần nâng cao chất lượng phục vụ người dân", ", tạo chuyển biến rõ hơn so với năm trước",
            ", bảo đảm đúng quy trình và thời gian quy định", " theo đúng kế hoạch đề ra", "",
            ", từng bước đi vào nền nếp", ", được người dân đồng tình, ủng hộ"]
ACTIONS = ["rà soát, tổng hợp số liệu của các xã, thị trấn", "kiểm tra việc thực hiện tại các đơn vị có kết quả thấp",
           "xây dựng kế hoạch kiểm tra chuyên đề", "hướng dẫn thống nhất quy trình, biểu mẫu thực hiện",
           "đề xuất phương án xử lý các trường hợp còn tồn đọng", "tổ chức tập huấn cho công chức cấp xã",
           "cập nhật cơ sở dữ liệu và công khai kết quả của từng đơn vị", "đánh giá kết quả thực hiện {cite_short}",
           "xây dựng bộ tiêu chí chấm điểm các xã, thị trấn", "đối chiếu số liệu báo cáo với dữ liệu trên hệ thống"]
ADVICE = ["bố trí kinh phí thực hiện từ nguồn ngân sách huyện", "sửa đổi, bổ sung quy chế phối hợp giữa các cơ quan",
          "khen thưởng các tập thể, cá nhân có thành tích xuất sắc", "điều chỉnh chỉ tiêu giao cho các xã, thị trấn",
          "xử lý trách nhiệm các đơn vị không hoàn thành nhiệm vụ", "ban hành hướng dẫn thực hiện thống nhất"]

ONCE: set[str] = set()  # templates stating one fact of the dispatch (the district's rate, the leader...)


def once(template: str) -> str:
    """Mark ``template`` as used at most once per dispatch: twice, its figures would disagree."""
    ONCE.add(template)
    return template


# Sentences built from parts: thousands of combinations per topic, so a long dispatch never runs out
# of fresh sentences once its fixed templates are used up.
DONE = "{leadin} {actor} {step} {work}{purpose}."
FLAW = "{where} {flaw_subject} {flaw_pred}."
CAUSE = "{cause_subject} {cause_pred}{cause_tail}."
DO = "{do_verb} {do_object}; {do_follow}."
FREE = (DONE, FLAW, CAUSE, DO)  # never used up: each bank holds one as its last resort
PARTS: dict[str, list[str]] = {
    "where": ["Ở một số xã,", "Tại một số cơ quan, đơn vị,", "Ở {commune},", "Ở các thôn xa trung tâm,",
              "Trong {since},", ""],
    "flaw_subject": ["việc {work}", "công tác kiểm tra, giám sát", "việc cập nhật, đồng bộ số liệu",
                     "sự phối hợp giữa công chức chuyên môn với các thôn, xóm", "công tác tuyên truyền, vận động",
                     "chất lượng tham mưu của bộ phận chuyên môn"],
    "flaw_pred": ["còn chậm so với yêu cầu", "chưa được quan tâm đúng mức", "còn hình thức, hiệu quả chưa cao",
                  "chưa bảo đảm tiến độ đề ra", "còn lúng túng, bị động", "chưa thường xuyên, liên tục"],
    "cause_subject": ["nguồn lực đầu tư cho {field}", "đội ngũ công chức làm công tác chuyên môn ở cấp xã",
                      "trang thiết bị phục vụ công việc ở cơ sở", "hạ tầng mạng tại các thôn xa",
                      "sự quan tâm của một số cấp ủy, chính quyền cơ sở", "kinh phí hỗ trợ cho thôn, tổ dân phố"],
    "cause_pred": ["còn hạn chế", "chưa đáp ứng yêu cầu nhiệm vụ", "thiếu đồng bộ",
                   "chưa tương xứng với khối lượng công việc", "chưa được bảo đảm thường xuyên"],
    "cause_tail": ["", ", nhất là ở các xã khó khăn", " trong khi khối lượng công việc ngày càng lớn",
                   ", ảnh hưởng đến kết quả chung của huyện"],
    "do_verb": ["Tập trung", "Tăng cường", "Chú trọng", "Đẩy nhanh", "Nâng cao chất lượng"],
    "do_object": ["việc {work}", "công tác kiểm tra, giám sát", "việc cập nhật, đồng bộ dữ liệu",
                  "công tác tuyên truyền ở thôn, xóm", "sự phối hợp giữa các ngành và địa phương"],
    "do_follow": ["định kỳ đánh giá, rút kinh nghiệm", "gắn với trách nhiệm của người đứng đầu",
                  "bảo đảm hoàn thành chỉ tiêu được giao", "kịp thời tháo gỡ khó khăn, vướng mắc ở cơ sở",
                  "không để tồn đọng, kéo dài", "coi đây là tiêu chí đánh giá thi đua cuối năm"],
    "actor": ACTORS, "leadin": LEADINS, "step": STEPS, "purpose": PURPOSES, "action": ACTIONS, "advice": ADVICE,
}

CONTEXT = [
    "Trong {since}, tình hình kinh tế - xã hội trên địa bàn huyện cơ bản ổn định; các cơ quan, đơn vị đã bám sát kế "
    "hoạch để triển khai {field}.",
    "Xác định {field} là nhiệm vụ trọng tâm, thường xuyên, UBND huyện đã chỉ đạo các ngành và địa phương vào cuộc "
    "đồng bộ, quyết liệt.",
    "Thời gian qua, {field} trên địa bàn huyện có nhiều chuyển biến tích cực; nhận thức của cán bộ, công chức và "
    "Nhân dân từng bước được nâng lên.",
    once("Đến nay, {measure} bình quân toàn huyện đạt {mean}, {trend} so với cùng kỳ năm {prev_year}."),
    once("Theo số liệu tổng hợp của {lead} đến ngày {past}, kết quả chung của toàn huyện đạt {share}."),
    "Kết quả nêu trên tuy chưa đạt chỉ tiêu đề ra nhưng đã phản ánh sự cố gắng của các cơ quan, đơn vị trong điều "
    "kiện còn nhiều khó khăn.",
    "Năm {year} là năm có ý nghĩa quan trọng đối với việc hoàn thành các mục tiêu của huyện đã đề ra cho cả giai đoạn.",
    "Bên cạnh những thuận lợi cơ bản, huyện vẫn phải đối mặt với không ít khó khăn do nguồn lực hạn chế và địa "
    "bàn rộng.",
    once("Theo đánh giá của {agency}, kết quả {field} của huyện năm {prev_year} xếp thứ {rank} trong tỉnh."),
    DONE,
]
DIRECTION = [
    "Ngay sau khi nhận được {cite_up}, UBND huyện đã ban hành {cite_reply} để triển khai trên địa bàn.",
    "UBND huyện đã giao chỉ tiêu đến từng xã, thị trấn và lấy kết quả thực hiện làm căn cứ bình xét thi đua "
    "cuối năm.",
    "Ban Chỉ đạo huyện đã phân công thành viên phụ trách từng cụm xã, định kỳ nắm tình hình và báo cáo Trưởng Ban "
    "Chỉ đạo.",
    "Các phòng, ban, ngành đã xây dựng kế hoạch theo chức năng, nhiệm vụ; UBND các xã, thị trấn đã thành lập tổ "
    "công tác do Chủ tịch UBND xã làm tổ trưởng.",
    "Thực hiện {cite_nat}, UBND huyện đã chỉ đạo rà soát, sửa đổi các quy chế nội bộ cho phù hợp với quy định mới.",
    "Tại các cuộc họp giao ban hằng tháng, UBND huyện đều nghe báo cáo tiến độ và chỉ đạo tháo gỡ vướng mắc phát "
    "sinh.",
    once("{lead} đã tham mưu UBND huyện tổ chức hội nghị triển khai vào ngày {past}, với sự tham gia của lãnh đạo "
         "các phòng, ban, ngành và UBND các xã, thị trấn."),
    once("UBND huyện đã thành lập {small} đoàn kiểm tra liên ngành, kiểm tra việc thực hiện tại {small_b} xã, thị "
         "trấn."),
    "Việc {work} được lồng ghép vào các cuộc họp thôn, sinh hoạt chi bộ và hoạt động của các đoàn thể.",
    once("Trong {since}, UBND huyện đã ban hành {small} văn bản chỉ đạo, điều hành về {field}, trong đó có "
         "{cite_own}."),
    DONE,
]
RESULT = [
    once("Việc {work} được các đơn vị triển khai nghiêm túc; {measure} toàn huyện đạt {mean}, tăng {pp} điểm phần "
         "trăm so với {prev_period}."),
    "Các xã, thị trấn đã chủ động rà soát, cập nhật danh sách và lập sổ theo dõi đến từng thôn, xóm.",
    once("Toàn huyện đã tổ chức {small} hội nghị, lớp tập huấn với {count} lượt cán bộ, công chức và người dân "
         "tham dự."),
    "{dept} đã phối hợp với các cơ quan liên quan kiểm tra tại {small} xã, thị trấn; qua kiểm tra đã hướng dẫn, chấn "
    "chỉnh kịp thời các thiếu sót.",
    "Công tác tuyên truyền được đẩy mạnh qua hệ thống loa truyền thanh cơ sở, trang thông tin điện tử và các nhóm "
    "mạng xã hội của thôn, xóm.",
    once("Một số đơn vị đạt kết quả cao như {top}, {top_b}, {top_c}."),
    once("Kinh phí bố trí cho {field} năm {year} là {money}, đến nay đã giải ngân {pct} dự toán."),
    "Việc {work} được thực hiện thường xuyên, bài bản hơn; chất lượng tham mưu của các cơ quan chuyên môn được "
    "nâng lên.",
    "Chủ tịch UBND các xã, thị trấn đã trực tiếp chỉ đạo, phân công công chức bám nắm đến từng thôn, tổ dân phố.",
    once("{leader} là đơn vị dẫn đầu toàn huyện ({leader_figure}); cách làm của đơn vị đã được UBND huyện chỉ "
         "đạo nhân rộng."),
    once("Tính riêng {since}, toàn huyện có thêm {count} {noun} được cập nhật vào hệ thống, nâng tổng số lên {count_b} "
         "{noun}."),
    once("So với cùng kỳ năm {prev_year}, số đơn vị đạt chỉ tiêu tăng {small} đơn vị."),
    "Nhiều mô hình, cách làm hay ở cơ sở đã được ghi nhận, tiêu biểu là {commune} và {commune_b}.",
    once("Kết quả {work} của khối cơ quan cấp huyện đạt {pct_hi}, của khối UBND cấp xã đạt {pct}."),
    "Các kiến nghị của người dân liên quan đến {field} đều được tiếp nhận, trả lời trong thời hạn quy định.",
    DONE,
]
SHORTCOMING = [
    "{issue}.",
    once("Kết quả thực hiện giữa các đơn vị chưa đồng đều; một số đơn vị còn thấp như {bottom}, {bottom_b}."),
    "Việc tổng hợp, báo cáo số liệu của một số đơn vị còn chậm, chưa đúng biểu mẫu, phải yêu cầu bổ sung nhiều lần.",
    "Sự phối hợp giữa các cơ quan chuyên môn cấp huyện với UBND cấp xã có lúc chưa chặt chẽ, thiếu thường xuyên.",
    "Một số nhiệm vụ được giao tại {cite_local} chưa hoàn thành đúng thời hạn.",
    "Cơ sở vật chất, trang thiết bị phục vụ {field} ở một số xã đã xuống cấp nhưng chưa được thay thế.",
    once("Đến ngày {past}, vẫn còn {small} đơn vị chưa gửi báo cáo, trong đó có {commune} và {commune_b}."),
    "Ở một số nơi, tuyên truyền còn hình thức, chưa đến được với người dân ở các thôn xa trung tâm.",
    once("{measure} của toàn huyện mới đạt {mean}, thấp hơn chỉ tiêu tỉnh giao ({goal}%)."),
    "Nội dung một số báo cáo còn chung chung, chưa phân tích rõ nguyên nhân và chưa đề xuất được giải pháp cụ thể.",
    "Các kiến nghị sau kiểm tra ở một số đơn vị chậm được khắc phục, có nội dung kéo dài qua nhiều kỳ.",
    "Tuy nhiên, {issue}.",
    FLAW,
]
CAUSE_OUT = [
    "Địa bàn huyện rộng, địa hình chia cắt, giao thông đến một số thôn còn khó khăn.",
    "Mưa lớn kéo dài trong {past_period} đã ảnh hưởng đến tiến độ thực hiện ở nhiều xã.",
    "Văn bản hướng dẫn của cấp trên ban hành chậm, một số nội dung chưa rõ nên cơ sở còn lúng túng khi áp dụng.",
    "Ngân sách huyện còn hạn hẹp, chủ yếu trông vào nguồn bổ sung từ ngân sách tỉnh.",
    "Hạ tầng viễn thông ở các thôn vùng cao, vùng bãi ngang chưa bảo đảm.",
    "Một bộ phận người dân còn ngại thay đổi, chưa quen với cách làm mới.",
    "Các phần mềm dùng chung thường xuyên thay đổi, dữ liệu giữa các hệ thống chưa được kết nối.",
    CAUSE,
]
CAUSE_IN = [
    "Một số người đứng đầu cơ quan, đơn vị chưa dành thời gian thỏa đáng cho việc chỉ đạo, kiểm tra.",
    "Năng lực chuyên môn của một bộ phận cán bộ, công chức chưa đáp ứng yêu cầu; ý thức trách nhiệm chưa cao.",
    "Kiểm tra, giám sát chưa thường xuyên; việc xử lý trách nhiệm tập thể, cá nhân để xảy ra sai sót chưa nghiêm.",
    "Công chức cấp xã phải kiêm nhiệm nhiều việc nên thời gian dành cho {field} còn ít.",
    "Thông tin, số liệu giữa các ngành và địa phương chưa được trao đổi kịp thời.",
    "Việc sơ kết, rút kinh nghiệm chưa được tổ chức định kỳ ở nhiều đơn vị.",
    CAUSE,
]
DIRECTIVE = [
    "Tiếp tục quán triệt, thực hiện nghiêm {cite_up}; xác định {field} là nhiệm vụ trọng tâm gắn với trách nhiệm người "
    "đứng đầu.",
    "Đẩy mạnh tuyên truyền để cán bộ, đảng viên và Nhân dân hiểu rõ mục đích, ý nghĩa của {field}.",
    once("Rà soát kết quả của từng đơn vị; tập trung chỉ đạo các đơn vị có kết quả thấp như {low}, {low_b}."),
    once("Phấn đấu {by_when}, {measure} toàn huyện đạt {target}."),
    "Ứng dụng công nghệ thông tin trong theo dõi, tổng hợp số liệu; giảm dần việc báo cáo bằng văn bản giấy.",
    "Công khai kết quả của từng đơn vị hằng tháng trên Trang thông tin điện tử của huyện.",
    "Kịp thời biểu dương các tập thể, cá nhân làm tốt; phê bình, xử lý những đơn vị thực hiện không nghiêm.",
    "Bố trí đủ kinh phí, nhân lực cho {field}; ưu tiên trang thiết bị cho các xã còn khó khăn.",
    "Kiểm tra đột xuất tại các cơ quan, đơn vị, tập trung vào những nơi có nhiều phản ánh, kiến nghị.",
    "Bồi dưỡng nghiệp vụ cho đội ngũ cán bộ, công chức trực tiếp làm công tác chuyên môn ở cơ sở.",
    "Tiếp tục {work}{purpose}.",
    once("Duy trì {measure} ở các đơn vị đã đạt từ {goal}% trở lên; không để kết quả sụt giảm so với "
         "{prev_period}."),
    "Chủ động nắm bắt tình hình, kịp thời báo cáo những vấn đề vượt thẩm quyền về UBND huyện để chỉ đạo.",
    "Thực hiện đúng quy định tại {cite_nat} và hướng dẫn của {agency}.",
    "Lồng ghép việc {work} với các chương trình, đề án khác đang triển khai trên địa bàn.",
    DO,
]
ASSIGN = [
    "Giao {dept} chủ trì, phối hợp với {dept_b} {action}, báo cáo UBND huyện (qua {lead}) {deadline}.",
    "{dept} chủ trì, phối hợp với {dept_b} và UBND các xã, thị trấn {action}; hoàn thành {deadline}.",
    "Giao {dept} tham mưu UBND huyện {advice}, trình UBND huyện {deadline}.",
    "Yêu cầu Chủ tịch UBND {low} chỉ đạo khắc phục ngay những hạn chế nêu trên, báo cáo kết quả về UBND huyện "
    "(qua {dept}) {deadline}.",
    "{dept} hướng dẫn các xã, thị trấn {action}, tổng hợp kết quả báo cáo UBND huyện {deadline}.",
    "Giao {dept} theo dõi, đôn đốc việc thực hiện; trước ngày {dom} hằng tháng tổng hợp, báo cáo Chủ tịch UBND huyện.",
    "Giao {dept} phối hợp với {agency} {action}, hoàn thành {period_next}.",
]
REPORT = [
    "Thủ trưởng các phòng, ban, ngành và Chủ tịch UBND các xã, thị trấn báo cáo kết quả về UBND huyện (qua {lead}) "
    "{deadline} để tổng hợp, báo cáo UBND tỉnh.",
    "Định kỳ hằng quý (trước ngày {dom} của tháng cuối quý), các đơn vị báo cáo kết quả về {lead} để tổng hợp.",
    "Báo cáo gửi qua hệ thống quản lý văn bản và điều hành, đồng thời gửi bản mềm vào thư điện tử của {lead}.",
    "Quá thời hạn nêu trên, đơn vị nào chưa báo cáo thì Thủ trưởng đơn vị chịu trách nhiệm trước Chủ tịch UBND huyện.",
]
PROPOSAL = [
    "Đề nghị {agency} hướng dẫn cụ thể cách xác định số liệu {measure}, làm cơ sở để huyện thống nhất thực hiện.",
    "Đề nghị UBND tỉnh xem xét bổ sung {money} để huyện thực hiện {field} trong năm {next_year}.",
    "Kiến nghị {agency} tổ chức tập huấn chuyên sâu cho công chức cấp xã {period_next}.",
    "Đề nghị {agency} sớm nâng cấp phần mềm, khắc phục lỗi đồng bộ dữ liệu giữa các hệ thống.",
    "Đề nghị các doanh nghiệp viễn thông nâng cấp hạ tầng tại các xã xa trung tâm như {commune}, {commune_b}.",
    "Kiến nghị {agency} sửa đổi biểu mẫu báo cáo cho phù hợp với {cite_nat}.",
]
PURPOSE = [
    "Triển khai có hiệu quả {cite_up}, góp phần hoàn thành các chỉ tiêu kinh tế - xã hội năm {year} của huyện.",
    "Xác định rõ nội dung, thời hạn và trách nhiệm của từng cơ quan, đơn vị trong {field}.",
    "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức và Nhân dân đối với {field}.",
    "Triển khai đồng bộ, có trọng tâm, trọng điểm, phù hợp với điều kiện thực tế của từng địa phương.",
    "Tăng cường phối hợp giữa các cơ quan, đơn vị; phát hiện và tháo gỡ kịp thời khó khăn, vướng mắc.",
    "Gắn kết quả thực hiện với thi đua, khen thưởng và đánh giá, xếp loại cán bộ, công chức cuối năm.",
    "Bảo đảm tiết kiệm, hiệu quả, tránh hình thức; huy động sự tham gia của cả hệ thống chính trị.",
]
TARGET = [
    once("{measure} toàn huyện đạt {target}."),
    "100% xã, thị trấn hoàn thành việc {work} {period_next}.",
    once("Phấn đấu có ít nhất {small} xã đạt {measure} từ {goal}% trở lên."),
    once("Không để đơn vị nào có {measure} dưới {floor}%."),
    once("{measure} của khối cơ quan cấp huyện đạt tối thiểu {goal_hi}%, của khối UBND cấp xã đạt tối thiểu "
         "{goal}%."),
]
GENERIC_ASPECTS = ["Công tác tuyên truyền", "Công tác kiểm tra, giám sát", "Công tác thi đua, khen thưởng",
                   "Bố trí kinh phí, nguồn lực", "Công tác chỉ đạo, điều hành", "Ứng dụng công nghệ thông tin"]


def districts() -> dict[tuple[str, str], list[str]]:
    """(province, district) → commune names, from underthesea's pre-2025 units."""
    data = json.loads(resources.files("underthesea.address").joinpath("data/mapping.json").read_text("utf-8"))
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in data["ward_mapping"]:
        if row["old_district"].startswith("Huyện") and row["old_ward"] not in out[(row["old_province"],
                                                                                    row["old_district"])]:
            out[(row["old_province"], row["old_district"])].append(row["old_ward"])
    return {k: v for k, v in out.items() if len(v) >= 5}


def _strip_kind(name: str) -> tuple[str, str]:
    for kind in ("Thị trấn ", "Xã ", "Phường "):
        if name.startswith(kind):
            return kind.strip(), name[len(kind):]
    return "Xã", name


def _num(value: float, decimals: int = 0) -> str:
    """A number as Vietnamese writes it: dots between thousands, a comma before decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _pct(value: float) -> str:
    """A percentage with 0 to 2 decimals, as reports mix them."""
    return _num(value, 0 if value >= 99.95 else 1 if value * 10 % 3 else 2) + "%"


def _day(d: dt.date) -> str:
    """d/m/yyyy with a leading zero on days under 10 and on months 1 and 2 (Nghị định 30, Phụ lục I)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


Row = tuple[float, str, str, str]  # a commune's figure: value, name as the table writes it, figure, plain name


class Dispatch:
    """The state of one dispatch while it is written: its place, date, topic and sentences so far."""

    def __init__(self, rnd: random.Random, province: str, district: str, communes: list[str]) -> None:
        self.rnd = rnd
        self.city = province.startswith("Thành phố")  # a centrally-run city: "UBND thành phố", not "tỉnh"
        self.prov = province.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        self.dist = district.split(" ", 1)[1]
        self.communes = communes
        self.date = dt.date(rnd.randint(2019, 2024), rnd.randint(1, 12), rnd.randint(1, 28))
        self.year = self.date.year
        self.topic = rnd.choice([t for t in TOPICS if min(y for _, y in t.basis) <= self.year])
        self.goal = rnd.choice([70, 75, 80, 85, 90, 95])
        self.seen: set[str] = set()  # sentences already written: none is written twice
        self.uses: dict[str, int] = {}  # template → times used in this dispatch
        self.last = ""  # the template of the last sentence
        self.dead: set[str] = set()  # templates used up: ONCE ones, or those that gave a sentence twice
        self.meeting = ""  # a thông báo's meeting, named in its title and first line
        self.cited = self.date  # the date of the last document cited, for a reply to it
        self.period = self.since()  # the period a báo cáo covers, in its title and its closing
        self.table: list[Row] = []  # the communes' figures in the order of the table
        self.rows: list[Row] = []  # the same, best first

    # --- slot values -------------------------------------------------------------------------------

    def commune(self) -> str:
        kind, bare = _strip_kind(self.rnd.choice(self.communes))
        return f"{kind.lower()} {bare}"

    def set_figures(self, chosen: list[str]) -> None:
        """Draw each chosen commune's figure once: the table and the sentences citing it agree."""
        rnd, t = self.rnd, self.topic
        for name in chosen:
            kind, bare = _strip_kind(name)
            plain = f"{kind.lower()} {bare}"  # as running text names it
            written = (plain if rnd.random() < 0.7 else f"{kind} {bare}") if rnd.random() < 0.85 else bare
            if rnd.random() < 0.3:
                den = rnd.randint(*t.den)
                num = rnd.randint(0, den)
                self.table.append((100 * num / den, written, f"{_num(num)}/{_num(den)} {t.noun}", plain))
            else:
                value = rnd.uniform(0, 100)
                self.table.append((value, written, _pct(value), plain))
        self.rows = sorted(self.table, key=lambda r: -r[0])

    def ranked(self, rows: list[Row], figure: bool) -> str:
        """One of ``rows`` (the best or worst of the table) as running text names it."""
        value, _, _, plain = self.rnd.choice(rows)
        return f"{plain} ({_pct(value)})" if figure else plain

    def past(self, days: int = 400) -> dt.date:
        return self.date - dt.timedelta(days=self.rnd.randint(3, days))

    def future(self) -> dt.date:
        return self.date + dt.timedelta(days=self.rnd.randint(7, 120))

    def deadline(self) -> str:
        """A time limit after the dispatch's date, in the forms offices write."""
        d, r = self.future(), self.rnd.random()
        if r < 0.55:
            return f"trước ngày {_day(d)}"
        if r < 0.65:
            return f"chậm nhất ngày {_day(d)}"
        if r < 0.72:
            return f"trước {self.rnd.choice([10, 11, 16, 17])} giờ 00 ngày {_day(d)}"
        return self.period_next(d)

    def period_next(self, d: dt.date | None = None) -> str:
        d = d or self.future()
        q = ROMAN[(d.month - 1) // 3]
        return self.rnd.choice([f"trong tháng {d.month}/{d.year}", f"trong quý {q}/{d.year}",
                                f"trong quý {q} năm {d.year}", f"trong tháng {d.month} năm {d.year}"])

    def since(self) -> str:
        """A past period the dispatch reports on."""
        m, y = self.date.month, self.year
        options = [f"năm {y - 1}", f"tháng {max(1, m - 1)}/{y}"]
        if m > 3:
            options += [f"quý {ROMAN[(m - 4) // 3]} năm {y}", f"{3 * ((m - 1) // 3)} tháng đầu năm {y}"]
        if m > 6:
            options.append(f"6 tháng đầu năm {y}")
        return self.rnd.choice(options)

    def agency(self) -> str:
        """The province department over the topic, now and then another one (work spans several)."""
        return AGENCIES[self.topic.agency][0] if self.rnd.random() < 0.85 else self.rnd.choice(AGENCIES)[0]

    def cite_local(self, short: bool = False, upper: bool = False, own: bool = False,
                   after: dt.date | None = None) -> str:
        """A provincial or district document as cited in text: only provincial ones if ``upper``,
        only the district's own if ``own``; dated after ``after`` when given (a reply to it)."""
        rnd, d = self.rnd, self.past()
        if after and after < self.date - dt.timedelta(days=2):
            d = after + dt.timedelta(days=rnd.randint(1, min(30, (self.date - after).days - 1)))
        self.cited = d
        n = rnd.randint(12, 4800)
        prov = f"UBND tỉnh {self.prov}"
        kind, symbol, issuer = rnd.choice([x for x in [
            ("Công văn", f"UBND-{rnd.choice(['VP', 'KT', 'NN', 'TH', 'KGVX'])}", prov),
            ("Công văn", f"UBND-{rnd.choice(['VP', 'NV', 'TCKH', 'TNMT', 'VHTT'])}", "UBND huyện"),
            ("Quyết định", "QĐ-UBND", prov), ("Quyết định", "QĐ-UBND", "UBND huyện"),
            ("Kế hoạch", "KH-UBND", prov), ("Kế hoạch", "KH-UBND", "UBND huyện"),
            ("Chỉ thị", "CT-UBND", f"Chủ tịch UBND tỉnh {self.prov}"),
            ("Nghị quyết", "NQ-HĐND", f"HĐND tỉnh {self.prov}"),
            ("Công văn", "", ""),  # a province department: its own symbol
        ] if (x[2] == "UBND huyện") == own or (not own and not upper)])
        if kind == "Chỉ thị":
            n = rnd.randint(1, 40)
        if not symbol:
            name, code = AGENCIES[self.topic.agency] if rnd.random() < 0.9 else rnd.choice(AGENCIES)
            symbol, issuer = f"{code}-{rnd.choice(['VP', 'KHTC', 'QLCL', 'TH', 'NV'])}", name
        if short or rnd.random() < 0.15:
            return f"{kind} {n:02d}/{symbol}" if rnd.random() < 0.5 else f"{kind} số {n:02d}/{symbol}"
        return f"{kind} số {n:02d}/{symbol} ngày {_day(d)} của {issuer}"

    def cite_nat(self) -> str:
        return self.rnd.choice([text for text, since in self.topic.basis if since <= self.year])

    def cite(self, upper: bool = False) -> str:
        return self.cite_local(upper=upper) if self.rnd.random() < 0.65 else self.cite_nat()

    def share(self) -> str:
        lo, hi = self.topic.den
        den = self.rnd.randint(lo, hi)
        return f"{_num(self.rnd.randint(den // 3, den))}/{_num(den)} {self.topic.noun}"

    def slot(self, name: str) -> str:
        """The value of one slot of a template."""
        rnd, t = self.rnd, self.topic
        simple: dict[str, Callable[[], str]] = {
            "commune": self.commune,
            "top": lambda: self.ranked(self.rows[:5], figure=True),
            "low": lambda: self.ranked(self.rows[-5:], figure=False),
            "bottom": lambda: self.ranked(self.rows[-5:], figure=True),
            "leader": lambda: self.ranked(self.rows[:1], figure=False),
            "leader_figure": lambda: f"{t.measure} đạt {_pct(self.rows[0][0])}",
            "mean": lambda: _pct(sum(r[0] for r in self.rows) / len(self.rows)),
            "dept": lambda: rnd.choice(DEPARTMENTS),
            "lead": lambda: t.lead,
            "agency": self.agency,
            "pct": lambda: _pct(rnd.uniform(35, 97)),
            "pct_hi": lambda: _pct(rnd.uniform(max(85.0, self.goal), 100)),
            "pct_lo": lambda: _pct(rnd.uniform(8, self.goal - 15)),
            "pp": lambda: _num(rnd.uniform(0.5, 18), 1),
            "trend": lambda: rnd.choice(["tăng", "tăng", "giảm"]) + f" {_num(rnd.uniform(0.5, 12), 1)} điểm phần trăm",
            "share": self.share,
            "count": lambda: _num(rnd.randint(120, 9000)),
            "small": lambda: f"{rnd.randint(2, 12):02d}",
            "rank": lambda: f"{rnd.randint(2, 20)}/{rnd.randint(21, 25)}",
            "money": lambda: rnd.choice([f"{rnd.randint(150, 990)} triệu đồng",
                                         f"{_num(rnd.uniform(1.1, 28), 2)} tỷ đồng"]),
            "past": lambda: _day(self.past()),
            "past_period": lambda: f"tháng {self.past(200).month}/{self.past(200).year}",
            "deadline": self.deadline,
            "period_next": self.period_next,
            "by_when": lambda: rnd.choice([f"đến hết năm {self.year}", f"đến ngày {_day(self.future())}",
                                           f"đến hết {self.period_next().removeprefix('trong ')}"]),
            "since": self.since,
            "prev_period": lambda: rnd.choice([f"cùng kỳ năm {self.year - 1}", "kỳ báo cáo trước",
                                               f"năm {self.year - 1}"]),
            "dom": lambda: f"{rnd.choice([5, 10, 15, 20, 25]):02d}",
            "cite": self.cite,
            "cite_local": self.cite_local,
            "cite_short": lambda: self.cite_local(short=True),
            "cite_own": lambda: self.cite_local(own=True),
            "cite_reply": lambda: self.cite_local(own=True, after=self.cited),
            "cite_up": lambda: self.cite(upper=True),
            "cite_nat": self.cite_nat,
            "field": lambda: t.field,
            "measure": lambda: t.measure,
            "noun": lambda: t.noun,
            "work": lambda: self.pick(t.works),
            "issue": lambda: self.pick(t.issues),
            "goal": lambda: str(self.goal),
            "goal_hi": lambda: str(min(100, self.goal + rnd.choice([5, 10, 15]))),
            "floor": lambda: str(self.goal - rnd.choice([20, 30, 40])),
            "target": lambda: rnd.choice([f"tối thiểu {self.goal}%", f"từ {self.goal}% trở lên",
                                          f"trên {self.goal}%", f"ít nhất {self.goal}%"]),
            "year": lambda: str(self.year),
            "prev_year": lambda: str(self.year - 1),
            "next_year": lambda: str(self.year + 1),
        }
        return simple[name]() if name in simple else self.pick(PARTS[name])

    def sentence(self, bank: list[str]) -> str:
        """A sentence of ``bank`` with its slots filled, never one already written in this dispatch.

        The template is drawn among the least used so far: a long dispatch goes through the whole
        bank before it uses a template again, as a writer varies phrasing."""
        text, template = "", bank[0]
        for attempt in range(40):
            live = [x for x in bank if x not in self.dead] or [x for x in bank if x in FREE] or list(FREE)
            template = self.pick(live, slack=attempt // 8, count=False)
            text = self.fill(template)
            if text not in self.seen:
                break
            if template not in FREE:
                self.dead.add(template)  # it gave a sentence already written: likely to again, drop it
        self.uses[template] = self.uses.get(template, 0) + 1
        if template in ONCE:
            self.dead.add(template)
        self.last = template
        self.seen.add(text)
        return text

    def pick(self, items: list[str] | tuple[str, ...], slack: int = 0, count: bool = True) -> str:
        """One of ``items``, drawn among the least used in this dispatch (``slack`` widens the draw)."""
        least = min(self.uses.get(x, 0) for x in items) + slack
        item = self.rnd.choice([x for x in items if self.uses.get(x, 0) <= least])
        if count:
            self.uses[item] = self.uses.get(item, 0) + 1
        return item

    def fill(self, template: str) -> str:
        """``template`` with its slots filled."""
        values: dict[str, str] = {}
        for _, key, _, _ in string.Formatter().parse(template):
            if key is None or key in values:
                continue
            base = re.sub(r"_[bc]$", "", key)
            value = self.slot(base)
            # slot_b and slot_c must differ from the slot itself ("xã A và xã A" reads as a slip)
            for _ in range(10):
                if value not in values.values():
                    break
                value = self.slot(base)
            values[key] = value
        text = template.format_map(values)
        # ACTIONS may hold a citation slot of their own; a lead-in may be empty
        if "{" in text:
            text = self.fill(text)
        return _cap(re.sub(r"\s+", " ", text).strip())

    def para(self, bank: list[str], lo: int = 2, hi: int = 4) -> str:
        """A paragraph of ``lo`` to ``hi`` sentences of ``bank``, no template twice in it."""
        left = list(bank)
        out = []
        for _ in range(self.rnd.randint(lo, hi)):
            out.append(self.sentence(left))
            left = [x for x in left if x != self.last or x in FREE] or list(bank)
        return " ".join(out)

    def name(self) -> str:
        rnd = self.rnd
        return f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


# --- body ------------------------------------------------------------------------------------------

OPENING = [
    "Thực hiện {cite_up} về {field}, thời gian qua các cơ quan, đơn vị trên địa bàn huyện đã triển khai nhiều giải "
    "pháp và đạt được một số kết quả bước đầu.",
    "Qua theo dõi của {lead}, tính đến ngày {past}, {measure} toàn huyện mới đạt {pct_lo}, thấp hơn chỉ tiêu đề ra "
    "({goal}%).",
    "Theo {cite_local}, trong {since} {measure} của huyện đạt {pct}, {trend} so với cùng kỳ năm {prev_year}.",
    "Triển khai {cite_nat}, UBND huyện đã ban hành {cite_own} chỉ đạo các cơ quan, đơn vị tổ chức thực hiện.",
]
LEAD_CODES = {"Văn phòng HĐND và UBND huyện": "VP", "Phòng Văn hóa và Thông tin": "VHTT", "Phòng Y tế": "YT",
              "Phòng Nông nghiệp và Phát triển nông thôn": "NN", "Phòng Tài chính - Kế hoạch": "TCKH",
              "Phòng Lao động - Thương binh và Xã hội": "LĐTBXH", "Ban Quản lý dự án đầu tư xây dựng": "BQLDA",
              "Phòng Tài nguyên và Môi trường": "TNMT"}


class Section:
    """A part of the body: a heading (numbered I., II., ...), blocks, and a way to add blocks.

    A block is a list of lines; a numbered section writes "1. ", "2. " before each block's first line.
    It stops growing at ``limit`` blocks.
    ``grow`` makes the next block (given its number) so that a long dispatch has more items in its
    sections rather than more sections; ``weight`` is how often it is picked to grow.
    """

    def __init__(self, heading: str | None, blocks: list[list[str]], grow: Callable[[int], list[str]] | None = None,
                 weight: float = 1.0, numbered: bool = True, intro: str | None = None, limit: int = 10_000) -> None:
        self.heading = heading
        self.limit = limit  # most blocks it grows to: a list of proposals or targets stays short
        self.blocks = blocks
        self.grow = grow
        self.weight = weight
        self.numbered = numbered
        self.intro = intro

    def add(self) -> int:
        """Append one block; the characters it added."""
        assert self.grow is not None
        block = self.grow(len(self.blocks) + 1)
        self.blocks.append(block)
        return sum(len(x) + 1 for x in block)

    def lines(self, roman: str | None) -> list[str]:
        out = [f"{roman}. {self.heading.upper()}"] if roman and self.heading else []
        out += [self.intro] if self.intro else []
        for i, block in enumerate(self.blocks, start=1):
            out += [f"{i}. {block[0]}", *block[1:]] if self.numbered else block
        return out


class Shortfalls(Section):
    """Tồn tại, hạn chế and Nguyên nhân (khách quan, chủ quan): three lists that grow apart."""

    def __init__(self, w: Dispatch, weight: float) -> None:
        super().__init__("Tồn tại, hạn chế và nguyên nhân", [], self._grow, weight)
        self.w = w
        self.lists: list[tuple[list[str], list[str]]] = [
            ([w.sentence(SHORTCOMING) for _ in range(2)], SHORTCOMING),
            ([w.sentence(CAUSE_OUT)], CAUSE_OUT), ([w.sentence(CAUSE_IN)], CAUSE_IN)]

    def _grow(self, _: int) -> list[str]:
        items, bank = self.w.rnd.choices(self.lists, weights=[3, 1, 1])[0]
        items.append(self.w.sentence(bank))
        return [items[-1]]

    def add(self) -> int:
        return len(self._grow(0)[0]) + 3  # "- " and the line break

    def lines(self, roman: str | None) -> list[str]:
        (flaws, _), (outer, _), (inner, _) = self.lists
        return [f"{roman}. {(self.heading or '').upper()}", "1. Tồn tại, hạn chế", *("- " + x for x in flaws),
                "2. Nguyên nhân", "a) Nguyên nhân khách quan", *("- " + x for x in outer),
                "b) Nguyên nhân chủ quan", *("- " + x for x in inner)]


def commune_figures(w: Dispatch) -> list[str]:
    """The per-commune figures: one long line, or groups by level as reports present them."""
    rnd, t = w.rnd, w.topic
    rows = w.table
    if rnd.random() < 0.4:
        items = [f"{c} {f}" if f.endswith("%") else f"{c} ({f})" for _, c, f, _ in rows]
        return [f"Kết quả {t.measure} của các xã, thị trấn: " + "; ".join(items) + "."]
    mean = sum(r[0] for r in rows) / len(rows)
    low = max(10, w.goal - 30)
    out = [f"{_cap(t.measure)} bình quân của khối UBND cấp xã đạt {_pct(mean)}, cụ thể:"]
    groups = [([r for r in rows if r[0] >= w.goal], f"đạt từ {w.goal}% trở lên, gồm: "),
              ([r for r in rows if low <= r[0] < w.goal], f"đạt từ {low}% đến dưới {w.goal}%: "),
              ([r for r in rows if r[0] < low], f"chưa đạt {low}%: ")]
    for members, lead in groups:
        if members:
            members.sort(key=lambda r: -r[0])
            items = [f"{c} ({f})" if f.endswith("%") else f"{c} ({f}, đạt {_pct(v)})" for v, c, f, _ in members]
            out.append(f"- {len(members):02d} đơn vị {lead}" + ", ".join(items) + ".")
    return out


def assignments(w: Dispatch, k: int) -> list[str]:
    """Tasks to ``k`` different departments, each with a time limit (and a partner, not itself)."""
    out = []
    for dept in w.rnd.sample(DEPARTMENTS, k=k):
        partner = w.rnd.choice([d for d in DEPARTMENTS if d != dept])
        out.append(w.fill(w.pick(ASSIGN[:5]).replace("{dept}", dept).replace("{dept_b}", partner)))
    return out


def aspects(w: Dispatch) -> list[str]:
    """Sub-headings for one section, each once: the topic's own, those every area has, its works."""
    items = [*w.topic.aspects, *GENERIC_ASPECTS, *(_cap(x) for x in w.topic.works)]
    items = [x for i, x in enumerate(items) if x not in items[:i]]
    w.rnd.shuffle(items)
    return items


def aspect_block(w: Dispatch, bank: list[str], heads: list[str]) -> list[str]:
    """A sub-heading and its paragraph, sometimes with dashes or a), b) items under it; once the
    sub-headings are used up, a plain paragraph (a section does not repeat a heading)."""
    rnd = w.rnd
    if not heads:
        return [w.para(bank, 1, 3)]
    block = [heads.pop(0), w.para(bank, 2, 4)]
    r = rnd.random()
    if r < 0.3:
        block += ["- " + w.sentence(bank) for _ in range(rnd.randint(2, 4))]
    elif r < 0.45:
        block += [f"{'abcd'[i]}) {w.sentence(bank)}" for i in range(rnd.randint(2, 3))]
    return block


Body = tuple[list[str], list[Section], list[str]]  # opening lines, sections, closing lines


def body_report(w: Dispatch, recipient: str) -> Body:
    """Báo cáo: direction, results (with the communes), shortcomings and causes, tasks, proposals."""
    rnd = w.rnd
    opening = [f"Thực hiện {w.cite_local(upper=True)} về việc báo cáo kết quả {w.topic.field}, UBND huyện {w.dist} "
               "báo cáo như sau:"]
    heads = aspects(w)
    sections = [
        Section("Công tác chỉ đạo, triển khai", [[w.sentence(DIRECTION)]], lambda i: [w.para(DIRECTION, 1, 3)], 1),
        Section("Kết quả thực hiện", [[f"{_cap(w.topic.measure)} của các xã, thị trấn", *commune_figures(w)]],
                lambda i: aspect_block(w, RESULT, heads), 3),
        Shortfalls(w, 1.5),
        Section("Nhiệm vụ, giải pháp trong thời gian tới",
                [[x] for x in rnd.sample([w.sentence(DIRECTIVE), *assignments(w, 4)], k=5)],
                lambda i: [w.sentence(DIRECTIVE if rnd.random() < 0.7 else ASSIGN)], 2),
        Section("Đề xuất, kiến nghị", [[w.sentence(PROPOSAL)]], lambda i: [w.sentence(PROPOSAL)], 0.4, limit=4),
    ]
    closing = [f"Trên đây là báo cáo kết quả {w.topic.field} {w.period} của UBND huyện {w.dist}, kính báo cáo "
               f"{recipient} xem xét, chỉ đạo./."]
    return opening, sections, closing


def body_plan(w: Dispatch, recipient: str) -> Body:
    """Kế hoạch: bases, purpose, last year's results, targets, tasks, funding, who does what."""
    rnd = w.rnd
    opening = [f"Căn cứ {w.cite_nat()};", f"Căn cứ {w.cite_local(upper=True)};",
               f"Căn cứ kết quả {w.topic.field} năm {w.year - 1} trên địa bàn huyện,",
               f"UBND huyện {w.dist} ban hành Kế hoạch {w.topic.field} năm {w.year} như sau:"]
    heads = aspects(w)
    who = rnd.sample([d for d in DEPARTMENTS if d != w.topic.lead], k=3) + [w.topic.lead]
    rnd.shuffle(who)
    spare = [d for d in DEPARTMENTS if d not in who]
    rnd.shuffle(spare)

    def duty(dept: str) -> list[str]:
        partner = rnd.choice([d for d in DEPARTMENTS if d != dept])
        template = w.pick([ASSIGN[1], ASSIGN[2], ASSIGN[4], ASSIGN[5]])
        first = w.fill(template.replace("{dept}", dept).replace("{dept_b}", partner))
        return [f"{dept}:", "- " + first, *("- " + w.sentence(DIRECTIVE) for _ in range(rnd.randint(0, 2)))]

    communes = ["UBND các xã, thị trấn:", "- " + w.sentence(DIRECTIVE), "- " + w.sentence(REPORT)]
    sections = [
        Section("Mục đích, yêu cầu", [["Mục đích", *("- " + w.sentence(PURPOSE) for _ in range(2))],
                                       ["Yêu cầu", *("- " + w.sentence(PURPOSE) for _ in range(2))]]),
        Section(f"Kết quả thực hiện năm {w.year - 1}", [[w.para(CONTEXT, 1, 2), *commune_figures(w)]],
                lambda i: [w.para(RESULT + SHORTCOMING, 2, 4)], 1, numbered=False),
        Section(f"Chỉ tiêu năm {w.year}", [[w.sentence(TARGET)] for _ in range(2)],
                lambda i: [w.sentence(TARGET)], 0.3, limit=5),
        Section("Nhiệm vụ, giải pháp", [aspect_block(w, DIRECTIVE, heads)],
                lambda i: aspect_block(w, DIRECTIVE, heads) + ([w.sentence(ASSIGN)] if rnd.random() < 0.4 else []), 3),
        Section("Kinh phí thực hiện", [[f"Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm "
                                        f"{w.year} của các cơ quan, đơn vị (dự kiến {w.slot('money')}); các xã, thị "
                                        "trấn chủ động cân đối từ ngân sách cấp xã và các nguồn huy động hợp pháp "
                                        "khác."]], numbered=False),
        Section("Tổ chức thực hiện", [duty(d) for d in who] + [communes], lambda i: duty(spare.pop()), 1.2,
                limit=len(who) + 1 + len(spare)),
    ]
    closing = [f"Quá trình triển khai, nếu phát sinh khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị phản ánh về UBND "
               f"huyện (qua {w.topic.lead}) để được hướng dẫn, giải quyết./."]
    return opening, sections, closing


def body_notice(w: Dispatch, recipient: str) -> Body:
    """Thông báo kết luận: the meeting, the assessment, then tasks by area with a), b) items."""
    rnd = w.rnd
    when = _day(w.date - dt.timedelta(days=rnd.randint(1, 6)))
    chair = rnd.choice(["Chủ tịch", "Phó Chủ tịch"])
    opening = [f"Ngày {when}, đồng chí {w.name()}, {chair} UBND huyện chủ trì cuộc họp {w.meeting}. Dự họp có lãnh "
               "đạo các phòng, ban, ngành cấp huyện và Chủ tịch UBND các xã, thị trấn.",
               f"Sau khi nghe {w.topic.lead} báo cáo và ý kiến của các đại biểu, đồng chí {chair} UBND huyện kết luận "
               "như sau:"]
    heads = aspects(w)
    fixed = assignments(w, 4)

    def area(i: int, tasks: list[str] | None = None) -> list[str]:
        if not heads:  # areas used up: further items are short paragraphs
            return [w.para(DIRECTIVE, 1, 2) + (" " + w.sentence(ASSIGN) if rnd.random() < 0.4 else "")]
        heading = heads.pop(0)
        items = [w.sentence(DIRECTIVE) for _ in range(rnd.randint(1, 2))] + (tasks or [])
        if not tasks and rnd.random() < 0.5:
            items.append(w.sentence(ASSIGN))
        head = f"Về {heading[0].lower()}{heading[1:]}"
        return [head, items[0]] if len(items) == 1 else [head, *(f"{'abcdef'[k]}) {x}" for k, x in enumerate(items))]

    flaw = w.sentence(SHORTCOMING)
    sections = [
        Section("Đánh giá chung", [[w.para(CONTEXT + RESULT, 2, 3), *commune_figures(w)],
                                   [f"Tuy nhiên, {flaw[0].lower()}{flaw[1:]}" if not flaw.startswith("Tuy") else flaw]],
                lambda i: [w.para(RESULT + SHORTCOMING + CAUSE_IN, 2, 4)], 1.5, numbered=False),
        Section("Nhiệm vụ trọng tâm trong thời gian tới", [area(1, fixed[:2]), area(2, fixed[2:])], area, 3),
    ]
    closing = [f"Giao {w.topic.lead} theo dõi, đôn đốc việc thực hiện các nội dung trên, báo cáo kết quả tại cuộc họp "
               "giao ban tháng sau.",
               "Văn phòng HĐND và UBND huyện thông báo ý kiến kết luận để các cơ quan, đơn vị, địa phương biết, tổ "
               "chức thực hiện./."]
    return opening, sections, closing


def body_letter(w: Dispatch, recipient: str) -> Body:
    """Công văn: the situation in plain paragraphs, then numbered requests, no Roman sections."""
    rnd = w.rnd
    opening = [w.sentence(OPENING) + " " + w.sentence(CONTEXT)]
    heads = aspects(w)
    situation = Section(None, [commune_figures(w), [w.para(SHORTCOMING + CAUSE_IN, 2, 3)]],
                        lambda i: [w.para(rnd.choice([RESULT, SHORTCOMING, CAUSE_IN, CAUSE_OUT]), 2, 4)],
                        1.5, numbered=False)
    requests = Section(None, [[x] for x in rnd.sample([w.sentence(DIRECTIVE), w.sentence(DIRECTIVE),
                                                      *assignments(w, 4)], k=6)] + [[w.sentence(REPORT)]],
                       lambda i: aspect_block(w, DIRECTIVE, heads) if rnd.random() < 0.3
                       else [w.para(DIRECTIVE, 1, 2) + (" " + w.sentence(ASSIGN) if rnd.random() < 0.3 else "")], 2,
                       intro=rnd.choice(["Để khắc phục những hạn chế nêu trên, Chủ tịch UBND huyện yêu cầu:",
                                         "UBND huyện đề nghị các cơ quan, đơn vị tập trung thực hiện một số nội dung "
                                         "sau:",
                                         f"Để hoàn thành chỉ tiêu năm {w.year}, UBND huyện yêu cầu:"]))
    closing = [rnd.choice([
        "Đây là nhiệm vụ trọng tâm trong thời gian tới, đề nghị Thủ trưởng các cơ quan, đơn vị và Chủ tịch UBND các "
        "xã, thị trấn khẩn trương triển khai thực hiện./.",
        "UBND huyện yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc tổ chức thực hiện./.",
        f"Nhận được Công văn này, đề nghị các đơn vị triển khai thực hiện; quá trình thực hiện có vướng mắc, phản ánh "
        f"về {w.topic.lead} để tổng hợp, báo cáo UBND huyện xem xét./.",
    ])]
    return opening, [situation, requests], closing


# each type's body; the recipient (Kính gửi of a báo cáo) is named in the closing of a báo cáo only
BODIES: dict[str, Callable[[Dispatch, str], Body]] = {
    "CV": body_letter, "BC": body_report, "KH": body_plan, "TB": body_notice}
WEIGHTS = {"CV": 3, "BC": 3, "KH": 2, "TB": 2}  # how often each type is drawn


# --- the dispatch ----------------------------------------------------------------------------------


def dispatch(rnd: random.Random, province: str, district: str, communes: list[str], serial: int) -> str:
    """One dispatch as plain text, one line per paragraph as a word processor saves it.

    ``serial`` (the file's index) is accepted for callers; the text depends only on ``rnd``."""
    w = Dispatch(rnd, province, district, communes)
    t, y = w.topic, w.year
    code = rnd.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    title = dict(TYPES)[code]
    lead_code = LEAD_CODES.get(t.lead, "VP")
    symbol = f"{code}-UBND" if code != "CV" else f"UBND-{lead_code}"
    month = f"{w.date.month:02d}" if w.date.month <= 2 else str(w.date.month)
    # Nghị định 30 writes numbers under 10 with a leading zero
    lines = ["ỦY BAN NHÂN DÂN", f"HUYỆN {w.dist.upper()}", f"Số: {rnd.randint(1, 3000):02d}/{symbol}"]
    recipients: list[str] = []
    recipient = ""
    if code == "CV":
        lines.append(rnd.choice([f"V/v tăng cường {t.field}", f"V/v đôn đốc nâng cao {t.measure} năm {y}",
                                 f"V/v chấn chỉnh, nâng cao hiệu quả {t.field}",
                                 f"V/v triển khai một số nhiệm vụ về {t.field} {w.period_next()}"]))
    lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              f"{w.dist}, ngày {w.date.day:02d} tháng {month} năm {y}"]
    if code == "CV":
        recipients = (["Thủ trưởng các phòng, ban, ngành cấp huyện;", "Chủ tịch UBND các xã, thị trấn."]
                      if rnd.random() < 0.6 else ["Chủ tịch UBND các xã, thị trấn."])
        lines += ([f"Kính gửi: {recipients[0]}"] if len(recipients) == 1
                  else ["Kính gửi:", *("- " + r for r in recipients)])
    elif code == "BC":
        recipient = f"UBND tỉnh {w.prov}" if rnd.random() < 0.5 else AGENCIES[t.agency][0]
        lines += [title, f"Kết quả thực hiện {t.field} {w.period}", f"Kính gửi: {recipient}."]
    elif code == "KH":
        verb = rnd.choice(["Triển khai", "Đẩy mạnh", "Nâng cao hiệu quả", "Tăng cường"])
        lines += [title, f"{verb} {t.field} trên địa bàn huyện năm {y}"]
    else:
        w.meeting = rnd.choice([f"đánh giá tiến độ {t.field} {w.since()}",
                                f"giao ban công tác tháng {w.date.month}/{y}",
                                f"bàn giải pháp nâng cao {t.measure} năm {y}"])
        lines += [title, f"Kết luận của lãnh đạo UBND huyện tại cuộc họp {w.meeting}"]
    w.set_figures(rnd.sample(communes, k=min(len(communes), rnd.randint(5, 60))))
    opening, sections, closing = BODIES[code](w, recipient)
    # grow the sections to the length drawn: 1 to 10 pages, each ~PAGE characters
    size = sum(len(x) + 1 for x in lines + opening + closing)
    size += sum(len(x) + 1 for s in sections for x in s.lines("I"))
    target = rnd.randint(1, 10) * PAGE
    while size < target:
        growing = [s for s in sections if s.grow and len(s.blocks) < s.limit]
        size += rnd.choices(growing, weights=[s.weight for s in growing])[0].add()
    lines += opening
    roman = iter(ROMAN)
    for s in sections:
        lines += s.lines(next(roman) if s.heading else None)
    lines += closing
    # Nơi nhận, then the signature block
    lines += ["Nơi nhận:"]
    if recipients or recipient:
        lines.append("- Như trên;")
    lines.append(f"- UBND tỉnh {w.prov} (b/c);" if code != "BC" else f"- {AGENCIES[9][0]} (b/c);")
    if rnd.random() < 0.6:
        lines.append("- TT Huyện ủy, TT HĐND huyện (b/c);")
    lines.append("- Chủ tịch, các PCT UBND huyện;")
    if code in ("KH", "TB"):
        lines += ["- Các phòng, ban, ngành cấp huyện;", "- UBND các xã, thị trấn;"]
    if rnd.random() < 0.3:
        lines.append("- Cổng Thông tin điện tử huyện;")
    lines.append(f"- Lưu: VT, {lead_code}.")
    if code == "TB" and rnd.random() < 0.7:
        lines += ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
    elif rnd.random() < 0.3:
        lines += ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    else:
        lines += ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    if rnd.random() < 0.2:
        lines.append("(Đã ký)")
    lines.append(w.name())
    text = "\n".join(lines) + "\n"
    if w.city:  # the five centrally-run cities have a "UBND thành phố" and "HĐND thành phố" above the district
        for level in ("UBND", "HĐND", "trong", "ngân sách"):
            text = text.replace(f"{level} tỉnh", f"{level} thành phố")
    return text


# --- PDF -------------------------------------------------------------------------------------------

_fixtures: ModuleType | None = None


def _pdf_renderer() -> ModuleType:
    """tests/fixtures/make_fixtures.py, imported by path: its Parts and make_pdf lay out the PDFs.

    Loaded on the first PDF only, so reportlab is needed only when --pdf is asked."""
    global _fixtures
    if _fixtures is None:
        path = ROOT / "tests" / "fixtures" / "make_fixtures.py"
        spec = importlib.util.spec_from_file_location("vbminer_make_fixtures", path)
        assert spec and spec.loader, path
        _fixtures = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_fixtures)
    return _fixtures


def render_pdf(text: str, path: Path) -> None:
    """Lay ``text`` out as offices print it: two-column header, justified body, signature table."""
    fx = _pdf_renderer()
    fx.make_pdf(fx.Parts(fx.normalize_text(text)), path)


# --- driver ----------------------------------------------------------------------------------------


@dataclass
class Totals:
    """What a run wrote, for the closing summary."""

    dispatches: int = 0
    pdfs: int = 0
    chars: int = 0
    bytes: int = 0


def pdf_folder(out: Path) -> Path:
    """Where the PDFs go by default: beside ``out``, so that an ingest of ``out`` reads .txt only."""
    return out.with_name(out.name + "-pdf")


def generate(out: Path, n: int, seed: int, pdf: int = 0, pdf_dir: Path | None = None,
             totals: Totals | None = None) -> Iterator[Path]:
    """Write ``n`` dispatches as OUT/0000000.txt ... and the first ``pdf`` of them as PDFs too.

    Yields each path as soon as its file is written (a .txt, then its PDF if any); the same seed
    gives the same files."""
    rnd = random.Random(seed)
    places = sorted(districts().items())
    out.mkdir(parents=True, exist_ok=True)
    pdf_dir = pdf_dir or pdf_folder(out)
    if pdf:
        pdf_dir.mkdir(parents=True, exist_ok=True)
    totals = totals if totals is not None else Totals()
    for i in range(n):
        (province, district), communes = rnd.choice(places)
        text = dispatch(rnd, province, district, communes, i)
        path = out / f"{i:07d}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        totals.dispatches += 1
        totals.chars += len(text)
        totals.bytes += len(data)
        yield path
        if i < pdf:
            target = pdf_dir / f"{i:07d}.pdf"
            render_pdf(text, target)
            totals.pdfs += 1
            totals.bytes += target.stat().st_size
            yield target


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf", type=int, default=0, metavar="K", help="also render the first K dispatches to PDF")
    parser.add_argument("--pdf-dir", type=Path, default=None, help="where the PDFs go (default: OUT-pdf beside OUT)")
    args = parser.parse_args()
    totals = Totals()
    files = sum(1 for _ in generate(args.out, args.n, args.seed, args.pdf, args.pdf_dir, totals))
    mean = totals.chars / totals.dispatches if totals.dispatches else 0
    print(f"wrote {files} files ({totals.dispatches} dispatches to {args.out}, {totals.pdfs} PDFs"
          f"{' to ' + str(args.pdf_dir or pdf_folder(args.out)) if totals.pdfs else ''}), {totals.bytes / 1e6:.1f} MB; "
          f"mean {mean:,.0f} characters per dispatch (~{mean / PAGE:.1f} pages)")


if __name__ == "__main__":
    main()
