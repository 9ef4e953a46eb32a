"""The archival metadata list of Thông tư 02/2019/TT-BNV, filled from the extraction (``vbminer archive``).

One row per document with the circular's fields for a văn bản, in its order and with its column
names (``patterns/archive_fields.json``), then a few columns vbminer adds (signer, secrecy,
urgency, file). A field the extraction could not read is left empty and named in the warnings
column; fields only the archivist can fill (mã hồ sơ, chế độ sử dụng ...) are left empty.
Rows are built from the contract's JSON objects, so the list can be made from a store or from
``vbminer extract --json`` output alike.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import regex

from . import rules

_VIETNAMESE = regex.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", regex.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _date_cell(value: str | None) -> tuple[Any, str | None]:
    """An ISO date as a ``date`` (full) or ``dd/mm/yyyy``-style text (partial), and a warning."""
    if not value:
        return None, "Ngày, tháng, năm văn bản"
    if len(value) == 10:
        return _dt.date.fromisoformat(value), None
    parts = value.split("-")
    text = "/".join(reversed(parts))  # "2021-07" -> "07/2021"
    return text, "Ngày, tháng, năm văn bản (không đầy đủ)"


def _issuer(header: Mapping[str, Any]) -> str | None:
    issuer = header.get("issuer") or {}
    name = issuer.get("name")
    if name and issuer.get("parent"):
        return f"{issuer['parent']} - {name}"
    return name


def row_for(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The archival row (label → value) for one contract object."""
    header = obj.get("header") or {}
    source = obj.get("source") or {}
    signer = header.get("signer") or {}
    warnings: list[str] = []
    values: dict[str, Any] = {}
    for field in rules.archive_fields().fields:
        value: Any = None
        src = field.source
        if src == "archivist":
            values[field.label] = None
            continue
        if src == "header.date":
            value, warn = _date_cell(header.get("date"))
            if warn:
                warnings.append(warn)
        elif src == "header.issuer":
            value = _issuer(header)
        elif src == "text.language":
            value = "Tiếng Việt" if _VIETNAMESE.search(obj.get("text") or "") else None
        elif src == "source.pages":
            value = source.get("pages")
        elif src == "header.notes":
            notes = []
            if header.get("is_draft"):
                notes.append("Số hoặc ngày còn để trống")
            value = "; ".join(notes) or None
        elif src.startswith("header.signer."):
            value = signer.get(src.rsplit(".", 1)[1])
        elif src.startswith("header."):
            value = header.get(src.split(".", 1)[1])
        elif src.startswith("source."):
            value = source.get(src.split(".", 1)[1])
        elif src == "warnings":
            continue
        if value in (None, "") and src in ("header.doc_type", "header.symbol", "header.issuer", "header.subject",
                                           "text.language", "source.pages", "header.number"):
            warnings.append(field.label)
        values[field.label] = value
    warn_field = next(f for f in rules.archive_fields().fields if f.source == "warnings")
    values[warn_field.label] = "; ".join(warnings) or None
    return values


def columns() -> list[str]:
    return [f.label for f in rules.archive_fields().fields]


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[Mapping[str, Any]], out: io.TextIOBase | Any) -> None:
    """CSV that Excel opens with Vietnamese intact: UTF-8 with BOM (the caller opens ``out`` with
    ``encoding="utf-8-sig"``), dates as dd/mm/yyyy, formula-like cells made safe."""
    writer = csv.writer(out)
    writer.writerow(columns())
    for row in rows:
        cells = []
        for label in columns():
            value = row.get(label)
            if isinstance(value, _dt.date):
                value = value.strftime("%d/%m/%Y")
            cells.append("" if value is None else _safe(str(value)))
        writer.writerow(cells)


def write_xlsx(rows: Iterable[Mapping[str, Any]], path: Path) -> None:
    """XLSX with the header row frozen, filters, column widths and dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Văn bản"
    ws.append(columns())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns()]
    for row in rows:
        cells = [_safe(row.get(label)) for label in columns()]
        ws.append(cells)
        for i, value in enumerate(cells):
            if isinstance(value, _dt.date):
                ws.cell(row=ws.max_row, column=i + 1).number_format = "DD/MM/YYYY"
            widths[i] = max(widths[i], min(60, len(str(value)) if value is not None else 0))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def write_json(rows: Iterable[Mapping[str, Any]], out: Any) -> None:
    def default(value: Any) -> str:
        if isinstance(value, _dt.date):
            return value.isoformat()
        raise TypeError(type(value))

    json.dump(list(rows), out, ensure_ascii=False, indent=1, default=default)
