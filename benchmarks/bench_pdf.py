"""Time vbminer's layout-aware PDF reading beside pdfplumber's own extract_text (run by hand).

    python benchmarks/bench_pdf.py [PDF or FOLDER ...] [--repeat N]

PATH defaults to tests/fixtures/lo_pdf. Both sides open the same bytes with pdfplumber; vbminer's
reader (``vbminer.readers.pdf.read_pdf``, OCR off: a page without text would otherwise be
rendered and read by Tesseract, which is another cost) also groups words into lines, keeps the
header's columns apart, drops running headers and joins paragraphs. Target: at most 1.5x.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def plain(data: bytes) -> str:
    """pdfplumber's own text: every page's extract_text."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tests" / "fixtures" / "lo_pdf"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from vbminer.read import sha256
    from vbminer.readers.pdf import read_pdf

    files = sorted(f for p in args.paths for f in (p.rglob("*.pdf") if p.is_dir() else [p]))
    blobs = [(f, f.read_bytes()) for f in files]
    plain(blobs[0][1])  # imports and first-use costs outside the timings
    read_pdf(blobs[0][1], str(blobs[0][0]), sha256(blobs[0][1]), ocr=False)
    ours = theirs = 0.0
    pages = 0
    for f, data in blobs:
        best_o = best_t = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            raw = read_pdf(data, str(f), sha256(data), ocr=False)
            t1 = time.perf_counter()
            plain(data)
            t2 = time.perf_counter()
            best_o, best_t = min(best_o, t1 - t0), min(best_t, t2 - t1)
        ours += best_o
        theirs += best_t
        pages += raw.source.pages or 0
        print(f"{f.name:<60} vbminer {best_o * 1000:7.1f} ms  pdfplumber {best_t * 1000:7.1f} ms  "
              f"{best_o / best_t:5.2f}x")
    print(f"{len(blobs)} PDFs, {pages} pages: vbminer {ours:.3f} s, pdfplumber extract_text {theirs:.3f} s, "
          f"ratio {ours / theirs:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
