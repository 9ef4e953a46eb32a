"""The extraction pipeline: read → normalise → segment → extract → (resolve) → :class:`Dispatch`.

Text stages are plain functions (``normalize``, ``segment``, ``unwrap``); the extractors run as
components of a spaCy ``Language`` (a blank Vietnamese pipeline with a tokenizer that cuts at
syllables and punctuation, so token boundaries fall on the offsets the rules report). Each
component wraps a pure function of the normalised text and leaves its results both on
``doc._.vbminer`` and as spans on ``doc.spans``, so later families (references, units, figures,
deadlines, tasks) are further components over the same ``Doc``.

``extract_*`` return a :class:`Dispatch` and drop the ``Doc``: they run the same components over a
``Doc`` without tokens (the text is in its state) and ask for no spans, which saved a tenth of the
extraction's CPU (the syllable tokens and the spans are for callers of :func:`nlp`, who keep the
``Doc``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .check import check
from .extract.base import Context
from .extract.deadlines import extract_deadlines
from .extract.header import extract_header
from .extract.metrics import extract_metrics
from .extract.references import extract_references
from .extract.tasks import extract_tasks
from .extract.units import extract_units
from .normalize import is_hard_wrapped, normalize, unwrap
from .read import read_bytes, read_path, sha256
from .segment import segment
from .types import Dispatch, NormalizedText, RawText, Segmentation, Source

#: A token (group 1) with the single space after it (group 2), or a run of other whitespace (group 3).
#: The standard ``re`` (its ``\w`` is Unicode-aware on ``str``) cuts the normalised (NFC) text as
#: ``regex`` does, at two thirds of the cost.
_TOKEN_OR_GAP = re.compile(r"(\w+|[^\w\s])( ?)|(\s+)")


class SyllableTokenizer:
    """Tokens are runs of word characters or single punctuation marks; whitespace is kept."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Tokens at syllables and punctuation. A single space after a token is its trailing
        whitespace; any other run of whitespace (line breaks, several spaces) is a token of its own,
        as in spaCy's tokenizers, so that ``doc.text == text`` and character offsets agree.

        One ``findall`` does the cutting (the tokenizer runs over every document's whole text: a
        loop over matches cost a third more, benchmarks/bench_ingest.py)."""
        found = _TOKEN_OR_GAP.findall(text)
        return Doc(self.vocab, words=[word or gap for word, _, gap in found],
                   spaces=[space == " " for _, space, _ in found])

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> SyllableTokenizer:
        return self


if not Doc.has_extension("vbminer"):
    Doc.set_extension("vbminer", default=None)


def _state(doc: Doc) -> dict[str, Any]:
    if doc._.vbminer is None:
        doc._.vbminer = {"warnings": []}
    return doc._.vbminer  # type: ignore[no-any-return]


def _text(doc: Doc) -> str:
    """The document's text, kept in its state: ``doc.text`` rebuilds it token by token (a Token
    object each), which cost a fifth of the extraction when every component asked for it."""
    state = _state(doc)
    text = state.get("text")
    if text is None:
        text = state["text"] = doc.text
    return text  # type: ignore[no-any-return]


def _wants_spans(doc: Doc) -> bool:
    return _state(doc).get("spans", True)  # type: ignore[no-any-return]


def _add_spans(doc: Doc, key: str, spans: dict[str, Any]) -> None:
    if not _wants_spans(doc):
        return
    group = []
    for label, items in sorted(spans.items()):
        for sp in items:
            span = doc.char_span(sp.start, sp.end, label=label, alignment_mode="expand")
            if span is not None:
                group.append(span)
    doc.spans[key] = group


@Language.component("vbminer_segmenter")
def segmenter_component(doc: Doc) -> Doc:
    """Lines and parts of the dispatch (header, body, closing, annex)."""
    state = _state(doc)
    seg: Segmentation = state.get("segmentation") or segment(_text(doc))
    state["segmentation"] = seg
    if not _wants_spans(doc):
        return doc
    group = []
    for s in seg.segments:
        span = doc.char_span(s.start, s.end, label=s.kind, alignment_mode="expand")
        if span is not None:
            group.append(span)
    doc.spans["segments"] = group
    return doc


@Language.component("vbminer_header")
def header_component(doc: Doc) -> Doc:
    """Header fields per Nghị định 30/2020/NĐ-CP; spans on ``doc.spans["header"]``."""
    state = _state(doc)
    header, warnings = extract_header(_text(doc), state["segmentation"])
    state["header"] = header
    state["warnings"].extend(warnings)
    _add_spans(doc, "header", header.spans)
    return doc


def _context(doc: Doc) -> Context:
    state = _state(doc)
    ctx = state.get("context")
    if ctx is None:
        ctx = Context(text=_text(doc), segmentation=state["segmentation"], header=state["header"], doc=doc)
        state["context"] = ctx
    return ctx  # type: ignore[no-any-return]


def _item_spans(doc: Doc, key: str, items: list[Any], label_of: Any) -> None:
    if not _wants_spans(doc):
        return
    group = []
    for item in items:
        label = label_of(item)
        pairs = [(sp.start, sp.end) for sp in item.mentions] if hasattr(item, "mentions") else [(item.start, item.end)]
        for start, end in pairs:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                group.append(span)
    doc.spans[key] = group


@Language.component("vbminer_units")
def units_component(doc: Doc) -> Doc:
    """Named units (communes, districts, departments ...), resolved against the gazetteer."""
    units = extract_units(_context(doc))
    _state(doc)["units"] = units
    _item_spans(doc, "units", units, lambda u: u.kind or "unit")
    return doc


@Language.component("vbminer_references")
def references_component(doc: Doc) -> Doc:
    """Cited documents, mentions merged."""
    refs = extract_references(_context(doc))
    _state(doc)["references"] = refs
    _item_spans(doc, "references", refs, lambda r: r.doc_type or "reference")
    return doc


@Language.component("vbminer_metrics")
def metrics_component(doc: Doc) -> Doc:
    """Percentages and ratios attributed to units."""
    metrics = extract_metrics(_context(doc), _state(doc).get("units", []))
    _state(doc)["metrics"] = metrics
    _item_spans(doc, "metrics", metrics, lambda m: m.kind)
    return doc


@Language.component("vbminer_deadlines")
def deadlines_component(doc: Doc) -> Doc:
    """Time limits."""
    deadlines = extract_deadlines(_context(doc), _state(doc).get("units", []))
    _state(doc)["deadlines"] = deadlines
    _item_spans(doc, "deadlines", deadlines, lambda d: "deadline")
    return doc


@Language.component("vbminer_tasks")
def tasks_component(doc: Doc) -> Doc:
    """Assignments: who leads, who partners, what, by when, reporting to whom."""
    tasks = extract_tasks(_context(doc), _state(doc).get("units", []))
    _state(doc)["tasks"] = tasks
    _item_spans(doc, "tasks", tasks, lambda t: t.role)
    return doc


@Language.component("vbminer_checks")
def checks_component(doc: Doc) -> Doc:
    """Form checks against Nghị định 30/2020/NĐ-CP; spans on ``doc.spans["findings"]``."""
    state = _state(doc)
    findings = check(_text(doc), state["segmentation"], state["header"])
    state["findings"] = findings
    _item_spans(doc, "findings", findings, lambda f: f.rule)
    return doc


COMPONENTS = (
    "vbminer_segmenter",
    "vbminer_header",
    "vbminer_units",
    "vbminer_references",
    "vbminer_metrics",
    "vbminer_deadlines",
    "vbminer_tasks",
    "vbminer_checks",
)


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The pipeline, built once per process."""
    lang = Language(Vocab())
    lang.tokenizer = SyllableTokenizer(lang.vocab)
    for name in COMPONENTS:
        lang.add_pipe(name)
    return lang


