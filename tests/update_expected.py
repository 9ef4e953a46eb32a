"""Regenerate ``corpora/expected/*.json`` from the current extraction.

Run ``python tests/update_expected.py`` after a deliberate change to the extraction, then review
the diff of ``corpora/expected/`` before committing it: that diff is the change in behaviour.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import DISPATCHES, EXPECTED  # noqa: E402

from vbminer.pipeline import extract_path  # noqa: E402


def snapshot(path: Path) -> dict:
    """What the golden file holds: the contract's output, the text replaced by its length."""
    data = extract_path(path).to_json()
    data["source"]["path"] = path.name
    data["text_length"] = len(data.pop("text"))
    return data


def main() -> None:
    EXPECTED.mkdir(exist_ok=True)
    for path in DISPATCHES:
        out = EXPECTED / f"{path.stem}.json"
        out.write_text(json.dumps(snapshot(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
