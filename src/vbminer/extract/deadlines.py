"""Deadlines (``deadlines``): the time limits a dispatch sets, each as the last day allowed.

Three shapes of phrase, their lead words kept as data in ``patterns/deadlines.json``:

* a day after a lead (``trước ngày 15/8/2021``, ``chậm nhất là ngày 10 tháng 3 năm 2022``,
  ``trước 17 giờ 00 ngày 18/3/2022``); a day written without its year takes the document's year;
* a month, quarter or year after a lead (``trong tháng 11/2022`` → 2022-11-30, ``trong quý III/2022``
  → 2022-09-30, ``trong năm 2022`` → 2022-12-31, ``trước tháng 12/2025`` → 2025-11-30), and the
  periods joined to it (``trong tháng 6 và tháng 11/2024``: a period without its year takes the year of
  the last one of the chain that has one);
* the value of a time-limit field or table column (``Thời gian hoàn thành: Tháng 11 - 12/2025``,
  ``Thời hạn hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026``, a bare ``2025`` or ``Quý II/2022``
  in the column of a table read one cell per line or one row per line with tabs).

Reference instants and monitoring periods (``Tính đến ngày 31/5/2021``, ``từ ngày ... đến ngày ...``)
are not deadlines; a month/quarter/year phrase in a clause that tells the past (``Trong tháng 5, các
đơn vị đã ...``), or that ended before the document's date, is not one either. A day written without
its year that fell months before the document's date is next year's. Each deadline carries the clause
it binds (``task``) and the assignees of the assignment it sits in (see :mod:`vbminer.extract.tasks`).
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..types import Deadline, Unit
from .base import Context, FirstWords, alternation, target_words

_DAY = (
    r"(?<!tháng\s*)(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>(?:19|20)\d\d))?(?![\d/.-]*\d)"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,?\s*năm|/)\s*(?P<y2>(?:19|20)\d\d))?(?!\d))"
)
_TIME = r"(?:\d{1,2}\s*(?:giờ|h|g)\s*(?:\d{1,2}\s*(?:phút|p|')?)?(?:\s*(?:sáng|chiều|tối))?\s*,?\s*)"
_YEAR_TAIL = r"(?:\s*(?:/|-|,?\s*năm)\s*(?P<{name}>(?:19|20)\d\d))?"


def _period(prefix: str, quarter_names: str) -> str:
    """Month (with an optional range), quarter or year, group names prefixed with ``prefix``."""
    p = prefix
    return (
        rf"(?:tháng\s+(?P<{p}m>\d{{1,2}})(?:\s*(?:-|–|đến)\s*(?:tháng\s+)?(?P<{p}m2>\d{{1,2}}))?(?![\d/]*\d/\d)"
        + _YEAR_TAIL.format(name=f"{p}my")
        + rf"|quý\s+(?P<{p}q>{quarter_names})(?![\w])"
        + _YEAR_TAIL.format(name=f"{p}qy")
        + rf"|năm\s+(?P<{p}y>(?:19|20)\d\d)(?!\d))"
    )


@dataclass(frozen=True)
class _Vocab:
    day: regex.Pattern[str]
    period: regex.Pattern[str]
    more_period: regex.Pattern[str]  # another period joined to one (`trong tháng 6 và tháng 11/2024`)
    field: regex.Pattern[str]
    value_day: regex.Pattern[str]
    value_period: regex.Pattern[str]
    bare_year: regex.Pattern[str]
    reference_before: regex.Pattern[str]
    retrospective: regex.Pattern[str]
    column: regex.Pattern[str]
    quarters: dict[str, int]
    day_leads: FirstWords  # where the phrases above can start
    period_leads: FirstWords
    field_leads: FirstWords


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    pats = rules.deadlines()
    quarter_names = "|".join(sorted(pats.quarters, key=len, reverse=True))
    flags = regex.IGNORECASE | regex.UNICODE
    return _Vocab(
        day=regex.compile(
            rf"(?<!\w)(?P<lead>{alternation(pats.day_leads)})\s+(?:{_TIME})?(?:ngày\s+)?{_DAY}", flags
        ),
        period=regex.compile(
            rf"(?<!\w)(?P<lead>{alternation(pats.period_leads)})\s+{_period('p', quarter_names)}", flags
        ),
        more_period=regex.compile(rf"[^\S\n]*(?:,|và|hoặc)[^\S\n]*(?P<item>{_period('p', quarter_names)})",
                                   flags),
        # (a lead that ends its line heads a column: its value is not the next line's start)
        field=regex.compile(rf"(?<!\w)(?P<lead>{alternation(pats.field_leads)})[^\S\n]*(?::|là)?[^\S\n]*", flags),
        value_day=regex.compile(rf"(?<![\w/])(?:{_TIME})?(?:ngày\s+)?{_DAY}", flags),
        value_period=regex.compile(rf"(?<!\w){_period('v', quarter_names)}", flags),
        bare_year=regex.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*$"),
        reference_before=regex.compile(rf"(?<!\w)(?:{alternation(pats.reference_leads)})\s*$", flags),
        retrospective=regex.compile(rf"(?<!\w)(?:{alternation(pats.retrospective_words)})(?!\w)", flags),
        column=regex.compile(rf"^\s*(?:{alternation(pats.field_leads)})\s*:?\s*$", flags),
        quarters={k.casefold(): v for k, v in pats.quarters.items()},
        day_leads=FirstWords(pats.day_leads),
        period_leads=FirstWords(pats.period_leads),
        field_leads=FirstWords(pats.field_leads),
    )


#: a figure's change between two periods (``từ 18% trong tháng 7 lên 51,3% trong tháng 10``): the
#: periods are when it was measured
_CHANGE = regex.compile(r"(?i)(?<!\w)từ\s+\d[\d.,]*\s*%[^;\n]*?(?<!\w)(?:lên|xuống|còn)\s+\d")


@dataclass(frozen=True)
class Limit:
    """A time-limit phrase found in the text: ``text[start:end]``, ``date`` the last day allowed."""

    date: str
    start: int
    end: int
    joined_to: int | None = None  # where the period it is joined to starts (`tháng 11/2024` of `trong tháng 6 và …`)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return _iso(year, month, calendar.monthrange(year, month)[1])


def _day_date(m: regex.Match[str], year: int | None) -> str | None:
    day, month, y = m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
    if day is None or month is None:
        return None
    use_year = int(y) if y else year
    return _iso(use_year, int(month), int(day)) if use_year else None


def _period_months(m: regex.Match[str], p: str, year: int | None) -> tuple[int | None, int, int] | None:
    """The year (as written, else ``year``) and the first and last months of the month (or months),
    quarter or year matched with group prefix ``p``."""
    if m.group(f"{p}m"):
        first = int(m.group(f"{p}m"))
        return (int(m.group(f"{p}my")) if m.group(f"{p}my") else year), first, int(m.group(f"{p}m2") or first)
    if m.group(f"{p}q"):
        quarter = _vocab().quarters.get(m.group(f"{p}q").casefold())
        if quarter is None:
            return None
        return (int(m.group(f"{p}qy")) if m.group(f"{p}qy") else year), quarter * 3 - 2, quarter * 3
    if m.group(f"{p}y"):
        return int(m.group(f"{p}y")), 1, 12
    return None


def _period_date(m: regex.Match[str], p: str, year: int | None, before: bool) -> str | None:
    """The last day of the month/quarter/year matched with group prefix ``p``.

    ``before`` (``trước tháng 12/2025``) gives the last day of the period before it.
    """
    months = _period_months(m, p, year)
    if months is None:
        return None
    y, first, last = months
    if y is None or not 1 <= last <= 12:
        return None
    if before:  # the month before the (last) month written, the quarter or year before the one written
        last = (last if m.group(f"{p}m") else first) - 1
        if last == 0:
            y, last = y - 1, 12
    return _month_end(y, last)


def _period_start(m: regex.Match[str], p: str, year: int | None) -> str | None:
    """The first day of the month/quarter/year matched with group prefix ``p``."""
    months = _period_months(m, p, year)
    if months is None:
        return None
    y, first, _ = months
    return _iso(y, first, 1) if y is not None and 1 <= first <= 12 else None


_DOT = regex.compile(r"\.(?:\s|$)")  # a full stop that ends a clause (not the one in `15.8.2021`)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: up to the nearest ``.``/``;``/``:``/line break each side."""
    left = max(text.rfind(c, 0, start) for c in ".;:\n") + 1
    rights = [i for i in (text.find(c, end) for c in ";\n") if i != -1]
    dot = _DOT.search(text, end)
    if dot:
        rights.append(dot.start())
    return left, min(rights) if rights else len(text)


