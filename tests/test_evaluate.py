"""Tests for vbminer.evaluate.

Two parts: table-driven tests of each matching rule on small hand-made documents, and equivalence
tests that score perturbed prediction sets over the shared gold corpus both with
``shared/eval/score.py`` (in a subprocess) and with :func:`vbminer.evaluate.score`, and require the
same JSON and the same printed table. The shared folder is the repository's sibling ``shared``
(override with ``VBMINER_SHARED``); tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbminer.evaluate import (
    FAMILIES,
    DocumentReport,
    EvalReport,
    FamilyScore,
    load_gold,
    normalize,
    reference_key,
    render_table,
    score,
    unit_form,
    word_f1,
)

JsonDict = dict[str, Any]

SHARED = Path(os.environ.get("VBMINER_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
SCORER = SHARED / "eval" / "score.py"
GOLD_DIR = SHARED / "corpus-real" / "gold"


# ------------------------------------------------------------------ factories


def gold_doc(file: str = "a.txt", header: JsonDict | None = None, **families: Any) -> JsonDict:
    """A gold annotation; families not given are absent (not scored)."""
    return {"file": file, "header": header or {}, **families}


def prediction(
    file: str = "a.txt",
    header: JsonDict | None = None,
    *,
    references: list[JsonDict] | None = None,
    units: list[JsonDict] | None = None,
    metrics: list[JsonDict] | None = None,
    deadlines: list[JsonDict] | None = None,
    tasks: list[JsonDict] | None = None,
) -> JsonDict:
    """A prediction in the shape of ``vbminer extract --json`` (only what scoring reads)."""
    return {
        "schema_version": "1",
        "source": {"path": f"/tmp/corpus/{file}", "sha256": "0" * 64, "format": "txt"},
        "text": "",
        "header": header or {},
        "references": references or [],
        "units": units or [],
        "metrics": metrics or [],
        "deadlines": deadlines or [],
        "tasks": tasks or [],
        "warnings": [],
    }


def ref(number: str | None, symbol: str | None, year: str | None = None, **extra: Any) -> JsonDict:
    return {"number": number, "year": year, "symbol": symbol, "doc_type": None, "date": None, **extra}


def unit(name: str, kind: str | None = None, canonical: str | None = None) -> JsonDict:
    return {"name": name, "kind": kind, "canonical": canonical, "mentions": []}


def metric(unit_name: str | None, value: Any = None, kind: str = "percent", **extra: Any) -> JsonDict:
    return {"unit": unit_name, "value": value, "kind": kind, **extra}


def task(assignee: str) -> JsonDict:
    return {"assignee": assignee, "role": "responsible", "action": None}


def counts(report: EvalReport, family: str) -> tuple[int, int, int]:
    found = report.families[family]
    return found.tp, found.fp, found.fn


def one(gold: JsonDict, pred: JsonDict | None) -> EvalReport:
    """Score one gold document against one prediction (or none)."""
    return score([gold], [] if pred is None else [pred])


# ------------------------------------------------------------------ normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hoà Bình", "hòa bình"),
        ("HOÀ BÌNH", "hòa bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("Uỷ ban", "ủy ban"),
        ("toạ đàm", "tọa đàm"),
        ("quý", "quý"),  # after q the tone stays where it is
        ("hoàn thành", "hoàn thành"),  # not at the end of the syllable
        (unicodedata.normalize("NFD", "Hòa Bình"), "hòa bình"),
        ("Sở GD&ĐT", "sở gd và đt"),
        ("V/v: báo cáo (đợt 1).", "v v báo cáo đợt 1"),
        ("“A” – B*; C", "a b c"),
        ("  a \t\n b ", "a b"),
        ("ĐỒNG THÁP", "đồng tháp"),
        (None, ""),
    ],
)
def test_normalize(raw: str | None, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("UBND xã Tân Lập", "tân lập"),
        ("Ủy ban nhân dân huyện Yên Thành", "yên thành"),
        ("Uỷ ban nhân dân tỉnh Nghệ An", "nghệ an"),
        ("Chủ tịch UBND xã Minh Châu", "minh châu"),
        ("Phòng Nội vụ", "nội vụ"),
        ("Trung tâm Phục vụ hành chính công", "phục vụ hành chính công"),
        ("Thị trấn Yên Thành", "yên thành"),
        ("Sở Tài chính", "tài chính"),
        ("Ban Quản lý dự án", "quản lý dự án"),
        ("phường Bến Thành", "bến thành"),
        ("Tỉnh", "tỉnh"),  # a prefix word alone is kept
        ("Bộ Tài chính", "bộ tài chính"),  # not a prefix
        ("Văn phòng UBND tỉnh", "văn phòng ubnd tỉnh"),  # prefixes only at the start
        ("xã Ban Công", "công"),  # every leading prefix word goes, as in score.py
    ],
)
def test_unit_form_strips_leading_unit_words(raw: str, expected: str) -> None:
    assert unit_form(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14-KH/TU", "14/kh/tu"),
        ("08/CT-UBND", "08/ct/ubnd"),
        (" 08 / CT - UBND ", "08/ct/ubnd"),
        ("118/2008/QĐ-TTg", "118/2008/qđ/ttg"),
        (unicodedata.normalize("NFD", "12/QĐ-UBND"), "12/qđ/ubnd"),
        ("12–QĐ", "12–qđ"),  # only the ASCII hyphen is a separator
        (None, ""),
    ],
)
def test_reference_key(raw: str | None, expected: str) -> None:
    assert reference_key(raw) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("a b c d", "a b c d", 1.0),
        ("a b c d", "a b", 2 * 1.0 * 0.5 / 1.5),
        ("a b", "c d", 0.0),
        ("", None, 1.0),
        ("A, B", "b a", 1.0),
        ("a a a b", "a b", 1.0),  # word sets, not bags
    ],
)
def test_word_f1(first: str | None, second: str | None, expected: float) -> None:
    assert word_f1(first, second) == pytest.approx(expected)


# ------------------------------------------------------------------ header

SUBJECT = "chấn chỉnh công tác quản lý đất đai trên địa bàn tỉnh"  # 11 distinct words


@pytest.mark.parametrize(
    ("field", "want", "pred_header", "ok"),
    [
        ("subject", SUBJECT, {"subject": SUBJECT}, True),
        ("subject", SUBJECT, {"subject": "V/v " + SUBJECT}, True),  # F1 0.957
        ("subject", SUBJECT, {"subject": "chấn chỉnh công tác quản lý đất đai trên địa"}, True),  # 9/11: 0.9
        ("subject", SUBJECT, {"subject": "chấn chỉnh công tác quản lý đất đai"}, False),  # 7/11: 0.78
        ("subject", SUBJECT, {"subject": "chấn chỉnh công tác quản lý đất đai trên x y"}, False),  # 0.8
        ("subject", "ab", {"subject": None}, False),
        ("symbol", "UBND-VP", {"symbol": "UBND-VP"}, True),
        ("symbol", "UBND-VP", {"symbol": "ubnd / vp"}, True),
        ("symbol", "KH/TU", {"symbol": "KH-TU"}, True),
        ("symbol", "UBND-VP", {"symbol": "UBND-VX"}, False),
        ("symbol", "UBND-VP", {"symbol": "UB ND-VP"}, True),  # spaces dropped, as in a key
        ("symbol", "UBND-VP", {"symbol": "UBND.VP"}, False),  # only - and / are separators
        ("number", "318", {"number": "318"}, True),
        ("number", "318", {"number": 318}, True),  # written out before comparing
        ("number", "318", {"number": "3180"}, False),
        ("number", None, {"number": None}, True),
        ("number", None, {"number": ""}, True),
        ("number", None, {"number": "318"}, False),
        ("number", None, {}, True),
        ("date", "2021-04", {"date": "2021-04"}, True),
        ("date", "2021-04", {"date": "2021-04-01"}, False),
        ("place", "Yên Thành", {"place": "YÊN  THÀNH."}, True),
        ("place", "Yên Thành", {"place": "Yên Định"}, False),
        ("doc_type", "Công văn", {"doc_type": "CÔNG VĂN"}, True),
        ("signer_name", "Nguyễn Văn A", {"signer": {"name": "Nguyễn Văn A"}}, True),
        ("signer_name", "Nguyễn Văn A", {"signer": None}, False),
        ("signer_title", "Phó Chủ tịch", {"signer": {"title": "PHÓ CHỦ TỊCH"}}, True),
        ("signer_authority", "KT", {"signer": {"authority": "kt."}}, True),
        ("issuer_locality", "Thanh Hoá", {"issuer": {"locality": "Thanh Hóa"}}, True),
        ("issuer_locality", "Thanh Hóa", {"issuer": None}, False),
    ],
)
def test_header_field(field: str, want: str | None, pred_header: JsonDict, ok: bool) -> None:
    report = one(gold_doc(header={field: want}), prediction(header=pred_header))
    assert counts(report, "header") == ((1, 0, 0) if ok else (0, 1, 1))


def test_header_scores_only_fields_the_gold_gives() -> None:
    gold = gold_doc(header={"date": "2021-04-02", "year": "2021"})
    report = one(gold, prediction(header={"date": "2021-04-02", "place": "Hà Nội", "year": "1999"}))
    assert counts(report, "header") == (1, 0, 0)


def test_wrong_header_field_is_noted() -> None:
    report = one(gold_doc(header={"date": "2021-04-02"}), prediction(header={"date": "2021-04-03"}))
    assert report.documents == (
        DocumentReport("a.txt", ("header.date: got '2021-04-03' want '2021-04-02'",)),
    )


@pytest.mark.parametrize(
    ("want", "got", "expected"),
    [
        (["Sở Nội vụ", "Sở Tài chính"], ["Sở Tài chính", "sở nội vụ"], (2, 0, 0)),
        (["Sở Nội vụ"], ["Sở Nội vụ", "Sở Nội vụ"], (1, 1, 0)),  # one to one
        (["Sở Nội vụ", "Sở Nội vụ"], ["Sở Nội vụ"], (1, 0, 1)),
        (["Chủ tịch UBND các xã thị trấn"], ["Chủ tịch UBND các xã"], (1, 0, 0)),  # 5/7 words: F1 0.83
        (["Chủ tịch UBND các xã thị trấn"], ["Chủ tịch UBND các"], (0, 1, 1)),  # 4/7 words: F1 0.73
        (["Như trên"], [], (0, 0, 1)),
        ([], ["Lưu: VT"], (0, 1, 0)),
    ],
)
@pytest.mark.parametrize("family", ["recipients", "cc"])
def test_header_lists_match_one_to_one(
    family: str, want: list[str], got: list[str], expected: tuple[int, int, int]
) -> None:
    report = one(gold_doc(header={family: want}), prediction(header={family: got}))
    assert counts(report, family) == expected


def test_header_list_absent_from_gold_is_not_scored() -> None:
    report = one(
        gold_doc(header={"cc": ["Như trên"]}), prediction(header={"recipients": ["Sở Y tế"], "cc": []})
    )
    assert counts(report, "recipients") == (0, 0, 0)
    assert counts(report, "cc") == (0, 0, 1)


# ------------------------------------------------------------------ references


@pytest.mark.parametrize(
    ("key", "pred", "matches"),
    [
        ("14-KH/TU", ref("14", "KH/TU"), True),  # party document: number + symbol
        ("14-KH/TU", ref("14-KH", "TU"), True),
        ("14/KH/TU", ref("14", "KH-TU"), True),
        ("118/2008/QĐ-TTg", ref("118", "QĐ-TTg", "2008"), True),
        ("118/2008/QĐ-TTg", ref("118", "QĐ-TTg"), False),  # the year is part of the key
        ("08/CT-UBND", ref("08", "ct - ubnd"), True),
        ("08/CT-UBND", ref("8", "CT-UBND"), False),
        ("12/QĐ-UBND", ref("12", unicodedata.normalize("NFD", "QĐ-UBND")), True),
        ("06", ref("06", None), True),
        ("06", ref("06", "UBND"), False),
    ],
)
def test_reference_keys(key: str, pred: JsonDict, matches: bool) -> None:
    report = one(gold_doc(references=[{"key": key}]), prediction(references=[pred]))
    assert counts(report, "references") == ((1, 0, 0) if matches else (0, 1, 1))


def test_reference_type_and_date_accuracy() -> None:
    gold = gold_doc(
        references=[
            {"key": "08/CT-UBND", "doc_type": "Chỉ thị", "date": "2021-03-12"},
            {"key": "24/KH-UBND", "doc_type": "Kế hoạch", "date": None},
            {"key": "99/QĐ-UBND", "doc_type": "Quyết định", "date": None},
        ]
    )
    pred = prediction(
        references=[
            ref("08", "CT-UBND", doc_type="CHỈ THỊ", date="2021-03-11"),
            ref("24", "KH-UBND", doc_type="Công văn", date=""),
        ]
    )
    report = one(gold, pred)
    assert counts(report, "references") == (2, 0, 1)
    assert report.reference_type_accuracy == 0.5
    assert report.reference_date_accuracy == 0.5


def test_reference_accuracy_is_none_without_matches() -> None:
    report = one(gold_doc(references=[{"key": "08/CT-UBND"}]), prediction(references=[ref("9", "CT")]))
    assert report.reference_type_accuracy is None
    assert report.reference_date_accuracy is None
    assert "references: type accuracy" not in render_table(report)


# ------------------------------------------------------------------ units


@pytest.mark.parametrize(
    ("aliases", "pred", "matches"),
    [
        (["Tân Lập", "Tân Lâp"], unit("Tân Lập"), True),
        (["Tân Lập"], unit("Tân Lâp", canonical="Xã Tân Lập"), True),
        (["Tân Lập"], unit("Tân Lập", kind="xã"), True),
        (["xã Tân Lập"], unit("TÂN LẬP"), True),
        (["Văn phòng HĐND và UBND huyện"], unit("HĐND và UBND huyện", kind="Văn phòng"), True),
        (["Văn phòng HĐND và UBND huyện"], unit("HĐND và UBND huyện"), False),
        (["Thanh Hoá"], unit("UBND tỉnh Thanh Hóa"), True),
        (["Phòng Nông nghiệp và Phát triển nông thôn"], unit("NNPTNT"), False),
        (["Phòng Nông nghiệp và Phát triển nông thôn", "NNPTNT"], unit("NNPTNT"), True),
    ],
)
def test_unit_aliases(aliases: list[str], pred: JsonDict, matches: bool) -> None:
    report = one(gold_doc(units=[aliases]), prediction(units=[pred]))
    assert counts(report, "units") == ((1, 0, 0) if matches else (0, 1, 1))


# ------------------------------------------------------------------ metrics

NN = "Phòng Nông nghiệp và Phát triển nông thôn"


@pytest.mark.parametrize(
    ("want", "pred", "pred_units", "matches"),
    [
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("Tân Lập", 61.25), [], True),
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("xã Tân Lập", 61.26), [], True),  # within 0.011
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("Tân Lập", 61.27), [], False),
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("Tân Lập", "61.25"), [], True),  # a number as text
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("Tân Lập", "61,25"), [], False),
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("Tân Lập", 61.25, kind="ratio"), [], False),
        ({"unit": ["Tân Lập"], "value": 61.25}, {"unit": "Tân Lập", "value": 61.25}, [], True),  # no kind
        ({"unit": ["Tân Lập"], "value": 61.25}, metric("Minh Châu", 61.25), [], False),
        ({"unit": ["Tân Lập"], "value": 61.25}, metric(None, 61.25), [], False),
        ({"unit": None, "value": 95}, metric(None, 95.0), [], True),
        ({"unit": None, "value": 95}, metric("", 95.0), [], True),
        ({"unit": None, "value": 95}, metric("Tân Lập", 95.0), [], False),
        (
            {"unit": ["Minh Châu"], "numerator": 57, "denominator": 812},
            metric("Minh Châu", 7.02, kind="ratio", numerator=57, denominator=812),
            [],
            True,
        ),
        (
            {"unit": ["Minh Châu"], "numerator": 57, "denominator": 812},
            metric("Minh Châu", 7.02, kind="ratio", numerator=57, denominator=813),
            [],
            False,
        ),
        ({"unit": [NN], "value": 40}, metric("NNPTNT", 40), [unit("NNPTNT", canonical=NN)], True),
        ({"unit": [NN], "value": 40}, metric("NNPTNT", 40), [unit("NNPTNT")], False),
        ({"unit": ["NNPTNT"], "value": 40}, metric(NN, 40), [unit("NNPTNT", canonical=NN)], True),
    ],
)
def test_metrics(want: JsonDict, pred: JsonDict, pred_units: list[JsonDict], matches: bool) -> None:
    gold = gold_doc(units=[], units_optional=[[NN, "NNPTNT"]], metrics=[want])
    report = one(gold, prediction(metrics=[pred], units=pred_units))
    assert counts(report, "metrics") == ((1, 0, 0) if matches else (0, 1, 1))


def test_metric_unit_aliases_come_only_from_scored_units() -> None:
    """Predicted units give a metric's unit its other names only when the gold file scores units."""
    want = {"unit": [NN], "value": 40}
    pred = prediction(metrics=[metric("NNPTNT", 40)], units=[unit("NNPTNT", canonical=NN)])
    assert counts(one(gold_doc(metrics=[want], units=[[NN]]), pred), "metrics") == (1, 0, 0)
    assert counts(one(gold_doc(metrics=[want]), pred), "metrics") == (0, 1, 1)


