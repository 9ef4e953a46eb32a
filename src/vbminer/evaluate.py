"""Score extracted dispatches against gold annotations (``vbminer eval``).

The rules are those of the shared reference scorer (``shared/eval/score.py``, gold format in
``shared/eval/GOLD_FORMAT.md``), so that ``vbminer eval`` and the scorer print the same numbers:

* every header field is one decision (a wrong value counts as one false positive and one miss);
* ``recipients`` and ``cc`` are matched item by item, one to one, at a word-overlap F1 of 0.8;
* references, units, metrics, deadlines and tasks are matched one to one, greedily, in gold order;
  a prediction that only fits an ``*_optional`` gold item is neither a hit nor a false positive;
* a family that a gold file leaves out is not scored for that document;
* a document with no prediction is scored against an empty prediction.

Counts are summed over documents (micro average) per family; ``macro-F1`` is the mean F1 of the
families that had anything to score. Standard library only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FAMILIES",
    "DocumentReport",
    "EvalReport",
    "FamilyScore",
    "load_gold",
    "normalize",
    "reference_key",
    "render_table",
    "score",
    "unit_form",
    "word_f1",
]

JsonDict = dict[str, Any]

FAMILIES: tuple[str, ...] = (
    "header",
    "recipients",
    "cc",
    "references",
    "units",
    "metrics",
    "deadlines",
    "tasks",
)
"""Field families, in the order the table lists them."""

HEADER_FIELDS: tuple[str, ...] = (
    "number",
    "symbol",
    "doc_type",
    "place",
    "date",
    "subject",
    "issuer_locality",
    "signer_name",
    "signer_title",
    "signer_authority",
)
"""Header fields scored one decision each (``year`` and the header lists are not among them)."""

SUBJECT_MIN_F1 = 0.85
LIST_ITEM_MIN_F1 = 0.8
TASK_MIN_OVERLAP = 0.75
PERCENT_TOLERANCE = 0.011
COUNT_TOLERANCE = 1e-6


# ------------------------------------------------------------------ text normalisation


def _old_style_tones() -> dict[str, str]:
    """Map old-style tone placement on ``oa``, ``oe``, ``uy`` to the modern one (``oà`` -> ``òa``)."""
    marks = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
    table: dict[str, str] = {}
    for glide, vowel in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in marks:
            old = glide + unicodedata.normalize("NFC", vowel + mark)
            table[old] = unicodedata.normalize("NFC", glide + mark) + vowel
    return table


_OLD_TONES = _old_style_tones()
# Only at the end of a syllable (no letter follows) and not in "qu" (quý stays quý).
_OLD_TONE_RE = re.compile(
    "(?<!q)(?:" + "|".join(_OLD_TONES) + ")(?![a-z\u00e0-\u1ef9])",
    re.IGNORECASE,
)
_PUNCTUATION_RE = re.compile("[\u2010-\u2015\\-/.,;:()\"'\u201c\u201d*]")
_SPACES_RE = re.compile(r"\s+")
_UNIT_PREFIXES = (
    "ubnd",
    "ủy ban nhân dân",
    "chủ tịch ubnd",
    "xã",
    "thị trấn",
    "phường",
    "huyện",
    "tỉnh",
    "phòng",
    "trung tâm",
    "ban",
    "sở",
)
_UNIT_PREFIX_RE = re.compile("^(?:(?:" + "|".join(map(re.escape, _UNIT_PREFIXES)) + r")\s+)+")


def _modern_tone(match: re.Match[str]) -> str:
    """Replacement for one old-style syllable ending; case is dropped later by casefolding."""
    return _OLD_TONES[match.group(0).lower()]


def normalize(text: str | None) -> str:
    """Normalise text for comparison.

    NFC; old-style tone placement moved (``hoà`` -> ``hòa``); casefolded; ``&`` read as ``và``;
    dashes, slashes, dots, commas, colons, brackets, quotes and ``*`` turned into spaces; runs of
    whitespace collapsed. ``None`` gives ``""``.
    """
    if text is None:
        return ""
    composed = unicodedata.normalize("NFC", text)
    retoned = _OLD_TONE_RE.sub(_modern_tone, composed)
    folded = retoned.casefold().replace("&", " và ")
    spaced = _PUNCTUATION_RE.sub(" ", folded)
    return _SPACES_RE.sub(" ", spaced).strip()


def unit_form(name: str | None) -> str:
    """A unit name normalised, without leading ``xã``/``huyện``/``UBND``/``phòng``/... words."""
    return _UNIT_PREFIX_RE.sub("", normalize(name)).strip()


def reference_key(text: str | None) -> str:
    """A document key (``08/CT-UBND``) for comparison: NFC, no spaces, casefolded, ``-`` read as ``/``.

    Party documents write ``14-KH/TU`` where a tool may give number ``14`` and symbol ``KH/TU``;
    both give ``14/kh/tu``.
    """
    compact = _SPACES_RE.sub("", unicodedata.normalize("NFC", text or ""))
    return compact.casefold().replace("-", "/")


def word_f1(first: str | None, second: str | None) -> float:
    """F1 of the two texts' sets of normalised words (1.0 when both are empty)."""
    first_words = set(normalize(first).split())
    second_words = set(normalize(second).split())
    if not first_words and not second_words:
        return 1.0
    shared = len(first_words & second_words)
    if not shared:
        return 0.0
    precision = shared / len(first_words)
    recall = shared / len(second_words)
    return 2 * precision * recall / (precision + recall)