def prepare(raw: RawText) -> tuple[NormalizedText, Segmentation]:
    """Normalise and segment; hard-wrapped lines of the body and annex are then joined."""
    norm = normalize(raw)
    seg = segment(norm.text)
    text = norm.text
    for part in seg.segments:
        if part.kind in ("body", "annex"):
            # the header and signature lines are short by nature: tell a hard wrap from the body alone
            wrapped = norm.hard_wrapped or is_hard_wrapped(text[part.start : part.end].split("\n"))[0]
            text = unwrap(text, part.start, part.end, wrapped)
    if text != norm.text:
        norm = NormalizedText(text=text, source=norm.source, warnings=norm.warnings,
                              hard_wrapped=norm.hard_wrapped)
        seg = segment(text)
    return norm, seg


def working_doc(norm: NormalizedText, seg: Segmentation) -> Doc:
    """The ``Doc`` the components run over when it is not kept: no tokens (a token of the whole
    text would stay in the vocabulary's string store, which grows with every document a process
    reads), no spans; the text and the segmentation in its state."""
    doc = Doc(nlp().vocab, words=[], spaces=[])
    doc._.vbminer = {"warnings": [], "segmentation": seg, "text": norm.text, "spans": False}
    return doc


def _run(raw: RawText, upto: str | None = None) -> tuple[NormalizedText, Doc]:
    """Run the components over a ``Doc`` that is not kept: no tokens, no spans (see the module's
    docstring); the extractors read the text and the segmentation from the ``Doc``'s state."""
    norm, seg = prepare(raw)
    doc = working_doc(norm, seg)
    for name, proc in nlp().pipeline:
        doc = proc(doc)
        if name == upto:
            break
    return norm, doc


def make_context(raw: RawText) -> Context:
    """The context the body extractors receive (text, segmentation, header, Doc), for tests."""
    _, doc = _run(raw, upto="vbminer_header")
    return _context(doc)


def extract_raw(raw: RawText) -> Dispatch:
    norm, doc = _run(raw)
    state = doc._.vbminer
    return Dispatch(
        source=norm.source,
        text=norm.text,
        header=state["header"],
        segments=state["segmentation"].segments,
        references=tuple(state.get("references", ())),
        units=tuple(state.get("units", ())),
        metrics=tuple(state.get("metrics", ())),
        deadlines=tuple(state.get("deadlines", ())),
        tasks=tuple(state.get("tasks", ())),
        findings=tuple(state.get("findings", ())),
        warnings=tuple(norm.warnings) + tuple(state["warnings"]),
    )


def extract_bytes(data: bytes, name: str) -> Dispatch:
    """Extract a dispatch from a file's bytes; ``name`` is the path reported in ``source``."""
    return extract_raw(read_bytes(data, name))


def extract_text(text: str, name: str = "<text>") -> Dispatch:
    """Extract a dispatch from a string (as if read from a UTF-8 ``.txt`` file)."""
    data = text.encode("utf-8", errors="surrogatepass")
    source = Source(path=name, sha256=sha256(data), format="md" if name.endswith(".md") else "txt")
    return extract_raw(RawText(text=text, source=source))


def extract_path(path: str | Path, ocr: bool = True) -> Dispatch:
    """Extract a dispatch from a file; ``ocr=False`` skips scanned pages instead of reading them."""
    return extract_raw(read_path(path, ocr=ocr))
