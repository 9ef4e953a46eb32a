"""Figures attributed to units (``metrics``): percentages and count ratios.

Each figure goes to the nearest unit mention before it in the same clause (a ``;`` inside the
unit's own parentheses does not end the clause: ``Xã Tân Lập (mức độ 3 đạt 61,25%; Mức độ 4 đạt
18%)``); a list of units with one figure after it gives the figure to each (``Đông Sơn và Hà Phong
77%``); a figure followed by a colon goes to the list after it (``các xã có tỷ lệ ký số (0%): A, B``,
``các xã có tỷ lệ dưới 50%: A, B``); a colon right after a name opens its figures (``- Thôn Hố Sâu:
23/186 hộ (12,37%)``).
Targets, comparators, labels and periods come from the words around the figure
(``patterns/metrics.json``). Dates, ranks (``xếp thứ 9/21``) and ``24/7`` are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..types import Metric, Unit
from .base import Context, alternation, target_words
from .tables import find_tables

_NUM = r"\d{1,3}(?:\.\d{3})+|\d+"
_PERCENT = regex.compile(r"(?<![\d.,/\p{L}])(\d+(?:[.,]\d+)?)\s*%")
_RATIO = regex.compile(
    rf"(?<![\d.,/\p{{L}}-])(?P<num>{_NUM})(?P<nw>(?:\s+\p{{Ll}}+){{0,4}})\s*/\s*(?P<den>{_NUM})"
    r"(?![\d/]|[.,]\d|\s*[-–]\s*\p{Lu}|\p{L})"
)
_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_PERIOD_RANGE = regex.compile(rf"(?i)từ\s+(?:ngày\s+)?{_DATE}\s+đến\s+(?:hết\s+)?(?:ngày\s+)?{_DATE}")
_PERIOD_TO = regex.compile(rf"(?i)(?:tính\s+)?đến\s+(?:hết\s+)?ngày\s+{_DATE}")
_WORD_AFTER = regex.compile(r"[^\S\n]*(\p{L}+)")
_SEPARATOR = regex.compile(r"^\s*(?:,\s*và|,|và|;)?\s*$")
_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_NUMBER_WORD_BEFORE = regex.compile(r"(?i)\bsố\s*$")
#: a figure's list of units after a colon: right after it (`(0%): A, B`) or after a few lower-case words that
#: say what it counts (`dưới 10% gồm: A, B`, `100% chỉ tiêu gồm: A, B`)
_CLOSE_THEN_COLON = regex.compile(r"[^\S\n]*\)?(?:[^\S\n]+\p{Ll}+){0,6}[^\S\n]*:\s*")
_LEADING_CLOSE = regex.compile(r"^\s*\)")
_LEADING_COLON = regex.compile(r"[^\S\n]*(?:\([^()\n]{0,40}\)[^\S\n]*)?:")  # `Xã A:`, `Xã A (04 tuyến):`
_OPEN_PAREN_LEAD = regex.compile(r"\(\s*(?:\p{Ll}+\s*){0,2}$")  # `(`, `(khoảng`, `(gần bằng`
#: a count of units (``135/135 xã``, ``9/9 thôn``) and the kinds of unit it may belong to: those above
_COUNTS_UNITS = regex.compile(r"[^\S\n]+(?:(?P<commune>xã|phường|thị\s+trấn|huyện|đơn\s+vị|cơ\s+quan|địa\s+phương)"
                              r"|(?P<hamlet>thôn|xóm|ấp|khóm|bản|tổ\s+dân\s+phố|khu\s+phố))(?!\w)")
_ADMIN_KINDS = frozenset({"huyện", "quận", "thị xã", "thành phố", "tỉnh"})
_COMMUNE_KINDS = frozenset({"xã", "phường", "thị trấn", "đặc khu"})
_OTHER_OWNER = regex.compile(r"(?<!\w)của\s+\p{Lu}")  # `của UBND huyện`, `của Sở`: a named owner
_OWNER_BEFORE = regex.compile(r"(?<!\w)của\s+[^\n,;:.()%]{0,30}\Z")  # `của UBND tỉnh` before a name
#: a name's own figure after it, in parentheses or not (``Nam Kim (86,4%)``, ``Hương Lâm 42,1%``)
_OWN_FIGURE = regex.compile(r"[^\S\n]*(?:\(\s*\d|\d[\d.,]*\s*%)")


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    kind: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


def _number(text: str, thousands: bool) -> float:
    if thousands and _THOUSANDS.fullmatch(text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


@lru_cache(maxsize=1)
def _labels() -> list[regex.Pattern[str]]:
    return [regex.compile(p) for p in rules.metrics().label_patterns]


def _is_word_before(before: str, words: Sequence[str]) -> bool:
    low = before.casefold().rstrip()
    return any(low.endswith(" " + w) or low == w for w in words)


def _not_ratio(text: str, m: regex.Match[str]) -> bool:
    pats = rules.metrics()
    num, den = m.group("num"), m.group("den")
    if f"{num}/{den}" in pats.not_ratios:
        return True
    before = text[max(0, m.start() - 25) : m.start()]
    n, d = _number(num, True), _number(den, True)
    if _is_word_before(before, ["số", "số:"]) or _NUMBER_WORD_BEFORE.search(before):
        return True
    if _is_word_before(before, pats.rank_cues):
        return True
    if 1900 <= d <= 2100 and n <= 12:
        return True  # a month or quarter of a year
    counted = {w.casefold() for w in m.group("nw").split()}
    per = _WORD_AFTER.match(text, m.end())
    if counted and per and per.group(1).casefold() not in counted and (n > d or d == 1):
        return True  # a rate ("01 mẫu/01 khu vực"), not a share ("312 người tham gia/405 nhân khẩu")
    if n <= 31 and d <= 12 and not m.group("nw").strip():
        inside_parens = text[max(0, m.start() - 1) : m.start()] == "(" and text[m.end() : m.end() + 1] == ")"
        things = per is not None and per.group(1).islower() and per.group(1) not in pats.date_cues \
            and text[m.end() : per.start(1)].strip() == ""  # `2/5 tuyến`: a count of things, not a date
        if (not inside_parens and not things) or _is_word_before(before, pats.date_cues):
            return True
    return d == 0


def _figures(text: str, lo: int, hi: int) -> list[_Figure]:
    found: list[_Figure] = []
    for m in _RATIO.finditer(text, lo, hi):
        if _not_ratio(text, m):
            continue
        n, d = _number(m.group("num"), True), _number(m.group("den"), True)
        found.append(_Figure(m.start(), m.end(), "ratio", round(n / d * 100, 2), n, d))
    for m in _PERCENT.finditer(text, lo, hi):
        found.append(_Figure(m.start(), m.end(), "percent", _number(m.group(1), False)))
    return sorted(found, key=lambda f: f.start)


def _gap_breaks(gap: str) -> bool:
    """Whether the text between a unit mention and a figure ends the unit's clause."""
    depth = 0
    for n, ch in enumerate(gap):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return True
        elif ch == "\n" and not gap[n + 1 : n + 2] == "(":
            return True
        elif depth == 0 and (ch in ";:" or (ch == "." and (n + 1 == len(gap) or gap[n + 1].isspace()))):
            return True
    if _OTHER_OWNER.search(gap):
        return True  # `Phòng Văn hóa ..., bảo đảm tỷ lệ ký số của UBND huyện đạt 100%`: another's figure
    low = gap.casefold()
    if _area().search(low):
        return True
    return bool(_aggregate().search(low))


