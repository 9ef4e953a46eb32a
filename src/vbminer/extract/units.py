"""Named units (``units``): communes, towns, wards, districts, provinces and organisations.

Three passes over the body and annex, each leaving mentions that are merged per distinct unit:

1. departments by their full names, aliases and ``Phòng TC-KH``-style abbreviations
   (``patterns/departments.json``), looked up by their case-folded words, longest first;
2. a kind word followed by a name (``xã Minh Châu``, ``Trung tâm Y tế huyện``, ``Sở Tài chính``),
   with the name's extent told by capitalisation and the words of ``patterns/units.json``, or by the
   gazetteer where a name goes on past them (``xã Quế Xuân 1``, ``thị trấn Nông trường Phong Hải``,
   ``xã Yên Sở``; an apostrophe is part of a word: ``xã Ea H'Leo``);
3. lists: names after a kind-bearing unit (``các xã Đông Phú, Đông Quang``), after a list cue
   (``gồm: Thị trấn Nam Đàn, Xuân Lâm``, ``các xã có tỷ lệ ký số (0%): A, B``), and bare names with a
   figure that the gazetteer places in the issuer's district or province (``Đông Hưng 71,43%``).

Administrative units are resolved with :mod:`vbminer.gazetteer` (official name, GSO code, the unit
it became in 2025), scoped by the issuer.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate, compress

import regex

from .. import rules
from ..gazetteer import APOSTROPHES, Place, Scope, fold, gazetteer, scope_for
from ..types import Span, Unit
from .base import Context
from .tables import find_tables

# A word: letters, marks and digits, joined by ``&`` (``NN&MT``) or an apostrophe (``M'Drắk``, ``Ea H’Leo``, as
# the names of the Central Highlands are written); anything else that is not a space is a token of its own.
_INNER = "&'\u2019"
_TOKEN = regex.compile(rf"[\p{{L}}\p{{M}}\d]+(?:[{_INNER}][\p{{L}}\p{{M}}\d]+)*|\S")
_TOKEN_SPLIT = regex.compile(rf"({_TOKEN.pattern})")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_FIGURE_AFTER = regex.compile(r"\s*(?:\(\s*\d|\d+(?:[.,]\d+)?\s*%|:\s*\d)")
#: the verb of a list item's figure (`Nam Kim mới đạt 71,2%, Nam Cát 74,5%`)
_RESULT_VERB = r"(?:(?:(?:mới|chỉ)[^\S\n]+)?(?:đạt|chiếm)[^\S\n]+)?"
#: between two items of a list: a parenthesis, a percentage or a ratio with what it counts (`Đạo Trù 9/23
#: người (39,1%), Đại Đình 8/22 người`), with their verb, then a separator
_LIST_GAP = regex.compile(
    rf"\s*(?:(?P<paren>\([^()\n]{{0,80}}\))|{_RESULT_VERB}\d+(?:[.,]\d+)?\s*%"
    rf"|{_RESULT_VERB}\d+(?:[.,]\d+)?\s*/\s*\d+(?:[.,]\d+)?(?:[^\S\n]+\p{{Ll}}+){{0,2}}(?:\s*\([^()\n]{{0,40}}\))?)?"
    r"\s*(?:,\s*và|;\s*và|,|;|và)\s+"
)


@lru_cache(maxsize=1)
def _bmp_splitter() -> re.Pattern[str]:
    """``_TOKEN_SPLIT`` for texts within the Basic Multilingual Plane, in the standard ``re`` module, which
    splits a long text several times faster: its word and space classes are spelt out from ``_TOKEN``'s."""
    plane = "".join(map(chr, range(0x10000)))

    def ranges(pattern: str) -> str:
        spans = ((m.start(), m.end() - 1) for m in regex.finditer(pattern, plane))
        return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans)

    word, space = ranges(r"[\p{L}\p{M}\d]+"), ranges(r"\s+")
    return re.compile(f"([{word}]+(?:[{_INNER}][{word}]+)*|[^{space}])")


def _tokenise(text: str, ranges: list[tuple[int, int]]) -> tuple[list[str], list[int], list[int]]:
    """The ``_TOKEN`` tokens of the ranges of ``text``, their start offsets and the index of the last token
    of each range, without a match object per token: one split per range gives the tokens and the gaps
    between them, whose lengths give the offsets."""
    split = _TOKEN_SPLIT.split if _ASTRAL.search(text) else _bmp_splitter().split
    words: list[str] = []
    starts: list[int] = []
    ends_of_ranges: list[int] = []
    for lo, hi in ranges:
        parts = split(text[lo:hi])  # gap, token, gap, ..., token, gap
        words += parts[1::2]
        starts += list(accumulate(map(len, parts), initial=lo))[1:-1:2]
        if words:
            ends_of_ranges.append(len(words) - 1)
    return words, starts, ends_of_ranges


class _Tok:
    """A word or punctuation mark of the body, with the features the scan asks about."""

    __slots__ = ("cap", "digit", "end", "folded", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str, folded: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.folded = folded
        first = text[0]
        self.cap = first.isupper()
        self.lower = first.islower()
        self.digit = text.isdigit()


class _Toks(dict[int, _Tok]):
    """The body's tokens by index (negative indices count from the end, as in a list), each made when
    first read: of the thousands of tokens of a text the scan reads a few hundred."""

    def __init__(self, words: list[str], starts: list[int], folded: list[str]) -> None:
        super().__init__()
        self.words = words
        self.starts = starts
        self.folded = folded

    def __missing__(self, i: int) -> _Tok:
        n = i + len(self.words) if i < 0 else i
        if not 0 <= n < len(self.words):
            raise IndexError(i)
        word = self.words[n]
        start = self.starts[n]
        tok = self[i] = _Tok(start, start + len(word), word, self.folded[n])
        return tok


_FIGURE_OPEN = regex.compile(r"[(:\d]")  # the first character after the spaces of a _FIGURE_AFTER match
_TRAILING_DIGITS = regex.compile(r"\d+$")
_MEASURE_AFTER = regex.compile(r"\s*(?:[%.,]\d|%|\s*ha\b)")
_ABBREVIATION = regex.compile(r"[\p{Lu}\d&-]{2,}")
_ITEM_END = regex.compile(r"\s*(?:[,;.:()]|và\b|\d|$|\n)")
_ITEM_RESULT = regex.compile(rf"[^\S\n]+{_RESULT_VERB}\d")  # `Nam Kim mới đạt 71,2%`
#: after a number that ends a name: a ratio, a percentage, a decimal or a counted noun
_COUNT_AFTER = regex.compile(r"\s*/\s*\d|\s*%|[.,]\d|[^\S\n]+\p{Ll}")


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # as written, without the kind word (unless it belongs to the name)
    kind: str | None
    level: str | None = None
    dept: rules.Department | None = None
    place: Place | None = None
    key: tuple[str, ...] = ()
    seat: str = ""  # a department's locality as written after its level (`an dương` of `Công an huyện An Dương`)


@dataclass
class _Scan:
    text: str
    toks: _Toks
    folded: list[str]  # each token's text case folded
    n: int  # the number of tokens
    marks: dict[str, int]  # folded text → its marks (_KIND, _DEPT, ...), where it has any
    marked: list[int]  # indices of the tokens with a mark
    ends_of_ranges: list[int]  # index of the last token of each body range
    scope: Scope
    issuer_level: str | None
    era: str | None
    taken: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, ranges: list[tuple[int, int]], scope: Scope, issuer_level: str | None,
           era: str | None) -> _Scan:
        """The scan of the ``ranges`` of ``text``."""
        words, starts, ends_of_ranges = _tokenise(text, ranges)
        folded = list(map(str.casefold, words))
        if "\u2019" in text or "\u02bc" in text:  # apostrophes read as the plain one, as the gazetteer folds them
            folded = [f.translate(APOSTROPHES) for f in folded]
        marks = {f: m for f in set(folded) if (m := _marks(f))}
        return cls(text=text, toks=_Toks(words, starts, folded), folded=folded, n=len(words), marks=marks,
                   marked=list(compress(range(len(folded)), map(marks.__contains__, folded))),
                   ends_of_ranges=ends_of_ranges, scope=scope, issuer_level=issuer_level, era=era)

    def index_at(self, start: int) -> int | None:
        """Index of the token that starts at character ``start``, or None."""
        starts = self.toks.starts
        n = bisect_left(starts, start)
        return n if n < len(starts) and starts[n] == start else None

    def where(self, mark: int) -> list[int]:
        """Indices of the tokens with ``mark``, in order."""
        marks, folded = self.marks, self.folded
        return [i for i in self.marked if marks[folded[i]] & mark]

    def free(self, start: int, end: int) -> bool:
        for s, e in self.taken:
            if end > s and start < e:
                return False
        return True

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        self.taken.append((m.start, m.end))


# ------------------------------------------------------------------------------------------ words


@lru_cache(maxsize=1)
def _vocab() -> tuple[list[tuple[tuple[str, ...], rules.AdminKind]], list[tuple[tuple[str, ...], rules.OrgKind]]]:
    pats = rules.units()
    admin = sorted(((tuple(k.word.casefold().split()), k) for k in pats.admin_kinds), key=lambda x: -len(x[0]))
    org = sorted(((tuple(k.word.casefold().split()), k) for k in pats.org_kinds), key=lambda x: -len(x[0]))
    return admin, org


def _match_words(scan: _Scan, i: int, words: tuple[str, ...]) -> int | None:
    """Index after ``words`` starting at token ``i`` (single spaces between), or None."""
    folded, toks = scan.folded, scan.toks
    j = i
    for w in words:
        if j >= len(folded) or folded[j] != w:
            return None
        if j > i and scan.text[toks[j - 1].end : toks[j].start] != " ":
            return None
        j += 1
    return j


