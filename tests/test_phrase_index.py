"""The phrase indexes that let the task and deadline rules skip places where none of their phrases
can start (``FirstWords`` and ``matches_at`` in ``vbminer.extract.base``, ``_Phrases`` in
``vbminer.extract.tasks``) must find exactly what the plain patterns find: property tests over texts
made of the rules' own words, in any case, with the punctuation and spacing of dispatches."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from vbminer import rules
from vbminer.extract import deadlines, tasks
from vbminer.extract.base import FirstWords, fold, folded, matches_at

_TASK_PATS = rules.tasks()
_DEADLINE_PATS = rules.deadlines()
_PHRASE_LISTS = (
    _TASK_PATS.triggers, _TASK_PATS.partner_words, _TASK_PATS.lead_words, _TASK_PATS.report_leads,
    _TASK_PATS.posts, _TASK_PATS.heads, _TASK_PATS.verbs, _TASK_PATS.name_stops, _TASK_PATS.name_inner,
    _TASK_PATS.name_tails, _TASK_PATS.relative_words, _TASK_PATS.plural_heads,
    _DEADLINE_PATS.day_leads, _DEADLINE_PATS.period_leads, _DEADLINE_PATS.field_leads,
)
#: Whole phrases of the rules, their single words, what follows a lead (dates, periods, names), and a
#: few letters whose case folding is special.
_PHRASES_AND_WORDS = sorted({p for phrases in _PHRASE_LISTS for p in phrases}
                            | {w for phrases in _PHRASE_LISTS for p in phrases for w in p.split()}) + [
    "các", "Các", "ngày 15/8/2021", "15/8/2021", "tháng 11/2022", "quý III năm 2024", "năm 2024", "Sở Nội vụ",
    "UBND xã", "İ", "ı", "ß", "ﬁ"]
_GAPS = [" ", " ", " ", " ", " ", "  ", ", ", "; ", ": ", ".\n", "\n", " (", ") ", " - ", "/", ""]


def _case(word: str, how: int) -> str:
    return (word, word.upper(), word.capitalize(), word.lower())[how]


@st.composite
def dispatch_like(draw: st.DrawFn) -> str:
    """A run of the rules' words (and a few letters whose case folding is special) with dispatch gaps."""
    n = draw(st.integers(1, 30))
    parts = []
    for _ in range(n):
        word = draw(st.sampled_from(_PHRASES_AND_WORDS))
        parts.append(_case(word, draw(st.integers(0, 3))))
        parts.append(draw(st.sampled_from(_GAPS)))
    return "".join(parts)


def _spans(matches: object) -> list[tuple[int, int, tuple[int, int]]]:
    return [(m.start(), m.end(), m.span(1) if m.re.groups else (0, 0)) for m in matches]  # type: ignore[attr-defined]


_INDEXED = {
    "task triggers": lambda: (tasks._vocab().triggers, tasks._vocab().trigger),
    "task partners": lambda: (tasks._vocab().partners, tasks._vocab().partner),
    "task leads": lambda: (tasks._vocab().leads, tasks._vocab().lead),
    "task reports": lambda: (tasks._vocab().reports, tasks._vocab().report),
    "deadline days": lambda: (deadlines._vocab().day_leads, deadlines._vocab().day),
    "deadline periods": lambda: (deadlines._vocab().period_leads, deadlines._vocab().period),
    "deadline fields": lambda: (deadlines._vocab().field_leads, deadlines._vocab().field),
}


@pytest.mark.parametrize("name", sorted(_INDEXED))
@settings(max_examples=150, deadline=None)
@given(text=dispatch_like(), data=st.data())
def test_first_words_find_what_the_pattern_finds(name, text, data):
    index, pattern = _INDEXED[name]()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _spans(index.finditer(pattern, text, start, end)) == _spans(pattern.finditer(text, start, end))


_PHRASES = {
    "start": lambda v: v.start, "verb": lambda v: v.verb, "stop": lambda v: v.stop, "inner": lambda v: v.inner,
    "tail": lambda v: v.tail, "relative": lambda v: v.relative, "plural": lambda v: v.plural,
    "post": lambda v: v.post,
}


@pytest.mark.parametrize("name", sorted(_PHRASES))
@settings(max_examples=100, deadline=None)
@given(text=dispatch_like())
def test_phrase_groups_match_as_the_whole_pattern(name, text):
    """``_Phrases.match`` (only the phrases whose first characters fit) equals the pattern built
    from every phrase, at every position of the text."""
    phrases = _PHRASES[name](tasks._vocab())
    whole = phrases._build(phrases._groups[""])
    for pos in range(len(text)):
        got, want = phrases.match(text, pos), whole.match(text, pos)
        assert (got and got.span()) == (want and want.span()), (pos, text[pos:pos + 20])


@pytest.mark.parametrize("name", sorted(_PHRASES))
def test_every_phrase_is_matched_as_by_the_whole_pattern(name):
    """Each phrase of the list, in three cases, inside a sentence: the same match at every position."""
    phrases = _PHRASES[name](tasks._vocab())
    whole = phrases._build(phrases._groups[""])
    for phrase in phrases._groups[""]:
        for variant in (phrase, phrase.upper(), phrase.capitalize()):
            text = f"Giao {variant}, {variant} chủ trì"
            for pos in range(len(text)):
                got, want = phrases.match(text, pos), whole.match(text, pos)
                assert (got and got.span()) == (want and want.span()), (phrase, text[pos:])


@pytest.mark.parametrize("text, expected", [("ĐÔN ĐỐC", "đôn đốc"), ("BIİ", None), ("Kİ", None), ("TRƯỚC", "trước")])
def test_folding_keeps_offsets_or_says_it_cannot(text, expected):
    assert folded(text) == expected
    if expected is not None:
        assert len(fold(text)) == len(text)


def test_matches_at_without_places_is_finditer():
    pattern = regex.compile(r"(?<!\w)ab")
    text = "ab xab ab"
    assert _spans(matches_at(pattern, text, None, 0, len(text))) == _spans(pattern.finditer(text))
    assert [m.start() for m in matches_at(pattern, text, [0, 4, 7], 0, len(text))] == [0, 7]


def test_a_text_whose_folding_changes_its_length_is_scanned_whole():
    index = FirstWords(["trước ngày"])
    assert index.starts("ẞ trước ngày") is None  # ẞ folds to "ss"
    assert index.starts("xx trước ngày") == [3]