@lru_cache(maxsize=1)
def _area() -> regex.Pattern[str]:
    """An area cue (``toàn huyện``) that is not a ranking's (``dẫn đầu toàn huyện``, ``cao nhất trong toàn tỉnh``)."""
    pats = rules.metrics()
    areas = "|".join(regex.escape(w) for w in pats.area_cues)
    best = "|".join(regex.escape(w) for w in pats.superlative_cues)
    return regex.compile(rf"(?<!\b(?:{best})\s+(?:(?:trong|của|ở)\s+)?)(?:{areas})")


@lru_cache(maxsize=1)
def _aggregate() -> regex.Pattern[str]:
    """``12 xã``, ``5 đơn vị``: a count of units, the figure after it is theirs together."""
    groups = "|".join(regex.escape(w) for w in rules.metrics().aggregate_cues)
    return regex.compile(rf"(?<![\d/.,])\d+\s+(?:{groups})\b")


#: Where a sentence ends: a line break, or a full stop before a space or the end of the text.
_SENTENCE_END = re.compile(r"\n|\.(?=\s|\Z)")


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """The ends of a text's sentences (the break's offset) and where the next ones start (after a
    line break, or after a full stop and before its space), found once per document."""
    ends, starts = [], []
    for m in _SENTENCE_END.finditer(text):
        ends.append(m.start())
        if m.end() < len(text) or m.group() == "\n":
            starts.append(m.end())
    return ends, starts


