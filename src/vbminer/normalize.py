"""Normalise text so that every later stage sees one spelling of each thing.

Passes, in order: invisible characters and line ends; Markdown emphasis; Unicode NFC; one tone
placement (``hoà`` → ``hòa``); layout (columns printed side by side split onto their own lines,
spaces collapsed, blank-line runs shortened). The result is the text that vbminer stores, and all
offsets point into it. Joining hard-wrapped lines is a separate step (:func:`unwrap`), run on the
body only once the dispatch is segmented, so the header keeps its line structure; it replaces
line breaks by spaces and so never moves an offset.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

import regex

from . import rules
from .types import NormalizedText, RawText

# A gap this wide between two runs of text on one line separates two printed columns.
# (The right-hand column starts with a capital or a parenthesis; ``Số:      /KH-UBND`` and
# ``ngày    tháng 7`` are blanks left for the number and the day, not columns.)
_SPACES_BUT_TAB = re.compile(r"[^\S\t\n]+")
COLUMN_GAP = regex.compile(r"(?<=\S) {4,}(?=[\p{Lu}(\[])")
_PADDED_GAP = re.compile(r"[^\S\t\n]{2,}")  # between two cells of a row lined up by spaces
_FIGURE_CELL = re.compile(r"[\d.,/%()-]*\d[\d.,/%()-]*")  # a cell of a count, a figure or a ratio
_SIGN_MARK = regex.compile(r"(?:^|\s)(?:TM|KT|TL|TUQ|Q)\s*\.\s*\p{Lu}|Nơi nhận\s*:", regex.IGNORECASE)
#: What every match of :data:`_SIGN_MARK` contains: the mark's last letter before its dot, or the
#: label. Two plain scans of the text find the few lines worth the strict (and slow) search.
_SIGN_HINTS = (re.compile(r"[MLTQmltq]\s*\."), re.compile("nơi nhận", re.IGNORECASE))
_TRAILING_RULE = regex.compile(r"(?<=\S)\s+[-_=]{3,}$")
_TERMINAL = regex.compile(r"[.;:!?…]\s*$")
_LOWER_START = regex.compile(r"^\s*\p{Ll}")


@lru_cache(maxsize=1)
def _tone_table() -> tuple[regex.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for new, olds in rules.normalization().tone_placement.items():
        for old in olds:
            for f in (str.lower, str.upper, str.capitalize):
                table[unicodedata.normalize("NFC", f(old))] = unicodedata.normalize("NFC", f(new))
    alternatives = "|".join(sorted(map(regex.escape, table), key=len, reverse=True))
    # Only at the end of a syllable, and not in qu-/gi- syllables (quý, quà keep their tone place).
    pattern = regex.compile(rf"(?<![qQgG])(?:{alternatives})(?!\p{{L}})")
    return pattern, table


@lru_cache(maxsize=1)
def _char_tables() -> tuple[dict[int, str | None], regex.Pattern[str]]:
    norm = rules.normalization()
    translate: dict[int, str | None] = {ord(c): None for c in norm.removed_characters}
    translate.update({ord(c): " " for c in norm.space_characters})
    markers = regex.compile("|".join(f"(?:{p})" for p in norm.paragraph_markers))
    return translate, markers


def clean_characters(text: str) -> str:
    """Drop BOMs and zero-width characters, unify line ends and odd spaces."""
    translate, _ = _char_tables()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if any(chr(c) in text for c in translate):  # str.translate looks up every character: only when needed
        text = text.translate(translate)
    return _CONTROL.sub("", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # controls and surrogates (Cs)
_MD_STRONG = regex.compile(r"(\*\*|__)(?=[^\s*_])([^\n]+?)(?<=[^\s*_])\1")
_MD_EMPH = regex.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*(?![\w*])")  # (not `\*`)
_MD_HEADING = regex.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
# an escaped punctuation mark that cannot make markup once unescaped (`1\.`); `\*`, `\_`, `\#` and a
# backslash after a backslash stay as written, so that normalising again changes nothing
_MD_ESCAPE = regex.compile(r"(?<!\\)\\([`{}\[\]()+\-.!|])")


def strip_markdown(text: str, markdown: bool) -> str:
    """Remove emphasis markers (``**bold**``, nested ones too: ``****0****``); for Markdown files also
    headings marks and escapes."""
    count = 1
    while count:
        text, count = _MD_STRONG.subn(r"\2", text)
    if markdown:
        text = _MD_EMPH.sub(r"\1", text)
        text = _MD_HEADING.sub("", text)
        text = _MD_ESCAPE.sub(r"\1", text)
    return text


def fix_tone_placement(text: str) -> str:
    """``hoà`` → ``hòa``, ``Uỷ`` → ``Ủy``: the tone mark on the main vowel, as in current use."""
    pattern, table = _tone_table()
    return pattern.sub(lambda m: table[m.group(0)], text)


def _sign_candidates(lines: list[str]) -> set[int]:
    """Indexes of the lines where :data:`_SIGN_MARK` may match."""
    text = "\n".join(lines)
    found = [m.start() for hint in _SIGN_HINTS for m in hint.finditer(text)]
    if not found:
        return set()
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    return {bisect_right(starts, at) - 1 for at in found}


def _padded_cells(line: str) -> list[str] | None:
    """The cells of a table's row whose cells are lined up by runs of spaces, as a PDF's text export
    prints them (``5    Long Khê      2.640    1.905    72,2``), else None: cells parted by two spaces or
    more, one gap of three or more, and a table's header (``STT``) or two figures.
    Justified prose has gaps of two or three spaces too, but between single words, few of them
    figures: a row's figures are half its cells, or one of its cells has words of its own (a name)."""
    if "   " not in line:
        return None
    cells = _PADDED_GAP.split(line.strip())
    if _table_header().match(cells[0]):
        return cells
    figures = sum(1 for c in cells if _FIGURE_CELL.fullmatch(c))
    if figures >= 2 and (2 * figures >= len(cells) or any(" " in c for c in cells)):
        return cells
    return None


