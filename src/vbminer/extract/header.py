"""Header fields of a dispatch, read from its segmented lines (Nghị định 30/2020/NĐ-CP, Phụ lục I).

:func:`extract_header` is a pure function of the normalised text and its segmentation. Each value
comes with the span it was read from (``Header.spans``), and what could not be found is reported
as a warning in plain words.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..segment import (
    _CC_HEAD,
    _NUMBER,
    _PLACE_DATE,
    _RECIPIENT_HEAD,
    mark_of,
    name_offset,
    sign_authority,
    type_title_of,
)
from ..types import Header, Issuer, Line, LineKind, Segmentation, Signer, Span

K = LineKind

_NUMBER_VALUE = regex.compile(
    r"^(?P<number>[0-9][0-9A-Za-z.]*)?\s*/\s*(?:(?P<year>(?:19|20)\d{2})\s*/\s*)?(?P<symbol>\S.*?)[\s.,;]*$"
)
#: the Party's and the mass organisations' form, the type before the issuer (`Số 45-KH/HU`, `18-KH/ĐTN`)
_PARTY_NUMBER = regex.compile(
    r"^(?P<number>\d+)(?P<year>)\s*-\s*(?P<symbol>\p{Lu}[\p{L}\d&.]*(?:/[\p{L}\d&.]+)(?:[-/][\p{L}\d&.]+)*)[\s.,;]*$"
)
#: a number a scan made illegible (`#74 /UBND-SGDĐT`): the ký hiệu is still worth reading
_ILLEGIBLE_NUMBER = regex.compile(r"^[^\s/]{1,6}\s*/\s*(?P<symbol>\p{Lu}[\p{L}\d&.]*(?:-[\p{L}\d&.]+)+)[\s.,;]*$")
_DATE_WORDS = regex.compile(
    # a day left blank, or one a scan made illegible (`ngày “Ệtháng 10 năm 2023`)
    r"ngày\s*(?:(?P<d>\d{1,2})|(?P<illegible>[^\s\d.…_/-]{1,3}?))?[\s.…_/-]*tháng\s*(?P<m>\d{1,2})?[\s.…_/-]*năm\s*(?P<y>\d{4})",
    regex.IGNORECASE,
)
_DATE_NUMERIC = regex.compile(r"ngày\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})")
_BULLET = regex.compile(r"^[-+•*–]\s*")
_TRAIL = regex.compile(r"[\s;,.]+$")
_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]+"
    r"(?:ch|ng|nh|[cmnpt])?$"
)


@dataclass(frozen=True)
class _HeaderVocab:
    org_starts: tuple[str, ...]
    locality: regex.Pattern[str]
    unmarked_locality: regex.Pattern[str]  # the same over text without diacritics, in lower case
    unmarked_levels: dict[str, str | None]
    levels: dict[str, str | None]
    central_cities: frozenset[str]
    titles: dict[str, str]
    subject_lead: regex.Pattern[str]
    urgency: dict[str, str]
    confidentiality: dict[str, str]


@lru_cache(maxsize=1)
def _vocab() -> _HeaderVocab:
    h = rules.header()
    kinds = sorted(h.locality_kinds, key=lambda k: len(k.word), reverse=True)
    words = "|".join(regex.escape(k.word) for k in kinds)
    # A locality kind word followed by a name; ``XÃ HỘI`` (in Bảo hiểm xã hội) is not a commune.
    locality = regex.compile(
        rf"(?<![\p{{L}}])(?P<kind>{words})(?!\s+hội\b)\s+(?P<name>[\p{{L}}\p{{M}}][\p{{L}}\p{{M}}\s'-]*?)"
        rf"(?=\s*(?:$|,|\(|\bvà\b|\s-\s))",
        regex.IGNORECASE,
    )
    leads = "|".join(regex.escape(x) for x in sorted(h.subject_leads, key=len, reverse=True))
    from ..gazetteer import strip_marks

    unmarked = sorted({strip_marks(k.word) for k in kinds}, key=len, reverse=True)
    return _HeaderVocab(
        unmarked_locality=regex.compile(
            rf"(?<![a-z])(?P<kind>{'|'.join(map(regex.escape, unmarked))})(?!\s+hoi\b)\s+(?P<name>[a-z][a-z\s'-]*?)"
            rf"(?=\s*(?:$|,|\(|\bva\b|\s-\s))"),
        unmarked_levels={strip_marks(k.word): k.level for k in h.locality_kinds},
        org_starts=tuple(sorted((o.casefold() for o in h.organisation_starts), key=len, reverse=True)),
        locality=locality,
        levels={k.word.casefold(): k.level for k in h.locality_kinds},
        central_cities=frozenset(c.casefold() for c in h.central_cities),
        titles={t.casefold(): t for t in h.signer_titles},
        subject_lead=regex.compile(rf"^(?:{leads})\b[\s.:]*", regex.IGNORECASE),
        urgency={u.casefold(): u for u in h.urgency},
        confidentiality={c.casefold(): c for c in h.confidentiality},
    )


# --- casing ------------------------------------------------------------------------------------------


def _is_acronym(word: str) -> bool:
    letters = regex.sub(r"[^\p{L}]", "", word)
    return len(letters) >= 2 and letters.isupper() and not _SYLLABLE.match(letters.casefold())


_VOWEL = regex.compile(r"[aăâeêioôơuưy]", regex.IGNORECASE)
_ROMAN = regex.compile(r"[IVX]+")


def _kept_in_name(word: str) -> bool:
    """An upper-case word a name keeps as it is: one with no vowel (``HCM``) or a Roman numeral.
    Any other is a syllable, Vietnamese or not (``ĐẮK GLONG``, ``KRÔNG``, ``H'BLANG``)."""
    letters = regex.sub(r"[^\p{L}]", "", word)
    plain = "".join(c for c in unicodedata.normalize("NFD", letters) if not unicodedata.combining(c))
    return len(letters) >= 2 and letters.isupper() and (not _VOWEL.search(plain) or bool(_ROMAN.fullmatch(letters)))


def title_case_name(text: str) -> str:
    """``ĐÔNG SƠN`` → ``Đông Sơn``, ``ĐẮK GLONG`` → ``Đắk Glong``, ``ĐẮK R'MĂNG`` → ``Đắk R'Măng``
    (place and person names: every word capitalised)."""
    return " ".join(w if _kept_in_name(w) else _capitalised(w) for w in text.split())


def _capitalised(word: str) -> str:
    """``H'YÊN`` → ``H'Yên``: the first letter, and the one after an apostrophe, in capitals."""
    return _AFTER_APOSTROPHE.sub(lambda m: m.group().upper(), word[:1].upper() + word[1:].lower())


_AFTER_APOSTROPHE = regex.compile(r"(?<=['’])\p{L}")


def sentence_case(text: str) -> str:
    """``ỦY BAN NHÂN DÂN`` → ``Ủy ban nhân dân``; acronyms (``UBND``) are kept."""
    words = text.split()
    out = []
    for i, w in enumerate(words):
        if _is_acronym(w):
            out.append(w)
        elif i == 0:
            out.append(w[:1].upper() + w[1:].lower())
        else:
            out.append(w.lower())
    return " ".join(out)


def post_title(text: str) -> str:
    """A post as usually spelt: ``PHÓ CHỦ TỊCH`` → ``Phó Chủ tịch``; ``TRƯỞNG PHÒNG NỘI VỤ`` →
    ``Trưởng phòng Nội vụ`` (the known post, then the unit's name with its first word capitalised)."""
    clean = " ".join(text.split()).strip(" ,.")
    known = _known_post(clean)
    if known is None:
        return sentence_case(clean) if clean.isupper() else clean
    post = _vocab().titles[known]
    rest = clean[len(known) :].strip()
    if not rest:
        return post
    if rest.isupper():
        rest = _unit_spellings().get(rest.casefold()) or sentence_case(rest)
    return f"{post} {rest}"


def _known_post(clean: str) -> str | None:
    """The longest known post (``signer_titles``, case folded) that ``clean`` is or opens with, or None."""
    folded = clean.casefold()
    return next((known for known in _posts_longest_first()
                 if folded == known or folded.startswith(known + " ")), None)


@lru_cache(maxsize=1)
def _posts_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_vocab().titles, key=len, reverse=True))


