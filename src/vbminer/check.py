"""Form checks of a dispatch against Nghị định 30/2020/NĐ-CP (``vbminer check``).

Each check reads what segmentation and header extraction found and reports a
:class:`~vbminer.types.Finding` with the rule's id, clause, severity and message from
``patterns/nd30_rules.json`` and the span it concerns. The checks are conservative: where a text
export may legitimately differ from the printed page (fonts, layout), nothing is said, and a
Party document (Đảng Cộng sản Việt Nam), which follows the Party's own rules, is not checked.
"""

from __future__ import annotations

import regex

from . import rules
from .types import Finding, Header, Line, LineKind, Segmentation

K = LineKind

_SO_COLON = regex.compile(r"^Số\s*:")
_DAY_MONTH = regex.compile(r"ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})(?!\d)", regex.IGNORECASE)
_MARK_NO_DOT = regex.compile(r"^(?:TM|KT|TL|TUQ|Q)\s+\p{Lu}")
_LUU_VT = regex.compile(r"\bLưu\s*:?\s*(?:VT|Văn thư)\b", regex.IGNORECASE)
_NHU_TREN = regex.compile(r"^Như\s+trên", regex.IGNORECASE)


def _first(seg: Segmentation, kind: LineKind) -> Line | None:
    return next((ln for ln in seg.lines if ln.kind is kind), None)


