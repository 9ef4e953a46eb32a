"""Bulk-load JSON-lines partitions of dispatches (examples/dask_extract.py's output, or
``vbminer extract --json``) into PostgreSQL, in tables that mirror vbminer's SQLite store.

    pip install "psycopg[binary]"
    python examples/pg_load.py postgresql:///vbminer OUT/part-*.jsonl

Each partition file is loaded in one transaction with ``COPY``: the document rows go to a
temporary staging table, then ``INSERT ... ON CONFLICT (sha256) DO NOTHING RETURNING`` keeps the
new ones (bytes already loaded are skipped: idempotent, and several loaders may run at once); the
child rows (units, figures, deadlines, tasks, citations) are copied for the new documents only;
paths are upserted. Afterwards the citations are linked to the documents they name in one
``UPDATE``. The rows are made by the same code as the SQLite store's (``vbminer.store.document_row``, the
same fold keys), so a query written for the store reads the same columns here. See docs/scaling.md.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from vbminer.store import document_row, fold_key, number_key, symbol_key, unit_area, unit_key, unit_row, year_key
from vbminer.types import Dispatch

SCHEMA = """
create extension if not exists unaccent;
-- unaccent() is only STABLE (its dictionary could change); an immutable wrapper can be indexed
create or replace function vbminer_fold(text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

create table if not exists documents (
  id bigint generated always as identity primary key,
  sha256 text not null unique,
  format text, pages int, legacy_encoding text, ocr boolean,
  issuer_name text, issuer_parent text, issuer_level text, issuer_locality text, area text,
  number text, year text, symbol text, doc_type text, place text, date text,
  subject text, recipients jsonb, urgency text, confidentiality text,
  signer_name text, signer_title text, signer_authority text, signer_on_behalf_of text,
  cc jsonb, is_draft boolean,
  number_key text, symbol_key text, year_key text,
  warnings jsonb, text text not null, subject_folded text, text_folded text,
  dispatch jsonb not null, vbminer_version text, ingested_at timestamptz,
  -- the FTS5 index of the SQLite store: words of the folded subject (weight A) and text
  search tsvector generated always as (
    setweight(to_tsvector('simple', coalesce(subject_folded, '')), 'A') ||
    to_tsvector('simple', coalesce(text_folded, ''))) stored
);
create index if not exists documents_keys on documents (symbol_key, number_key);
create index if not exists documents_date on documents (date);
create index if not exists documents_search on documents using gin (search);
create index if not exists documents_dispatch on documents using gin (dispatch jsonb_path_ops);

create table if not exists document_paths (
  path text primary key,
  document_id bigint not null references documents (id) on delete cascade,
  ingested_at timestamptz
);
create index if not exists document_paths_document on document_paths (document_id);

create table if not exists "references" (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  doc_type text, number text, year text, symbol text, date text, issuer text, subject text, key text,
  number_key text, symbol_key text, year_key text, mentions jsonb,
  cited_document_id bigint references documents (id) on delete set null
);
create index if not exists references_document on "references" (document_id);
create index if not exists references_cited on "references" (cited_document_id, document_id);
create index if not exists references_keys on "references" (symbol_key, number_key);

create table if not exists units (
  id bigint generated always as identity primary key,
  ukey text not null unique, name text not null, kind text, canonical text, code text, level text,
  parent text, current_name text, current_code text,
  name_folded text, full_folded text, canonical_folded text, current_folded text
);
create index if not exists units_name_folded on units (name_folded);
create index if not exists units_full_folded on units (full_folded);
create index if not exists units_code on units (code);

create table if not exists unit_mentions (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  unit_id bigint references units (id),
  name text, name_folded text, full_folded text, kind text, count int, mentions jsonb
);
create index if not exists unit_mentions_document on unit_mentions (document_id);
create index if not exists unit_mentions_unit on unit_mentions (unit_id, document_id);
create index if not exists unit_mentions_name on unit_mentions (name_folded);
create index if not exists unit_mentions_full on unit_mentions (full_folded);

create table if not exists metrics (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  unit_id bigint references units (id),
  unit text, label text, value double precision, kind text, numerator double precision,
  denominator double precision, comparator text, period text, is_target boolean, start int, "end" int
);
create index if not exists metrics_document on metrics (document_id, unit_id, start);
create index if not exists metrics_unit on metrics (unit_id);

create table if not exists deadlines (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  date text, text text, task text, assignees jsonb, start int, "end" int
);
create index if not exists deadlines_document on deadlines (document_id, start);
create index if not exists deadlines_date on deadlines (date);

create table if not exists tasks (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  assignee text, role text, action text, deadline text, report_to text, start int, "end" int
);
create index if not exists tasks_document on tasks (document_id, start);
create index if not exists tasks_deadline on tasks (deadline);

create table if not exists errors (
  id bigint generated always as identity primary key,
  path text, sha256 text, stage text, message text, time timestamptz default now()
);
create index if not exists errors_path on errors (path);
"""

DOCUMENT_COLUMNS = (
    "sha256", "format", "pages", "legacy_encoding", "ocr", "issuer_name", "issuer_parent", "issuer_level",
    "issuer_locality", "area", "number", "year", "symbol", "doc_type", "place", "date", "subject", "recipients",
    "urgency", "confidentiality", "signer_name", "signer_title", "signer_authority", "signer_on_behalf_of", "cc",
    "is_draft", "number_key", "symbol_key", "year_key", "warnings", "text", "subject_folded", "text_folded",
    "dispatch", "vbminer_version", "ingested_at",
)
UNIT_COLUMNS = ("ukey", "name", "kind", "canonical", "code", "level", "parent", "current_name", "current_code",
                "name_folded", "full_folded", "canonical_folded", "current_folded")
CHILD_COLUMNS = {
    "unit_mentions": ("document_id", "unit_id", "name", "name_folded", "full_folded", "kind", "count", "mentions"),
    "metrics": ("document_id", "unit_id", "unit", "label", "value", "kind", "numerator", "denominator",
                "comparator", "period", "is_target", "start", "end"),
    "deadlines": ("document_id", "date", "text", "task", "assignees", "start", "end"),
    "tasks": ("document_id", "assignee", "role", "action", "deadline", "report_to", "start", "end"),
    "references": ("document_id", "doc_type", "number", "year", "symbol", "date", "issuer", "subject", "key",
                   "number_key", "symbol_key", "year_key", "mentions"),
}
_JSON = {"recipients", "cc", "warnings", "dispatch", "mentions", "assignees"}
_BOOL = {"ocr", "is_draft", "is_target"}

#: Link each citation to the one stored document with its number, ký hiệu and year (and not another
#: full date), as the SQLite store does; the store's last tie-break (the issuer's locality) is left out.
RELINK = """
update "references" r set cited_document_id = m.target
from (
  select r.id, min(d.id) as target, count(*) as n
  from "references" r
  join documents d on d.number_key = r.number_key and d.symbol_key = r.symbol_key and d.id <> r.document_id
   and (r.year_key = '' or d.year_key = r.year_key)
   and not (length(r.date) = 10 and length(d.date) = 10 and d.date <> r.date)
  where r.number_key <> '' and r.symbol_key <> ''
  group by r.id
) m
where r.id = m.id and m.n = 1 and r.cited_document_id is distinct from m.target
"""


def _value(column: str, value: Any) -> Any:
    """A Python value as COPY takes it (psycopg adapts the rest)."""
    from psycopg.types.json import Jsonb

    if value is None:
        return None
    if column in _JSON:
        return Jsonb(value)
    if column in _BOOL:
        return bool(value)
    return value


def _copy(cur: Any, table: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    cols = ", ".join(f'"{c}"' for c in columns)
    n = 0
    with cur.copy(f'copy "{table}" ({cols}) from stdin') as copy:
        for row in rows:
            copy.write_row([_value(c, row.get(c)) for c in columns])
            n += 1
    return n


def load_partition(conn: Any, lines: list[str], errors: list[dict[str, Any]]) -> dict[str, int]:
    """One partition, one transaction: documents (new bytes only), their rows, paths and errors."""
    dispatches = [Dispatch.from_json(json.loads(line)) for line in lines if line.strip()]
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("create temp table stage_documents on commit drop as "
                    f"select {', '.join(DOCUMENT_COLUMNS)} from documents with no data")
        _copy(cur, "stage_documents", DOCUMENT_COLUMNS, (document_row(d) for d in dispatches))
        cols = ", ".join(DOCUMENT_COLUMNS)
        cur.execute(f"insert into documents ({cols}) select distinct on (sha256) {cols} from stage_documents "
                    "order by sha256 on conflict (sha256) do nothing returning sha256, id")
        new = dict(cur.fetchall())
        fresh = [d for d in dispatches if d.source.sha256 in new]
        fresh = list({d.source.sha256: d for d in fresh}.values())  # the same bytes twice in a partition

        # units: one row per key across the corpus; a later document fills what an earlier one left empty
        keyed = []
        for d in fresh:
            area = unit_area(d)
            keyed.append([(u, unit_key(u, area)) for u in d.units])
        cur.execute("create temp table stage_units on commit drop as "
                    f"select {', '.join(UNIT_COLUMNS)} from units with no data")
        _copy(cur, "stage_units", UNIT_COLUMNS, (unit_row(u, k) for units in keyed for u, k in units))
        ucols = ", ".join(UNIT_COLUMNS)
        fill = ", ".join(f"{c} = coalesce(units.{c}, excluded.{c})" for c in UNIT_COLUMNS if c not in ("ukey", "name"))
        cur.execute(f"insert into units ({ucols}) select distinct on (ukey) {ucols} from stage_units "
                    f"order by ukey on conflict (ukey) do update set {fill}")
        cur.execute("select ukey, id from units where ukey = any(%s)", [list({k for us in keyed for _, k in us})])
        unit_ids = dict(cur.fetchall())

        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in CHILD_COLUMNS}
        for d, units in zip(fresh, keyed, strict=True):
            doc_id = new[d.source.sha256]
            by_name: dict[str, int] = {}
            for u, k in units:
                for alias in (u.name, u.canonical, f"{u.kind} {u.name}" if u.kind else None):
                    if alias:
                        by_name.setdefault(fold_key(alias), unit_ids[k])
                rows["unit_mentions"].append({
                    "document_id": doc_id, "unit_id": unit_ids[k], "name": u.name, "name_folded": fold_key(u.name),
                    "full_folded": fold_key(f"{u.kind or ''} {u.name}"), "kind": u.kind, "count": len(u.mentions),
                    "mentions": [m.to_json() for m in u.mentions]})
            rows["metrics"] += [{"document_id": doc_id, "unit_id": by_name.get(fold_key(m.unit)) if m.unit else None,
                                 **m.to_json()} for m in d.metrics]
            rows["deadlines"] += [{"document_id": doc_id, **x.to_json()} for x in d.deadlines]
            rows["tasks"] += [{"document_id": doc_id, **t.to_json()} for t in d.tasks]
            rows["references"] += [{"document_id": doc_id, **r.to_json(), "number_key": number_key(r.number),
                                    "symbol_key": symbol_key(r.symbol), "year_key": year_key(r.year, r.date)}
                                   for r in d.references]
        counts = {"documents": len(dispatches), "new": len(new)}
        for table, columns in CHILD_COLUMNS.items():
            counts[table] = _copy(cur, table, columns, rows[table])

        # every path points at its bytes' document (a path whose file changed moves to the new one)
        paths = sorted({d.source.path: d.source.sha256 for d in dispatches}.items())
        cur.execute("create temp table stage_paths (path text, sha256 text) on commit drop")
        _copy(cur, "stage_paths", ("path", "sha256"), ({"path": p, "sha256": s} for p, s in paths))
        cur.execute("insert into document_paths (path, document_id, ingested_at) "
                    "select p.path, d.id, now() from stage_paths p join documents d using (sha256) "
                    "on conflict (path) do update set document_id = excluded.document_id, "
                    "ingested_at = excluded.ingested_at where document_paths.document_id <> excluded.document_id")
        done = [p for p, _ in paths] + [e["path"] for e in errors]
        cur.execute("delete from errors where path = any(%s)", [done])  # the latest failure of a path only
        _copy(cur, "errors", ("path", "sha256", "stage", "message"), errors)
        counts["errors"] = len(errors)
    return counts


def load(dsn: str, files: Iterable[Path]) -> dict[str, int]:
    """Create the tables if needed, load every ``*.jsonl`` (with its ``*.errors.jsonl``), link citations."""
    import psycopg

    totals: dict[str, int] = {}
    with psycopg.connect(dsn) as conn:
        conn.execute(SCHEMA)
        conn.commit()
        for path in sorted(files):
            if path.name.endswith(".errors.jsonl"):
                if path.with_name(path.name[: -len(".errors.jsonl")] + ".jsonl").exists():
                    continue  # loaded with its partition
                lines, err_file = [], path  # failures alone (files that could not be listed)
            elif path.name.endswith(".jsonl"):
                lines = path.read_text(encoding="utf-8").splitlines()
                err_file = path.with_name(path.name[: -len(".jsonl")] + ".errors.jsonl")
            else:
                continue
            errors = [json.loads(x) for x in err_file.read_text(encoding="utf-8").splitlines()] \
                if err_file.exists() else []
            for key, n in load_partition(conn, lines, errors).items():
                totals[key] = totals.get(key, 0) + n
        with conn.transaction():
            totals["linked"] = conn.execute(RELINK).rowcount
    return totals


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(load(args[0], [Path(a) for a in args[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
