"""Read a file's bytes into :class:`~vbminer.types.RawText`.

This stage knows about files and encodings and nothing about dispatches. Plain text and Markdown
are read here; the other formats of the contract (PDF, DOCX, scans) plug in as further readers.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .types import RawText, Source

#: File extensions vbminer reads, mapped to the contract's ``source.format``.
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = frozenset(TEXT_FORMATS)


class ReadError(Exception):
    """A file could not be read as a dispatch; the message says why in plain words."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_format(name: str, data: bytes) -> str:
    """The contract's ``source.format`` for a file, from its content first and its name second."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    return TEXT_FORMATS.get(Path(name).suffix.lower(), "txt")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1258."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), warnings
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        bad = exc.start
    # Not UTF-8. Windows-1258 is the legacy Vietnamese code page; if most bytes are plain text
    # it is the better guess, and we say so.
    text = data.decode("cp1258", errors="replace")
    warnings.append(
        f"the file is not valid UTF-8 (first bad byte at offset {bad}); it was read as Windows-1258"
    )
    return text, warnings


def read_bytes(data: bytes, name: str) -> RawText:
    """Turn a file's bytes into text with its source metadata. ``name`` is the path to report."""
    fmt = detect_format(name, data)
    if fmt not in ("txt", "md"):
        raise ReadError(f"{name}: {fmt.upper()} files are not supported yet (supported: .txt, .md)")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError(f"{name}: this looks like a binary file, not text")
    text, warnings = decode(data)
    source = Source(path=name, sha256=sha256(data), format=fmt)
    if not text.strip():
        warnings.append("the file is empty")
    return RawText(text=text, source=source, warnings=tuple(warnings))


def read_path(path: str | Path) -> RawText:
    """Read one file from disk; every failure becomes a :class:`ReadError` naming the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError as exc:
        raise ReadError(f"{p}: is a directory") from exc
    except FileNotFoundError as exc:
        raise ReadError(f"{p}: no such file") from exc
    except PermissionError as exc:
        raise ReadError(f"{p}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return read_bytes(data, str(p))
