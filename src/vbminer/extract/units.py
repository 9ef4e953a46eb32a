"""Named units (``units``)."""

from __future__ import annotations

from ..types import Unit
from .base import Context


def extract_units(ctx: Context) -> list[Unit]:
    return []
