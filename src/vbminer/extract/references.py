"""Cited documents (``references``).

A citation is a document symbol (``08/CT-UBND``, ``61/2018/NĐ-CP``, Party ``14-KH/TU``, a law's
``80/2015/QH13``) and the words around it: the type name written before it (``Chỉ thị số``,
``văn bản số``, ``Luật Đất đai số``), then the date (``ngày 12/3/2021``), the issuer (``của ...``)
and the subject (``về việc ...``). The text is scanned for symbols first, since a symbol is the one
part every citation has; the type word is looked for just before it, and a symbol with no type word
of its own is taken as the next item of an enumeration (``các văn bản số: A ngày ..., B ngày ...``)
or, when its shape is unmistakable, on its own. A short mention (``Chỉ thị 08``) is then merged into
the full citation with the same type and number, and mentions of one document are merged.

Everything that varies with the genre (type names, lead words, stop words, symbol fixes) is data:
``doc_types.json`` and ``references.json`` in ``patterns/``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from .. import rules
from ..types import LineKind, Reference, Span
from .base import Context, alternation

# One space run that may hold a single line break (a symbol split at the end of a line).
_WRAP = r"[^\S\n]*(?:\n[^\S\n]*)?"
# A code of a symbol: capitals and digits, a lone small letter allowed (CTr, TTr, QĐi, QyĐ).
_CODE = r"\p{Lu}(?:[\p{Lu}0-9]|\p{Ll}(?!\p{Ll}))*(?!\w)"
_NUMBER = r"(?P<number>\d{1,5}[a-z]?(?:\.\d{1,3})?)"
_LEFT = r"(?<![\w.,/:-])"
_STATE = (
    rf"{_LEFT}{_NUMBER}[^\S\n]*/{_WRAP}(?:(?P<year>(?:19|20)\d\d){_WRAP}[-/]{_WRAP})?"
    rf"(?P<symbol>{_CODE}(?:[^\S\n]*[-/]{_WRAP}{_CODE})*)"
)
_PARTY = (
    rf"{_LEFT}(?P<pnumber>\d{{1,5}}[a-z]?)[^\S\n]*-{_WRAP}"
    rf"(?P<psymbol>{_CODE}[^\S\n]*/{_WRAP}{_CODE}(?:[^\S\n]*[-/]{_WRAP}{_CODE})*)"
)
# `1025-CVHQ`: a number and one code joined by a dash, taken only after a type word
_DASHED = rf"{_LEFT}(?P<dnumber>\d{{1,5}})-(?P<dsymbol>\p{{Lu}}{{2,}}[\p{{Lu}}0-9]*)(?![\w/-])"
_SYMBOL = regex.compile(rf"{_PARTY}|{_STATE}|{_DASHED}")
_SYMBOL_PARTS = regex.compile(r"[-/]")
_SYMBOL_PARTS_KEEP = regex.compile(r"([-/])")
#: The words of an issuer after a citation (``của Chủ tịch UBND tỉnh``): runs of letters, punctuation, line ends.
_ISSUER_TOKEN = regex.compile(r"[^\s,;:.()\[\]]+|[,;:.()\[\]]|\n")
_WORD_CHAR = regex.compile(r"\w")
_NEXT_WORD = regex.compile(r"\s+(\w+)")
_DATE = (
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2}),?\s+năm\s+(?P<y2>(?:19|20)\d\d))"
)


@dataclass(frozen=True)
class _Vocab:
    """Compiled patterns built from ``doc_types.json`` and ``references.json``."""

    type_word: regex.Pattern[str]
    typed_gap: regex.Pattern[str]
    named_gap: regex.Pattern[str]
    after: regex.Pattern[str]
    before: regex.Pattern[str]
    issuer_lead: regex.Pattern[str]
    issuer_stop: regex.Pattern[str]
    issuer_stop_caps: regex.Pattern[str]
    subject_lead: regex.Pattern[str]
    subject_reject: regex.Pattern[str]
    subject_stop: regex.Pattern[str]
    join: regex.Pattern[str]
    not_reference: regex.Pattern[str]
    short: regex.Pattern[str]
    short_lower: re.Pattern[str]  # the same, over the lower-cased text (Python's re: three times faster)
    anaphor: regex.Pattern[str] | None  # `Tờ trình nêu trên`
    anaphor_phrase: re.Pattern[str] | None  # `nêu trên` in the lower-cased text
    type_ending: re.Pattern[str]  # a type word and spaces that end the lower-cased text it is given
    legislature: regex.Pattern[str]
    generic: frozenset[str]
    named: frozenset[str]
    pat: rules.ReferencePatterns


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    pat = rules.references()
    types = rules.doc_types()
    words = types.labels() + pat.generic_type_words
    type_alt = alternation(words)
    plural = alternation(pat.plural_leads)
    num_lead = alternation(pat.number_leads)
    date_lead = alternation(pat.date_leads)
    type_word = regex.compile(rf"(?i)(?<!\w)(?:(?:{plural})\s+)?(?P<type>{type_alt})(?!\w)")
    # between a type word and its symbol: `số`, `số:`, or a date written first (`đề ngày ... số`)
    gap = rf"(?:\s*,?\s*(?:{date_lead})\s+(?P<gdate>{_DATE})\s*,?)?\s*(?:(?:{num_lead})\s*:?\s*)?"
    typed_gap = regex.compile(rf"(?i)\s+{gap}")
    # a law's name sits between `Luật` and its number: `Luật Đất đai số 45/2013/QH13`
    named_gap = regex.compile(rf"(?i)(?:\s+[^\s;:.()]+){{1,16}}?{gap}\s*")
    after = regex.compile(rf"(?i)\s*,?\s*(?:{date_lead})\s*{_DATE}")
    # `Ngày 21/02/2022, Sở ... đã có Công văn số ...`: the date opens the clause that cites
    verbs = alternation(pat.issued_date_verbs)
    before = regex.compile(
        rf"(?im)(?:^|[,;:.]|(?<!\w)vào)\s*(?<!\w)ngày\s+{_DATE}\s*,?(?:\s+[^\s;.,:]+){{0,12}}?\s+(?:đã\s+)?(?:{verbs})\s+\Z"
    )
    issuer_lead = regex.compile(rf"(?i)\s*,?\s*(?:{alternation(pat.issuer_leads)})\s+")
    issuer_stop = regex.compile(rf"(?:{alternation(pat.issuer_stops)})(?!\w)")
    issuer_stop_caps = regex.compile(rf"(?i)(?:{alternation(pat.issuer_stops)})(?!\w)")
    subject_lead = regex.compile(rf"\s*,?\s*(?:{alternation(pat.subject_leads)})(?!\w)\s*:?\s*", regex.IGNORECASE)
    subject_reject = regex.compile(rf"(?:{alternation(pat.subject_rejects)})(?!\w)")
    # a subject ends at the end of its clause, or where the next citation begins
    subject_stop = regex.compile(
        rf"(?i)[;\n]|\.(?=\s|$)|\((?=\s*(?:{type_alt}))|(?:,|\s+(?:{alternation(pat.enumeration_joins)}))"
        rf"\s+(?:(?:{plural})\s+)?(?:{type_alt})\s+(?:(?:{num_lead})\s*:?\s*)?\d"
    )
    join = regex.compile(
        rf"(?i)\s*(?:(?:{alternation(pat.enumeration_joins)})\s*)?(?:(?:{num_lead})\s*:?\s*)?"
    )
    not_reference = regex.compile(
        rf"(?i)(?:(?<!\w)(?:{alternation(pat.not_reference_leads)})\s*:?\s*|^[^\S\n]*(?:{num_lead})\s*:\s*)\Z",
        regex.MULTILINE,
    )
    short_tail = r"(?P<number>\d{1,5}[a-z]?)(?:/(?P<year>(?:19|20)\d\d))?(?![\w/.,-]*\w)(?![^\S\n]*[-/])"
    # on one line: `CÔNG ĐIỆN` over `6. Giao ...` is a title and an item, not `Công điện 6`
    gap = r"[^\S\n]"
    short = regex.compile(rf"(?i)(?<!\w)(?P<type>{type_alt}){gap}+(?:(?:{num_lead}){gap}*:?{gap}*)?{short_tail}")
    short_lower = re.compile(
        rf"(?<!\w)(?P<type>{alternation([w.lower() for w in words])}){gap}+"
        rf"(?:(?:{alternation([w.lower() for w in pat.number_leads])}){gap}*:?{gap}*)?{short_tail}"
    )
    return _Vocab(
        type_word=type_word,
        typed_gap=typed_gap,
        named_gap=named_gap,
        after=after,
        before=before,
        issuer_lead=issuer_lead,
        issuer_stop=issuer_stop,
        issuer_stop_caps=issuer_stop_caps,
        subject_lead=subject_lead,
        subject_reject=subject_reject,
        subject_stop=subject_stop,
        join=join,
        not_reference=not_reference,
        short=short,
        short_lower=short_lower,
        anaphor=regex.compile(rf"(?i)(?<!\w)(?P<type>{type_alt})\s+(?:{alternation(pat.anaphors)})(?!\w)")
        if pat.anaphors else None,
        anaphor_phrase=re.compile(rf"(?:{alternation([w.lower() for w in pat.anaphors])})(?!\w)")
        if pat.anaphors else None,
        type_ending=re.compile(rf"(?<!\w)(?:{alternation([w.lower() for w in words])})\s+\Z"),
        legislature=regex.compile(pat.legislature_code),
        generic=frozenset(w.casefold() for w in pat.generic_type_words),
        named=frozenset(w.casefold() for w in pat.named_types),
        pat=pat,
    )


@dataclass
class _Citation:
    """One full citation as found, before mentions are merged."""

    written_type: str | None
    number: str
    year: str | None
    symbol: str
    party: bool
    head: Span
    end: int  # end of the symbol, or of the date after it
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    mentions: list[Span] = field(default_factory=list)


def _iso(m: regex.Match[str]) -> str | None:
    suffix = "" if m.group("d") else "2"
    d, mo, y = (m.group(name + suffix) for name in ("d", "m", "y"))
    try:
        return _dt.date(int(y), int(mo), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _clean_symbol(raw: str, voc: _Vocab) -> str:
    """The symbol without spaces, with the known Đ/D confusions fixed (``QD-UBND`` → ``QĐ-UBND``)."""
    text = "".join(raw.split())
    text = "".join(voc.pat.symbol_character_fixes.get(c, c) for c in text)
    parts = _SYMBOL_PARTS_KEEP.split(text)
    out = []
    for i, part in enumerate(parts):
        if i == 0 and part in voc.pat.type_code_fixes:
            part = voc.pat.type_code_fixes[part]
        out.append(voc.pat.symbol_part_fixes.get(part, part))
    return "".join(out)


def _type_code(symbol: str) -> str:
    return _SYMBOL_PARTS.split(symbol)[0]


def _doc_type(written: str | None, symbol: str, voc: _Vocab) -> str | None:
    """The type as written, or told from the symbol's type code where the text says only `văn bản`."""
    types = rules.doc_types()
    if written and " ".join(written.split()).casefold() not in voc.generic:
        return types.canonical_label(written) or " ".join(written.split())
    code = _type_code(symbol)
    label = types.label_for_code(code)
    if label:
        return label
    if written is None and voc.legislature.match(symbol.split("/")[-1]):
        return None
    return voc.pat.default_type


