"""What every body extractor receives: the normalised text, its segmentation, its header, and the
spaCy ``Doc`` over the same text (tokens fall on syllable and punctuation boundaries, so
``doc.char_span`` aligns with the offsets the rules compute).

Each extractor is a pure function ``extract_x(ctx, ...) -> list[...]`` of this context; the
pipeline wraps it in a spaCy component (``vbminer.pipeline``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import regex

from ..types import Header, Segmentation

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Context:
    text: str
    segmentation: Segmentation
    header: Header
    doc: Doc

    @cached_property
    def lower(self) -> str | None:
        """The text in lower case with the same offsets (None in the rare case where lowering changes a
        length): long case-insensitive scans run several times faster as case-sensitive scans of it."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    @property
    def year(self) -> int | None:
        """The document's year (from its date), for dates written without one."""
        date = self.header.date
        return int(date[:4]) if date and date[:4].isdigit() else None

    @property
    def issued(self) -> _dt.date | None:
        date = self.header.date
        if date and len(date) == 10:
            return _dt.date.fromisoformat(date)
        return None

    def body_ranges(self) -> list[tuple[int, int]]:
        """(start, end) of the body and annex segments: where body extractors look."""
        return [(s.start, s.end) for s in self.segmentation.segments if s.kind in ("body", "annex")]


def alternation(words: Sequence[str]) -> str:
    """A regular-expression alternation of phrases from a pattern file: longest first (so that
    ``chậm nhất là ngày`` wins over ``chậm nhất``), spaces between words matching any whitespace."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(x) for x in w.split()) for w in parts)


def context_for_text(text: str, name: str = "<text>") -> Context:
    """Normalise, segment and read the header of ``text``, for tests and interactive use
    (``name`` ending in ``.md`` reads it as Markdown)."""
    from ..pipeline import make_context
    from ..read import sha256
    from ..types import RawText, Source

    data = text.encode("utf-8", errors="surrogatepass")
    fmt = "md" if name.endswith(".md") else "txt"
    return make_context(RawText(text=text, source=Source(path=name, sha256=sha256(data), format=fmt)))
