"""Closed cases and their retention, and legal holds."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound
from desktop.core.model import CaseStatus
from desktop.core.retention import CaseState
from desktop.core.rights import HoldState
from desktop.store.schema import Case, fit


class RetentionStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def states(self, *, customer_id: int | None = None, case_ids: list[int] | None = None
               ) -> list[tuple[int, CaseState]]:
        """(case id, state) of a customer's cases or of these cases, erased ones left out, in id order."""
        q = select(Case).where(Case.erased_at.is_(None)).order_by(Case.id)
        if customer_id is not None:
            q = q.where(Case.customer_id == customer_id)
        if case_ids is not None:
            q = q.where(Case.id.in_(case_ids))
        return [(c.id, _state(c)) for c in self._s.scalars(q)]

    def closed(self) -> list[tuple[int, CaseState, int | None, HoldState | None]]:
        """(case id, state, customer id, hold) of every closed case not yet erased, in id order."""
        q = (select(Case).where(Case.erased_at.is_(None), Case.status == CaseStatus.CLOSED,
                                Case.closed_at.is_not(None)).order_by(Case.id))
        return [(c.id, _state(c), c.customer_id, _hold(c)) for c in self._s.scalars(q)]

    def hold_of(self, case_id: int) -> HoldState | None:
        return _hold(self._case(case_id))

    def set_hold(self, case_id: int, hold: HoldState | None) -> None:
        """Place (or replace) a hold, or lift it with None."""
        case = self._case(case_id)
        case.hold_reason = hold.reason if hold else None
        case.held_at = hold.at if hold else None
        case.held_by = fit(Case.held_by, hold.by) if hold else None

    def _case(self, case_id: int) -> Case:
        case = self._s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no case {case_id}")
        return case


def _state(c: Case) -> CaseState:
    return CaseState(c.ref, c.kind, c.status, c.closed_at, c.hold_reason)


def _hold(c: Case) -> HoldState | None:
    return HoldState(c.hold_reason, c.held_at or c.opened_at, c.held_by) if c.hold_reason else None
