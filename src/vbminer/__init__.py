"""vbminer: mine Vietnamese administrative dispatches into structured data and SQLite.

>>> from vbminer import extract_text
>>> d = extract_text(open("dispatch.txt", encoding="utf-8").read())  # doctest: +SKIP
>>> d.header.symbol  # doctest: +SKIP
'UBND-VP'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("vbminer")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__", "extract_bytes", "extract_path", "extract_text"]

if TYPE_CHECKING:
    from .pipeline import extract_bytes, extract_path, extract_text


def __getattr__(name: str) -> Any:
    # The pipeline loads spaCy; import it only when asked for.
    if name in ("extract_bytes", "extract_path", "extract_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