def _text(value: object) -> str | None:
    """A predicted value as text (``None`` stays ``None``; numbers are written out)."""
    if value is None or isinstance(value, str):
        return value
    return str(value)


def _number(value: object) -> float | None:
    """A predicted or gold figure as a float, or ``None`` when it is not one."""
    if isinstance(value, (int, float, str)):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _close(first: object, second: object, tolerance: float) -> bool:
    """True when both values are numbers at most ``tolerance`` apart."""
    a, b = _number(first), _number(second)
    return a is not None and b is not None and abs(a - b) <= tolerance


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class FamilyScore:
    """True positives, false positives and misses of one field family."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: FamilyScore) -> FamilyScore:
        return FamilyScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to be found."""
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def scored(self) -> bool:
        """True when the family had anything to score."""
        return self.tp + self.fp + self.fn > 0


@dataclass(frozen=True)
class DocumentReport:
    """What one document got wrong, in words (empty ``notes`` when nothing)."""

    file: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    """Scores over a set of documents."""

    families: dict[str, FamilyScore]
    reference_type_accuracy: float | None
    reference_date_accuracy: float | None
    documents: tuple[DocumentReport, ...]

    @property
    def macro_f1(self) -> float:
        """Mean F1 of the families that had anything to score (0.0 when none had)."""
        scores = [family.f1 for family in self.families.values() if family.scored]
        return sum(scores) / len(scores) if scores else 0.0

    def to_dict(self) -> JsonDict:
        """The scores in the shape of ``score.py --json``."""
        table: JsonDict = {}
        for name, family in self.families.items():
            row: JsonDict = {
                "precision": family.precision,
                "recall": family.recall,
                "f1": family.f1,
                "tp": family.tp,
                "fp": family.fp,
                "fn": family.fn,
            }
            if name == "references":
                row["type_accuracy"] = self.reference_type_accuracy
                row["date_accuracy"] = self.reference_date_accuracy
            table[name] = row
        return {"families": table, "macro_f1": self.macro_f1}


# ------------------------------------------------------------------ one-to-one matching

Fits = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class _Matching:
    """Outcome of matching predicted items with gold items."""

    hits: int
    missed: tuple[Any, ...]
    extra: tuple[Any, ...]

    @property
    def counts(self) -> FamilyScore:
        return FamilyScore(self.hits, len(self.extra), len(self.missed))


def _match(
    predicted: Sequence[Any], required: Sequence[Any], optional: Sequence[Any], fits: Fits
) -> _Matching:
    """Pair each required gold item, in order, with the first unused prediction that fits it.

    Unused predictions that fit an optional gold item are ignored; the rest are extras.
    """
    unused = list(predicted)
    missed: list[Any] = []
    for wanted in required:
        position = next((i for i, item in enumerate(unused) if fits(item, wanted)), None)
        if position is None:
            missed.append(wanted)
        else:
            del unused[position]
    extra = [item for item in unused if not any(fits(item, maybe) for maybe in optional)]
    return _Matching(len(required) - len(missed), tuple(missed), tuple(extra))


def _note(
    family: str,
    matching: _Matching,
    show_missed: Callable[[Any], object],
    show_extra: Callable[[Any], object],
) -> list[str]:
    """``family: missed [...] extra [...]`` when anything was missed or extra."""
    if not matching.missed and not matching.extra:
        return []
    missed = [show_missed(item) for item in matching.missed]
    extra = [show_extra(item) for item in matching.extra]
    return [f"{family}: missed {missed} extra {extra}"]