def _padded_rows(lines: list[str]) -> dict[int, str]:
    """The lines of the tables lined up by spaces (:func:`_padded_cells`), two rows in a row or more,
    each with its cells parted by tabs instead, as the rest of vbminer reads a table's row."""
    rows: dict[int, str] = {}
    run: list[tuple[int, list[str]]] = []
    for i, line in enumerate([*lines, ""]):
        cells = None if "\t" in line else _padded_cells(line)
        if cells is not None:
            run.append((i, cells))
            continue
        if len(run) >= 2:
            rows.update((k, "\t".join(c)) for k, c in run)
        run = []
    return rows


def _layout_lines(lines: list[str]) -> Iterable[str]:
    """Split side-by-side columns in the header and the closing; collapse spaces."""
    nonblank_seen = 0
    closing = False
    pending = ""
    maybe_sign = _sign_candidates(lines)
    padded = _padded_rows(lines)
    for i, line in enumerate(lines):
        stripped = padded.get(i) or line.strip()
        if stripped[-1:] in ("-", "_", "="):
            stripped = _TRAILING_RULE.sub("", stripped)  # before its cells are counted
        if stripped:
            nonblank_seen += 1
        if (not closing and nonblank_seen > 3 and i in maybe_sign and ("." in stripped or ":" in stripped)
                and _SIGN_MARK.search(stripped)):
            closing = True
        columns = nonblank_seen <= 25 or closing  # where a line may hold two columns side by side
        # the body, and a table's rows anywhere, keep their tabs: they part the cells (extract.tables)
        keep_tabs = "\t" in stripped and (not columns or is_table_row(stripped))
        parts = COLUMN_GAP.split(stripped) if columns and not keep_tabs else [stripped]
        for part in parts:
            part = _SPACES_BUT_TAB.sub(" ", part) if keep_tabs else " ".join(part.split())
            if part[-1:] in ("-", "_", "="):
                part = _TRAILING_RULE.sub("", part)
            if not closing or keep_tabs:  # a table's row (an annex after the signature) is no signature line
                yield part
            elif _BARE_MARK.match(part):
                pending = part  # "KT." alone: the post it stands before is on the next line
            elif pending and part:
                yield from unglue_signature_line(f"{pending} {part}")
                pending = ""
            else:
                yield from unglue_signature_line(part)
    if pending:
        yield pending


def is_table_row(line: str) -> bool:
    """Three cells or more parted by tabs: a table's row (a header's two columns are two cells)."""
    return line.count("\t") >= 2 and sum(1 for cell in line.split("\t") if cell.strip()) >= 3