@lru_cache(maxsize=1)
def _suffixes_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The locality suffixes by their first word, longest first (the scan asks at every name's end)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in _longest_first("locality_suffixes"):
        index.setdefault(words[0], []).append(words)
    return {first: tuple(words) for first, words in index.items()}


def _locality_suffix(scan: _Scan, j: int) -> int | None:
    """Index after a locality word at token ``j`` (``huyện``, ``tỉnh Nghệ An``), or None."""
    toks, text = scan.toks, scan.text
    if j >= scan.n:
        return None
    for words in _suffixes_by_first().get(scan.folded[j], ()):
        if j > 0 and text[toks[j - 1].end : toks[j].start] != " ":
            return None
        k = _match_words(scan, j, words)
        if k is None:
            continue
        if k < scan.n and (scan.folded[k - 1], scan.folded[k]) in _not_localities() \
                and text[toks[k - 1].end : toks[k].start] == " ":
            return None  # `Trung tâm Bảo trợ xã hội`: an ordinary word, no commune
        # a proper name after it belongs to it: "tỉnh Nghệ An" (not "huyện Phối hợp ...")
        n = _cap_run(scan, k, 4)
        if n - k == 1 and not gazetteer().candidates(toks[k].text):
            n = k
        return n if n > k else k
    return None


def _cap_run(scan: _Scan, j: int, limit: int, newline: bool = False) -> int:
    """Index after up to ``limit`` capitalised words (space-separated) from token ``j``."""
    toks, text = scan.toks, scan.text
    k = j
    while k < scan.n and k - j < limit and toks[k].cap and (k == j or text[toks[k - 1].end : toks[k].start] == " "):
        if k > j and (_opens_place(scan, k) or (_org_kind_at(scan, k) and not _ends_place(scan, k))):
            break  # (`thành phố Hải Phòng`: a place's name that ends with a kind word)
        k += 1
    if k > j and text[toks[j - 1].end : toks[j].start] not in ((" ", "\n") if newline else (" ",)):
        return j
    return k


@lru_cache(maxsize=1)
def _place_names() -> tuple[dict[tuple[str, ...], frozenset[int]], dict[str, int]]:
    """The names of the gazetteer as folded token tuples, each with the positions of its words written in lower case
    (``Nông trường Phong Hải``: 1), and the most tokens of a name by its first token."""
    names: dict[tuple[str, ...], set[int]] = {}
    for name in {place.name for place in gazetteer().places}:
        key = tuple(_TOKEN.findall(fold(name)))
        names.setdefault(key, set()).update(n for n, w in enumerate(_TOKEN.findall(name)) if w[0].islower())
    longest: dict[str, int] = {}
    for key in names:
        if key:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return {k: frozenset(v) for k, v in names.items()}, longest


def _place_end(scan: _Scan, j: int, least: int = 1) -> int | None:
    """Index after the longest name of the gazetteer of at least ``least`` tokens written at token ``j`` (its words one
    space apart, a word in lower case only where the gazetteer writes it so), or None.

    It reads the names that capitalisation does not delimit: a number (``Quế Xuân 1``; not one that opens a
    figure), a lower-case word (``Nông trường Phong Hải``), a kind word (``Yên Sở``, ``Nậm Ban``, ``Trị Quận``)."""
    names, longest = _place_names()
    folded = scan.folded
    most = longest.get(folded[j])
    if most is None or most < least:
        return None
    words, starts, text = scan.toks.words, scan.toks.starts, scan.text
    if not words[j][0].isupper():
        return None
    top = min(j + most, scan.n)
    reach = j + 1  # the tokens before it are one space apart
    while reach < top and starts[reach] == starts[reach - 1] + len(words[reach - 1]) + 1 \
            and text[starts[reach] - 1] == " ":
        reach += 1
    for end in range(reach, j + least - 1, -1):
        lower = names.get(tuple(folded[j:end]))
        if lower is None:
            continue
        if end > j + 1 and any(words[k][0].islower() and k - j not in lower for k in range(j + 1, end)):
            continue  # "Ban Chỉ đạo" does not name the commune "Chỉ Đạo"
        if not (words[end - 1].isdigit() and _MEASURE_AFTER.match(text, starts[end - 1] + len(words[end - 1]))):
            return end
    return None


def _name_end(scan: _Scan, j: int) -> tuple[int, bool]:
    """Index after the name of a unit at token ``j`` (``j`` when there is none): its capitalised words, or a
    longer name of the gazetteer there; and whether it is the longer name."""
    end = _cap_run(scan, j, 4)
    if j > 0 and scan.text[scan.toks[j - 1].end : scan.toks[j].start] != " ":
        return end, False
    longer = _place_end(scan, j, max(end - j, 0) + 1)
    return (end, False) if longer is None else (longer, True)


def _is_place(scan: _Scan, j: int, end: int) -> bool:
    """Whether tokens ``j`` to ``end`` write a name of the gazetteer."""
    return end > j and _place_end(scan, j, end - j) == end


@lru_cache(maxsize=1)
def _first_index() -> tuple[dict[str, list[tuple[tuple[str, ...], rules.AdminKind]]],
                            dict[str, list[tuple[tuple[str, ...], rules.OrgKind]]],
                            dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
    admin, org = _vocab()
    a: dict[str, list[tuple[tuple[str, ...], rules.AdminKind]]] = {}
    o: dict[str, list[tuple[tuple[str, ...], rules.OrgKind]]] = {}
    for words, aspec in admin:
        a.setdefault(words[0], []).append((words, aspec))
    for words, ospec in org:
        o.setdefault(words[0], []).append((words, ospec))
    stops: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _phrase_words("name_stops"):
        stops.setdefault(phrase[0], []).append(phrase)
    nots: dict[str, list[tuple[str, ...]]] = {}
    for words in _phrase_words("not_names"):
        nots.setdefault(words[0], []).append(words)
    return a, o, stops, nots


# What a token may start or stand for, told by its folded text: each pass visits the tokens with its mark
# (``_Scan.where``) instead of every token of the text.
_KIND = 1  # a kind word of a unit or an organisation (its first word)
_DEPT = 2  # a department name of the lexicon (its first word)
_CUE_KIND = 4  # a kind or group word of _cue_pattern, possibly with more after it in the token ("xã1")
_FIGURE = 8  # what may open a figure after a name (_FIGURE_AFTER)
_PROVINCE = 16  # "tỉnh"


def _marks(folded: str) -> int:
    """The marks of a token whose folded text is ``folded`` (0 for none)."""
    admin, org = _first_index()[:2]
    return (_KIND * (folded in admin or folded in org) | _DEPT * (folded in _lexicon_lengths())
            | _CUE_KIND * folded.startswith(_cue_words()[0]) | _FIGURE * bool(_FIGURE_OPEN.match(folded))
            | _PROVINCE * (folded == "tỉnh"))


def _admin_kind_at(scan: _Scan, i: int) -> tuple[int, rules.AdminKind] | None:
    for words, spec in _first_index()[0].get(scan.toks[i].folded, ()):
        j = _match_words(scan, i, words)
        if j is not None:
            return j, spec
    return None


def _opens_place(scan: _Scan, k: int) -> bool:
    """Whether the capitalised kind word at token ``k`` inside a run of names opens a place of its own: a
    name follows it, or it is a district's or province's word; else it ends a hamlet's name (``thôn Khuổi
    Phường đạt 74,7%``, ``ấp Tam Sóc B``)."""
    hit = _admin_kind_at(scan, k)
    if hit is None:
        return False
    after, spec = hit
    if spec.level in ("tỉnh", "huyện") or spec.word == "thành phố":
        return True
    if after >= scan.n or scan.text[scan.toks[after - 1].end : scan.toks[after].start] != " ":
        return False
    nxt = scan.toks[after]
    return (nxt.cap and len(nxt.text) > 1) or (nxt.digit and not _counts(scan, after))


def _org_kind_at(scan: _Scan, i: int) -> tuple[int, rules.OrgKind] | None:
    specs = _first_index()[1].get(scan.folded[i])
    if not specs:
        return None
    text = scan.toks.words[i]
    after_title = i > 0 and scan.folded[i - 1] == "trưởng"  # "Trưởng phòng Tư pháp"
    if (not text[0].isupper() and not after_title) or (text.isupper() and len(text) > 1 and text != "HTX"):
        return None
    for words, spec in specs:
        j = _match_words(scan, i, words)
        if j is not None:
            return j, spec
    return None


def _new_org_at(scan: _Scan, k: int) -> bool:
    """Whether an organisation of its own starts at token ``k`` inside a name: a kind word followed
    by a name, a number or a locality (``Phòng Nội vụ``, ``Công an huyện``), not a kind word that
    is a word of the name (``Ban Chỉ huy Phòng thủ dân sự``: ``Phòng`` then ``thủ``). A kind phrase of
    three words or more (``Khu Quản lý đường bộ II``) is never a word of another name."""
    hit = _org_kind_at(scan, k)
    if hit is None:
        return False
    j = hit[0]
    toks = scan.toks
    if j >= scan.n or scan.text[toks[j - 1].end : toks[j].start] != " ":
        return True
    return toks[j].cap or toks[j].digit or _locality_suffix(scan, j) is not None or j - k >= 3 \
        or scan.folded[j] in _plural_words()  # `Phòng Cảnh sát kinh tế và Công an các huyện`


@lru_cache(maxsize=1)
def _kept_kind_words() -> frozenset[str]:
    """Kinds whose word is part of a unit's name (``keep_word`` in ``units.json``: ``Bộ``, ``Công an``)."""
    return frozenset(k.kind for _, k in _vocab()[1] if k.keep_word and k.word.casefold() == k.kind)


def _starts_not_name(scan: _Scan, j: int) -> bool:
    for phrase in _first_index()[3].get(scan.toks[j].folded, ()):
        if _match_words(scan, j, phrase) is not None:
            return True
    return False


# ------------------------------------------------------------------------------- organisations


def _stop_at(scan: _Scan, k: int) -> bool:
    """Whether a stop word or phrase (``các``, ``chủ trì``) starts at token ``k`` (not the first syllable
    of a word, ``giao thông``)."""
    if k + 1 < scan.n and (scan.folded[k], scan.folded[k + 1]) in _compounds():
        return False
    for phrase in _first_index()[2].get(scan.toks[k].folded, ()):
        if _match_words(scan, k, phrase) is not None:
            return True
    return False


@cache
def _phrase_words(field: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of a list of ``units.json`` (``name_stops``, ``not_names``, ``appositions``) as case-folded
    words."""
    return tuple(tuple(p.casefold().split()) for p in getattr(rules.units(), field))


@cache
def _longest_first(field: str) -> tuple[tuple[str, ...], ...]:
    """:func:`_phrase_words`, the longest phrase first (``cửa khẩu quốc tế`` before ``cửa khẩu``)."""
    return tuple(sorted(_phrase_words(field), key=len, reverse=True))


def _apposition_at(scan: _Scan, k: int) -> bool:
    """Whether a role phrase (``appositions`` in ``units.json``) starts at token ``k``."""
    return any(_match_words(scan, k, words) is not None for words in _phrase_words("appositions"))


def _ends_org_kind(scan: _Scan, k: int) -> bool:
    """Whether an organisation's kind word (``Ban``, ``Hội đồng``) ends just before token ``k``."""
    return any(i >= 0 and (hit := _org_kind_at(scan, i)) is not None and hit[0] == k for i in (k - 1, k - 2, k - 3))


#: The most lower-case words (and commas) of a committee's purpose (``Ban Chỉ đạo phổ cập giáo dục,
#: xóa mù chữ xã``).
_PURPOSE_WORDS = 14


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _purpose_end(scan: _Scan, k: int) -> int | None:
    """Index after the lower-case purpose of a committee that starts at token ``k`` and the locality
    that ends it (``rà soát hộ nghèo, hộ cận nghèo xã``), or None: without a locality to end it,
    where the purpose stops cannot be told from a verb after the name."""
    toks, text = scan.toks, scan.text
    joiners = set(rules.units().joiners)
    run = k
    while run < scan.n and run - k < _PURPOSE_WORDS:
        gap = text[toks[run - 1].end : toks[run].start]
        if gap != " " and not (gap == "" and (toks[run].text in ",-" or toks[run - 1].text == "-")):
            return None  # words one space apart; a comma or a hyphen (`COVID-19`) written close
        tok = toks[run]
        if run > k and (after := _locality_suffix(scan, run)) is not None:
            return after
        if tok.cap and (title := _purpose_title_end(scan, run)) is not None:
            run = title  # `triển khai Đề án 06`, `các Chương trình mục tiêu quốc gia`
            continue
        if tok.text == ",":
            if run + 1 >= scan.n or not toks[run + 1].lower:
                return None
        elif tok.folded == "năm" and run > k and run + 1 < scan.n and _is_year(toks[run + 1].text):
            run += 1  # `Tổng điều tra dân số và nhà ở năm 2019 tỉnh Trà Vinh`: the year the purpose is of
        elif run == k and tok.folded == "các" and run + 1 < scan.n \
                and (toks[run + 1].lower or _purpose_title_end(scan, run + 1) is not None) \
                and _admin_kind_at(scan, run + 1) is None:
            pass  # `Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh` (not `các xã`: the units themselves)
        elif run > k and ((tok.digit and toks[run - 1].text == "-")
                          or (tok.text == "-" and toks[run - 1].text.isupper())
                          or (tok.text.isupper() and len(tok.text) > 1 and run + 1 < scan.n
                              and toks[run + 1].text == "-")):
            pass  # `phòng, chống dịch COVID-19 xã` (not a footnote's number: `dân 1 sự`)
        elif run > k and tok.folded == "về" and toks[run - 1].lower:
            pass  # `Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện`: what the purpose is about
        elif not tok.lower or (tok.folded in _single_word_stops() and tok.folded not in joiners
                               and (toks[run - 1].folded, tok.folded) not in _compounds()):
            return None  # a function word ends it; verbs do not (`rà soát`, `xây dựng` name purposes)
        run += 1
    return None


def _purpose_title_end(scan: _Scan, k: int) -> int | None:
    """Index after a title a committee's purpose names at token ``k`` and its number (``Đề án 06``,
    ``Chương trình 135``; ``purpose_titles`` in ``units.json``), or None."""
    for words in _longest_first("purpose_titles"):
        end = _match_words(scan, k, words)
        if end is not None:
            toks = scan.toks
            if end < scan.n and toks[end].digit and scan.text[toks[end - 1].end : toks[end].start] == " ":
                end += 1
            return end
    return None


_OPEN_FIELD_WORDS = 12


@cache
def _field_inner() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(regex.findall(r"\w+|[^\w\s]", p.casefold())) for p in rules.units().field_inner)


@cache
def _open_fields() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(regex.findall(r"\w+|[^\w\s]", p.casefold())) for p in rules.units().open_fields)


@cache
def _punctuated_openings() -> tuple[tuple[str, ...], ...]:
    """The ``open_fields`` written with a comma (``Phòng, chống``), whose first word is capitalised alone."""
    return tuple(w for w in _open_fields() if "," in w)


def _open_field_end(scan: _Scan, j: int, k: int) -> int | None:
    """Index after the lower-case field that follows an opening that is never a whole name (tokens
    ``j`` to ``k``: ``Quản lý``, ``open_fields`` in ``units.json``), or None. The field runs through
    ``field_inner`` words (``các``, ``và`` before more of it, ``đầu tư xây dựng``) up to a verb, a
    function word, punctuation or a locality (which the name then takes as usual)."""
    if tuple(scan.folded[j:k]) not in _open_fields():
        return None
    toks, text, folded = scan.toks, scan.text, scan.folded
    inner = _field_inner()
    limit = min(scan.n, k + _OPEN_FIELD_WORDS)
    run = k
    while run < limit and toks[run].lower and text[toks[run - 1].end : toks[run].start] == " " \
            and _locality_suffix(scan, run) is None:
        held = next((len(w) for w in inner if _match_punctuated(scan, run, w)), 0)
        if held and any(len(w) > held and _match_words(scan, run, w) is not None for w in _phrase_words("name_stops")):
            break  # `về` goes on with a field (`Cảnh sát quản lý hành chính về trật tự xã hội`), `về việc` not
        if held:
            nxt = run + held
            if held == 1 and not (nxt < scan.n and toks[nxt].lower and not _field_stop_at(scan, nxt)
                                  and _locality_suffix(scan, nxt) is None):
                break  # `các`, `và` only before more of the field
            run = nxt
            continue
        if _field_stop_at(scan, run) and (folded[run - 1], folded[run]) not in _compounds():
            break
        run += 1
    return run if run > k else None


def _match_punctuated(scan: _Scan, i: int, words: tuple[str, ...]) -> bool:
    """Whether ``words`` start at token ``i``, one space apart or written close to a comma."""
    toks = scan.toks
    if i + len(words) > scan.n or tuple(scan.folded[i : i + len(words)]) != words:
        return False
    return all(scan.text[toks[j - 1].end : toks[j].start] == ("" if toks[j].text == "," else " ")
               for j in range(i + 1, i + len(words)))


def _names_its_field(scan: _Scan, k: int) -> bool:
    """Whether ``các`` and a noun at token ``k`` go on with the field of a name of the lexicon (``Ban
    Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh``: one of several such boards)."""
    return k + 1 < scan.n and scan.folded[k] == "các" and scan.toks[k + 1].lower \
        and _locality_suffix(scan, k + 1) is None and not _field_stop_at(scan, k + 1)


def _field_stop_at(scan: _Scan, k: int) -> bool:
    """Whether a field in lower case ends at token ``k``: a name stop or a verb of ``tasks.json``, not
    the first syllable of a word (``Cảnh sát giao thông``)."""
    if k + 1 < scan.n and (scan.folded[k], scan.folded[k + 1]) in _compounds():
        return False
    return _stop_at(scan, k) or _verb_at(scan, k)


@cache
def _bare_localities() -> frozenset[str]:
    return frozenset(w.casefold() for w in rules.units().locality_suffixes)


@cache
def _not_localities() -> frozenset[tuple[str, ...]]:
    """Two-syllable words that open (``xã hội``) or close (``văn bản``) with a locality word."""
    return frozenset(w for w in _phrase_words("not_localities") if len(w) == 2)


@cache
def _compounds() -> frozenset[tuple[str, ...]]:
    """Two-syllable words with a syllable that is also a stop word (``Chương trình``: not ``trình``;
    ``giao thông``: not ``giao``)."""
    return frozenset(w for w in _phrase_words("compounds") if len(w) == 2)


@cache
def _single_word_stops() -> frozenset[str]:
    return frozenset(words[0] for words in _phrase_words("name_stops") if len(words) == 1)


def _counts(scan: _Scan, k: int) -> bool:
    """Whether the number at token ``k`` after a name is a figure (``Tà Năng 14/658``, ``Ninh Loan 7
    em``), not the name's own number (``Hoa Sen 2``, ``Số 2 huyện``, ``dự án 85 phối hợp``)."""
    if not _COUNT_AFTER.match(scan.text, scan.toks[k].end) or (k > 0 and scan.folded[k - 1] == "số"):
        return False  # `Đội Quản lý thị trường số 15 thuộc Cục ...`: the name's own number
    nxt = k + 1
    return not (nxt < scan.n and scan.toks[nxt].lower
                and (_locality_suffix(scan, nxt) is not None or _stop_at(scan, nxt)))


def _described_name(scan: _Scan, j: int) -> int:
    """Where the name starts after a company's or cooperative's lower-case descriptor at token ``j``
    (``dịch vụ nông nghiệp`` Tân Dĩnh: up to four words and no stop word), else ``j``."""
    toks, text = scan.toks, scan.text
    k = j
    while k < scan.n and k - j < 4 and toks[k].lower and not _stop_at(scan, k) \
            and _locality_suffix(scan, k) is None and (k == j or text[toks[k - 1].end : toks[k].start] == " "):
        k += 1
    if k > j and k < scan.n and toks[k].cap and text[toks[k - 1].end : toks[k].start] == " " \
            and " ".join(toks[x].folded for x in range(j, min(j + 2, k))) not in _verbs() \
            and toks[j].folded not in _verbs():
        return k
    return j  # `Công ty tiếp tục khai thuế GTGT`, `Công ty liên hệ Phòng ...`: the short name and a verb


def _after_descriptor(scan: _Scan, j: int) -> int:
    """Where the name starts after one of ``name_descriptors`` (``units.json``) at token ``j`` that a
    capitalised word follows (``tư thục`` Hoa Sen), else ``j``; a descriptor may have its number
    (``số 1`` Si Ma Cai)."""
    for words in _longest_first("name_descriptors"):
        k = _match_words(scan, j, words)
        if k is not None and k + 1 < scan.n and scan.toks[k].digit and len(scan.toks[k].text) <= 2 \
                and scan.text[scan.toks[k - 1].end : scan.toks[k].start] == " ":
            k += 1
        if k is not None and k < scan.n and scan.toks[k].cap \
                and scan.text[scan.toks[k - 1].end : scan.toks[k].start] == " ":
            return k
    return j


@cache
def _verbs() -> frozenset[str]:
    """The verbs of ``tasks.json`` (a company's descriptor never starts with one)."""
    return frozenset(v.casefold() for v in rules.tasks().verbs)


def _verb_at(scan: _Scan, i: int) -> bool:
    """Whether a verb of ``tasks.json`` (one word or two) starts at token ``i``, in lower case."""
    if i >= scan.n or not scan.toks[i].lower:
        return False
    return scan.folded[i] in _verbs() or (i + 1 < scan.n and f"{scan.folded[i]} {scan.folded[i + 1]}" in _verbs())


def _purpose_head(scan: _Scan, i: int) -> bool:
    """Whether a committee whose name goes on with its purpose starts at token ``i`` (``purpose_heads``
    in ``units.json``: ``Ban Chỉ đạo``, ``Ban Chỉ huy``)."""
    return any(_match_words(scan, i, words) is not None for words in _phrase_words("purpose_heads"))


def _number_before_locality(scan: _Scan, k: int) -> bool:
    """Whether token ``k`` is a number before a locality word, which opens a name (``Thuế cơ sở 5 tỉnh Hà Tĩnh``)."""
    return scan.toks[k].digit and _locality_suffix(scan, k + 1) is not None


def _org_name_end(scan: _Scan, j: int, open_name: bool = False, purpose: bool = False,
                  kind_word: str | None = None) -> int:
    """Index after the name of an organisation starting at token ``j`` (``j`` when there is none).

    ``open_name``: the name may go on through kind words (a company's or group's name), though not
    through a joiner and its own ``kind_word`` again (``Công ty A và Công ty B`` are two); ``purpose``:
    a committee's name may go on with its purpose in lower case up to a locality (:func:`_purpose_end`)."""
    pats = rules.units()
    toks, text = scan.toks, scan.text
    joiners, bodies = set(pats.joiners), set(pats.joined_bodies)
    end = j
    k = j
    while k < scan.n:
        gap = text[toks[k - 1].end : toks[k].start] if k > 0 else " "
        if "\n" in gap or (gap not in (" ", "") and k > j):
            break
        tok = toks[k]
        if tok.digit and k > j and _counts(scan, k):
            break  # `Trường THCS Tà Năng 14/658 học sinh`, `... Ninh Loan 7 em`: a figure, not the name's number
        if k == j and tok.cap and (held := next((len(w) for w in _punctuated_openings()
                                                  if _match_punctuated(scan, k, w)), 0)):
            k = end = k + held  # `Khoa Phòng, chống bệnh truyền nhiễm`: the field follows in lower case
            continue
        if tok.cap or (tok.digit and k > j) or _number_before_locality(scan, k):
            if k > j and ((not open_name and _new_org_at(scan, k) and not _ends_place(scan, k))
                          or _starts_not_name(scan, k)):
                break
            if k > j and _admin_kind_at(scan, k) and _locality_suffix(scan, k):
                break
            # a capitalised word opens a compound whose next syllable may be lower case (Tài chính,
            # Chỉ huy): the first of a run of capitals, or the first after a kind word inside the
            # name (Văn phòng Ban Chỉ huy)
            first_of_run = tok.cap and (k == j or not toks[k - 1].cap or _ends_org_kind(scan, k)) \
                and not (tok.text.isupper() and (len(tok.text) > 1 or tok.text in "IVX"))  # (not `số 2`, `đường bộ I`)
            k += 1
            end = k
            if first_of_run and k < scan.n and toks[k].lower \
                    and (not _stop_at(scan, k) or (toks[k - 1].folded, toks[k].folded) in _compounds()) \
                    and _locality_suffix(scan, k) is None and _area_end(scan, k) is None \
                    and not (k + 1 < scan.n and f"{scan.folded[k]} {scan.folded[k + 1]}" in _verbs()) \
                    and text[toks[k - 1].end : toks[k].start] == " ":  # (not `Ban tổng hợp hồ sơ`: a verb)
                k += 1
                end = k
            continue
        if tok.text == "," and k > j and (last := _field_list_end(scan, k, open_name)) is not None:
            k = last  # `Trung tâm Văn hóa, Thể thao và Truyền thông`: fields up to the last one's joiner
            continue
        if tok.folded in joiners and k > j:
            if tok.text in "-–" and k + 1 < scan.n and _apposition_at(scan, k + 1):
                break  # "Bộ Xây dựng - Cơ quan thường trực": the unit's role, not more of its name
            if kind_word is not None and k + 1 < scan.n and (again := _org_kind_at(scan, k + 1)) is not None \
                    and again[1].word == kind_word:
                break
            if k + 1 < scan.n and toks[k + 1].cap and text[tok.end : toks[k + 1].start] in (" ", "") \
                    and toks[k + 1].text not in bodies and not _cites_at(scan, k + 1) \
                    and (open_name or not _new_org_at(scan, k + 1)) and not _starts_not_name(scan, k + 1):
                k += 1
                continue
            break
        if tok.lower and k > j:
            if purpose and (after := _purpose_end(scan, k)) is not None:
                k = end = after
                continue
            if not open_name and (after := _open_field_end(scan, j, k)) is not None:
                k = end = after  # `Chi cục Quản lý thị trường`: an opening that needs its field
                continue
            run = k
            while run < scan.n and run - k < pats.name_max_lower_run and toks[run].lower \
                    and (not _stop_at(scan, run) or (toks[run - 1].folded, toks[run].folded) in _compounds()) \
                    and _locality_suffix(scan, run) is None and _area_end(scan, run) is None \
                    and text[toks[run - 1].end : toks[run].start] == " ":
                run += 1
            if run - k <= 3 and (area := _area_end(scan, run)) is not None:
                k = end = area  # `Trung tâm Dịch vụ nông nghiệp khu vực Hòn Đất`
                continue
            if run > k and run < scan.n and _locality_suffix(scan, run) is not None:
                k = run
                end = run
                continue
            if run < scan.n and _stop_at(scan, run) and (bare := _field_to_bare_locality(scan, k)) is not None:
                k = end = bare  # `Đội Thanh tra xây dựng quận`: a field named by a verb, up to its level
                continue
            if run > k and run - k <= (5 if open_name else 3) and run < scan.n \
                    and text[toks[run - 1].end : toks[run].start] == " " and (
                    (toks[run].cap and not toks[run].text.isupper() and (open_name or not _new_org_at(scan, run))
                     and not _starts_not_name(scan, run))
                    or (toks[run].digit and len(toks[run].text) <= 3 and not _counts(scan, run)
                        and not (run + 1 < scan.n and toks[run + 1].digit))  # `Ban Quản lý dự án 85`
                    or (toks[run].folded in joiners and run + 1 < scan.n and toks[run + 1].cap)):
                k = run
                continue
            if run > k and run - k <= 3 and _field_tail(scan, j, k, run, kind_word):
                k = end = run
                continue
            break
        break
    return end


def _cites_at(scan: _Scan, k: int) -> bool:
    """Whether a document is cited at token ``k``: its type and ``số`` or its number (``và Kế hoạch số 245``)."""
    for words in _doc_type_words():
        end = _match_words(scan, k, words)
        if end is not None and end < scan.n and (scan.folded[end] == "số" or scan.toks[end].digit):
            return True
    return False


@cache
def _doc_type_words() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(label.casefold().split()) for label in rules.doc_types().labels())


