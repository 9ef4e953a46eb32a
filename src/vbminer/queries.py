"""Questions asked of the store: units and their history, citation chains, deadlines, search, one document.

Every function takes an open store, a :class:`sqlite3.Connection` from :func:`connect` (what the
commands use) or a :class:`sqlite_utils.Database` from :func:`vbminer.store.open_db`, and returns
plain dicts and lists, ready for ``json.dumps`` (the ``--json`` output) or for the text the CLI
prints. User text only ever reaches SQL as a parameter.

The commands must start fast on a large store, so this module imports neither spaCy, the
pipeline, nor :mod:`vbminer.store` (which loads sqlite-utils and, through it, numpy: 0.2 s): it
opens stores with the standard :mod:`sqlite3` module and shares the store's matching keys through
the light :mod:`vbminer.keys`. Aggregations (the overviews, the deadline tracker's filters) run in
SQL over the indexes and summary tables of migrations ``m002_query_lookups`` and
``m003_unit_summary``; the deadline tracker computes its rows month by month, so a ``--limit``
answers from the first months and an export streams.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from .keys import display_number, fold, fold_key, number_key, symbol_key


class Store(Protocol):
    """An open store: :class:`sqlite3.Connection` or :class:`sqlite_utils.Database` (both ``execute``)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> sqlite3.Cursor: ...


#: The last migration of :mod:`vbminer.store` the queries rely on; an older store is brought up to
#: date through :func:`vbminer.store.open_db` once, on its first query.
REQUIRED_MIGRATION = "m004_citation_summary"


def connect(path: str | Path) -> sqlite3.Connection:
    """Open an existing store for queries with the standard :mod:`sqlite3` module (no sqlite-utils:
    the commands start fast), read-only (``query_only``). A store whose schema lacks migration
    :data:`REQUIRED_MIGRATION` is first upgraded through :func:`vbminer.store.open_db`."""
    con = sqlite3.connect(path)
    try:
        current = con.execute("select 1 from _sqlite_migrations where migration_set = 'vbminer' and name = ?",
                              [REQUIRED_MIGRATION]).fetchone()
    except sqlite3.OperationalError:  # no migrations table: not made by this vbminer
        current = None
    if not current:
        con.close()
        from .store import open_db  # the slow path: sqlite-utils, once per store

        open_db(path).conn.close()
        con = sqlite3.connect(path)
    con.execute("pragma query_only = on")
    return con


def _rows(db: Store, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
    """The rows of a query as dicts of column -> value."""
    cur = db.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur]


