"""Matching keys shared by the store and the queries: diacritic folding, document numbers and ký hiệu.

A light module (the standard library only): the query commands import it without sqlite-utils.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    if ch in "đĐ":  # a letter of its own, not a d with a mark: Unicode does not decompose it
        return "d" if ch == "đ" else "D"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that fills itself: each code point is folded once, on first sight."""

    def __missing__(self, key: int) -> str:
        folded = _fold_char(chr(key))
        self[key] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` without Vietnamese diacritics (``Đồng Khê`` -> ``Dong Khe``), one character for one.

    The result has exactly the length of ``text``, so offsets in the folded text are offsets in
    the original: search highlights found in the folded copy are shown in the original text.
    (``str.translate`` over a self-filling table: the store folds every document's whole text.)
    """
    return text if text.isascii() else text.translate(_FOLD_TABLE)


def fold_key(text: str | None) -> str:
    """A matching key: NFC, folded, case-folded, spaces collapsed (``Xã  Hậu Thành`` -> ``xa hau thanh``)."""
    if not text:
        return ""
    return _fold_key(text)


@lru_cache(maxsize=1 << 16)
def _fold_key(text: str) -> str:
    # the store keys every unit, figure and citation of every document: the same few thousand names
    return " ".join(fold(unicodedata.normalize("NFC", text)).casefold().split())


def number_key(number: str | None) -> str:
    """A document number for matching: ``08`` and ``8`` are the same number."""
    if not number:
        return ""
    n = fold_key(number).upper().replace(" ", "")
    return n.lstrip("0") or ("0" if n else "")


def symbol_key(symbol: str | None) -> str:
    """A ký hiệu for matching: no spaces, no diacritics, upper case (``QĐ - UBND`` -> ``QD-UBND``)."""
    return fold_key(symbol).upper().replace(" ", "")


def year_key(year: str | None, date: str | None) -> str:
    """The year a document is known by: the year inside its number, else the year of its date."""
    if year:
        return year.strip()
    if date and len(date) >= 4 and date[:4].isdigit():
        return date[:4]
    return ""


def display_number(number: str | None, year: str | None, symbol: str | None) -> str:
    """``318/UBND-VP``, ``12/2021/QĐ-UBND``, ``(blank)/KH-UBND`` for a number left blank."""
    if not symbol:
        return number or ""
    return "/".join(x for x in (number or "(blank)", year, symbol) if x)