@lru_cache(maxsize=1)
def _unit_spellings() -> dict[str, str]:
    """The ends of the departments' names as spelt (``tài nguyên và môi trường`` → ``Tài nguyên và Môi
    trường``), to spell the unit of a post written in capitals (``TRƯỞNG PHÒNG TÀI NGUYÊN VÀ MÔI
    TRƯỜNG``); an end two departments spell differently is left out."""
    seen: dict[str, set[str]] = {}
    for dept in rules.departments().departments:
        words = dept.label.split()
        for k in range(len(words)):
            tail = " ".join(words[k:])
            if tail[:1].isupper():
                seen.setdefault(tail.casefold(), set()).add(tail)
    return {key: next(iter(spelt)) for key, spelt in seen.items() if len(spelt) == 1}


# --- helpers -----------------------------------------------------------------------------------------


def _span_of(line: Line, value: str, offset_in_line: int = 0) -> Span:
    """Span of ``value`` inside ``line`` (searched from ``offset_in_line``)."""
    idx = line.text.find(value, offset_in_line)
    if idx < 0:
        idx = offset_in_line
        value = line.text[offset_in_line:]
    return Span(line.start + idx, line.start + idx + len(value))


def _clean_item(text: str) -> str:
    return _TRAIL.sub("", _BULLET.sub("", text.strip())).strip()


