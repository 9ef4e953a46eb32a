"""The SQLite store: schema, batch ingest, idempotency, full-text search and the citation graph.

A document is identified by the sha256 of its bytes; the paths it was found at live in
``document_paths``, so the same bytes at two paths are one document with two paths. Every
document is written in one transaction together with its path, so an interrupted ingest leaves no
half document and a rerun finishes the job.

Ingest is a pipeline of three steps that a process pool can later split without a rewrite:

``plan`` (main process: list files, hash their bytes, skip what is stored) ->
``run_job`` (pure: bytes -> :class:`Result`; picklable, so ``pool.imap(run_job, jobs)`` fits) ->
``Store.write_result`` (main process, the single writer).

With ``workers > 1`` the jobs go to a pool of worker processes (each loads the pipeline once, in
its initializer) through a bounded window of chunks, so neither the file list, the file bytes nor
the results are ever all in memory; results come back in file order, so a parallel ingest writes
exactly the database a serial one writes. A worker sends the store's rows of each dispatch
(:class:`Rows`, built and JSON encoded there), not the dispatch: the writer, the one process every
document passes through, only looks up units and inserts. Writes can be grouped into batched transactions
(``batch``): each document is still whole (a savepoint inside the batch), and a killed ingest
loses at most the open batch, never half a document.

This module imports neither spaCy nor the pipeline: the extractor is passed in.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from . import __version__
from .keys import fold, fold_key, number_key, symbol_key, year_key

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# ``vbminer.read`` (decoders, legacy fonts, the rules), ``concurrent.futures`` and
# ``multiprocessing`` are imported where they are used: the query commands import this module and
# must start fast.
from .types import Dispatch, Unit

Extractor = Callable[[bytes, str], Dispatch]
"""Bytes and the path to report -> a :class:`Dispatch`; raises :class:`ReadError` for unreadable files."""

#: Unit kinds above the commune: their names are unique enough without the issuing area.
_WIDE_KINDS = frozenset({"tỉnh", "thành phố", "huyện", "thị xã", "quận", "sở", "bộ"})

# ---------------------------------------------------------------------------------------------
# Schema

MIGRATIONS = Migrations("vbminer")


@MIGRATIONS()
def m001_initial(db: sqlite_utils.Database) -> None:
    """Tables, foreign keys, indexes and the full-text index of the first version of the store."""
    db.table("documents").create(
        {
            "id": int, "sha256": str, "format": str, "pages": int, "legacy_encoding": str, "ocr": int,
            "issuer_name": str, "issuer_parent": str, "issuer_level": str, "issuer_locality": str,
            "area": str,
            "number": str, "year": str, "symbol": str, "doc_type": str, "place": str, "date": str,
            "subject": str, "recipients": str, "urgency": str, "confidentiality": str,
            "signer_name": str, "signer_title": str, "signer_authority": str, "signer_on_behalf_of": str,
            "cc": str, "is_draft": int,
            "number_key": str, "symbol_key": str, "year_key": str,
            "warnings": str, "text": str, "subject_folded": str, "text_folded": str,
            "dispatch": str, "vbminer_version": str, "ingested_at": str,
        },
        pk="id",
        not_null={"sha256", "text"},
    )
    db.table("documents").create_index(["sha256"], unique=True)
    db.table("documents").create_index(["symbol_key", "number_key"])
    db.table("documents").create_index(["date"])
    db.table("document_paths").create(
        {"path": str, "document_id": int, "ingested_at": str},
        pk="path",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("document_paths").create_index(["document_id"])
    db.table("references").create(
        {
            "id": int, "document_id": int, "doc_type": str, "number": str, "year": str, "symbol": str,
            "date": str, "issuer": str, "subject": str, "key": str,
            "number_key": str, "symbol_key": str, "year_key": str, "mentions": str, "cited_document_id": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("cited_document_id", "documents", "id")],
    )
    db.table("references").create_index(["document_id"])
    db.table("references").create_index(["cited_document_id"])
    db.table("references").create_index(["symbol_key", "number_key"])
    db.table("units").create(
        {
            "id": int, "ukey": str, "name": str, "kind": str, "canonical": str, "code": str, "level": str,
            "parent": str, "current_name": str, "current_code": str,
            "name_folded": str, "full_folded": str, "canonical_folded": str, "current_folded": str,
        },
        pk="id",
        not_null={"ukey", "name"},
    )
    db.table("units").create_index(["ukey"], unique=True)
    db.table("unit_mentions").create(
        {"id": int, "document_id": int, "unit_id": int, "name": str, "name_folded": str, "full_folded": str,
         "kind": str, "count": int, "mentions": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("unit_id", "units", "id")],
    )
    db.table("unit_mentions").create_index(["document_id"])
    db.table("unit_mentions").create_index(["unit_id"])
    db.table("unit_mentions").create_index(["name_folded"])
    db.table("metrics").create(
        {
            "id": int, "document_id": int, "unit_id": int, "unit": str, "label": str, "value": float,
            "kind": str, "numerator": float, "denominator": float, "comparator": str, "period": str,
            "is_target": int, "start": int, "end": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("unit_id", "units", "id")],
    )
    db.table("metrics").create_index(["document_id"])
    db.table("metrics").create_index(["unit_id"])
    db.table("deadlines").create(
        {"id": int, "document_id": int, "date": str, "text": str, "task": str, "assignees": str,
         "start": int, "end": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("deadlines").create_index(["document_id"])
    db.table("deadlines").create_index(["date"])
    db.table("tasks").create(
        {"id": int, "document_id": int, "assignee": str, "role": str, "action": str, "deadline": str,
         "report_to": str, "start": int, "end": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("tasks").create_index(["document_id"])
    db.table("tasks").create_index(["deadline"])
    db.table("errors").create(
        {"id": int, "path": str, "sha256": str, "stage": str, "message": str, "time": str},
        pk="id",
    )
    db.table("errors").create_index(["path"])
    db.table("documents").enable_fts(
        ["subject_folded", "text_folded"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


#: The assignees of each deadline (its JSON list ``assignees``), one row per name, kept by triggers.
_DEADLINE_NAMES = ("select new.id, new.document_id, value from json_each(case when json_valid(new.assignees) "
                   "then new.assignees else '[]' end) where type = 'text'")


@MIGRATIONS()
def m002_query_lookups(db: sqlite_utils.Database) -> None:
    """What the deadline tracker and the overviews need on a large store (100,000 documents):
    deadlines and tasks by date with their document (covering indexes), tasks by assignee, and two
    tables kept by triggers, so that ingest code needs no change: ``assignee_names`` (every name
    ever given as an assignee, a few thousand at most, folded and matched in Python by
    ``vbminer deadlines --assignee``) and ``deadline_assignees`` (deadline x name, indexed by name).
    Existing rows are filled in once here."""
    for sql in (
        "create index if not exists idx_deadlines_date_document on deadlines(date, document_id)",
        "create index if not exists idx_tasks_deadline_document on tasks(deadline, document_id)",
        "create index if not exists idx_tasks_assignee_document on tasks(assignee, document_id)",
        "create index if not exists idx_unit_mentions_unit_document_count "
        "on unit_mentions(unit_id, document_id, count)",
        "create index if not exists idx_documents_id_area on documents(id, area)",
        "create table if not exists assignee_names (name text primary key) without rowid",
        "create table if not exists deadline_assignees (deadline_id integer not null, "
        "document_id integer not null, name text not null)",
        "create index if not exists idx_deadline_assignees_name on deadline_assignees(name, document_id)",
        "create index if not exists idx_deadline_assignees_deadline on deadline_assignees(deadline_id)",
        "create trigger if not exists tasks_assignee_name after insert on tasks when new.assignee is not null "
        "begin insert or ignore into assignee_names (name) values (new.assignee); end",
        "create trigger if not exists tasks_assignee_name_update after update of assignee on tasks "
        "when new.assignee is not null begin insert or ignore into assignee_names (name) values (new.assignee); end",
        "create trigger if not exists deadlines_assignees_insert after insert on deadlines begin "
        f"insert into deadline_assignees (deadline_id, document_id, name) {_DEADLINE_NAMES}; "
        "insert or ignore into assignee_names (name) select name from deadline_assignees "
        "where deadline_id = new.id; end",
        "create trigger if not exists deadlines_assignees_delete after delete on deadlines begin "
        "delete from deadline_assignees where deadline_id = old.id; end",
        "create trigger if not exists deadlines_assignees_update after update of id, document_id, assignees "
        "on deadlines begin delete from deadline_assignees where deadline_id = old.id; "
        f"insert into deadline_assignees (deadline_id, document_id, name) {_DEADLINE_NAMES}; "
        "insert or ignore into assignee_names (name) select name from deadline_assignees "
        "where deadline_id = new.id; end",
        "delete from deadline_assignees",
        "insert into deadline_assignees (deadline_id, document_id, name) select d.id, d.document_id, j.value "
        "from deadlines d, json_each(case when json_valid(d.assignees) then d.assignees else '[]' end) j "
        "where j.type = 'text'",
        "insert or ignore into assignee_names (name) select assignee from tasks where assignee is not null "
        "union select name from deadline_assignees",
    ):
        db.execute(sql)


@MIGRATIONS()
def m003_unit_summary(db: sqlite_utils.Database) -> None:
    """The ``vbminer units`` overview without grouping every mention of the store: two small tables
    kept by triggers on ``unit_mentions``. ``unit_documents`` holds one row per unit and document
    (the issuing area as it was when the mention was written, its mention rows and mentions);
    ``unit_areas`` one row per unit and area with how many documents and mentions. Deleting a
    document's mentions takes back exactly what inserting them added. Existing rows are counted
    once here."""
    triggers = ("unit_mentions_summary_insert", "unit_mentions_summary_delete", "unit_documents_insert",
                "unit_documents_update", "unit_documents_delete")
    for sql in (
        *(f"drop trigger if exists {name}" for name in triggers),  # counted afresh below
        "create table if not exists unit_documents (unit_id integer not null, document_id integer not null, "
        "area text not null, rows integer not null, mentions integer not null, "
        "primary key (unit_id, document_id)) without rowid",
        "create table if not exists unit_areas (unit_id integer not null, area text not null, "
        "documents integer not null, mentions integer not null, primary key (unit_id, area)) without rowid",
        "delete from unit_documents",
        "delete from unit_areas",
        "insert into unit_documents (unit_id, document_id, area, rows, mentions) "
        "select m.unit_id, m.document_id, coalesce(d.area, ''), count(*), sum(m.count) "
        "from unit_mentions m join documents d on d.id = m.document_id group by m.unit_id, m.document_id",
        "insert into unit_areas (unit_id, area, documents, mentions) "
        "select unit_id, area, count(*), sum(mentions) from unit_documents group by unit_id, area",
        "create trigger if not exists unit_mentions_summary_insert after insert on unit_mentions begin "
        "insert into unit_documents (unit_id, document_id, area, rows, mentions) values (new.unit_id, "
        "new.document_id, coalesce((select area from documents where id = new.document_id), ''), 1, new.count) "
        "on conflict (unit_id, document_id) do update set rows = rows + 1, mentions = mentions + excluded.mentions; "
        "end",
        "create trigger if not exists unit_mentions_summary_delete after delete on unit_mentions begin "
        "update unit_documents set rows = rows - 1, mentions = mentions - old.count "
        "where unit_id = old.unit_id and document_id = old.document_id; "
        "delete from unit_documents where unit_id = old.unit_id and document_id = old.document_id and rows <= 0; "
        "end",
        "create trigger if not exists unit_documents_insert after insert on unit_documents begin "
        "insert into unit_areas (unit_id, area, documents, mentions) values (new.unit_id, new.area, 1, new.mentions) "
        "on conflict (unit_id, area) do update set documents = documents + 1, "
        "mentions = mentions + excluded.mentions; end",
        "create trigger if not exists unit_documents_update after update of mentions on unit_documents begin "
        "update unit_areas set mentions = mentions + new.mentions - old.mentions "
        "where unit_id = new.unit_id and area = new.area; end",
        "create trigger if not exists unit_documents_delete after delete on unit_documents begin "
        "update unit_areas set documents = documents - 1, mentions = mentions - old.mentions "
        "where unit_id = old.unit_id and area = old.area; "
        "delete from unit_areas where unit_id = old.unit_id and area = old.area and documents <= 0; end",
    ):
        db.execute(sql)


#: The target of a citation, as the ``refs`` overview groups them: the stored document it is linked
#: to, else its number, year and ký hiệu (``{r}`` is the reference row: ``new`` or ``old``).
_TARGET = ("case when {r}.cited_document_id is not null then 'd:' || {r}.cited_document_id else 'k:' || "
           "coalesce({r}.number_key, '') || '|' || coalesce({r}.year_key, '') || '|' "
           "|| coalesce({r}.symbol_key, '') end")
#: Whether a reference counts in the overview: it has a number or a ký hiệu and is not the citing
#: document naming itself (NULL, as false, when the citing document is gone).
_COUNTED = ("({r}.number_key <> '' or {r}.symbol_key <> '') and (select not ({r}.number_key = d.number_key "
            "and {r}.symbol_key = d.symbol_key and ({r}.year_key = '' or {r}.year_key = d.year_key)) "
            "from documents d where d.id = {r}.document_id)")


def _citation_add(r: str) -> str:
    return (f"insert into citation_documents (target, document_id, area, refs) select {_TARGET.format(r=r)}, "
            f"{r}.document_id, coalesce((select area from documents where id = {r}.document_id), char(0)), 1 "
            f"where {_COUNTED.format(r=r)} "
            "on conflict (target, document_id) do update set refs = refs + 1;")


def _citation_remove(r: str) -> str:
    target = _TARGET.format(r=r)
    return (f"update citation_documents set refs = refs - 1 where target = {target} "
            f"and document_id = {r}.document_id and {_COUNTED.format(r=r)}; "
            f"delete from citation_documents where target = {target} and document_id = {r}.document_id "
            "and refs <= 0;")


@MIGRATIONS()
def m004_citation_summary(db: sqlite_utils.Database) -> None:
    """The ``vbminer refs`` overview without grouping every citation of the store (940,000 on a
    store of 100,000 documents: 3 s): tables kept by triggers on ``references``, as
    :func:`m003_unit_summary` keeps those of units. ``citation_documents`` holds one row per citation
    target and citing document (the citing document's area as it was when the citation was written,
    and its citation rows); ``citation_areas`` one row per target and area; ``citation_targets`` one
    row per target with how many documents and areas cite it. Linking or unlinking a citation moves
    it between targets. Existing rows are counted once here."""
    triggers = ("references_summary_insert", "references_summary_delete", "references_summary_update",
                "citation_documents_insert", "citation_documents_delete", "citation_areas_insert",
                "citation_areas_delete")
    for sql in (
        *(f"drop trigger if exists {name}" for name in triggers),
        "create table if not exists citation_documents (target text not null, document_id integer not null, "
        "area text not null, refs integer not null, primary key (target, document_id)) without rowid",
        "create table if not exists citation_areas (target text not null, area text not null, "
        "documents integer not null, primary key (target, area)) without rowid",
        "create table if not exists citation_targets (target text primary key, documents integer not null, "
        "areas integer not null) without rowid",
        "create index if not exists idx_citation_targets_rank on citation_targets(documents desc, areas desc)",
        "delete from citation_documents",
        "delete from citation_areas",
        "delete from citation_targets",
        f'insert into citation_documents (target, document_id, area, refs) select {_TARGET.format(r="r")}, '
        f'r.document_id, coalesce(d.area, char(0)), count(*) from "references" r join documents d '
        f'on d.id = r.document_id where {_COUNTED.format(r="r")} group by 1, 2',
        "insert into citation_areas (target, area, documents) select target, area, count(*) "
        "from citation_documents group by target, area",
        "insert into citation_targets (target, documents, areas) select target, sum(documents), count(*) "
        "from citation_areas group by target",
        'create trigger if not exists references_summary_insert after insert on "references" begin '
        f"{_citation_add('new')} end",
        'create trigger if not exists references_summary_delete after delete on "references" begin '
        f"{_citation_remove('old')} end",
        'create trigger if not exists references_summary_update after update of cited_document_id, number_key, '
        f'year_key, symbol_key, document_id on "references" begin {_citation_remove("old")} '
        f"{_citation_add('new')} end",
        "create trigger if not exists citation_documents_insert after insert on citation_documents begin "
        "insert into citation_targets (target, documents, areas) values (new.target, 1, 0) "
        "on conflict (target) do update set documents = documents + 1; "
        "insert into citation_areas (target, area, documents) values (new.target, new.area, 1) "
        "on conflict (target, area) do update set documents = documents + 1; end",
        "create trigger if not exists citation_documents_delete after delete on citation_documents begin "
        "update citation_areas set documents = documents - 1 where target = old.target and area = old.area; "
        "delete from citation_areas where target = old.target and area = old.area and documents <= 0; "
        "update citation_targets set documents = documents - 1 where target = old.target; "
        "delete from citation_targets where target = old.target and documents <= 0; end",
        "create trigger if not exists citation_areas_insert after insert on citation_areas begin "
        "update citation_targets set areas = areas + 1 where target = new.target; end",
        "create trigger if not exists citation_areas_delete after delete on citation_areas begin "
        "update citation_targets set areas = areas - 1 where target = old.target; end",
    ):
        db.execute(sql)


def ensure_query_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the questions of a large store (benchmarks/bench_queries.py, 100,000 documents):
    unit names looked up by any folded form, figures per document and unit, the citation graph,
    deadlines and tasks in the order the tracker reads them. Idempotent (``if not exists``), run
    by :func:`open_db`, so stores made by an earlier vbminer gain them on their next opening."""
    for column in ("name_folded", "full_folded", "canonical_folded", "current_folded", "code", "current_code"):
        db.table("units").create_index([column], if_not_exists=True)
    db.table("unit_mentions").create_index(["full_folded"], if_not_exists=True)
    db.table("unit_mentions").create_index(["unit_id", "document_id"], if_not_exists=True)
    db.table("metrics").create_index(["document_id", "unit_id", "start"], if_not_exists=True)
    db.table("deadlines").create_index(["document_id", "start"], if_not_exists=True)
    db.table("tasks").create_index(["document_id", "start"], if_not_exists=True)
    db.table("references").create_index(["cited_document_id", "document_id"], if_not_exists=True)


