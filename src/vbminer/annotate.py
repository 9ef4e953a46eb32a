"""An annotated view of one dispatch: the stored text with every extracted item highlighted in place.

:func:`render_html` returns one self-contained HTML page (inline CSS and JS, no network): the text
with a ``<mark>`` over each item, one colour per family (header fields, references, units,
figures, deadlines, tasks, form findings), a legend that shows or hides each family, what each
item was read as on hover or keyboard focus, and the extracted fields as tables beside the text.
It works only from the offsets the extractors return; :func:`items_of` raises if one does not
fit the text, because that is a bug upstream.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .types import Dispatch

FAMILIES: dict[str, tuple[str, str]] = {
    # family: (label, colour)
    "header": ("Header fields", "#fde68a"),
    "references": ("Cited documents", "#bfdbfe"),
    "units": ("Units", "#bbf7d0"),
    "metrics": ("Figures", "#fbcfe8"),
    "deadlines": ("Deadlines", "#fed7aa"),
    "tasks": ("Assignments", "#ddd6fe"),
    "findings": ("Form findings", "#fecaca"),
}


@dataclass(frozen=True)
class Annotation:
    family: str
    start: int
    end: int
    tip: str  # what the item was read as, plain text


def _fmt(pairs: Sequence[tuple[str, Any]]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in pairs if v not in (None, "", [], ()))


def items_of(d: Dispatch) -> list[Annotation]:
    """Every extracted item of ``d`` as an annotation over its span, checked against the text."""
    out: list[Annotation] = []
    h = d.header
    values = {
        "issuer.name": h.issuer.name if h.issuer else None,
        "issuer.parent": h.issuer.parent if h.issuer else None,
        "number": h.number, "symbol": h.symbol, "doc_type": h.doc_type, "place": h.place, "date": h.date,
        "subject": h.subject, "urgency": h.urgency, "confidentiality": h.confidentiality,
        "signer.authority": h.signer.authority if h.signer else None,
        "signer.title": h.signer.title if h.signer else None,
        "signer.name": h.signer.name if h.signer else None,
    }
    for field, spans in h.spans.items():
        for i, sp in enumerate(spans):
            if field in ("recipients", "cc"):
                value: Any = (h.recipients if field == "recipients" else h.cc)[i]
            else:
                value = values.get(field)
            out.append(Annotation("header", sp.start, sp.end, _fmt([(field, value)])))
    for r in d.references:
        tip = _fmt([("reference", r.key), ("type", r.doc_type), ("date", r.date), ("issuer", r.issuer),
                    ("subject", r.subject)])
        out += [Annotation("references", sp.start, sp.end, tip) for sp in r.mentions]
    for u in d.units:
        tip = _fmt([("unit", u.name), ("kind", u.kind), ("official name", u.canonical), ("code", u.code),
                    ("level", u.level), ("in", u.parent), ("now", u.current_name), ("new code", u.current_code)])
        out += [Annotation("units", sp.start, sp.end, tip) for sp in u.mentions]
    for m in d.metrics:
        value = f"{m.comparator or ''}{m.value:g}%" if m.value is not None else None
        ratio = f"{m.numerator:g}/{m.denominator:g}" if m.numerator is not None and m.denominator else None
        tip = _fmt([("figure", value), ("ratio", ratio), ("unit", m.unit or "(none)"), ("measure", m.label),
                    ("period", m.period), ("target", "yes" if m.is_target else None)])
        out.append(Annotation("metrics", m.start, m.end, tip))
    for dl in d.deadlines:
        tip = _fmt([("deadline", dl.date), ("task", dl.task), ("who", ", ".join(dl.assignees))])
        out.append(Annotation("deadlines", dl.start, dl.end, tip))
    for t in d.tasks:
        tip = _fmt([("assignee", t.assignee), ("role", t.role), ("action", t.action), ("by", t.deadline),
                    ("report to", t.report_to)])
        out.append(Annotation("tasks", t.start, t.end, tip))
    for f in d.findings:
        tip = _fmt([(f.severity, f.message), ("rule", f.rule), ("clause", f.clause)])
        out.append(Annotation("findings", f.start, f.end, tip))
    n = len(d.text)
    for a in out:
        if not 0 <= a.start <= a.end <= n:
            raise ValueError(f"{a.family} item {a.tip!r} has offsets {a.start}-{a.end} outside the text ({n})")
    return [a for a in out if a.end > a.start]


def _marked_text(text: str, items: list[Annotation]) -> str:
    """The text as HTML, cut at every item boundary; each piece covered by items becomes a ``<mark>``
    whose colour is that of its innermost item and whose tip lists all of them."""
    cuts = sorted({0, len(text), *(a.start for a in items), *(a.end for a in items)})
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[left:right])
        covering = [a for a in items if a.start <= left and right <= a.end]
        if not covering:
            parts.append(piece)
            continue
        covering.sort(key=lambda a: a.end - a.start)
        families = sorted({a.family for a in covering})
        classes = " ".join([f"f-{f}" for f in families] + [f"top-{covering[0].family}"])
        tip = "\n".join(f"[{FAMILIES[a.family][0]}] {a.tip}" for a in covering)
        parts.append(f'<mark class="{classes}" tabindex="0" data-tip="{html.escape(tip, quote=True)}"'
                     f' title="{html.escape(tip, quote=True)}">{piece}</mark>')
    return "".join(parts)


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    if not rows:
        return f"<section><h2>{html.escape(title)}</h2><p class=empty>none found</p></section>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<section><h2>{html.escape(title)}</h2><table><tr>{head}</tr>{body}</table></section>"


def _tables(d: Dispatch) -> str:
    h = d.header
    s = h.signer
    header_rows = [
        ("Issuer", h.issuer.name if h.issuer else None), ("Parent body", h.issuer.parent if h.issuer else None),
        ("Locality", h.issuer.locality if h.issuer else None), ("Level", h.issuer.level if h.issuer else None),
        ("Number", h.number), ("Year", h.year), ("Symbol", h.symbol), ("Type", h.doc_type), ("Place", h.place),
        ("Date", h.date), ("Subject", h.subject), ("Recipients", "; ".join(h.recipients)),
        ("Urgency", h.urgency), ("Secrecy", h.confidentiality),
        ("Signer", " ".join(x for x in ((s.authority + ".") if s and s.authority else None,
                                         s.on_behalf_of if s else None, "/" if s and s.authority else None,
                                         s.title if s else None, "—", s.name if s else None) if x) if s else None),
        ("Nơi nhận", "; ".join(h.cc)), ("Draft", "yes" if h.is_draft else "no"),
    ]
    parts = [_table("Header", ("field", "value"), [r for r in header_rows if r[1]])]
    parts.append(_table("Cited documents", ("key", "type", "date", "issuer", "subject", "mentions"),
                        [(r.key, r.doc_type, r.date, r.issuer, r.subject, len(r.mentions)) for r in d.references]))
    parts.append(_table("Units", ("name", "kind", "official name", "code", "now", "mentions"),
                        [(u.name, u.kind, u.canonical, u.code, u.current_name, len(u.mentions)) for u in d.units]))
    parts.append(_table("Figures", ("unit", "measure", "value", "ratio", "period", "target"),
                        [(m.unit, m.label, None if m.value is None else f"{m.comparator or ''}{m.value:g}%",
                          f"{m.numerator:g}/{m.denominator:g}" if m.numerator is not None and m.denominator else None,
                          m.period, "yes" if m.is_target else "") for m in d.metrics]))
    parts.append(_table("Deadlines", ("date", "as written", "task", "who"),
                        [(x.date, x.text, x.task, ", ".join(x.assignees)) for x in d.deadlines]))
    parts.append(_table("Assignments", ("assignee", "role", "action", "by", "report to"),
                        [(t.assignee, t.role, t.action, t.deadline, t.report_to) for t in d.tasks]))
    parts.append(_table("Form findings (Nghị định 30/2020)", ("severity", "rule", "message", "clause"),
                        [(f.severity, f.rule, f.message, f.clause) for f in d.findings]))
    if d.warnings:
        parts.append(_table("Warnings", ("warning",), [(w,) for w in d.warnings]))
    return "".join(parts)


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#111}
header{padding:.6em 1em;background:#f3f4f6;border-bottom:1px solid #ddd}
h1{font-size:1.1em;margin:0 0 .3em}
.legend label{margin-right:1em;white-space:nowrap;cursor:pointer}
.legend span.sw{display:inline-block;width:1em;height:1em;vertical-align:-.15em;margin-right:.25em;border-radius:2px}
main{display:flex;gap:1em;padding:1em}
#text{flex:3;white-space:pre-wrap;font-family:"Times New Roman",serif;font-size:16px;max-width:52em}
#fields{flex:2;font-size:13px;overflow-x:auto}
table{border-collapse:collapse;margin-bottom:1em;width:100%}
td,th{border:1px solid #ddd;padding:2px 4px;text-align:left;vertical-align:top}
h2{font-size:1em;margin:.8em 0 .3em}
.empty{color:#777;margin:0}
mark{background:transparent;border-radius:2px;cursor:help}
mark:focus{outline:2px solid #111}
#tip{position:fixed;bottom:0;left:0;right:0;background:#111;color:#fff;padding:.4em 1em;white-space:pre-wrap;
 font-size:13px;min-height:1.5em}
"""

