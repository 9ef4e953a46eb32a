"""The annotated HTML view: self-contained, the text intact, every item marked where it was read."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from conftest import DISPATCHES
from typer.testing import CliRunner

from vbminer.annotate import FAMILIES, items_of, render_html
from vbminer.cli import app
from vbminer.pipeline import extract_path
from vbminer.types import Finding


class _Marks(HTMLParser):
    """Collects the text of #text and, per <mark>, its offset range in that text and its tip."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_text = 0
        self.text: list[str] = []
        self.marks: list[tuple[int, int, str]] = []
        self._open: tuple[int, str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and a.get("id") == "text":
            self.in_text = 1
        elif self.in_text and tag == "mark":
            self._open = (len("".join(self.text)), a["data-tip"])

    def handle_endtag(self, tag):
        if tag == "mark" and self._open:
            start, tip = self._open
            self.marks.append((start, len("".join(self.text)), tip))
            self._open = None
        elif tag == "div" and self.in_text:
            self.in_text = 0

    def handle_data(self, data):
        if self.in_text:
            self.text.append(data)


@pytest.mark.parametrize("path", DISPATCHES[:8], ids=lambda p: p.stem[:3])
def test_text_is_intact_and_items_are_marked_in_place(path):
    d = extract_path(path)
    page = render_html(d)
    parser = _Marks()
    parser.feed(page)
    assert "".join(parser.text) == d.text
    covered = set()
    for start, end, _ in parser.marks:
        covered.update(range(start, end))
    for a in items_of(d):
        assert set(range(a.start, a.end)) <= covered, a


def test_page_is_self_contained_and_has_a_toggle_per_family():
    page = render_html(extract_path(DISPATCHES[0]))
    assert not re.search(r"(?:src|href)=|https?://|<link", page)
    for family in FAMILIES:
        assert f'value="{family}"' in page


def test_tip_says_what_the_item_was_read_as():
    d = extract_path(DISPATCHES[0])
    page = render_html(d)
    assert html.escape(f"symbol: {d.header.symbol}", quote=True) in page
    assert html.escape(f"signer.name: {d.header.signer.name}", quote=True) in page


def test_an_offset_outside_the_text_is_a_bug_upstream():
    d = extract_path(DISPATCHES[0])
    bad = replace(d, findings=(Finding("x", "c", "note", "m", 0, len(d.text) + 5),))
    with pytest.raises(ValueError, match="outside the text"):
        render_html(bad)


def test_cli_writes_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "a.html"
    runner = CliRunner()
    assert runner.invoke(app, ["annotate", str(DISPATCHES[1]), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = runner.invoke(app, ["annotate", str(DISPATCHES[1]), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert runner.invoke(app, ["annotate", str(DISPATCHES[1]), "-o", str(out), "--force"]).exit_code == 0