# ------------------------------------------------------------------ deadlines and tasks


@pytest.mark.parametrize(
    ("want", "got", "matches"),
    [
        ("2021-08-15", "2021-08-15", True),
        ("2021-08-15", "2021-08", False),
        ("2022-09-30", "2022-09-29", False),
    ],
)
def test_deadlines_match_by_date(want: str, got: str, matches: bool) -> None:
    report = one(gold_doc(deadlines=[{"date": want}]), prediction(deadlines=[{"date": got, "text": got}]))
    assert counts(report, "deadlines") == ((1, 0, 0) if matches else (0, 1, 1))


@pytest.mark.parametrize(
    ("aliases", "assignee", "matches"),
    [
        (["Văn phòng HĐND&UBND huyện"], "Văn phòng HĐND và UBND huyện", True),
        (["Phòng Tài chính - Kế hoạch huyện"], "Phòng Tài chính - Kế hoạch", True),  # 5/6 words
        (["Phòng Tài chính - Kế hoạch huyện"], "Phòng Tài chính huyện", False),  # 4/6 words
        (["Phòng Tài chính - Kế hoạch huyện"], "Phòng Tài chính - Kế hoạch huyện Yên", True),  # 6/7
        (["Phòng Nội vụ", "Nội vụ"], "nội vụ", True),
        (["UBND các xã"], "các xã", False),  # no prefix stripping for assignees: 2/3 words
        ([""], "", False),  # an empty assignee matches nothing
    ],
)
def test_task_assignees(aliases: list[str], assignee: str, matches: bool) -> None:
    report = one(gold_doc(tasks=[aliases]), prediction(tasks=[task(assignee)]))
    assert counts(report, "tasks") == ((1, 0, 0) if matches else (0, 1, 1))


