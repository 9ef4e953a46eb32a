"""vbminer's Datasette plugin: Vietnamese metadata, diacritic-free search, annotated document pages, unit pages.

Registered as the ``vbminer`` entry point of the ``datasette`` group, so ``datasette vbminer.db``
with vbminer installed serves the same pages as ``vbminer serve``. Every database that is a vbminer
store (it has ``documents`` with a ``dispatch`` column, ``unit_mentions`` and ``documents_fts``)
gets:

- titles and column descriptions in Vietnamese, facets, canned queries (:mod:`vbminer.web.metadata`);
- SQL functions on every connection: ``vbminer_fold``, ``vbminer_fold_key``, ``vbminer_fts``,
  ``vbminer_due`` and ``vbminer_cite`` (the folding and number reading of :mod:`vbminer.store` and
  :mod:`vbminer.queries`);
- the table search box folds its query the way the store folds its text (``_search=Đông`` finds
  ``Dong`` in the folded index), through an ASGI wrapper limited to the stores' paths;
- pages under ``/-/vbminer/``: ``search?q=``, ``document/<id>`` (the annotated view of
  :func:`vbminer.annotate.render_html`, with links to each unit, citation and deadline),
  ``document/<id>/annotated`` (that view alone), ``unit/<id>`` (history and an inline SVG chart).

Nothing here writes to the store; Datasette opens it read-only.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from . import pages
from .metadata import build_metadata
from .stores import fold_search_params, is_store_connection, register_functions, store_names

__all__ = ["build_metadata", "is_store_connection"]


@hookimpl
def startup(datasette: Any) -> Any:
    async def inner() -> None:
        names = []
        for name, db in datasette.databases.items():
            if name == "_internal":
                continue
            try:
                if await db.execute_fn(is_store_connection):
                    names.append(name)
            except Exception:  # a database that cannot be read is simply not a store
                continue
        datasette._vbminer_stores = names

    return inner


@hookimpl
def get_metadata(datasette: Any, key: Any, database: Any, table: Any) -> dict[str, Any]:
    names = store_names(datasette)
    if not names:
        return {}
    meta = build_metadata()
    return {"title": meta["title"], "description": meta["description"],
            "databases": {name: meta for name in names}}


@hookimpl
def prepare_connection(conn: Any) -> None:
    register_functions(conn)


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return lambda app: fold_search_params(app, datasette)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/vbminer/?$", pages.home_page),
        (r"^/-/vbminer/search$", pages.search_page),
        (r"^/-/vbminer/document/(?P<id>\d+)$", pages.document_page),
        (r"^/-/vbminer/document/(?P<id>\d+)/annotated$", pages.annotated_page),
        (r"^/-/vbminer/unit/(?P<id>\d+)$", pages.unit_page),
        (r"^/-/vbminer/vbminer\.css$", pages.stylesheet),
    ]


@hookimpl
def extra_template_vars(datasette: Any) -> dict[str, Any]:
    names = store_names(datasette)
    return {"vbminer_db": names[0] if names else None, "vbminer_path": datasette.urls.path("/-/vbminer")}


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if database not in store_names(datasette):
        return None
    return pages.render_cell(row, value, column, table, database, datasette)