def _org_blocks(lines: Sequence[Line]) -> list[tuple[str, list[Line]]]:
    """Group issuer lines into organisations: a line that starts with an organisation word
    (``ỦY BAN``, ``SỞ``, ``PHÒNG`` ...) opens a new one, other lines continue the previous."""
    starts = _vocab().org_starts
    blocks: list[tuple[str, list[Line]]] = []
    for ln in lines:
        text = _BULLET.sub("", " ".join(ln.text.split()))  # `- SỞ GIÁO DỤC ...`: a speck read as a dash
        folded = text.casefold()
        opens = any(folded == s or folded.startswith(s + " ") for s in starts)
        continues = blocks and (blocks[-1][0].casefold().endswith((" và", "-", ",")) or not opens)
        if continues:
            name, parts = blocks[-1]
            blocks[-1] = (f"{name} {text}", [*parts, ln])
        else:
            blocks.append((text, [ln]))
    return blocks


_LEVEL_RANK = {"tỉnh": 1, "huyện": 2, "xã": 3}


def _localities(text: str, attested: str | None = None) -> list[tuple[str | None, str]]:
    """``(level, Name)`` for every administrative locality named in ``text``. A name spelt as
    ``attested`` (the place of the date line) is kept as written: two lines that agree on
    ``Đắk Glong`` are a spelling in use, not a misreading of the gazetteer's ``Đăk Glong`` (unless
    neither has a mark, as when OCR drops them all: ``QUANG TRI``)."""
    v = _vocab()
    found = []
    for m in v.locality.finditer(text):
        kind = " ".join(m.group("kind").split()).casefold()
        name = title_case_name(m.group("name").strip(" -"))
        if not name or len(name) > 40:
            continue
        level = v.levels.get(kind)
        if kind in ("thành phố", "tp", "tp.") or kind.startswith("thành phố"):
            level = "tỉnh" if name.casefold() in v.central_cities else "huyện"
        same = attested is not None and name.casefold() == attested.casefold() and not name.isascii()
        found.append((level, name) if same else _official(level, name))
    return found


def _official(level: str | None, name: str) -> tuple[str | None, str]:
    """A name the gazetteer does not know as written but knows, at that level, with other diacritics
    (``TỈNH QUANG TRI`` in a scan's text), takes the official name; anything else stays as written."""
    from ..gazetteer import gazetteer

    if gazetteer().candidates(name):
        return level, name
    return _unmarked_place(name, level) or (level, name)