def _sentence(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos``, within ``lo`` and ``hi``."""
    ends, starts = _sentence_ends(text)
    i = bisect_right(starts, pos) - 1
    start = max(lo, starts[i]) if i >= 0 else lo
    j = bisect_left(ends, pos)
    end = min(hi, ends[j]) if j < len(ends) else hi
    return min(start, pos), max(end, pos)


def _iso(d: str, m: str, y: str) -> str | None:
    day, month = int(d), int(m)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{y}-{month:02d}-{day:02d}"


def _period(sentence: str) -> str | None:
    m = _PERIOD_RANGE.search(sentence)
    if m:
        a, b = _iso(*m.group(1, 2, 3)), _iso(*m.group(4, 5, 6))
        if a and b:
            return f"{a}/{b}"
    m = _PERIOD_TO.search(sentence)
    if m:
        b = _iso(*m.group(1, 2, 3))
        if b:
            return f"to {b}"
    return None


def _comparator(text: str, fig: _Figure) -> str | None:
    before = text[max(0, fig.start - 30) : fig.start]
    after = text[fig.end : fig.end + 20].casefold()
    for comp in rules.metrics().comparators:
        if comp.before and not _is_word_before(before, comp.before):
            continue
        if comp.after and not any(after.lstrip().startswith(a) for a in comp.after):
            continue
        return comp.op
    return None


@lru_cache(maxsize=16)
def _words(words: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(rf"(?<!\p{{L}}){regex.escape(w)}(?!\p{{L}})") for w in words)


def _last_word(text: str, words: Sequence[str]) -> int:
    """End of the last of ``words`` in ``text`` as whole words (-1 when none)."""
    ends = [m.end() for p in _words(tuple(words)) for m in p.finditer(text)]
    return max(ends, default=-1)


def _has_word(text: str, words: Sequence[str]) -> bool:
    return _last_word(text, words) != -1


def _is_target(text: str, fig: _Figure, sent_start: int, previous: tuple[int, bool] | None) -> bool:
    """Whether a figure is a target: a target cue in its own clause (the sentence from the last
    ``;``, or from an open parenthesis that reports a result), ``phải`` after it, or the item after a
    target in an enumeration (``tối thiểu 90% đối với cấp tỉnh; 80% đối với cấp huyện``) unless
    progress is reported between them (``mới đạt``).

    ``previous``: (end, is_target) of the figure before it in the same sentence."""
    pats = rules.metrics()
    before = text[sent_start : fig.start].casefold()
    clause = before.rfind(";") + 1
    before = before[clause:]
    paren = before.rfind("(")
    if paren > before.rfind(")") and _has_word(before[paren:], pats.result_cues):
        return _has_word(before[paren:], pats.target_cues)
    cue = _last_word(before, pats.target_cues)
    if cue != -1 and "," in before[cue:] and _A_FIGURE.search(before, 0, cue):
        cue = -1  # `bằng 117,6% dự toán Trung ương giao, bằng 105,5%`: the cue closed a figure before
    if cue != -1 and not _has_word(before[cue:], pats.progress_cues):  # not `chỉ tiêu ... mới đạt 28%`
        return True
    if _MUST_AFTER.match(text, fig.end, fig.end + 40):
        return True
    if previous is not None and previous[1]:
        return not _has_word(text[previous[0] : fig.start].casefold(), pats.progress_cues)
    return False


_A_FIGURE = regex.compile(r"\d\s*%|/\s*\d")  # a percentage or a ratio
_MUST_AFTER = regex.compile(r"(?i)[\p{L}\s]{0,30}?\bphải\b")


def _label(text: str, fig: _Figure, since: int) -> str | None:
    window = text[max(since, fig.start - 120) : fig.start]
    best: regex.Match[str] | None = None
    for pattern in _labels():
        for m in pattern.finditer(window):
            if best is None or m.start() > best.start():
                best = m
    if best is None:
        return None
    label = " ".join(best.group().split())
    return label[:1].lower() + label[1:]


def extract_metrics(ctx: Context, units: Sequence[Unit]) -> list[Metric]:
    """Every percentage and count ratio of the body and annex, attributed where the text says."""
    text = ctx.text
    mentions = sorted(((sp.start, sp.end, u.name) for u in units for sp in u.mentions), key=lambda x: x[0])
    window = rules.metrics().clause_window
    subject = _subject_province(ctx, units)
    wide = {u.name for u in units if u.level in ("huyện", "tỉnh") and u.kind in _ADMIN_KINDS}
    communes = wide | {u.name for u in units if u.kind in _COMMUNE_KINDS}
    out = _table_metrics(ctx, mentions)
    in_tables = sorted((m.start, m.end) for m in out)
    for lo, hi in ctx.body_ranges():
        previous = lo
        last: tuple[int, int, bool] | None = None  # sentence start, end, is_target of the figure before
        series = _Series()
        for fig in _figures(text, lo, hi):
            if in_tables and _inside(fig.start, in_tables):
                continue  # a table's cell: read with its row above
            sent_start, sent_end = _sentence(text, fig.start, lo, hi)
            targets = series.pick(text, fig, sent_start, _attribute(text, fig, mentions, window), mentions)
            counted = _COUNTS_UNITS.match(text, fig.end) if targets else None
            if counted:
                # `135/135 xã, phường`, `9/9 thôn`: a count of units belongs to a unit above them,
                # not to an office or company named before it
                targets = [t for t in targets if t in (communes if counted.group("hamlet") else wide)]
            target = _is_target(text, fig, sent_start, last[1:] if last and last[0] == sent_start else None)
            last = (sent_start, fig.end, target)
            if target and targets and target_words().search(text, mentions_end(targets, mentions), fig.start):
                targets = []
            if not targets and not target and subject and not _national(text, fig, sent_start):
                targets = [subject]
            period = _period(text[sent_start:sent_end])
            label = _label(text, fig, max(sent_start, previous))
            previous = fig.end
            comparator = _comparator(text, fig)
            names: list[str | None] = list(targets) or [None]
            for name in names:
                out.append(Metric(unit=name, value=fig.value, kind=fig.kind, start=fig.start, end=fig.end,
                                  label=label, numerator=fig.numerator, denominator=fig.denominator,
                                  comparator=comparator, period=period, is_target=target))
    return sorted(out, key=lambda m: m.start) if in_tables else out


@lru_cache(maxsize=1)
def _respective() -> regex.Pattern[str]:
    return regex.compile(rf"(?i)(?<!\w)(?:{alternation(rules.metrics().respective_cues)})(?!\w)")


_OWN_PARENTHESIS = regex.compile(r"[^\S\n]*\(\s*\Z")  # `88,14% (52/59 hộ)`: the figure before's own


@dataclass
class _Series:
    """Figures paired in order with a list of units (``xóm A và xóm B lần lượt là 88,14% (52/59 hộ) và
    85,29% (58/68 hộ)``), or as many figures listed as units (``A và B mới đạt 51,9% và 43,5%``): A takes
    the first figure and the ratio in parentheses after it, B the second."""

    names: tuple[str, ...] = ()
    sentence: int = -1
    index: int = -1
    end: int = 0  # end of the last figure of the series

    def pick(self, text: str, fig: _Figure, sentence: int, targets: list[str],
             mentions: list[tuple[int, int, str]]) -> list[str]:
        if len(targets) > 1 and (sentence, tuple(targets)) == (self.sentence, self.names):
            if not _OWN_PARENTHESIS.search(text, self.end, fig.start):
                self.index += 1
            self.end = fig.end
            if self.index < len(self.names):
                return [self.names[self.index]]
            self.names = ()  # more figures than units: the series is over
            return targets
        self.names = ()
        if len(targets) < 2:
            return targets
        names_end = max((e for _, e, n in mentions if n in targets and e <= fig.start), default=fig.start)
        listed = 1 + _listed_after(text, fig.end) == len(targets) \
            and not _LISTED_BEFORE.search(text, max(0, fig.start - 24), fig.start)
        if listed or _respective().search(text, names_end, fig.start):
            # (`A và B đạt 51,9% và 43,5%`: as many figures listed as units, in their order)
            self.names, self.sentence, self.index, self.end = tuple(targets), sentence, 0, fig.end
            return [targets[0]]
        return targets


#: the next figure of a list of figures (`51,9% và 43,5%`, `7/19 và 5/16`)
_NEXT_LISTED = regex.compile(
    r"[^\S\n]*(?:,[^\S\n]*(?:và[^\S\n]+)?|và[^\S\n]+)\d+(?:[.,]\d+)*(?:[^\S\n]*%|/\d+(?:[.,]\d+)*)")

#: the end of a figure followed by a list's joiner: what comes next is the list's next figure
_LISTED_BEFORE = regex.compile(r"\d[^\S\n]*%?[^\S\n]*(?:,[^\S\n]*(?:và[^\S\n]+)?|và[^\S\n]+)\Z")


def _listed_after(text: str, pos: int) -> int:
    """How many figures follow the one that ends at ``pos`` in a list of figures."""
    count = 0
    while m := _NEXT_LISTED.match(text, pos):
        count, pos = count + 1, m.end()
    return count


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _table_metrics(ctx: Context, mentions: list[tuple[int, int, str]]) -> list[Metric]:
    """The percentages of tables (``extract.tables``): each row's to its unit (the unit found in its
    cell, else the cell as written), a row of totals' to no unit."""
    out = []
    for table in find_tables(ctx):
        targets = [bool(target_words().search(label)) for label in table.labels]
        for row in table.rows:
            name = None
            if row.unit is not None:
                inside = [n for s, e, n in mentions if row.unit.start <= s and e <= row.unit.end]
                name = inside[0] if inside else row.unit.text
            for label, target, cell in zip(table.labels, targets, row.values, strict=True):
                out.append(Metric(unit=name, value=_number(cell.text.rstrip("% "), False), kind="percent",
                                  start=cell.start, end=cell.end, label=label, is_target=target))
            for label, cell in zip(table.other_labels, row.others, strict=True):
                # a ratio cell (`45/52`) is the row's too; a count or an amount is no figure
                for fig in _figures(ctx.text, cell.start, cell.end):
                    if fig.kind == "ratio" and (fig.start, fig.end) == (cell.start, cell.end):
                        out.append(Metric(unit=name, value=fig.value, kind="ratio", start=fig.start, end=fig.end,
                                          label=label, numerator=fig.numerator, denominator=fig.denominator,
                                          is_target=bool(target_words().search(label))))
    return out