_BARE_MARK = regex.compile(r"^(?:TM|KT|TL|TUQ|Q)\.$")
_SIGNATURE_TAIL = regex.compile(
    r"(?<=\p{Ll}|[.);])\s+\p{Lu}{2,}(?:[\s,]+\p{Lu}{2,})*\s+\p{Lu}[\p{Ll}\p{M}]+(?:\s\p{Lu}[\p{Ll}\p{M}]*){1,4}$"
)
_MARK_AHEAD = regex.compile(r"(?<=\S)\s+(?=(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu})")
_UPPER_THEN_NAME = regex.compile(r"(?<=\p{Lu}{2})\s+(?=\p{Lu}[\p{Ll}\p{M}]+(?:\s\p{Lu}[\p{Ll}\p{M}]*){1,5}(?:\s|$))")
_NAME_THEN_UPPER = regex.compile(r"(?<=\p{Ll})\s+(?=\p{Lu}{2,}[\s:]+\p{Lu}{2,})")


@lru_cache(maxsize=1)
def _post_titles() -> tuple[str, ...]:
    titles = {" ".join(t.split()).upper() for t in rules.header().signer_titles}
    return tuple(sorted(titles, key=len, reverse=True))


def _split_posts(run: str) -> list[str]:
    """``CHỦ TỊCH PHÓ CHỦ TỊCH`` → ``CHỦ TỊCH`` + ``PHÓ CHỦ TỊCH``: a run of capitals that ends with a
    known post and has more words before it is cut before that post."""
    mark = regex.match(r"^(?:TM|KT|TL|TUQ|Q)\.\s*", run)
    head = mark.group(0) if mark else ""
    words = run[len(head):].strip()
    posts = _post_titles()
    if words in posts:
        return [run]
    for post in posts:
        if words.endswith(" " + post) and len(words) > len(post) + 1:
            before = words[: -len(post) - 1].strip()
            if head or before.rstrip(",") in posts:
                return [head + before, post]
    return [run]


def unglue_signature_line(line: str) -> list[str]:
    """Split a signature block glued onto one line (``KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn``)
    into its mark, post and name lines. Lines that are already one element come back unchanged."""
    if not line or not regex.search(r"\p{Lu}{2}", line):
        return [line]
    if line.startswith(("-", "+")):
        # a Nơi nhận item: only a signature glued onto its end is cut off
        m = _SIGNATURE_TAIL.search(line)
        return [line[: m.start()].rstrip(), *unglue_signature_line(m.group(0).strip())] if m else [line]
    pieces = [p for p in _MARK_AHEAD.split(line)]
    out: list[str] = []
    for piece in pieces:
        for part in _NAME_THEN_UPPER.split(piece):
            for sub in _UPPER_THEN_NAME.split(part):
                out.extend(_split_posts(sub) if sub.isupper() or regex.match(r"^(?:TM|KT|TL|TUQ|Q)\.", sub) else [sub])
    return [p.strip() for p in out if p.strip()]


# Header elements that a crawler or a flattening export can glue onto one line.
_GLUED = [  # besides the national title and the motto (_after_column)
    regex.compile(r"(?<=\S)\s+(?=Số\s*:\s*[\d/]|Số\s*:\s*\S{1,6}\s*/)"),  # `Số: #74 /UBND`: a digit misread
    # the place name starts after a word that is not itself part of it (not a lower-case ending)
    regex.compile(r"(?<=[^\p{Ll}\p{M}\s])\s+(?=(?:\p{Lu}[\p{Ll}\p{M}]*\s){0,4}\p{Lu}[\p{Ll}\p{M}]*,\s*ngày\b)"),
    regex.compile(r"(?<=năm\s*\d{4})\s+(?=\p{Lu})"),
    regex.compile(r"(?<=\S)\s+(?=V\s*/\s*[vV]\s)"),
    regex.compile(r"(?<=\S)\s+(?=Kính gửi\s*:)"),
    regex.compile(r"\s*[-_]{3,}\s*$|(?<=\S)\s*[-_]{5,}\s+(?=\S)"),
]
_GLUE_MARKERS = regex.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|Độc lập\s*[-–]\s*Tự do|Số\s*:|,\s*ngày\b.{0,30}năm\s*\d{4}"
    r"|\bV\s*/\s*[vV]\s|Kính gửi\s*:"
)


@lru_cache(maxsize=1)
def _after_column() -> regex.Pattern[str]:
    """The national title or motto after other text on its line (their first words: OCR often garbles
    the rest). They never follow text of their own: what comes before them is the issuer's column,
    put on the same line by OCR or a text layer read row by row
    (``CÔNG AN TP ĐÀ NẴNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``)."""
    pats = rules.header()
    starts = [" ".join(t.split()[:4]) for t in pats.national_name + pats.party_national_name]
    starts += [" ".join(t.split()[:2]) for t in pats.motto]
    alt = "|".join(r"\s+".join(map(regex.escape, s.split())) for s in sorted(set(starts), key=len, reverse=True))
    return regex.compile(rf"(?<=\S)\s+(?=(?:{alt})(?!\w))")