def _unmarked_place(name: str, level: str | None) -> tuple[str | None, str] | None:
    """``(level, official name)`` of the one place (of ``level`` where given) called ``name`` once
    diacritics are set aside; None when the gazetteer knows none or several."""
    from ..gazetteer import gazetteer

    places = {(p.level, p.name) for p in gazetteer().candidates(name, exact=False) if level in (None, p.level)}
    return places.pop() if len(places) == 1 else None


def _issuer(lines: Sequence[Line], place: str | None, body: str) -> tuple[Issuer | None, list[str], dict]:
    warnings: list[str] = []
    spans: dict[str, tuple[Span, ...]] = {}
    issuer_lines = [ln for ln in lines if ln.kind is K.ISSUER]
    if not issuer_lines:
        warnings.append("no issuer block (tên cơ quan ban hành) at the top of the document")
        if not place:
            return None, warnings, spans
        level = None
        m = regex.search(r"\b(?:UBND|Ủy ban nhân dân)\s+(tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\b",
                         body, regex.IGNORECASE)
        if m:
            level = _vocab().levels.get(m.group(1).casefold())
            if m.group(1).casefold() == "thành phố":
                level = "tỉnh" if place.casefold() in _vocab().central_cities else "huyện"
        warnings.append(f"the issuer's locality was taken from the place of issue ({place})")
        return Issuer(name=None, parent=None, level=level, locality=place), warnings, spans
    blocks = _org_blocks(issuer_lines)
    name, name_lines = blocks[-1]
    parent = blocks[-2][0] if len(blocks) > 1 else None
    spans["issuer.name"] = tuple(Span(ln.start, ln.end) for ln in name_lines)
    if parent is not None:
        spans["issuer.parent"] = tuple(Span(ln.start, ln.end) for ln in blocks[-2][1])
    best: tuple[str | None, str] | None = None
    for block_text, _ in blocks:
        for level, loc in _localities(block_text, place):
            if best is None or _LEVEL_RANK.get(level or "", 0) >= _LEVEL_RANK.get(best[0] or "", 0):
                best = (level, loc)
    if best is None:  # a scan's text: `THANH PHO ĐÁ NÀNG` for THÀNH PHỐ ĐÀ NẴNG
        best = next((found for block_text, _ in reversed(blocks) if (found := _unmarked_locality(block_text))), None)
    if best is None and place:  # `SỞ Y TẾ NINH THUẬN`, `KHO BẠC NHÀ NƯỚC THANH HÀ`: the place, without its kind
        best = next((found for _, block_lines in reversed(blocks) if (found := _place_named(block_lines, place))), None)
    level, locality = best if best else (None, None)
    return Issuer(name=name, parent=parent, level=level, locality=locality), warnings, spans


def _place_named(lines: Sequence[Line], place: str) -> tuple[str | None, str] | None:
    """``(level, place)`` when a line of an issuer's block ends with the name of the place of issue
    written without its kind word, as agencies write their seat (``SỞ Y TẾ NINH THUẬN``, ``KHO BẠC
    NHÀ NƯỚC THANH HÀ``); the level is the gazetteer's when it knows one province or district of
    that name (an agency's seat is one of them, never a commune)."""
    from ..gazetteer import gazetteer

    want = place.split()
    for ln in lines:
        words = ln.text.split()
        if len(words) > len(want) and [w.casefold() for w in words[-len(want):]] == [w.casefold() for w in want]:
            levels = {p.level for p in gazetteer().candidates(place) if p.level in ("tỉnh", "huyện")}
            return (levels.pop() if len(levels) == 1 else None), place
    return None


