"""Plain-text views of extracted data for a terminal (used by ``vbminer extract`` without ``--json``)."""

from __future__ import annotations

import unicodedata

from .types import Dispatch, Metric

_HEAD = ("chỉ số", "giá trị", "kỳ", "ghi chú")


def _fmt_number(x: float) -> str:
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")  # Vietnamese: decimal comma


def _value(m: Metric) -> str:
    comp = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ "}.get(m.comparator or "", "")
    if m.kind == "ratio" and m.numerator is not None and m.denominator is not None:
        pct = f" ({_fmt_number(m.value)}%)" if m.value is not None else ""
        return f"{comp}{_fmt_number(m.numerator)}/{_fmt_number(m.denominator)}{pct}"
    return f"{comp}{_fmt_number(m.value)}%" if m.value is not None else "?"


def _width(text: str) -> int:
    """Display width: combining marks take no column."""
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def metrics_table(dispatch: Dispatch) -> str:
    """The figures of ``dispatch`` as one plain-text table, grouped by unit (the unit named on the first
    row of its group; figures of no unit last). Returns an empty string when there are no figures."""
    if not dispatch.metrics:
        return ""
    kinds = {u.name: u.kind for u in dispatch.units}
    by_unit: dict[str | None, list[Metric]] = {}
    for m in dispatch.metrics:
        by_unit.setdefault(m.unit, []).append(m)
    order = [u for u in by_unit if u is not None] + ([None] if None in by_unit else [])
    head = ("đơn vị", *_HEAD)
    rows: list[tuple[str, ...]] = []
    for unit in order:
        kind = kinds.get(unit) if unit else None
        title = f"{kind} {unit}" if unit and kind and not unit.casefold().startswith(kind.casefold()) else unit
        for i, m in enumerate(by_unit[unit]):
            name = (title or "(không gắn với đơn vị)") if i == 0 else ""
            rows.append((name, m.label or "", _value(m), m.period or "", "mục tiêu" if m.is_target else ""))
    widths = [max(_width(h), *(_width(r[i]) for r in rows)) for i, h in enumerate(head)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)