# ------------------------------------------------------------------ optional items and absent families


@pytest.mark.parametrize(
    ("family", "required", "optional", "found", "expected"),
    [
        ("units", [["Tân Lập"]], [["Nghệ An"]], [unit("Tân Lập"), unit("Nghệ An")], (1, 0, 0)),
        (
            "units",
            [["Tân Lập"]],
            [["Nghệ An"]],
            [unit("Tân Lập"), unit("Nghệ An"), unit("Nghệ An")],
            (1, 0, 0),
        ),
        ("units", [["Tân Lập"]], [["Nghệ An"]], [unit("Tân Lập"), unit("Hà Tĩnh")], (1, 1, 0)),
        ("units", [], [["Nghệ An"]], [], (0, 0, 0)),
        ("references", [], [{"key": "08/CT-UBND"}], [ref("08", "CT-UBND")], (0, 0, 0)),
        ("metrics", [], [{"unit": None, "value": 95}], [metric(None, 95)], (0, 0, 0)),
        ("metrics", [], [{"unit": None, "value": 95}], [metric(None, 96)], (0, 1, 0)),
        ("deadlines", [], [{"date": "2021-08-15"}], [{"date": "2021-08-15"}], (0, 0, 0)),
        ("tasks", [], [["các đơn vị có liên quan"]], [task("các đơn vị liên quan")], (0, 0, 0)),
        # a required item is matched before optional ones are considered
        ("units", [["Nghệ An"]], [["Nghệ An"]], [unit("Nghệ An")], (1, 0, 0)),
    ],
)
def test_optional_items_are_neither_hits_nor_false_positives(
    family: str,
    required: list[Any],
    optional: list[Any],
    found: list[JsonDict],
    expected: tuple[int, int, int],
) -> None:
    gold = gold_doc()
    gold[family], gold[f"{family}_optional"] = required, optional
    pred = prediction()
    pred[family] = found
    report = one(gold, pred)
    assert counts(report, family) == expected


