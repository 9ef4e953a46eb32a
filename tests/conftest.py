"""Shared paths and fixtures for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
DISPATCHES = sorted(p for p in (CORPORA / "dispatches").iterdir() if p.suffix in (".txt", ".md"))
GOLD = CORPORA / "gold"
EXPECTED = CORPORA / "expected"
SHARED = Path(os.environ.get("VBMINER_SHARED") or ROOT.parent / "shared")
SCHEMA = SHARED / "spec" / "dispatch.schema.json"


@pytest.fixture(scope="session")
def schema() -> dict:
    import json

    if not SCHEMA.exists():
        pytest.skip(f"contract schema not found at {SCHEMA} (set VBMINER_SHARED)")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
