"""What a load did (or would do), and how values are shown in its report lines."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models

from .schema import KINDS

@dataclass
class KindCounts:
    created: int = 0
    unchanged: int = 0
    kept: int = 0
    updated: int = 0


@dataclass
class SeedReport:
    """What a load did (or, in a dry run, would do), per kind of entry."""

    directory: Path
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    update: bool = False
    counts: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    kept: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def lines(self) -> list[str]:
        head = f"{'kind':<18}{'created':>9}{'unchanged':>11}{'kept':>7}{'updated':>9}"
        out = [head, "-" * len(head)]
        for kind in KINDS:
            c = self.counts[kind]
            out.append(f"{kind.replace('_', ' '):<18}{c.created:>9}{c.unchanged:>11}{c.kept:>7}{c.updated:>9}")
        return out



def short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"



def show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return getattr(value, "ref", None) or str(value)
    if isinstance(value, (list, tuple)):
        return short(json.dumps(value, ensure_ascii=False, default=str), 80)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return f'"{short(value)}"'


def show_pair(have: Any, want: Any) -> tuple[str, str]:
    """Both values for a report line; long texts are shown around their first difference."""
    if isinstance(have, str) and isinstance(want, str) and max(len(have), len(want)) > 60:
        at = next((i for i, (a, b) in enumerate(zip(have, want)) if a != b), min(len(have), len(want)))
        start = max(0, at - 20)

        def window(text: str) -> str:
            return ('"…' if start else '"') + short(text[start:], 50).rstrip('"') + '"'

        return window(have), window(want)
    return show(have), show(want)