def _is_reference(text: str, start: int) -> bool:
    return bool(_vocab().reference_before.search(text[max(0, start - 20) : start]))


def _column_value_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells under a time-limit column header: the lines after it in a table exported one cell per
    line, the cells of its column in a table with one row per line and tabs between the cells."""
    out: list[tuple[int, int]] = []
    vocab = _vocab()
    in_table = False
    tab_column: int | None = None  # the time-limit column of a tab table whose rows go on
    pos = start
    for line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if "\t" in line:
            cells = line.split("\t")
            heads = [k for k, cell in enumerate(cells) if vocab.column.match(cell)]
            if heads:
                tab_column = heads[0]
                continue
            if tab_column is not None and tab_column < len(cells):
                at = line_start + sum(len(c) + 1 for c in cells[:tab_column])
                out.append((at, at + len(cells[tab_column])))
                continue
        tab_column = None
        if vocab.column.match(line):
            in_table = True
            continue
        if in_table:
            out.append((line_start, line_start + len(line)))
    return out


def _ahead(date: str, written_year: bool, issued: _dt.date | None) -> str:
    """A limit's date seen from the document's: a day written without its year that fell months before
    the document is next year's (``trước ngày 05/01`` in a letter of 20 December)."""
    if issued is None:
        return date
    day = _dt.date.fromisoformat(date)
    if not written_year and (issued - day).days > _ROLL_DAYS:
        rolled = _iso(day.year + 1, day.month, day.day) or _iso(day.year + 1, day.month, 28)  # (29 February)
        return rolled or date
    return date