def _ends_place(scan: _Scan, k: int) -> bool:
    """Whether the kind word at token ``k`` ends a place's name with the word before it (``Báo Hải
    Phòng``: the city of Hải Phòng, not a Phòng)."""
    toks = scan.toks
    return k > 0 and toks[k - 1].cap and scan.text[toks[k - 1].end : toks[k].start] == " " \
        and bool(gazetteer().candidates(f"{toks[k - 1].text} {toks[k].text}"))


def _field_to_bare_locality(scan: _Scan, k: int) -> int | None:
    """Index of a bare locality word (``quận``, ``huyện``, no name after it) that ends the lower-case
    words from token ``k``, through the verbs that name fields (``field_verbs`` in ``units.json``:
    ``xây dựng``, when nothing but a level follows); None when another stop, a mark or a line break
    comes first."""
    toks, text = scan.toks, scan.text
    limit = min(scan.n, k + rules.units().name_max_lower_run + 1)
    run = k
    while run < limit and toks[run].lower and text[toks[run - 1].end : toks[run].start] == " ":
        after = _locality_suffix(scan, run)
        if after is not None:
            bare = " ".join(scan.folded[run:after]) in _bare_localities()  # no name after the word
            return after if bare and (after >= scan.n or not toks[after].cap) else None
        verb = next((w for w in _phrase_words("field_verbs") if _match_words(scan, run, w) is not None), None)
        if verb is not None:
            run += len(verb)
            continue
        if _stop_at(scan, run):
            return None
        run += 1
    return None


