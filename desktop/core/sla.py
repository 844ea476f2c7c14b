"""Service-level figures over many cases: how fast the first answer came, in working minutes.

Per case kind and handler (and in total per kind, and overall): the number of cases whose first customer
message falls in the date range, how many got a first answer, the median and the 90th percentile of the working
minutes to it, and the share answered within the norm. A case still waiting counts as not within the norm once
its first answer is overdue; one still within its time is left out (it cannot be judged yet), and so is one
whose wait is no longer open (closed, or silent for longer than the live window) without an answer.

Percentiles are nearest-rank (the smallest value with at least p % of the values at or below it): "90 % were
answered within X minutes" holds for the X reported, and X is a time that really occurred. The median is the
middle value (the mean of the two middle ones for an even count).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

ALL = "*"  # the handler (or kind) of a total row


@dataclass(frozen=True)
class SlaCase:
    kind: str
    handler: str | None
    first_message_on: date | None  # local date of the customer's first message
    first_answer_minutes: float | None  # None: no first answer yet
    overdue: bool = False  # no first answer, and its due time has passed while the wait is open


@dataclass(frozen=True)
class SlaRow:
    kind: str  # or ALL
    handler: str  # "" for no handler, or ALL
    cases: int  # judged cases: answered, or overdue without answer
    answered: int
    median_minutes: float | None
    p90_minutes: float | None
    within_norm: float | None  # share 0..1 of ``cases`` answered within the norm

    def to_json(self) -> dict:
        r = lambda v: None if v is None else round(v, 1)  # noqa: E731
        return {"kind": self.kind, "handler": self.handler, "cases": self.cases, "answered": self.answered,
                "median_minutes": r(self.median_minutes), "p90_minutes": r(self.p90_minutes),
                "within_norm": None if self.within_norm is None else round(self.within_norm, 4)}


def nearest_rank(values: list[float], p: float) -> float | None:
    """The p-th percentile (0 < p <= 100) by nearest rank, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def _row(kind: str, handler: str, cases: list[SlaCase], norm: float) -> SlaRow:
    minutes = [c.first_answer_minutes for c in cases if c.first_answer_minutes is not None]
    judged = len(minutes) + sum(1 for c in cases if c.first_answer_minutes is None and c.overdue)
    within = sum(1 for m in minutes if m <= norm)
    return SlaRow(kind, handler, judged, len(minutes), statistics.median(minutes) if minutes else None,
                  nearest_rank(minutes, 90), within / judged if judged else None)


def sla_report(cases: Iterable[SlaCase], *, norm_minutes: float = 60.0, date_from: date | None = None,
               date_to: date | None = None) -> list[SlaRow]:
    """Rows per (kind, handler), then per kind over all handlers, then one overall row; both dates inclusive.
    Cases without a first customer message are left out."""
    chosen = [c for c in cases if c.first_message_on is not None
              and (date_from is None or c.first_message_on >= date_from)
              and (date_to is None or c.first_message_on <= date_to)]
    chosen = [c for c in chosen if c.first_answer_minutes is not None or c.overdue]
    groups: dict[tuple[str, str], list[SlaCase]] = {}
    for c in chosen:
        groups.setdefault((c.kind, c.handler or ""), []).append(c)
    rows = [_row(k, h, groups[(k, h)], norm_minutes) for k, h in sorted(groups)]
    for kind in sorted({c.kind for c in chosen}):
        rows.append(_row(kind, ALL, [c for c in chosen if c.kind == kind], norm_minutes))
    rows.append(_row(ALL, ALL, chosen, norm_minutes))
    return rows
