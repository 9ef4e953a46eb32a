"""Tables of percentages per unit in the body, as text exports leave them (``tables`` in ``metrics.json``).

Four layouts reach vbminer:

- one row per line, cells separated by tabs (``5⇥Long Khê⇥2.640⇥1.905⇥72,2``); rows whose cells a PDF's
  text export lined up with runs of spaces arrive so too (``vbminer.normalize`` parts them with tabs);
- one row per line where an export turned the tabs into spaces (``5 Long Khê 2.640 1.905 72,2``): the
  cells cannot be told apart, so the table is read only when its last column is the percentage and
  every row ends with the same count of numbers;
- one cell per line: a .docx table read cell by cell, a copy out of a PDF;
- a Markdown table (``| 5 | Long Khê | 1.905/2.640 | 72,2 |`` under a line of dashes).

A table starts at a header whose first cell is the row-number column (``TT``, ``STT``), with a column
of units (``Đơn vị``, ``Xã``) and one of percentages (``Tỷ lệ (%)``). Its rows are numbered 1, 2, 3 ...;
a row of totals (``Cộng``, ``Toàn tỉnh``) may close it. Each row's percentages are its unit's, and so
are its ratio cells (``45/52``); counts and amounts are not figures. Whatever does not fit ends the table: a table
read wrongly would give figures to the wrong units, so a doubtful row gives none.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from .base import Context

_VALUE = regex.compile(r"\d+(?:[.,]\d+)?\s*%?")
_NUMBERS_AT_END = regex.compile(r"(?:[^\S\n]+\d[\d.,]*%?)+[^\S\n]*$")
_ROW_NUMBER = regex.compile(r"(\d{1,3})[.)]?")
#: the letter or Roman numeral of a group of rows, alone in its cell or before the group's name in capitals
_GROUP = regex.compile(r"(?:[A-ZĐ]|[IVX]{1,4})[.)]?(?:$|\s+\p{Lu}{2})")
_PIPE_RULE = regex.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?")
_MAX_HEADER_CELLS = 12
_MAX_HEADER_CELL = 80  # characters: a longer line is not a header cell


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Row:
    unit: Cell | None  # None: a row of totals
    values: tuple[Cell, ...]  # one per percent column
    others: tuple[Cell, ...] = ()  # one per other column (after the number and the unit): counts, ratios


@dataclass(frozen=True)
class Table:
    labels: tuple[str, ...]  # the header of each percent column
    rows: tuple[Row, ...]
    other_labels: tuple[str, ...] = ()  # the header of each other column


@dataclass(frozen=True)
class _Vocab:
    number_header: regex.Pattern[str]
    unit_header: regex.Pattern[str]
    percent_header: regex.Pattern[str]
    total_row: regex.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    t = rules.metrics().tables

    def alt(words: list[str]) -> str:
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))

    return _Vocab(
        number_header=regex.compile(rf"(?i)(?:{alt(t.number_headers)})"),
        unit_header=regex.compile(rf"(?i)(?:{alt(t.unit_headers)})(?![\p{{L}}])"),
        percent_header=regex.compile(rf"(?i)(?:{alt(t.percent_headers)})"),
        total_row=regex.compile(rf"(?i)(?:[-–][^\S\n]*)?(?:{alt(t.total_rows)})(?![\p{{L}}])"),
    )


def _lines(ctx: Context, lo: int, hi: int) -> list[Cell]:
    """The segmentation's lines from ``lo`` to ``hi``, each stripped, with its offsets."""
    return [_stripped(ln.start, ln.text) for ln in ctx.segmentation.lines if lo <= ln.start and ln.end <= hi]


def _stripped(start: int, text: str) -> Cell:
    """``text`` (found at ``start``) without its surrounding spaces, with its offsets."""
    lead = len(text) - len(text.lstrip())
    return Cell(start + lead, start + len(text.rstrip()), text.strip())


def split_cells(line: Cell, sep: str) -> list[Cell]:
    """The cells of a line split at ``sep``, each stripped, with its offsets."""
    out = []
    pos = line.start
    for part in line.text.split(sep):
        out.append(_stripped(pos, part))
        pos += len(part) + len(sep)
    return out


def _value(cell: Cell) -> bool:
    return bool(_VALUE.fullmatch(cell.text))


def _is_number(cell: Cell, expected: int) -> bool:
    m = _ROW_NUMBER.fullmatch(cell.text)
    return bool(m) and int(m.group(1)) == expected


def _is_unit(cell: Cell) -> bool:
    return any(c.isalpha() for c in cell.text) and not _vocab().total_row.fullmatch(cell.text)