TABLES = ("documents", "document_paths", "references", "units", "unit_mentions", "metrics", "deadlines",
          "tasks", "errors")


def open_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """Open (or create) a store and bring its schema up to date; ``None`` opens one in memory."""
    db = sqlite_utils.Database(memory=True) if path is None else sqlite_utils.Database(path)
    if path is not None:
        # one writer, readers alongside it; NORMAL is durable in WAL mode up to the last checkpoint
        # and a crash never corrupts the file or splits a transaction
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(db)
    ensure_query_indexes(db)
    return db


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------
# Ingest: plan -> run_job -> write_result


@dataclass(frozen=True)
class Job:
    """A file whose bytes are not in the store yet and must be extracted."""

    path: str
    sha256: str
    data: bytes


@dataclass(frozen=True)
class Result:
    """What became of one file: a dispatch (or its :class:`Rows`), or a failure with the stage and a
    plain message."""

    path: str
    sha256: str | None
    dispatch: Dispatch | None = None
    stage: str | None = None
    error: str | None = None
    rows: Rows | None = None  # the dispatch as the store's rows, when a worker prepared them


@dataclass(frozen=True)
class Rows:
    """A dispatch as the rows the store writes, JSON already encoded, built where the dispatch was
    extracted: a worker process sends these plain values rather than the dispatch's object tree,
    and the single writer only looks up units and inserts. Children refer to units by their index
    in ``units`` (the writer turns it into the unit's row id)."""

    document: dict[str, Any]
    units: list[dict[str, Any]]  # ``units`` rows, one per unit of the dispatch
    mentions: list[dict[str, Any]]  # ``unit_mentions`` rows of those units, less document_id and unit_id
    metrics: list[dict[str, Any]]  # ``metrics`` rows, less document_id and unit_id
    metric_units: list[int | None]
    deadlines: list[dict[str, Any]]
    tasks: list[dict[str, Any]]
    references: list[dict[str, Any]]

    @property
    def sha256(self) -> str:
        return str(self.document["sha256"])


