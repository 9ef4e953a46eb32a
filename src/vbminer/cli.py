"""Command line: ``vbminer extract``, ``vbminer eval``.

Heavy modules (spaCy, the extractors) are imported inside the commands, so ``vbminer --help``
starts fast.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import sqlite3

    from .types import Dispatch

app = typer.Typer(
    name="vbminer",
    help="Mine Vietnamese administrative dispatches (công văn, văn bản hành chính) into structured data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"vbminer {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """vbminer reads dispatches (.txt, .md) and extracts their header per Nghị định 30/2020/NĐ-CP."""


def iter_files(paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every supported file under ``paths`` (directories recursively, names sorted), or a path and
    why it cannot be used. Files named explicitly are always tried, whatever their extension.

    Symbolic links to directories are followed, except one that leads back to a directory it sits
    in (a loop), which is reported once and skipped; a directory that cannot be listed, a broken
    link and a link that loops on itself are reported too, and the walk goes on."""
    import errno
    import os
    import stat

    from .read import SUPPORTED_SUFFIXES

    def wanted(name: str) -> bool:
        return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES

    def walk(folder: Path, ancestors: tuple[tuple[int, int], ...]) -> Iterator[tuple[Path, str | None]]:
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it)
        except OSError as exc:
            yield folder, f"cannot list this directory ({exc.strerror or exc})"
            return
        for name in names:
            child = folder / name
            try:
                st = child.stat()
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    yield child, "a symbolic link that loops on itself; skipped"
                elif child.is_symlink() and wanted(name):
                    yield child, "a broken symbolic link (its target does not exist)"
                elif wanted(name):
                    yield child, f"cannot read ({exc.strerror or exc})"
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    yield child, "a symbolic link back to a directory above it (a loop); skipped"
                    continue
                yield from walk(child, (*ancestors, key))
            elif stat.S_ISREG(st.st_mode) and wanted(name):
                yield child, None

    for path in paths:
        if path.is_dir():
            found = False
            st = path.stat()
            for child, problem in walk(path, ((st.st_dev, st.st_ino),)):
                found = found or problem is None
                yield child, problem
            if not found:
                yield path, "no supported files (.txt, .md, .pdf, .docx, .doc, images) in this directory"
        elif path.exists():
            yield path, None
        elif path.is_symlink():
            yield path, "a broken symbolic link or a symbolic link loop"
        else:
            yield path, "no such file or directory"


class _Batch:
    """Extract every file under some paths; a file that fails is reported on stderr with its name,
    counted, and the batch goes on."""

    def __init__(self) -> None:
        self.failed = 0

    def fail(self, message: str) -> None:
        typer.echo(f"vbminer: {message}", err=True)
        self.failed += 1

    def dispatches(self, paths: list[Path], ocr: bool = True) -> Iterator[Dispatch]:
        from .pipeline import extract_path
        from .read import ReadError

        for path, problem in iter_files(paths):
            if problem:
                self.fail(f"{path}: {problem}")
                continue
            try:
                yield extract_path(path, ocr=ocr)
            except ReadError as exc:
                self.fail(str(exc))
            except Exception as exc:  # a bug must not stop the batch; report it with the file
                self.fail(f"{path}: extraction failed: {type(exc).__name__}: {exc}")