def _columns(header: list[Cell]) -> tuple[int, list[int]] | None:
    """The unit column and the percent columns of a header, or None when it is not a table of them."""
    v = _vocab()
    if not header or not v.number_header.fullmatch(header[0].text):
        return None
    units = [i for i, c in enumerate(header) if i and v.unit_header.match(c.text)]
    percents = [i for i, c in enumerate(header) if i and v.percent_header.search(c.text) and i not in units]
    if not units or not percents or min(percents) < units[0]:
        return None
    return units[0], percents


def _other_columns(width: int, unit: int, percents: list[int]) -> list[int]:
    """The columns after the unit's that are not percentages (counts, ratios)."""
    return [i for i in range(unit + 1, width) if i not in percents]


def _rows_of_cells(rows: Iterator[list[Cell]], width: int, unit: int, percents: list[int]) -> list[Row]:
    """Numbered rows of ``width`` cells, then at most one row of totals (its first cell may span the
    number and the unit columns)."""
    out: list[Row] = []
    others = _other_columns(width, unit, percents)
    expected = 1
    after_group = False
    for cells in rows:
        if _GROUP.match(cells[0].text) and sum(1 for c in cells if c.text) <= 2:
            after_group = True  # `A  XÃ PHẤN ĐẤU ĐẠT CHUẨN (07 xã)`: a group's row
            continue
        if after_group:  # the group's rows go on with the table's count, or count from 1
            expected = 1 if len(cells) == width and _is_number(cells[0], 1) else len(out) + 1
            after_group = False
        if len(cells) == width and _is_number(cells[0], expected) and _is_unit(cells[unit]):
            values = [cells[i] for i in percents]
            if not all(map(_value, values)):
                break
            out.append(Row(cells[unit], tuple(values), tuple(cells[i] for i in others)))
            expected += 1
            continue
        totals = any(_vocab().total_row.fullmatch(c.text) for c in cells[:2])
        if totals and len(cells) in (width, width - 1) and out:
            shift = width - len(cells)
            values = [cells[i - shift] for i in percents]
            if all(map(_value, values)):
                out.append(Row(None, tuple(values), tuple(cells[i - shift] for i in others)))
        break
    return out


def _tab_table(lines: list[Cell], i: int) -> tuple[Table, int] | None:
    header = split_cells(lines[i], "\t")
    columns = _columns(header)
    if columns is None:
        return None
    unit, percents = columns
    rows = _rows_of_cells((split_cells(ln, "\t") for ln in lines[i + 1 :]), len(header), unit, percents)
    if not rows:
        return None
    return _table(header, unit, percents, rows), i + 1 + len(rows)


def _table(header: list[Cell], unit: int, percents: list[int], rows: list[Row]) -> Table:
    others = _other_columns(len(header), unit, percents)
    return Table(tuple(header[p].text for p in percents), tuple(rows), tuple(header[i].text for i in others))


def _pipe_cells(line: Cell) -> list[Cell]:
    """The cells of a Markdown table's line (``| 1 | Xã A | 45/52 | 86,5 |``)."""
    cells = split_cells(line, "|")
    return cells[1:-1] if line.text.endswith("|") else cells[1:]


def _pipe_table(lines: list[Cell], i: int) -> tuple[Table, int] | None:
    """A Markdown table: its header line, the line of dashes under it, then its rows."""
    header = _pipe_cells(lines[i])
    columns = _columns(header)
    if columns is None or i + 1 >= len(lines) or not _PIPE_RULE.fullmatch(lines[i + 1].text):
        return None
    unit, percents = columns
    body = list(itertools.takewhile(lambda ln: ln.text.startswith("|"), lines[i + 2 :]))
    rows = _rows_of_cells(map(_pipe_cells, body), len(header), unit, percents)
    return (_table(header, unit, percents, rows), i + 2 + len(rows)) if rows else None