def _field_list_end(scan: _Scan, k: int, open_name: bool) -> int | None:
    """Index of the ``và`` before the last field when the comma at token ``k`` goes on with the fields
    of one name (``Văn hóa, Thể thao và Du lịch``, ``Chăn nuôi, Thú y và Thủy sản``: capitalised
    fields parted by commas, the last after ``và``), else None: a comma between two units
    (``Phòng Nội vụ, Phòng Tư pháp``) or before lower-case words ends the name."""
    toks, text, n = scan.toks, scan.text, scan.n
    at = k
    while at < n and toks[at].text == ",":
        field = at + 1
        if field >= n or text[toks[at].end : toks[field].start] != " " or not toks[field].cap \
                or toks[field].text.isupper() or (not open_name and _new_org_at(scan, field)) \
                or _starts_not_name(scan, field) or _admin_kind_at(scan, field):
            return None
        at = field + 1
        while at < n and text[toks[at - 1].end : toks[at].start] == " " and at - field < 4 \
                and (toks[at].cap or (toks[at].lower and not _stop_at(scan, at) and toks[at].folded != "và")):
            at += 1  # the field's other words (`Hạ tầng`, `Thú y`)
        if at < n and text[toks[at - 1].end : toks[at].start] == "" and toks[at].text == ",":
            continue
        if at + 1 < n and toks[at].folded == "và" and text[toks[at - 1].end : toks[at].start] == " " \
                and toks[at + 1].cap and not toks[at + 1].text.isupper() \
                and (open_name or not _new_org_at(scan, at + 1)) and not _starts_not_name(scan, at + 1):
            return at
        return None
    return None


def _field_tail(scan: _Scan, j: int, k: int, run: int, kind_word: str | None = None) -> bool:
    """Whether the lower-case words ``k`` to ``run`` end the last field of a name of several fields
    (``Phòng Kê khai và Kế toán thuế``, ``Phòng Hành chính tư pháp - Bổ trợ tư pháp``: Nghị định
    30/2020 capitalises only each field's first word), or the field of an agency's own office
    (``sentence_case_kinds``: ``Phòng Kế hoạch tổng hợp``): the name joins fields (``và``, ``-``) or has
    such a kind word, the words hold no verb, and a stop, a mark or the end of a table's cell follows."""
    toks, text = scan.toks, scan.text
    if kind_word not in _sentence_case_kinds() and not any(toks[x].folded in ("và", "-", "–") for x in range(j, k)):
        return False
    words = [toks[x].folded for x in range(k, run)]
    if any(w in _verbs() or " ".join(words[x : x + 2]) in _verbs() for x, w in enumerate(words)):
        return False
    if run >= scan.n:
        return False
    gap = text[toks[run - 1].end : toks[run].start]
    if gap == "\t":
        return True  # the end of a table's cell
    if gap not in ("", " "):
        return False  # (a line break may be a hard wrap inside the sentence)
    return toks[run].text in ",.;:()" or _stop_at(scan, run)


@cache
def _sentence_case_kinds() -> frozenset[str]:
    return frozenset(rules.units().sentence_case_kinds)