@lru_cache(maxsize=1)
def _partner_words() -> regex.Pattern[str]:
    # `phối hợp với X`; not `cùng`, which also joins two subjects (`xã A cùng xã B đạt 80%`)
    partners = [w for w in rules.tasks().partner_words if w.startswith("phối hợp")]
    return regex.compile(rf"(?i)(?<!\w)(?:{alternation(partners)})\s+\Z")


def _partner_before(text: str, start: int) -> bool:
    """Whether a name is the partner of a clause (``phối hợp với X``), not its subject."""
    return bool(_partner_words().search(text, max(0, start - 30), start))


def _national(text: str, fig: _Figure, sent_start: int) -> bool:
    """Whether a figure is the country's (``bình quân cả nước tăng 9,3%``): a national cue in its own
    clause, before it (from the last ``;``, ``(`` or ``)``) or right after it (up to the next of them)."""
    before = text[max(sent_start, fig.start - 60) : fig.start].rstrip()
    # `so với bình quân cả nước (54,4%)`, `(khoảng 37,8%)`: its own parenthesis
    before = _OPEN_PAREN_LEAD.sub("", before)
    cut = max(before.rfind(c) for c in ";()")
    before = before[cut + 1 :]
    after = text[fig.end : fig.end + 30]
    cut = min((i for i in (after.find(c) for c in ";()") if i != -1), default=len(after))
    window = (before + " " + after[:cut]).casefold()
    return any(cue in window for cue in rules.metrics().national_cues)


