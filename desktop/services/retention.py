"""Retention: which closed cases are past their period, purging them, and legal holds that stop a purge.

A hold is an ordinary, reversible edit: ``hold_case`` and ``release_case`` return the hold as it was before,
and ``restore_hold`` puts exactly that back (what the undo journal calls). A purge is an erasure: not undoable.
"""

from __future__ import annotations

from datetime import datetime

from desktop.core.clock import now_local
from desktop.core.errors import UsageError
from desktop.core.model import AuditAction
from desktop.core.retention import years_for
from desktop.core.rights import ErasureReceipt, HoldState, RetentionInfo
from desktop.services.erasure import erase_case
from desktop.services.library import Library


def retention_due(lib: Library, now: datetime | None = None) -> list[RetentionInfo]:
    """Closed cases past their retention period, oldest first; held ones too (``hold`` set: not purged)."""
    now = now or now_local()
    configured = lib.team.retention_years
    with lib.unit() as uow:
        closed = uow.retention.closed()
    out = []
    for _cid, state, customer_id, hold in closed:
        if state.past_retention(now, configured):
            until = state.kept_until(configured)
            assert until is not None and state.closed_at is not None
            out.append(RetentionInfo(state.ref, state.kind, state.closed_at, years_for(state.kind, configured),
                                     until, customer_id, hold))
    return sorted(out, key=lambda r: (r.until, r.ref))


def purge(lib: Library, now: datetime | None = None) -> list[ErasureReceipt]:
    """Erase every case past its retention period that is not held: one receipt each."""
    now = now or now_local()
    receipts = []
    for due in retention_due(lib, now):
        if due.hold is None:
            reason = (f"retention period ended: {due.kind}, {due.years} years after closing "
                      f"({due.closed_at.date().isoformat()} + {due.years} = {due.until.date().isoformat()})")
            receipts.append(erase_case(lib, due.ref, reason, now=now))
    return receipts


def hold_of(lib: Library, ref: str) -> HoldState | None:
    with lib.unit() as uow:
        return uow.retention.hold_of(uow.cases.id_of(ref))


def hold_case(lib: Library, ref: str, reason: str) -> HoldState | None:
    """Place a legal hold on a case (a new reason replaces the old one). Returns the hold before (for undo)."""
    if not reason or not reason.strip():
        raise UsageError("a legal hold needs a reason (--reason)")
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        before = uow.retention.hold_of(cid)
        uow.retention.set_hold(cid, HoldState(reason.strip(), now_local(), lib.handler))
        uow.audit.record(AuditAction.CASE_HELD, cid, reason=reason.strip())
    return before


def release_case(lib: Library, ref: str) -> HoldState | None:
    """Lift the legal hold of a case. Returns the hold it had (for undo); None when it had none."""
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        before = uow.retention.hold_of(cid)
        if before is not None:
            uow.retention.set_hold(cid, None)
            uow.audit.record(AuditAction.CASE_RELEASED, cid, reason=before.reason)
    return before


def restore_hold(lib: Library, ref: str, hold: HoldState | None) -> None:
    """Put a case's hold back exactly as it was (an undo of ``hold_case`` or ``release_case``)."""
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        uow.retention.set_hold(cid, hold)
        action = AuditAction.CASE_HELD if hold is not None else AuditAction.CASE_RELEASED
        uow.audit.record(action, cid, reason=hold.reason if hold else None, undo=True)
