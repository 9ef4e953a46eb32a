"""Command line: ``vbminer extract``, ``vbminer eval``.

Heavy modules (spaCy, the extractors) are imported inside the commands, so ``vbminer --help``
starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="vbminer",
    help="Mine Vietnamese administrative dispatches (công văn, văn bản hành chính) into structured data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
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
    """Every supported file under ``paths`` (directories recursively, sorted), or a path and why it
    cannot be used. Files named explicitly are always tried, whatever their extension."""
    from .read import SUPPORTED_SUFFIXES

    for path in paths:
        if path.is_dir():
            found = False
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith("."):
                    found = True
                    yield child, None
            if not found:
                yield path, "no supported files (.txt, .md) in this directory"
        elif path.exists():
            yield path, None
        else:
            yield path, "no such file or directory"


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
) -> None:
    """Extract the header of each dispatch: a readable summary, or JSON lines with --json."""
    from .pipeline import extract_path
    from .read import ReadError

    failed = 0
    for path, problem in iter_files(paths):
        if problem:
            typer.echo(f"vbminer: {path}: {problem}", err=True)
            failed += 1
            continue
        try:
            dispatch = extract_path(path)
        except ReadError as exc:
            typer.echo(f"vbminer: {exc}", err=True)
            failed += 1
            continue
        except Exception as exc:  # a bug must not stop the batch; report it with the file
            typer.echo(f"vbminer: {path}: extraction failed: {type(exc).__name__}: {exc}", err=True)
            failed += 1
            continue
        if as_json:
            sys.stdout.write(json.dumps(dispatch.to_json(), ensure_ascii=False) + "\n")
        else:
            typer.echo(_summary(dispatch) + "\n")
    if failed:
        typer.echo(f"vbminer: {failed} file(s) could not be processed", err=True)
        raise typer.Exit(1)


@app.command(name="eval")
def eval_(
    paths: Annotated[list[Path], typer.Argument(help="Documents to extract, or a .jsonl file of predictions.")],
    gold: Annotated[Path, typer.Option("--gold", help="Directory of gold files (GOLD_FORMAT.md).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against gold annotations, with the rules of shared/eval/score.py."""
    from .evaluate import load_gold, render_table, score
    from .pipeline import extract_path
    from .read import ReadError

    if not gold.is_dir():
        typer.echo(f"vbminer: {gold}: not a directory of gold files", err=True)
        raise typer.Exit(2)
    gold_docs = load_gold(gold)
    if not gold_docs:
        typer.echo(f"vbminer: {gold}: no gold files (*.json)", err=True)
        raise typer.Exit(2)
    predictions: list[dict[str, object]] = []
    failed = 0
    for path, problem in iter_files(paths):
        if problem:
            typer.echo(f"vbminer: {path}: {problem}", err=True)
            failed += 1
            continue
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                predictions.extend(json.loads(line) for line in fh if line.strip())
            continue
        try:
            predictions.append(extract_path(path).to_json())
        except ReadError as exc:
            typer.echo(f"vbminer: {exc}", err=True)
            failed += 1
    report = score(gold_docs, predictions)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_table(report, verbose=verbose))
    if failed:
        raise typer.Exit(1)


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document per line.")] = False,
) -> None:
    """Check the form of each dispatch against Nghị định 30/2020/NĐ-CP (thể thức văn bản).

    Exit code 1 when a file could not be read or a document has an error-level finding.
    """
    from .pipeline import extract_path
    from .read import ReadError

    failed = errors = 0
    for path, problem in iter_files(paths):
        if problem:
            typer.echo(f"vbminer: {path}: {problem}", err=True)
            failed += 1
            continue
        try:
            dispatch = extract_path(path)
        except ReadError as exc:
            typer.echo(f"vbminer: {exc}", err=True)
            failed += 1
            continue
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
    if failed:
        typer.echo(f"vbminer: {failed} file(s) could not be processed", err=True)
    if failed or errors:
        raise typer.Exit(1)


@app.command()
def annotate(
    path: Annotated[Path, typer.Argument(help="One dispatch (.txt, .md).")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Output HTML file (default: FILE.html).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
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
        dispatch = extract_path(path)
    except ReadError as exc:
        typer.echo(f"vbminer: {exc}", err=True)
        raise typer.Exit(1) from exc
    target.write_text(render_html(dispatch), encoding="utf-8")
    typer.echo(f"wrote {target}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