@pytest.mark.parametrize("family", ["references", "units", "metrics", "deadlines", "tasks"])
def test_family_absent_from_gold_is_not_scored(family: str) -> None:
    items = {
        "references": [ref("08", "CT-UBND")],
        "units": [unit("Tân Lập")],
        "metrics": [metric(None, 95)],
        "deadlines": [{"date": "2021-08-15"}],
        "tasks": [task("Phòng Nội vụ")],
    }
    pred = prediction(header={"date": "2021"})
    pred[family] = items[family]
    assert counts(one(gold_doc(header={"date": "2021"}), pred), family) == (0, 0, 0)
    gold = gold_doc()
    gold[family] = []
    assert counts(one(gold, pred), family) == (0, 1, 0)


# ------------------------------------------------------------------ documents and pairing


def test_missing_prediction_counts_everything_as_missed() -> None:
    gold = gold_doc(
        header={"date": "2021-04-02", "number": None, "recipients": ["Sở Y tế"]},
        references=[{"key": "08/CT-UBND"}],
        units=[["Tân Lập"]],
        deadlines=[{"date": "2021-08-15"}],
        tasks=[["Phòng Nội vụ"]],
        metrics=[{"unit": None, "value": 95}],
    )
    report = one(gold, None)
    assert report.documents[0].notes[0] == "NO PREDICTION"
    # a null gold field is right when nothing is predicted, as in score.py
    assert counts(report, "header") == (1, 1, 1)
    for family in ("recipients", "references", "units", "metrics", "deadlines", "tasks"):
        assert counts(report, family) == (0, 0, 1), family


def test_predictions_pair_by_base_name_and_the_last_one_wins() -> None:
    gold = [gold_doc("a.txt", header={"date": "2021"}), gold_doc("b.txt", header={"date": "2022"})]
    preds = [
        prediction("b.txt", {"date": "1999"}),
        prediction("a.txt", {"date": "2021"}),
        prediction("b.txt", {"date": "2022"}),
        prediction("c.txt", {"date": "2023"}),
    ]
    report = score(gold, preds)
    assert counts(report, "header") == (2, 0, 0)
    assert [d.file for d in report.documents] == ["a.txt", "b.txt"]


def test_prediction_without_source_path_is_rejected() -> None:
    with pytest.raises(ValueError, match="source.path"):
        score([gold_doc()], [{"header": {}}])


