"""Plain records the store hands to services, and services to the CLI and the window.

Cases and media are in ``desktop.core.model``; these are the rest: customers, messages, notes, duplicate groups,
alerts, audit events, and the few small values an import or a duplicate run works with. No ORM, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class CaseHandle:
    """A case as an import or an edit refers to it."""

    id: int
    ref: str


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
    kind: str  # a MessageKind
    subject: str | None
    text: str
    attachments: list[str]  # sha256 of the files sent with it

    def to_json(self) -> dict:
        return {"id": self.id, "case": self.case_ref, "sent_at": self.sent_at.isoformat() if self.sent_at else None,
                "sender": self.sender, "text": self.text, "attachments": self.attachments, "kind": self.kind,
                "from_customer": self.from_customer}


@dataclass
class NoteInfo:
    id: int
    created_at: datetime
    author: str | None
    text: str
    media_item_id: int | None


@dataclass
class DupGroupInfo:
    kind: str  # a DupKind
    keeper: str  # sha256
    members: list[str]  # sha256, keeper first
    cases: list[str]
    keeper_id: int
    member_ids: list[int]

    def to_json(self) -> dict:
        return {"kind": self.kind, "keeper": self.keeper, "members": self.members, "cases": self.cases}


@dataclass
class AlertInfo:
    """The same picture in another customer's case (possible fraud)."""

    id: int
    case_ref: str
    other_case_ref: str
    other_customer: str | None
    media_id: int
    other_media_id: int
    name: str
    other_name: str
    sha256: str
    other_sha256: str


@dataclass
class MergeRecord:
    """What a merge moved, so that it can be undone exactly."""

    source_ref: str
    target_ref: str
    media_ids: list[int]
    message_ids: list[int]
    note_ids: list[int]
    alert_ids: list[int]  # alerts raised on the source case
    other_alert_ids: list[int]  # alerts elsewhere that pointed at the source case
    title: str
    status: str
    closed_at: datetime | None


@dataclass(frozen=True)
class AuditInfo:
    id: int
    at: datetime
    actor: str | None
    action: str  # an AuditAction
    case_ref: str | None
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class BlobDates:
    """The dates an original carries, from which an occurrence's capture time is chosen."""

    exif_taken: datetime | None = None
    exif_digitized: datetime | None = None
    exif_modified: datetime | None = None
    video_created_at: datetime | None = None


@dataclass(frozen=True)
class DupItem:
    """A media item with the facts of its original that duplicate detection compares."""

    id: int
    case_id: int
    sha256: str
    kind: str  # a MediaKind
    phash: int | None
    fingerprint: bytes | None
    width: int | None
    height: int | None
    size: int
    has_exif: bool  # an EXIF capture date: a camera original
    received_at: datetime | None
    duration_s: float | None


@dataclass(frozen=True)
class OpinionInfo:
    """A request for a second opinion on a case, and its answer once given."""

    id: int
    case_id: int
    case_ref: str
    asked_by: str | None
    asked_to: str
    question: str
    asked_at: datetime
    answer: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.answered_at is None

    def to_json(self) -> dict:
        iso = lambda t: t.isoformat() if t is not None else None  # noqa: E731
        return {"id": self.id, "case": self.case_ref, "asked_by": self.asked_by, "asked_to": self.asked_to,
                "question": self.question, "asked_at": iso(self.asked_at), "answer": self.answer,
                "answered_by": self.answered_by, "answered_at": iso(self.answered_at), "open": self.open}
