"""Shared by the reader tests: the sample dispatches rendered as fixtures, and header comparison."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = (
    "001_cv-ubnd-yen-thanh-chan-chinh-ky-so",
    "004_qd-ct-ubnd-dien-chau-to-cong-tac-cchc",
    "008_cv-so-tttt-nghe-an-khan-chuyen-doi-so-cap-huyen",
)
HEADER_FIELDS = (
    "issuer", "number", "year", "symbol", "doc_type", "place", "date", "subject", "recipients",
    "urgency", "confidentiality", "signer", "cc", "is_draft",
)


def original(name: str) -> Path:
    return next((ROOT / "corpora" / "dispatches").glob(name + ".*"))


def header_differences(reference: dict, got: dict) -> dict[str, tuple[object, object]]:
    """Header fields (offsets aside) whose values differ: field -> (plain text's, variant's)."""
    return {f: (reference[f], got[f]) for f in HEADER_FIELDS if reference[f] != got[f]}