def _with_suffix(scan: _Scan, end: int, bare_place: bool = False) -> int:
    """Index after a locality written after a unit's name at token ``end`` (``tỉnh``, ``huyện Yên
    Thành``); ``bare_place``: a name of the gazetteer alone too (``Sở Tư pháp Bắc Ninh``)."""
    suffix = _locality_suffix(scan, end) if end < scan.n else None
    if suffix is None and end + 1 < scan.n and scan.folded[end] == "cấp" \
            and scan.text[scan.toks[end - 1].end : scan.toks[end].start] == " ":
        suffix = _locality_suffix(scan, end + 1)  # "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh"
    if suffix is None and bare_place and end < scan.n \
            and scan.text[scan.toks[end - 1].end : scan.toks[end].start] == " ":
        suffix = _place_end(scan, end)
    if suffix is None and (area := _area_end(scan, end)) is not None:
        return _with_suffix(scan, area)  # `Thuế cơ sở 3 tỉnh Kiên Giang`
    return suffix if suffix is not None else end


def _area_end(scan: _Scan, j: int) -> int | None:
    """Index after an area word at token ``j`` and the area's name or number (``khu vực Phú Quốc``,
    ``cơ sở An Nhơn``, ``khu vực XIX``; ``area_words`` in ``units.json``), or None."""
    toks, text = scan.toks, scan.text
    if j <= 0 or j >= scan.n or not toks[j].lower or text[toks[j - 1].end : toks[j].start] != " ":
        return None
    for words in _longest_first("area_words"):
        k = _match_words(scan, j, words)
        if k is None or k >= scan.n or text[toks[k - 1].end : toks[k].start] != " ":
            continue
        if (toks[k].digit and len(toks[k].text) <= 3 and not _counts(scan, k)) or _ROMAN.fullmatch(toks[k].text):
            return k + 1
        end = _cap_run(scan, k, 4)
        if end > k and end + 1 < scan.n and toks[end].text in "-–" and toks[end + 1].cap:
            end = max(end, _cap_run(scan, end + 1, 4))  # `khu vực Vụ Bản - Ý Yên`
        return end if end > k else None
    return None


_ROMAN = regex.compile(r"[IVXL]{1,6}")


# ------------------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[tuple[str, ...], list[rules.Department]], int]:
    """Department names, aliases and ``kind word + abbreviation`` forms, as folded token tuples."""
    by_key: dict[tuple[str, ...], list[rules.Department]] = {}
    for dept in rules.departments().departments:
        kind_word = dept.label[: len(dept.kind)] if dept.label.casefold().startswith(dept.kind + " ") else None
        phrases = {dept.label, *dept.aliases}
        for abbr in dept.abbreviations:
            if kind_word and not abbr.casefold().startswith(kind_word.casefold()):
                phrases.add(f"{kind_word} {abbr}")
            if " " in abbr and not abbr.isupper():
                phrases.add(abbr)
            elif dept.bare_abbreviations:
                phrases.add(abbr)  # read as a name only before a locality (:func:`_lexicon_mentions`)
        for phrase in phrases:
            written = tuple(m.group().casefold() for m in _TOKEN.finditer(phrase))
            # the fields of a name are parted by a comma or a dash alike (`Kinh tế, Hạ tầng và Đô thị`,
            # `Kinh tế - Hạ tầng và Đô thị`)
            for key in {written, *(tuple(sep if w in _FIELD_SEPARATORS else w for w in written)
                                   for sep in _FIELD_SEPARATORS)}:
                if dept not in by_key.setdefault(key, []):
                    by_key[key].append(dept)
    return by_key, max((len(k) for k in by_key), default=0)


_FIELD_SEPARATORS = (",", "-", "–")


@lru_cache(maxsize=1)
def _bare_abbreviations() -> frozenset[tuple[str, ...]]:
    """The folded abbreviations that name a department alone (``BHXH``): as they also name what the
    department runs (``tham gia BHXH tự nguyện``), they are names only before a locality or an area."""
    return frozenset((abbr.casefold(),) for dept in rules.departments().departments if dept.bare_abbreviations
                     for abbr in dept.abbreviations if " " not in abbr)


@lru_cache(maxsize=1)
def _lexicon_lengths() -> dict[str, list[int]]:
    """First token of each lexicon phrase → the phrase lengths, longest first."""
    out: dict[str, set[int]] = {}
    for key in _lexicon()[0]:
        out.setdefault(key[0], set()).add(len(key))
    return {k: sorted(v, reverse=True) for k, v in out.items()}


def _choose_dept(depts: list[rules.Department], level: str | None, scan: _Scan) -> rules.Department:
    def score(d: rules.Department) -> tuple[int, int, int]:
        era_ok = scan.era is None or d.era == "both" or (d.era == "post-2025") == (scan.era == "new")
        return (int(level is not None and d.level == level), int(d.level == scan.issuer_level), int(era_ok))

    return max(depts, key=score)


def _lexicon_mentions(scan: _Scan) -> dict[int, tuple[int, list[rules.Department]]]:
    """Token index of each lexicon match start → (token index after it, departments); longest match."""
    by_key, _ = _lexicon()
    text, folded, words, starts = scan.text, scan.folded, scan.toks.words, scan.toks.starts
    first_words = _lexicon_lengths()
    found: dict[int, tuple[int, list[rules.Department]]] = {}
    for i in scan.where(_DEPT):
        if not words[i][0].isupper() and not (i > 0 and folded[i - 1] == "trưởng"):
            continue
        for n in first_words[folded[i]]:
            if i + n > scan.n:
                continue
            if "\n" in text[starts[i] : starts[i + n - 1]]:  # (no token holds a line break)
                continue
            key = tuple(folded[i : i + n])
            depts = by_key.get(key)
            if depts:
                if _names_the_body(scan, i, i + n, depts):
                    found[i] = (i + n, depts)
                break
    return found


def _names_the_body(scan: _Scan, i: int, end: int, depts: list[rules.Department]) -> bool:
    """Whether the department name at tokens ``i`` to ``end`` names the body: not a part of a symbol
    (``12/BHXH-QLT``), not a law's subject (``Luật Bảo hiểm xã hội``), not what the body runs
    (``Bảo hiểm xã hội tự nguyện``: ``not_before``; ``tham gia BHXH``: a bare abbreviation needs a
    locality after it)."""
    if _in_symbol(scan.text, scan.toks[i].start, scan.toks[end - 1].end) or _after_law_title(scan, i):
        return False
    if end < scan.n and scan.text[scan.toks[end - 1].end : scan.toks[end].start] == " " \
            and any(_match_words(scan, end, tuple(w.casefold().split())) is not None
                    for d in depts for w in d.not_before):
        return False
    return tuple(scan.folded[i:end]) not in _bare_abbreviations() or _with_suffix(scan, end, bare_place=True) > end


def _after_law_title(scan: _Scan, i: int) -> bool:
    """Whether token ``i`` follows the title of a law (``Luật Bảo hiểm xã hội``: ``law_titles``)."""
    words, toks = scan.toks.words, scan.toks
    return i > 0 and scan.text[toks[i - 1].end : toks[i].start] == " " \
        and any(i >= len(t) and tuple(words[i - len(t) : i]) == t for t in _law_titles())


@cache
def _law_titles() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(t.split()) for t in rules.units().law_titles)


def _in_symbol(text: str, start: int, end: int) -> bool:
    """Whether the abbreviation ``text[start:end]`` is a part of a document's symbol (``12/BHXH-QLT``,
    ``UBND-BHXH``), not a name: joined by a slash or a dash to what is before or after it. (A name in
    words may follow a slash: ``Phòng Kinh tế xã/Phòng Kinh tế, Hạ tầng và Đô thị phường``.)"""
    if not text[start:end].isupper():
        return False
    return (start > 0 and text[start - 1] in "/-–") \
        or (end + 1 < len(text) and text[end] in "/-–" and text[end + 1].isalnum())


# ---------------------------------------------------------------------------------------- scan


def _org_at(scan: _Scan, i: int, lexicon: dict[int, tuple[int, list[rules.Department]]]) -> int | None:
    """Read an organisation at token ``i``; return the token index after it."""
    hit = _org_kind_at(scan, i)
    lex = lexicon.get(i)
    if hit is None and lex is None:
        return None
    toks, text = scan.toks, scan.text
    gen_end = i
    spec = None
    if hit is not None:
        j, spec = hit
        if j < scan.n and not _starts_not_name(scan, j) and text[toks[j - 1].end : toks[j].start] in (" ", ""):
            # (not `Chỉ tiêu Công an⇥Đã giao`: a table's next cell)
            # `Hợp tác xã dịch vụ nông nghiệp Tân Dĩnh`, `Trường Mầm non tư thục Hoa Sen`
            start = _described_name(scan, j) if spec.open_name else _after_descriptor(scan, j)
            purpose = _purpose_head(scan, i)
            if toks[start].cap or _number_before_locality(scan, start):
                core = _org_name_end(scan, start, spec.open_name, purpose, spec.word)
            else:  # `Hội đồng nghĩa vụ quân sự huyện`: a council named by its purpose, up to its locality
                core = (_purpose_end(scan, j) if purpose and spec.keep_word else None) or j
            # a department of the lexicon inside the name runs to its own end (`Thanh tra Sở Giao thông vận tải`)
            core = max([core] + [lexicon[x][0] for x in range(j, core) if x in lexicon])
            gen_end = _with_suffix(scan, core) if (core > j or spec.keep_word) else i
            if gen_end == j:  # kind word alone
                gen_end = i
    lex_end = _with_suffix(scan, lex[0], bare_place=True) if lex else i
    if lex and gen_end > lex_end and (all(toks[x].lower for x in range(lex_end, gen_end)) or _verb_at(scan, lex_end)) \
            and not _names_its_field(scan, lex_end):
        # a department of the lexicon does not go on in lower case (`... Môi trường quy định`), nor into
        # the verb of its clause (`Bộ Y tế phê duyệt Kế hoạch ...`)
        gen_end = lex_end
    end = max(gen_end, lex_end)
    if end <= i:
        return None
    if lex is None and _place_end(scan, i, end - i) is not None:
        return None  # a place whose name begins with a kind word ("Trạm Tấu", "Đoàn Xá"), not an organisation
    start_c, end_c = toks[i].start, toks[end - 1].end
    if not scan.free(start_c, end_c):
        return None
    dept = None
    suffix_level = None
    if lex and lex_end >= gen_end:
        core_end = lex[0]
        suffix_words = text[toks[core_end].start : end_c].casefold().split() if core_end < end else []
        if suffix_words[:1] == ["cấp"]:
            suffix_words = suffix_words[1:]  # "... cấp xã"
        # (a city may be a province's or a district's peer: `thành phố` is a level of its own)
        suffix_level = {"huyện": "huyện", "quận": "huyện", "thị": "huyện", "tỉnh": "tỉnh", "xã": "xã",
                        "phường": "xã", "thành": "thành phố"}.get(suffix_words[0] if suffix_words else "", None)
        dept = _choose_dept(lex[1], suffix_level, scan)
        if suffix_level is None and scan.folded[end - 2 : end] == ["việt", "nam"] \
                and not dept.label.casefold().endswith(" việt nam"):
            suffix_level = "trung ương"  # `Bảo hiểm xã hội Việt Nam` is not the province's office
    if dept is not None:
        kind: str | None = dept.kind
        kind_len = len(dept.kind.split()) if text[start_c:end_c].casefold().startswith(dept.kind + " ") else 0
        if dept.kind in _kept_kind_words():
            kind_len = 0  # "Bộ Tài chính", as the kind word is kept without the lexicon
    else:
        assert spec is not None
        kind = spec.kind
        kind_len = 0 if spec.keep_word else len(spec.word.split())
    name_start = toks[i + kind_len].start if i + kind_len < end else start_c
    name = " ".join(text[name_start:end_c].split())
    if name.casefold() in rules.units().locality_suffixes:  # "Thanh tra huyện", "Công an xã"
        name = " ".join(text[start_c:end_c].split())
    if dept is not None:
        # the same office at two levels (`Bộ phận Một cửa huyện`, `... cấp xã`) is two units, and so is an
        # office of an area (`Bảo hiểm xã hội cơ sở Tháp Mười`, `... khu vực XXVI`) beside the province's
        named = lex[0] if lex else end
        area = _area_end(scan, named) if suffix_level is None else None
        key: tuple[str, ...] = ("dept", dept.id, suffix_level or (" ".join(scan.folded[named:area]) if area else ""))
    else:
        base = fold(name)
        level_word = ""
        for suffix in rules.units().locality_suffixes:
            if base.endswith(" " + suffix):
                base = base[: -len(suffix) - 1].removesuffix(" cấp")  # "... tỉnh" and "... cấp tỉnh" alike
                level_word = level_word or suffix
        key = ("org", kind or "", base, level_word)  # "Công an xã" and "Công an tỉnh" are two units
    seat = _seat(scan.folded[i:end]) if dept is not None else ""
    scan.add(_Mention(start_c, end_c, name, kind, level=dept.level if dept else suffix_level, dept=dept, key=key,
                      seat=seat))
    return end


