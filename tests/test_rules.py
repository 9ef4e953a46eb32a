"""Loader tests: every pattern file loads and validates, and a broken file fails loudly."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from vbminer import rules

PATTERN_DIR = Path(__file__).resolve().parents[1] / "patterns"


@pytest.fixture(autouse=True)
def _fresh_cache():
    rules.load.cache_clear()
    yield
    rules.load.cache_clear()


def test_every_pattern_file_has_a_schema():
    files = {p.name for p in PATTERN_DIR.glob("*.json")}
    assert files == set(rules.MODELS), "each patterns/*.json needs a model in vbminer.rules.MODELS"


@pytest.mark.parametrize("name", sorted(rules.MODELS))
def test_pattern_file_loads(name):
    model = rules.load(name)
    assert isinstance(model, rules.MODELS[name])


def test_patterns_ship_inside_the_package():
    names = {p.name for p in resources.files("vbminer.patterns").iterdir()}
    assert set(rules.MODELS) <= names


def test_doc_type_codes_current_and_old():
    types = rules.doc_types()
    assert types.label_for_code("BC") == "Báo cáo"
    assert types.label_for_code("QĐ") == "Quyết định"
    assert types.label_for_code("qđ") == "Quyết định"
    assert types.label_for_code("TTr") == "Tờ trình"
    assert types.label_for_code("CĐ") == "Công điện"
    assert types.label_for_code("UBND") is None
    # State codes win over the Party's: TT is a Thông tư, not a Thông tri
    assert types.label_for_code("TT") == "Thông tư"
    assert types.canonical_label("KẾ HOẠCH") == "Kế hoạch"
    assert types.labels()[0].count(" ") >= types.labels()[-1].count(" ")


def test_departments_have_unique_ids_and_labels():
    deps = rules.departments().departments
    assert len({d.id for d in deps}) == len(deps)
    assert all(d.label and d.kind for d in deps)


def _copy_patterns(tmp_path: Path) -> Path:
    target = tmp_path / "patterns"
    shutil.copytree(PATTERN_DIR, target)
    return target


def test_unknown_key_is_refused(tmp_path, monkeypatch):
    target = _copy_patterns(tmp_path)
    data = json.loads((target / "header.json").read_text(encoding="utf-8"))
    data["urgencyy"] = ["Khẩn"]
    (target / "header.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("VBMINER_PATTERNS", str(target))
    with pytest.raises(rules.PatternError, match="urgencyy"):
        rules.load("header.json")


def test_bad_regex_is_refused(tmp_path, monkeypatch):
    target = _copy_patterns(tmp_path)
    data = json.loads((target / "normalization.json").read_text(encoding="utf-8"))
    data["paragraph_markers"].append("^(unclosed")
    (target / "normalization.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("VBMINER_PATTERNS", str(target))
    with pytest.raises(rules.PatternError, match="unclosed"):
        rules.load("normalization.json")


def test_tone_pair_must_keep_length(tmp_path, monkeypatch):
    target = _copy_patterns(tmp_path)
    data = json.loads((target / "normalization.json").read_text(encoding="utf-8"))
    data["tone_placement"]["òa"].append("oaa")
    (target / "normalization.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("VBMINER_PATTERNS", str(target))
    with pytest.raises(rules.PatternError, match="length"):
        rules.load("normalization.json")


def test_invalid_json_and_missing_file(tmp_path, monkeypatch):
    target = _copy_patterns(tmp_path)
    (target / "doc_types.json").write_text("{not json", encoding="utf-8")
    (target / "departments.json").unlink()
    monkeypatch.setenv("VBMINER_PATTERNS", str(target))
    with pytest.raises(rules.PatternError, match="not valid JSON"):
        rules.load("doc_types.json")
    with pytest.raises(rules.PatternError, match="not found"):
        rules.load("departments.json")
    with pytest.raises(rules.PatternError, match="unknown pattern file"):
        rules.load("nope.json")


def test_duplicate_department_ids_refused(tmp_path, monkeypatch):
    target = _copy_patterns(tmp_path)
    data = json.loads((target / "departments.json").read_text(encoding="utf-8"))
    data["departments"].append(dict(data["departments"][0]))
    (target / "departments.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("VBMINER_PATTERNS", str(target))
    with pytest.raises(rules.PatternError, match="duplicate"):
        rules.load("departments.json")
