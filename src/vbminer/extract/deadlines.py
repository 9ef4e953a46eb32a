"""Deadlines (``deadlines``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Deadline, Unit
from .base import Context


def extract_deadlines(ctx: Context, units: Sequence[Unit]) -> list[Deadline]:
    return []
