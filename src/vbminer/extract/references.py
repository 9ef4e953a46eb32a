"""Cited documents (``references``)."""

from __future__ import annotations

from ..types import Reference
from .base import Context


def extract_references(ctx: Context) -> list[Reference]:
    return []