def _scan_ranges(ctx: Context) -> list[tuple[int, int]]:
    """Where citations are looked for: all text but the document's own `Số:` line."""
    excluded = [(ln.start, ln.end) for ln in ctx.segmentation.lines if ln.kind == LineKind.NUMBER]
    for key in ("number", "symbol"):
        excluded.extend((sp.start, sp.end) for sp in ctx.header.spans.get(key, ()))
    ranges: list[tuple[int, int]] = []
    pos = 0
    for start, end in sorted(excluded):
        if start > pos:
            ranges.append((pos, start))
        pos = max(pos, end)
    if pos < len(ctx.text):
        ranges.append((pos, len(ctx.text)))
    return ranges


def _type_before(text: str, lo: int, start: int, voc: _Vocab) -> tuple[regex.Match[str], regex.Match[str]] | None:
    """The type word that introduces the symbol at ``start`` (nearest first), with the gap match."""
    window_start = max(lo, start - 220)
    found = None
    for m in voc.type_word.finditer(text, window_start, start):
        word = " ".join(m.group("type").split()).casefold()
        named = word in voc.named
        if named and not m.group("type")[0].isupper():
            continue  # `pháp luật số ...` is not a law's name
        gap_re = voc.named_gap if named else voc.typed_gap
        g = gap_re.fullmatch(text, m.end(), start)
        if g is not None:
            found = (m, g)
    return found


