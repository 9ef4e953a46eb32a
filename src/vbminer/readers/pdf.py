"""Read PDF dispatches with pdfplumber, keeping the printed columns of the header and signature apart.

A dispatch printed from Word has a two-column header (issuer, ``Số:`` and ``V/v`` on the left;
Quốc hiệu, Tiêu ngữ and the place-date line on the right) and a two-column signature block
(``Nơi nhận:`` left, the signer right). Reading a page line by line interleaves them. This reader
takes the words with their positions, groups them into printed lines, and cuts each line into runs
where a wide gap separates two columns. A *zone* is a stretch of lines whose runs share one gap
(the space between the two columns); inside a zone the left column is given first, line by line,
then the right one. Everything else is read across the full width.

Page headers and footers (text repeated at the top or bottom of several pages) and page numbers
are dropped. Lines of one paragraph (a line that runs to the right margin followed by one that
starts at the left margin) are joined. Vietnamese does not hyphenate syllables: a soft hyphen at a
line end is dropped, and a compound broken after its hyphen (``kinh tế-`` / ``xã hội``) is joined
without a space.

Pages without a text layer go through OCR (:mod:`vbminer.readers.ocr`) unless it is turned off.
Words set in legacy fonts (``.VnTime``, ``VNI-Times``) are converted to Unicode by font name;
other text is checked for legacy look-alikes as a whole (:mod:`vbminer.readers.legacy`).
"""

from __future__ import annotations

import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import rules
from ..types import RawText, Source
from . import legacy
from . import ocr as ocr_mod

#: Two words further apart than this many times the font size belong to different columns.
COLUMN_GAP_EM = 1.5
#: Lines this far (in line heights) below the last line of a zone no longer extend it.
ZONE_PITCH = 1.75
#: Top and bottom bands of a page (fraction of its height) where running headers and page numbers sit.
MARGIN_BAND = 0.1
#: A page with fewer words than this has no usable text layer.
MIN_WORDS = 3

_PAGE_NUMBER = regex.compile(r"^(?:[-–—]\s*)?(?:(?:Trang|trang|Page)\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$")
_HYPHEN_END = regex.compile(r"(?<=\p{L})-$")


class PdfError(ValueError):
    """The PDF cannot be opened (damaged, encrypted ...)."""


@dataclass
class Word:
    """One word as printed: its box, font size and font name."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""


@dataclass
class Line:
    """Words printed on one baseline, cut into runs at column gaps."""

    words: list[Word]
    runs: list[list[Word]] = field(default_factory=list)
    page: int = 0

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Out:
    """A line of output text with the geometry the paragraph joiner needs."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int
    in_zone: bool


def run_text(run: list[Word]) -> str:
    return " ".join(w.text for w in run)