_JS = """
const tip=document.getElementById('tip');
function show(e){const m=e.target.closest('mark');if(m){tip.textContent=m.dataset.tip;}}
document.getElementById('text').addEventListener('mouseover',show);
document.getElementById('text').addEventListener('focusin',show);
for(const box of document.querySelectorAll('.legend input')){
  box.addEventListener('change',()=>document.body.classList.toggle('hide-'+box.value,!box.checked));
}
"""


def render_html(d: Dispatch, *, title: str | None = None) -> str:
    """The annotated view of ``d`` as one self-contained HTML page."""
    items = items_of(d)
    counts = {f: sum(1 for a in items if a.family == f) for f in FAMILIES}
    css = _CSS + "".join(
        f"mark.top-{f}{{background:{colour}}}"
        f"body.hide-{f} mark.top-{f}{{background:transparent}}"
        for f, (_, colour) in FAMILIES.items()
    )
    legend = "".join(
        f'<label><input type="checkbox" value="{f}" checked> <span class="sw" style="background:{colour}"></span>'
        f"{html.escape(label)} ({counts[f]})</label>"
        for f, (label, colour) in FAMILIES.items()
    )
    name = title or d.source.path
    meta = json.dumps({"path": d.source.path, "sha256": d.source.sha256}, ensure_ascii=False)
    return (
        "<!DOCTYPE html><html lang=vi><head><meta charset=utf-8>"
        f"<title>{html.escape(name)}</title><style>{css}</style>"
        f'<script type="application/json" id="source">{html.escape(meta)}</script></head><body>'
        f"<header><h1>{html.escape(name)}</h1><div class=legend>{legend}</div></header>"
        f'<main><div id="text">{_marked_text(d.text, items)}</div><div id="fields">{_tables(d)}</div></main>'
        f'<div id="tip" aria-live="polite">Point at or tab to a highlighted item to see what it was read as.</div>'
        f"<script>{_JS}</script></body></html>"
    )