def _issuer(text: str, pos: int, limit: int, voc: _Vocab) -> tuple[str | None, int]:
    m = voc.issuer_lead.match(text, pos, limit)
    if not m:
        return None, pos
    words: list[tuple[int, int]] = []
    i = m.end()
    for w in _ISSUER_TOKEN.finditer(text[i:limit]):
        s, e = i + w.start(), i + w.end()
        tok = w.group()
        if not _WORD_CHAR.match(tok) or len(words) >= voc.pat.issuer_max_words:
            break
        stop = voc.issuer_stop_caps if tok.isupper() else voc.issuer_stop  # a title in capitals
        if words and stop.match(text, s):
            break
        if tok == "và":
            nxt = _NEXT_WORD.match(text[e:limit])
            if not nxt or not nxt.group(1)[0].isupper() or voc.type_word.match(text, e + nxt.start(1)):
                break
        if tok[:1].isdecimal():  # a number, not a name
            break
        words.append((s, e))
    if not words:
        return None, pos
    return text[words[0][0] : words[-1][1]], words[-1][1]


def _subject(text: str, pos: int, limit: int, voc: _Vocab) -> str | None:
    m = voc.subject_lead.match(text, pos, limit)
    if not m or voc.subject_reject.match(text, m.end()):
        return None
    start = m.end()
    stop = voc.subject_stop.search(text, start, min(limit, start + voc.pat.subject_max_chars))
    end = stop.start() if stop else min(limit, start + voc.pat.subject_max_chars)
    value = " ".join(text[start:end].split()).rstrip(",:- ")
    return value or None


