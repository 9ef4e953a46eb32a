"""Generate realistic district dispatches for benchmarks (run by hand; never part of the tests).

    python benchmarks/generate.py OUT_DIR [-n 10000] [--seed 1]

Each file is a dispatch of a district People's Committee (UBND huyện) in the layout of Nghị định
30/2020/NĐ-CP: a công văn, báo cáo, kế hoạch or thông báo with real commune names of one district
(from underthesea's administrative-unit data), 5 to 60 communes with figures, citations, deadlines,
assignments to departments, and a body of 1 to 10 pages. Files are written as they are made, so
any N fits in memory.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

DEPARTMENTS = [
    "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Tài nguyên và Môi trường", "Phòng Tư pháp",
    "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa và Thông tin",
    "Phòng Lao động - Thương binh và Xã hội", "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Thanh tra huyện",
    "Văn phòng HĐND và UBND huyện", "Trung tâm Văn hóa - Thể thao và Truyền thông", "Ban Quản lý dự án đầu tư xây dựng",
]
MEASURES = ["tỷ lệ hồ sơ trực tuyến", "tỷ lệ văn bản ký số", "tỷ lệ tiêm phòng", "tỷ lệ thu thuế",
            "tỷ lệ tham gia bảo hiểm y tế", "tỷ lệ giải ngân vốn đầu tư công"]
TYPES = [("CV", "Công văn"), ("BC", "BÁO CÁO"), ("KH", "KẾ HOẠCH"), ("TB", "THÔNG BÁO")]
FILLER = (
    "Trong thời gian qua, các cơ quan, đơn vị đã quan tâm triển khai thực hiện nhiệm vụ được giao, bám sát chỉ "
    "đạo của cấp trên, chủ động tham mưu giải quyết các vấn đề phát sinh; tuy nhiên vẫn còn một số hạn chế như công "
    "tác phối hợp chưa chặt chẽ, việc cập nhật số liệu chưa kịp thời, chất lượng báo cáo ở một số nơi chưa đáp ứng "
    "yêu cầu."
)


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


def dispatch(rnd: random.Random, province: str, district: str, communes: list[str], serial: int) -> str:
    prov = province.split(" ", 1)[1] if province.startswith(("Tỉnh", "Thành phố")) else province
    dist = district.split(" ", 1)[1]
    code, title = rnd.choice(TYPES)
    year = rnd.randint(2019, 2024)
    month, day = rnd.randint(1, 12), rnd.randint(1, 28)
    symbol = f"{code}-UBND" if code != "CV" else f"UBND-{rnd.choice(['VP', 'NV', 'TCKH', 'TNMT'])}"
    measure = rnd.choice(MEASURES)
    lines = ["ỦY BAN NHÂN DÂN", f"HUYỆN {dist.upper()}", f"Số: {rnd.randint(1, 3000)}/{symbol}"]
    if code == "CV":
        lines.append(f"V/v đôn đốc nâng cao {measure} năm {year}")
    lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              f"{dist}, ngày {day:02d} tháng {month:02d} năm {year}"]
    if code != "CV":
        lines += [title, f"Kết quả thực hiện {measure} trên địa bàn huyện năm {year}"]
    else:
        lines.append("Kính gửi: Chủ tịch UBND các xã, thị trấn.")
    lines.append(
        f"Thực hiện Chỉ thị số {rnd.randint(1, 40):02d}/CT-UBND ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year} "
        f"của Chủ tịch UBND tỉnh {prov} và Kế hoạch số {rnd.randint(10, 500)}/KH-UBND ngày "
        f"{rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year} của UBND huyện, UBND huyện thông báo kết quả như sau:"
    )
    chosen = rnd.sample(communes, k=min(len(communes), rnd.randint(5, 60)))
    items = []
    for name in chosen:
        kind, bare = _strip_kind(name)
        if rnd.random() < 0.3:
            den = rnd.randint(50, 1500)
            items.append(f"{kind} {bare} ({rnd.randint(0, den)}/{den:,} hồ sơ)".replace(",", "."))
        else:
            items.append(f"{kind} {bare} {rnd.uniform(0, 100):.2f}%".replace(".", ","))
    lines.append(f"1. Kết quả {measure} của các xã, thị trấn: " + "; ".join(items) + ".")
    pages = rnd.randint(1, 10)
    while sum(len(x) for x in lines) < pages * 3000:
        lines.append(FILLER)
    for k, dept in enumerate(rnd.sample(DEPARTMENTS, k=4), start=2):
        partner = rnd.choice(DEPARTMENTS)
        lines.append(
            f"{k}. Giao {dept} chủ trì, phối hợp với {partner} và UBND các xã, thị trấn rà soát, tổng hợp số liệu, "
            f"báo cáo UBND huyện (qua Văn phòng HĐND và UBND huyện) trước ngày {rnd.randint(1, 28)}/"
            f"{rnd.randint(1, 12)}/{year}."
        )
    lines.append(f"Phấn đấu đến hết năm {year}, {measure} của mỗi xã đạt tối thiểu {rnd.choice([70, 80, 90])}%./.")
    lines += ["Nơi nhận:", "- Như trên;", f"- UBND tỉnh {prov} (b/c);", "- Chủ tịch, các PCT UBND huyện;",
              "- Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
              rnd.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hồ Sỹ Đức"])]
    return "\n".join(lines) + "\n"


def generate(out: Path, n: int, seed: int) -> Iterator[Path]:
    rnd = random.Random(seed)
    places = sorted(districts().items())
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (province, district), communes = rnd.choice(places)
        path = out / f"{i:07d}.txt"
        path.write_text(dispatch(rnd, province, district, communes, i), encoding="utf-8")
        yield path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    count = sum(1 for _ in generate(args.out, args.n, args.seed))
    print(f"wrote {count} dispatches to {args.out}")


if __name__ == "__main__":
    main()