def _as_is(item: object) -> object:
    return item


def _first_alias(aliases: Sequence[str]) -> str:
    return aliases[0]


# ------------------------------------------------------------------ header


_NESTED_HEADER_FIELDS = {
    "issuer_locality": ("issuer", "locality"),
    "signer_name": ("signer", "name"),
    "signer_title": ("signer", "title"),
    "signer_authority": ("signer", "authority"),
}
"""Gold header fields read from an object inside the predicted header."""


def _header_value(prediction: Mapping[str, Any], field: str) -> object:
    """The predicted value of a gold header field (issuer and signer fields are nested)."""
    header = prediction.get("header") or {}
    if field in _NESTED_HEADER_FIELDS:
        parent, key = _NESTED_HEADER_FIELDS[field]
        return (header.get(parent) or {}).get(key)
    return header.get(field)


def _header_field_ok(field: str, got: object, want: str | None) -> bool:
    """One header decision: null gold wants nothing; subject by word F1; symbol as a key."""
    if want is None:
        return got is None or got == ""
    if field == "subject":
        return word_f1(_text(got), want) >= SUBJECT_MIN_F1
    if field == "symbol":
        return reference_key(_text(got)) == reference_key(want)
    return normalize("" if got is None else str(got)) == normalize(want)


def _score_header(
    gold_header: Mapping[str, Any], prediction: Mapping[str, Any]
) -> tuple[FamilyScore, list[str]]:
    """Score the header fields the gold file gives."""
    right = wrong = 0
    notes: list[str] = []
    for field in HEADER_FIELDS:
        if field not in gold_header:
            continue
        got, want = _header_value(prediction, field), gold_header[field]
        if _header_field_ok(field, got, want):
            right += 1
        else:
            wrong += 1
            notes.append(f"header.{field}: got {got!r} want {want!r}")
    return FamilyScore(right, wrong, wrong), notes


def _similar_line(got: object, want: str) -> bool:
    return word_f1(_text(got), want) >= LIST_ITEM_MIN_F1


def _score_header_list(
    name: str, gold_header: Mapping[str, Any], prediction: Mapping[str, Any]
) -> tuple[FamilyScore, list[str]]:
    """Score ``recipients`` or ``cc`` item by item (not scored when the gold file leaves it out)."""
    if name not in gold_header:
        return FamilyScore(), []
    header = prediction.get("header") or {}
    matching = _match(header.get(name) or [], gold_header[name], [], _similar_line)
    return matching.counts, _note(name, matching, _as_is, _as_is)


# ------------------------------------------------------------------ body families


def _predicted(gold: Mapping[str, Any], prediction: Mapping[str, Any], family: str) -> list[Any]:
    """The predicted items of a family, or none when the gold file does not score it."""
    if family not in gold:
        return []
    return list(prediction.get(family) or [])


def _predicted_reference_key(reference: Mapping[str, Any]) -> str:
    """``number/year/symbol`` of a predicted reference, as a comparison key."""
    parts = (reference.get(k) for k in ("number", "year", "symbol"))
    return reference_key("/".join(str(p) for p in parts if p))


def _same_reference(reference: Mapping[str, Any], gold_reference: Mapping[str, Any]) -> bool:
    return _predicted_reference_key(reference) == reference_key(gold_reference["key"])


def _reference_details(
    references: Sequence[Mapping[str, Any]], gold_references: Sequence[Mapping[str, Any]]
) -> list[tuple[bool, bool]]:
    """For each required gold reference found among the predictions (first one with its key, whether
    or not the one-to-one matching used it): whether its type and its date are right."""
    checks: list[tuple[bool, bool]] = []
    for wanted in gold_references:
        found = next((r for r in references if _same_reference(r, wanted)), None)
        if found is not None:
            type_ok = normalize(_text(found.get("doc_type"))) == normalize(wanted.get("doc_type"))
            date_ok = (found.get("date") or None) == wanted.get("date")
            checks.append((type_ok, date_ok))
    return checks


def _unit_names(unit: Mapping[str, Any]) -> set[str]:
    """The forms a predicted unit can match by: name, canonical, and kind + name (empties dropped)."""
    name, canonical, kind = (unit.get(k) for k in ("name", "canonical", "kind"))
    forms = {unit_form(str(value)) for value in (name, canonical) if value}
    if kind and name:
        forms.add(unit_form(f"{kind} {name}"))
    return {form for form in forms if form}


