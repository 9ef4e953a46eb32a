"""The plugin's pages: home, search, document (the annotated view with its links), unit (history and chart)."""

from __future__ import annotations

import datetime as _dt
import functools
import html
import json
import re
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import sqlite_utils
from datasette.utils.asgi import Response
from markupsafe import Markup

from ..annotate import render_html
from ..keys import display_number
from ..queries import QueryError, search, show
from ..types import Dispatch
from .stores import store_names

_TRUNCATE = 200


class Missing(Exception):
    """What a URL names is not in the store; shown as a 404 page (Datasette's ``error.html``)."""


def friendly(handler: Any) -> Any:
    """Turn :class:`Missing` into a 404 page without a traceback on the server's console."""

    @functools.wraps(handler)
    async def wrapped(datasette: Any, request: Any) -> Response:
        try:
            return await handler(datasette, request)  # type: ignore[no-any-return]
        except Missing as exc:
            body = await datasette.render_template(
                "error.html", {"ok": False, "error": str(exc), "status": 404, "title": None}, request=request)
            return Response.html(body, status=404)

    return wrapped


def _store(datasette: Any, request: Any) -> str:
    """The store a page is about: ``?db=NAME`` or the first store served."""
    names = store_names(datasette)
    wanted = request.args.get("db")
    if wanted:
        if wanted not in names:
            raise Missing(f"Không có kho vbminer tên {wanted!r}")
        return wanted
    if not names:
        raise Missing("Không có kho vbminer nào được mở (chạy vbminer ingest trước)")
    return names[0]


class _Links:
    """URLs of vbminer's pages and of Datasette's own pages for one store."""

    def __init__(self, datasette: Any, db: str):
        self.ds, self.db = datasette, db
        self._suffix = "" if db == store_names(datasette)[0] else "?" + urlencode({"db": db})

    def document(self, doc_id: int) -> str:
        return self.ds.urls.path(f"/-/vbminer/document/{doc_id}") + self._suffix

    def annotated(self, doc_id: int) -> str:
        return self.ds.urls.path(f"/-/vbminer/document/{doc_id}/annotated") + self._suffix

    def unit(self, unit_id: int) -> str:
        return self.ds.urls.path(f"/-/vbminer/unit/{unit_id}") + self._suffix

    def row(self, table: str, row_id: int) -> str:
        return str(self.ds.urls.row(self.db, table, str(row_id)))

    def query(self, name: str, **params: str) -> str:
        return str(self.ds.urls.query(self.db, name)) + ("?" + urlencode(params) if params else "")

    def table(self, table: str) -> str:
        return str(self.ds.urls.table(self.db, table))

    def deadlines_of(self, assignee: str) -> str:
        """Datasette's deadlines table filtered on one assignee."""
        return self.table("deadlines") + "?" + urlencode({"assignees__arraycontains": assignee})


async def _run(datasette: Any, db: str, fn: Any) -> Any:
    """Run ``fn(sqlite_utils.Database)`` on a read connection of the store."""
    return await datasette.get_database(db).execute_fn(lambda conn: fn(sqlite_utils.Database(conn)))


async def _page(datasette: Any, request: Any, template: str, context: dict[str, Any], status: int = 200) -> Response:
    body = await datasette.render_template(template, context, request=request)
    return Response.html(body, status=status)


