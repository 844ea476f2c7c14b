"""How long a case is kept, and when a customer may be erased.

A closed case is kept for its kind's retention period after it closed (team setting ``retention_years``:
claims 7 years, the Dutch fiscal retention period of art. 52 AWR; complaints 2 years). A legal hold keeps a
case whatever its period says. A customer can be erased (GDPR art. 17) only when none of their cases is open,
held, or within its period; naming the legal basis overrides the period (art. 17(1), e.g. the customer withdrew
consent and no legal obligation applies), never an open case or a hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.core.errors import UsageError
from desktop.core.model import CaseKind, CaseStatus

DEFAULT_YEARS = {CaseKind.CLAIM.value: 7, CaseKind.COMPLAINT.value: 2}


def years_for(kind: str, configured: dict[str, int]) -> int:
    """The retention period of a case kind: the team's setting, else the default, else the longest known."""
    return configured.get(kind) or DEFAULT_YEARS.get(kind) or max(DEFAULT_YEARS.values())


def add_years(value: datetime, years: int) -> datetime:
    """The same date ``years`` later (29 February becomes 28 February)."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


@dataclass(frozen=True)
class CaseState:
    """What decides whether a case may be erased."""

    ref: str
    kind: str
    status: str
    closed_at: datetime | None
    hold_reason: str | None = None

    def kept_until(self, configured: dict[str, int]) -> datetime | None:
        """The end of its retention period; None while it is open."""
        if self.status != CaseStatus.CLOSED or self.closed_at is None:
            return None
        return add_years(self.closed_at, years_for(self.kind, configured))

    def past_retention(self, now: datetime, configured: dict[str, int]) -> bool:
        until = self.kept_until(configured)
        return until is not None and _naive(until) <= _naive(now)


def _naive(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None) if value.utcoffset() is not None else value


class ErasureRefused(UsageError):
    """Erasure is not allowed now; ``reasons`` says why, one sentence per case."""

    def __init__(self, subject: str, reasons: list[str], can_override: bool) -> None:
        hint = (" Name the legal basis with --override-retention BASIS to erase within the retention period."
                if can_override else "")
        super().__init__(f"{subject} cannot be erased: " + "; ".join(reasons) + "." + hint)
        self.reasons = reasons
        self.can_override = can_override


def erasure_obstacles(cases: list[CaseState], now: datetime, configured: dict[str, int],
                      override_basis: str | None) -> tuple[list[str], bool]:
    """Why these cases cannot be erased now (empty: they can), and whether a legal basis would lift it all."""
    reasons: list[str] = []
    hard = False
    for c in cases:
        if c.hold_reason:
            reasons.append(f"case {c.ref} is under a legal hold ({c.hold_reason}); release it first with "
                           f"'casedesk case release {c.ref}'")
            hard = True
        elif c.status != CaseStatus.CLOSED or c.closed_at is None:
            reasons.append(f"case {c.ref} is still open ({c.status}); close it first")
            hard = True
        elif not c.past_retention(now, configured) and not override_basis:
            until = c.kept_until(configured)
            assert until is not None
            reasons.append(f"case {c.ref} is within its retention period until {until.date().isoformat()} "
                           f"({c.kind}: {years_for(c.kind, configured)} years after closing)")
    return reasons, bool(reasons) and not hard
