"""Pre-Unicode Vietnamese font encodings: TCVN3 (ABC, ``.VnTime``) and VNI-Windows.

Old dispatches were typed in 8-bit fonts that put Vietnamese letters on Latin-1 code points. Read as
bytes, or extracted from a PDF or a .doc that uses those fonts, the text comes out as Latin-1
look-alikes (``Thùc hiÖn ChØ thÞ sè`` for *Thực hiện Chỉ thị số*). This module tells such text
apart from real Vietnamese and converts it; the tables are data (``patterns/legacy_encodings.json``).

Detection converts the text with each table and counts the words that come out as well-formed
Vietnamese syllables; an encoding is taken when it makes clearly more such words than the text
had as it was (``min_gain``) and at least ``min_words`` of them.

TCVN3 has no code points for capitals with tone marks: headings were set in all-caps fonts
(``.VnTimeH``) that draw the lower-case code points as capitals, so the capitals are lost in the
text. Where the font is known (PDF, DOCX runs) :func:`decode` is told ``heading=True``; in plain text
:func:`restore_case` upper-cases the letters of a line whose other letters are all capitals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from .. import rules

ENCODINGS = ("tcvn3", "vni")

# Tone marks (removed to check a syllable's shape); the other marks (circumflex, breve, horn) stay.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|c|m|n|p|t)?$"
)
_WORD = regex.compile(r"[^\s\d.,;:!?()\[\]/\\\"'“”‘’<>=+*&%#@|_-]+")
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True)
class _Table:
    decode: dict[str, str]  # legacy sequence -> Unicode letter (with case-mixed variants for VNI)
    encode: dict[str, str]  # Unicode letter -> legacy sequence
    pattern: regex.Pattern[str]
    font: regex.Pattern[str]
    heading_font: regex.Pattern[str] | None


@cache
def _table(encoding: str) -> _Table:
    spec = rules.legacy_encodings().encodings[encoding]  # type: ignore[index]
    decode = dict(spec.map)
    if encoding == "vni":
        # Marks typed after a letter of the other case (``Uû``) read as the letter's case.
        for seq, letter in spec.map.items():
            if len(seq) == 2 and seq[0].isalpha() and seq[0].lower() in "aeouy":
                other = seq[0].swapcase() + seq[1]
                decode.setdefault(other, letter.upper() if seq[0].islower() else letter.lower())
    encode = {v: k for k, v in spec.map.items()}
    keys = sorted(decode, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(k) for k in keys))
    heading = regex.compile(spec.heading_font_pattern) if spec.heading_font_pattern else None
    return _Table(decode=decode, encode=encode, pattern=pattern, font=regex.compile(spec.font_pattern),
                  heading_font=heading)


def decode(text: str, encoding: str, heading: bool = False) -> str:
    """Convert ``text`` written in a legacy ``encoding`` (its Latin-1 look-alike characters) to Unicode.

    ``heading``: the text was set in an all-caps font (TCVN3 ``.VnTimeH``), so it comes out upper case.
    """
    table = _table(encoding)
    out = table.pattern.sub(lambda m: table.decode[m.group(0)], text)
    return out.upper() if heading else out


def encode(text: str, encoding: str) -> str:
    """Write Unicode ``text`` in a legacy encoding (as Latin-1 look-alikes); the inverse of :func:`decode`.

    TCVN3 has no capitals with tone marks: they are written with the lower-case code points, as
    typists did under an all-caps font. Characters the encoding lacks are kept as they are.
    """
    table = _table(encoding)
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table.encode:
            out.append(table.encode[ch])
        elif ch.lower() in table.encode and ch.lower() != ch:
            out.append(table.encode[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_bytes(text: str, encoding: str) -> bytes:
    """The bytes a legacy-font .txt file of ``text`` holds (Latin-1 code points)."""
    return "".join(_byte(ch) for ch in encode(text, encoding)).encode("latin-1")


def font_encoding(fontname: str) -> str | None:
    """The legacy encoding a font's name says it uses (``.VnTime`` → ``tcvn3``, ``VNI-Times`` → ``vni``)."""
    for enc in ENCODINGS:
        if _table(enc).font.search(fontname):
            return enc
    return None


def is_heading_font(fontname: str) -> bool:
    """Whether a legacy font is an all-caps heading font (``.VnTimeH``, ``.VnArialH`` ...)."""
    return any((t := _table(enc).heading_font) is not None and bool(t.search(fontname)) for enc in ENCODINGS)


def is_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like one Vietnamese syllable (onset, vowels, coda; at most one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE.match(bare))


def _score(text: str) -> tuple[int, int]:
    """(words with a non-ASCII letter that are well-formed syllables, words with a non-ASCII character)."""
    good = total = 0
    for w in _WORD.findall(text):
        if w.isascii():
            continue
        total += 1
        if is_syllable(w):
            good += 1
    return good, total