async def stylesheet() -> Response:
    css = resources.files("vbminer.web").joinpath("static").joinpath("vbminer.css").read_text(encoding="utf-8")
    return Response(css, content_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


@friendly
async def home_page(datasette: Any, request: Any) -> Response:
    db = _store(datasette, request)
    links = _Links(datasette, db)
    return await _page(datasette, request, "vbminer_home.html", {"db": db, "links": links})


@friendly
async def search_page(datasette: Any, request: Any) -> Response:
    db = _store(datasette, request)
    q = (request.args.get("q") or "").strip()
    results: list[dict[str, Any]] = []
    error = None
    if q:
        try:
            results = await _run(datasette, db, lambda d: search(d, q, limit=50))
            for r in results:
                r["subject_html"] = _marks(r["subject_marked"]) if r["subject_marked"] else None
                r["snippet_html"] = _marks(r["snippet"])
        except QueryError as exc:
            error = str(exc)
    return await _page(datasette, request, "vbminer_search.html",
                       {"db": db, "q": q, "results": results, "error": error, "links": _Links(datasette, db)})


def _marks(marked: str) -> Markup:
    """Text with matches in ``[`` ``]`` (as :func:`vbminer.queries.search` gives it) as HTML with ``<mark>``."""
    return Markup(re.sub(r"\[([^\[\]]*)\]", r"<mark>\1</mark>", html.escape(marked)))


def _load_document(d: sqlite_utils.Database, doc_id: int) -> dict[str, Any] | None:
    if not d.execute("select 1 from documents where id = ?", [doc_id]).fetchone():
        return None
    info = show(d, str(doc_id))
    row = d.execute("select dispatch from documents where id = ?", [doc_id]).fetchone()
    info["dispatch"] = row[0]
    info["deadline_rows"] = list(d.query(
        "select id, date, text, task, assignees from deadlines where document_id = ? order by start", [doc_id]))
    for r in info["deadline_rows"]:
        r["assignees"] = json.loads(r["assignees"]) if r["assignees"] else []
    return info


async def _document(datasette: Any, request: Any) -> tuple[str, int, dict[str, Any]]:
    db = _store(datasette, request)
    doc_id = int(request.url_vars["id"])
    try:
        info = await _run(datasette, db, lambda d: _load_document(d, doc_id))
    except QueryError:
        info = None
    if info is None:
        raise Missing(f"Không có văn bản mã {doc_id} trong kho")
    return db, doc_id, info


def _title(info: dict[str, Any]) -> str:
    h = info["header"]
    return " ".join(x for x in (h["doc_type"], h["display_number"], h["date"]) if x) or f"Văn bản {info['id']}"


@friendly
async def annotated_page(datasette: Any, request: Any) -> Response:
    _, _, info = await _document(datasette, request)
    dispatch = Dispatch.from_json(json.loads(info["dispatch"]))
    return Response.html(render_html(dispatch, title=_title(info)))


@friendly
async def document_page(datasette: Any, request: Any) -> Response:
    db, doc_id, info = await _document(datasette, request)
    info.pop("dispatch")
    links = _Links(datasette, db)
    h = info["header"]
    chain = links.query("chuoi_chi_dao", so_ky_hieu=h["display_number"]) if h["display_number"] else None
    return await _page(datasette, request, "vbminer_document.html",
                       {"db": db, "doc": info, "title": _title(info), "links": links, "chain": chain})


def _load_unit(d: sqlite_utils.Database, unit_id: int) -> dict[str, Any] | None:
    unit = d.execute("select * from units where id = ?", [unit_id]).fetchone()
    if unit is None:
        return None
    cols = [c.name for c in d.table("units").columns]
    info: dict[str, Any] = dict(zip(cols, unit, strict=False))
    info["aliases"] = sorted({r[0] for r in d.execute("select name from unit_mentions where unit_id = ?", [unit_id])})
    info["documents"] = [
        r | {"display_number": display_number(r["number"], r["year"], r["symbol"])}
        for r in d.query(
            """select d.id, d.number, d.year, d.symbol, d.doc_type, d.date, d.issuer_name, d.area, d.subject,
                      sum(m.count) as mentions
               from unit_mentions m join documents d on d.id = m.document_id where m.unit_id = ?
               group by d.id order by d.date is null, d.date, d.id""", [unit_id])
    ]
    info["figures"] = list(d.query(
        """select m.*, d.date as doc_date from metrics m join documents d on d.id = m.document_id
           where m.unit_id = ? order by d.date is null, d.date, m.document_id, m.start""", [unit_id]))
    return info


@friendly
async def unit_page(datasette: Any, request: Any) -> Response:
    db = _store(datasette, request)
    unit_id = int(request.url_vars["id"])
    info = await _run(datasette, db, lambda d: _load_unit(d, unit_id))
    if info is None:
        raise Missing(f"Không có đơn vị mã {unit_id} trong kho")
    links = _Links(datasette, db)
    points = [Point(f["doc_date"], f["value"], _figure_label(f), bool(f["is_target"]), links.document(f["document_id"]))
              for f in info["figures"]]
    return await _page(datasette, request, "vbminer_unit.html", {
        "db": db, "unit": info, "links": links, "chart": Markup(svg_chart(points)),
        "history": links.query("lich_su_don_vi", don_vi=info["canonical"] or info["name"]),
        "figure_label": _figure_label,
    })


def _figure_label(f: dict[str, Any]) -> str:
    value = "" if f["value"] is None else f"{f['comparator'] or ''}{f['value']:g}%"
    if f["numerator"] is not None and f["denominator"]:
        value += f" ({f['numerator']:g}/{f['denominator']:g})"
    parts = [f["label"], value, f["period"], "chỉ tiêu" if f["is_target"] else None]
    return " · ".join(p for p in parts if p)


def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Links and shortened text in Datasette's tables and canned queries of a store."""
    links = _Links(datasette, database)
    keys = row.keys() if hasattr(row, "keys") else []
    if table == "documents" and column == "dispatch" and "id" in keys:
        return Markup(f'<a href="{html.escape(links.document(row["id"]))}">Xem văn bản đã chú thích</a>')
    if table == "documents" and column in ("text", "text_folded", "subject_folded") and isinstance(value, str):
        return value if len(value) <= _TRUNCATE else value[:_TRUNCATE] + "…"
    if table == "units" and column == "name" and "id" in keys and value:
        return Markup(f'<a href="{html.escape(links.unit(row["id"]))}">{html.escape(str(value))}</a>')
    if table is None and isinstance(value, int):
        if column == "van_ban":
            return Markup(f'<a href="{html.escape(links.document(value))}">văn bản {value}</a>')
        if column == "don_vi_id":
            return Markup(f'<a href="{html.escape(links.unit(value))}">đơn vị {value}</a>')
        if column == "thoi_han":
            return Markup(f'<a href="{html.escape(links.row("deadlines", value))}">thời hạn {value}</a>')
    return None


# ---------------------------------------------------------------------------------------------
# the chart


class Point:
    """One figure on the chart: the date of its document, its value, what it is, where it links."""

    __slots__ = ("date", "value", "label", "is_target", "href")

    def __init__(self, date: str | None, value: float | None, label: str, is_target: bool, href: str | None):
        self.date, self.value, self.label, self.is_target, self.href = date, value, label, is_target, href


def _day(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10]) if len(value) >= 10 else _dt.date.fromisoformat(
            (value + "-01-01")[:10] if len(value) == 4 else value + "-01")
    except ValueError:
        return None


