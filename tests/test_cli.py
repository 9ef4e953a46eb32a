"""The command line, as a user runs it."""

from __future__ import annotations

import json

import pytest
from conftest import DISPATCHES, GOLD
from typer.testing import CliRunner

from vbminer import __version__
from vbminer.cli import app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


@pytest.mark.parametrize("command", [[], ["extract"], ["eval"]])
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_readable_summary():
    result = runner.invoke(app, ["extract", str(DISPATCHES[0])])
    assert result.exit_code == 0
    assert "318/UBND-VP" in result.stdout and "Phó Chủ tịch" in result.stdout


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DISPATCHES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", "--json", str(missing), str(tmp_path / "scan.pdf"), str(good)])
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr and "no such file" in result.stderr
    assert "scan.pdf" in result.stderr
    assert json.loads(result.stdout.strip())["header"]["symbol"] == "UBND-VP"


def test_directory_without_supported_files(tmp_path):
    (tmp_path / "a.xyz").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1 and "no supported files" in result.stderr


def test_eval_prints_the_score_table():
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), str(DISPATCHES[0].parent)])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()
    assert first[0].split()[:4] == ["family", "P", "R", "F1"]
    assert first[1].split()[:4] == ["header", "1.000", "1.000", "1.000"]
    assert first[-1].startswith("macro-F1")


def test_eval_accepts_a_jsonl_of_predictions(tmp_path):
    out = runner.invoke(app, ["extract", "--json", str(DISPATCHES[0])]).stdout
    pred = tmp_path / "pred.jsonl"
    pred.write_text(out, encoding="utf-8")
    gold_one = tmp_path / "gold"
    gold_one.mkdir()
    name = f"{DISPATCHES[0].stem}.json"
    (gold_one / name).write_text((GOLD / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--gold", str(gold_one), "--json", str(pred)])
    assert result.exit_code == 0
    header = json.loads(result.stdout)["families"]["header"]
    assert (header["tp"], header["fp"], header["fn"]) == (10, 0, 0)


def test_eval_needs_a_gold_directory(tmp_path):
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "nope"), str(DISPATCHES[0])])
    assert result.exit_code == 2 and "gold" in result.stderr


@pytest.mark.parametrize("broken", ["not json {", None])
def test_eval_names_a_gold_file_it_cannot_read(tmp_path, broken):
    gold = tmp_path / "gold"
    gold.mkdir()
    if broken is None:
        (gold / "a.json").symlink_to(tmp_path / "missing.json")  # a broken link
    else:
        (gold / "a.json").write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["eval", "--gold", str(gold), str(DISPATCHES[0])])
    assert result.exit_code == 2 and "a.json" in result.stderr and "Traceback" not in result.output