def _seat(words: list[str]) -> str:
    """The last locality word of a name's folded tokens and the place after it (``huyện an dương``), or ""."""
    for i in range(len(words) - 2, 0, -1):
        for suffix in _suffixes_by_first().get(words[i], ()):
            if tuple(words[i : i + len(suffix)]) == suffix and i + len(suffix) < len(words) \
                    and (words[i + len(suffix) - 1], words[i + len(suffix)]) not in _not_localities():
                return " ".join(words[i:])
    return ""


def _seated(mentions: list[_Mention]) -> list[_Mention]:
    """One department at the same level in two places (``Công an huyện An Dương``, ``Công an huyện Cát
    Hải``) is two units: where a document names several seats, each seat keys its own unit."""
    seats: dict[tuple[str, ...], set[str]] = {}
    for m in mentions:
        if m.seat:
            seats.setdefault(m.key, set()).add(m.seat)
    return [replace(m, key=m.key[:-1] + (f"{m.key[-1]} {m.seat}",)) if m.seat and len(seats[m.key]) > 1 else m
            for m in mentions]


def _admin_at(scan: _Scan, i: int, kind_override: tuple[str, str | None] | None = None) -> int | None:
    """Read ``xã Minh Châu`` (or a bare name of a list when ``kind_override`` is given) at ``i``."""
    toks = scan.toks
    level: str | None
    if kind_override is None:
        hit = _admin_kind_at(scan, i)
        if hit is None:
            return None
        j, spec = hit
        kind, level = spec.word, spec.level
        if i > 0 and (scan.folded[i - 1], scan.folded[i]) in _not_localities():
            return None  # `Biên bản Làm việc`: a word that closes with a hamlet's kind word, no hamlet
    else:
        j = i
        kind, level = kind_override
        if kind in ("thị trấn", "phường") and level == "xã":
            kind = "xã"  # "Thị trấn Nam Đàn, Xuân Lâm, Hùng Tiến": the others are communes
    if j >= scan.n or (j > i and scan.text[toks[j - 1].end : toks[j].start] not in (" ", "")):
        return None  # `các thôn, bản⇥118`: the name is in the next cell, or on the next line
    numbered = level is None and scan.folded[j] == "số" and j + 1 < scan.n \
        and toks[j + 1].digit and scan.text[toks[j].end : toks[j + 1].start] == " "
    if toks[j].digit or numbered:  # `Tổ dân phố 4`, `Tổ dân phố số 3`
        n = j + 1 if numbered else j
        if (level is not None and kind not in ("phường", "quận")) or len(toks[n].text) > 3 \
                or _MEASURE_AFTER.match(scan.text, toks[n].end):
            return None
        end = n + 1
    elif not toks[j].cap:
        return None
    else:
        end, longer = _name_end(scan, j)
        if not longer and _starts_not_name(scan, j) and not _is_place(scan, j, end):  # "xã Báo Đáp"
            return None
        if level is None and kind != "thành phố" and end > j:
            end = _hamlet_number(scan, end)
    if end <= j or (toks[j].text.isupper() and len(toks[j].text) > 1):
        return None
    start_c, end_c = toks[i].start, toks[end - 1].end
    if not scan.free(start_c, end_c):
        return None
    name = " ".join(scan.text[toks[j].start : end_c].split())
    if kind_override is None and spec.commune_named and not (toks[j].digit or (
            toks[j].cap and not toks[j].text.isupper() and gazetteer().candidates(name, level="xã"))):
        # `khu vực Bắc Trung Bộ`, `khu vực I`: a region or a class of communes; `Khu vực Minh An`, the
        # area of a commune merged in 2025, and `khu vực 11` of a ward are units
        return None
    if kind_override is None and level is None and toks[i].cap and gazetteer().candidates(f"{toks[i].text} {name}"):
        return None  # `Buôn Đôn`, `Buôn Hồ`: a district named with a hamlet's kind word, not a hamlet
    place = None
    if kind_override is not None and level is not None:  # the kind of a bare name is a guess, its level is not
        place = gazetteer().resolve(name, scope=scan.scope, require_scope=True, level=level)
    if place is None and (level in ("tỉnh", "huyện", "xã") or kind == "thành phố"):
        place = gazetteer().resolve(name, (kind if kind != "thành phố" else None) or level, scope=scan.scope)
    if kind_override is not None and place is None and level is None:
        place = gazetteer().resolve(name, None, scope=scan.scope, require_scope=True)
    if place is not None:
        level = place.level
        if kind_override is not None:
            kind = place.kind
        key: tuple[str, ...] = ("place", place.full, place.province, place.district or "")
    elif _is_person(name):
        return None  # `Phó Chủ tịch UBND tỉnh Võ Thành Lộc`: the official's name, not a place
    else:
        key = ("admin", level or kind or "", fold(name))
    scan.add(_Mention(start_c, end_c, name, kind, level=level, place=place, key=key))
    return end


def _hamlet_number(scan: _Scan, end: int) -> int:
    """Index after the number or letter that closes a hamlet's name at token ``end`` (``thôn Kon Hia
    3``, ``tổ dân phố Hát 1``, ``ấp Tân Hòa A``), not a figure after it (``Hát 1 12 hộ``, ``Hát 1 hộ``)."""
    toks, text = scan.toks, scan.text
    if end >= scan.n or text[toks[end - 1].end : toks[end].start] != " ":
        return end
    tok = toks[end]
    if tok.digit and len(tok.text) <= 3 and not _counts(scan, end) and not _MEASURE_AFTER.match(text, tok.end) \
            and not (end + 1 < scan.n and toks[end + 1].digit):
        return end + 1
    if len(tok.text) == 1 and tok.text.isupper() and not _ITEM_MARK_AFTER.match(text, tok.end):
        return end + 1
    return end


_ITEM_MARK_AFTER = regex.compile(r"[.)]")
#: a hamlet named by its number (`Tổ dân phố 5`, `Tổ dân phố số 3`)
_NUMBER_NAME = regex.compile(r"(?:số )?\d+")


@cache
def _surnames() -> frozenset[str]:
    return frozenset(w.casefold() for w in rules.units().surnames)


def _is_person(name: str) -> bool:
    """Whether a name no place of the gazetteer has reads as a person's: a common family name and at
    least two more words (``Võ Thành Lộc``, ``Nguyễn Văn An``)."""
    words = name.split()
    return len(words) >= 3 and words[0].casefold() in _surnames()


def _list_after(scan: _Scan, end: int, kind: str, level: str | None, strong: bool = False) -> int:
    """Continue a list of units of ``kind`` after token index ``end``; return the index reached."""
    toks, text = scan.toks, scan.text
    while end < scan.n:
        m = _LIST_GAP.match(text, toks[end - 1].end)
        if not m:
            break
        nxt = scan.index_at(m.end())
        if nxt is None or nxt < end:
            break
        # `bản Khuổi Ky, Pác Rằng (xã Đàm Thủy), bản Giốc Mạ`: where the item is (after the `(` token)
        if m.group("paren") and (paren := scan.index_at(m.start("paren"))) is not None \
                and paren + 1 < scan.n and _admin_kind_at(scan, paren + 1) is not None:
            _admin_at(scan, paren + 1)
        if _admin_kind_at(scan, nxt) is not None:
            reached = _admin_at(scan, nxt)
            if reached is None:
                break
            last = scan.mentions[-1]
            kind, level = last.kind or kind, last.level
            end = reached
            continue
        org = _org_kind_at(scan, nxt)
        if org is not None and not (_place_end(scan, nxt, org[0] - nxt + 1) and _resolves(scan, nxt, level)):
            break  # an organisation, unless a place of the list's level there begins with its word ("Đoàn Xá")
        numbered = level is None and (toks[nxt].digit or scan.folded[nxt] == "số") and scan.mentions \
            and _NUMBER_NAME.fullmatch(scan.mentions[-1].name) is not None
        if not numbered and not _list_item_ok(scan, nxt, level, strong):
            break  # (`Tổ dân phố 5, 12, 31`: numbered hamlets go on with numbers)
        reached = _admin_at(scan, nxt, (kind, level))
        if reached is None:
            break
        end = reached
    return end