_UNICODE_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
#: Latin-1 signs that Unicode Vietnamese does not use: legacy font encodings put their letters there.
#: (The standard ``re`` scans a character class several times faster than ``regex``: both run over
#: every file read.)
_FOREIGN = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0xA0, 0x100)
                                    if chr(c) not in _UNICODE_VIETNAMESE_LATIN1) + "]")
_VIETNAMESE = re.compile("[\u0100-\u1EFF]")


def detect(text: str, baseline: str | None = None) -> str | None:
    """The legacy encoding ``text`` is written in, or None when it reads as Unicode Vietnamese already.

    ``baseline``: another reading of the same bytes to beat (the Windows-1258 decoding of a file
    that is not UTF-8); by default the text as it is.
    """
    foreign = len(_FOREIGN.findall(text))
    cfg = rules.legacy_encodings()
    if foreign < cfg.min_words:
        return None
    vietnamese = len(_VIETNAMESE.findall(text))
    if vietnamese > 4 * foreign:
        return None  # Unicode Vietnamese with a few stray Latin-1 signs (°, ½ ...)
    base, _ = _score(text if baseline is None else unicodedata.normalize("NFC", baseline))
    best: tuple[int, str] | None = None
    for enc in ENCODINGS:
        good, _ = _score(decode(text, enc))
        if best is None or good > best[0]:
            best = (good, enc)
    assert best is not None
    good, enc = best
    if good >= cfg.min_words and good >= cfg.min_gain * max(base, 1):
        return enc
    return None


def _caps_evidence(word: str, converted: set[int], offset: int) -> tuple[bool, bool]:
    """(the word shows it is set in capitals, the word shows it is in lower case), from its letters
    that did not come from a legacy lower-case code point: a capital after the first letter says
    capitals (``HUYệN``), any lower-case letter says lower case (``hiệN`` cannot be a heading)."""
    plain = [(i, c) for i, c in enumerate(word) if c.isalpha() and offset + i not in converted]
    first = next((i for i, c in enumerate(word) if c.isalpha()), 0)
    lower = any(c.islower() for _, c in plain)
    caps = not lower and any(c.isupper() and i > first for i, c in plain)
    return caps, lower


def restore_case(text: str, converted: set[int]) -> str:
    """Upper-case the converted letters of lines set in capitals (``HUYệN`` → ``HUYỆN``).

    ``converted`` holds the offsets of letters that came from a legacy code point: TCVN3 has only
    lower-case forms of them, so on a line whose other letters are all capitals they were capitals.
    Words holding digits or ``/`` (symbols such as ``318/UBND-VP``) are not taken as evidence.
    """
    out: list[str] = []
    pos = 0
    for line in text.split("\n"):
        caps = lower = 0
        for m in regex.finditer(r"\S+", line):
            word = m.group(0)
            if regex.search(r"[\d/]", word) or not _LETTER.search(word):
                continue
            is_caps, is_lower = _caps_evidence(word, converted, pos + m.start())
            caps += is_caps
            lower += is_lower
        if caps and not lower:
            chars = list(line)
            for i in range(len(chars)):
                if pos + i in converted:
                    chars[i] = chars[i].upper()
            line = "".join(chars)
        out.append(line)
        pos += len(line) + 1
    return "\n".join(out)


def convert(text: str, encoding: str | None = None, baseline: str | None = None) -> tuple[str, str | None]:
    """Detect (unless ``encoding`` is given) and convert legacy text, restoring lost capitals.

    Returns the Unicode text and the encoding found (None: the text is returned unchanged).
    ``baseline`` is passed to :func:`detect`.
    """
    enc = encoding or detect(text, baseline)
    if enc is None:
        return text, None
    table = _table(enc)
    out: list[str] = []
    converted: set[int] = set()
    length = 0
    last = 0
    for m in table.pattern.finditer(text):
        out.append(text[last : m.start()])
        length += m.start() - last
        letter = table.decode[m.group(0)]
        out.append(letter)
        if letter.islower():
            converted.add(length)
        length += 1
        last = m.end()
    out.append(text[last:])
    result = "".join(out)
    if enc == "tcvn3":
        result = restore_case(result, converted)
    return result, enc


def latin1_text(data: bytes) -> str:
    """Bytes of a legacy-font .txt file as the characters the font's code points show as.

    Bytes 0xA0-0xFF are Latin-1 (where the TCVN3 and VNI letters sit); 0x80-0x9F are read as Windows-1252
    (curly quotes, dashes) where it defines them.
    """
    out: list[str] = []
    for b in data:
        if 0x80 <= b <= 0x9F:
            try:
                out.append(bytes([b]).decode("cp1252"))
            except UnicodeDecodeError:
                out.append(chr(b))
        else:
            out.append(chr(b))
    return "".join(out)


def _byte(ch: str) -> str:
    """One character as the single byte a legacy-font file stores (Windows-1252 for quotes and dashes)."""
    if ord(ch) <= 0xFF:
        return ch
    try:
        return ch.encode("cp1252").decode("latin-1")
    except UnicodeEncodeError:
        return "?"