def _summary(d: object) -> str:
    from .types import Dispatch

    assert isinstance(d, Dispatch)
    h = d.header
    issuer = h.issuer
    signer = h.signer
    number = "/".join(x for x in (h.number or "(blank)", h.year, h.symbol) if x) if h.symbol else h.number
    rows = [
        ("Issuer", " / ".join(x for x in (issuer.parent, issuer.name) if x) if issuer else None),
        ("Locality", f"{issuer.locality} ({issuer.level})" if issuer and issuer.locality else None),
        ("Number", number),
        ("Type", h.doc_type),
        ("Place, date", ", ".join(x for x in (h.place, h.date) if x) or None),
        ("Subject", h.subject),
        ("Urgency", h.urgency),
        ("Secrecy", h.confidentiality),
        ("Recipients", "; ".join(h.recipients) or None),
        ("Signer", None if not signer else " ".join(
            x for x in ((f"{signer.authority}. {signer.on_behalf_of}" if signer.authority else None),
                        signer.title, f"— {signer.name}" if signer.name else None) if x)),
        ("Nơi nhận", "; ".join(h.cc) or None),
        ("Draft", "yes" if h.is_draft else None),
    ]
    lines = [f"== {d.source.path}"]
    lines += [f"  {k:<12} {v}" for k, v in rows if v]
    lines += [f"  warning: {w}" for w in d.warnings]
    return "\n".join(lines)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per document per line (dispatch.schema.json).")
    ] = False,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="Read scanned pages through Tesseract OCR.")] = True,
) -> None:
    """Extract each dispatch: a readable summary with its figures, or JSON lines with --json."""
    batch = _Batch()
    for dispatch in batch.dispatches(paths, ocr):
        if as_json:
            sys.stdout.write(json.dumps(dispatch.to_json(), ensure_ascii=False) + "\n")
        else:
            from .render import metrics_table

            table = metrics_table(dispatch)
            figures = "\n\n  Số liệu theo đơn vị:\n" + textwrap.indent(table, "    ") if table else ""
            typer.echo(_summary(dispatch) + figures + "\n")
    if batch.failed:
        typer.echo(f"vbminer: {batch.failed} file(s) could not be processed", err=True)
        raise typer.Exit(1)


@app.command(name="eval")
def eval_(
    paths: Annotated[list[Path], typer.Argument(help="Documents to extract, or a .jsonl file of predictions.")],
    gold: Annotated[Path, typer.Option("--gold", help="Directory of gold files (GOLD_FORMAT.md).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="Read scanned pages through Tesseract OCR.")] = True,
) -> None:
    """Score extraction against gold annotations, with the rules of shared/eval/score.py."""
    from .evaluate import load_gold, render_table, score

    if not gold.is_dir():
        typer.echo(f"vbminer: {gold}: not a directory of gold files", err=True)
        raise typer.Exit(2)
    try:
        gold_docs = load_gold(gold)
    except ValueError as exc:  # a broken link, a file that is no JSON
        typer.echo(f"vbminer: unreadable gold file {exc}", err=True)
        raise typer.Exit(2) from None
    if not gold_docs:
        typer.echo(f"vbminer: {gold}: no gold files (*.json)", err=True)
        raise typer.Exit(2)
    predictions: list[dict[str, object]] = []
    for path in (p for p in paths if p.suffix == ".jsonl"):  # earlier extract --json output
        with path.open(encoding="utf-8") as fh:
            predictions.extend(json.loads(line) for line in fh if line.strip())
    batch = _Batch()
    predictions += [d.to_json() for d in batch.dispatches([p for p in paths if p.suffix != ".jsonl"], ocr)]
    report = score(gold_docs, predictions)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_table(report, verbose=verbose))
    if batch.failed:
        raise typer.Exit(1)


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document per line.")] = False,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="Read scanned pages through Tesseract OCR.")] = True,
) -> None:
    """Check the form of each dispatch against Nghị định 30/2020/NĐ-CP (thể thức văn bản).

    Exit code 1 when a file could not be read or a document has an error-level finding.
    """

    batch = _Batch()
    errors = 0
    for dispatch in batch.dispatches(paths, ocr):
        errors += sum(1 for f in dispatch.findings if f.severity == "error")
        if as_json:
            obj = {"path": dispatch.source.path, "findings": [f.to_json() for f in dispatch.findings]}
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            continue
        typer.echo(f"== {dispatch.source.path}: " + (f"{len(dispatch.findings)} finding(s)" if dispatch.findings
                                                     else "no finding"))
        for f in dispatch.findings:
            excerpt = " ".join(dispatch.text[f.start : f.end].split())
            excerpt = excerpt if len(excerpt) <= 60 else excerpt[:57] + "..."
            typer.echo(f"  {f.severity:<7} {f.rule:<22} {f.message}")
            typer.echo(f"          {'':<22} ({f.clause}){': ' + repr(excerpt) if excerpt else ''}")
    if batch.failed:
        typer.echo(f"vbminer: {batch.failed} file(s) could not be processed", err=True)
    if batch.failed or errors:
        raise typer.Exit(1)


