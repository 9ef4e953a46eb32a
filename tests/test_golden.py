"""Golden files: the extraction of every corpus dispatch, compared field by field.

A failure here means the output changed. If the change is intended, run
``python tests/update_expected.py`` and commit the reviewed diff of ``corpora/expected/``.
"""

from __future__ import annotations

import json

import pytest
from conftest import DISPATCHES, EXPECTED, GOLD
from update_expected import snapshot

from vbminer.evaluate import load_gold, score
from vbminer.pipeline import extract_path


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.stem[:3])
def test_matches_golden_file(path):
    expected_file = EXPECTED / f"{path.stem}.json"
    assert expected_file.exists(), "no golden file; run python tests/update_expected.py"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(snapshot(path), ensure_ascii=False))
    for key in expected:
        assert got[key] == expected[key], f"{path.name}: '{key}' changed"
    assert set(got) == set(expected)


def test_every_dispatch_has_gold_and_golden():
    stems = {p.stem for p in DISPATCHES}
    assert stems == {p.stem for p in GOLD.glob("*.json")}
    assert stems == {p.stem for p in EXPECTED.glob("*.json")}
    assert len(stems) >= 15


def test_header_accuracy_on_the_corpus_is_perfect():
    report = score(load_gold(GOLD), [extract_path(p).to_json() for p in DISPATCHES])
    header = report.families["header"]
    assert (header.fp, header.fn) == (0, 0), report.to_dict()
    for family in ("recipients", "cc"):
        assert report.families[family].f1 == 1.0, family
