"""Read a file's bytes into :class:`~vbminer.types.RawText`.

This stage knows about files and encodings and nothing about dispatches. Plain text and Markdown
are read here; PDF, DOCX, .doc and scanned images go to the readers in :mod:`vbminer.readers`,
chosen by the file's content first and its name second. Text in the legacy TCVN3 and VNI font
encodings is converted to Unicode whichever format it came in (``source.legacy_encoding``).
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .readers import legacy
from .types import RawText, Source

#: File extensions vbminer reads, mapped to the contract's ``source.format``.
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
DOCUMENT_FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED_SUFFIXES = frozenset(TEXT_FORMATS) | frozenset(DOCUMENT_FORMATS) | frozenset(IMAGE_SUFFIXES)


class ReadError(Exception):
    """A file could not be read as a dispatch; the message says why in plain words."""


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


def read_bytes(data: bytes, name: str, ocr: bool = True) -> RawText:
    """Turn a file's bytes into text with its source metadata. ``name`` is the path to report.

    ``ocr``: read scanned pages and images through Tesseract (when installed); False skips them
    with a warning.
    """
    fmt = detect_format(name, data)
    if fmt in ("txt", "md"):
        return _read_text(data, name, fmt)
    from .readers import doc, docx, pdf
    from .readers import ocr as ocr_reader

    digest = sha256(data)
    try:
        if fmt == "pdf":
            return pdf.read_pdf(data, name, digest, ocr=ocr)
        if fmt == "docx":
            return docx.read_docx(data, name, digest)
        if fmt == "doc":
            return doc.read_doc(data, name, digest)
        return ocr_reader.read_image(data, name, digest, ocr=ocr)
    except (ocr_reader.OcrUnavailable, doc.ConverterUnavailable) as exc:
        raise ReadError(f"{name}: {exc}") from exc
    except (pdf.PdfError, docx.DocxError, doc.DocError, ValueError) as exc:
        raise ReadError(f"{name}: {exc}") from exc


def read_path(path: str | Path, ocr: bool = True) -> RawText:
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
    return read_bytes(data, str(p), ocr=ocr)