def _nice_max(top: float) -> tuple[float, float]:
    """An axis top at or above ``top`` and a tick step giving 2 to 5 ticks."""
    if top <= 0:
        return 1.0, 0.25
    magnitude = 10 ** len(str(int(top))) / 10
    for step in (magnitude / 5, magnitude / 2, magnitude, magnitude * 2, magnitude * 5):
        if step * 5 >= top:
            ticks = -(-top // step)
            return float(step * ticks), float(step)
    return float(top), float(top)


def svg_chart(points: list[Point], width: int = 640, height: int = 260) -> str:
    """Figures over time as an inline SVG: results joined by a line, targets as hollow diamonds.

    Points without a date or a value are left out (they are in the table below the chart). Each
    point links to its document and has a tooltip (``<title>``). Empty string when nothing can be drawn."""
    dated = [(day, p) for p in points if p.value is not None and (day := _day(p.date)) is not None]
    if not dated:
        return ""
    dated.sort(key=lambda dp: dp[0])
    left, right, top, bottom = 48, 40, 14, 40
    w, h = width - left - right, height - top - bottom
    first, last = dated[0][0], dated[-1][0]
    span = max((last - first).days, 1)
    y_max, step = _nice_max(max(p.value or 0.0 for _, p in dated))

    def x(day: _dt.date) -> float:
        return left + (w / 2 if first == last else w * (day - first).days / span)

    def y(value: float) -> float:
        return top + h - h * value / y_max

    out = [f'<svg class="vbminer-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="Số liệu theo thời gian">']
    tick = 0.0
    while tick <= y_max + 1e-9:
        out.append(f'<line x1="{left}" x2="{left + w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}%</text>')
        tick += step
    last_label = -1e9
    for day in sorted({d for d, _ in dated}):
        if x(day) - last_label < 72:  # labels would overlap: the point's tooltip still gives its date
            continue
        last_label = x(day)
        out.append(f'<text x="{x(day):.1f}" y="{top + h + 18}" text-anchor="middle">{day.strftime("%d/%m/%Y")}</text>')
    results = [(x(d), y(p.value or 0.0)) for d, p in dated if not p.is_target]
    if len(results) > 1:
        out.append('<polyline class="line" points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in results) + '"/>')
    for day, p in dated:
        cx, cy = x(day), y(p.value or 0.0)
        tip = html.escape(f"{day.strftime('%d/%m/%Y')}: {p.label}")
        shape = (f'<path class="target" d="M{cx:.1f} {cy - 6:.1f}L{cx + 6:.1f} {cy:.1f}L{cx:.1f} {cy + 6:.1f}'
                 f'L{cx - 6:.1f} {cy:.1f}Z"><title>{tip}</title></path>' if p.is_target else
                 f'<circle class="point" cx="{cx:.1f}" cy="{cy:.1f}" r="4.5"><title>{tip}</title></circle>')
        out.append(f'<a href="{html.escape(p.href)}">{shape}</a>' if p.href else shape)
    out.append("</svg>")
    return "".join(out)


