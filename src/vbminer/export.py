"""Exports of query rows: CSV, XLSX (openpyxl), ICS (icalendar) and JSON.

Files are written to a temporary name beside the target and renamed into place, and an existing
file is never overwritten unless asked (``force``). Text that a spreadsheet would run as a formula
(a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is made safe: in CSV
it gets a leading apostrophe, in XLSX it is stored as a text cell, never as a formula.

CSV and JSON are written row by row from any iterable (``vbminer deadlines`` passes a generator),
so an export of a large store's tracker keeps memory flat; XLSX and ICS gather their rows first.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


class ExportError(Exception):
    """An export that cannot be written as asked; the message says why."""


@dataclass(frozen=True)
class Column:
    """One exported column: the row key, its header, and its width in an XLSX sheet."""

    key: str
    title: str
    width: int = 14


#: The deadline tracker's columns, in the order the files show them.
DEADLINE_COLUMNS: tuple[Column, ...] = (
    Column("due", "Hạn (deadline)", 12),
    Column("days_left", "Còn lại (days left)", 10),
    Column("status", "Trạng thái (status)", 18),
    Column("assignee", "Đơn vị thực hiện (assignee)", 32),
    Column("task", "Nhiệm vụ (task)", 60),
    Column("deadline_text", "Thời hạn ghi trong văn bản", 36),
    Column("number", "Số/ký hiệu", 18),
    Column("doc_type", "Loại văn bản", 14),
    Column("doc_date", "Ngày ban hành", 12),
    Column("issuer", "Cơ quan ban hành", 36),
    Column("subject", "Trích yếu", 60),
    Column("document_id", "vbminer id", 8),
)


def _write_atomic(path: Path, write: Callable[[Path], object], force: bool) -> None:
    if path.exists() and not force:
        raise ExportError(f"{path} exists; use --force to overwrite it")
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if not path.parent.exists():
        raise ExportError(f"{path.parent}: no such directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def safe_text(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def stream_csv(rows: Iterable[dict[str, Any]], columns: Sequence[Column], fh: IO[str]) -> int:
    """Write rows as CSV with a header row (RFC 4180 quoting) to ``fh``, one at a time; the row count."""
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow([c.title for c in columns])
    count = 0
    for row in rows:
        writer.writerow(["" if row.get(c.key) is None else safe_text(_cell(row.get(c.key))) for c in columns])
        count += 1
    return count


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[Column]) -> str:
    """Rows as CSV with a header row (RFC 4180 quoting)."""
    buf = io.StringIO()
    stream_csv(rows, columns, buf)
    return buf.getvalue()


def _counted(path: Path, force: bool, write: Callable[[Path], int]) -> int:
    count = 0

    def run(p: Path) -> None:
        nonlocal count
        count = write(p)

    _write_atomic(path, run, force)
    return count


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[Column], path: Path, *, force: bool = False) -> int:
    """CSV in UTF-8 with a byte-order mark, so spreadsheet programs show the Vietnamese right; the row count."""

    def write(p: Path) -> int:
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            return stream_csv(rows, columns, fh)

    return _counted(path, force, write)


def stream_json(rows: Iterable[Any], fh: IO[str]) -> int:
    """Write rows to ``fh`` as the JSON array ``json.dumps(list(rows), indent=2)`` gives (and a newline),
    one row at a time; the row count."""
    count = 0
    for row in rows:
        item = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        fh.write(("[\n  " if not count else ",\n  ") + item)
        count += 1
    fh.write("\n]\n" if count else "[]\n")
    return count


def write_json(rows: Iterable[Any], path: Path, *, force: bool = False) -> int:
    """A JSON array of the rows, written one row at a time; the row count."""

    def write(p: Path) -> int:
        with p.open("w", encoding="utf-8") as fh:
            return stream_json(rows, fh)

    return _counted(path, force, write)


def write_xlsx(
    rows: Iterable[dict[str, Any]], columns: Sequence[Column], path: Path, *, force: bool = False,
    title: str = "Deadlines",
) -> int:
    """An XLSX sheet: bold frozen header row, an autofilter over the table, column widths set, and
    ISO dates as real dates. Returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append([c.title for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    count = 0
    for row in rows:
        count += 1
        values = []
        for c in columns:
            v = _cell(row.get(c.key))
            if isinstance(v, str) and len(v) == 10 and v[4:5] == "-" and v[7:8] == "-":
                try:
                    v = _dt.date.fromisoformat(v)
                except ValueError:
                    pass
            values.append(v)
        ws.append(values)
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # text that looks like a formula stays text
                cell.data_type = "s"
    for i, c in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = c.width
        for cell in ws[letter][1:]:
            if isinstance(cell.value, _dt.date):
                cell.number_format = "dd/mm/yyyy"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, count + 1)}"
    _write_atomic(path, lambda p: wb.save(p), force)
    return count


def ics_bytes(rows: Sequence[dict[str, Any]], *, now: _dt.datetime | None = None) -> bytes:
    """An iCalendar file with one all-day event per deadline (its assignees gathered into one event).
    Rows without a date are left out. UIDs are stable across runs, so a re-import updates events."""
    from icalendar import Calendar, Event

    now = now or _dt.datetime.now(_dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//vbminer//deadline tracker//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "vbminer: thời hạn")
    events: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("due"):
            events.setdefault(row["uid"], []).append(row)
    for uid, group in events.items():
        first = group[0]
        due = _dt.date.fromisoformat(first["due"])
        assignees = [r["assignee"] for r in group if r.get("assignee")]
        what = first.get("task") or first.get("deadline_text") or first.get("subject") or "Thời hạn"
        ev = Event()
        ev.add("uid", uid)
        ev.add("dtstamp", now)
        ev.add("dtstart", due)
        ev.add("dtend", due + _dt.timedelta(days=1))
        ev.add("summary", f"{what} ({first['number']})" if first.get("number") else what)
        lines = [
            f"Thời hạn: {first.get('deadline_text') or first['due']}",
            f"Đơn vị thực hiện: {'; '.join(assignees)}" if assignees else None,
            f"Nhiệm vụ: {first['task']}" if first.get("task") else None,
            "Văn bản: " + ", ".join(str(x) for x in (first.get("doc_type"), first.get("number"),
                                                     first.get("doc_date"), first.get("issuer")) if x),
            f"Trích yếu: {first['subject']}" if first.get("subject") else None,
        ]
        ev.add("description", "\n".join(x for x in lines if x))
        if assignees:
            ev.add("categories", assignees)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def write_ics(rows: Iterable[dict[str, Any]], path: Path, *, force: bool = False) -> int:
    """An ICS file of :func:`ics_bytes`; the row count."""
    listed = list(rows)
    data = ics_bytes(listed)
    _write_atomic(path, lambda p: p.write_bytes(data), force)
    return len(listed)