def test_load_gold_reads_json_files_in_name_order(tmp_path: Path) -> None:
    for name in ("b", "a", "c"):
        (tmp_path / f"{name}.json").write_text(json.dumps(gold_doc(f"{name}.txt")), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not gold", encoding="utf-8")
    assert [g["file"] for g in load_gold(tmp_path)] == ["a.txt", "b.txt", "c.txt"]


# ------------------------------------------------------------------ scores and output


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "precision", "recall", "f1"),
    [
        (0, 0, 0, 1.0, 1.0, 1.0),
        (3, 1, 0, 0.75, 1.0, 2 * 0.75 / 1.75),
        (2, 0, 2, 1.0, 0.5, 2 * 0.5 / 1.5),
        (0, 2, 0, 0.0, 1.0, 0.0),
        (0, 2, 3, 0.0, 0.0, 0.0),
    ],
)
def test_family_score(tp: int, fp: int, fn: int, precision: float, recall: float, f1: float) -> None:
    family = FamilyScore(tp, fp, fn)
    assert (family.precision, family.recall, family.f1) == pytest.approx((precision, recall, f1))


def small_report() -> EvalReport:
    families = {name: FamilyScore() for name in FAMILIES}
    families["header"] = FamilyScore(3, 1, 1)
    families["units"] = FamilyScore(0, 2, 0)
    notes = (DocumentReport("a.txt", ("header.date: got None want '2021'",)), DocumentReport("b.txt", ()))
    return EvalReport(families, 0.5, 0.25, notes)


def test_macro_f1_averages_only_scored_families() -> None:
    assert small_report().macro_f1 == pytest.approx((0.75 + 0.0) / 2)
    assert EvalReport({name: FamilyScore() for name in FAMILIES}, None, None, ()).macro_f1 == 0.0


def test_to_dict_shape() -> None:
    data = small_report().to_dict()
    assert list(data) == ["families", "macro_f1"]
    assert list(data["families"]) == list(FAMILIES)
    assert data["families"]["header"] == {
        "precision": 0.75,
        "recall": 0.75,
        "f1": 0.75,
        "tp": 3,
        "fp": 1,
        "fn": 1,
    }
    assert list(data["families"]["references"]) == [
        "precision", "recall", "f1", "tp", "fp", "fn", "type_accuracy", "date_accuracy",
    ]  # fmt: skip
    assert data["families"]["references"]["date_accuracy"] == 0.25


def test_render_table() -> None:
    expected = "\n".join(
        [
            "family           P      R     F1   tp/fp/fn",
            "header       0.750  0.750  0.750   3/1/1",
            "recipients   1.000  1.000  1.000   0/0/0",
            "cc           1.000  1.000  1.000   0/0/0",
            "references   1.000  1.000  1.000   0/0/0",
            "units        0.000  1.000  0.000   0/2/0",
            "metrics      1.000  1.000  1.000   0/0/0",
            "deadlines    1.000  1.000  1.000   0/0/0",
            "tasks        1.000  1.000  1.000   0/0/0",
            "references: type accuracy 0.500, date accuracy 0.250",
            "macro-F1 0.375",
        ]
    )
    assert render_table(small_report()) == expected
    verbose = render_table(small_report(), verbose=True)
    assert verbose == "== a.txt\n    header.date: got None want '2021'\n== b.txt\n" + expected


def test_notes_describe_misses_and_extras() -> None:
    gold = gold_doc(
        header={"cc": ["Như trên"]},
        references=[{"key": "14-KH/TU"}],
        units=[["Tân Lập", "xã Tân Lập"]],
        metrics=[{"unit": ["Tân Lập"], "value": 61.25}, {"unit": None, "numerator": 4, "denominator": 34}],
        deadlines=[{"date": "2021-08-15"}],
        tasks=[["Phòng Nội vụ"]],
    )
    pred = prediction(
        header={"cc": ["Lưu: VT"]},
        references=[ref("15", "KH-TU", "2020")],
        units=[unit("Minh Châu")],
        metrics=[metric("Minh Châu", 7.5)],
        deadlines=[{"date": "2021-08"}],
        tasks=[task("Sở Y tế")],
    )
    assert one(gold, pred).documents[0].notes == (
        "cc: missed ['Như trên'] extra ['Lưu: VT']",
        "references: missed ['14-KH/TU'] extra ['15/2020/kh/tu']",
        "units: missed ['Tân Lập'] extra ['Minh Châu']",
        "metrics: missed [('Tân Lập', 61.25), (None, '4/34')] extra [('Minh Châu', 7.5)]",
        "deadlines: missed ['2021-08-15'] extra ['2021-08']",
        "tasks: missed ['Phòng Nội vụ'] extra ['Sở Y tế']",
    )


@pytest.mark.parametrize(
    ("want", "shown"),
    [
        ({"unit": ["Tân Lập", "xã Tân Lập"], "value": 61.25}, "('Tân Lập', 61.25)"),
        ({"unit": [], "value": 10}, "(None, 10)"),
        ({"unit": None, "numerator": 4, "denominator": 34}, "(None, '4/34')"),
        ({"unit": None, "value": None}, "(None, None)"),  # a value given as null is shown as such
    ],
)
def test_missed_metric_description(want: JsonDict, shown: str) -> None:
    report = one(gold_doc(metrics=[want]), prediction())
    assert report.documents[0].notes == (f"metrics: missed [{shown}] extra []",)


# ------------------------------------------------------------------ equivalence with score.py


def _need_shared() -> None:
    if not SCORER.is_file() or not GOLD_DIR.is_dir():
        pytest.skip(f"shared scorer and gold corpus not found under {SHARED} (set VBMINER_SHARED)")


@pytest.fixture(scope="module")
def shared_gold() -> list[JsonDict]:
    _need_shared()
    return load_gold(GOLD_DIR)


