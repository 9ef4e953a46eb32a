"""The web UI over the store (vbminer.web): pages, canned queries, search folding, 404s, serve checks."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import socket
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("datasette")

from conftest import CORPORA  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from vbminer.annotate import render_html  # noqa: E402
from vbminer.cli import app, iter_files  # noqa: E402
from vbminer.store import ingest, open_db, pipeline_extract  # noqa: E402
from vbminer.types import Dispatch  # noqa: E402
from vbminer.web.metadata import QUERIES, TABLES, build_metadata  # noqa: E402
from vbminer.web.pages import Point, svg_chart  # noqa: E402
from vbminer.web.server import ServeError, check_port, check_store, make_datasette  # noqa: E402
from vbminer.web.stores import cite_part, due, fts_query  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "kho.db"
    db = open_db(path)
    report = ingest(db, iter_files([CORPORA / "dispatches"]), pipeline_extract)
    assert report.failed == 0 and report.ingested > 0
    db.close()
    return path


class Client:
    """Datasette's own test client, driven synchronously."""

    def __init__(self, path: Path):
        self.ds = make_datasette(path)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, url: str) -> Any:
        return self.loop.run_until_complete(self.ds.client.get(url))

    def rows(self, url: str) -> list[dict[str, Any]]:
        response = self.get(url + ("&" if "?" in url else "?") + "_shape=array")
        assert response.status_code == 200, response.text[:500]
        rows = response.json()
        assert isinstance(rows, list)
        return rows


@pytest.fixture(scope="module")
def client(store: Path) -> Client:
    return Client(store)


def one(conn_path: Path, sql: str, params: tuple[Any, ...] = ()) -> Any:
    with sqlite3.connect(conn_path) as conn:
        return conn.execute(sql, params).fetchone()


# ---------------------------------------------------------------------------------------------
# pages


