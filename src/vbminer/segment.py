"""Segment a normalised dispatch into its parts per Nghị định 30/2020/NĐ-CP, Phụ lục I.

Every line gets a :class:`~vbminer.types.LineKind`, and the text is cut into contiguous segments:
``header`` (issuer block, Quốc hiệu, Số, place and date, title or trích yếu, Kính gửi), ``body``,
``closing`` (Nơi nhận and the signature block, in whichever order and interleaving they come) and
``annex`` (whatever follows the signature). The printed header has two columns; a text export
gives their lines one column after the other, interleaved, or with the right column first, so the
header is read as a set of recognisable lines rather than in a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import rules
from .extract.base import alternation
from .types import Line, LineKind, Segment, Segmentation

K = LineKind

_RULE = regex.compile(r"^(?:[\s\-_=*~.·•–—]{3,}|\s*\*\s*)$")  # (the Party's `*` under its issuer)
_NUMBER = regex.compile(r"^Số\s*(?::|\.|\s(?=\s*\d))\s*(?P<value>.*)$", regex.IGNORECASE)
_PLACE_DATE = regex.compile(
    r"^(?P<place>[\p{L}][\p{L}\p{M} .'’-]{0,60}?)\s*,\s*ngày\b(?P<rest>.*?(?:năm|/)\s*\d{4}.*)$",
    regex.IGNORECASE,
)
#: a wrapped trích yếu's line that starts with the number of a document it cites (lower-case, no colon)
_CITED_NUMBER = regex.compile(r"^số\s+\d")
_SUBJECT = regex.compile(r"^(?:V\s*/\s*v|Về\s+việc)\b[\s.:]*", regex.IGNORECASE)
_ABOUT = regex.compile(r"^Về\s+\p{Ll}")  # "Về hướng dẫn ...": a trích yếu led by "Về" alone
_RECIPIENT_HEAD = regex.compile(r"^Kính\s+g[ửở]i\s*:?\s*(?P<rest>.*)$", regex.IGNORECASE)
_DIEN_HEAD = regex.compile(r"^(?P<who>\p{Lu}[\p{Lu}\p{M}\s,]+?)\s+điện\s*:\s*$")
_CC_HEAD = regex.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", regex.IGNORECASE)
_SIGN_NOTE = regex.compile(
    r"^[(\[]\s*(?:đã\s+ký|ký|chữ\s+ký|đã\s+ký\s+và\s+đóng\s+dấu)[^)\]]{0,40}[)\]]$|^\[?\s*đã\s+ký\s*\]?$",
    regex.IGNORECASE,
)
_BULLET = regex.compile(r"^[-+•*–]\s*")
_LUU = regex.compile(r"^(?:[-+•*–]\s*)?Lưu\b", regex.IGNORECASE)
_MARKER = regex.compile(r"^(?:[-+•*–]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[IVXLC]+\.\s)")
_TERMINAL = regex.compile(r"[.;:!?]\s*$")
_TITLE_MAX = 160  # characters: a longer line after a type title is a paragraph of the body
_WRAPPED_TITLE_MAX = 100  # characters: the longest capitalised line that goes on a title (`… / Dự án đường bộ …`)
# `Hương`, `Th.`, and the Central Highlands' `H'Yên`
_NAME_WORD = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]*\.?$|^\p{Lu}\.$|^\p{Lu}['’]\p{Lu}[\p{Ll}\p{M}]*$")


def is_upper_line(text: str) -> bool:
    """A line in capitals: at least two letters, none of them lower case."""
    if not text.isupper():  # some letter in lower case, or none with a case at all
        return False
    return sum(1 for c in text if c.isalpha()) >= 2


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class _Vocab:
    national: frozenset[str]
    national_starts: tuple[str, ...]  # their first four words, followed by OCR noise in a scan
    motto: frozenset[str]
    marks: tuple[str, ...]
    type_titles: tuple[str, ...]
    authority_starts: tuple[str, ...]
    title_starts: tuple[str, ...]
    surnames: frozenset[str]
    name_prefix: regex.Pattern[str]
    area_end: regex.Pattern[str]  # `trên địa bàn tỉnh` at the end of a line, with no name after the kind
    body_openers: regex.Pattern[str]
    #: a signing mark and what it signs for (``TM. ỦY BAN NHÂN DÂN``; the Party's ``T/M BAN THƯỜNG VỤ``)
    sign_authority: regex.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    h = rules.header()
    types = rules.doc_types()
    openers = "|".join(regex.escape(o) for o in sorted(h.body_openers, key=len, reverse=True))
    return _Vocab(
        national=frozenset(_fold(x) for x in h.national_name + h.party_national_name + h.organisation_national_names),
        national_starts=tuple({" ".join(_fold(x).split()[:4]) + " " for x in h.national_name + h.party_national_name}),
        motto=frozenset(_fold(x) for x in h.motto),
        marks=tuple(sorted((_fold(x) for x in h.urgency + h.confidentiality), key=len, reverse=True)),
        type_titles=tuple(_fold(x) for x in types.labels()),
        authority_starts=tuple(_fold(x) for x in h.authority_line_starts),
        title_starts=tuple(sorted({_fold(t) for t in h.signer_titles}, key=len, reverse=True)),
        surnames=frozenset(_fold(s) for s in h.surnames),
        name_prefix=regex.compile(
            rf"^(?:{alternation(h.name_prefixes)})\.?\s+",
            regex.IGNORECASE),
        body_openers=regex.compile(rf"^(?:{openers})\b"),
        sign_authority=regex.compile(
            rf"^(?P<mark>{'|'.join(regex.escape(m[0]) + '/?' + regex.escape(m[1:]) for m in h.authority_marks)})"
            r"\s*\.?\s+(?P<rest>\p{Lu}.*)$"),
        area_end=regex.compile(
            rf"\b(?:{alternation(h.title_area_leads)}) (?:{alternation([k.word for k in h.locality_kinds])})\s*$",
            regex.IGNORECASE),
    )


def type_title_of(text: str) -> tuple[str, str] | None:
    """``("kế hoạch", rest)`` when the line is a doc-type title in capitals (``KẾ HOẠCH ...``)."""
    if not is_upper_line(text) or text.rstrip().endswith(":"):
        return None
    folded = _fold(text)
    for label in _vocab().type_titles:
        if folded == label or folded.startswith(label + " "):
            return label, text.strip()[len(label) :].strip()
    return None


def is_national(text: str) -> bool:
    """The national title (or the Party's), alone or, in capitals, with OCR noise after its fourth word
    (``CỘNG HÒA XÃ HỘI CHỮÑ@f#...``)."""
    folded = _fold(text).strip(" -_")
    if folded in _vocab().national:
        return True
    return folded.startswith(_vocab().national_starts) and all(w.isupper() for w in text.split()[:4])


def is_motto(text: str) -> bool:
    folded = _fold(text).replace("–", "-")
    return folded in _vocab().motto or (folded.startswith("độc lập") and "tự do" in folded)


def mark_of(text: str) -> str | None:
    folded = _fold(text).strip(" .!*")
    for mark in _vocab().marks:
        if folded == mark:
            return mark
    return None


def is_signer_title(text: str) -> bool:
    """A line in capitals that names a post (``PHÓ CHỦ TỊCH``, ``TRƯỞNG PHÒNG NỘI VỤ``)."""
    if not is_upper_line(text):
        return False
    folded = _fold(text)
    return any(folded == t or folded.startswith(t + " ") or folded.startswith(t + ",")
               for t in _vocab().title_starts)


def name_offset(text: str) -> int:
    """Where a person's name starts in ``text``: after a rank or degree (``Đại tá``, ``TS.``), else 0."""
    m = _vocab().name_prefix.match(text)
    return m.end() if m else 0


def is_person_name(text: str) -> bool:
    """``Lê Thị Hương``: two to six capitalised words, or a name in capitals led by a surname; a rank
    or degree may come first (``Đại tá Trần Quang Hiếu``)."""
    text = text[name_offset(text) :]
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text) or _TERMINAL.search(text):
        return False
    if all(_NAME_WORD.match(w) for w in words):
        return True
    return is_upper_line(text) and _fold(words[0]) in _vocab().surnames and not is_signer_title(text)


def _header_kind(text: str) -> LineKind | None:
    """The kind of a line that can only belong to the header, told from the line alone."""
    if _RULE.match(text):
        return K.RULE
    if is_national(text):
        return K.NATIONAL
    if is_motto(text):
        return K.MOTTO
    if mark_of(text):
        return K.MARK
    if _NUMBER.match(text) and ("/" in text or text.rstrip().endswith(":")):
        return K.NUMBER
    if _PLACE_DATE.match(text):
        return K.PLACE_DATE
    return None


class _Lines:
    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for raw in text.split("\n"):
            self.spans.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        self.text = text
        self.kinds: list[LineKind] = [K.BODY] * len(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> str:
        s, e = self.spans[i]
        return self.text[s:e]

    def next_nonblank(self, i: int) -> int:
        while i < len(self) and not self[i].strip():
            i += 1
        return i


def _subject_continues(prev: str, nxt: str) -> bool:
    if _CITED_NUMBER.match(nxt):
        return True  # `V/v … thực hiện Chỉ thị` / `số 05/CT-UBND …`: the number of what it cites, not the Số line
    if not nxt.strip() or _header_kind(nxt) or _RECIPIENT_HEAD.match(nxt) or _CC_HEAD.match(nxt):
        return False
    if _MARKER.match(nxt) or nxt.rstrip().endswith(":") or _vocab().body_openers.match(nxt):
        return False
    if is_upper_line(nxt) and not is_upper_line(prev):
        return False
    if nxt[:1].islower():
        return True
    return len(nxt) <= 70 and not _TERMINAL.search(prev)


def _title_continues(first: str, prev: str, nxt: str) -> bool:
    if not nxt.strip() or _header_kind(nxt) or _RECIPIENT_HEAD.match(nxt) or _CC_HEAD.match(nxt):
        return False
    if _MARKER.match(nxt) or nxt.rstrip().endswith(":") or _vocab().body_openers.match(nxt):
        return False
    if is_upper_line(first):
        return is_upper_line(nxt) and not _is_authority_line(nxt)
    if _SUBJECT.match(nxt) and not _SUBJECT.match(first):
        return True  # "KẾ HOẠCH / Triển khai ... / Về việc ..." is rare but keep it together
    if nxt[:1].islower():
        return True
    if _vocab().area_end.search(prev):
        return False  # `… trên địa bàn tỉnh` closes a title; a capitalised line after it opens the body
    # A capitalised line goes on the title only if it reads like a wrapped title, not a sentence.
    return len(nxt) <= _WRAPPED_TITLE_MAX and not _TERMINAL.search(prev) and not _TERMINAL.search(nxt) \
        and not is_upper_line(nxt)


def _can_start_title(text: str) -> bool:
    """Whether the line after a type title (``KẾ HOẠCH``) can be its title. A line that opens like a
    body (``Triển khai``, ``Thực hiện``) is the title when it reads like one: short, and not ended
    as a sentence (``KẾ HOẠCH / Triển khai thực hiện Đề án 06 năm 2023``)."""
    if _vocab().body_openers.match(text) and (len(text) > _TITLE_MAX or _TERMINAL.search(text)):
        return False
    return not (
        _header_kind(text) or _RECIPIENT_HEAD.match(text) or _CC_HEAD.match(text) or _MARKER.match(text)
        or text.rstrip().endswith(":") or _is_authority_line(text)
    )


def _scan_title(lines: _Lines, i: int, inline_title: bool) -> int:
    """Mark the title lines that follow a type title; return the index after them."""
    first: str | None = None
    prev = lines[i - 1]
    while True:
        j = lines.next_nonblank(i) if first is None and not inline_title else i
        if j >= len(lines) or not lines[j].strip():
            return i
        candidate = lines[j].strip()
        if first is None and not inline_title:
            if not _can_start_title(candidate):
                return i
            first = candidate
        elif not _title_continues(first or prev, prev, candidate):
            return i
        for k in range(i, j):
            lines.kinds[k] = K.BLANK
        lines.kinds[j] = K.TITLE
        prev = candidate
        first = first or candidate
        i = j + 1


def _is_authority_line(text: str) -> bool:
    """``ỦY BAN NHÂN DÂN TỈNH NGHỆ AN`` / ``CHỦ TỊCH ỦY BAN NHÂN DÂN ...`` above the Căn cứ."""
    if not is_upper_line(text):
        return False
    folded = _fold(text)
    return any(folded.startswith(s) for s in _vocab().authority_starts)


def _scan_header(lines: _Lines) -> int:
    """Classify the header's lines; return the index of the first body line."""
    seen_anchor = False  # Số, V/v or a type title: issuer lines come before it
    seen_type = False
    seen_number = seen_subject = False
    i = 0
    limit = min(len(lines), 60)
    while i < limit:
        text = lines[i].strip()
        if not text:
            lines.kinds[i] = K.BLANK
            i += 1
            continue
        kind = _header_kind(text)
        if kind is not None:
            lines.kinds[i] = kind
            seen_anchor = seen_anchor or kind is K.NUMBER
            seen_number = seen_number or kind is K.NUMBER
            i += 1
            continue
        if _is_noise(text):
            lines.kinds[i] = K.NOISE
            i += 1
            continue
        if not seen_type and (_SUBJECT.match(text) or (seen_number and not seen_subject and _ABOUT.match(text))):
            seen_subject = True
            lines.kinds[i] = K.SUBJECT
            seen_anchor = True
            i += 1
            while i < len(lines) and _subject_continues(lines[i - 1], lines[i]):
                lines.kinds[i] = K.SUBJECT
                i += 1
            continue
        if not seen_type and type_title_of(text):
            if i < 4 and not seen_anchor and K.NATIONAL not in lines.kinds[:i] and _header_ahead(lines, i + 1):
                lines.kinds[i] = K.PREAMBLE  # a copy's stamp (`SAO Y`) above the national title
                i += 1
                continue
            seen_type = seen_anchor = True
            lines.kinds[i] = K.TYPE_TITLE
            i = _scan_title(lines, i + 1, inline_title=bool(type_title_of(text)[1]))  # type: ignore[index]
            continue
        if seen_type and _is_authority_line(text):
            lines.kinds[i] = K.AUTHORITY
            i += 1
            continue
        m = _RECIPIENT_HEAD.match(text)
        if m:
            lines.kinds[i] = K.RECIPIENT_HEAD
            i = _scan_recipients(lines, i + 1, inline=bool(m.group("rest").strip()))
            return i
        if _DIEN_HEAD.match(text):
            lines.kinds[i] = K.RECIPIENT_HEAD
            return _scan_recipients(lines, i + 1, inline=False)
        if is_upper_line(text) and not seen_anchor and not text.endswith(":"):
            lines.kinds[i] = K.ISSUER
            i += 1
            continue
        if i < 4 and not seen_anchor and _header_ahead(lines, i + 1) and \
                all(k in (K.BLANK, K.PREAMBLE, K.ISSUER, K.NOISE) for k in lines.kinds[:i]):
            # a line before the header proper (a site's title, a copy's stamp `SAO Y` and signature);
            # the issuer's lines are next to the national title, so capitals above this one were not
            for k in range(i + 1):
                if lines.kinds[k] is not K.BLANK:
                    lines.kinds[k] = K.PREAMBLE
            i += 1
            continue
        return i
    return i


def _is_noise(text: str) -> bool:
    """A line of specks: no two letters in a row, no digit, not a list marker (``z\\``, ``£``, ``¬ ...``)."""
    return not _LETTERS_OR_DIGIT.search(text) and not _MARKER.match(text + " ")


_LETTERS_OR_DIGIT = regex.compile(r"\p{L}\p{M}*\p{L}|\d")


def _header_ahead(lines: _Lines, i: int) -> bool:
    """Whether the next few lines hold the Quốc hiệu or the Số line (so the header is still to come)."""
    return any(_header_kind(lines[j].strip()) in (K.NATIONAL, K.NUMBER) for j in range(i, min(i + 6, len(lines))))


def _scan_recipients(lines: _Lines, i: int, inline: bool) -> int:
    first = True
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            lines.kinds[i] = K.BLANK
            i += 1
            continue
        if _BULLET.match(text) or (not first and text.startswith("(") and text.endswith(")")):
            lines.kinds[i] = K.RECIPIENT  # an addressee, or a note on one: "(Địa chỉ: ...)"
            i += 1
            first = False
            continue
        if first and not inline and len(text) <= 120 and not _vocab().body_openers.match(text) \
                and not _MARKER.match(text):
            lines.kinds[i] = K.RECIPIENT
            i += 1
            first = False
            if text.endswith(";"):
                inline = False
                first = True
            continue
        return i
    return i


def sign_authority(text: str) -> tuple[str, str] | None:
    """The mark (``TM``; ``T/M`` read as ``TM``) and what it signs for, of a line of the signature block."""
    m = _vocab().sign_authority.match(text)
    return (m.group("mark").replace("/", ""), m.group("rest")) if m else None


def _is_sign_authority(text: str) -> bool:
    m = sign_authority(text)
    return m is not None and is_upper_line(m[1]) and len(text) < 80


def _closing_start(lines: _Lines, body_start: int) -> int | None:
    """Index of the first line of the closing (Nơi nhận or the signature block), if any."""
    candidates: list[int] = []
    for i in range(body_start, len(lines)):
        text = lines[i].strip()
        if _CC_HEAD.match(text) and len(text) < 40:
            candidates.append(i)
            break
    for i in range(body_start, len(lines)):
        if _is_sign_authority(lines[i].strip()):
            candidates.append(i)
            break
    # A signer in their own name: a post in capitals after the body's last sentence, then a name.
    for i in range(body_start, len(lines)):
        text = lines[i].strip()
        if candidates and i >= min(candidates):
            break
        if is_signer_title(text) and len(text) < 60:
            k = i - 1
            while k > body_start and not lines[k].strip():
                k -= 1
            prev = lines[k].strip()
            if prev and not _TERMINAL.search(prev) and not is_signer_title(prev):
                continue
            if any(is_person_name(lines[j].strip()) for j in range(i + 1, min(i + 4, len(lines)))):
                candidates.append(i)
                break
    return min(candidates) if candidates else None


def _scan_closing(lines: _Lines, start: int) -> int:
    """Classify the closing's lines from ``start``; return the index after its last line.

    Nơi nhận items (bullets, ``Lưu: ...``) and signature lines may interleave, as they do when the
    two printed columns were exported line by line; after the signer's name only a Nơi nhận list
    that has not yet appeared may follow.
    """
    cc_seen = False
    named = False
    last = start
    i = start
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            lines.kinds[i] = K.BLANK
            i += 1
            continue
        if _CC_HEAD.match(text) and not cc_seen and len(text) < 40:
            lines.kinds[i] = K.CC_HEAD
            cc_seen = True
        elif cc_seen and (_BULLET.match(text) or _LUU.match(text)):
            lines.kinds[i] = K.CC
        elif cc_seen and lines.kinds[last] is K.CC and (text[:1].islower() or text.endswith(";")):
            lines.kinds[i] = K.CC  # a Nơi nhận line wrapped onto the next, or one without a dash
        elif named:
            break
        elif _is_sign_authority(text):
            lines.kinds[i] = K.SIGN_AUTHORITY
        elif _SIGN_NOTE.match(text):
            lines.kinds[i] = K.SIGN_NOTE
        elif is_person_name(text) and any(
            k in (K.SIGN_TITLE, K.SIGN_AUTHORITY) for k in lines.kinds[start:i]
        ):
            lines.kinds[i] = K.SIGN_NAME
            named = True
        elif is_upper_line(text) and len(text) < 90:
            lines.kinds[i] = K.SIGN_TITLE
        else:
            break
        last = i
        i += 1
    return last + 1


def segment(text: str) -> Segmentation:
    """Cut a normalised dispatch into lines of known kinds and into segments."""
    lines = _Lines(text)
    body_start = _scan_header(lines)
    body_start = lines.next_nonblank(body_start)
    closing = _closing_start(lines, body_start)
    closing_end = _scan_closing(lines, closing) if closing is not None else len(lines)
    for i in range(body_start, closing if closing is not None else len(lines)):
        lines.kinds[i] = K.BLANK if not lines[i].strip() else K.BODY
    for i in range(closing_end, len(lines)):
        lines.kinds[i] = K.BLANK if not lines[i].strip() else K.ANNEX

    out_lines = tuple(
        Line(start=s, end=e, text=text[s:e], kind=lines.kinds[i]) for i, (s, e) in enumerate(lines.spans)
    )
    segments: list[Segment] = []

    def add(kind: str, first: int, stop: int) -> None:
        idx = [i for i in range(first, stop) if lines[i].strip()]
        if idx:
            segments.append(Segment(kind, lines.spans[idx[0]][0], lines.spans[idx[-1]][1]))

    add("header", 0, body_start)
    add("body", body_start, closing if closing is not None else len(lines))
    if closing is not None:
        add("closing", closing, closing_end)
        add("annex", closing_end, len(lines))
    return Segmentation(lines=out_lines, segments=tuple(segments))
