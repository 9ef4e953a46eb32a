"""The web UI in a real headless browser: Chromium driven by selenium against `vbminer serve` on a free port.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package (test extra); skipped
with the reason when any is missing. Screenshots of each page go to the test's temporary folder.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPORA

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("headless browser test needs Debian's chromium and chromium-driver "
                "(apt-get install chromium chromium-driver)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install selenium)")
from selenium.webdriver.common.by import By  # noqa: E402

from vbminer.annotate import items_of  # noqa: E402
from vbminer.cli import iter_files  # noqa: E402
from vbminer.store import ingest, open_db, pipeline_extract  # noqa: E402
from vbminer.types import Dispatch  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("browser")
    store = folder / "kho.db"
    db = open_db(store)
    ingest(db, iter_files([CORPORA / "dispatches"]), pipeline_extract)
    db.close()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from vbminer.cli import main; main()",
         "serve", "--db", str(store), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # wait until it answers (or died)
            if proc.poll() is not None:
                pytest.fail(f"vbminer serve exited: {proc.stdout.read().decode() if proc.stdout else ''}")
            try:
                urllib.request.urlopen(base + "/-/vbminer", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base, store
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: Any, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 0


def test_search_without_diacritics_finds_documents(server: tuple[str, Path], browser: Any, tmp_path: Path) -> None:
    base, _ = server
    browser.get(base + "/")
    box = browser.find_element(By.ID, "vbminer-q")
    box.send_keys("ky so")
    box.submit()
    results = browser.find_elements(By.CSS_SELECTOR, ".vbminer-result")
    assert results
    marked = [m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, ".vbminer-result mark")]
    assert "ký" in marked and "số" in marked
    _shot(browser, tmp_path, "search")


def test_document_page_highlights_the_extracted_items(server: tuple[str, Path], browser: Any, tmp_path: Path) -> None:
    base, store = server
    doc_id = sqlite3.connect(store).execute(
        "select document_id from unit_mentions group by document_id order by count(*) desc").fetchone()[0]
    dispatch = Dispatch.from_json(json.loads(sqlite3.connect(store).execute(
        "select dispatch from documents where id = ?", [doc_id]).fetchone()[0]))
    items = items_of(dispatch)
    browser.get(f"{base}/-/vbminer/document/{doc_id}")
    assert browser.find_elements(By.CSS_SELECTOR, ".vbminer-links a[href*='/-/vbminer/unit/']")
    _shot(browser, tmp_path, "document")
    browser.switch_to.frame(browser.find_element(By.ID, "vbminer-annotated"))
    try:
        marks = browser.find_elements(By.CSS_SELECTOR, "#text mark")
        assert marks
        # every highlighted piece lies inside the text of an item of its family
        texts = {(a.family, dispatch.text[a.start:a.end]) for a in items}
        for mark in marks[:60]:
            family = next(c[4:] for c in mark.get_attribute("class").split() if c.startswith("top-"))
            piece = mark.get_attribute("textContent")
            assert any(f == family and piece in t for f, t in texts), (family, piece)
        unit_marks = browser.find_elements(By.CSS_SELECTOR, "#text mark.top-units")
        assert unit_marks
        colour = unit_marks[0].value_of_css_property("background-color")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        browser.find_element(By.CSS_SELECTOR, ".legend input[value='units']").click()
        assert unit_marks[0].value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")
        browser.find_element(By.CSS_SELECTOR, ".legend input[value='units']").click()
        assert unit_marks[0].value_of_css_property("background-color") == colour
    finally:
        browser.switch_to.default_content()


def test_unit_page_shows_its_figures_as_a_chart(server: tuple[str, Path], browser: Any, tmp_path: Path) -> None:
    base, store = server
    unit_id = sqlite3.connect(store).execute(
        """select m.unit_id from metrics m join documents d on d.id = m.document_id
           where m.unit_id is not null and m.value is not null and d.date is not null
           group by m.unit_id order by count(distinct m.document_id) desc, m.unit_id""").fetchone()[0]
    browser.get(f"{base}/-/vbminer/unit/{unit_id}")
    chart = browser.find_element(By.CSS_SELECTOR, "svg.vbminer-chart")
    assert chart.size["width"] > 100 and chart.size["height"] > 100
    assert chart.find_elements(By.CSS_SELECTOR, "circle, path.target")
    _shot(browser, tmp_path, "unit")


@pytest.mark.parametrize(("page", "name"), [
    ("kho/chuoi_chi_dao?so_ky_hieu=08/CT-UBND", "chain"),
    ("kho/han_sap_toi?so_ngay=30&ngay_tinh=2021-06-01&nguoi_thuc_hien=", "deadlines"),
    ("kho/lich_su_don_vi?don_vi=tay+thanh", "unit-history"),
])
def test_canned_query_pages(server: tuple[str, Path], browser: Any, tmp_path: Path, page: str, name: str) -> None:
    base, _ = server
    browser.get(f"{base}/{page}")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert rows
    assert browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns a[href*='/-/vbminer/document/']")
    _shot(browser, tmp_path, name)