@pytest.mark.parametrize(("url", "expected"), [
    ("/", "Tìm văn bản (có dấu hoặc không dấu)"),
    ("/-/vbminer", "Chuỗi triển khai một văn bản chỉ đạo"),
    ("/-/vbminer/search?q=ky+so", "<mark>ký</mark> <mark>số</mark>"),
    ("/-/vbminer/search?q=k%C3%BD+s%E1%BB%91", "<mark>ký</mark> <mark>số</mark>"),
    ("/-/vbminer/document/1", 'id="vbminer-annotated"'),
    ("/-/vbminer/document/1/annotated", "<mark"),
    ("/kho/documents", "Văn bản"),
    ("/kho/documents", "Cơ quan ban hành"),
    ("/kho/units", "Đơn vị hành chính và cơ quan"),
    ("/kho/deadlines", "Thời hạn"),
    ("/-/vbminer/vbminer.css", ".vbminer-chart"),
])
def test_page(client: Client, url: str, expected: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.text


@pytest.mark.parametrize("url", [
    "/-/vbminer/document/99999",
    "/-/vbminer/document/99999/annotated",
    "/-/vbminer/unit/99999",
    "/-/vbminer/document/1?db=khong_co",
])
def test_unknown_ids_are_404_pages(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "Traceback" not in response.text
    assert "<html" in response.text


def test_document_page_links_units_references_and_deadlines(client: Client, store: Path) -> None:
    doc_id = one(store, "select document_id from deadlines group by document_id order by count(*) desc")[0]
    page = client.get(f"/-/vbminer/document/{doc_id}").text
    units = one(store, "select count(distinct unit_id) from unit_mentions where document_id = ?", (doc_id,))[0]
    deadlines = [r for r in sqlite3.connect(store).execute("select id from deadlines where document_id = ?", (doc_id,))]
    refs = one(store, 'select count(*) from "references" where document_id = ?', (doc_id,))[0]
    unit_links = set(re.findall(r'href="/-/vbminer/unit/(\d+)"', page))
    assert len(unit_links) == units
    for (dl_id,) in deadlines:
        assert f'href="/kho/deadlines/{dl_id}"' in page
    section = page.split('class="references"')[1].split("</ul>")[0] if refs else ""
    assert section.count("<li>") == refs


def test_annotated_page_is_the_annotate_rendering(client: Client, store: Path) -> None:
    stored = json.loads(one(store, "select dispatch from documents where id = 1")[0])
    served = client.get("/-/vbminer/document/1/annotated").text
    assert served.split("<title>")[1:] and "<mark" in served
    expected = render_html(Dispatch.from_json(stored), title=served.split("<title>")[1].split("</title>")[0])
    assert served == expected


def test_unit_page_has_a_chart_of_its_figures(client: Client, store: Path) -> None:
    unit_id, figures = one(store, """select m.unit_id, count(*) from metrics m join documents d on d.id = m.document_id
                                     where m.unit_id is not null and m.value is not null and d.date is not null
                                     group by m.unit_id order by count(distinct m.document_id) desc, m.unit_id""")
    page = client.get(f"/-/vbminer/unit/{unit_id}").text
    svg = page.split('<svg class="vbminer-chart"')[1].split("</svg>")[0]
    assert svg.count("<circle") + svg.count('class="target"') == figures
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing from the network


# ---------------------------------------------------------------------------------------------
# search, with and without diacritics


@pytest.mark.parametrize(("plain", "marked"), [("ky so", "ký số"), ("dong", "Đông"), ("chan chinh", "chấn chỉnh")])
def test_table_search_folds_the_query(client: Client, plain: str, marked: str) -> None:
    a = client.rows(f"/kho/documents.json?_search={plain}&_col=id")
    b = client.rows(f"/kho/documents.json?_search={marked}&_col=id")
    assert a and a == b


@pytest.mark.parametrize(("plain", "marked"), [("ky so", "ký số"), ("dong", "Đông"), ("08/CT-UBND", "08/CT-UBND")])
def test_search_query_folds_the_query(client: Client, plain: str, marked: str) -> None:
    a = client.rows(f"/kho/tim_van_ban.json?tu_khoa={plain}")
    b = client.rows(f"/kho/tim_van_ban.json?tu_khoa={marked}")
    assert a and a == b


# ---------------------------------------------------------------------------------------------
# canned queries: each answers as the command line does


def test_unit_history_query(client: Client, store: Path) -> None:
    from vbminer.queries import unit_history

    db = open_db(store)
    expected = {(u["id"], d["id"]) for u in unit_history(db, "tay thanh") for d in u["documents"]}
    rows = client.rows("/kho/lich_su_don_vi.json?don_vi=tay+thanh")
    assert {(r["don_vi_id"], r["van_ban"]) for r in rows} == expected
    assert any(r["so_lieu"] for r in rows) == any(
        f for u in unit_history(db, "tay thanh") for d in u["documents"] for f in d["figures"])


@pytest.mark.parametrize("symbol", ["08/CT-UBND", "Chỉ thị 08", "30/2020/NĐ-CP"])
def test_chain_query_includes_every_direct_follower(client: Client, store: Path, symbol: str) -> None:
    from vbminer.queries import cited_by

    direct = {d["id"] for t in cited_by(open_db(store), symbol) for g in t["districts"] for d in g["documents"]}
    rows = client.rows(f"/kho/chuoi_chi_dao.json?so_ky_hieu={symbol}")
    assert direct and direct <= {r["van_ban"] for r in rows}
    assert {r["van_ban"] for r in rows if r["cap"] == 1} == direct


@pytest.mark.parametrize(("query", "params", "overdue"), [
    ("han_sap_toi", "so_ngay=30&ngay_tinh=2021-06-01&nguoi_thuc_hien=", False),
    ("han_sap_toi", "so_ngay=10&ngay_tinh=2021-06-01&nguoi_thuc_hien=tay+thanh", False),
    ("qua_han", "ngay_tinh=2021-06-01&nguoi_thuc_hien=", True),
])
def test_deadline_queries(client: Client, store: Path, query: str, params: str, overdue: bool) -> None:
    import datetime as dt

    from vbminer.queries import deadline_rows

    args = dict(p.split("=") for p in params.split("&"))
    as_of = dt.date.fromisoformat(args["ngay_tinh"])
    rows = client.rows(f"/kho/{query}.json?{params}")
    assert rows
    for r in rows:
        assert (r["so_ngay_con"] < 0) if overdue else (0 <= r["so_ngay_con"] <= int(args["so_ngay"]))
    assert [r["nguoi_thuc_hien"] for r in rows] == sorted(r["nguoi_thuc_hien"] for r in rows)
    named = {(r["van_ban"], r["han_cuoi"], r["nguoi_thuc_hien"]) for r in rows if r["nguoi_thuc_hien"] != "(chưa rõ)"}
    cli = deadline_rows(open_db(store), as_of=as_of, overdue=overdue,
                        assignee=args["nguoi_thuc_hien"].replace("+", " ") or None,
                        date_from=None if overdue else as_of,
                        date_to=None if overdue else as_of + dt.timedelta(days=int(args["so_ngay"])))
    assert named <= {(r["document_id"], r["due"], r["assignee"]) for r in cli}


def test_every_canned_query_runs_with_empty_parameters(client: Client) -> None:
    for name in QUERIES:
        response = client.get(f"/kho/{name}")
        assert response.status_code == 200, name


# ---------------------------------------------------------------------------------------------
# metadata, cells, read-only


def test_metadata_describes_every_store_table(store: Path) -> None:
    from vbminer.store import TABLES as STORE_TABLES

    meta = build_metadata()
    assert set(STORE_TABLES) <= set(meta["tables"])
    for table, (title, _, columns) in TABLES.items():
        with sqlite3.connect(store) as conn:
            real = {r[1] for r in conn.execute(f'pragma table_info("{table}")')}
        assert set(columns) <= real, table
        assert title


def test_documents_table_has_facets_and_a_link_to_the_annotated_view(client: Client) -> None:
    page = client.get("/kho/documents").text
    for facet in ("issuer_name", "area", "doc_type", "year_key"):
        assert f'data-column="{facet}"' in page
    assert "Xem văn bản đã chú thích" in page


def test_no_page_writes_to_the_store(store: Path) -> None:
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    c = Client(store)
    for url in ("/", "/kho/documents", "/-/vbminer/document/1", "/-/vbminer/search?q=dong", "/kho/han_sap_toi"):
        c.get(url)
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before


# ---------------------------------------------------------------------------------------------
# helpers: query folding, cited numbers, due dates


@pytest.mark.parametrize(("query", "expected"), [
    ("ky so", '"ky" "so"'),
    ("ký số", '"ky" "so"'),
    ("Đông", '"Dong"'),
    ('"ký số"', '"ky so"'),
    ("ký* OR chữ", "ky* OR chu"),
    ("08/CT-UBND", '"08/CT-UBND"'),
    ("", '""'),
    ("   ", '""'),
])
def test_fts_query(query: str, expected: str) -> None:
    assert fts_query(query) == expected


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("08/CT-UBND", "number", "8"),
    ("08/CT-UBND", "symbol", "CT-UBND"),
    ("12/2021/QĐ-UBND", "year", "2021"),
    ("12/2021/QĐ-UBND", "symbol", "QD-UBND"),
    ("Chỉ thị 08", "type", "chi thi"),
    ("Chỉ thị 08", "symbol", None),
    ("không phải số", "number", None),
    ("", "number", None),
])
def test_cite_part(text: str, part: str, expected: str | None) -> None:
    assert cite_part(text, part) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-06-05", "2021-06-05"), ("2022-11", "2022-11-30"), ("2021", "2021-12-31"), ("", None), (None, None),
])
def test_due(value: str | None, expected: str | None) -> None:
    assert due(value) == expected