def _unmarked_locality(text: str) -> tuple[str | None, str] | None:
    """``(level, official name)`` of the one locality whose kind and name ``text`` holds with its
    diacritics wrong or missing, as OCR reads capitals; None unless the gazetteer knows exactly one."""
    from ..gazetteer import strip_marks

    v = _vocab()
    for m in v.unmarked_locality.finditer(strip_marks(text)):
        kind = m.group("kind")
        level = v.unmarked_levels.get(kind)
        if kind in ("thanh pho", "tp", "tp."):
            level = None  # a central city or a city of a province: the gazetteer tells
        place = _unmarked_place(m.group("name").strip(" -"), level)
        if place is not None:
            return place
    return None


def parse_date_line(text: str) -> tuple[str | None, bool]:
    """ISO date, partial where the day or month is blank or illegible, and whether anything was left
    blank (a day a scan made illegible was not)."""
    m = _DATE_WORDS.search(text) or _DATE_NUMERIC.search(text)
    if not m:
        return None, False
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if "illegible" in m.re.groupindex and m.group("illegible") and mo and 1 <= int(mo) <= 12:
        return f"{int(y):04d}-{int(mo):02d}", False
    if mo and d:
        try:
            return _dt.date(int(y), int(mo), int(d)).isoformat(), False
        except ValueError:
            return f"{int(y):04d}-{int(mo):02d}" if 1 <= int(mo) <= 12 else y, True
    if mo and 1 <= int(mo) <= 12:
        return f"{int(y):04d}-{int(mo):02d}", True
    return f"{int(y):04d}", True


def _signer(lines: Sequence[Line]) -> tuple[Signer | None, dict]:
    spans: dict[str, tuple[Span, ...]] = {}
    auth = [ln for ln in lines if ln.kind is K.SIGN_AUTHORITY]
    titles = [ln for ln in lines if ln.kind is K.SIGN_TITLE]
    names = [ln for ln in lines if ln.kind is K.SIGN_NAME]
    if not (auth or titles or names):
        return None, spans
    authority = on_behalf = None
    if auth:
        innermost = auth[-1]
        m = sign_authority(innermost.text.strip())
        assert m is not None
        authority, rest = m[0], m[1].strip()
        on_behalf = post_title(rest) if rest.isupper() else rest
        spans["signer.authority"] = (Span(innermost.start, innermost.end),)
        titles = [ln for ln in titles if ln.start > innermost.start]
    title = None
    if titles:
        parts = [" ".join(ln.text.split()) for ln in titles]
        # A TM. line wrapped onto a second line leaves its tail before the post itself.
        for k, part in enumerate(parts):
            if _known_post(part.strip(" ,.")) is not None or k == len(parts) - 1:
                parts = parts[k:]
                titles = titles[k:]
                break
        title = post_title(" ".join(parts))
        spans["signer.title"] = tuple(Span(ln.start, ln.end) for ln in titles)
    elif authority == "Q" and on_behalf:
        title = on_behalf  # "Q. TRƯỞNG PHÒNG": acting head, signing as the head
    name = None
    if names:
        line = names[-1]
        lead = len(line.text) - len(line.text.lstrip())
        skip = lead + name_offset(line.text[lead:])  # `Đại tá Trần Quang Hiếu`: the rank is no part of the name
        written = line.text[skip:].rstrip()
        name = title_case_name(written) if written.isupper() else written
        spans["signer.name"] = (Span(line.start + skip, line.start + skip + len(written)),)
    return Signer(name=name, title=title, authority=authority, on_behalf_of=on_behalf), spans


def _split_recipients(lines: Sequence[Line]) -> tuple[list[str], list[Span]]:
    items: list[str] = []
    spans: list[Span] = []
    for ln in lines:
        text = ln.text
        offset = 0
        if text.strip().startswith("(") and text.strip().endswith(")"):
            continue  # a note on the addressee above, such as its address
        if ln.kind is K.RECIPIENT_HEAD:
            m = _RECIPIENT_HEAD.match(text.strip())
            if not m:
                continue  # "THỦ TƯỚNG CHÍNH PHỦ điện:" heads a list, holds no addressee
            rest = m.group("rest")
            offset = text.find(rest) if rest else len(text)
            text = rest
        # an inline list splits at its semicolons; a bullet is one addressee, whatever it holds
        # (``- Giám đốc Đài Phát thanh - Truyền hình tỉnh; Tổng Biên tập Báo tỉnh;``)
        inline = ln.kind is K.RECIPIENT_HEAD or not _BULLET.match(text.strip())
        for part in regex.split(r";", text) if inline and ";" in text.rstrip(" ;.") else [text]:
            value = _clean_item(part)
            if value:
                items.append(value)
                spans.append(_span_of(ln, value, offset))
    return items, spans


