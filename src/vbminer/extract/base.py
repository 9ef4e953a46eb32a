"""What every body extractor receives: the normalised text, its segmentation, its header, and the
spaCy ``Doc`` over the same text (tokens fall on syllable and punctuation boundaries, so
``doc.char_span`` aligns with the offsets the rules compute).

Each extractor is a pure function ``extract_x(ctx, ...) -> list[...]`` of this context; the
pipeline wraps it in a spaCy component (``vbminer.pipeline``).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import regex

from .. import rules
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


def fold(text: str) -> str:
    """Case folding for finding where a case-insensitive pattern can match: ``str.casefold``, and the
    dotless ``ı`` as ``i`` (the regex engine lets ``I`` match it). Two characters the engine takes for the
    same letter fold to the same character."""
    return text.casefold().replace("ı", "i")


@lru_cache(maxsize=4)
def folded(text: str) -> str | None:
    """``fold(text)`` when it keeps every offset (None in the rare case where folding changes a length);
    kept for the last few texts, since several rules look words up in the same document."""
    low = fold(text)
    return low if len(low) == len(text) else None


class FirstWords:
    """The places where a pattern that begins with one of ``phrases`` (after look-behinds) can match:
    where the folded text holds the folded first word of a phrase. A long text is scanned with a few
    ``str.find`` calls, once, and the pattern is tried only there."""

    def __init__(self, phrases: Iterable[str]) -> None:
        words = {fold(p.split()[0]) for p in phrases if p.split()}
        # a word that begins with another one is found with it
        self.words = tuple(sorted(w for w in words if not any(o != w and w.startswith(o) for o in words)))
        self._last: tuple[str, list[int] | None] | None = None  # the places in the last text asked

    def starts(self, text: str) -> list[int] | None:
        """Sorted candidate positions in ``text`` (None: try everywhere)."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        low = folded(text)
        out: list[int] | None = None
        if low is not None:
            out = []
            for word in self.words:
                i = low.find(word)
                while i != -1:
                    out.append(i)
                    i = low.find(word, i + 1)
            out.sort()
        self._last = (text, out)
        return out

    def finditer(self, pattern: regex.Pattern[str], text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
        """``pattern.finditer(text, start, end)`` for a pattern that begins with one of the phrases."""
        return matches_at(pattern, text, self.starts(text), start, end)


def matches_at(
    pattern: regex.Pattern[str], text: str, starts: list[int] | None, start: int, end: int
) -> Iterator[regex.Match[str]]:
    """The matches ``pattern.finditer(text, start, end)`` gives, when every match begins at one of
    ``starts`` (sorted; None: any position). The engine's look-behinds see the text before ``pos``, so a
    match tried at a position is the one a scan finds there."""
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    last = start
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        pos = starts[i]
        if pos >= last:
            m = pattern.match(text, pos, end)
            if m is not None:
                yield m
                last = m.end()


@lru_cache(maxsize=1)
def target_words() -> regex.Pattern[str]:
    """The words that set a target outright (``target_words`` in ``metrics.json``), as whole words."""
    return regex.compile(rf"(?i)(?<!\w)(?:{alternation(rules.metrics().target_words)})(?!\w)")