def unglue_header_line(line: str) -> list[str]:
    """Split a line on which two or more header elements were glued together
    (``Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V ...``), or the issuer's column
    and the national title or motto beside it."""
    if (len(_GLUE_MARKERS.findall(line)) < 2 and not (_GLUE_MARKERS.search(line) and regex.search(r"[-_]{5,}", line))
            and not _after_column().search(line)):
        return [line]
    for pattern in (_after_column(), *_GLUED):
        line = pattern.sub("\n", line)
    return [part.strip() for part in line.split("\n") if part.strip()]


def layout(text: str) -> str:
    out: list[str] = []
    blank = False
    raw_lines = text.split("\n")
    head: list[str] = []
    for i, line in enumerate(raw_lines):
        head.extend(unglue_header_line(line) if i < 12 else [line])
    for line in _layout_lines(head):
        if not line:
            if not blank and out:
                out.append("")
            blank = True
            continue
        blank = False
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def normalize_text(text: str, markdown: bool = False) -> str:
    """All normalisation passes on a string (idempotent)."""
    text = clean_characters(text)
    text = strip_markdown(text, markdown)
    text = unicodedata.normalize("NFC", text)
    text = fix_tone_placement(text)
    return layout(text)


def is_hard_wrapped(lines: list[str]) -> tuple[bool, int]:
    """Whether the lines look cut at a fixed width by an export, and that width."""
    lengths = sorted(len(ln) for ln in lines if ln.strip())
    if len(lengths) < 8:
        return False, 0
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not 45 <= width <= 130:
        return False, width
    long_lines = [ln for ln in lines if len(ln) >= 0.75 * width]
    if len(long_lines) < 0.5 * len(lengths):
        return False, width
    open_ended = sum(1 for ln in long_lines if not _TERMINAL.search(ln))
    return open_ended >= 0.5 * len(long_lines), width


def normalize(raw: RawText) -> NormalizedText:
    text = normalize_text(raw.text, markdown=raw.source.format == "md")
    wrapped, _ = is_hard_wrapped(text.split("\n"))
    return NormalizedText(text=text, source=raw.source, warnings=raw.warnings, hard_wrapped=wrapped)


def unwrap(text: str, start: int, end: int, hard_wrapped: bool) -> str:
    """Join lines of ``text[start:end]`` that a hard wrap broke inside a sentence.

    A break is joined (``\\n`` → space, so offsets do not move) when the next line starts in lower
    case, or, in a hard-wrapped document, when the line runs to the wrap width without ending a
    sentence and the next line does not open a new item (``-``, ``1.``, ``a)``, ``Điều 2``). A table's
    lines are never joined: its header (``TT Đơn vị ... Tỷ lệ (%)``) and rows with tabs.
    """
    _, markers = _char_tables()
    table_header = _table_header()
    region = text[start:end]
    lines = region.split("\n")
    _, width = is_hard_wrapped(lines) if hard_wrapped else (False, 0)
    chars = list(region)
    pos = 0
    for i in range(len(lines) - 1):
        prev, nxt = lines[i], lines[i + 1]
        pos += len(prev)
        full = bool(hard_wrapped and width and len(prev) >= 0.7 * width)
        # a colon at the wrap width opens what the next line goes on with (`Các xã có tỷ lệ dưới 50%:`
        # then `A, B, C; ...`), unless that line opens an item
        terminal = _TERMINAL.search(prev) and not (full and len(prev) >= 0.9 * width and prev.rstrip().endswith(":"))
        if prev.strip() and nxt.strip() and not terminal and not markers.match(nxt) \
                and "\t" not in prev and "\t" not in nxt and not table_header.match(prev):
            if _LOWER_START.match(nxt) or full:
                chars[pos] = " "
        pos += 1
    return text[:start] + "".join(chars) + text[end:]


@lru_cache(maxsize=1)
def _table_header() -> regex.Pattern[str]:
    """The start of a table's header row: its row-number column (``tables`` in ``metrics.json``)."""
    words = sorted(rules.metrics().tables.number_headers, key=len, reverse=True)
    return regex.compile(rf"^\s*(?:{'|'.join(map(regex.escape, words))})(?:[\t ]|$)")