def _line_ends(ctx: Context) -> tuple[list[int], list[int]]:
    lines = sorted((ln.start, ln.end) for ln in ctx.segmentation.lines)
    return [a for a, _ in lines], [b for _, b in lines]


def _line_end(pos: int, starts: list[int], ends: list[int], default: int) -> int:
    """End of the segmentation line holding ``pos``: an issuer or subject does not run past it."""
    i = bisect.bisect_right(starts, pos) - 1
    if 0 <= i < len(ends) and starts[i] <= pos < ends[i]:
        return min(default, ends[i])
    return default


def _citations(ctx: Context, voc: _Vocab) -> list[_Citation]:
    text = ctx.text
    found: list[_Citation] = []
    starts, ends = _line_ends(ctx)
    for lo, hi in _scan_ranges(ctx):
        prev: _Citation | None = None
        for m in _SYMBOL.finditer(text, lo, hi):
            party = m.group("pnumber") is not None or m.group("dnumber") is not None
            number = m.group("pnumber") or m.group("dnumber") or m.group("number")
            raw_symbol = m.group("psymbol") or m.group("dsymbol") or m.group("symbol")
            year = None if party else m.group("year")
            symbol = _clean_symbol(raw_symbol, voc)
            head_start = m.start()
            written: str | None = None
            date = None
            typed = _type_before(text, max(lo, prev.end if prev else lo), m.start(), voc)
            if typed is not None:
                tm, gap = typed
                written, head_start = tm.group("type"), tm.start("type")
                if gap.group("gdate"):
                    date = _iso(gap)
            elif prev is not None and voc.join.fullmatch(text, prev.end, m.start()):
                written = prev.written_type  # the next item of an enumeration
            else:
                strong = m.group("dnumber") is None and (party or year is not None or "-" in symbol)
                if not strong or voc.not_reference.search(text, max(lo, m.start() - 40), m.start()):
                    prev = None
                    continue
            end = m.end()
            d = voc.after.match(text, end, hi)
            if d is not None:
                date = date or _iso(d)
                end = d.end()
            elif date is None and typed is not None:
                b = voc.before.search(text, max(lo, prev.end if prev else lo, head_start - 250), head_start)
                date = _iso(b) if b else None
            cit = _Citation(
                written_type=written, number=number, year=year, symbol=symbol, party=party,
                head=Span(head_start, m.end()), end=end, date=date,
            )
            limit = _line_end(m.end() - 1, starts, ends, hi)
            issuer, pos = _issuer(text, end, limit, voc)
            cit.issuer = issuer
            cit.subject = _subject(text, pos, limit, voc)
            found.append(cit)
            prev = cit
    _share_issuers(found, text, voc)
    return found