def group_lines(words: list[Word], page: int = 0) -> list[Line]:
    """Words → printed lines (by vertical position), each cut into runs at column-wide gaps."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            last = lines[-1]
            first = last.words[0]
            middle = (w.top + w.bottom) / 2
            if abs(w.top - first.top) <= 0.45 * min(w.size, first.size) or (
                first.top <= middle <= first.bottom and w.bottom - w.top < first.bottom - first.top
            ):
                last.words.append(w)
                continue
        lines.append(Line(words=[w], page=page))
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
        runs: list[list[Word]] = [[ln.words[0]]]
        for prev, w in zip(ln.words, ln.words[1:], strict=False):
            if w.x0 - prev.x1 > COLUMN_GAP_EM * max(prev.size, w.size):
                runs.append([w])
            else:
                runs[-1].append(w)
        ln.runs = runs
    return lines


def _side(ln: Line, gap: tuple[float, float]) -> str | None:
    """Which column of a zone with column gap ``gap`` a one-run line sits in ("left"/"right"), if any."""
    a, b = gap
    tol = 0.5 * ln.size
    left = ln.x1 <= b + tol
    right = ln.x0 >= a - tol
    if left and right:
        return "left" if (ln.x0 + ln.x1) / 2 < (a + b) / 2 else "right"
    return "left" if left else "right" if right else None


def _overlap(g1: tuple[float, float], g2: tuple[float, float]) -> tuple[float, float] | None:
    a, b = max(g1[0], g2[0]), min(g1[1], g2[1])
    return (a, b) if b > a else None


def _pitch(lines: list[Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if 0 < b.top - a.top]
    return statistics.median(gaps) if gaps else 16.0


def find_zones(lines: list[Line]) -> list[tuple[int, int, tuple[float, float]]]:
    """Stretches ``[start, end)`` of lines printed in two columns, with their shared column gap."""
    pitch = _pitch(lines)
    zones: list[tuple[int, int, tuple[float, float]]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if len(ln.runs) != 2:
            i += 1
            continue
        gap: tuple[float, float] = (ln.runs[0][-1].x1, ln.runs[1][0].x0)
        start, end, last_pair = i, i + 1, i
        pairs = 1
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.top - lines[j - 1].top > ZONE_PITCH * pitch and j > last_pair + 0:
                # a wide blank: the zone can only go on if two columns continue right after it
                if len(nxt.runs) != 2 or _overlap(gap, (nxt.runs[0][-1].x1, nxt.runs[1][0].x0)) is None:
                    break
            if len(nxt.runs) == 2:
                both = _overlap(gap, (nxt.runs[0][-1].x1, nxt.runs[1][0].x0))
                if both is None:
                    break
                gap = both
                last_pair = j
                pairs += 1
            elif len(nxt.runs) == 1:
                if _side(nxt, gap) is None:
                    break
            else:
                break
            j += 1
            end = j
        # lines just above the first two-column line that sit in one column belong to the zone too
        while start > 0 and len(lines[start - 1].runs) == 1 and _side(lines[start - 1], gap) is not None \
                and lines[start].top - lines[start - 1].top <= ZONE_PITCH * pitch:
            if zones and start - 1 < zones[-1][1]:
                break
            start -= 1
        width = gap[1] - gap[0]
        if pairs >= 2 or width >= 3 * ln.size:
            zones.append((start, end, gap))
        i = max(end, i + 1)
    return zones


def order_page(lines: list[Line]) -> list[Out]:
    """The page's lines in reading order: each two-column zone left column first, then the right."""
    out: list[Out] = []
    zones = find_zones(lines)
    zone_at = {z[0]: z for z in zones}
    i = 0
    while i < len(lines):
        if i in zone_at:
            start, end, gap = zone_at[i]
            left: list[Out] = []
            right: list[Out] = []
            for ln in lines[start:end]:
                for run in ln.runs:
                    x0, x1 = run[0].x0, run[-1].x1
                    piece = Out(run_text(run), x0, x1, ln.top, ln.size, ln.page, True)
                    if len(ln.runs) == 1:
                        (left if _side(ln, gap) == "left" else right).append(piece)
                    else:
                        (left if x1 <= gap[1] else right).append(piece)
            out.extend(left)
            out.extend(right)
            i = end
            continue
        ln = lines[i]
        if len(ln.runs) == 1:
            out.append(Out(ln.text, ln.x0, ln.x1, ln.top, ln.size, ln.page, False))
        else:  # a table row or a line with an odd wide gap: one line per cell
            for run in ln.runs:
                out.append(Out(run_text(run), run[0].x0, run[-1].x1, ln.top, ln.size, ln.page, True))
        i += 1
    return out


def _skeleton(text: str) -> str:
    return regex.sub(r"\d+", "#", " ".join(text.split())).casefold()


def drop_running_lines(pages: list[tuple[float, list[Line]]]) -> tuple[list[list[Line]], int]:
    """Drop page numbers and headers/footers repeated on several pages; returns pages and lines dropped."""
    counts: Counter[str] = Counter()
    for height, lines in pages:
        seen = {_skeleton(ln.text) for ln in lines
                if ln.top < MARGIN_BAND * height or ln.bottom > (1 - MARGIN_BAND) * height}
        counts.update(seen)
    repeated = {k for k, n in counts.items() if n >= 2 and len(pages) >= 2}
    kept: list[list[Line]] = []
    dropped = 0
    for height, lines in pages:
        keep: list[Line] = []
        for idx, ln in enumerate(lines):
            in_band = ln.top < MARGIN_BAND * height or ln.bottom > (1 - MARGIN_BAND) * height
            edge = idx == 0 or idx == len(lines) - 1
            text = " ".join(ln.text.split())
            if (in_band or edge) and (_PAGE_NUMBER.match(text) and (in_band or len(pages) > 1)
                                      or _skeleton(text) in repeated and in_band):
                dropped += 1
                continue
            keep.append(ln)
        kept.append(keep)
    return kept, dropped


def _markers() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in rules.normalization().paragraph_markers))


def join_paragraphs(lines: list[Out], pages: dict[int, tuple[float, float]]) -> list[str]:
    """Join the printed lines of one paragraph; ``pages`` gives each page's text left and right edges."""
    markers = _markers()
    texts: list[str] = []
    prev: Out | None = None
    for ln in lines:
        text = ln.text
        if prev is not None and texts and not prev.in_zone and not ln.in_zone:
            left, right = pages[ln.page]
            p_left, p_right = pages[prev.page]
            full = prev.x1 >= p_right - 1.5 * prev.size
            at_margin = ln.x0 <= left + 0.6 * ln.size
            same_page_close = ln.page != prev.page or 0 < ln.top - prev.top <= 1.9 * max(prev.size, ln.size)
            if full and at_margin and same_page_close and not markers.match(text) \
                    and abs(ln.size - prev.size) < 1.0:
                last = texts[-1]
                if last.endswith("\u00ad"):  # a word broken by a soft hyphen
                    texts[-1] = last[:-1] + text
                elif _HYPHEN_END.search(last):  # a compound broken after its hyphen: kinh tế-|xã hội
                    texts[-1] = last + text
                else:
                    texts[-1] = last + " " + text
                prev = ln
                continue
        texts.append(text)
        prev = ln
    return texts


