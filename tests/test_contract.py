"""The machine-readable contract: ``vbminer extract --json`` output validates against the schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import DISPATCHES, ROOT
from typer.testing import CliRunner

from vbminer.cli import app
from vbminer.pipeline import extract_path, extract_text

EXTENSIONS = json.loads((ROOT / "spec" / "extensions.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.stem[:3])
def test_corpus_output_validates(path, schema):
    obj = extract_path(path).to_json()
    jsonschema.validate(obj, schema)
    jsonschema.validate(obj, EXTENSIONS)


def test_cli_json_lines_validate(schema):
    result = CliRunner().invoke(app, ["extract", "--json", str(DISPATCHES[0].parent)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(DISPATCHES)
    for obj in lines:
        jsonschema.validate(obj, schema)
        for key in ("references", "units", "metrics", "deadlines", "tasks"):
            assert isinstance(obj[key], list)


@pytest.mark.parametrize("text", ["", "   \n\n", "xin chào", "Số:\nKính gửi:\nNơi nhận:\nTM.\n"])
def test_degenerate_inputs_validate(text, schema):
    obj = extract_text(text).to_json()
    jsonschema.validate(obj, schema)
    jsonschema.validate(obj, EXTENSIONS)
    assert obj["warnings"], "a document with nothing found must say so"


@pytest.mark.parametrize("path", DISPATCHES, ids=lambda p: p.stem[:3])
def test_from_json_round_trips(path):
    from vbminer.types import Dispatch

    obj = extract_path(path).to_json()
    assert Dispatch.from_json(json.loads(json.dumps(obj))).to_json() == obj