def _encoded(row: dict[str, Any]) -> dict[str, Any]:
    """Lists and dicts as JSON text, as sqlite-utils stores them."""
    return {k: json.dumps(v, default=repr, ensure_ascii=False) if isinstance(v, (dict, list, tuple)) else v
            for k, v in row.items()}


def dispatch_rows(d: Dispatch) -> Rows:
    """The store's rows of a dispatch (:class:`Rows`)."""
    area = unit_area(d)
    units, mentions = [], []
    by_name: dict[str, int] = {}
    for n, unit in enumerate(d.units):
        units.append(unit_row(unit, unit_key(unit, area)))
        for alias in (unit.name, unit.canonical, f"{unit.kind} {unit.name}" if unit.kind else None):
            if alias:  # a figure names its unit as "Hậu Thành", "xã Hậu Thành" or "Xã Hậu Thành"
                by_name.setdefault(fold_key(alias), n)
        mentions.append(_encoded({
            "name": unit.name, "name_folded": fold_key(unit.name),
            "full_folded": fold_key(f"{unit.kind or ''} {unit.name}"), "kind": unit.kind,
            "count": len(unit.mentions), "mentions": [m.to_json() for m in unit.mentions],
        }))
    metrics = [_encoded({k: (int(v) if isinstance(v, bool) else v) for k, v in m.to_json().items()})
               for m in d.metrics]
    metric_units = [by_name.get(fold_key(m.unit)) if m.unit else None for m in d.metrics]
    references = [_encoded({**ref.to_json(), "number_key": number_key(ref.number), "symbol_key": symbol_key(ref.symbol),
                            "year_key": year_key(ref.year, ref.date), "cited_document_id": None})
                  for ref in d.references]
    return Rows(document=_encoded(document_row(d)), units=units, mentions=mentions,
                metrics=metrics, metric_units=metric_units,
                deadlines=[_encoded(dl.to_json()) for dl in d.deadlines],
                tasks=[_encoded(t.to_json()) for t in d.tasks], references=references)


