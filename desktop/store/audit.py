"""The audit log: every change to a case is written here, with the handler who made it."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.clock import now_local
from desktop.core.records import AuditInfo
from desktop.store.schema import AuditEvent, Case, fit


class AuditLog:
    def __init__(self, session: Session, actor: str | None) -> None:
        self._s = session
        self.actor = actor

    def record(self, action: str, case_id: int | None, **detail: object) -> None:
        """One event by this unit's handler; ``detail`` is kept as JSON."""
        self._s.add(AuditEvent(at=now_local(), actor=fit(AuditEvent.actor, self.actor), action=str(action),
                               case_id=case_id, detail=json.dumps(detail, ensure_ascii=False, default=str)))

    def events(self, case_id: int | None = None) -> list[AuditInfo]:
        """The events, oldest first (of one case, when given)."""
        q = (select(AuditEvent, Case.ref).outerjoin(Case, AuditEvent.case_id == Case.id).order_by(AuditEvent.id))
        if case_id is not None:
            q = q.where(AuditEvent.case_id == case_id)
        return [AuditInfo(e.id, e.at, e.actor, e.action, ref, json.loads(e.detail or "{}"))
                for e, ref in self._s.execute(q)]