def thin(gold: JsonDict, rng: random.Random) -> JsonDict:
    """A gold file with families and header fields left out or made null, to reach the rules for
    absent families (metrics scored without units, a family no document scores, ...)."""
    thinned = copy.deepcopy(gold)
    thinned.pop("deadlines", None)  # no document scores deadlines
    thinned.pop("deadlines_optional", None)
    for family in ("references", "units", "metrics", "tasks"):
        if family in thinned and rng.random() < 0.3:
            del thinned[family]
        if f"{family}_optional" in thinned and rng.random() < 0.3:
            del thinned[f"{family}_optional"]
    header = thinned["header"]
    for field in list(header):
        choice = rng.random()
        if choice < 0.15:
            del header[field]
        elif choice < 0.25 and field not in ("recipients", "cc"):
            header[field] = None
    return thinned


@pytest.fixture(scope="module", params=["real", "thinned"])
def gold_corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[JsonDict]]:
    """The shared gold directory, or a thinned copy of it, with its files loaded."""
    _need_shared()
    if request.param == "real":
        return GOLD_DIR, load_gold(GOLD_DIR)
    rng = random.Random("thin")
    folder = tmp_path_factory.mktemp("thinned-gold")
    for annotation in load_gold(GOLD_DIR):
        target = folder / (Path(annotation["file"]).stem + ".json")
        target.write_text(json.dumps(thin(annotation, rng), ensure_ascii=False), encoding="utf-8")
    return folder, load_gold(folder)


@pytest.fixture(scope="module")
def reference_scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER} (set VBMINER_SHARED)")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_key(key: str) -> JsonDict:
    """number/year/symbol of a gold key, as oracle_from_gold.py splits it."""
    parts = key.split("/")
    if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1]):
        return {"number": parts[0], "year": parts[1], "symbol": "/".join(parts[2:])}
    if len(parts) >= 2:
        return {"number": parts[0], "year": None, "symbol": "/".join(parts[1:])}
    return {"number": key or None, "year": None, "symbol": None}


def oracle(gold: JsonDict) -> JsonDict:
    """A perfect prediction built from a gold file."""
    h = gold["header"]
    header = {
        "issuer": {"name": None, "parent": None, "level": None, "locality": h.get("issuer_locality")},
        **{f: h.get(f) for f in ("number", "year", "symbol", "doc_type", "place", "date", "subject")},
        "recipients": list(h.get("recipients", [])),
        "signer": {
            "name": h.get("signer_name"),
            "title": h.get("signer_title"),
            "authority": h.get("signer_authority"),
            "on_behalf_of": None,
        },
        "cc": list(h.get("cc", [])),
    }
    pred = prediction(gold["file"], header)
    for r in gold.get("references", []):
        pred["references"].append(
            {**split_key(r["key"]), "doc_type": r.get("doc_type"), "date": r.get("date")}
        )
    pred["units"] = [unit(aliases[0]) for aliases in gold.get("units", [])]
    for m in gold.get("metrics", []):
        name = m["unit"][0] if m["unit"] else None
        if "numerator" in m:
            value = round(100.0 * m["numerator"] / m["denominator"], 4)
            pred["metrics"].append(
                metric(name, value, kind="ratio", numerator=m["numerator"], denominator=m["denominator"])
            )
        else:
            pred["metrics"].append(metric(name, m["value"]))
    pred["deadlines"] = [{"date": d["date"], "text": d["date"]} for d in gold.get("deadlines", [])]
    pred["tasks"] = [task(aliases[0]) for aliases in gold.get("tasks", [])]
    return pred


Perturbation = Callable[[random.Random, JsonDict, JsonDict], None]
LIST_FAMILIES = ("references", "units", "metrics", "deadlines", "tasks")
OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ọa": "oạ", "óe": "oé"}


def _words_dropped(rng: random.Random, text: str, most: int) -> str:
    words = text.split()
    for _ in range(rng.randint(1, most)):
        if len(words) > 1:
            words.pop(rng.randrange(len(words)))
    return " ".join(words)


def _old_tones(text: str) -> str:
    for new, old in OLD_TONES.items():
        text = text.replace(new, old)
    return text