def _share_issuers(found: list[_Citation], text: str, voc: _Vocab) -> None:
    """Items of an enumeration share the issuer named after the last one (`A, B và C của Thủ tướng`),
    and the date written after the last one when the items after the first are bare numbers (`các
    hợp đồng số 18/2023/HĐ-XL, 19/2023/HĐ-XL và 20/2023/HĐ-XL ngày 12/6/2023`: signed the same day)."""
    for i in range(len(found) - 2, -1, -1):
        cur, nxt = found[i], found[i + 1]
        same_issuer = _agency(cur.symbol) == _agency(nxt.symbol)
        if not same_issuer or nxt.head.start < cur.end or not text[cur.end : nxt.head.start].strip() \
                or not voc.join.fullmatch(text, cur.end, nxt.head.start):
            continue
        if cur.issuer is None and nxt.issuer is not None:
            cur.issuer = nxt.issuer
        if cur.date is None and nxt.date is not None and text[nxt.head.start].isdigit() \
                and cur.year in (None, nxt.date[:4]):  # (not `12/2020/NQ-HĐND, 15/2021/NQ-HĐND ngày 5/3/2021`)
            cur.date = nxt.date


def _agency(symbol: str) -> str:
    """The issuing body's part of a symbol (``CT-TTg`` → ``ttg``, ``KH/TU`` → ``tu``, ``VPCP-NN`` → ``vpcp``)."""
    parts = _SYMBOL_PARTS.split(symbol)
    if len(parts) > 1 and rules.doc_types().label_for_code(parts[0]):
        return parts[1].casefold()
    return parts[0].casefold()


def _norm_number(number: str) -> str:
    return number.casefold().lstrip("0") or "0"


def _merge_key(c: _Citation) -> tuple[str, str, str]:
    return (_norm_number(c.number), c.year or "", c.symbol.casefold().replace("-", "/"))


def _overlaps(start: int, end: int, taken: list[Span]) -> bool:
    """Whether ``start``-``end`` overlaps a span of a full citation."""
    return any(sp.start < end and start < sp.end for sp in taken)


def _short_mentions(ctx: Context, voc: _Vocab, taken: list[Span]) -> list[tuple[str, str, str | None, Span]]:
    """`Chỉ thị 08`, `Quyết định 2045`: (type as written, number, year, span) outside full citations."""
    out = []
    text, low = ctx.text, ctx.lower
    for lo, hi in _scan_ranges(ctx):
        found = voc.short_lower.finditer(low, lo, hi) if low is not None else voc.short.finditer(text, lo, hi)
        for m in found:
            if _overlaps(m.start(), m.end(), taken):
                continue
            year = text[m.start("year") : m.end("year")] if m.group("year") else None
            out.append((text[m.start("type") : m.end("type")], text[m.start("number") : m.end("number")], year,
                        Span(m.start(), m.end())))
    return out