def pipeline_extract(data: bytes, name: str) -> Dispatch:
    """The default :data:`Extractor`: vbminer's pipeline, imported on the first file that needs it
    (a re-ingest of unchanged files never loads spaCy)."""
    from .pipeline import extract_bytes

    return extract_bytes(data, name)


def run_job(job: Job, extract: Extractor) -> Result:
    """Extract one file; never raises, so one bad file cannot stop the batch."""
    from .read import ReadError

    try:
        dispatch = extract(job.data, job.path)
    except ReadError as exc:
        message = str(exc)
        prefix = f"{job.path}: "
        return Result(job.path, job.sha256, stage="read",
                      error=message[len(prefix):] if message.startswith(prefix) else message)
    except Exception as exc:  # a bug in an extractor must not stop the batch; keep the reason
        return Result(job.path, job.sha256, stage="extract",
                      error=f"the extraction failed on this file ({type(exc).__name__}: {exc})")
    return Result(job.path, job.sha256, dispatch=dispatch)


@dataclass
class IngestReport:
    """Counts of an ingest run, and the failures with their messages."""

    ingested: int = 0
    replaced: int = 0  # of the ingested: a changed file that replaced an older version at its path
    linked: int = 0  # of the ingested: bytes already stored under another path
    unchanged: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "replaced": self.replaced,
            "linked": self.linked,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failures": [{"path": p, "message": m} for p, m in self.failures],
        }

    def summary(self) -> str:
        extra = [f"{n} {what}" for n, what in ((self.replaced, "replaced an older version"),
                                                (self.linked, "already stored under another path")) if n]
        ingested = f"{self.ingested} ingested" + (f" ({', '.join(extra)})" if extra else "")
        return f"{ingested}, {self.unchanged} unchanged, {self.failed} failed"