def check(text: str, seg: Segmentation, header: Header) -> list[Finding]:
    """Every departure from the form of Nghị định 30/2020/NĐ-CP that can be told from the text."""
    form = rules.form_rules()
    types = rules.doc_types()
    found: list[Finding] = []
    head = seg.segment("header")
    head_span = (head.start, head.end) if head else (0, 0)
    end_span = (len(text), len(text))

    def add(rule_id: str, span: tuple[int, int]) -> None:
        rule = form.get(rule_id)
        found.append(Finding(rule.id, rule.clause, rule.severity, rule.message, span[0], span[1]))

    national = _first(seg, K.NATIONAL)
    if national is not None and "ĐẢNG" in national.text.upper():
        return []  # Party documents: Hướng dẫn 36-HD/VPTW, not Nghị định 30

    # 1. Quốc hiệu and Tiêu ngữ
    if national is None:
        add("quoc-hieu", head_span)
    motto = _first(seg, K.MOTTO)
    if motto is None:
        add("tieu-ngu", head_span)
    elif regex.search(r"[–—]", motto.text):
        add("tieu-ngu-gach-noi", (motto.start, motto.end))

    # 2. Issuer and its parent body
    issuer = header.issuer
    if issuer is None or issuer.name is None:
        add("co-quan-ban-hanh", head_span)
    elif issuer.parent is None:
        name = issuer.name.upper()
        needs = any(name == w or name.startswith(w + " ") for w in form.units_needing_parent)
        if needs and not any(w in name for w in form.organisations_without_parent):
            spans = header.spans.get("issuer.name", ())
            add("co-quan-chu-quan", (spans[0].start, spans[-1].end) if spans else head_span)

    # 3. Số, ký hiệu
    number_line = _first(seg, K.NUMBER)
    if number_line is None:
        add("so-ky-hieu", head_span)
    else:
        line_span = (number_line.start, number_line.end)
        if not _SO_COLON.match(number_line.text.strip()):
            add("so-hai-cham", line_span)
        if header.number is None:
            add("so-de-trong", line_span)
        elif header.number.isdigit() and int(header.number) < 10 and not header.number.startswith("0"):
            add("so-nho-hon-10", (header.spans["number"][0].start, header.spans["number"][0].end))
        symbol_spans = header.spans.get("symbol", ())
        if symbol_spans and regex.search(r"\s", text[symbol_spans[0].start : symbol_spans[0].end]):
            add("ky-hieu-cach-chu", (symbol_spans[0].start, symbol_spans[0].end))
        if header.symbol:
            _check_symbol(header, form, types, line_span, add)

    # 4. Place and date
    place_line = _first(seg, K.PLACE_DATE)
    if place_line is None:
        add("dia-danh-ngay", head_span)
    else:
        span = (place_line.start, place_line.end)
        m = _DAY_MONTH.search(place_line.text)
        if m is None or header.date is None or len(header.date) < 10:
            add("ngay-de-trong", span)
        else:
            day, month = m.group("d"), m.group("m")
            if (int(day) < 10 and not day.startswith("0")) or (int(month) in (1, 2) and not month.startswith("0")):
                add("ngay-thang-so-0", span)

    # 5. Type and trích yếu
    if header.subject is None:
        add("trich-yeu", head_span)
    elif header.doc_type == "Công văn":
        subject_line = _first(seg, K.SUBJECT)
        if subject_line is not None and not regex.match(r"V\s*/\s*v\b", subject_line.text.strip(), regex.I):
            add("cong-van-vv", (subject_line.start, subject_line.end))

    # 9a. Kính gửi for a công văn
    recipients_head = _first(seg, K.RECIPIENT_HEAD)
    if header.doc_type == "Công văn" and recipients_head is None:
        add("kinh-gui", head_span)

    # 7. Signature block
    closing = seg.segment("closing")
    closing_span = (closing.start, closing.end) if closing else end_span
    signer = header.signer
    if signer is None:
        add("chu-ky", closing_span)
    else:
        for ln in seg.lines:
            if ln.kind is K.SIGN_AUTHORITY and _MARK_NO_DOT.match(ln.text.strip()):
                add("quyen-han-dau-cham", (ln.start, ln.end))
        if signer.authority in ("KT", "TL", "TUQ") and signer.title is None:
            auth = header.spans.get("signer.authority", ())
            add("chuc-vu-nguoi-ky", (auth[0].start, auth[0].end) if auth else closing_span)
        if signer.name is None:
            add("ho-ten-nguoi-ky", closing_span)

    # 9b. Nơi nhận
    cc_head = _first(seg, K.CC_HEAD)
    if cc_head is None:
        add("noi-nhan", closing_span)
    else:
        cc_lines = [ln for ln in seg.lines if ln.kind is K.CC]
        last = cc_lines[-1] if cc_lines else cc_head
        if not any(_LUU_VT.search(ln.text) for ln in cc_lines):
            add("luu-vt", (cc_head.start, last.end))
        if header.doc_type == "Công văn" and recipients_head is not None and header.cc \
                and not _NHU_TREN.match(header.cc[0]):
            add("nhu-tren", (cc_head.start, last.end))
    return sorted(found, key=lambda f: (f.start, f.rule))


def _check_symbol(header: Header, form: rules.FormRules, types: rules.DocTypes, span: tuple[int, int],
                  add: object) -> None:
    """The type abbreviation in the symbol against the document's type (Phụ lục III)."""
    assert callable(add)
    symbol = header.symbol or ""
    first = regex.split(r"[-/]", symbol)[0]
    named = types.label_for_code(first)
    is_old = any(first in d.old_codes for d in types.doc_types if d.kind == "administrative")
    doc_type = header.doc_type
    if doc_type is None:
        return
    if doc_type == "Công văn":
        if named and named != "Công văn" and first not in form.codes_also_used_by_organisations:
            add("ky-hieu-cong-van", span)
        return
    expected = next((d for d in types.doc_types if d.label == doc_type and d.kind != "party"), None)
    if expected is None or expected.code is None:
        return  # Luật, Hiến pháp ...: no type code in the symbol
    if is_old and named == doc_type:
        add("ky-hieu-ma-cu", span)
    elif named == doc_type or first.casefold() == expected.code.casefold():
        return
    elif named is not None and first not in form.codes_also_used_by_organisations:
        add("ky-hieu-ten-loai", span)
    elif named is None:
        add("ky-hieu-thieu-ten-loai", span)