def _words(page: Any) -> list[Word]:
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False,
                             extra_attrs=["fontname", "size"])
    words: list[Word] = []
    for w in raw:
        text = w["text"]
        font = str(w.get("fontname") or "")
        enc = legacy.font_encoding(font)
        if enc:
            text = legacy.decode(text, enc, heading=legacy.is_heading_font(font))
        words.append(Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                          float(w.get("size") or 12.0), font))
    return words


def _ocr_page(page: Any) -> list[Word]:
    """The words of a page without a text layer, read by OCR, in the page's own coordinates."""
    image = page.to_image(resolution=ocr_mod.RENDER_DPI).original
    return ocr_mod.ocr_words(image, scale=72.0 / ocr_mod.RENDER_DPI)


def lay_out(pages: list[tuple[float, list[Word]]]) -> list[str]:
    """Printed words of each page (page height, words) → the document's lines in reading order."""
    grouped = [(height, group_lines(words, number) if words else []) for number, (height, words) in enumerate(pages)]
    kept, _dropped = drop_running_lines(grouped)
    block: list[Out] = []
    edges: dict[int, tuple[float, float]] = {}
    for number, lines in enumerate(kept):
        ordered = order_page(lines)
        free = [o for o in ordered if not o.in_zone] or ordered
        if free:
            lefts = sorted(o.x0 for o in free)
            rights = sorted(o.x1 for o in free)
            edges[number] = (lefts[len(lefts) // 10], rights[(len(rights) * 4) // 5])
        block.extend(ordered)
    return join_paragraphs(block, edges)


def _open_error(exc: BaseException) -> PdfError:
    """A plain message for a PDF pdfminer cannot open (pdfplumber wraps the cause)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "encrypt" in type(cause).__name__.lower():
            return PdfError("the PDF cannot be opened: it is encrypted (protected by a password or an unsupported "
                            "encryption)")
        nested = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = nested or cause.__cause__
    return PdfError(f"the PDF cannot be opened: it is damaged or truncated ({type(exc).__name__}: {exc})")


def page_count(pdf: Any) -> int | None:
    """The page count the PDF's page tree declares (``/Count``), without building the pages."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(count)
    except Exception:  # a damaged page tree: the pages are counted as they are built
        return None


def read_pdf(data: bytes, name: str, sha256: str, ocr: bool = True, max_pages: int | None = None) -> RawText:
    """Read a PDF: text pages by position, pages without text by OCR (when ``ocr`` and Tesseract allow).

    ``max_pages``: a PDF with more pages is refused before any page is laid out."""
    import pdfplumber

    warnings: list[str] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises its own types for encrypted or damaged files
        raise _open_error(exc) from exc
    if max_pages is not None:
        declared = page_count(pdf)
        if declared is not None and declared > max_pages:
            pdf.close()
            raise PdfError(f"the PDF has {declared:,} pages, over the limit of {max_pages:,} "
                           "(set VBMINER_MAX_PDF_PAGES to raise it)")
    pages: list[tuple[float, list[Word]]] = []
    ocr_pages: list[int] = []
    no_text: list[int] = []
    fonts: set[str] = set()
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise _open_error(exc) from exc
        if max_pages is not None and n_pages > max_pages:
            raise PdfError(f"the PDF has {n_pages:,} pages, over the limit of {max_pages:,} "
                           "(set VBMINER_MAX_PDF_PAGES to raise it)")
        for number, page in enumerate(pdf.pages):
            words = _words(page)
            fonts.update(w.font for w in words)
            if len(words) < MIN_WORDS:
                no_text.append(number + 1)
                if ocr:
                    try:
                        words = _ocr_page(page)
                        ocr_pages.append(number + 1)
                    except ocr_mod.OcrUnavailable as exc:
                        warnings.append(f"page {number + 1} has no text layer and was not read: {exc}")
            pages.append((float(page.height), words))
    text = "\n".join(lay_out(pages))
    legacy_enc = next((e for f in fonts if (e := legacy.font_encoding(f))), None)
    if legacy_enc is None:
        text, legacy_enc = legacy.convert(text)
    if legacy_enc:
        warnings.append(f"the text was typed in the legacy {legacy_enc.upper()} font encoding and was converted "
                        "to Unicode")
    if no_text and not ocr_pages and not ocr:
        pages_list = ", ".join(map(str, no_text))
        warnings.append(f"page(s) {pages_list} have no text layer (scanned?) and OCR was turned off")
    if ocr_pages:
        warnings.append("some pages were read by OCR (Tesseract, Vietnamese); check names and numbers")
    if not text.strip():
        warnings.append("no text was found in the PDF")
    source = Source(path=name, sha256=sha256, format="pdf", pages=n_pages, legacy_encoding=legacy_enc,
                    ocr=bool(ocr_pages))
    return RawText(text=text, source=source, warnings=tuple(warnings))
