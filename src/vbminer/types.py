"""Typed values passed between the pipeline's stages.

read -> :class:`RawText`; normalize -> :class:`NormalizedText`; segment -> :class:`Segmentation`;
extract -> :class:`Header` (and the body families); the pipeline assembles a :class:`Dispatch`.
Every extracted item carries ``start``/``end`` character offsets into the normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class Source:
    """Where a document came from (the ``source`` object of the contract)."""

    path: str
    sha256: str
    format: str
    pages: int | None = None
    legacy_encoding: str | None = None
    ocr: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "legacy_encoding": self.legacy_encoding,
            "ocr": self.ocr,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Source:
        return cls(path=obj.get("path", ""), sha256=obj.get("sha256", ""), format=obj.get("format", "txt"),
                   pages=obj.get("pages"), legacy_encoding=obj.get("legacy_encoding"), ocr=bool(obj.get("ocr")))


@dataclass(frozen=True)
class RawText:
    """Text as read from a file, before normalisation."""

    text: str
    source: Source
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """For keeping what reading (OCR above all) produced, to extract again without reading again."""
        return {"text": self.text, "source": self.source.to_json(), "warnings": list(self.warnings)}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> RawText:
        return cls(text=obj["text"], source=Source.from_json(obj.get("source") or {}),
                   warnings=tuple(obj.get("warnings") or ()))


@dataclass(frozen=True)
class NormalizedText:
    """The text vbminer stores and every offset points into, with what normalisation noticed."""

    text: str
    source: Source
    warnings: tuple[str, ...] = ()
    hard_wrapped: bool = False


@dataclass(frozen=True)
class Span:
    """A stretch of the normalised text: ``text[start:end]``."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def to_json(self) -> list[int]:
        return [self.start, self.end]


class LineKind(str, Enum):
    """What one line of a dispatch is, per the parts of Nghị định 30/2020/NĐ-CP."""

    BLANK = "blank"
    PREAMBLE = "preamble"  # before the header: a page header, a title added by the site that published it
    NOISE = "noise"  # in the header of a scan: specks and stamp edges that OCR read as a character or two
    ISSUER = "issuer"  # tên cơ quan ban hành (and chủ quản)
    NATIONAL = "national"  # Quốc hiệu
    MOTTO = "motto"  # Tiêu ngữ
    RULE = "rule"  # decorative line under a header element
    NUMBER = "number"  # Số: 318/UBND-VP
    PLACE_DATE = "place_date"
    MARK = "mark"  # urgency / secrecy mark
    TYPE_TITLE = "type_title"  # KẾ HOẠCH, QUYẾT ĐỊNH ...
    TITLE = "title"  # the title lines after the type name
    SUBJECT = "subject"  # V/v ... (and its wrapped lines)
    AUTHORITY = "authority"  # CHỦ TỊCH ỦY BAN NHÂN DÂN ... above the Căn cứ of a decision
    RECIPIENT_HEAD = "recipient_head"  # Kính gửi:
    RECIPIENT = "recipient"
    BODY = "body"
    CC_HEAD = "cc_head"  # Nơi nhận:
    CC = "cc"
    SIGN_AUTHORITY = "sign_authority"  # TM. / KT. / TL. / TUQ. / Q.
    SIGN_TITLE = "sign_title"
    SIGN_NOTE = "sign_note"  # (Đã ký)
    SIGN_NAME = "sign_name"
    ANNEX = "annex"


@dataclass(frozen=True)
class Line:
    """One line of the normalised text with its offsets and its part of the dispatch."""

    start: int
    end: int
    text: str
    kind: LineKind


@dataclass(frozen=True)
class Segment:
    """A contiguous part of the dispatch: header, body, closing (Nơi nhận + signature) or annex."""

    kind: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Segmentation:
    lines: tuple[Line, ...]
    segments: tuple[Segment, ...]

    def of_kind(self, *kinds: LineKind) -> list[Line]:
        return [ln for ln in self.lines if ln.kind in kinds]

    def segment(self, kind: str) -> Segment | None:
        return next((s for s in self.segments if s.kind == kind), None)


