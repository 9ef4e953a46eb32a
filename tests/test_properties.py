"""Property tests: extraction never raises, and every offset lies inside the text it claims."""

from __future__ import annotations

import random

from conftest import DISPATCHES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbminer import rules
from vbminer.normalize import normalize_text
from vbminer.pipeline import extract_bytes, extract_text

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
HEADER_BITS = [
    "ỦY BAN NHÂN DÂN", "HUYỆN YÊN THÀNH", "Số: 12/UBND-VP", "Số:   /KH-UBND", "V/v ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "Yên Thành, ngày 1 tháng 2 năm 2021", "Kính gửi:", "- ", "Nơi nhận:", "TM. UBND",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn A", "QUYẾT ĐỊNH", "Lưu: VT", "\n", "\n\n", "    ", "**",
    "./.", ";", ":",
]

texts = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \n\t.,;:/-()%*_#0123456789", max_size=600),
    st.lists(st.sampled_from(HEADER_BITS) | st.text(alphabet=VIETNAMESE + " ", max_size=20), max_size=60).map("".join),
)


def _check_offsets(dispatch) -> None:
    n = len(dispatch.text)
    for spans in dispatch.header.spans.values():
        for sp in spans:
            assert 0 <= sp.start <= sp.end <= n
    for seg in dispatch.segments:
        assert 0 <= seg.start <= seg.end <= n
    for ref in dispatch.references:
        for sp in ref.mentions:
            assert 0 <= sp.start < sp.end <= n
            written = dispatch.text[sp.start : sp.end]
            if ref.number:  # the number, or a pointer back at the document (`Tờ trình nêu trên`)
                assert ref.number in written or written.casefold().endswith(tuple(rules.references().anaphors))
    for unit in dispatch.units:
        for sp in unit.mentions:
            assert 0 <= sp.start < sp.end <= n
    for item in (*dispatch.metrics, *dispatch.deadlines, *dispatch.tasks, *dispatch.findings):
        assert 0 <= item.start <= item.end <= n
    for dl in dispatch.deadlines:
        assert dispatch.text[dl.start : dl.end] == dl.text
    assert dispatch.to_json()["schema_version"] == "1"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_never_raises_and_offsets_are_inside(text):
    _check_offsets(extract_text(text))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.md"]))
def test_random_bytes_never_raise_unexpectedly(data, name):
    from vbminer.read import ReadError

    try:
        _check_offsets(extract_bytes(data, name))
    except ReadError:
        pass  # a clear refusal (binary content, unsupported format) is allowed


@settings(max_examples=100, deadline=None)
@given(texts, st.booleans())
def test_normalisation_is_idempotent(text, markdown):
    once = normalize_text(text, markdown)
    assert normalize_text(once, markdown) == once


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(DISPATCHES) - 1), st.randoms(use_true_random=False))
def test_mutated_corpus_documents(index, rnd: random.Random):
    """Deleted, doubled and swapped lines of real-looking dispatches never break extraction."""
    lines = DISPATCHES[index].read_text(encoding="utf-8-sig").split("\n")
    for _ in range(rnd.randint(1, 6)):
        op = rnd.choice(["delete", "double", "swap", "markdown"])
        i = rnd.randrange(len(lines))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = f"**{lines[i]}**"
    _check_offsets(extract_text("\n".join(lines)))


def test_a_kept_doc_text_is_the_stored_text():
    """The syllable tokens of a kept ``Doc`` (``nlp()(text)``) give back the text offsets point
    into, character for character, so its spans line up with the extracted items. (``extract_*``
    run the components over a ``Doc`` without tokens: the extractors read the text from its state.)"""
    from vbminer.extract.base import context_for_text
    from vbminer.pipeline import nlp

    for path in DISPATCHES:
        ctx = context_for_text(path.read_text(encoding="utf-8-sig"), path.name)
        assert nlp()(ctx.text).text == ctx.text
    text = "a  b\n\n c\td  "
    assert nlp()(text).text == text