#: how long before the document a day written without its year must fall to be next year's
_ROLL_DAYS = 60


def find_limits(text: str, start: int, end: int, year: int | None,
                issued: _dt.date | None = None) -> list[Limit]:
    """Every time-limit phrase in ``text[start:end]``, in text order (one per phrase); ``issued``, the
    document's date, places the days written without a year and drops the periods (``trong tháng
    10/2025``) that ended before it: those tell what was done."""
    vocab = _vocab()
    found: dict[int, Limit] = {}
    for m in vocab.day_leads.finditer(vocab.day, text, start, end):
        if _is_reference(text, m.start()):
            continue
        date = _day_date(m, year)
        if date:
            date = _ahead(date, bool(m.group("y") or m.group("y2")), issued)
        if date:
            found[m.start()] = Limit(date, m.start(), m.end())
    for m in vocab.period_leads.finditer(vocab.period, text, start, end):
        if m.start() in found or _is_reference(text, m.start()):
            continue
        lo, hi = _clause_bounds(text, m.start(), m.end())
        ahead = issued is not None and (first := _period_start(m, "p", year)) is not None and first > issued.isoformat()
        # a period still to come is told as past only by what follows it (`trong tháng 9 đã ảnh hưởng`): a
        # word before it describes what the clause names (`… các cơ sở đã được cấp Giấy chứng nhận, trình …
        # trong tháng 8/2022`)
        retro = vocab.retrospective.search(text, m.end() if ahead else lo, hi)
        if (retro and not target_words().search(text, lo, hi)) or _CHANGE.search(text, lo, hi):
            continue  # a past period, unless the clause sets a target (`phấn đấu đến hết ... đạt tối thiểu 80%`)
        before = m.group("lead").casefold() == "trước"
        chain = _joined_periods(text, m, end)
        # a period written without its year takes the year of the last one of its chain that has one
        chain_year = next((y for _, p in reversed(chain) if (y := _written_year(p))), None) or year
        for at, p in chain:
            date = _period_date(p, "p", chain_year, before)
            if date and issued is not None and date < issued.isoformat():
                continue  # `Trong tháng 10/2025 có 87 lượt tàu …` in a report of November
            if date:
                found[at] = Limit(date, at, p.end(), joined_to=m.start() if at != m.start() else None)
    taken = [(lim.start, lim.end) for lim in found.values()]
    for m in vocab.field_leads.finditer(vocab.field, text, start, end):
        stop = _SENTENCE_END.search(text, m.end(), end)  # (`… đến hết ngày 31/12/2023. Để KBNN …`)
        value_end = min(i for i in (text.find("\n", m.end()), text.find(";", m.end()), end,
                                    stop.start() if stop else -1) if i != -1)
        limit = _value_limit(text, m.end(), min(value_end, end), year)
        if limit and not any(a <= limit.start < b for a, b in taken):
            found[limit.start] = limit
            taken.append((limit.start, limit.end))
    for line_start, line_end in _column_value_lines(text, start, end):
        if any(a <= line_start < b or line_start <= a < line_end for a, b in taken):
            continue
        limit = _value_limit(text, line_start, line_end, year, whole=True)
        if limit:
            found[limit.start] = limit
    return [found[k] for k in sorted(found)]


def _joined_periods(text: str, m: regex.Match[str], end: int) -> list[tuple[int, regex.Match[str]]]:
    """A period phrase and the periods joined to it (``trong tháng 6 và tháng 11/2024``, ``trong quý II,
    quý IV năm 2024``), each with where it starts."""
    chain = [(m.start(), m)]
    more = _vocab().more_period
    while (nxt := more.match(text, chain[-1][1].end(), end)) is not None:
        chain.append((nxt.start("item"), nxt))
    return chain


