"""Packaging: a plain ``pip install .`` must ship every subpackage and the pattern files."""

from __future__ import annotations

from conftest import ROOT


def test_every_subpackage_is_listed():
    import pytest

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        "vbminer" + "".join("." + part for part in init.parent.relative_to(ROOT / "src" / "vbminer").parts)
        for init in (ROOT / "src" / "vbminer").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "vbminer.patterns" in listed
