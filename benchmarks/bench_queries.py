"""Time `vbminer units NAME`, `refs SYMBOL` and `deadlines` on a large store (run by hand).

    python benchmarks/bench_queries.py BASE.db --copies 100 [--store big.db] [--repeat 5]

Extracting 100,000 documents takes a quarter of an hour or more on 2 cores, so a large store can
be made from a real ingest (``vbminer ingest FOLDER --db BASE.db``, e.g. 1,000 generated
dispatches) by cloning its rows ``--copies`` times with new ids, new sha256 and paths, and numbers
shifted by 1000 per copy (so each copy's citations link to that copy's documents); units stay
shared, as the communes of one province are named again and again over a year. The clone skips
the full-text index (the timed queries do not use it). ``--store`` names the large store: an
existing one (a real ingest of 100,000 files) is timed as it is. Each query runs as the command a
user types (wall time of the process, Python start included) and in this process (the query
function alone), best of ``--repeat``, after one warm-up run (a store that was just written is in
the page cache).
``deadlines`` in this process asks for the first 100 rows, as the command's text listing does.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHILDREN = ("references", "unit_mentions", "metrics", "deadlines", "tasks")
SHIFT = ("case when {c} glob '[0-9]*' and {c} not glob '*[^0-9]*' "
         "then cast(cast({c} as integer) + 1000 * ? as text) else {c} end")


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'pragma table_info("{table}")')]


def build(base: Path, out: Path, copies: int) -> None:
    """Copy ``base`` to ``out`` and add ``copies - 1`` clones of its rows (ids, sha256, paths, numbers shifted)."""
    shutil.copy(base, out)
    con = sqlite3.connect(out)
    con.execute("pragma journal_mode = wal")
    con.execute("pragma synchronous = off")
    triggers = con.execute(
        "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'documents'").fetchall()
    for name, _ in triggers:
        con.execute(f'drop trigger "{name}"')
    span = {t: con.execute(f'select max(id) from "{t}"').fetchone()[0] or 0 for t in ("documents", *CHILDREN)}
    dcols = _columns(con, "documents")
    t0 = time.perf_counter()
    for k in range(1, copies):
        sel = []
        for c in dcols:
            if c == "id":
                sel.append(f"id + {k * span['documents']}")
            elif c == "sha256":
                sel.append(f"sha256 || '-{k}'")
            elif c in ("number", "number_key"):
                sel.append(SHIFT.format(c=c).replace("?", str(k)))
            else:
                sel.append(c)
        con.execute(f"insert into documents ({', '.join(dcols)}) select {', '.join(sel)} from documents "
                    f"where id <= {span['documents']}")
        con.execute(f"insert into document_paths (path, document_id, ingested_at) select path || '#{k}', "
                    f"document_id + {k * span['documents']}, ingested_at from document_paths "
                    f"where document_id <= {span['documents']}")
        for t in CHILDREN:
            cols = _columns(con, t)
            sel = []
            for c in cols:
                if c == "id":
                    sel.append(f"id + {k * span[t]}")
                elif c in ("document_id", "cited_document_id"):
                    sel.append(f"{c} + {k * span['documents']}")
                elif t == "references" and c in ("number", "number_key"):
                    sel.append(SHIFT.format(c=c).replace("?", str(k)))
                else:
                    sel.append(f'"{c}"')
            con.execute(f'insert into "{t}" ({", ".join(map(repr, cols)).replace(chr(39), chr(34))}) '
                        f'select {", ".join(sel)} from "{t}" where id <= {span[t]}')
        con.commit()
        if k % 10 == 0:
            print(f"  copy {k}/{copies - 1} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    con.execute("analyze")
    con.commit()
    con.close()


def timed(fn: Any, repeat: int) -> tuple[float, Any]:
    fn()
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="a store made by vbminer ingest")
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--store", type=Path, default=None, help="the large store (built if missing)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--name", default=None, help="unit NAME to ask (default: the most named commune)")
    parser.add_argument("--symbol", default=None, help="SYMBOL to ask (default: the most cited document)")
    args = parser.parse_args()
    store = args.store or args.base.with_name(f"{args.base.stem}-x{args.copies}.db")
    if not store.exists():
        print(f"building {store} from {args.base} x {args.copies}", file=sys.stderr)
        t0 = time.perf_counter()
        build(args.base, store, args.copies)
        print(f"built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    from vbminer import queries

    db = queries.connect(store)  # as the commands open it (sqlite3, read-only)
    n = db.execute("select count(*) from documents").fetchone()[0]
    counts = {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in CHILDREN}
    print(f"store {store}: {n} documents, {store.stat().st_size / 1e9:.1f} GB; " +
          ", ".join(f"{t} {c}" for t, c in counts.items()))
    name = args.name or db.execute(
        "select u.name from units u join unit_mentions m on m.unit_id = u.id where u.kind = 'xã' "
        "group by u.id order by count(*) desc limit 1").fetchone()[0]
    symbol = args.symbol or db.execute(
        'select r.number || coalesce("/" || r.year, "") || "/" || r.symbol from "references" r '
        "where r.cited_document_id is not null group by r.cited_document_id order by count(*) desc limit 1"
    ).fetchone()
    symbol = symbol[0] if symbol else db.execute(
        'select number || "/" || symbol from "references" where number is not null and symbol is not null limit 1'
    ).fetchone()[0]
    week = db.execute("select min(date) from deadlines where date like '____-__-__'").fetchone()[0]
    busy = db.execute("select name from assignee_names order by name limit 1").fetchone()[0]  # a frequent assignee
    text = 100  # the rows `vbminer deadlines` prints as text unless --limit says otherwise (cli.TEXT_LIMIT)
    cases: list[tuple[list[str], Any]] = [
        (["units", name], lambda: queries.unit_history(db, name)),
        (["units"], lambda: queries.units_overview(db)),
        (["refs", symbol], lambda: queries.cited_by(db, symbol)),
        (["refs", "--limit", "20"], lambda: queries.most_cited(db, 20)),
        (["deadlines", "--assignee", name], lambda: queries.deadline_rows(db, assignee=name, limit=text)),
        (["deadlines", "--assignee", busy], lambda: queries.deadline_rows(db, assignee=busy, limit=text)),
        (["deadlines", "--from", week, "--to", week], lambda: queries.deadline_rows(
            db, date_from=queries.parse_date(week, "from"), date_to=queries.parse_date(week, "to"), limit=text)),
        (["deadlines"], lambda: queries.deadline_rows(db, limit=text)),
        (["deadlines", "--overdue"], lambda: queries.deadline_rows(db, overdue=True, limit=text)),
    ]
    print(f"{'query':<52} {'in process':>11} {'command':>9}  rows")
    for argv, fn in cases:
        seconds, out = timed(fn, args.repeat)
        cmd = [sys.executable, "-c", "from vbminer.cli import app; app()", *argv, "--db", str(store)]

        def run(cmd: list[str] = cmd) -> None:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

        wall, _ = timed(run, max(1, args.repeat // 2))
        rows = len(out) if hasattr(out, "__len__") else "?"
        print(f"vbminer {' '.join(argv):<44} {seconds * 1000:9.0f}ms {wall * 1000:7.0f}ms  {rows}", flush=True)
    help_wall, _ = timed(lambda: subprocess.run([sys.executable, "-c", "from vbminer.cli import app; app()", "--help"],
                                                stdout=subprocess.DEVNULL, check=False), args.repeat)
    print(f"vbminer --help {help_wall * 1000:.0f} ms")


if __name__ == "__main__":
    main()
