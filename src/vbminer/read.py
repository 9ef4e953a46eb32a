"""Read a file's bytes into :class:`~vbminer.types.RawText`.

This stage knows about files and encodings and nothing about dispatches. Plain text and Markdown
are read here; PDF, DOCX, .doc and scanned images go to the readers in :mod:`vbminer.readers`,
chosen by the file's content first and its name second. Text in the legacy TCVN3 and VNI font
encodings is converted to Unicode whichever format it came in (``source.legacy_encoding``).

Hostile input is bounded by :class:`Limits` (file size, text length, PDF pages, the unpacked size
of a DOCX): a file over a limit, damaged, encrypted or not what its name says is a
:class:`ReadError` with a plain message, never a crash or a hang. The defaults are documented on
:class:`Limits`; each can be changed by an environment variable (so it reaches ``vbminer ingest``'s
worker processes too) or per call.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass, fields
from pathlib import Path

from .readers import legacy
from .types import RawText, Source

#: File extensions vbminer reads, mapped to the contract's ``source.format``.
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
DOCUMENT_FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED_SUFFIXES = frozenset(TEXT_FORMATS) | frozenset(DOCUMENT_FORMATS) | frozenset(IMAGE_SUFFIXES)
#: Names whose content must be binary: such a file that reads as text is refused, not read as text.
_BINARY_SUFFIXES = frozenset({".pdf", ".docx"}) | frozenset(IMAGE_SUFFIXES)


class ReadError(Exception):
    """A file could not be read as a dispatch; the message says why in plain words."""


_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may cost to read. Each default can be overridden by the environment
    variable named in its comment (read by :func:`current_limits`, at each call)."""

    #: Largest file read at all, in bytes (``VBMINER_MAX_FILE_MB``, default 50 MB). A dispatch is a
    #: few hundred kB even as a scanned PDF of ten pages; the size is checked before reading.
    max_file_bytes: int = 50 * _MB
    #: Longest text handed to the extraction, in characters (``VBMINER_MAX_TEXT_CHARS``, default
    #: 1,000,000: spaCy's own limit, about 400 printed pages).
    max_text_chars: int = 1_000_000
    #: Most pages a PDF may have (``VBMINER_MAX_PDF_PAGES``, default 500); counted from the page
    #: tree before any page is laid out.
    max_pdf_pages: int = 500
    #: Largest total unpacked size a DOCX's ZIP declares, in bytes (``VBMINER_MAX_DOCX_MB``,
    #: default 100 MB). zipfile never inflates a member past its declared size, so this bounds memory.
    max_docx_unpacked: int = 100 * _MB
    #: Largest unpacked/packed ratio of one DOCX member (``VBMINER_MAX_DOCX_RATIO``, default 200;
    #: Word's XML packs about 5-20 times, a zip bomb thousands of times).
    max_docx_ratio: int = 200
    #: Most members a DOCX may hold (``VBMINER_MAX_DOCX_MEMBERS``, default 10,000).
    max_docx_members: int = 10_000


_ENV = {
    "max_file_bytes": ("VBMINER_MAX_FILE_MB", _MB),
    "max_text_chars": ("VBMINER_MAX_TEXT_CHARS", 1),
    "max_pdf_pages": ("VBMINER_MAX_PDF_PAGES", 1),
    "max_docx_unpacked": ("VBMINER_MAX_DOCX_MB", _MB),
    "max_docx_ratio": ("VBMINER_MAX_DOCX_RATIO", 1),
    "max_docx_members": ("VBMINER_MAX_DOCX_MEMBERS", 1),
}


def current_limits() -> Limits:
    """The limits in force: the defaults of :class:`Limits`, overridden by the environment."""
    values: dict[str, int] = {}
    for f in fields(Limits):
        var, unit = _ENV[f.name]
        raw = os.environ.get(var)
        if raw:
            try:
                values[f.name] = max(1, int(float(raw) * unit))
            except ValueError as exc:
                raise ReadError(f"{var}={raw!r} is not a number") from exc
    return Limits(**values)


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB else f"{n:,} bytes"


def check_size(size: int, name: str, lim: Limits) -> None:
    """Raise :class:`ReadError` when a file of ``size`` bytes is over the file-size limit."""
    if size > lim.max_file_bytes:
        raise ReadError(f"{name}: the file is {_size(size)}, over the limit of {_size(lim.max_file_bytes)} "
                        "(set VBMINER_MAX_FILE_MB to raise it)")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_format(name: str, data: bytes) -> str:
    """The contract's ``source.format`` for a file, from its content first and its name second."""
    head = data[:8]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "doc"  # RTF saved as .doc: LibreOffice reads it like a .doc
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