def _row(db: Store, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
    cur = db.execute(sql, params)
    r = cur.fetchone()
    return None if r is None else dict(zip([d[0] for d in cur.description], r, strict=True))


_name_key = lru_cache(maxsize=65536)(fold_key)  # assignee names repeat across a store
#: Up to this many documents naming an assignee, the deadline tracker reads them all at once;
#: beyond, it goes window by window of due dates and keeps those of each window that name it.
FEW_DOCUMENTS = 2000
#: A window of due dates whose deadlines lie in more documents than this is halved before its rows
#: are read (the year's last day holds the deadlines of every "đến hết năm" of the year).
DENSE_WINDOW = 400


class QueryError(Exception):
    """A question the store cannot answer as asked; the message says why in plain words."""


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else []


def doc_brief(row: dict[str, Any]) -> dict[str, Any]:
    """The few fields that identify a document in a listing."""
    return {
        "id": row["id"],
        "number": display_number(row["number"], row["year"], row["symbol"]) or None,
        "doc_type": row["doc_type"],
        "date": row["date"],
        "issuer": row["issuer_name"] or row["area"],
        "area": row["area"],
        "subject": row["subject"],
    }


_BRIEF_COLUMNS = "d.id, d.number, d.year, d.symbol, d.doc_type, d.date, d.issuer_name, d.area, d.subject"


def _paths(db: Store, doc_id: int) -> list[str]:
    return [r[0] for r in db.execute("select path from document_paths where document_id = ? order by path", [doc_id])]


# ---------------------------------------------------------------------------------------------
# units


def units_overview(db: Store) -> list[dict[str, Any]]:
    """Every unit with how many documents name it and in how many issuing areas (districts).

    Read from ``unit_areas`` (migration ``m003_unit_summary``, kept by triggers): a few rows per
    unit, not every mention of the store."""
    return _rows(db, """
        select u.id, u.name, u.kind, u.canonical, u.code, u.level, u.parent, u.current_name, u.current_code,
               s.documents, s.districts, s.mentions
        from units u join (
            select unit_id, sum(documents) as documents, sum(area != '') as districts, sum(mentions) as mentions
            from unit_areas group by unit_id
        ) s on s.unit_id = u.id
        order by s.documents desc, s.districts desc, u.name
    """)


def _matching_units(db: Store, name: str) -> list[int]:
    key = fold_key(name)
    if not key:
        raise QueryError("give the name of a unit")
    if key.isdigit():  # an official code, old or current
        return [r[0] for r in db.execute("select id from units where :k in (code, current_code) order by id",
                                         {"k": key})]
    exact = """
        select id from units where :k in (name_folded, full_folded, canonical_folded, current_folded)
        union select unit_id from unit_mentions where name_folded = :k
        union select unit_id from unit_mentions where full_folded = :k
        order by 1
    """
    ids = [r[0] for r in db.execute(exact, {"k": key})]
    if ids:
        return ids
    like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    loose = """
        select distinct u.id from units u left join unit_mentions m on m.unit_id = u.id
        where u.full_folded like :p escape '\\' or u.canonical_folded like :p escape '\\'
           or u.current_folded like :p escape '\\' or m.full_folded like :p escape '\\'
        order by u.id
    """
    ids = [r[0] for r in db.execute(loose, {"p": like})]
    return ids


def unit_history(db: Store, name: str) -> list[dict[str, Any]]:
    """The units called ``name`` (with or without diacritics, by any alias) and, for each, the
    documents that name it, newest first, with the figures given for it in each."""
    out = []
    for unit_id in _matching_units(db, name):
        unit = _row(db, "select * from units where id = ?", [unit_id])
        assert unit is not None
        aliases = sorted({r[0] for r in db.execute("select name from unit_mentions where unit_id = ?", [unit_id])}
                         | {x for x in (unit["canonical"], unit["current_name"]) if x})
        docs = []
        for row in _rows(
            db,
            f"""
            select {_BRIEF_COLUMNS}, sum(m.count) as mentions
            from unit_mentions m join documents d on d.id = m.document_id
            where m.unit_id = ? group by d.id
            order by d.date is null, d.date desc, d.id desc
            """,
            [unit_id],
        ):
            figures = [
                {k: f[k] for k in ("label", "value", "kind", "numerator", "denominator", "comparator", "period")}
                | {"is_target": bool(f["is_target"]), "start": f["start"], "end": f["end"]}
                for f in _rows(
                    db, "select * from metrics where document_id = ? and unit_id = ? order by start",
                    [row["id"], unit_id],
                )
            ]
            docs.append(doc_brief(row) | {"mentions": row["mentions"], "figures": figures})
        out.append({
            "id": unit["id"], "name": unit["name"], "kind": unit["kind"], "canonical": unit["canonical"],
            "code": unit["code"], "level": unit["level"], "parent": unit["parent"],
            "current_name": unit["current_name"], "current_code": unit["current_code"],
            "aliases": aliases, "documents": docs,
        })
    return out


# ---------------------------------------------------------------------------------------------
# refs


_KEY = re.compile(
    r"(?P<number>\d+[A-Za-z]?)\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<symbol>[^\s/,;]+(?:/[^\s/,;]+)?)"
)
_TYPE_NUMBER = re.compile(r"^(?P<type>[^\d]+?)\s+(?:s[ốo]\s+)?(?P<number>\d+[A-Za-z]?)\b(?P<rest>.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class CiteQuery:
    """A cited document as the user names it: ``08/CT-UBND``, ``12/2021/QĐ-UBND``, ``Chỉ thị 08``,
    each optionally followed by words of the issuer (``08/CT-UBND tỉnh Nghệ An``)."""

    number: str
    symbol: str | None = None
    year: str | None = None
    doc_type: str | None = None
    issuer: str | None = None

    @classmethod
    def parse(cls, text: str) -> CiteQuery:
        text = unicodedata.normalize("NFC", text).strip()
        m = _KEY.search(text)
        if m:
            rest = text[m.end():].strip(" ,;-")
            rest = re.sub(r"^(?:của|cua)\s+", "", rest, flags=re.IGNORECASE)
            return cls(number=number_key(m["number"]), symbol=symbol_key(m["symbol"]), year=m["year"],
                       issuer=rest or None)
        m = _TYPE_NUMBER.match(text)
        if m:
            rest = re.sub(r"^(?:của|cua)\s+", "", m["rest"].strip(" ,;-"), flags=re.IGNORECASE)
            return cls(number=number_key(m["number"]), doc_type=fold_key(m["type"]), issuer=rest or None)
        raise QueryError(
            f"cannot read {text!r} as a document number: write it as số/ký hiệu (08/CT-UBND, "
            "12/2021/QĐ-UBND) or as type and number (Chỉ thị 08)"
        )


def _target_key(ref: dict[str, Any]) -> tuple[Any, ...]:
    if ref["cited_document_id"] is not None:
        return ("doc", ref["cited_document_id"])
    return ("key", ref["number_key"], ref["year_key"] or "", ref["symbol_key"])


def _describe_target(db: Store, refs: list[dict[str, Any]]) -> dict[str, Any]:
    first = max(refs, key=lambda r: sum(1 for k in ("date", "issuer", "subject", "year") if r[k]))
    target: dict[str, Any] = {
        "key": first["key"], "doc_type": first["doc_type"], "date": first["date"], "issuer": first["issuer"],
        "subject": first["subject"], "document": None,
    }
    if first["cited_document_id"] is not None:
        row = db.execute(f"select {_BRIEF_COLUMNS} from documents d where d.id = ?",
                         [first["cited_document_id"]]).fetchone()
        if row:
            cols = ["id", "number", "year", "symbol", "doc_type", "date", "issuer_name", "area", "subject"]
            target["document"] = doc_brief(dict(zip(cols, row, strict=True)))
    return target


def _citations(db: Store, where: str = "1", params: list[Any] | None = None, order: str = "") -> list[dict[str, Any]]:
    return _rows(
        db,
        f"""
        select r.*, d.id as citing_id, d.number as citing_number, d.year as citing_year, d.symbol as citing_symbol,
               d.doc_type as citing_doc_type, d.date as citing_date, d.issuer_name as citing_issuer,
               d.area as citing_area, d.subject as citing_subject,
               c.issuer_name as cited_issuer_name, c.issuer_locality as cited_locality
        from "references" r join documents d on d.id = r.document_id
        left join documents c on c.id = r.cited_document_id
        where ({where})
          and not (r.number_key = d.number_key and r.symbol_key = d.symbol_key
                   and (r.year_key = '' or r.year_key = d.year_key))  -- a document naming itself
        {order}""",
        params or [],
    )


_FILLED = ("(r.date is not null and r.date <> '')", "(r.issuer is not null and r.issuer <> '')",
           "(r.subject is not null and r.subject <> '')", "(r.year is not null and r.year <> '')")


def _best_citation(db: Store, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """The one citation that describes its target best, as :func:`_describe_target` would choose it
    among all (most of date, issuer, subject and year; the first written on a tie). A popular target
    is cited some ten thousand times: a citation with all four is looked for first."""
    full = _citations(db, f"({where}) and {' and '.join(_FILLED)}", params, "order by r.id limit 1")
    return full or _citations(db, where, params, f"order by {' + '.join(_FILLED)} desc, r.id limit 1")


def most_cited(db: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The documents cited by the most stored documents (linked or not), with in how many areas."""
    # counted by triggers (``citation_targets``, migration m004), target by target (a linked
    # document, else number, year and ký hiệu); only the first ``limit`` targets (and those tied
    # with the last) are described
    cur = db.execute("select target, documents, areas from citation_targets order by documents desc, areas desc")
    out: list[dict[str, Any]] = []
    for target, count, districts in cur:
        if len(out) >= limit and (count, districts) != (out[-1]["cited_by"], out[-1]["districts"]):
            break
        # one citation describes the target: a popular one is cited some ten thousand times
        if target.startswith("d:"):
            refs = _best_citation(db, "r.cited_document_id = ?", [int(target[2:])])
        else:
            nk, yk, sk = target[2:].split("|", 2)
            refs = _best_citation(db, "r.cited_document_id is null and r.number_key = ? and r.symbol_key = ? "
                                      "and coalesce(r.year_key, '') = ?", [nk, sk, yk])
        described = _describe_target(db, refs)
        described["cited_by"], described["districts"] = count, districts
        out.append(described)
    out.sort(key=lambda t: (-t["cited_by"], -t["districts"], t["key"] or ""))
    return out[:limit]


def cited_by(db: Store, text: str) -> list[dict[str, Any]]:
    """Which stored documents cite the document named by ``text``: one entry per cited document that
    fits, with its followers grouped by issuing area (first follow-up first) and ordered by date."""
    q = CiteQuery.parse(text)
    if q.symbol:
        refs = _citations(db, "r.number_key = ? and r.symbol_key = ?", [q.number, q.symbol])
        if q.year:
            refs = [r for r in refs if r["year_key"] in (q.year, "")]
    else:
        refs = [r for r in _citations(db, "r.number_key = ?", [q.number]) if fold_key(r["doc_type"]) == q.doc_type]
    if q.issuer:
        want = fold_key(q.issuer)
        refs = [r for r in refs if any(want in fold_key(x) for x in
                                       (r["issuer"], r["cited_issuer_name"], r["cited_locality"]) if x)]
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for ref in refs:
        groups[_target_key(ref)].append(ref)
    out = []
    for group in groups.values():
        target = _describe_target(db, group)
        by_area: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
        for r in group:
            by_area[r["citing_area"] or "(unknown)"][r["citing_id"]] = {
                "id": r["citing_id"],
                "number": display_number(r["citing_number"], r["citing_year"], r["citing_symbol"]) or None,
                "doc_type": r["citing_doc_type"], "date": r["citing_date"], "issuer": r["citing_issuer"],
                "subject": r["citing_subject"],
            }
        districts: list[dict[str, Any]] = []
        for area, docs in by_area.items():
            ordered = sorted(docs.values(), key=lambda d: (d["date"] is None, d["date"] or "", d["id"]))
            districts.append({"area": area, "documents": ordered})
        districts.sort(key=lambda g: (g["documents"][0]["date"] is None, g["documents"][0]["date"] or "", g["area"]))
        target["cited_by"] = sum(len(g["documents"]) for g in districts)
        target["districts"] = districts
        out.append(target)
    out.sort(key=lambda t: -t["cited_by"])
    return out


# ---------------------------------------------------------------------------------------------
# deadlines


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def last_day(value: str | None) -> _dt.date | None:
    """The last day an ISO date allows: ``2021-08-15``; ``2022-11`` -> 2022-11-30; ``2021`` -> 2021-12-31."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year = int(m[1])
    try:
        if m[3]:
            return _dt.date(year, int(m[2]), int(m[3]))
        if m[2]:
            month = int(m[2])
            return _dt.date(year, month, calendar.monthrange(year, month)[1])
        return _dt.date(year, 12, 31)
    except ValueError:
        return None


def parse_date(value: str, what: str) -> _dt.date:
    """A date the user typed: ISO (2021-08-15) or Vietnamese order (15/8/2021)."""
    value = value.strip()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if m:
        try:
            return _dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            pass
    raise QueryError(f"{what}: {value!r} is not a date; write it as 2021-08-15 or 15/8/2021")


def _status(days: int | None) -> str:
    if days is None:
        return "no date"
    if days < 0:
        return f"overdue {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"{days} day{'s' if days != 1 else ''} left"


def _deadline_docs(db: Store, where_dl: str, where_task: str, params: Sequence[Any]) -> list[int]:
    """Documents with a deadline (``where_dl`` on ``date``) or a dated task (``where_task`` on ``deadline``)."""
    sql = (f"select document_id from deadlines where {where_dl} "
           f"union select document_id from tasks where {where_task}")
    return [r[0] for r in db.execute(sql, [*params, *params])]


def _document_rows(db: Store, doc_ids: Sequence[int], as_of: _dt.date, want: str = "",
                   window: tuple[_dt.date, _dt.date] | None = None,
                   named: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Every tracker row of these documents, unsorted (the semantics of :func:`deadline_rows`); with
    ``want``, only those whose assignee contains it (folded); with ``window``, at least those due in
    it (only the deadlines and dated tasks due in it are read, and the tasks around a deadline in it
    that names nobody, since such a deadline takes the assignees of the task it lies in); with
    ``named`` (every stored name that ``want`` matches), only the deadlines that give one of them or
    nobody are read, and the tasks of one of them or on the date of a deadline that names nobody."""
    out: list[dict[str, Any]] = []
    due_sql, due_params = _window_where(*window) if window else ("1", [])
    nameless = "coalesce({0}assignees, '[]') in ('[]', '')"
    dl_sql, task_sql, name_params = "", "", list(named)
    if named:
        marks_n = ",".join("?" * len(named))
        dl_sql = (f" and ({nameless.format('')} or exists (select 1 from deadline_assignees a "
                  f"where a.deadline_id = deadlines.id and a.name in ({marks_n})))")
        task_sql = (f" and (assignee in ({marks_n}) or exists (select 1 from deadlines d where d.document_id = "
                    f"tasks.document_id and d.date = tasks.deadline and {nameless.format('d.')}))")
    for lo in range(0, len(doc_ids), 500):
        ids = list(doc_ids[lo:lo + 500])
        marks = ",".join("?" * len(ids))
        docs = {r["id"]: r for r in _rows(
            db, "select id, sha256, number, year, symbol, doc_type, date, issuer_name, area, subject from documents "
                f"where id in ({marks})", ids)}
        deadlines = _rows(db, "select id, document_id, date, text, task, assignees, start from deadlines "
                              f"where document_id in ({marks}) and ({due_sql.replace('x', 'date')}){dl_sql} "
                              "order by document_id, start", [*ids, *due_params, *name_params])
        tasks = _rows(db, "select id, document_id, assignee, action, deadline, start, end from tasks "
                          f"where document_id in ({marks}) and ({due_sql.replace('x', 'deadline')}){task_sql} "
                          "order by document_id, start", [*ids, *due_params, *name_params])
        if window or named:  # and the tasks around a deadline (of the window) that names nobody
            known = {t["id"] for t in tasks}
            around = _rows(
                db, "select distinct t.id, t.document_id, t.assignee, t.action, t.deadline, t.start, t.end "
                    "from deadlines d join tasks t on t.document_id = d.document_id "
                    "and t.start <= d.start and d.start < t.end "
                    f"where d.document_id in ({marks}) and ({due_sql.replace('x', 'd.date')}) "
                    f"and {nameless.format('d.')}", [*ids, *due_params])
            tasks = sorted([*tasks, *(t for t in around if t["id"] not in known)],
                           key=lambda t: (t["document_id"], t["start"]))
        tasks_by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for t in tasks:
            tasks_by_doc[t["document_id"]].append(t)
        raw: list[dict[str, Any]] = []
        seen: set[tuple[int, str | None, str]] = set()
        for dl in deadlines:
            doc_tasks = tasks_by_doc.get(dl["document_id"], [])
            names: list[str | None] = list(_loads(dl["assignees"]))
            action = dl["task"]
            if not names:
                same = [t for t in doc_tasks if dl["date"] and t["deadline"] == dl["date"]]
                around = [t for t in doc_tasks if t["start"] <= dl["start"] < t["end"]]
                chosen = same or around
                names = list(dict.fromkeys(t["assignee"] for t in chosen))
                action = action or next((t["action"] for t in chosen if t["action"]), None)
            for name in names or [None]:
                seen.add((dl["document_id"], dl["date"], _name_key(name)))
                raw.append({"source": "deadline", "document_id": dl["document_id"], "date": dl["date"],
                            "text": dl["text"], "task": action, "assignee": name, "start": dl["start"]})
        for doc_id, doc_tasks in tasks_by_doc.items():
            for t in doc_tasks:
                if t["deadline"] and (doc_id, t["deadline"], _name_key(t["assignee"])) not in seen:
                    seen.add((doc_id, t["deadline"], _name_key(t["assignee"])))
                    raw.append({"source": "task", "document_id": doc_id, "date": t["deadline"], "text": None,
                                "task": t["action"], "assignee": t["assignee"], "start": t["start"]})
        for r in raw:
            if want and want not in _name_key(r["assignee"]):
                continue
            due = last_day(r["date"])
            days = (due - as_of).days if due else None
            d = docs[r["document_id"]]
            out.append({
                "deadline": r["date"], "due": due.isoformat() if due else None, "days_left": days,
                "status": _status(days), "assignee": r["assignee"], "task": r["task"], "deadline_text": r["text"],
                "document_id": d["id"], "number": display_number(d["number"], d["year"], d["symbol"]) or None,
                "doc_type": d["doc_type"], "doc_date": d["date"], "issuer": d["issuer_name"] or d["area"],
                "subject": d["subject"], "uid": f"{d['sha256'][:16]}-{r['source']}-{r['start']}@vbminer",
            })
    return out


def _row_order(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["due"] is None, r["due"] or "", r["document_id"], r["assignee"] or "")


def _date_bound(db: Store, agg: str) -> str | None:
    """The first (``min``) or last (``max``) date string that begins with a year, over deadlines and tasks."""
    values = [db.execute(f"select {agg}(date) from deadlines where date >= '0' and date < ':'").fetchone()[0],
              db.execute(f"select {agg}(deadline) from tasks where deadline >= '0' and deadline < ':'").fetchone()[0]]
    found = [v for v in values if v and v[:4].isdigit()]
    if not found:
        return None
    return min(found) if agg == "min" else max(found)


def _windows(
    db: Store, lo: _dt.date | None, hi: _dt.date | None
) -> Generator[tuple[_dt.date, _dt.date], int | None, None]:
    """Consecutive day ranges from ``lo`` (else the first stored date) to ``hi`` (else the end of the
    last stored year); :func:`iter_deadline_rows` sizes them by sending back how many rows each gave."""
    if lo is None:
        first = _date_bound(db, "min")
        lo = _dt.date(int(first[:4]), 1, 1) if first else None
    if hi is None:
        last = _date_bound(db, "max")
        hi = _dt.date(int(last[:4]), 12, 31) if last else None
    if lo is None or hi is None:
        return
    days, a = 1, lo
    while a <= hi:
        b = min(hi, a + _dt.timedelta(days=days - 1))
        rows = yield a, b
        days = max(1, days // 2) if (rows or 0) > 4000 else min(366, days * 2) if (rows or 0) < 500 else days
        a = b + _dt.timedelta(days=1)


def _window_where(a: _dt.date, b: _dt.date) -> tuple[str, list[str]]:
    """SQL (with ``x`` for the column) and parameters for an ISO date whose last day lies in
    ``a``..``b``: full dates in the range, months that end in it, years whose 31 December is in it."""
    wide = [f"{y:04d}-{m:02d}" for y in range(a.year, b.year + 1) for m in range(1, 13)
            if a <= _dt.date(y, m, calendar.monthrange(y, m)[1]) <= b]
    wide += [f"{y:04d}" for y in range(a.year, b.year + 1) if a <= _dt.date(y, 12, 31) <= b]
    where = "(x >= ? and x <= ?)" + (f" or x in ({','.join('?' * len(wide))})" if wide else "")
    return where, [a.isoformat(), b.isoformat(), *wide]


def _window_docs(db: Store, a: _dt.date, b: _dt.date) -> list[int]:
    """Documents with a deadline or dated task due in ``a``..``b`` (by the date indexes)."""
    where, params = _window_where(a, b)
    return _deadline_docs(db, where.replace("x", "date"), where.replace("x", "deadline"), params)


def _assignee_names(db: Store, want: str) -> list[str]:
    """The names given as an assignee that contain ``want`` (folded): the distinct names (table
    ``assignee_names``, a few thousand at most) are matched here, then looked up by index."""
    return [n for (n,) in db.execute("select name from assignee_names") if want in _name_key(n)]


def _documents_naming(db: Store, names: list[str], among: Sequence[int] | None = None,
                      limit: int | None = None) -> list[int]:
    """Documents (of ``among``, else all; at most ``limit``) where one of ``names`` is an assignee."""
    marks = ",".join("?" * len(names))
    if among is None:
        sql = (f"select document_id from tasks where assignee in ({marks}) "
               f"union select document_id from deadline_assignees where name in ({marks})")
        if limit is not None:
            sql += f" limit {int(limit)}"
        return [r[0] for r in db.execute(sql, [*names, *names])]
    found: list[int] = []
    for i in range(0, len(among), 500):
        chunk = among[i : i + 500]
        docs = ",".join("?" * len(chunk))
        found += [r[0] for r in db.execute(
            f"select document_id from tasks where document_id in ({docs}) and assignee in ({marks}) "
            f"union select document_id from deadline_assignees where document_id in ({docs}) and name in ({marks})",
            [*chunk, *names, *chunk, *names])]
    return sorted(found)


def iter_deadline_rows(
    db: Store,
    *,
    date_from: _dt.date | None = None,
    date_to: _dt.date | None = None,
    assignee: str | None = None,
    overdue: bool = False,
    as_of: _dt.date | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows of :func:`deadline_rows`, in its order, computed lazily: window by window of due
    dates (each reads only the documents with a deadline or dated task in it, through the date
    indexes; windows grow while they are sparse and are halved while they hold too many
    documents), then the rows without a date. With ``assignee``, only the documents where a
    matching name is given."""
    as_of = as_of or _dt.date.today()
    lo, hi = date_from, date_to
    if overdue:
        yesterday = as_of - _dt.timedelta(days=1)
        hi = min(hi, yesterday) if hi else yesterday
    if lo and hi and lo > hi:
        return
    dated_only = bool(date_from or date_to or overdue)
    want = fold_key(assignee) if assignee else ""
    names: list[str] = []
    if want:
        names = _assignee_names(db, want)
        if not names:
            return
        few = _documents_naming(db, names, limit=FEW_DOCUMENTS + 1)
        if not few:
            return

    def keep(r: dict[str, Any]) -> bool:
        if r["due"] is None:
            return not dated_only
        if (lo and r["due"] < lo.isoformat()) or (hi and r["due"] > hi.isoformat()):
            return False
        return not want or want in _name_key(r["assignee"])

    if want and len(few) <= FEW_DOCUMENTS:  # a few documents: all their rows at once
        yield from sorted((r for r in _document_rows(db, sorted(few), as_of, want, named=names) if keep(r)),
                          key=_row_order)
        return

    def window_rows(a: _dt.date, b: _dt.date, counted: list[int]) -> Iterator[dict[str, Any]]:
        """The rows due in ``a``..``b``, in order; a window with too many documents is halved,
        and the documents of one day are read a chunk at a time (their rows share the due date,
        so document order is row order): a ``--limit`` stops before the rest is read."""
        doc_ids = sorted(_window_docs(db, a, b))
        if want:  # many documents name the assignee: those of this window
            doc_ids = _documents_naming(db, names, doc_ids)
        if len(doc_ids) > DENSE_WINDOW and a < b:
            mid = a + (b - a) // 2
            yield from window_rows(a, mid, counted)
            yield from window_rows(mid + _dt.timedelta(days=1), b, counted)
            return
        first, last = a.isoformat(), b.isoformat()
        step = DENSE_WINDOW if a == b else max(len(doc_ids), 1)
        for i in range(0, len(doc_ids), step):
            rows = sorted((r for r in _document_rows(db, doc_ids[i : i + step], as_of, want, (a, b), names)
                           if r["due"] and first <= r["due"] <= last and keep(r)), key=_row_order)
            counted[0] += len(rows)
            yield from rows

    windows = _windows(db, lo, hi)
    try:
        a, b = next(windows)
        while True:
            counted = [0]
            yield from window_rows(a, b, counted)
            a, b = windows.send(counted[0])
    except StopIteration:
        pass
    if not dated_only:  # last, the rows without a date a calendar can hold
        full = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        where = f"x is null or x not glob '{full}' or date(x) is not x"
        doc_ids = _deadline_docs(db, where.replace("x", "date"), "deadline is not null and (" +
                                 where.replace("x", "deadline") + ")", [])
        if want:
            doc_ids = _documents_naming(db, names, doc_ids)
        yield from sorted((r for r in _document_rows(db, doc_ids, as_of, want) if r["due"] is None and keep(r)),
                          key=_row_order)


def deadline_rows(
    db: Store,
    *,
    date_from: _dt.date | None = None,
    date_to: _dt.date | None = None,
    assignee: str | None = None,
    overdue: bool = False,
    as_of: _dt.date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The deadline tracker: one row per deadline and assignee, with its source document and the
    days left (negative: overdue) as of ``as_of`` (today by default). Deadlines that name nobody
    take the assignees of the tasks of their document with the same date, or of the task they lie
    in; tasks with a deadline the text did not also give as a deadline phrase are rows too. Rows by
    due date (undated last), document, assignee; the first ``limit`` only, when given."""
    rows = iter_deadline_rows(db, date_from=date_from, date_to=date_to, assignee=assignee, overdue=overdue,
                              as_of=as_of)
    return list(rows if limit is None else islice(rows, limit))


def count_deadline_sources(db: Store, *, date_from: _dt.date | None = None, date_to: _dt.date | None = None) -> int:
    """How many deadline phrases have a date string in the range (a cheap count from the date
    index, for the note under a cut listing; each gives one tracker row per assignee)."""
    lo = date_from.isoformat()[:4] if date_from else ""
    hi = (date_to.isoformat() if date_to else "9999") + "."
    return int(db.execute("select count(*) from deadlines where date >= ? and date < ?", [lo, hi]).fetchone()[0])


# ---------------------------------------------------------------------------------------------
# search

_OPEN, _CLOSE = "\x02", "\x03"


def _unfold_highlight(highlighted: str, original: str) -> list[tuple[int, int]]:
    """Match ranges in ``original`` from FTS5's highlight() of its folded copy (same length)."""
    ranges: list[tuple[int, int]] = []
    pos, start = 0, 0
    for ch in highlighted:
        if ch == _OPEN:
            start = pos
        elif ch == _CLOSE:
            ranges.append((start, pos))
        else:
            pos += 1
    return ranges if pos == len(original) else []


def _mark(text: str, ranges: list[tuple[int, int]], lo: int = 0, hi: int | None = None) -> str:
    hi = len(text) if hi is None else hi
    out, pos = [], lo
    for s, e in ranges:
        if s < lo or e > hi:
            continue
        out += [text[pos:s], "[", text[s:e], "]"]
        pos = e
    out.append(text[pos:hi])
    return " ".join("".join(out).split())


def snippet(text: str, ranges: list[tuple[int, int]], width: int = 160) -> str:
    """A window of ``text`` around its first matches, matches in ``[`` ``]``, on one line."""
    if not ranges:
        return " ".join(text[:width].split()) + ("…" if len(text) > width else "")

    def covered(anchor: int) -> tuple[int, int]:
        inside = [fold_key(text[s:e]) for s, e in ranges if anchor <= s and e <= anchor + width // 2]
        return len(set(inside)), len(inside)

    # the place where most of the different words matched lie close together, earliest first
    first = max((s for s, _ in ranges), key=lambda a: (covered(a), -a))
    lo = max(0, first - width // 3)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = min(len(text), lo + width)
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return ("…" if lo else "") + _mark(text, ranges, lo, hi) + ("…" if hi < len(text) else "")


def _quote_terms(query: str) -> str:
    return " ".join('"' + term.replace('"', '""') + '"' for term in query.split())


def search(db: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over subject and text, diacritics ignored (``ky so`` finds ``ký số``).

    FTS5 syntax works (``"ký số" OR "chữ ký"``, ``NOT``, ``ký*``); a query that is not valid FTS5
    syntax is searched as plain words. Results best first, each with a snippet and the match
    offsets in the document's text."""
    folded = fold(unicodedata.normalize("NFC", query)).strip()
    if not folded:
        raise QueryError("give words to search for")
    sql = f"""
        select {_BRIEF_COLUMNS}, d.text,
               highlight(documents_fts, 0, char(2), char(3)) as hl_subject,
               highlight(documents_fts, 1, char(2), char(3)) as hl_text
        from documents_fts join documents d on d.id = documents_fts.rowid
        where documents_fts match ? order by bm25(documents_fts, 4.0, 1.0), d.id limit ?
    """
    try:
        rows = list(_rows(db, sql, [folded, limit]))
    except sqlite3.OperationalError as first:
        if '"' in folded:
            raise QueryError(f"cannot search for {query!r}: {first} (check the double quotes)") from first
        try:
            rows = list(_rows(db, sql, [_quote_terms(folded), limit]))
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {query!r}: {exc}") from exc
    out = []
    for row in rows:
        text_ranges = _unfold_highlight(row["hl_text"] or "", row["text"] or "")
        subj_ranges = _unfold_highlight(row["hl_subject"] or "", row["subject"] or "")
        out.append(doc_brief(row) | {
            "subject_marked": _mark(row["subject"], subj_ranges) if row["subject"] else None,
            "snippet": snippet(row["text"] or "", text_ranges),
            "matches": [list(r) for r in text_ranges],
        })
    return out


# ---------------------------------------------------------------------------------------------
# show


def find_document(db: Store, doc: str) -> int:
    """The id of the document ``doc`` names: an id, a path (or the end of one), or a số/ký hiệu."""
    doc = doc.strip()
    if doc.isdigit() and db.execute("select 1 from documents where id = ?", [int(doc)]).fetchone():
        return int(doc)
    resolved = str(Path(doc).resolve())
    row = db.execute("select document_id from document_paths where path in (?, ?)", [doc, resolved]).fetchone()
    if row:
        return int(row[0])
    tail = "%/" + doc.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    ids = sorted({r[0] for r in db.execute(
        "select document_id from document_paths where path like ? escape '\\'", [tail])})
    if len(ids) == 1:
        return int(ids[0])
    if not ids:
        try:
            q = CiteQuery.parse(doc)
        except QueryError:
            raise QueryError(f"no document {doc!r}: give an id, a path or a số/ký hiệu such as 318/UBND-VP") from None
        if q.symbol:
            cands = list(_rows(
            db,
                f"select {_BRIEF_COLUMNS}, d.year_key from documents d where d.number_key = ? and d.symbol_key = ?",
                [q.number, q.symbol]))
            if q.year:
                cands = [c for c in cands if c["year_key"] == q.year]
        else:
            cands = [c for c in _rows(db, f"select {_BRIEF_COLUMNS} from documents d where d.number_key = ?",
                                         [q.number]) if fold_key(c["doc_type"]) == q.doc_type]
        if q.issuer:
            want = fold_key(q.issuer)
            cands = [c for c in cands if want in fold_key(c["issuer_name"]) or want in fold_key(c["area"])]
        ids = [c["id"] for c in cands]
        if len(ids) == 1:
            return int(ids[0])
        if not ids:
            raise QueryError(f"no stored document is {doc!r}")
    listing = "; ".join(
        f"{b['id']}: {b['number']} {b['date'] or ''} {b['issuer'] or ''}".strip()
        for b in (doc_brief(r) for r in _rows(
            db,
            f"select {_BRIEF_COLUMNS} from documents d where d.id in ({','.join('?' * len(ids))})", ids))
    )
    raise QueryError(f"{len(ids)} documents fit {doc!r} ({listing}); give the id")


def show(db: Store, doc: str) -> dict[str, Any]:
    """One document: header, paths, citations both ways, units, figures, deadlines and assignments."""
    doc_id = find_document(db, doc)
    d = _row(db, "select * from documents where id = ?", [doc_id])
    assert d is not None
    header = {k: d[k] for k in ("number", "year", "symbol", "doc_type", "place", "date", "subject",
                                "urgency", "confidentiality")}
    header |= {
        "display_number": display_number(d["number"], d["year"], d["symbol"]) or None,
        "issuer": {"name": d["issuer_name"], "parent": d["issuer_parent"], "level": d["issuer_level"],
                   "locality": d["issuer_locality"]},
        "signer": {"name": d["signer_name"], "title": d["signer_title"], "authority": d["signer_authority"],
                   "on_behalf_of": d["signer_on_behalf_of"]},
        "recipients": _loads(d["recipients"]), "cc": _loads(d["cc"]), "is_draft": bool(d["is_draft"]),
    }
    refs = [
        {k: r[k] for k in ("key", "doc_type", "date", "issuer", "subject")} | {"document_id": r["cited_document_id"]}
        for r in _rows(db, 'select * from "references" where document_id = ? order by id', [doc_id])
    ]
    followers = [doc_brief(r) for r in _rows(
            db,
        f"""select distinct {_BRIEF_COLUMNS} from "references" r join documents d on d.id = r.document_id
            where r.cited_document_id = ? order by d.date, d.id""", [doc_id])]
    units = list(_rows(
            db,
        """select u.id, m.name, u.kind, u.canonical, u.code, u.current_name, m.count as mentions
           from unit_mentions m join units u on u.id = m.unit_id where m.document_id = ? order by m.id""", [doc_id]))
    metrics = [
        {k: m[k] for k in ("unit", "unit_id", "label", "value", "kind", "numerator", "denominator", "comparator",
                           "period", "start", "end")} | {"is_target": bool(m["is_target"])}
        for m in _rows(db, "select * from metrics where document_id = ? order by start", [doc_id])
    ]
    deadlines = [
        {k: x[k] for k in ("date", "text", "task", "start", "end")} | {"assignees": _loads(x["assignees"])}
        for x in _rows(db, "select * from deadlines where document_id = ? order by start", [doc_id])
    ]
    tasks = [
        {k: t[k] for k in ("assignee", "role", "action", "deadline", "report_to", "start", "end")}
        for t in _rows(db, "select * from tasks where document_id = ? order by start", [doc_id])
    ]
    return {
        "id": doc_id, "sha256": d["sha256"], "format": d["format"], "paths": _paths(db, doc_id),
        "area": d["area"], "header": header, "warnings": _loads(d["warnings"]), "references": refs,
        "cited_by": followers, "units": units, "metrics": metrics, "deadlines": deadlines, "tasks": tasks,
    }


# ---------------------------------------------------------------------------------------------
# text, as the commands print it


def _line(*parts: Any) -> str:
    return "  ".join(str(p) for p in parts if p not in (None, ""))


def _figure(f: dict[str, Any]) -> str:
    value = f"{f['value']:g}%" if f["value"] is not None else ""
    if f["kind"] == "ratio" and f["numerator"] is not None and f["denominator"] is not None:
        value = f"{f['numerator']:g}/{f['denominator']:g}" + (f" ({f['value']:.1f}%)" if f["value"] is not None else "")
    target = "target " if f["is_target"] else ""
    return f"{target}{f['label'] + ' ' if f['label'] else ''}{f['comparator'] or ''}{value}".strip()


def render_units(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no units stored"
    lines = [f"{'documents':>9} {'districts':>9}  unit"]
    for u in rows:
        name = " ".join(x for x in (u["kind"] if u["kind"] and not u["canonical"] else None,
                                    u["canonical"] or u["name"]) if x)
        extra = ", ".join(x for x in (f"code {u['code']}" if u["code"] else None,
                                      f"now {u['current_name']}" if u["current_name"] and u["current_name"] not in (
                                          u["canonical"], u["name"]) else None,
                                      f"in {u['parent']}" if u["parent"] else None) if x)
        lines.append(f"{u['documents']:>9} {u['districts']:>9}  {name}" + (f" ({extra})" if extra else ""))
    return "\n".join(lines)


def render_unit_history(units: list[dict[str, Any]]) -> str:
    if not units:
        return "no unit of that name"
    out = []
    for u in units:
        head = " ".join(x for x in (u["kind"] if not u["canonical"] else None, u["canonical"] or u["name"]) if x)
        codes = ", ".join(x for x in (f"code {u['code']}" if u["code"] else None,
                                      f"now {u['current_name']}" + (f" ({u['current_code']})" if u["current_code"]
                                                                    else "") if u["current_name"] else None) if x)
        out.append(f"== {head}" + (f" [{codes}]" if codes else ""))
        out.append(f"   names: {', '.join(u['aliases'])}")
        for d in u["documents"]:
            out.append("   " + _line(d["date"] or "(no date)", d["number"], d["doc_type"], d["issuer"]))
            for f in d["figures"]:
                out.append(f"      {_figure(f)}")
    return "\n".join(out)


def render_most_cited(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no citations stored"
    lines = [f"{'cited by':>8} {'districts':>9}  document"]
    for t in rows:
        stored = f"  [stored: id {t['document']['id']}]" if t["document"] else ""
        lines.append(f"{t['cited_by']:>8} {t['districts']:>9}  " + _line(t["doc_type"], t["key"], t["date"]) + stored)
    return "\n".join(lines)


def render_cited_by(targets: list[dict[str, Any]]) -> str:
    if not targets:
        return "no stored document cites that"
    out = []
    for t in targets:
        stored = f" [stored: id {t['document']['id']}, {t['document']['issuer']}]" if t["document"] else ""
        out.append(f"== {_line(t['doc_type'], t['key'], t['date'], t['issuer'])}{stored}")
        out.append(f"   cited by {t['cited_by']} document(s) in {len(t['districts'])} area(s)")
        for g in t["districts"]:
            out.append(f"   {g['area']}")
            for d in g["documents"]:
                out.append("     " + _line(d["date"] or "(no date)", d["number"], d["doc_type"], f"(id {d['id']})"))
    return "\n".join(out)


def render_deadlines(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no deadlines"
    out = []
    for r in rows:
        out.append(_line(r["due"] or "(no date)", f"[{r['status']}]", r["assignee"] or "(no assignee)"))
        out.append("    " + _line(r["task"] or r["deadline_text"]))
        out.append("    " + _line(r["number"], r["doc_type"], r["doc_date"], r["issuer"], f"(id {r['document_id']})"))
    return "\n".join(out)


def render_search(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no match"
    out = []
    for r in rows:
        out.append(_line(f"{r['id']}:", r["number"], r["doc_type"], r["date"], r["issuer"]))
        if r["subject_marked"]:
            out.append(f"    V/v {r['subject_marked']}")
        out.append(f"    {r['snippet']}")
    return "\n".join(out)


def render_show(d: dict[str, Any]) -> str:
    h = d["header"]
    issuer, signer = h["issuer"], h["signer"]
    rows = [
        ("Id", d["id"]),
        ("Paths", "\n               ".join(d["paths"])),
        ("Issuer", " / ".join(x for x in (issuer["parent"], issuer["name"]) if x) or None),
        ("Area", d["area"]),
        ("Number", h["display_number"]),
        ("Type", h["doc_type"]),
        ("Place, date", ", ".join(x for x in (h["place"], h["date"]) if x) or None),
        ("Subject", h["subject"]),
        ("Urgency", h["urgency"]),
        ("Secrecy", h["confidentiality"]),
        ("Recipients", "; ".join(h["recipients"]) or None),
        ("Signer", " ".join(x for x in (f"{signer['authority']}. {signer['on_behalf_of']}" if signer["authority"]
                                        else None, signer["title"], f"— {signer['name']}" if signer["name"] else None)
                            if x) or None),
        ("Nơi nhận", "; ".join(h["cc"]) or None),
    ]
    out = [f"  {k:<12} {v}" for k, v in rows if v not in (None, "")]
    if d["references"]:
        out.append("  Cites")
        out += [f"    {_line(r['doc_type'], r['key'], r['date'], r['issuer'])}"
                + (f"  [stored: id {r['document_id']}]" if r["document_id"] else "") for r in d["references"]]
    if d["cited_by"]:
        out.append("  Cited by")
        out += ["    " + _line(c["date"], c["number"], c["doc_type"], c["issuer"], f"(id {c['id']})")
                for c in d["cited_by"]]
    if d["units"]:
        out.append("  Units       " + "; ".join(" ".join(x for x in (u["kind"], u["name"]) if x) for u in d["units"]))
    if d["metrics"]:
        out.append("  Figures")
        out += [f"    {m['unit'] or '(overall)'}: {_figure(m)}" for m in d["metrics"]]
    if d["deadlines"]:
        out.append("  Deadlines")
        out += [f"    {_line(x['date'] or '(no date)', x['text'])}"
                + (f" — {'; '.join(x['assignees'])}" if x["assignees"] else "") for x in d["deadlines"]]
    if d["tasks"]:
        out.append("  Tasks")
        out += [f"    {_line(t['role'], t['assignee'])}: {t['action'] or ''}"
                + (f" (by {t['deadline']})" if t["deadline"] else "") for t in d["tasks"]]
    out += [f"  warning: {w}" for w in d["warnings"]]
    return "\n".join(out)
