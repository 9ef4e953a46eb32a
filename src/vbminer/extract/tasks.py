"""Assignments (``tasks``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Task, Unit
from .base import Context


def extract_tasks(ctx: Context, units: Sequence[Unit]) -> list[Task]:
    return []