def _written_year(m: regex.Match[str]) -> int | None:
    """The year written in a period phrase (``p`` groups), or None."""
    months = _period_months(m, "p", None)
    return months[0] if months else None


_SENTENCE_END = regex.compile(r"\.(?=\s+\p{Lu})")
_PERIOD_START = regex.compile(r"(?i)(?<!\w)đầu\s+$")


def _value_limit(text: str, start: int, end: int, year: int | None, whole: bool = False) -> Limit | None:
    """The last day allowed by a field value (``Trước ngày 31/5/2026``, ``Tháng 11 - 12/2025``, ``2025``).

    With ``whole`` the value must be nothing but a time expression (a table cell).
    """
    vocab = _vocab()
    value = text[start:end]
    bare = vocab.bare_year.match(value)
    if bare:
        y = int(bare.group("y"))
        return Limit(f"{y}-12-31", start + bare.start("y"), start + bare.end("y"))
    candidates: list[tuple[int, int, str]] = []
    for m in vocab.value_period.finditer(text, start, end):
        if _PERIOD_START.search(text, max(start, m.start() - 8), m.start()):
            continue  # `đầu năm 2021`: when a period begins, no limit
        date = _period_date(m, "v", year, before=False)
        if date:
            candidates.append((m.start(), m.end(), date))
    for m in vocab.value_day.finditer(text, start, end):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b, _ in candidates):
            continue
        if _AFTER_SYMBOL.search(text, start, m.start()):
            continue  # `đúng thời hạn theo Nghị định số 95/2023/NĐ-CP ngày 29/12/2023`: the date a document was issued
        date = _day_date(m, year)
        if date:
            candidates.append((m.start(), m.end(), date))
    if not candidates:
        return None
    candidates.sort()
    first, last = candidates[0], candidates[-1]
    if whole:
        rest = (text[start : first[0]] + text[last[1] : end]).strip(" .,;:()")
        if len(rest.split()) > 4:
            return None
    if len(candidates) == 1 and _is_reference(text, first[0]):
        return None  # `Từ tháng 10/2025 đến khi kết thúc`: a start, not a limit
    # a value that runs `từ ... đến ...` is limited by its end
    return Limit(last[2], first[0], last[1])


#: the number and symbol of a cited document, right before a day (its date of issue)
_AFTER_SYMBOL = regex.compile(r"\d+/[^\s,;()]*\p{Lu}[^\s,;()]*\s+$")

_MARKER = regex.compile(r"^\s*(?:[-+•*–]|\(?\d+(?:\.\d+)*[.)]|\(?[a-zđ][.)]|[IVX]+[.)])\s*")


def _tidy(clause: str) -> str:
    clause = _MARKER.sub("", clause)
    return " ".join(clause.split()).strip(" ,;:-")


def _task_of(text: str, limit: Limit) -> str | None:
    """The clause a deadline binds: the words before it in its clause, else those after it, else the
    line before (a ``Thời gian hoàn thành:`` line or a table cell under the deadline column)."""
    lo, hi = _clause_bounds(text, limit.start, limit.end)
    before = _tidy(text[lo : limit.start if limit.joined_to is None else limit.joined_to])
    if len(before.split()) >= 3:
        return before
    after = _tidy(text[limit.end : hi])
    if len(after.split()) >= 3:
        return after
    line_start = text.rfind("\n", 0, limit.start)
    if line_start > 0:
        prev_start = text.rfind("\n", 0, line_start) + 1
        prev = _tidy(text[prev_start:line_start])
        if prev:
            return prev
    return before or after or None


def extract_deadlines(ctx: Context, units: Sequence[Unit]) -> list[Deadline]:
    """Deadlines of the body and annexes, each with its task clause and the assignees it binds."""
    from .tasks import find_assignments

    text = ctx.text
    assignments = find_assignments(ctx, units)
    out: list[Deadline] = []
    for lo, hi in ctx.body_ranges():
        for limit in find_limits(text, lo, hi, ctx.year, ctx.issued):
            who: list[str] = []
            for a in assignments:
                if a.action_start <= limit.start < a.action_end and a.assignee not in who:
                    who.append(a.assignee)
            out.append(
                Deadline(
                    date=limit.date,
                    text=text[limit.start : limit.end],
                    start=limit.start,
                    end=limit.end,
                    task=_task_of(text, limit),
                    assignees=tuple(who),
                )
            )
    return out
