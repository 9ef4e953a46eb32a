"""Which databases are vbminer stores, the SQL functions the plugin adds, and the search-box folding."""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ..queries import CiteQuery, QueryError, last_day
from ..store import fold, fold_key

_FTS_OPERATORS = ('"', "*", "(", ")", "^", ":")
_FTS_WORDS = {"AND", "OR", "NOT", "NEAR"}


def is_store_connection(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` holds a vbminer store (the tables and column vbminer's schema creates)."""
    names = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    if not {"documents", "unit_mentions", "documents_fts"} <= names:
        return False
    columns = {r[1] for r in conn.execute("pragma table_info(documents)")}
    return {"dispatch", "text_folded"} <= columns


def store_names(datasette: Any) -> list[str]:
    """The names of the attached databases found to be vbminer stores at startup."""
    return list(getattr(datasette, "_vbminer_stores", []) or [])


def fts_query(query: str | None) -> str:
    """A search box's words as an FTS5 query over the folded text: diacritics folded the way the store
    folds them; plain words are quoted (so ``08/CT-UBND`` is searched, not parsed), FTS5 syntax kept."""
    folded = fold(unicodedata.normalize("NFC", query or "")).strip()
    if any(op in folded for op in _FTS_OPERATORS) or _FTS_WORDS & set(folded.split()):
        return folded
    # no words: an empty phrase, which FTS5 accepts and which matches nothing
    return " ".join('"' + term.replace('"', '""') + '"' for term in folded.split()) or '""'


def cite_part(text: str | None, part: str) -> str | None:
    """One part of a document number as the user wrote it (``number``, ``symbol``, ``year``, ``type``)."""
    if not text or not text.strip():
        return None
    try:
        q = CiteQuery.parse(text)
    except QueryError:
        return None
    value = {"number": q.number, "symbol": q.symbol, "year": q.year, "type": q.doc_type}.get(part)
    return value or None


def due(value: str | None) -> str | None:
    """The last day a deadline allows, as ISO (``2022-11`` -> ``2022-11-30``), or None."""
    day = last_day(value)
    return day.isoformat() if day else None


def register_functions(conn: sqlite3.Connection) -> None:
    """Add vbminer's SQL functions to a connection (deterministic, read-only)."""
    conn.create_function("vbminer_fold", 1, lambda s: fold(unicodedata.normalize("NFC", s)) if s else s,
                         deterministic=True)
    conn.create_function("vbminer_fold_key", 1, fold_key, deterministic=True)
    conn.create_function("vbminer_fts", 1, fts_query, deterministic=True)
    conn.create_function("vbminer_due", 1, due, deterministic=True)
    conn.create_function("vbminer_cite", 2, cite_part, deterministic=True)


def fold_search_params(app: Any, datasette: Any) -> Any:
    """ASGI middleware: on a store's pages, ``_search`` and ``_search_<column>`` are folded before
    Datasette sees them, so the table search box finds text with or without diacritics."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http" and scope.get("query_string"):
            path = scope.get("path", "")
            prefix = datasette.urls.path("/")
            if any(path.startswith(f"{prefix}{name}/") for name in store_names(datasette)):
                raw = scope["query_string"].decode("latin-1")
                pairs = parse_qsl(raw, keep_blank_values=True)
                if any(k == "_search" or k.startswith("_search_") for k, _ in pairs):
                    folded = [(k, fold(unicodedata.normalize("NFC", v))
                               if k == "_search" or k.startswith("_search_") else v) for k, v in pairs]
                    scope = dict(scope, query_string=urlencode(folded).encode("latin-1"))
        await app(scope, receive, send)

    return wrapped
