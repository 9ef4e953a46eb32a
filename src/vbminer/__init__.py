"""vbminer: mine Vietnamese administrative dispatches into structured data and SQLite.

>>> from vbminer import extract_text
>>> d = extract_text(open("dispatch.txt", encoding="utf-8").read())  # doctest: +SKIP
>>> d.header.symbol  # doctest: +SKIP
'UBND-VP'
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

__all__ = ["__version__", "extract_bytes", "extract_path", "extract_text"]

if TYPE_CHECKING:
    from .pipeline import extract_bytes, extract_path, extract_text


@cache
def _version() -> str:
    # importlib.metadata costs ~20 ms at start-up: read only when asked for (``--version``, ingest)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vbminer")
    except PackageNotFoundError:  # running from a source tree
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    # The pipeline loads spaCy; import it only when asked for.
    if name in ("extract_bytes", "extract_path", "extract_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
