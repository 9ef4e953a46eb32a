"""Read .docx dispatches with python-docx: paragraphs and tables in document order.

Offices lay the header out as a borderless table (issuer, ``Số:`` and ``V/v`` in the left cell;
Quốc hiệu, Tiêu ngữ and the place-date line in the right one), and the signature block the same way
(``Nơi nhận:`` left, the signer right). Such layout tables (two columns, a few rows) are read column
by column: the left cells' lines, then the right cells'. Other tables (an annex's task table) are
read row by row, one cell per line. Text boxes are read where they are anchored, and the first
page's header (when it holds more than a page number) before the body.

Runs set in legacy fonts (``.VnTime``, ``.VnTimeH``, ``VNI-Times``) are converted to Unicode by
their font names; text without such names is checked for legacy look-alikes as a whole.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from ..types import RawText, Source
from . import legacy

if TYPE_CHECKING:
    from ..read import Limits

#: A table with two columns and at most this many rows is a layout table (header, signature).
LAYOUT_MAX_ROWS = 4

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PAGE_NUMBER = regex.compile(r"^\s*(?:[-–]\s*)?(?:Trang\s*)?\d{0,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–])?\s*$")


class DocxError(ValueError):
    """The file is not a Word document python-docx can open."""


#: Markup that no Word document holds and that XML entity-expansion attacks need.
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
#: Members smaller than this are not checked for their packing ratio (a tiny part can pack well).
_RATIO_FLOOR = 1024 * 1024


def check_package(data: bytes, lim: Limits) -> None:
    """Refuse a DOCX before python-docx parses it when it is not a ZIP, is a zip bomb (too many
    members, a declared unpacked size or packing ratio over the limits), or holds a DTD (the
    vehicle of XML entity expansion). zipfile never inflates a member past its declared size, so
    checking the declared sizes bounds the memory the parse can take."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocxError(f"the file looks like a .docx but is not a valid ZIP archive ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > lim.max_docx_members:
            raise DocxError(f"the .docx holds {len(infos):,} files, over the limit of {lim.max_docx_members:,}")
        total = sum(i.file_size for i in infos)
        if total > lim.max_docx_unpacked:
            raise DocxError(f"the .docx would unpack to {total / 1024 / 1024:.0f} MB, over the limit of "
                            f"{lim.max_docx_unpacked / 1024 / 1024:.0f} MB (a zip bomb?)")
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > lim.max_docx_ratio * max(1, info.compress_size):
                raise DocxError(f"{info.filename} in the .docx packs {info.file_size // max(1, info.compress_size):,} "
                                f"times, over the limit of {lim.max_docx_ratio} (a zip bomb?)")
        for info in infos:
            if not info.filename.lower().endswith((".xml", ".rels")):
                continue
            try:
                head = zf.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
                raise DocxError(f"{info.filename} in the .docx cannot be unpacked ({exc})") from exc
            if any(mark in head for mark in _DTD_MARKS):
                raise DocxError(f"{info.filename} in the .docx declares a DTD or XML entities, which Word never "
                                "writes; it was not parsed (XML entity expansion?)")


class _Fonts:
    """Effective font names of runs, and the legacy encoding they imply."""

    def __init__(self, document: Any) -> None:
        self.default = self._style_font(document.styles["Normal"]) if "Normal" in document.styles else None
        self.found: set[str] = set()

    @staticmethod
    def _style_font(style: Any) -> str | None:
        while style is not None:
            name = getattr(style.font, "name", None) if hasattr(style, "font") else None
            if name:
                return str(name)
            style = getattr(style, "base_style", None)
        return None

    def of_run(self, run: Any, paragraph: Any) -> str | None:
        name = run.font.name
        if not name and run.style is not None:
            name = self._style_font(run.style)
        if not name:
            name = self._style_font(paragraph.style)
        return name or self.default