def _cc(lines: Sequence[Line]) -> tuple[list[str], list[Span]]:
    items: list[str] = []
    spans: list[Span] = []
    open_item = False  # the last item has a bullet and ends with a comma: a line without one goes on with it
    for ln in lines:
        if ln.kind is K.CC_HEAD:
            m = _CC_HEAD.match(ln.text.strip())
            rest = m.group("rest") if m else ""
            if _clean_item(rest):
                items.append(_clean_item(rest))
                spans.append(_span_of(ln, _clean_item(rest)))
            continue
        value = _clean_item(ln.text)
        if not value:
            continue
        bullet = _BULLET.match(ln.text.strip()) is not None
        if not bullet and items and (ln.text.strip()[:1].islower() or open_item):
            # a wrapped line (`- UBND các xã Đắk Ngo, Quảng Trực,` / `Đắk R'Tíh, Quảng Tân;`)
            items[-1] = f"{items[-1]}{',' if open_item else ''} {value}"
            spans[-1] = Span(spans[-1].start, _span_of(ln, value).end)
            open_item = open_item and ln.text.rstrip().endswith(",")
            continue
        items.append(value)
        spans.append(_span_of(ln, value))
        open_item = bullet and ln.text.rstrip().endswith(",")
    return items, spans


def _doc_type(seg: Segmentation, symbol: str | None, has_subject: bool) -> str | None:
    types = rules.doc_types()
    for ln in seg.of_kind(K.TYPE_TITLE):
        found = type_title_of(ln.text)
        if found:
            return types.canonical_label(found[0])
    if has_subject:
        return "Công văn"
    if symbol:
        code = regex.split(r"[-/]", symbol)[0]
        return types.label_for_code(code) or "Công văn"
    return None