def _list_item_ok(scan: _Scan, j: int, level: str | None, strong: bool = False) -> bool:
    """A bare capitalised name is a list item: two or more capitalised words or a name of the gazetteer (of
    one word only where it is a place of the level in scope), followed by a separator or a figure, and not a
    place of another level only."""
    toks, text = scan.toks, scan.text
    end, longer = _name_end(scan, j)
    if end <= j or any(toks[k].text.isupper() and len(toks[k].text) > 1 for k in range(j, end)):
        return False
    if level is None:
        end = _hamlet_number(scan, end)  # `tổ dân phố Hát 1, Hát 2`
    if (end - j < 2 or _starts_not_name(scan, j)) and not longer and not _is_place(scan, j, end):
        return False
    after = text[toks[end - 1].end : toks[end - 1].end + 6]
    if not strong and not _ITEM_END.match(after) and not _ITEM_RESULT.match(text, toks[end - 1].end):
        return False
    name = text[toks[j].start : toks[end - 1].end]
    if end - j < 2:  # one word ("Thắng", "M'Drắk"): a place of the level in scope
        return gazetteer().resolve(name, scope=scan.scope, require_scope=True, level=level or "xã") is not None
    found = gazetteer().candidates(name) or gazetteer().candidates(name, exact=False)
    return not (found and level and all(p.level != level for p in found))


@lru_cache(maxsize=1)
def _cue_pattern() -> regex.Pattern[str]:
    pats = rules.units()
    kinds = "|".join(regex.escape(k.word) for _, k in _vocab()[0])
    groups = "|".join(regex.escape(g) for g in pats.group_words)
    cues = "|".join(regex.escape(c) for c in pats.plural_cues)
    leads = "|".join(regex.escape(x) for x in pats.list_leads)
    return regex.compile(
        rf"(?i)(?<![\p{{L}}])(?:(?:{cues}|\d+)\s+)(?P<kind>{kinds}|{groups})(?![\p{{L}}])"
        rf"[^.;:\n]{{0,90}}?(?:\([^()\n]{{0,30}}\)\s*)?(?::|\s(?:{leads})\s*:?)\s*"
    )


@lru_cache(maxsize=1)
def _cue_words() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[int]]:
    """The words of ``_cue_pattern`` as tokens show them (case folded): the first words of the kind and group
    words, the last words of the plural cues, and the cues' lengths."""
    pats = rules.units()
    firsts = {w.casefold().split()[0] for w in [k.word for _, k in _vocab()[0]] + list(pats.group_words)}
    lasts = {c.casefold().split()[-1] for c in pats.plural_cues}
    return tuple(sorted(firsts)), tuple(sorted(lasts)), frozenset(len(c) for c in pats.plural_cues)


def _cue_matches(scan: _Scan, lo: int, hi: int) -> Iterator[regex.Match[str]]:
    """The matches of ``_cue_pattern`` in ``[lo, hi)``, as its ``finditer`` gives them, without trying it at every
    character: a match starts with a plural cue or a number that ends a token, then spaces, then a token that
    begins with a kind or group word; it is tried only at the starts such tokens allow."""
    _, lasts, lengths = _cue_words()
    text, folded, words, starts = scan.text, scan.folded, scan.toks.words, scan.toks.starts
    at: set[int] = set()
    for k in scan.where(_CUE_KIND):
        if k == 0 or not lo <= starts[k] < hi:
            continue
        before = words[k - 1]
        end = starts[k - 1] + len(before)
        if end == starts[k]:  # no space before the kind word
            continue
        if folded[k - 1].endswith(lasts):
            at.update(end - n for n in lengths)
        digits = _TRAILING_DIGITS.search(before)
        if digits:  # "\d+" may start at any of them
            at.update(range(end - len(digits.group()), end))
    pattern = _cue_pattern()
    pos = lo
    for start in sorted(at):
        if start >= pos:
            m = pattern.match(text, start, hi)
            if m:
                yield m
                pos = m.end()


def _cue_lists(scan: _Scan, lo: int, hi: int) -> None:
    """``các xã có tỷ lệ ký số (0%): A, B`` / ``gồm: A, B`` / ``các đơn vị dẫn đầu là A (92,5%)``."""
    admin, _ = _vocab()
    for m in _cue_matches(scan, lo, hi):
        i = scan.index_at(m.end())
        if i is None:
            continue
        word = m.group("kind").casefold()
        spec = next((k for _, k in admin if k.word == word), None)
        kind, level = (spec.word, spec.level) if spec else ("", _level_below(scan.issuer_level))
        if _admin_kind_at(scan, i) is not None:
            end = _admin_at(scan, i)
        elif _list_item_ok(scan, i, level if spec else None) and (spec or _resolves(scan, i, level)):
            end = _admin_at(scan, i, (kind, level))
            if end is not None and not kind:
                last = scan.mentions[-1]
                last.kind = last.place.kind if last.place else None
        else:
            end = None
        if end is not None:  # after a kind word ("các xã:") the last item may end the sentence's subject
            last = scan.mentions[-1]
            _list_after(scan, end, last.kind or kind, last.level, strong=spec is not None)


@lru_cache(maxsize=1)
def _org_list_cue() -> regex.Pattern[str]:
    words = "|".join(regex.escape(k.word) for _, k in sorted(_vocab()[1], key=lambda x: -len(x[1].word)))
    return regex.compile(rf"(?i)(?<![\p{{L}}])các\s+(?P<kind>{words})\s*:\s*")


def _org_lists(scan: _Scan, lo: int, hi: int) -> None:
    """``các Sở: Nội vụ, Tài chính, Văn hóa, Thể thao và Du lịch``, ``các Tập đoàn: A, B``: each item an
    organisation of the kind before the colon. Items are read as the department lexicon knows them
    with the kind word before them (so commas and ``và`` inside a name stay in it), else as names."""
    by_key, longest = _lexicon()
    toks, text = scan.toks, scan.text
    for m in _org_list_cue().finditer(text, lo, hi):
        spec = next(k for _, k in _vocab()[1] if k.word.casefold() == " ".join(m.group("kind").split()).casefold())
        head = tuple(spec.word.casefold().split())
        i = scan.index_at(m.end())
        while i is not None and i < scan.n and toks[i].cap:
            end, dept = None, None
            for n in range(min(longest, scan.n - i), 0, -1):
                depts = by_key.get(head + tuple(scan.folded[i : i + n]))
                if depts and "\n" not in text[toks[i].start : toks[i + n - 1].end]:
                    end, dept = i + n, _choose_dept(depts, None, scan)
                    break
            if end is None:
                end = _org_name_end(scan, i, spec.open_name)
            if end <= i or not scan.free(toks[i].start, toks[end - 1].end):
                break
            name = " ".join(text[toks[i].start : toks[end - 1].end].split())
            kind = dept.kind if dept else spec.kind
            if spec.keep_word and dept is None:  # "Tập đoàn" + "Bưu chính Viễn thông Việt Nam"
                name = f"{spec.word} {name}"
            key = ("dept", dept.id, "") if dept else ("org", kind, fold(name), "")
            scan.add(_Mention(toks[i].start, toks[end - 1].end, name, kind,
                              level=dept.level if dept else None, dept=dept, key=key))
            sep = _LIST_SEP.match(text, toks[end - 1].end, hi)
            i = scan.index_at(sep.end()) if sep else None


_LIST_SEP = regex.compile(r"\s*(?:,\s*và|,|và)\s+")


def _level_below(level: str | None) -> str | None:
    return {"tỉnh": "huyện", "huyện": "xã", "xã": None}.get(level or "", None)


def _resolves(scan: _Scan, j: int, level: str | None) -> bool:
    end = _name_end(scan, j)[0]
    name = scan.text[scan.toks[j].start : scan.toks[end - 1].end]
    place = gazetteer().resolve(name, scope=scan.scope, require_scope=True, level=level)
    return place is not None


def _figure_name_starts(scan: _Scan) -> list[int]:
    """Token indices where ``_bare_with_figure`` may find a name: one to three tokens before a capitalised
    token that is followed by what may open a figure (or that ends a range, where the text goes on)."""
    words = scan.toks.words
    before = {k - 1 for k in scan.where(_FIGURE) if k > 0}.union(scan.ends_of_ranges)
    lasts = [e for e in before if words[e][0].isupper()]
    return sorted({n for e in lasts for n in (e - 3, e - 2, e - 1) if n >= 0})


def _bare_with_figure(scan: _Scan, lo: int, hi: int, candidates: list[int]) -> None:
    """``Đông Hưng 71,43%``: a capitalised name with a figure, placed in scope by the gazetteer
    (``candidates``: the token indices where one may start, in order)."""
    toks = scan.toks
    level = _level_below(scan.issuer_level) or "xã"
    for n in candidates:
        tok = toks[n]
        if not (lo <= tok.start < hi) or not tok.cap or (n > 0 and toks[n - 1].cap):
            continue
        end = _name_end(scan, n)[0]
        if end - n < 2 or not _FIGURE_AFTER.match(scan.text, toks[end - 1].end):
            continue
        if not scan.free(tok.start, toks[end - 1].end) or _starts_not_name(scan, n):
            continue
        name = scan.text[tok.start : toks[end - 1].end]
        place = gazetteer().resolve(name, scope=scan.scope, require_scope=True, level=level)
        if place is not None and (scan.scope.districts == frozenset() or place.district in scan.scope.districts
                                  or place.level != "xã"):
            scan.add(_Mention(tok.start, toks[end - 1].end, " ".join(name.split()), place.kind, level=place.level,
                              place=place, key=("place", place.full, place.province, place.district or "")))


_TABLE_NAME = regex.compile(r"\p{Lu}[\p{L}\d'’.&-]*(?:\s+[\p{Lu}\d][\p{L}\d'’.&-]*)+")


def _table_units(scan: _Scan, ctx: Context) -> None:
    """The names in a table's column of units (``extract.tables``) that no kind word introduces
    (``Cao Xá``, ``THCS Bến Củi``): a place the gazetteer finds in scope, else a unit of no known kind.
    A name is capitalised words only; a row of totals has none."""
    level = _level_below(scan.issuer_level) or "xã"
    tables = find_tables(ctx)
    named = {(fold(m.name), m.kind): m for m in scan.mentions} if tables else {}
    by_name = {name: m for (name, _), m in named.items()}
    for table in tables:
        for row in table.rows:
            cell = row.unit
            if cell is None or not _TABLE_NAME.fullmatch(cell.text) or not scan.free(cell.start, cell.end) \
                    or cell.text.split()[0].casefold() in _plural_words():
                continue
            name = " ".join(cell.text.split())
            initial, _, rest = name.partition(" ")
            kind = _kind_initials().get(initial)
            # the unit named in the text (`TT Cao Thượng` in a table, `thị trấn Cao Thượng` in a sentence)
            same = named.get((fold(rest), kind)) if kind else by_name.get(fold(name))
            if same is None and not kind:  # `THCS Bến Củi` in a table, `Trường THCS Bến Củi` in a sentence
                same = next((m for head in _kind_heads(name) if (m := by_name.get(fold(f"{head} {name}")))), None)
            if same is not None:
                scan.add(replace(same, start=cell.start, end=cell.end))
                continue
            place = gazetteer().resolve(f"{kind} {rest}" if kind else name, scope=scan.scope, require_scope=True,
                                        level=level)
            if place is not None:
                scan.add(_Mention(cell.start, cell.end, name, place.kind, level=place.level, place=place,
                                  key=("place", place.full, place.province, place.district or "")))
            else:
                scan.add(_Mention(cell.start, cell.end, name, None, key=("org", "", fold(name), "")))


