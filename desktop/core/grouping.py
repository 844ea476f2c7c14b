"""Suggest cases: loose files split by capture-time gaps; chat material split by silences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from desktop.core.capture_time import wall_clock

K = TypeVar("K")


def split_by_gaps(items: Sequence[tuple[K, datetime | None]], gap: timedelta) -> list[list[K]]:
    """Sort by time and cut wherever consecutive times are further apart than ``gap``.

    Items without a time join the first group.
    Times with and without offsets are compared by their wall-clock reading.
    """
    timed = sorted(((wall_clock(t), i, k) for i, (k, t) in enumerate(items) if t is not None))
    groups: list[list[K]] = []
    last: datetime | None = None
    for t, _i, key in timed:
        if last is None or t - last > gap:
            groups.append([])
        groups[-1].append(key)
        last = t
    untimed = [k for k, t in items if t is None]
    if untimed:
        if groups:
            groups[0].extend(untimed)
        else:
            groups.append(list(untimed))
    return groups


def starts_new_case(last_activity: datetime | None, when: datetime | None, gap: timedelta) -> bool:
    """Whether material arriving at ``when`` should open a new case after ``last_activity``."""
    if last_activity is None or when is None:
        return False
    return wall_clock(when) - wall_clock(last_activity) > gap
