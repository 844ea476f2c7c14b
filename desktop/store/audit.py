"""The audit log: every change, by the handler who made it, append-only and hash-chained.

How the chain is built and checked is in ``desktop.core.audit_chain``. Appending reads the newest event and links
the new one to it, so two desks must not append at the same moment: on SQLite a write unit already holds the
database's write lock (``BEGIN IMMEDIATE``); on PostgreSQL the first event of a unit takes a transaction-scoped
advisory lock, held until the unit commits, and ``seq`` is unique besides, so a fork could never be committed.
The database itself refuses deletes and edits of the chained fields (triggers from migration ``privacy01``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import false, or_, select, text
from sqlalchemy.orm import Session

from desktop.core.audit_chain import GENESIS, ChainLink, StoredEvent, canonical, details_hash, new_salt
from desktop.core.clock import now_local
from desktop.core.records import AuditInfo
from desktop.store.schema import AuditEvent, Case, fit

AUDIT_LOCK = 0x41554454  # "AUDT": the PostgreSQL advisory lock that serialises appends
SCRUB_LIST = "scrubbed_events"  # the detail key by which an erasure event names the events it scrubbed


class AuditLog:
    def __init__(self, session: Session, actor: str | None) -> None:
        self._s = session
        self.actor = actor
        self._tail: tuple[int, str] | None = None  # (seq, hash) of the newest event, once this unit has locked

    def record(self, action: str, case_id: int | None, *, customer_id: int | None = None, **detail: object) -> int:
        """One event by this unit's handler, chained to the newest one; ``detail`` is kept as JSON. The customer
        is the case's unless given. Returns the event's sequence number."""
        if customer_id is None and case_id is not None:
            customer_id = self._s.scalar(select(Case.customer_id).where(Case.id == case_id))
        seq, prev = self._newest()
        body = canonical(detail)
        salt = new_salt()
        actor = fit(AuditEvent.actor, self.actor)
        link = ChainLink(seq + 1, prev, now_local(), actor, str(action), case_id, customer_id,
                         details_hash(salt, body))
        digest = link.digest()
        self._s.add(AuditEvent(at=link.at, actor=actor, action=link.action, case_id=case_id, detail=body,
                               seq=link.seq, customer_id=customer_id, prev_hash=prev, hash=digest,
                               detail_hash=link.details_hash, detail_salt=salt, scrubbed=False))
        self._tail = (link.seq, digest)
        return link.seq

    def _newest(self) -> tuple[int, str]:
        if self._tail is None:
            if self._s.get_bind().dialect.name == "postgresql":
                self._s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK})
            row = self._s.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc())
                                  .limit(1)).first()
            self._tail = (row[0], row[1]) if row else (0, GENESIS)
        return self._tail

    def head(self) -> str | None:
        """The hash of the newest event (the whole log's), or None when there is none."""
        return self._s.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))

    def events(self, case_id: int | None = None, customer_id: int | None = None) -> list[AuditInfo]:
        """The events, oldest first: of one case, and/or about one customer (named on the event, or on a case
        that is theirs)."""
        q = select(AuditEvent, Case.ref).outerjoin(Case, AuditEvent.case_id == Case.id).order_by(AuditEvent.seq)
        if case_id is not None:
            q = q.where(AuditEvent.case_id == case_id)
        if customer_id is not None:
            q = q.where(or_(AuditEvent.customer_id == customer_id,
                            AuditEvent.case_id.in_(select(Case.id).where(Case.customer_id == customer_id))))
        return [AuditInfo(e.id, e.at, e.actor, e.action, ref, _load(e.detail), e.customer_id, e.seq)
                for e, ref in self._s.execute(q)]

    def stored(self) -> list[StoredEvent]:
        """Every event as stored, for ``desktop.core.audit_chain.check_chain``."""
        out = []
        for e in self._s.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
            detail = _load(e.detail)
            listed = detail.get(SCRUB_LIST, []) if isinstance(detail, dict) else []
            out.append(StoredEvent(
                e.id, ChainLink(e.seq, e.prev_hash, e.at, e.actor, e.action, e.case_id, e.customer_id,
                                e.detail_hash),
                e.hash, e.detail, e.detail_salt, bool(e.scrubbed),
                tuple(x for x in listed if isinstance(x, int)) if isinstance(listed, list) else ()))
        return out

    def scrub(self, rewrite: Callable[[AuditInfo], dict | None], *, case_ids: list[int] | None = None,
              customer_id: int | None = None) -> list[int]:
        """Offer every event (of these cases / about this customer, or all) to ``rewrite``; where it returns new
        details, they replace the old ones, the salt is dropped and the event is marked scrubbed. Returns the
        sequence numbers changed (the caller names them in its erasure event)."""
        q = select(AuditEvent).order_by(AuditEvent.seq)
        if case_ids is not None or customer_id is not None:
            q = q.where(or_(AuditEvent.case_id.in_(case_ids or []),
                            AuditEvent.customer_id == customer_id if customer_id is not None else false()))
        changed = []
        for e in self._s.scalars(q):
            info = AuditInfo(e.id, e.at, e.actor, e.action, None, _load(e.detail), e.customer_id, e.seq)
            new = rewrite(info)
            if new is None:
                continue
            body = canonical(new)
            if body == e.detail:
                continue
            e.detail, e.detail_salt, e.scrubbed = body, None, True
            changed.append(e.seq)
        return changed


def _load(detail: str | None) -> dict:
    try:
        value = json.loads(detail or "{}")
    except ValueError:
        return {"text": detail}
    return value if isinstance(value, dict) else {"value": value}