def _spaced_table(lines: list[Cell], i: int, number_end: int) -> tuple[Table, int] | None:
    """Rows whose cells lost their tabs: the number, the unit's name, then numbers; only when the
    header's last column is the percentage (so the last number of each row is)."""
    v = _vocab()
    head = lines[i].text
    if not v.unit_header.match(head, number_end + 1):
        return None
    last = head.rsplit(" ", 2)[-2:]
    if not any(v.percent_header.search(w) for w in last):
        return None
    # the percent column's header: from its last `Tỷ lệ` (the cells of a header without tabs run together)
    at = head.casefold().rfind("tỷ lệ")
    label = head[at:] if at > number_end else last[-1]
    rows: list[Row] = []
    count = None
    for ln in lines[i + 1 :]:
        m = _NUMBERS_AT_END.search(ln.text)
        if not m:
            break
        lead = ln.text[: m.start()].strip()
        numbers = m.group().split()
        if count is None:
            count = len(numbers)
        if len(numbers) != count:
            break
        value = Cell(ln.end - len(numbers[-1]), ln.end, numbers[-1])
        num = _ROW_NUMBER.match(lead)
        if num and int(num.group(1)) == len(rows) + 1 and lead[num.end() :].strip():
            name = lead[num.end() :].strip()
            at = ln.start + ln.text.find(name, num.end())
            rows.append(Row(Cell(at, at + len(name), name), (value,)))
            continue
        if rows and v.total_row.fullmatch(lead):
            rows.append(Row(None, (value,)))
        break
    return (Table((label,), tuple(rows)), i + 1 + len(rows)) if rows else None


def _cell_table(lines: list[Cell], i: int) -> tuple[Table, int] | None:
    """One cell per line: the header's cells up to the line ``1`` that opens the first row."""
    header = [lines[i]]
    j = i + 1
    while j < len(lines) and len(header) <= _MAX_HEADER_CELLS:
        cell = lines[j].text
        if not cell or len(cell) > _MAX_HEADER_CELL or _ROW_NUMBER.fullmatch(cell):
            break
        header.append(lines[j])
        j += 1
    if j >= len(lines) or not _is_number(lines[j], 1):
        return None
    header = _without_groups(header, _row_span(lines, j))
    columns = _columns(header)
    if columns is None:
        return None
    unit, percents = columns
    width = len(header)

    def chunks() -> Iterator[list[Cell]]:
        k = j
        while k < len(lines):
            # a row of totals spans the number and unit columns: one cell fewer
            size = width - 1 if _vocab().total_row.fullmatch(lines[k].text) else width
            yield lines[k : k + size]
            k += size

    rows = _rows_of_cells(chunks(), width, unit, percents)
    if not rows:
        return None
    last = rows[-1].values[-1].start
    after = next(k for k in range(j, len(lines)) if lines[k].start <= last <= lines[k].end) + 1
    return _table(header, unit, percents, rows), after


def _row_span(lines: list[Cell], j: int) -> int | None:
    """The count of cells in the row at ``j`` (numbered 1) of a table read one cell per line: up to the
    line ``2`` that is followed by a name."""
    for k in range(j + 2, min(len(lines) - 1, j + 2 + _MAX_HEADER_CELLS)):
        if _is_number(lines[k], 2) and _is_unit(lines[k + 1]):
            return k - j
    return None


def _without_groups(header: list[Cell], span: int | None) -> list[Cell]:
    """A header without the cells that head a group of columns, when the rows have fewer cells than it
    (``Chỉ tiêu năm 2024`` over ``Tối thiểu (%)`` and ``Phấn đấu đạt (%)``, exported one after the other):
    a group's cell is no percentage and is followed by two percent columns or more."""
    if span is None or span >= len(header):
        return header
    v = _vocab()

    def percent(k: int) -> bool:
        return k < len(header) and bool(v.percent_header.search(header[k].text))

    groups = [k for k in range(2, len(header) - 2)
              if not percent(k) and not v.unit_header.match(header[k].text) and percent(k + 1) and percent(k + 2)]
    if len(groups) != len(header) - span:
        return header
    return [c for k, c in enumerate(header) if k not in groups]


def find_tables(ctx: Context) -> list[Table]:
    """Every table of percentages per unit in the body and annex."""
    number_header = _vocab().number_header  # in any case (`Stt`), unlike a hard wrap's check
    out = []
    for lo, hi in ctx.body_ranges():
        lines = _lines(ctx, lo, hi)
        i = 0
        while i < len(lines):
            text = lines[i].text
            if text[:1] == "|":
                found = _pipe_table(lines, i)
                if found is None:
                    i += 1
                    continue
                table, i = found
                out.append(table)
                continue
            m = number_header.match(text) if text[:1] in "STst" else None
            if m is None or text[m.end() : m.end() + 1] not in ("", " ", "\t"):
                i += 1
                continue
            if m.end() == len(text):
                found = _cell_table(lines, i)
            else:
                found = _tab_table(lines, i) if "\t" in text else _spaced_table(lines, i, m.end())
            if found is None:
                i += 1
                continue
            table, i = found
            out.append(table)
    return out
