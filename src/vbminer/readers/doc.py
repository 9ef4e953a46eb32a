"""Old Word documents (.doc, and RTF saved as .doc) converted through LibreOffice, then read as DOCX.

``soffice --headless --convert-to docx`` keeps tables and fonts, so the DOCX reader then reads the
header and signature tables cell by cell and converts legacy-font runs by their font names. On
Debian LibreOffice comes from the package ``libreoffice-writer`` (``libreoffice-writer-nogui`` on a
server); without it the reader says so by name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..types import RawText
from . import docx

INSTALL_HINT = "install LibreOffice Writer (Debian: apt-get install libreoffice-writer-nogui)"
TIMEOUT = 180


class ConverterUnavailable(RuntimeError):
    """LibreOffice is not installed; the message names the package."""


class DocError(ValueError):
    """LibreOffice could not convert the file."""


def soffice_path() -> str | None:
    """The LibreOffice program (``soffice`` or ``libreoffice``) on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice_path() is not None


def convert(data: bytes, suffix: str, target: str = "docx") -> bytes:
    """Convert a document's bytes with LibreOffice to ``target`` (``docx``, ``pdf`` ...) and return them.

    A private LibreOffice profile in a temporary directory keeps runs independent of each other
    and of a user's own LibreOffice.
    """
    exe = soffice_path()
    if not exe:
        raise ConverterUnavailable(f"reading .doc files needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(out_dir), str(src)]
        env = dict(os.environ, HOME=tmp)
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, env=env)
        except subprocess.TimeoutExpired as exc:
            raise DocError(f"LibreOffice did not finish converting the file within {TIMEOUT} s") from exc
        result = out_dir / f"input.{target}"
        if proc.returncode != 0 or not result.exists():
            detail = proc.stderr.decode("utf-8", "replace").strip()[:300]
            raise DocError(f"LibreOffice could not convert the file{': ' + detail if detail else ''}")
        return result.read_bytes()


def read_doc(data: bytes, name: str, sha256: str) -> RawText:
    """Read a .doc through LibreOffice (to DOCX) and the DOCX reader; the source keeps format ``doc``."""
    converted = convert(data, Path(name).suffix.lower() or ".doc")
    raw = docx.read_docx(converted, name, sha256, fmt="doc")
    return RawText(text=raw.text, source=raw.source,
                   warnings=raw.warnings + ("the .doc file was converted to DOCX by LibreOffice to be read",))