class Store:
    """Writes documents into an open database; every public write is one transaction."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # -- lookups ------------------------------------------------------------------------------

    def document_id(self, sha: str) -> int | None:
        row = self.db.execute("select id from documents where sha256 = ?", [sha]).fetchone()
        return int(row[0]) if row else None

    def path_document(self, path: str) -> int | None:
        row = self.db.execute("select document_id from document_paths where path = ?", [path]).fetchone()
        return int(row[0]) if row else None

    def is_unchanged(self, path: str, sha: str) -> bool:
        doc = self.path_document(path)
        return doc is not None and doc == self.document_id(sha)

    # -- writes -------------------------------------------------------------------------------

    def record_error(self, path: str, sha: str | None, stage: str, message: str) -> None:
        """Keep the latest failure of a path (an earlier one is replaced)."""
        with self.db.atomic():
            self.db.execute("delete from errors where path = ?", [path])
            self.db.table("errors").insert(
                {"path": path, "sha256": sha, "stage": stage, "message": message, "time": _now()}
            )

    def link_path(self, path: str, sha: str) -> None:
        """Record ``path`` as one more place of the stored document with these bytes."""
        doc_id = self.document_id(sha)
        if doc_id is None:
            raise KeyError(sha)
        with self.db.atomic():
            self._set_path(path, doc_id)

    def write(self, path: str, dispatch: Dispatch | Rows, *, refresh: bool = False) -> str:
        """Store one extracted document found at ``path`` (a dispatch, or its :class:`Rows`), in one
        transaction.

        Returns ``"new"``, ``"replaced"`` (the path held other bytes before), ``"linked"`` (these
        bytes were stored already: only the path is added) or ``"refreshed"`` (``refresh``: the
        stored rows of these bytes were rewritten from ``dispatch``).
        """
        sha = dispatch.sha256 if isinstance(dispatch, Rows) else dispatch.source.sha256
        with self.db.atomic():
            doc_id = self.document_id(sha)
            previous = self.path_document(path)
            if doc_id is not None and not refresh:
                self._set_path(path, doc_id)
                return "linked"
            rows = dispatch if isinstance(dispatch, Rows) else dispatch_rows(dispatch)
            row = rows.document
            cited: set[tuple[str, str, str]] = set()  # documents whose citations may now link elsewhere
            if doc_id is not None:
                cited.add(self._own_key(doc_id))
                self._delete_children(doc_id)
                self.db.table("documents").update(doc_id, row)
                status = "refreshed"
            else:
                doc_id = self._insert_rows("documents", [row])
                status = "replaced" if previous is not None else "new"
            self._insert_children(doc_id, rows)
            cited |= self._set_path(path, doc_id)
            cited.add((row["number_key"], row["symbol_key"], row["year_key"]))
            self._relink_citations_of(cited)
            self._relink_document(doc_id)
            return status

    def write_result(self, result: Result, *, refresh: bool = False) -> str:
        """Store a :class:`Result`: its dispatch, or its failure in ``errors``. Returns the status."""
        written = result.rows or result.dispatch
        if written is None:
            self.record_error(result.path, result.sha256, result.stage or "read", result.error or "unknown error")
            return "failed"
        return self.write(result.path, written, refresh=refresh)

    # -- internals ----------------------------------------------------------------------------

    def _set_path(self, path: str, doc_id: int) -> set[tuple[str, str, str]]:
        """Point ``path`` at ``doc_id``; drop the document it pointed at if no path is left to it."""
        previous = self.path_document(path)
        self.db.execute("delete from errors where path = ?", [path])
        if previous == doc_id:
            return set()
        self.db.table("document_paths").upsert({"path": path, "document_id": doc_id, "ingested_at": _now()}, pk="path")
        if previous is None:
            return set()
        return self._drop_if_orphan(previous)

    def _drop_if_orphan(self, doc_id: int) -> set[tuple[str, str, str]]:
        """Drop a document no path leads to; returns its key (its citations must be linked again)."""
        if self.db.execute("select 1 from document_paths where document_id = ?", [doc_id]).fetchone():
            return set()
        key = self._own_key(doc_id)
        self._delete_children(doc_id)
        self.db.execute('update "references" set cited_document_id = null where cited_document_id = ?', [doc_id])
        self.db.execute("delete from documents where id = ?", [doc_id])
        return {key}

    def _own_key(self, doc_id: int) -> tuple[str, str, str]:
        row = self.db.execute("select number_key, symbol_key, year_key from documents where id = ?",
                              [doc_id]).fetchone()
        return (row[0] or "", row[1] or "", row[2] or "") if row else ("", "", "")

    def _delete_children(self, doc_id: int) -> None:
        """Delete the rows that hang off a document."""
        unit_ids = [r[0] for r in self.db.execute(
            "select distinct unit_id from unit_mentions where document_id = ?", [doc_id])]
        for table in ("references", "unit_mentions", "metrics", "deadlines", "tasks"):
            self.db.execute(f'delete from "{table}" where document_id = ?', [doc_id])
        for unit_id in unit_ids:  # a unit no document names any more goes too
            if not self.db.execute("select 1 from unit_mentions where unit_id = ?", [unit_id]).fetchone():
                self.db.execute("update metrics set unit_id = null where unit_id = ?", [unit_id])
                self.db.execute("delete from units where id = ?", [unit_id])


    def _unit_id(self, row: dict[str, Any]) -> int:
        """The corpus-wide row of a unit (:func:`unit_key`), made or completed."""
        cursor = self.db.execute("select * from units where ukey = ?", [row["ukey"]])
        found = cursor.fetchone()
        if found is None:
            return self._insert_rows("units", [row])
        known = dict(zip((c[0] for c in cursor.description), found, strict=True))
        # fill what an earlier document could not tell; never overwrite what is known
        update = {k: v for k, v in row.items() if v is not None and known.get(k) is None}
        if update:
            self.db.table("units").update(known["id"], update)
        return int(known["id"])

    def _insert_rows(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Insert rows (their values as :func:`_encoded` leaves them) with one prepared statement per
        set of columns; returns the new row's id when there is one row (else 0).

        The write path inserts some thirty small rows per document: sqlite-utils' ``insert_all``
        builds its SQL and checks every value for each call, which cost more than SQLite's own
        work (benchmarks/bench_ingest.py, the store write stage)."""
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(tuple(row.values()))
        for columns, values in groups.items():
            sql = 'insert into "{}" ({}) values ({})'.format(
                table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(columns)))
            if len(groups) == 1 and len(values) == 1:
                return self.db.execute(sql, values[0]).lastrowid or 0
            self.db.conn.executemany(sql, values)
        return 0

    def _insert_children(self, doc_id: int, rows: Rows) -> None:
        unit_ids = [self._unit_id(u) for u in rows.units]
        self._insert_rows("unit_mentions", ({"document_id": doc_id, "unit_id": unit_id, **m}
                                            for unit_id, m in zip(unit_ids, rows.mentions, strict=True)))
        self._insert_rows("metrics", (
            {"document_id": doc_id, "unit_id": None if n is None else unit_ids[n], **m}
            for n, m in zip(rows.metric_units, rows.metrics, strict=True)))
        self._insert_rows("deadlines", ({"document_id": doc_id, **dl} for dl in rows.deadlines))
        self._insert_rows("tasks", ({"document_id": doc_id, **t} for t in rows.tasks))
        self._insert_rows("references", ({"document_id": doc_id, **r} for r in rows.references))

    def relink(self, keys: Iterable[tuple[str, str]] | None = None) -> None:
        """Link citations to the stored documents they name (same number, ký hiệu and year).

        Only the references with the given ``(number_key, symbol_key)`` are looked at; ``None``
        relinks every reference. Where several stored documents fit, the one with the cited date,
        then the one whose locality the citation names, is taken; a tie stays unlinked.
        """
        if keys is None:
            keys = {(r[0] or "", r[1] or "") for r in self.db.execute(
                'select distinct number_key, symbol_key from "references"')}
        for nk, sk in keys:
            if nk and sk:
                self._link(nk, sk, list(self.db.query(_REF_COLUMNS + "where number_key = ? and symbol_key = ?",
                                                      [nk, sk])))

    def _relink_citations_of(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """Link again the citations that may name a document with these keys (number, ký hiệu, year):
        those with the same number and ký hiệu, and the same year or none. A write changes the
        candidates of these citations only; linking every citation of a popular directive again at
        each write would make ingest quadratic."""
        for nk, sk, yk in keys:
            if nk and sk:
                self._link(nk, sk, list(self.db.query(
                    _REF_COLUMNS + "where number_key = ? and symbol_key = ? and coalesce(year_key, '') in ('', ?)",
                    [nk, sk, yk])))

    def _relink_document(self, doc_id: int) -> None:
        """Link the citations a document makes."""
        by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for ref in self.db.query(_REF_COLUMNS + "where document_id = ?", [doc_id]):
            by_key.setdefault((ref.pop("number_key") or "", ref.pop("symbol_key") or ""), []).append(ref)
        for (nk, sk), refs in by_key.items():
            if nk and sk:
                self._link(nk, sk, refs)

    def _link(self, nk: str, sk: str, refs: list[dict[str, Any]]) -> None:
        docs = list(self.db.query(
            "select id, year_key, date, issuer_locality from documents where number_key = ? and symbol_key = ?",
            [nk, sk]))
        for ref in refs:
            target = _choose(ref, docs)
            if target != ref["cited_document_id"]:
                self.db.execute('update "references" set cited_document_id = ? where id = ?', [target, ref["id"]])


def document_row(d: Dispatch) -> dict[str, Any]:
    """The ``documents`` row of a dispatch (the PostgreSQL loader of ``examples/`` writes the same)."""
    h = d.header
    issuer, signer = h.issuer, h.signer
    area = None
    if issuer and issuer.locality:
        area = f"{issuer.level} {issuer.locality}" if issuer.level else issuer.locality
    return {
        "sha256": d.source.sha256,
        "format": d.source.format,
        "pages": d.source.pages,
        "legacy_encoding": d.source.legacy_encoding,
        "ocr": int(d.source.ocr),
        "issuer_name": issuer.name if issuer else None,
        "issuer_parent": issuer.parent if issuer else None,
        "issuer_level": issuer.level if issuer else None,
        "issuer_locality": issuer.locality if issuer else None,
        "area": area,
        "number": h.number,
        "year": h.year,
        "symbol": h.symbol,
        "doc_type": h.doc_type,
        "place": h.place,
        "date": h.date,
        "subject": h.subject,
        "recipients": list(h.recipients),
        "urgency": h.urgency,
        "confidentiality": h.confidentiality,
        "signer_name": signer.name if signer else None,
        "signer_title": signer.title if signer else None,
        "signer_authority": signer.authority if signer else None,
        "signer_on_behalf_of": signer.on_behalf_of if signer else None,
        "cc": list(h.cc),
        "is_draft": int(h.is_draft),
        "number_key": number_key(h.number),
        "symbol_key": symbol_key(h.symbol),
        "year_key": year_key(h.year, h.date),
        "warnings": list(d.warnings),
        "text": d.text,
        "subject_folded": fold(h.subject) if h.subject else None,
        "text_folded": fold(d.text),
        "dispatch": d.to_json(),
        "vbminer_version": __version__,
        "ingested_at": _now(),
    }


def unit_area(d: Dispatch) -> str:
    """Where a document's units lie when they do not say: the issuer's locality, else the place."""
    issuer = d.header.issuer
    return (issuer.locality if issuer else None) or d.header.place or ""


def unit_key(unit: Unit, area: str) -> str:
    """The corpus-wide key of a unit: its official code, else its kind, name and where it lies
    (the issuing ``area`` when it has no parent; units above the commune need no place)."""
    if unit.code:
        return f"code:{unit.code}"
    context = "" if (unit.kind or "").lower() in _WIDE_KINDS else fold_key(unit.parent or area)
    return f"{fold_key(unit.kind)}|{fold_key(unit.canonical or unit.name)}|{context}"


def unit_row(unit: Unit, ukey: str) -> dict[str, Any]:
    """The ``units`` row of a unit under its key."""
    name = unit.canonical or unit.name
    return {
        "ukey": ukey, "name": name, "kind": unit.kind, "canonical": unit.canonical, "code": unit.code,
        "level": unit.level, "parent": unit.parent, "current_name": unit.current_name,
        "current_code": unit.current_code, "name_folded": fold_key(name),
        "full_folded": fold_key(f"{unit.kind or ''} {name}"),
        "canonical_folded": fold_key(unit.canonical) or None, "current_folded": fold_key(unit.current_name) or None,
    }


_REF_COLUMNS = ('select id, document_id, year_key, date, issuer, cited_document_id, number_key, symbol_key '
                'from "references" ')


def _choose(ref: dict[str, Any], docs: list[dict[str, Any]]) -> int | None:
    cands = [d for d in docs if d["id"] != ref["document_id"]]
    if ref["year_key"]:
        cands = [d for d in cands if d["year_key"] == ref["year_key"]]
    if ref["date"] and len(ref["date"]) == 10:  # two full dates that differ: two documents
        cands = [d for d in cands if not (d["date"] and len(d["date"]) == 10 and d["date"] != ref["date"])]
    if len(cands) > 1 and ref["issuer"]:
        issuer = fold_key(ref["issuer"])
        cands = [d for d in cands if d["issuer_locality"] and fold_key(d["issuer_locality"]) in issuer] or cands
    return int(cands[0]["id"]) if len(cands) == 1 else None


def read_file(path: Path) -> tuple[bytes | None, str | None]:
    """The bytes of a file, or a message that says in plain words why it cannot be read.

    The file's type and size are checked first: a FIFO or a device is never opened (it could block
    for ever) and a file over the size limit is refused without being read."""
    from .read import ReadError, check_size, current_limits

    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            return None, "is a directory"
        if not stat.S_ISREG(st.st_mode):
            return None, "not a regular file"
        check_size(st.st_size, str(path), current_limits())
        return path.read_bytes(), None
    except ReadError as exc:
        return None, str(exc).split(": ", 1)[-1]
    except IsADirectoryError:
        return None, "is a directory"
    except FileNotFoundError:
        return None, "no such file"
    except PermissionError:
        return None, "permission denied"
    except OSError as exc:
        return None, f"cannot read the file ({exc.strerror or exc})"


def plan(
    store: Store,
    files: Iterable[tuple[Path, str | None]],
    report: IngestReport,
    *,
    refresh: bool = False,
    on_file: Callable[[str, str], None] | None = None,
) -> Iterator[Job]:
    """Hash each file and settle what needs no extraction (unchanged, known bytes, unreadable);
    yield a :class:`Job` for the rest."""

    def done(path: str, status: str) -> None:
        if on_file:
            on_file(path, status)

    for file, problem in files:
        if problem is not None:  # a loop or a broken link: recorded under the name it was found by
            path = os.path.abspath(file)
        else:
            path = str(file.resolve())
        data = None
        if problem is None:
            data, problem = read_file(file)
        if data is None:
            store.record_error(path, None, "read", problem or "cannot read the file")
            report.failed += 1
            report.failures.append((str(file), problem or "cannot read the file"))
            done(path, "failed")
            continue
        sha = hashlib.sha256(data).hexdigest()  # as read.sha256, without importing the readers
        if not refresh and store.document_id(sha) is not None:
            if store.is_unchanged(path, sha):
                report.unchanged += 1
                done(path, "unchanged")
            else:
                store.link_path(path, sha)
                report.ingested += 1
                report.linked += 1
                done(path, "linked")
            continue
        yield Job(path=path, sha256=sha, data=data)


# ---------------------------------------------------------------------------------------------
# Worker processes

_WORKER_EXTRACT: Extractor | None = None


def _init_worker(extract: Extractor) -> None:
    """Pool initializer: keep the extractor, and build vbminer's pipeline once for this process."""
    global _WORKER_EXTRACT
    _WORKER_EXTRACT = extract
    if extract is pipeline_extract:
        from .pipeline import extract_text

        extract_text("UBND HUYỆN\nCông văn\n")  # spaCy, the rules and the gazetteer, loaded once


def _run_chunk(jobs: list[Job]) -> list[Result]:
    """Extract a chunk of jobs in a worker process."""
    assert _WORKER_EXTRACT is not None, "the pool was not initialised"
    return [_as_rows(run_job(job, _WORKER_EXTRACT)) for job in jobs]


def _as_rows(result: Result) -> Result:
    """A worker's result as it is sent to the writer: the dispatch's rows (:class:`Rows`), built
    here, in place of the dispatch."""
    if result.dispatch is None:
        return result
    try:
        rows = dispatch_rows(result.dispatch)
    except Exception as exc:  # as run_job: one bad document must not stop the batch
        return Result(result.path, result.sha256, stage="extract",
                      error=f"the document's rows could not be made ({type(exc).__name__}: {exc})")
    return Result(result.path, result.sha256, rows=rows)


def _chunks(items: Iterable[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_workers() -> int:
    """The machine's cores (at least one)."""
    return os.cpu_count() or 1


class ParallelRunner:
    """Maps jobs to results in ``workers`` processes, in order, with bounded memory.

    Jobs are sent in chunks of ``chunk`` and at most ``window`` chunks are in flight, so the job
    iterator (which hashes files and reads the store in the calling thread) is consumed only as
    fast as the workers extract. The pool starts on the first job: an ingest with nothing to
    extract never forks nor loads spaCy. A worker that dies (killed, out of memory) fails the files
    of its chunk with a plain message, and a new pool takes the rest.
    """

    def __init__(self, extract: Extractor, workers: int, *, chunk: int = 4, window: int | None = None) -> None:
        self.extract = extract
        self.workers = max(1, workers)
        self.chunk = max(1, chunk)
        self.window = window or 4 * self.workers
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                   initializer=_init_worker, initargs=(self.extract,))

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = self._new_pool(self.workers)
        return self._pool

    def _collect(self, future: Future[list[Result]], chunk: list[Job]) -> list[Result]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            # A worker died and took the whole pool down. Which file killed it is unknown: each file
            # of the chunk is tried again alone, in a process of its own; only one that kills that
            # process too is reported.
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            return [self._alone(job) for job in chunk]

    def _alone(self, job: Job) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        with self._new_pool(1) as pool:
            try:
                return pool.submit(_run_chunk, [job]).result()[0]
            except BrokenProcessPool:
                return Result(job.path, job.sha256, stage="extract",
                              error="the worker process extracting this file died (killed or out of memory)")

    def __call__(self, jobs: Iterable[Job]) -> Iterator[Result]:
        from concurrent.futures.process import BrokenProcessPool

        # the chunks in flight are kept (at most window × chunk files) so that they can be retried
        pending: deque[tuple[Future[list[Result]], list[Job]]] = deque()
        try:
            for chunk in _chunks(jobs, self.chunk):
                try:
                    future = self._start().submit(_run_chunk, chunk)
                except BrokenProcessPool:  # the pool broke since the last result; start a new one
                    self._pool = None
                    future = self._start().submit(_run_chunk, chunk)
                pending.append((future, chunk))
                while len(pending) >= self.window:
                    yield from self._collect(*pending.popleft())
            while pending:
                yield from self._collect(*pending.popleft())
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (pending work is cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


# ---------------------------------------------------------------------------------------------
# The ingest loop


def ingest(
    db: sqlite_utils.Database,
    files: Iterable[tuple[Path, str | None]],
    extract: Extractor,
    *,
    refresh: bool = False,
    on_file: Callable[[str, str], None] | None = None,
    run: Callable[[Iterable[Job]], Iterable[Result]] | None = None,
    workers: int = 1,
    batch: int = 1,
    batch_seconds: float = 1.0,
) -> IngestReport:
    """Ingest files into ``db``: hash, skip what is stored, extract the rest, write each document
    whole. ``files`` are ``(path, problem)`` pairs (``problem`` says why a path cannot be used, as
    ``cli.iter_files`` gives them), consumed lazily.

    ``run`` maps jobs to results; by default one by one in this process, or with ``workers > 1`` a
    :class:`ParallelRunner` (results in file order, so the database is the one a serial run
    writes). ``batch`` documents (or ``batch_seconds``, whichever comes first) share a transaction;
    each document is a savepoint in it, so a killed ingest loses at most the open batch and never
    leaves half a document. ``refresh`` re-extracts stored files too."""
    store = Store(db)
    report = IngestReport()
    jobs = plan(store, files, report, refresh=refresh, on_file=on_file)
    if run is None and workers > 1:
        run = ParallelRunner(extract, workers)
    results = run(jobs) if run is not None else (run_job(job, extract) for job in jobs)
    batch = max(1, batch)
    open_since: float | None = None
    in_batch = 0
    try:
        for result in results:
            if batch > 1 and open_since is None:
                # the write lock from the start: a batch reads (is this file stored?) before it writes, and
                # a read transaction that another ingest wrote past cannot become a write ("database is
                # locked" at once); taken first, the lock waits for the other writer's batch instead
                db.execute("BEGIN IMMEDIATE")
                open_since, in_batch = time.monotonic(), 0
            status = store.write_result(result, refresh=refresh)
            if status == "failed":
                report.failed += 1
                report.failures.append((result.path, f"{result.stage}: {result.error}"))
            else:
                report.ingested += 1
                report.replaced += status == "replaced"
                report.linked += status == "linked"
            if on_file:
                on_file(result.path, status)
            if open_since is not None:
                in_batch += 1
                if in_batch >= batch or time.monotonic() - open_since >= batch_seconds:
                    db.conn.commit()
                    open_since = None
        if open_since is not None:
            db.conn.commit()
            open_since = None
    finally:
        if open_since is not None and db.conn.in_transaction:
            db.conn.rollback()  # interrupted inside a batch: its documents are written on the next run
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stop the worker processes now, not when the generator is collected
    return report


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table, for summaries and tests."""
    return {t: db[t].count for t in TABLES}