@dataclass(frozen=True)
class Issuer:
    name: str | None
    parent: str | None
    level: str | None
    locality: str | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "parent": self.parent, "level": self.level, "locality": self.locality}


@dataclass(frozen=True)
class Signer:
    name: str | None
    title: str | None
    authority: str | None
    on_behalf_of: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "authority": self.authority,
            "on_behalf_of": self.on_behalf_of,
        }


@dataclass(frozen=True)
class Header:
    """The header fields of a dispatch (``header`` in the contract).

    ``spans`` maps a field name to where it was read (``recipients`` and ``cc`` to one span per item),
    so that every header value can be shown in place.
    """

    issuer: Issuer | None = None
    number: str | None = None
    year: str | None = None
    symbol: str | None = None
    doc_type: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    recipients: tuple[str, ...] = ()
    urgency: str | None = None
    confidentiality: str | None = None
    signer: Signer | None = None
    cc: tuple[str, ...] = ()
    is_draft: bool = False
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer.to_json() if self.issuer else None,
            "number": self.number,
            "year": self.year,
            "symbol": self.symbol,
            "doc_type": self.doc_type,
            "place": self.place,
            "date": self.date,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "urgency": self.urgency,
            "confidentiality": self.confidentiality,
            "signer": self.signer.to_json() if self.signer else None,
            "cc": list(self.cc),
            "is_draft": self.is_draft,
            "spans": {k: [s.to_json() for s in v] for k, v in sorted(self.spans.items())},
        }


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [sp.to_json() for sp in spans]


@dataclass(frozen=True)
class Reference:
    """A document the text cites, all its mentions merged (``references`` in the contract)."""

    doc_type: str | None
    number: str | None
    symbol: str | None
    year: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    mentions: tuple[Span, ...] = ()

    @property
    def key(self) -> str:
        """``number/year/symbol`` as the scorer and the store match references."""
        return "/".join(x for x in (self.number, self.year, self.symbol) if x)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "year": self.year,
            "symbol": self.symbol,
            "date": self.date,
            "issuer": self.issuer,
            "subject": self.subject,
            "key": self.key,
            "mentions": _spans(self.mentions),
        }


@dataclass(frozen=True)
class Unit:
    """An organisation or administrative unit the text names, all its mentions merged.

    ``canonical``/``code`` are the official name and GSO code where the gazetteer resolves it;
    ``current_name``/``current_code`` the unit it became in the 2025 reorganisation, where known.
    """

    name: str
    kind: str | None
    canonical: str | None = None
    code: str | None = None
    level: str | None = None  # "tỉnh" | "huyện" | "xã" | None (departments: the level they belong to)
    parent: str | None = None  # the district or province it lies in, where known
    current_name: str | None = None
    current_code: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "canonical": self.canonical,
            "code": self.code,
            "level": self.level,
            "parent": self.parent,
            "current_name": self.current_name,
            "current_code": self.current_code,
            "mentions": _spans(self.mentions),
        }


