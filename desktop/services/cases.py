"""Reading cases, media, customers and messages for the CLI and the window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from desktop.core.errors import NotFound
from desktop.core.model import CaseSummary, MediaInfo
from desktop.services.library import Library
from desktop.store import queries
from desktop.store.schema import Case, Customer, MediaItem, Message


@dataclass
class CustomerInfo:
    id: int
    name: str | None
    phone: str | None
    email: str | None
    cases: list[str]

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "phone": self.phone, "email": self.email, "cases": self.cases}


@dataclass
class MessageInfo:
    id: int
    case_ref: str
    sent_at: datetime | None
    sender: str | None
    from_customer: bool
    kind: str
    subject: str | None
    text: str
    attachments: list[str]

    def to_json(self) -> dict:
        return {"id": self.id, "case": self.case_ref, "sent_at": self.sent_at.isoformat() if self.sent_at else None, "sender": self.sender,
                "text": self.text, "attachments": self.attachments, "kind": self.kind,
                "from_customer": self.from_customer}


def case_id_for(s, ref: str) -> int:
    cid = s.scalar(select(Case.id).where(Case.ref == ref))
    if cid is None:
        raise NotFound(f"no case with reference {ref!r}")
    return cid


def list_cases(lib: Library, *, status: str | None = None) -> list[CaseSummary]:
    with lib.db.session() as s:
        out = queries.case_summaries(s, answer_norm=timedelta(minutes=lib.prefs.answer_norm_minutes))
    return [c for c in out if status is None or c.status == status]


def get_case(lib: Library, ref: str) -> CaseSummary:
    with lib.db.session() as s:
        cid = case_id_for(s, ref)
        return queries.case_summaries(s, answer_norm=timedelta(minutes=lib.prefs.answer_norm_minutes),
                                      case_ids=[cid])[0]


def list_media(lib: Library, *, case_ref: str | None = None) -> list[MediaInfo]:
    with lib.db.session() as s:
        cid = case_id_for(s, case_ref) if case_ref else None
        return queries.media_infos(s, case_id=cid, incident_doubt_days=lib.prefs.incident_doubt_days)


def list_customers(lib: Library) -> list[CustomerInfo]:
    with lib.db.session() as s:
        refs: dict[int, list[str]] = {}
        for cid, ref in s.execute(select(Case.customer_id, Case.ref).where(Case.customer_id.is_not(None))
                                  .order_by(Case.id)):
            refs.setdefault(cid, []).append(ref)
        return [CustomerInfo(c.id, c.name, c.phone, c.email, refs.get(c.id, []))
                for c in s.scalars(select(Customer).order_by(Customer.id))]


def list_messages(lib: Library, *, case_ref: str | None = None, customer_id: int | None = None) -> list[MessageInfo]:
    with lib.db.session() as s:
        q = select(Message, Case.ref).join(Case, Message.case_id == Case.id).order_by(Message.id)
        if case_ref:
            q = q.where(Message.case_id == case_id_for(s, case_ref))
        if customer_id is not None:
            q = q.where(Message.customer_id == customer_id)
        rows = s.execute(q).all()
        att: dict[int, list[str]] = {}
        ids = [m.id for m, _ in rows]
        if ids:
            for mid, sha in s.execute(select(MediaItem.message_id, MediaItem.blob_sha256)
                                      .where(MediaItem.message_id.in_(ids), MediaItem.blob_sha256.is_not(None))
                                      .order_by(MediaItem.id)):
                att.setdefault(mid, []).append(sha)
        return [MessageInfo(m.id, ref, m.sent_at, m.sender, m.from_customer, m.kind, m.subject, m.text,
                            att.get(m.id, [])) for m, ref in rows]
