"""Text of scanned pages through Tesseract OCR with its Vietnamese model (``vie``).

Tesseract is called as a program (``tesseract IMAGE stdout -l vie``); on Debian it comes from the
packages ``tesseract-ocr`` and ``tesseract-ocr-vie``. Without them the reader says so by name.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import RawText, Source

if TYPE_CHECKING:
    from PIL.Image import Image

    from .pdf import Word

LANGUAGE = "vie"
INSTALL_HINT = (
    "install the Debian packages tesseract-ocr and tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"
)
#: Resolution at which PDF pages without text are rendered for OCR.
RENDER_DPI = 300


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is not installed; the message names the packages."""


def tesseract_path() -> str | None:
    """The ``tesseract`` program on PATH, or None."""
    return shutil.which("tesseract")


def languages() -> set[str]:
    """The language models Tesseract has (empty when it is not installed)."""
    exe = tesseract_path()
    if not exe:
        return set()
    proc = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    lines = (proc.stdout + proc.stderr).splitlines()
    return {ln.strip() for ln in lines if ln.strip() and " " not in ln.strip()}


def available() -> bool:
    """Whether OCR can run here: Tesseract with its Vietnamese model."""
    return LANGUAGE in languages()


def check() -> str:
    """The path of ``tesseract``; raises :class:`OcrUnavailable` when it or the ``vie`` model is missing."""
    exe = tesseract_path()
    if not exe:
        raise OcrUnavailable(f"Tesseract OCR is not installed: {INSTALL_HINT}")
    if LANGUAGE not in languages():
        raise OcrUnavailable(f"Tesseract has no Vietnamese model ({LANGUAGE}): {INSTALL_HINT}")
    return exe


def ocr_tsv(image: Image) -> str:
    """Tesseract's TSV output (one row per word with its box) for one page image."""
    exe = check()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        image.convert("L").save(path, dpi=(RENDER_DPI, RENDER_DPI))
        proc = subprocess.run([exe, str(path), "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                              capture_output=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"Tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return proc.stdout.decode("utf-8", errors="replace")


def parse_tsv(tsv: str, scale: float = 1.0) -> list[Word]:
    """Words with their boxes from Tesseract's TSV, coordinates multiplied by ``scale`` (pixels → points).

    A word's size is the height of its line's tallest word box, which is close to the font size.
    """
    from .pdf import Word

    rows: list[tuple[tuple[str, ...], str, float, float, float, float]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            left, top, width, height = (float(c) for c in cols[6:10])
        except ValueError:
            continue
        rows.append((tuple(cols[1:5]), cols[11].strip(), left, top, width, height))
    line_height: dict[tuple[str, ...], float] = {}
    for key, _t, _l, _tp, _w, h in rows:
        line_height[key] = max(line_height.get(key, 0.0), h)
    return [Word(text, left * scale, (left + width) * scale, top * scale, (top + height) * scale,
                 max(line_height[key] * scale * 0.85, 1.0))
            for key, text, left, top, width, height in rows]


def ocr_words(image: Image, scale: float = 1.0) -> list[Word]:
    """The words Tesseract reads on one page image, with their boxes (see :func:`parse_tsv`)."""
    return parse_tsv(ocr_tsv(image), scale)


def clean(text: str) -> str:
    """Tesseract's text with form feeds and runs of blank lines dropped, lines right-stripped."""
    lines = [ln.rstrip() for ln in text.replace("\f", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip("\n")


def read_image(data: bytes, name: str, sha256: str, ocr: bool = True) -> RawText:
    """Read a scanned page (.png, .jpg, .tif; every frame of a multi-page TIFF) through OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if not ocr:
        return RawText(text="", source=Source(path=name, sha256=sha256, format="image"),
                       warnings=("the file is an image and OCR was turned off, so no text was read",))
    try:
        img = Image.open(io.BytesIO(data))
        frames = [frame.copy() for frame in ImageSequence.Iterator(img)]
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"the image cannot be opened ({exc})") from exc
    from .pdf import lay_out

    pages = [(float(frame.height), ocr_words(frame)) for frame in frames]
    text = "\n".join(lay_out(pages))
    warnings = ["the text was read from a scanned image by OCR (Tesseract, Vietnamese); check names and numbers"]
    if not text.strip():
        warnings.append("OCR found no text on the image")
    source = Source(path=name, sha256=sha256, format="image", pages=len(frames), ocr=True)
    return RawText(text=text, source=source, warnings=tuple(warnings))