# ---------------------------------------------------------------------------------------------
# the chart


class _Svg(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize(("points", "circles", "targets"), [
    ([], 0, 0),
    ([Point(None, 5.0, "x", False, None)], 0, 0),
    ([Point("2021-04-12", 5.0, "a", False, "/d/1")], 1, 0),
    ([Point("2021-04-12", 5.0, "a", False, "/d/1"), Point("2021-05", 80.0, "b", True, None)], 1, 1),
    ([Point("2021-04-12", 0.0, "a", False, None), Point("2022-04-14", 2.1, "b", False, None)], 2, 0),
])
def test_svg_chart(points: list[Point], circles: int, targets: int) -> None:
    svg = svg_chart(points)
    assert svg.count("<circle") == circles
    assert svg.count('class="target"') == targets
    assert (svg == "") == (circles + targets == 0)


@given(st.lists(st.tuples(st.dates(min_value=__import__("datetime").date(1990, 1, 1)).map(str),
                          st.floats(min_value=0, max_value=1e6, allow_nan=False), st.booleans()), max_size=12))
def test_svg_chart_points_lie_inside_the_picture(values: list[tuple[str, float, bool]]) -> None:
    svg = svg_chart([Point(d, v, "<&>", t, None) for d, v, t in values])
    parser = _Svg()
    parser.feed(svg)
    for tag, attrs in parser.tags:
        if tag == "circle":
            assert 0 <= float(attrs["cx"] or -1) <= 640 and 0 <= float(attrs["cy"] or -1) <= 260
    assert "<&>" not in svg


# ---------------------------------------------------------------------------------------------
# vbminer serve: bad input gets a clear answer


def test_check_store(tmp_path: Path, store: Path) -> None:
    check_store(store)
    with pytest.raises(ServeError, match="no such database"):
        check_store(tmp_path / "missing.db")
    (tmp_path / "text.db").write_text("not a database " * 100)
    with pytest.raises(ServeError, match="not an SQLite database"):
        check_store(tmp_path / "text.db")
    sqlite3.connect(tmp_path / "other.db").execute("create table t (x)").connection.commit()
    with pytest.raises(ServeError, match="not a vbminer store"):
        check_store(tmp_path / "other.db")


def test_check_port_in_use() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(ServeError, match="in use"):
            check_port("127.0.0.1", port)


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "no such database" in result.output