def _subject_province(ctx: Context, units: Sequence[Unit]) -> str | None:
    """The province a central body's document is about (a notice after a working visit): the one
    province it names, when the issuer has no locality of its own."""
    issuer = ctx.header.issuer
    if issuer is not None and issuer.locality:
        return None
    provinces = sorted((u for u in units if u.kind == "tỉnh" and u.level == "tỉnh"), key=lambda u: -len(u.mentions))
    if len(provinces) == 1 or (len(provinces) > 1 and len(provinces[0].mentions) >= 2 * len(provinces[1].mentions) + 1):
        return provinces[0].name
    return None


#: a list item's marker and the kind word of the unit that heads it (`- Xã `, `a) `)
_ITEM_HEAD = regex.compile(r"[^\S\n]*(?:[-+•*–]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])[^\S\n]*(?:\p{Lu}\p{Ll}*[^\S\n]+)?\Z")


def _heads_its_item(text: str, start: int, end: int, pos: int) -> bool:
    """Whether the unit mentioned at ``start``-``end`` heads the list item it opens, and its colon gives it the
    figures of the item's clauses up to ``pos`` (``- Xã Định Tăng: cứng hóa 4,2 km; tỷ lệ ... đạt 100%``)."""
    line = text.rfind("\n", 0, start) + 1
    return bool(_ITEM_HEAD.match(text, line, start)) and bool(_LEADING_COLON.match(text, end)) \
        and "\n" not in text[end:pos]


