"""The spaCy pipeline for callers who keep the ``Doc``: syllable tokens and spans on ``doc.spans``.

``extract_*`` run the same components over a one-token ``Doc`` without spans; these tests hold the
two ways to the same results, and the spans to the items they stand for.
"""

from __future__ import annotations

import pytest
from conftest import DISPATCHES

from vbminer.pipeline import nlp, prepare
from vbminer.read import read_path
from vbminer.types import Dispatch


def _doc_and_dispatch(path):
    from vbminer.pipeline import extract_raw

    raw = read_path(path)
    norm, seg = prepare(raw)
    doc = nlp()(norm.text)  # the segmenter segments the text itself
    return norm.text, doc, extract_raw(raw)


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.stem[:3])
def test_a_kept_doc_holds_what_extract_returns_with_a_span_for_each_mention(path):
    text, doc, dispatch = _doc_and_dispatch(path)
    assert isinstance(dispatch, Dispatch)
    assert doc.text == text
    state = doc._.vbminer
    for family in ("units", "references", "metrics", "deadlines", "tasks"):
        assert tuple(state[family]) == getattr(dispatch, family), family
    assert state["header"] == dispatch.header

    # every mention of a unit is a span of doc.spans["units"] over the same characters (mentions
    # start and end at syllables, so "expand" alignment is exact)
    want = sorted((m.start, m.end) for u in dispatch.units for m in u.mentions)
    got = sorted((s.start_char, s.end_char) for s in doc.spans["units"])
    assert got == want
    assert sorted((s.start_char, s.end_char) for s in doc.spans["deadlines"]) == sorted(
        (d.start, d.end) for d in dispatch.deadlines)
    assert {s.label_ for s in doc.spans["segments"]} >= {"header", "body"}


def test_tokens_are_syllables_and_marks_with_whitespace_kept():
    doc = nlp().make_doc("Số: 318/UBND-VP\n\nxã  Tân Lập")
    assert [t.text for t in doc] == ["Số", ":", "318", "/", "UBND", "-", "VP", "\n\n", "xã", " ", "Tân", "Lập"]
    assert doc.text == "Số: 318/UBND-VP\n\nxã  Tân Lập"


def test_extracting_documents_does_not_grow_the_vocabulary():
    """A long-running worker extracts documents by the hundred thousand: nothing of a document may
    stay in the shared spaCy vocabulary (its string store never shrinks)."""
    from vbminer.pipeline import extract_text

    extract_text(DISPATCHES[0].read_text(encoding="utf-8"))
    before = len(nlp().vocab.strings)
    for path in DISPATCHES[1:6]:
        extract_text(path.read_text(encoding="utf-8"), path.name)
    assert len(nlp().vocab.strings) == before