def _read_text(data: bytes, name: str, fmt: str) -> RawText:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError(f"{name}: this looks like a binary file, not text")
    text, warnings = decode(data)
    enc = None
    if warnings:
        # Not UTF-8: the bytes may be a legacy font encoding (TCVN3, VNI) rather than Windows-1258.
        latin = legacy.latin1_text(data)
        converted, enc = legacy.convert(latin, baseline=text)
        if enc:
            text = converted
            warnings = [f"the file is in the legacy {enc.upper()} font encoding; it was converted to Unicode"]
    else:
        text, enc = legacy.convert(text)
        if enc:
            warnings.append(f"the text was typed in the legacy {enc.upper()} font encoding; it was converted "
                            "to Unicode")
    source = Source(path=name, sha256=sha256(data), format=fmt, legacy_encoding=enc)
    if not text.strip():
        warnings.append("the file is empty")
    return RawText(text=text, source=source, warnings=tuple(warnings))


def read_bytes(data: bytes, name: str, ocr: bool = True, limits: Limits | None = None) -> RawText:
    """Turn a file's bytes into text with its source metadata. ``name`` is the path to report.

    ``ocr``: read scanned pages and images through Tesseract (when installed); False skips them
    with a warning. ``limits``: the bounds of :class:`Limits` (default: :func:`current_limits`). Every
    failure, including a parser's crash on damaged bytes, is a :class:`ReadError`.
    """
    lim = limits or current_limits()
    check_size(len(data), name, lim)
    fmt = detect_format(name, data)
    suffix = Path(name).suffix.lower()
    if fmt in ("txt", "md") and suffix in _BINARY_SUFFIXES:
        kind = "a Word document (it is not a ZIP archive)" if suffix == ".docx" else \
            "a PDF (it does not start with %PDF)" if suffix == ".pdf" else "an image"
        raise ReadError(f"{name}: the file is named {suffix} but is not {kind}")
    if fmt in ("txt", "md"):
        raw = _read_text(data, name, fmt)
    else:
        raw = _read_document(data, name, fmt, ocr, lim)
    if len(raw.text) > lim.max_text_chars:
        raise ReadError(f"{name}: the text is {len(raw.text):,} characters long, over the limit of "
                        f"{lim.max_text_chars:,} (set VBMINER_MAX_TEXT_CHARS to raise it)")
    return raw


def _read_document(data: bytes, name: str, fmt: str, ocr: bool, lim: Limits) -> RawText:
    from .readers import doc, docx, pdf
    from .readers import ocr as ocr_reader

    digest = sha256(data)
    try:
        if fmt == "pdf":
            return pdf.read_pdf(data, name, digest, ocr=ocr, max_pages=lim.max_pdf_pages)
        if fmt == "docx":
            docx.check_package(data, lim)
            return docx.read_docx(data, name, digest)
        if fmt == "doc":
            return doc.read_doc(data, name, digest)
        return ocr_reader.read_image(data, name, digest, ocr=ocr)
    except (ocr_reader.OcrUnavailable, doc.ConverterUnavailable) as exc:
        raise ReadError(f"{name}: {exc}") from exc
    except (pdf.PdfError, docx.DocxError, doc.DocError, ValueError) as exc:
        raise ReadError(f"{name}: {exc}") from exc
    except (MemoryError, RecursionError) as exc:
        raise ReadError(f"{name}: the {fmt.upper()} file is too complex to read ({type(exc).__name__})") from exc
    except Exception as exc:  # a third-party parser's crash on damaged bytes: still one bad file
        raise ReadError(f"{name}: the {fmt.upper()} file is damaged or not supported "
                        f"({type(exc).__name__}: {exc})") from exc


def read_path(path: str | Path, ocr: bool = True, limits: Limits | None = None) -> RawText:
    """Read one file from disk; every failure becomes a :class:`ReadError` naming the file. A file
    over the size limit is refused before it is read."""
    p = Path(path)
    lim = limits or current_limits()
    try:
        if p.is_dir():
            raise ReadError(f"{p}: is a directory")
        if p.exists() and not p.is_file():  # a FIFO or a device would block or never end
            raise ReadError(f"{p}: not a regular file")
        if p.is_file():
            check_size(p.stat().st_size, str(p), lim)
        data = p.read_bytes()
    except IsADirectoryError as exc:
        raise ReadError(f"{p}: is a directory") from exc
    except FileNotFoundError as exc:
        raise ReadError(f"{p}: no such file") from exc
    except PermissionError as exc:
        raise ReadError(f"{p}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return read_bytes(data, str(p), ocr=ocr, limits=lim)