def mentions_end(names: list[str], mentions: list[tuple[int, int, str]]) -> int:
    """End of the last mention of any of ``names`` (0 when none)."""
    return max((e for _, e, n in mentions if n in names), default=0)


def _attribute(text: str, fig: _Figure, mentions: list[tuple[int, int, str]], window: int) -> list[str]:
    # A figure followed by a colon: the list after it ("(0%): A, B, C").
    tail = _CLOSE_THEN_COLON.match(text[fig.end : fig.end + 60])
    if tail:
        names: list[str] = []
        pos = fig.end + tail.end()
        for s, e, name in mentions:
            if s < pos:
                continue
            if not _SEPARATOR.match(text[pos:s]) or (names and s - pos > 8):
                break
            if _OWN_FIGURE.match(text, e):
                names = []  # `04 đơn vị đạt từ 70% đến dưới 90%: Khánh Sơn (86,4%), ...`: a band, not theirs
                break
            names.append(name)
            pos = e
        if names:
            return list(dict.fromkeys(names))
    before = [m for m in mentions if m[1] <= fig.start and fig.start - m[1] <= window]
    if not before:
        return []
    close = text.find(")", before[-1][1], fig.start)
    if close != -1 and (opening := text.rfind("(", 0, before[-1][0])) != -1 and "(" not in text[before[-1][1] : close] \
            and "\n" not in text[opening:close]:
        # `Trường THCS Tam Cường (huyện Vĩnh Bảo) đạt 71,2%`, `xã Mèo Vạc (sáp nhập từ thị trấn Mèo Vạc,
        # xã Tả Lủng) hiện có 61/48 biên chế`: the names in parentheses say where the unit before them is
        # or what it is made of; the figure after them is that unit's
        owner = [m for m in before if m[1] <= opening and not text[m[1] : opening].strip()]
        if owner:
            before = before[: before.index(owner[-1]) + 1]
    s, e, name = before[-1]
    if _partner_before(text, s):
        return []  # `phối hợp với Kho bạc Nhà nước huyện bảo đảm giải ngân 100%`: the lead's figure, not the partner's
    if _OWNER_BEFORE.search(text, max(0, s - 40), s) and text[e : e + 1] == ",":
        # `Quyết định ... của UBND tỉnh Thanh Hóa, đến ngày 30/9 xã tự đánh giá đạt 15/19 tiêu chí`: an
        # owner closed by a comma; the clause after it has a subject of its own
        return []
    # `- Thôn Hố Sâu: 23/186 hộ (12,37%)`: the colon right after a name opens its figures
    gap = _LEADING_CLOSE.sub("", text[e : fig.start])
    if colon := _LEADING_COLON.match(gap):
        gap = gap[colon.end() :]
    if _heads_its_item(text, s, e, fig.start):
        gap = gap.replace(";", ",")  # the item's clauses are all the unit's
    if _gap_breaks(gap):
        return []
    group = [name]
    pos = s
    for ps, pe, pname in reversed(before[:-1]):
        if not _SEPARATOR.match(text[pe:pos]):
            break
        group.append(pname)
        pos = ps
    return list(dict.fromkeys(reversed(group)))
