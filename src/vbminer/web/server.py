"""``vbminer serve``: Datasette on a store with vbminer's plugin, checked before it starts."""

from __future__ import annotations

import errno
import socket
import sqlite3
from pathlib import Path
from typing import Any

from .stores import is_store_connection


class ServeError(Exception):
    """The server cannot start as asked; the message says why in plain words."""


def register_plugin() -> None:
    """Register vbminer's plugin with Datasette unless its entry point already did."""
    from datasette.plugins import pm

    from .. import web

    if not pm.is_registered(web) and pm.get_plugin("vbminer") is None:
        pm.register(web, name="vbminer")


def check_store(path: Path) -> None:
    """Raise :class:`ServeError` unless ``path`` is a vbminer store that can be opened read-only."""
    if not path.exists():
        raise ServeError(f"{path}: no such database; build one with `vbminer ingest PATH --db {path}`")
    if path.is_dir():
        raise ServeError(f"{path}: is a directory, not a database")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            ok = is_store_connection(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ServeError(f"{path}: not an SQLite database ({exc})") from exc
    if not ok:
        raise ServeError(f"{path}: an SQLite database but not a vbminer store (no documents, unit_mentions "
                         "or documents_fts); build one with `vbminer ingest`")


def check_port(host: str, port: int) -> None:
    """Raise :class:`ServeError` if ``host:port`` cannot be listened on (in use, or not an address here)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(f"port {port} on {host} is in use; choose another with --port") from exc
            raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc


def make_datasette(path: Path, **kwargs: Any) -> Any:
    """A Datasette instance on the store at ``path`` with vbminer's plugin (not started)."""
    from datasette.app import Datasette

    register_plugin()
    return Datasette([str(path)], **kwargs)


def serve(path: Path, host: str = "127.0.0.1", port: int = 8001, announce: Any = None) -> None:
    """Check the store and the port, then serve until interrupted; ``announce(message)`` is told the URL."""
    import uvicorn

    check_store(path)
    check_port(host, port)
    ds = make_datasette(path)
    if announce:
        announce(f"serving {path} at http://{host}:{port}/ (read-only; Ctrl+C stops)")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