@app.command()
def annotate(
    path: Annotated[Path, typer.Argument(help="One dispatch (.txt, .md).")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Output HTML file (default: FILE.html).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="Read scanned pages through Tesseract OCR.")] = True,
) -> None:
    """Write an annotated HTML view of a dispatch: every extracted item highlighted in place."""
    from .annotate import render_html
    from .pipeline import extract_path
    from .read import ReadError

    target = out or path.with_suffix(path.suffix + ".html")
    if target.exists() and not force:
        typer.echo(f"vbminer: {target} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        dispatch = extract_path(path, ocr=ocr)
    except ReadError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(1) from exc
    target.write_text(render_html(dispatch), encoding="utf-8")
    typer.echo(f"wrote {target}")


#: How many deadline rows the text listing shows unless --limit says otherwise.
TEXT_LIMIT = 100

DbOption = Annotated[Path, typer.Option("--db", help="The SQLite database (default: vbminer.db here).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (described in the README).")]


def _query_db(db: Path) -> sqlite3.Connection:
    """Open an existing store for a query; a missing one is an error, not an empty database.

    Read-only, with the standard sqlite3 module (:func:`vbminer.queries.connect`): the query
    commands never load sqlite-utils, numpy or rich, so they start in a fraction of a second."""
    from .queries import connect

    if not db.is_file():
        typer.echo(f"vbminer: {db}: no such database; create it with `vbminer ingest PATH --db {db}`", err=True)
        raise typer.Exit(2)
    return connect(db)


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _answer(rows: Any, as_json: bool, render: Callable[[Any], str]) -> None:
    """A query's answer: JSON with --json, else the text the query's renderer makes of it."""
    if as_json:
        _print_json(rows)
    else:
        typer.echo(render(rows))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")],
    db: DbOption = Path("vbminer.db"),
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Extract stored files again (after upgrading vbminer).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Extraction processes (default: the machine's cores).")
    ] = None,
) -> None:
    """Store dispatches in SQLite: unchanged files are skipped, changed ones replaced, failures kept in `errors`."""
    from rich.console import Console

    from .store import default_workers, open_db, pipeline_extract
    from .store import ingest as run_ingest

    files = iter_files(paths)  # streamed: the file list is never held
    n_workers = workers or default_workers()
    database = open_db(db)
    console = Console(stderr=True)
    if console.is_terminal and not as_json:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("ingest", total=sum(1 for _ in iter_files(paths)), rate="")
            counts: dict[str, int] = {}

            def on_file(path: str, status: str) -> None:
                counts[status] = counts.get(status, 0) + 1
                progress.advance(task)
                t = progress.tasks[0]
                rate = f"{t.completed / t.elapsed:.1f} files/s" if t.elapsed else ""
                progress.update(task, rate=rate, description=" ".join(f"{k} {v}" for k, v in sorted(counts.items())))

            report = run_ingest(database, files, pipeline_extract, refresh=refresh, on_file=on_file,
                                workers=n_workers, batch=64)
    else:
        report = run_ingest(database, files, pipeline_extract, refresh=refresh, workers=n_workers, batch=64)
    if as_json:
        _print_json(report.to_json() | {"db": str(db)})
    else:
        for path, message in report.failures:
            typer.echo(f"vbminer: {path}: {message}", err=True)
        typer.echo(f"{report.summary()} ({db})")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def units(
    name: Annotated[str | None, typer.Argument(help="A unit's name, with or without diacritics.")] = None,
    db: DbOption = Path("vbminer.db"),
    as_json: JsonOption = False,
) -> None:
    """Units named across the store; with NAME, that unit's history (documents newest first, with figures)."""
    from .queries import render_unit_history, render_units, unit_history, units_overview

    database = _query_db(db)
    rows = units_overview(database) if name is None else unit_history(database, name)
    _answer(rows, as_json, render_units if name is None else render_unit_history)
    if name is not None and not rows:
        raise typer.Exit(1)