def extract_header(text: str, seg: Segmentation) -> tuple[Header, list[str]]:
    """Read every header field of the contract from a segmented dispatch."""
    warnings: list[str] = []
    spans: dict[str, tuple[Span, ...]] = {}
    header_lines = [ln for ln in seg.lines if ln.kind not in (K.BODY, K.ANNEX, K.BLANK)]

    # Số and ký hiệu
    number = year = symbol = None
    is_draft = False
    num_line = next((ln for ln in header_lines if ln.kind is K.NUMBER), None)
    if num_line is not None:
        m = _NUMBER.match(num_line.text.strip())
        value = m.group("value").strip() if m else ""
        vm = _NUMBER_VALUE.match(value) or _PARTY_NUMBER.match(value)
        illegible = None if vm else _ILLEGIBLE_NUMBER.match(value)
        if illegible:
            symbol = illegible.group("symbol")
            spans["symbol"] = (_span_of(num_line, symbol),)
            warnings.append("the number (Số) is not legible")
        elif vm:
            number = vm.group("number")
            year = vm.group("year") or None
            symbol = regex.sub(r"\s+", "", vm.group("symbol")) or None
            if number:
                spans["number"] = (_span_of(num_line, number),)
            if symbol:
                raw_symbol = vm.group("symbol").strip()
                spans["symbol"] = (_span_of(num_line, raw_symbol),)
        if number is None and not illegible:
            is_draft = True
            warnings.append("the number (Số) is left blank: a draft or an unnumbered copy")
    else:
        warnings.append("no 'Số:' line with the number and symbol")

    # Place and date
    place = date = None
    pd_line = next((ln for ln in header_lines if ln.kind is K.PLACE_DATE), None)
    if pd_line is not None:
        m = _PLACE_DATE.match(pd_line.text.strip())
        if m:
            place = m.group("place").strip()
            spans["place"] = (_span_of(pd_line, place),)
            date, blank = parse_date_line(pd_line.text)
            if date:
                spans["date"] = (Span(pd_line.start + pd_line.text.find(m.group("rest")) - len("ngày"), pd_line.end),)
            if blank:
                is_draft = True
                warnings.append("the date of issue is incomplete (day or month left blank)")
    else:
        warnings.append("no place and date line (địa danh, ngày ... tháng ... năm ...)")

    # Trích yếu: the V/v lines, or the title lines after the type name
    subject_lines = [ln for ln in header_lines if ln.kind is K.SUBJECT]
    title_lines = [ln for ln in header_lines if ln.kind is K.TITLE]
    type_lines = [ln for ln in header_lines if ln.kind is K.TYPE_TITLE]
    inline_title = type_title_of(type_lines[0].text)[1] if type_lines else ""  # type: ignore[index]
    subject = None
    chosen = subject_lines or title_lines
    parts = ([inline_title] if inline_title else []) + [" ".join(ln.text.split()) for ln in chosen]
    if parts:
        joined = " ".join(parts)
        subject = _vocab().subject_lead.sub("", joined.strip()).strip() or None
        span_lines = chosen or type_lines
        spans["subject"] = tuple(Span(ln.start, ln.end) for ln in span_lines)
    if subject is None:
        warnings.append("no trích yếu (V/v ... or a title under the document type)")

    doc_type = _doc_type(seg, symbol, bool(subject_lines))
    if type_lines:
        spans["doc_type"] = (Span(type_lines[0].start, type_lines[0].end),)
    if doc_type is None:
        warnings.append("the document type could not be told")

    # Marks
    urgency = confidentiality = None
    for ln in header_lines:
        if ln.kind is not K.MARK:
            continue
        mark = mark_of(ln.text)
        if mark in _vocab().urgency:
            urgency = _vocab().urgency[mark]
            spans["urgency"] = (Span(ln.start, ln.end),)
        elif mark in _vocab().confidentiality:
            confidentiality = _vocab().confidentiality[mark]
            spans["confidentiality"] = (Span(ln.start, ln.end),)

    recipients, rspans = _split_recipients([ln for ln in header_lines if ln.kind in (K.RECIPIENT_HEAD, K.RECIPIENT)])
    if rspans:
        spans["recipients"] = tuple(rspans)

    body = "\n".join(ln.text for ln in seg.lines if ln.kind is K.BODY)
    issuer, iw, ispans = _issuer(header_lines, place, body)
    warnings.extend(iw)
    spans.update(ispans)

    closing = [ln for ln in seg.lines if ln.kind in (K.SIGN_AUTHORITY, K.SIGN_TITLE, K.SIGN_NAME, K.SIGN_NOTE)]
    signer, sspans = _signer(closing)
    spans.update(sspans)
    if signer is None:
        warnings.append("no signature block (chức vụ and họ tên of the signer)")
    elif signer.name is None:
        warnings.append("the signer's name was not found")

    cc, cspans = _cc([ln for ln in seg.lines if ln.kind in (K.CC_HEAD, K.CC)])
    if cspans:
        spans["cc"] = tuple(cspans)
    if not any(ln.kind is K.CC_HEAD for ln in seg.lines):
        warnings.append("no 'Nơi nhận:' list")

    header = Header(
        issuer=issuer,
        number=number,
        year=year,
        symbol=symbol,
        doc_type=doc_type,
        place=place,
        date=date,
        subject=subject,
        recipients=tuple(recipients),
        urgency=urgency,
        confidentiality=confidentiality,
        signer=signer,
        cc=tuple(cc),
        is_draft=is_draft,
        spans=spans,
    )
    return header, warnings


__all__ = ["extract_header", "parse_date_line", "post_title", "sentence_case", "title_case_name"]