def _run_text(run: Any, paragraph: Any, fonts: _Fonts) -> str:
    text = str(run.text)
    font = fonts.of_run(run, paragraph)
    if font:
        enc = legacy.font_encoding(font)
        if enc:
            fonts.found.add(enc)
            return legacy.decode(text, enc, heading=legacy.is_heading_font(font))
    return text


def _paragraph_text(paragraph: Any, fonts: _Fonts) -> str:
    parts: list[str] = []
    for item in paragraph.iter_inner_content():
        runs = item.runs if hasattr(item, "runs") else [item]
        parts.extend(_run_text(run, paragraph, fonts) for run in runs)
    return "".join(parts)


def _text_boxes(p_element: Any) -> Iterator[Any]:
    """The text-box contents anchored in a paragraph (the DrawingML copy, not the VML fallback)."""
    for box in p_element.iter(f"{_W}txbxContent"):
        parent = box.getparent()
        fallback = False
        while parent is not None and parent is not p_element:
            if parent.tag == _MC_FALLBACK:
                fallback = True
                break
            parent = parent.getparent()
        if not fallback:
            yield box


def _blocks(container: Any, parent: Any, fonts: _Fonts) -> Iterator[str]:
    """Lines of the paragraphs and tables directly inside ``container`` (body, cell, text box)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            for box in _text_boxes(child):
                yield from _blocks(box, parent, fonts)
            text = _paragraph_text(Paragraph(child, parent), fonts)
            yield from text.split("\n")
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(Table(child, parent), fonts)
        elif child.tag == f"{_W}sdt":  # content controls wrap paragraphs and tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content, parent, fonts)


def _table_lines(table: Any, fonts: _Fonts) -> Iterator[str]:
    rows = list(table.rows)
    grid: list[list[Any]] = []
    for row in rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        grid.append(cells)
    columns = max((len(r) for r in grid), default=0)
    if columns == 2 and len(rows) <= LAYOUT_MAX_ROWS:
        order = [cells[c] for c in range(2) for cells in grid if c < len(cells)]
    else:
        order = [cell for cells in grid for cell in cells]
    done: set[int] = set()
    for cell in order:
        if id(cell._tc) in done:  # a cell merged down several rows
            continue
        done.add(id(cell._tc))
        yield from _blocks(cell._tc, cell, fonts)


def _header_lines(document: Any, fonts: _Fonts) -> list[str]:
    """Text of the first page's header, unless it is empty or only a page number."""
    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous and section is not document.sections[0]:
        return []
    lines = [ln for ln in _blocks(header._element, header, fonts) if ln.strip()]
    if all(_PAGE_NUMBER.match(ln) for ln in lines):
        return []
    return lines


def read_docx(data: bytes, name: str, sha256: str, fmt: str = "docx") -> RawText:
    """Read a .docx (``fmt`` is the ``source.format`` to report: ``doc`` when LibreOffice converted it)."""
    import docx as python_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise DocxError("the file is a ZIP archive but not a Word document (.docx)")
    except zipfile.BadZipFile as exc:
        raise DocxError(f"the file looks like a .docx but is not a valid ZIP archive ({exc})") from exc
    from lxml import etree

    try:
        document = python_docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"the Word document's XML is damaged ({exc})") from exc
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise DocxError(f"the Word document cannot be opened ({exc})") from exc
    fonts = _Fonts(document)
    lines = _header_lines(document, fonts)
    lines.extend(_blocks(document.element.body, document, fonts))
    text = "\n".join(line.rstrip() for line in lines)
    warnings: list[str] = []
    enc = next(iter(sorted(fonts.found)), None)
    if enc is None:
        text, enc = legacy.convert(text)
    if enc:
        warnings.append(f"the text was typed in the legacy {enc.upper()} font encoding and was converted to Unicode")
    if not text.strip():
        warnings.append("no text was found in the document")
    source = Source(path=name, sha256=sha256, format=fmt, legacy_encoding=enc)
    return RawText(text=text, source=source, warnings=tuple(warnings))