def extract_references(ctx: Context) -> list[Reference]:
    """Every document the text cites, one per document, all its mentions merged (in text order)."""
    voc = _vocab()
    merged: dict[tuple[str, str, str], _Citation] = {}
    for c in _citations(ctx, voc):
        key = _merge_key(c)
        have = merged.get(key)
        if have is None:
            c.mentions.append(c.head)
            merged[key] = c
            continue
        have.mentions.append(c.head)
        if have.symbol.isupper() and not c.symbol.isupper():
            have.symbol = c.symbol  # `QĐ-TTG` in a title in capitals, `QĐ-TTg` in the body
        generic = have.written_type is None or " ".join(have.written_type.split()).casefold() in voc.generic
        if generic and c.written_type:
            have.written_type = c.written_type
        have.date = have.date or c.date
        have.issuer = have.issuer or c.issuer
        have.subject = have.subject or c.subject
    refs = {key: _to_reference(c, voc) for key, c in merged.items()}
    taken = [sp for c in merged.values() for sp in c.mentions]
    for written, number, year, span in _short_mentions(ctx, voc, taken):
        target = _short_target(written, number, year, refs, voc)
        if target is not None:
            ref = refs[target]
            refs[target] = replace(ref, mentions=(*ref.mentions, span))
    for written, span in _anaphors(ctx, voc, taken):
        want = rules.doc_types().canonical_label(written)
        before = [key for key, ref in refs.items()
                  if ref.doc_type == want and any(m.end <= span.start for m in ref.mentions)]
        if len(before) == 1:  # the one document of that type cited before it
            ref = refs[before[0]]
            refs[before[0]] = replace(ref, mentions=(*ref.mentions, span))
    out = [replace(r, mentions=tuple(sorted(r.mentions, key=lambda s: (s.start, s.end)))) for r in refs.values()]
    return sorted(out, key=lambda r: r.mentions[0].start if r.mentions else 0)


_LONGEST_TYPE = 60  # characters: longer than any document type's name


def _anaphors(ctx: Context, voc: _Vocab, taken: list[Span]) -> list[tuple[str, Span]]:
    """`Tờ trình nêu trên`: (type as written, span) outside full citations."""
    if voc.anaphor is None or voc.anaphor_phrase is None:
        return []
    out = []
    text, low = ctx.text, ctx.lower
    for lo, hi in _scan_ranges(ctx):
        if low is None:
            found = [(m.start("type"), m.end("type"), m.end()) for m in voc.anaphor.finditer(text, lo, hi)]
        else:  # the rare phrase first, then the type word just before it: far faster than scanning for types
            found = []
            for m in voc.anaphor_phrase.finditer(low, lo, hi):
                t = voc.type_ending.search(low, max(lo, m.start() - _LONGEST_TYPE), m.start())
                if t is not None:
                    found.append((t.start(), t.start() + len(t.group().rstrip()), m.end()))
        for start, type_end, end in found:
            if not _overlaps(start, end, taken):
                out.append((text[start:type_end], Span(start, end)))
    return out


def _short_target(
    written: str, number: str, year: str | None, refs: dict[tuple[str, str, str], Reference], voc: _Vocab
) -> tuple[str, str, str] | None:
    label = " ".join(written.split()).casefold()
    want = voc.pat.default_type if label in voc.generic else rules.doc_types().canonical_label(written)
    for key, ref in refs.items():
        if key[0] != _norm_number(number) or ref.doc_type != want:
            continue
        if year and year not in (ref.year, (ref.date or "")[:4]):
            continue
        return key
    return None


def _to_reference(c: _Citation, voc: _Vocab) -> Reference:
    return Reference(
        doc_type=_doc_type(c.written_type, c.symbol, voc),
        number=c.number,
        symbol=c.symbol,
        year=c.year,
        date=c.date,
        issuer=c.issuer,
        subject=c.subject,
        mentions=tuple(c.mentions),
    )