@app.command()
def refs(
    symbol: Annotated[str | None, typer.Argument(
        help="The cited document: 08/CT-UBND, 12/2021/QĐ-UBND, 'Chỉ thị 08', optionally with issuer words.")] = None,
    db: DbOption = Path("vbminer.db"),
    limit: Annotated[int, typer.Option("--limit", help="How many documents without SYMBOL.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Who cites a document, grouped by issuing district and ordered by date; without SYMBOL, the most cited."""
    from .queries import QueryError, cited_by, most_cited, render_cited_by, render_most_cited

    database = _query_db(db)
    try:
        rows = most_cited(database, limit) if symbol is None else cited_by(database, symbol)
    except QueryError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(2) from exc
    _answer(rows, as_json, render_most_cited if symbol is None else render_cited_by)
    if symbol is not None and not rows:
        raise typer.Exit(1)


@app.command()
def deadlines(
    date_from: Annotated[str | None, typer.Option("--from", help="Only deadlines on or after this date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only deadlines on or before this date.")] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Only assignees whose name has this.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only deadlines already past.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Count days left from this date, not today.")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="text, csv, xlsx, json or ics (default: from --out's extension, else text).")] = None,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write to this file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --out file.")] = False,
    db: DbOption = Path("vbminer.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    limit: Annotated[int | None, typer.Option(
        "--limit", min=0, help=f"At most this many rows (0: all). Default: {TEXT_LIMIT} for text on the screen, "
        "all for --json, csv, ics and files.")] = None,
) -> None:
    """The deadline tracker: one row per deadline and assignee, with its document and days left or overdue.

    Rows by due date (undated last). On a large store the text listing stops after the first rows
    and says how to see more; exports (-o FILE, --json, csv, ics) stream every row."""
    from itertools import islice

    from . import export
    from .queries import QueryError, count_deadline_sources, iter_deadline_rows, parse_date, render_deadlines

    kind = "json" if as_json else (fmt or (out.suffix.lstrip(".").lower() if out and out.suffix else "text"))
    if kind not in ("text", "csv", "xlsx", "json", "ics"):
        typer.echo(f"vbminer: unknown format {kind!r}: use text, csv, xlsx, json or ics", err=True)
        raise typer.Exit(2)
    if kind == "xlsx" and out is None:
        typer.echo("vbminer: an XLSX file needs --out FILE", err=True)
        raise typer.Exit(2)
    database = _query_db(db)
    try:
        lo = parse_date(date_from, "--from") if date_from else None
        hi = parse_date(date_to, "--to") if date_to else None
        rows: Iterator[dict[str, Any]] = iter_deadline_rows(
            database, date_from=lo, date_to=hi, assignee=assignee, overdue=overdue,
            as_of=parse_date(as_of, "--as-of") if as_of else None,
        )
    except QueryError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(2) from exc
    cap = limit if limit is not None else (TEXT_LIMIT if kind == "text" and out is None else 0)
    if cap:
        rest = rows
        rows = iter(list(islice(rest, cap)))
        if kind == "text" and out is None and next(rest, None) is not None:
            where = "" if assignee else (f" ({count_deadline_sources(database, date_from=lo, date_to=hi)} "
                                         "deadline phrases are dated in this range)")
            typer.echo(f"vbminer: the first {cap} rows by due date; more follow{where}. Narrow with "
                       "--from/--to or --assignee, show more with --limit N (0: all), or export with -o FILE.",
                       err=True)
    try:
        if out is None:
            if kind == "text":
                typer.echo(render_deadlines(list(rows)))
            elif kind == "json":
                export.stream_json(rows, sys.stdout)
            elif kind == "csv":
                export.stream_csv(rows, export.DEADLINE_COLUMNS, sys.stdout)
            else:
                sys.stdout.write(export.ics_bytes(list(rows)).decode("utf-8"))
            return
        if kind == "csv":
            written = export.write_csv(rows, export.DEADLINE_COLUMNS, out, force=force)
        elif kind == "xlsx":
            written = export.write_xlsx(rows, export.DEADLINE_COLUMNS, out, force=force)
        elif kind == "ics":
            written = export.write_ics(rows, out, force=force)
        elif kind == "json":
            written = export.write_json(rows, out, force=force)
        else:
            typer.echo("vbminer: --out takes csv, xlsx, json or ics", err=True)
            raise typer.Exit(2)
    except export.ExportError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"wrote {written} deadline row(s) to {out}", err=True)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; diacritics optional (ky so finds ký số).")],
    db: DbOption = Path("vbminer.db"),
    limit: Annotated[int, typer.Option("--limit", help="How many documents at most.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over subjects and texts, best matches first, with snippets."""
    from .queries import QueryError, render_search
    from .queries import search as run_search

    database = _query_db(db)
    try:
        rows = run_search(database, query, limit)
    except QueryError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(2) from exc
    _answer(rows, as_json, render_search)
    if not rows:
        raise typer.Exit(1)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="An id, a path (or its file name), or a số/ký hiệu such as 318/UBND-VP.")],
    db: DbOption = Path("vbminer.db"),
    as_json: JsonOption = False,
) -> None:
    """One stored document: header, citations both ways, units, figures, deadlines and assignments."""
    from .queries import QueryError, render_show
    from .queries import show as run_show

    database = _query_db(db)
    try:
        data = run_show(database, doc)
    except QueryError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(2) from exc
    _answer(data, as_json, render_show)


@app.command()
def archive(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Dispatches to list; without PATH, every document in the store.")
    ] = None,
    db: Annotated[Path, typer.Option("--db", help="The store (vbminer ingest).")] = Path("vbminer.db"),
    fmt: Annotated[str, typer.Option("--format", help="xlsx, csv or json.")] = "xlsx",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Output file (default: archive.FORMAT).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Archival metadata list per Thông tư 02/2019/TT-BNV, one row per document, filled from the extraction."""
    from .archive import row_for, write_csv, write_json, write_xlsx

    if fmt not in ("xlsx", "csv", "json"):
        typer.echo(f"vbminer: unknown --format {fmt!r} (xlsx, csv or json)", err=True)
        raise typer.Exit(2)
    target = out or Path(f"archive.{fmt}")
    if target.exists() and not force:
        typer.echo(f"vbminer: {target} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    objs: list[dict[str, object]] = []
    batch = _Batch()
    if paths:
        objs = [d.to_json() for d in batch.dispatches(paths)]
    else:
        import sqlite_utils

        if not db.exists():
            typer.echo(f"vbminer: {db}: no such store; run vbminer ingest first or give PATHs", err=True)
            raise typer.Exit(2)
        store = sqlite_utils.Database(db)
        objs = [json.loads(row["dispatch"]) for row in store.query(
            "select dispatch from documents order by date, id")]
    rows = [row_for(o) for o in objs]
    if fmt == "xlsx":
        write_xlsx(rows, target)
    elif fmt == "csv":
        with target.open("w", encoding="utf-8-sig", newline="") as fh:
            write_csv(rows, fh)
    else:
        with target.open("w", encoding="utf-8") as fh:
            write_json(rows, fh)
    typer.echo(f"wrote {len(rows)} row(s) to {target}")
    if batch.failed:
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOption = Path("vbminer.db"),
    port: Annotated[int, typer.Option("--port", help="The port to listen on.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="The address to listen on (localhost by default).")] = "127.0.0.1",
) -> None:
    """Browse the store in a web browser: Datasette with vbminer's pages (read-only, works offline)."""
    from .web.server import ServeError
    from .web.server import serve as run_server

    try:
        run_server(db, host=host, port=port, announce=lambda msg: typer.echo(f"vbminer: {msg}", err=True))
    except ServeError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(2) from exc


def main() -> None:
    app()


if __name__ == "__main__":
    main()
