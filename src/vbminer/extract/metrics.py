"""Figures attributed to units (``metrics``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Metric, Unit
from .base import Context


def extract_metrics(ctx: Context, units: Sequence[Unit]) -> list[Metric]:
    return []