def _kind_heads(name: str) -> list[str]:
    """The first words of the kinds of organisation whose other words begin ``name`` (``Trường`` for
    ``THCS Bến Củi``, from the kind ``Trường THCS``): the name as a table's column writes it, without them."""
    words = tuple(name.casefold().split())
    return [kind[0] for kind, rest in _kind_tails() if words[:len(rest)] == rest]


@cache
def _kind_tails() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each kind of organisation of several words, with the words after its first (``Trường THCS``:
    ``THCS``)."""
    kinds = (tuple(k.word.split()) for k in rules.units().org_kinds)
    return tuple((k, tuple(w.casefold() for w in k[1:])) for k in kinds if len(k) > 1)


@cache
def _kind_initials() -> dict[str, str]:
    """``TT`` → ``thị trấn``: the initials that stand for a kind of locality of several words."""
    kinds = [k.word for k in rules.units().admin_kinds if " " in k.word]
    return {"".join(w[0] for w in k.split()).upper(): k for k in kinds}


@cache
def _plural_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in rules.units().plural_cues)


# ---------------------------------------------------------------------------------------- main


def _scope(ctx: Context) -> tuple[Scope, str | None, str | None]:
    issuer = ctx.header.issuer
    date = ctx.header.date or ""
    era = ("new" if date >= "2025-07" else "old") if len(date) >= 7 else None
    parents = [p for p in (issuer.parent if issuer else None, ctx.header.place) if p]
    level = issuer.level if issuer else None
    locality = issuer.locality if issuer else None
    return scope_for(locality, level, parents, era=era), level, era


def extract_units(ctx: Context) -> list[Unit]:
    """Every named unit of the body and annex, one entry per distinct unit with all its mentions."""
    ranges = ctx.body_ranges()
    if not ranges:
        return []
    scope, level, era = _scope(ctx)
    scan = _Scan.of(ctx.text, ranges, scope, level, era)
    folded = scan.folded
    lexicon = _lexicon_mentions(scan)
    for lo, hi in ranges:  # before the scan below, which would read list items as names of their own
        _org_lists(scan, lo, hi)
    i = 0
    for start in sorted(lexicon.keys() | set(scan.where(_KIND))):  # where a kind word or department name starts
        if start < i:
            continue
        i = start
        end = _org_at(scan, i, lexicon)
        if end is None:
            end = _admin_at(scan, i)
            if end is not None:
                last = scan.mentions[-1]
                plural = i > 0 and (folded[i - 1] in ("các", "hai", "ba") or folded[i - 1].isdigit())  # "05 xã"
                end = _list_after(scan, end, last.kind or "", last.level, plural)
        i = max(end or i + 1, i + 1)
    figure_starts = _figure_name_starts(scan)
    for lo, hi in ranges:
        _cue_lists(scan, lo, hi)
        _bare_with_figure(scan, lo, hi, figure_starts)
    _table_units(scan, ctx)
    _province_anaphora(scan)
    return _merge(_shortened(_leveled(_seated(_parenthesised(scan.mentions, ctx.text)), scan.issuer_level),
                             ctx.text))


def _parenthesised(mentions: list[_Mention], text: str) -> list[_Mention]:
    """An abbreviation in parentheses right after an organisation's name is another name of it:
    ``Trung tâm Viễn thông Quỳnh Lưu (VNPT)`` (not ``thôn Phúc Thượng (xã Nguyên Xá)``, nor ``Văn
    phòng UBND tỉnh (Phòng Kiểm soát TTHC)``)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    into: dict[tuple[str, ...], _Mention] = {}
    for before, m in zip(ordered, ordered[1:], strict=False):
        if before.key == m.key or before.key[0] not in ("org", "dept"):
            continue
        if text[m.start - 1 : m.start] == "(" and text[m.end : m.end + 1] == ")" \
                and not text[before.end : m.start - 1].strip() and _ABBREVIATION.fullmatch(text, m.start, m.end):
            into.setdefault(m.key, into.get(before.key, before))
        elif _called().fullmatch(text, before.end, m.start) and text[m.end : m.end + 1] == ")":
            # `Trung tâm Phục vụ hành chính công phường (sau đây gọi là Bộ phận Một cửa)`: another name of it
            into.setdefault(m.key, into.get(before.key, before))
    # a code declared so (`Phòng Cảnh sát giao thông (PC08)`) names it again after its kind word (`Phòng PC08`)
    declared: dict[tuple[str | None, str], _Mention] = {}
    for m in ordered:
        code = _DECLARED.match(text, m.end) if m.key[0] in ("org", "dept") else None
        if code and _ABBREVIATION.fullmatch(code.group(1)):
            declared.setdefault((m.kind, code.group(1).casefold()), m)
    for m in ordered:
        if m.key[0] == "org" and (owner := declared.get((m.kind, m.name.casefold()))) is not None \
                and owner.key != m.key:
            into.setdefault(m.key, into.get(owner.key, owner))
    return _rekey(mentions, into)


@cache
def _called() -> regex.Pattern[str]:
    """An opening parenthesis and one of ``alias_leads`` (``units.json``), up to the name it declares."""
    leads = "|".join(r"[^\S\n]+".join(map(regex.escape, w.split())) for w in rules.units().alias_leads)
    return regex.compile(rf"[^\S\n]*\((?:{leads}):?[^\S\n]*", regex.IGNORECASE)


_DECLARED = regex.compile(r"[^\S\n]*\(([^\s()]{2,12})\)")


def _rekey(mentions: list[_Mention], into: dict[tuple[str, ...], _Mention]) -> list[_Mention]:
    """Mentions whose key is in ``into`` become mentions of the unit of ``into[key]`` (its name, kind,
    level, department, place and key) where they are written."""
    if not into:
        return mentions
    return [m if (f := into.get(m.key)) is None else replace(f, start=m.start, end=m.end) for m in mentions]


def _leveled(mentions: list[_Mention], issuer_level: str | None) -> list[_Mention]:
    """An organisation named without its level (``Trung tâm Y tế``) is the one named with it in the
    same document (``Trung tâm Y tế huyện``): the only level named, else the issuer's level."""
    levels: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for m in mentions:  # ("org", kind, name, level) and ("dept", id, level)
        if m.key[0] in ("org", "dept") and m.key[-1]:
            levels.setdefault(m.key[:-1], set()).add(m.key)
    leveled = {}
    for key, keys in levels.items():
        own = [k for k in keys if k[-1] == issuer_level]
        if len(keys) == 1:
            leveled[key + ("",)] = next(iter(keys))
        elif own:
            leveled[key + ("",)] = own[0]
    return _rekey(mentions, {bare: next(m for m in mentions if m.key == key) for bare, key in leveled.items()})


def _province_anaphora(scan: _Scan) -> None:
    """``của Tỉnh đạt 8,19%``: where the text names one province, a capitalised ``Tỉnh`` in the middle
    of a sentence refers to it (as notices about a province write it)."""
    provinces = {m.key: m for m in scan.mentions if m.level == "tỉnh" and m.kind == "tỉnh"}
    if len(provinces) != 1:
        return
    head = next(iter(provinces.values()))
    toks = scan.toks
    for n in scan.where(_PROVINCE):
        tok = toks[n]
        if tok.text != "Tỉnh" or n == 0 or n + 1 >= scan.n or toks[n - 1].text in (".", ":", ";") \
                or "\n" in scan.text[toks[n - 1].end : tok.start]:
            continue
        if toks[n + 1].cap or toks[n + 1].folded in ("ủy", "uỷ") or not scan.free(tok.start, tok.end):
            continue
        scan.add(_Mention(tok.start, tok.end, head.name, head.kind, level="tỉnh", place=head.place, key=head.key))


def _shortened(mentions: list[_Mention], text: str) -> list[_Mention]:
    """An organisation named, after another one of its kind, by the first words of that one's name
    (``Văn phòng Ban Chỉ huy`` after ``Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh``) is that one,
    when exactly one fits. Names resolved to a department are not shortened forms: ``Phòng Kinh
    tế`` and ``Phòng Kinh tế, Hạ tầng và Đô thị`` are two offices."""
    written: dict[tuple[str, ...], set[tuple[str, ...]]] = {}  # key -> the words of its mentions
    kinds: dict[tuple[str, ...], str | None] = {}
    first: dict[tuple[str, ...], int] = {}
    for m in mentions:
        written.setdefault(m.key, set()).add(tuple(fold(text[m.start : m.end]).casefold().split()))
        kinds.setdefault(m.key, m.kind)
        first[m.key] = min(first.get(m.key, m.start), m.start)
    into: dict[tuple[str, ...], _Mention] = {}  # a shortened form's key -> the first mention of the full name
    for key, forms in written.items():
        if key[:1] != ("org",):
            continue
        longer = {other for other, other_forms in written.items()
                  if other != key and kinds[other] == kinds[key] and first[other] < first[key]
                  and any(len(b) > len(a) and b[: len(a)] == a for a in forms for b in other_forms)}
        if len(longer) == 1:
            full = longer.pop()
            into[key] = next(m for m in mentions if m.key == full)
    return _rekey(mentions, into)


def _merge(mentions: list[_Mention]) -> list[Unit]:
    groups: dict[tuple[str, ...], list[_Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(m.key, []).append(m)
    units: list[Unit] = []
    for group in sorted(groups.values(), key=lambda g: g[0].start):
        first = group[0]
        dept, place = first.dept, next((m.place for m in group if m.place), None)
        kind = first.kind or (place.kind if place else None)
        units.append(Unit(
            name=first.name,
            kind=kind,
            canonical=dept.label if dept else (place.full if place else None),
            code=place.code if place else None,
            level=dept.level if dept else (place.level if place else first.level),
            parent=place.parent if place else None,
            current_name=place.current_name if place else None,
            current_code=place.current_code if place else None,
            mentions=tuple(Span(m.start, m.end) for m in group),
        ))
    return units