def _fits_aliases(forms: set[str], aliases: Sequence[str] | None) -> bool:
    """True when one form equals one alias; a ``None`` alias list wants no forms at all."""
    if aliases is None:
        return not forms
    return not forms.isdisjoint(unit_form(alias) for alias in aliases)


def _same_unit(unit: Mapping[str, Any], aliases: Sequence[str]) -> bool:
    return _fits_aliases(_unit_names(unit), aliases)


def _unit_synonyms(units: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """For each form of a predicted unit, every form of every predicted unit sharing it."""
    synonyms: dict[str, set[str]] = {}
    for unit in units:
        forms = _unit_names(unit)
        for form in forms:
            synonyms.setdefault(form, set()).update(forms)
    return synonyms


def _metric_fits(synonyms: Mapping[str, set[str]]) -> Fits:
    """A matcher for metrics, resolving a metric's unit through the predicted units' synonyms."""

    def fits(metric: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
        unit = metric.get("unit")
        forms: set[str] = set()
        if unit:
            own = unit_form(str(unit))
            forms = {own} | synonyms.get(own, set())
        if not _fits_aliases(forms, wanted.get("unit")):
            return False
        if "numerator" in wanted:
            return _close(metric.get("numerator"), wanted["numerator"], COUNT_TOLERANCE) and _close(
                metric.get("denominator"), wanted["denominator"], COUNT_TOLERANCE
            )
        is_percent = metric.get("kind", "percent") == "percent"
        return is_percent and _close(metric.get("value"), wanted["value"], PERCENT_TOLERANCE)

    return fits


def _show_gold_metric(metric: Mapping[str, Any]) -> tuple[object, object]:
    unit = metric["unit"][0] if metric["unit"] else None
    if "value" in metric:
        return unit, metric["value"]
    return unit, f"{metric.get('numerator')}/{metric.get('denominator')}"


def _same_deadline(deadline: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    return bool(deadline.get("date") == wanted["date"])


def _same_assignee(task: Mapping[str, Any], aliases: Sequence[str]) -> bool:
    """Assignee equal to an alias after normalisation, or sharing 75% of the words (Jaccard)."""
    assignee = normalize(_text(task.get("assignee")))
    if not assignee:
        return False
    words = set(assignee.split())
    for alias in aliases:
        wanted = normalize(alias)
        if assignee == wanted:
            return True
        alias_words = set(wanted.split())
        if len(words & alias_words) / max(1, len(words | alias_words)) >= TASK_MIN_OVERLAP:
            return True
    return False


def _score_list(
    family: str,
    gold: Mapping[str, Any],
    predicted: Sequence[Any],
    fits: Fits,
    show_missed: Callable[[Any], object],
    show_extra: Callable[[Any], object],
) -> tuple[FamilyScore, list[str]]:
    """Score one body family: required items for recall, optional ones neutral, the rest extras."""
    matching = _match(predicted, gold.get(family, []), gold.get(f"{family}_optional", []), fits)
    return matching.counts, _note(family, matching, show_missed, show_extra)


# ------------------------------------------------------------------ documents


@dataclass(frozen=True)
class _DocumentScore:
    counts: dict[str, FamilyScore]
    notes: tuple[str, ...]
    reference_checks: tuple[tuple[bool, bool], ...]


_NO_PREDICTION: JsonDict = {
    "header": {},
    "references": [],
    "units": [],
    "metrics": [],
    "deadlines": [],
    "tasks": [],
}


def _score_document(gold: Mapping[str, Any], prediction: Mapping[str, Any] | None) -> _DocumentScore:
    """Score one gold file against its prediction (``None`` when the tool gave none)."""
    notes: list[str] = []
    if prediction is None:
        notes.append("NO PREDICTION")
        prediction = _NO_PREDICTION
    gold_header = gold.get("header", {})
    counts: dict[str, FamilyScore] = {}

    counts["header"], found = _score_header(gold_header, prediction)
    notes += found
    for name in ("recipients", "cc"):
        counts[name], found = _score_header_list(name, gold_header, prediction)
        notes += found

    references = _predicted(gold, prediction, "references")
    counts["references"], found = _score_list(
        "references", gold, references, _same_reference, lambda g: g["key"], _predicted_reference_key
    )
    notes += found
    checks = _reference_details(references, gold.get("references", []))

    units = _predicted(gold, prediction, "units")
    counts["units"], found = _score_list(
        "units", gold, units, _same_unit, _first_alias, lambda u: u.get("name")
    )
    notes += found

    counts["metrics"], found = _score_list(
        "metrics",
        gold,
        _predicted(gold, prediction, "metrics"),
        _metric_fits(_unit_synonyms(units)),
        _show_gold_metric,
        lambda m: (m.get("unit"), m.get("value")),
    )
    notes += found

    counts["deadlines"], found = _score_list(
        "deadlines",
        gold,
        _predicted(gold, prediction, "deadlines"),
        _same_deadline,
        lambda d: d["date"],
        lambda d: d.get("date"),
    )
    notes += found

    counts["tasks"], found = _score_list(
        "tasks",
        gold,
        _predicted(gold, prediction, "tasks"),
        _same_assignee,
        _first_alias,
        lambda t: t.get("assignee"),
    )
    notes += found
    return _DocumentScore(counts, tuple(notes), tuple(checks))


def _by_file_name(predictions: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Index predictions by the base name of ``source.path`` (a later one replaces an earlier one)."""
    indexed: dict[str, Mapping[str, Any]] = {}
    for prediction in predictions:
        path = (prediction.get("source") or {}).get("path")
        if not isinstance(path, str):
            raise ValueError("a prediction has no source.path to pair it with a gold file")
        indexed[Path(path).name] = prediction
    return indexed


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def load_gold(gold_dir: Path) -> list[JsonDict]:
    """Read every ``*.json`` gold file of ``gold_dir``, in file-name order. A file that cannot be read
    or is no JSON raises ``ValueError`` naming it."""
    docs = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            docs.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: {exc}") from exc
    return docs


def score(gold: Iterable[Mapping[str, Any]], predictions: Iterable[Mapping[str, Any]]) -> EvalReport:
    """Score predictions (dicts as ``vbminer extract --json`` prints them) against gold annotations.

    A prediction is paired with the gold file whose ``file`` is the base name of its ``source.path``;
    predictions without a gold file are ignored, gold files without a prediction count as all misses.
    """
    by_name = _by_file_name(predictions)
    by_stem = {Path(name).stem: p for name, p in by_name.items()}
    totals = {family: FamilyScore() for family in FAMILIES}
    checks: list[tuple[bool, bool]] = []
    documents: list[DocumentReport] = []
    for annotation in gold:
        # the exact file first (as score.py pairs), else the same document in another format
        # (001_x.pdf or 001_x.docx for the gold of 001_x.txt)
        prediction = by_name.get(annotation["file"]) or by_stem.get(Path(annotation["file"]).stem)
        result = _score_document(annotation, prediction)
        for family in FAMILIES:
            totals[family] += result.counts[family]
        checks.extend(result.reference_checks)
        documents.append(DocumentReport(annotation["file"], result.notes))
    return EvalReport(
        families=totals,
        reference_type_accuracy=_share(sum(t for t, _ in checks), len(checks)),
        reference_date_accuracy=_share(sum(d for _, d in checks), len(checks)),
        documents=tuple(documents),
    )


# ------------------------------------------------------------------ output


def _document_lines(documents: Iterable[DocumentReport]) -> list[str]:
    """The ``== file`` blocks of the verbose output, one indented line per note."""
    lines: list[str] = []
    for document in documents:
        lines.append(f"== {document.file}")
        lines.extend(f"    {note}" for note in document.notes)
    return lines


def _table_lines(report: EvalReport) -> list[str]:
    """One row per family with P, R, F1 and the counts, then the reference accuracies if any."""
    lines = [f"{'family':<11} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for name, family in report.families.items():
        lines.append(
            f"{name:<11} {family.precision:6.3f} {family.recall:6.3f} {family.f1:6.3f}"
            f"   {family.tp}/{family.fp}/{family.fn}"
        )
    type_accuracy, date_accuracy = report.reference_type_accuracy, report.reference_date_accuracy
    if type_accuracy is not None:
        shown_date = date_accuracy if date_accuracy is not None else 0.0
        lines.append(f"references: type accuracy {type_accuracy:.3f}, date accuracy {shown_date:.3f}")
    return lines


def render_table(report: EvalReport, *, verbose: bool = False) -> str:
    """The text ``score.py`` prints (``--verbose``: the per-document blocks first).

    The last line is ``macro-F1 X``; there is no trailing newline, so ``print(render_table(r))``
    writes exactly what ``score.py`` writes.
    """
    lines = _document_lines(report.documents) if verbose else []
    lines += _table_lines(report)
    lines.append(f"macro-F1 {report.macro_f1:.3f}")
    return "\n".join(lines)