@dataclass(frozen=True)
class Metric:
    """A figure the text attributes to a unit (or to none): a percentage or a count ratio."""

    unit: str | None
    value: float | None
    kind: str  # "percent" | "ratio"
    start: int
    end: int
    label: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    comparator: str | None = None  # ">", ">=", "<", "<=" or None
    period: str | None = None
    is_target: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "label": self.label,
            "value": self.value,
            "kind": self.kind,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "comparator": self.comparator,
            "period": self.period,
            "is_target": self.is_target,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Deadline:
    """A time limit the text sets; ``date`` is the last day allowed (ISO)."""

    date: str | None
    text: str
    start: int
    end: int
    task: str | None = None
    assignees: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "task": self.task,
            "assignees": list(self.assignees),
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Task:
    """One assignment: who must do what (role ``lead`` chủ trì, ``partner`` phối hợp, ``responsible``)."""

    assignee: str
    role: str
    action: str | None
    start: int
    end: int
    deadline: str | None = None
    report_to: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "assignee": self.assignee,
            "role": self.role,
            "action": self.action,
            "deadline": self.deadline,
            "report_to": self.report_to,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Finding:
    """A place where the form of a dispatch departs from Nghị định 30/2020/NĐ-CP (``vbminer check``)."""

    rule: str
    clause: str
    severity: str  # "error" | "warning" | "note"
    message: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Dispatch:
    """One extracted dispatch, as ``vbminer extract --json`` prints it."""

    source: Source
    text: str
    header: Header
    segments: tuple[Segment, ...] = ()
    references: tuple[Reference, ...] = ()
    units: tuple[Unit, ...] = ()
    metrics: tuple[Metric, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    tasks: tuple[Task, ...] = ()
    findings: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_json(),
            "text": self.text,
            "header": self.header.to_json(),
            "references": [r.to_json() for r in self.references],
            "units": [u.to_json() for u in self.units],
            "metrics": [m.to_json() for m in self.metrics],
            "deadlines": [d.to_json() for d in self.deadlines],
            "tasks": [t.to_json() for t in self.tasks],
            "warnings": list(self.warnings),
            "findings": [f.to_json() for f in self.findings],
            "segments": [s.to_json() for s in self.segments],
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Dispatch:
        """The inverse of :meth:`to_json` (for dispatches read back from the store)."""

        def spans(items: Any) -> tuple[Span, ...]:
            return tuple(Span(int(a), int(b)) for a, b in items or ())

        h = obj.get("header") or {}
        issuer = h.get("issuer")
        signer = h.get("signer")
        header = Header(
            issuer=Issuer(**{k: issuer.get(k) for k in ("name", "parent", "level", "locality")}) if issuer else None,
            number=h.get("number"), year=h.get("year"), symbol=h.get("symbol"), doc_type=h.get("doc_type"),
            place=h.get("place"), date=h.get("date"), subject=h.get("subject"),
            recipients=tuple(h.get("recipients") or ()), urgency=h.get("urgency"),
            confidentiality=h.get("confidentiality"),
            signer=Signer(**{k: signer.get(k) for k in ("name", "title", "authority", "on_behalf_of")})
            if signer else None,
            cc=tuple(h.get("cc") or ()), is_draft=bool(h.get("is_draft")),
            spans={k: spans(v) for k, v in (h.get("spans") or {}).items()},
        )
        source = Source.from_json(obj.get("source") or {})

        def pick(kind: type, item: dict[str, Any], **extra: Any) -> Any:
            names = kind.__dataclass_fields__  # type: ignore[attr-defined]
            return kind(**{k: v for k, v in item.items() if k in names and k not in extra}, **extra)

        return cls(
            source=source,
            text=obj.get("text", ""),
            header=header,
            segments=tuple(Segment(s["kind"], s["start"], s["end"]) for s in obj.get("segments") or ()),
            references=tuple(
                pick(Reference, r, mentions=spans(r.get("mentions"))) for r in obj.get("references") or ()
            ),
            units=tuple(pick(Unit, u, mentions=spans(u.get("mentions"))) for u in obj.get("units") or ()),
            metrics=tuple(pick(Metric, m) for m in obj.get("metrics") or ()),
            deadlines=tuple(
                pick(Deadline, d, assignees=tuple(d.get("assignees") or ())) for d in obj.get("deadlines") or ()
            ),
            tasks=tuple(pick(Task, t) for t in obj.get("tasks") or ()),
            findings=tuple(pick(Finding, f) for f in obj.get("findings") or ()),
            warnings=tuple(obj.get("warnings") or ()),
        )