def drop_header_fields(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    header = pred["header"]
    for field in ("number", "symbol", "doc_type", "place", "date", "subject"):
        if rng.random() < 0.3:
            header[field] = rng.choice([None, ""])
    if rng.random() < 0.2:
        header["signer"] = None
    if rng.random() < 0.2:
        header["issuer"] = None
    for field in ("recipients", "cc"):
        if rng.random() < 0.3:
            header[field] = [] if rng.random() < 0.5 else None
    if rng.random() < 0.05:
        pred["header"] = None


def change_header(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    header = pred["header"] or {}
    if header.get("subject"):
        header["subject"] = _words_dropped(rng, header["subject"], 4)
    if header.get("symbol") and rng.random() < 0.5:
        symbol = header["symbol"]
        header["symbol"] = rng.choice(
            [
                symbol.replace("-", "/"),
                symbol + "X",
                symbol.replace("-", " - "),
                symbol.replace("-", "."),
                symbol.lower(),
            ]
        )
    if rng.random() < 0.4:
        header["number"] = rng.choice(["1", "318", None, header.get("number") or "7"])
    if header.get("date") and rng.random() < 0.4:
        header["date"] = header["date"][:7]
    if header.get("place") and rng.random() < 0.5:
        header["place"] = rng.choice([_old_tones(header["place"]).upper(), "Hà Nội"])
    signer = header.get("signer") or {}
    if rng.random() < 0.4:
        signer["title"] = rng.choice(["Chủ tịch", "PHÓ CHỦ TỊCH", "Giám đốc", None])
    if rng.random() < 0.3:
        signer["authority"] = rng.choice(["KT", "TM", "TL", ""])
    if rng.random() < 0.3:
        (header.get("issuer") or {})["locality"] = rng.choice([None, "Hà Nội", "Thanh Hoá"])
    for field in ("recipients", "cc"):
        items = header.get(field) or []
        if items and rng.random() < 0.6:
            i = rng.randrange(len(items))
            items[i] = _words_dropped(rng, _old_tones(items[i]), 3)
        rng.shuffle(items)


def change_references(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    for r in pred["references"]:
        choice = rng.random()
        if choice < 0.2 and r["symbol"] and "-" in (r["number"] or ""):
            number, rest = r["number"].split("-", 1)  # 14-KH + TU -> 14 + KH/TU
            r["number"], r["symbol"] = number, f"{rest}/{r['symbol']}"
        elif choice < 0.35:
            r["year"] = None
        elif choice < 0.45:
            r["number"] = (r["number"] or "") + "1"
        elif choice < 0.55 and r["symbol"]:
            r["symbol"] = r["symbol"].lower().replace("-", " - ")
        if rng.random() < 0.3:
            r["doc_type"] = rng.choice([None, "Công văn", (r["doc_type"] or "").upper()])
        if rng.random() < 0.3:
            r["date"] = rng.choice([None, "", "2021-01-01", (r["date"] or "")[:7]])


def change_units(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    for u, aliases in zip(pred["units"], gold.get("units", []), strict=False):
        choice = rng.random()
        if choice < 0.25:
            u["name"] = rng.choice(aliases)
        elif choice < 0.4:
            u["name"], u["canonical"] = "Xyz " + u["name"], rng.choice(aliases)
        elif choice < 0.45:
            u["kind"] = rng.choice(["xã", "phòng", "Văn phòng", "Bộ"])
        elif choice < 0.55 and any(len(a.split()) > 2 for a in aliases):
            words = rng.choice([a for a in aliases if len(a.split()) > 2]).split()
            u["kind"], u["name"] = " ".join(words[:2]), " ".join(words[2:])  # Văn phòng + HĐND ...
        elif choice < 0.6:
            u["name"] = _old_tones(u["name"]).upper()
        elif choice < 0.7:
            u["name"] = _words_dropped(rng, u["name"], 1)


def change_metrics(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    canonicals = [(u["name"], u.get("canonical")) for u in pred["units"] if u.get("canonical")]
    for m, want in zip(pred["metrics"], gold.get("metrics", []), strict=False):
        choice = rng.random()
        if choice < 0.3 and isinstance(m["value"], (int, float)) and m["kind"] == "percent":
            m["value"] = round(m["value"] + rng.choice([0.005, 0.0105, 0.02, -0.5]), 4)
        elif choice < 0.4:
            m["kind"] = rng.choice(["ratio", None])
        elif choice < 0.45:
            del m["kind"]
        elif choice < 0.55 and want["unit"]:
            m["unit"] = rng.choice(want["unit"])
        elif choice < 0.62:
            m["unit"] = rng.choice([None, "", "Hà Nội"])
        elif choice < 0.7 and canonicals:
            m["unit"] = rng.choice(canonicals)[rng.randrange(2)]
        elif choice < 0.75 and want["unit"]:  # a unit known only by its predicted canonical name
            m["unit"] = f"Đơn vị {len(pred['units'])}"
            pred["units"].append(unit(m["unit"], canonical=rng.choice(want["unit"])))
        elif choice < 0.8 and m.get("numerator") is not None:
            m["numerator"] += 1
        elif choice < 0.85:
            m["value"] = str(m["value"])


def change_deadlines(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    for d in pred["deadlines"]:
        if rng.random() < 0.4:
            d["date"] = rng.choice([d["date"][:7], None, d["date"][:-1] + "9"])


def change_tasks(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    for t, aliases in zip(pred["tasks"], gold.get("tasks", []), strict=False):
        choice = rng.random()
        if choice < 0.3:
            t["assignee"] = rng.choice(aliases)
        elif choice < 0.5:
            t["assignee"] = _words_dropped(rng, t["assignee"], 2)
        elif choice < 0.6:
            t["assignee"] = t["assignee"] + " tỉnh"
        elif choice < 0.65:
            t["assignee"] = ""


def add_extras(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    """Optional gold items, duplicates and made-up items."""
    for o in gold.get("references_optional", []):
        if rng.random() < 0.6:
            pred["references"].append(
                {**split_key(o["key"]), "doc_type": o.get("doc_type"), "date": o.get("date")}
            )
    for aliases in gold.get("units_optional", []):
        if rng.random() < 0.5:
            pred["units"].append(unit(rng.choice(aliases)))
    for o in gold.get("metrics_optional", []):
        if rng.random() < 0.6:
            name = o["unit"][0] if o["unit"] else None
            pred["metrics"].append(metric(name, o.get("value", 1.0)))
    for o in gold.get("deadlines_optional", []):
        if rng.random() < 0.6:
            pred["deadlines"].append({"date": o["date"]})
    for aliases in gold.get("tasks_optional", []):
        if rng.random() < 0.5:
            pred["tasks"].append(task(rng.choice(aliases)))
    for family in LIST_FAMILIES:
        if pred[family] and rng.random() < 0.5:
            pred[family].append(copy.deepcopy(rng.choice(pred[family])))
    pred["references"].append(ref(str(rng.randint(1, 999)), "QĐ-UBND"))
    pred["units"].append(unit("Bình Minh", kind="xã"))
    pred["metrics"].append(metric(None, 12.5))
    pred["metrics"].append(metric("Bình Minh", 33.3))
    pred["deadlines"].append({"date": "2030-12-31"})
    pred["tasks"].append(task("Công an tỉnh"))
    header = pred["header"] or {}
    header["recipients"] = [*(header.get("recipients") or []), "Sở Khoa học và Công nghệ"]
    header["cc"] = [*(header.get("cc") or []), "Lưu: VT"]


def remove_items(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    for family in LIST_FAMILIES:
        pred[family] = [item for item in pred[family] or [] if rng.random() < 0.7]
        if rng.random() < 0.1:
            pred[family] = None
    header = pred["header"] or {}
    for field in ("recipients", "cc"):
        header[field] = [item for item in header.get(field) or [] if rng.random() < 0.7]


def shuffle_lists(rng: random.Random, pred: JsonDict, gold: JsonDict) -> None:
    for family in LIST_FAMILIES:
        rng.shuffle(pred[family] or [])


CHANGES: tuple[Perturbation, ...] = (
    change_header,
    change_references,
    change_units,
    change_metrics,
    change_deadlines,
    change_tasks,
)
EVERYTHING: tuple[Perturbation, ...] = (drop_header_fields, *CHANGES, add_extras, remove_items, shuffle_lists)

PREDICTION_SETS: dict[str, tuple[tuple[Perturbation, ...], float]] = {
    # name: (perturbations, probability that a document has no prediction at all)
    "oracle": ((), 0.0),
    "dropped": ((drop_header_fields, remove_items), 0.0),
    "changed": (CHANGES, 0.0),
    "extras": ((add_extras, shuffle_lists), 0.0),
    "removed": ((remove_items,), 0.25),
    "mixed-1": (EVERYTHING, 0.1),
    "mixed-2": (EVERYTHING, 0.1),
    "mixed-3": ((add_extras, *CHANGES, shuffle_lists), 0.0),
}


def build_predictions(name: str, gold: list[JsonDict]) -> list[JsonDict]:
    perturbations, missing = PREDICTION_SETS[name]
    rng = random.Random(name)
    preds: list[JsonDict] = []
    for annotation in gold:
        if rng.random() < missing:
            continue
        pred = oracle(annotation)
        for perturb in perturbations:
            if name.startswith("mixed") and rng.random() < 0.4:
                continue
            perturb(rng, pred, annotation)
        if rng.random() < 0.1:  # an earlier, superseded run for the same file
            preds.append(prediction(annotation["file"], {"date": "1900"}))
        preds.append(pred)
    preds.append(prediction("999_not-in-gold.txt", {"date": "2021"}))
    return preds


def run_scorer(gold_dir: Path, pred_path: Path, *flags: str) -> str:
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_path), *flags],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return done.stdout


ScoredSet = tuple[str, Path, Path, EvalReport]


@pytest.fixture(params=list(PREDICTION_SETS))
def scored_set(
    request: pytest.FixtureRequest, gold_corpus: tuple[Path, list[JsonDict]], tmp_path: Path
) -> Iterator[ScoredSet]:
    """A prediction set written as JSONL, and vbminer's report on it (read back as the CLI would)."""
    name = request.param
    gold_dir, gold = gold_corpus
    path = tmp_path / f"{name}.jsonl"
    lines = (json.dumps(p, ensure_ascii=False) for p in build_predictions(name, gold))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read_back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    yield name, gold_dir, path, score(gold, read_back)


def test_same_json_as_score_py(scored_set: ScoredSet) -> None:
    name, gold_dir, path, report = scored_set
    out = run_scorer(gold_dir, path, "--json")
    body, _, last = out.rstrip("\n").rpartition("\n")
    assert json.loads(body) == report.to_dict()
    assert out == json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n" + last + "\n"
    assert last == render_table(report).splitlines()[-1]
    if name == "oracle":
        assert report.macro_f1 == 1.0
    else:  # the perturbations must make a difference, or the comparison proves little
        assert report.macro_f1 < 1.0


def test_same_table_as_score_py(scored_set: ScoredSet) -> None:
    _, gold_dir, path, report = scored_set
    assert run_scorer(gold_dir, path) == render_table(report) + "\n"


def test_same_verbose_report_as_score_py(scored_set: ScoredSet) -> None:
    _, gold_dir, path, report = scored_set
    assert run_scorer(gold_dir, path, "--verbose") == render_table(report, verbose=True) + "\n"


def test_perturbed_sets_exercise_every_family(shared_gold: list[JsonDict]) -> None:
    """Across the perturbed sets every family sees hits, false positives and misses."""
    totals = {family: FamilyScore() for family in FAMILIES}
    for name in PREDICTION_SETS:
        report = score(shared_gold, build_predictions(name, shared_gold))
        for family in FAMILIES:
            totals[family] += report.families[family]
    for family, found in totals.items():
        assert found.tp and found.fp and found.fn, family


TEXT_PIECES = (
    list("oOaAeEuUyYqQhHnN &-/.,:()*“”–—\t ßẞİ")
    + list("àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴòóỏõọùúủũụĐđ")
    + ["\u0300", "\u0301", "\u0309", "ubnd ", "xã ", "Uỷ ban nhân dân ", "Chủ tịch UBND ", "phường ", "ban "]
    + ["qu", "Qu", "QU", "hoà", "khoẻ", "thuỷ", "uý", "oạ", "ho", "th", "uy"]
)
TEXT = st.lists(st.sampled_from(TEXT_PIECES), max_size=16).map("".join) | st.text(max_size=12)


@settings(max_examples=400, deadline=None)
@given(first=TEXT, second=TEXT)
def test_normalisers_agree_with_score_py(reference_scorer: ModuleType, first: str, second: str) -> None:
    assert normalize(first) == reference_scorer.norm(first)
    assert unit_form(first) == reference_scorer.norm_unit(first)
    assert reference_key(first) == reference_scorer.norm_key(first)
    assert word_f1(first, second) == reference_scorer.token_f1(first, second)


def _strings(value: object) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_normalisers_agree_with_score_py_on_gold_text(
    reference_scorer: ModuleType, shared_gold: list[JsonDict]
) -> None:
    texts = sorted({s for annotation in shared_gold for s in _strings(annotation)})
    variants = [
        v for text in texts for v in (text, _old_tones(text), text.upper(), "quý " + _old_tones(text))
    ]
    assert len(variants) > 1000
    assert [normalize(v) for v in variants] == [reference_scorer.norm(v) for v in variants]
    assert [unit_form(v) for v in variants] == [reference_scorer.norm_unit(v) for v in variants]
    assert [reference_key(v) for v in variants] == [reference_scorer.norm_key(v) for v in variants]
