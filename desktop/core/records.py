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
    phones: list[str] = field(default_factory=list)  # more numbers and addresses, from customers merged into it
    emails: list[str] = field(default_factory=list)
    merged_into: int | None = None  # set on a customer merged into another (not listed)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "phone": self.phone, "email": self.email, "cases": self.cases,
                "other_phones": self.phones, "other_emails": self.emails}


@dataclass
class CustomerMergeRecord:
    """What a customer merge moved, so that it can be undone exactly (``to_json``/``from_json`` for a journal)."""

    source_id: int
    target_id: int
    case_ids: list[int]
    message_ids: list[int]
    media_ids: list[int]
    target_name: str | None = None  # the target's name before the merge (it may take the source's)

    def to_json(self) -> dict:
        return {"source_id": self.source_id, "target_id": self.target_id, "case_ids": self.case_ids,
                "message_ids": self.message_ids, "media_ids": self.media_ids, "target_name": self.target_name}

    @classmethod
    def from_json(cls, d: dict) -> CustomerMergeRecord:
        return cls(int(d["source_id"]), int(d["target_id"]), [int(i) for i in d["case_ids"]],
                   [int(i) for i in d["message_ids"]], [int(i) for i in d["media_ids"]], d.get("target_name"))


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
class DupMember:
    """One item of a duplicate group as stored: its own kind against the keeper (None for the keeper), whether it
    is set aside, what was done to it (``desktop.core.transform_text``), and an edited copy's changed region
    (left, top, width, height in percent of the keeper)."""

    media_id: int
    sha256: str
    name: str
    kind: str | None = None
    set_aside: bool = False
    transform: dict | None = None
    region: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict:
        from desktop.core.transform_text import region_text, transform_text

        return {"media_id": self.media_id, "sha256": self.sha256, "name": self.name, "kind": self.kind,
                "set_aside": self.set_aside, "transform": self.transform,
                "changes": transform_text(self.transform), "changes_nl": transform_text(self.transform, "nl"),
                "region": list(self.region) if self.region else None,
                "region_text": region_text(self.region) or None}


@dataclass
class DupGroupInfo:
    kind: str  # a DupKind
    keeper: str  # sha256
    members: list[str]  # sha256, keeper first
    cases: list[str]
    keeper_id: int
    member_ids: list[int]
    items: list[DupMember] = field(default_factory=list)  # keeper first, as ``member_ids``

    def member(self, media_id: int) -> DupMember | None:
        return next((m for m in self.items if m.media_id == media_id), None)

    def to_json(self) -> dict:
        return {"kind": self.kind, "keeper": self.keeper, "members": self.members, "cases": self.cases,
                "keeper_id": self.keeper_id, "items": [m.to_json() for m in self.items]}


@dataclass
class AlertInfo:
    """The same picture in another case: another customer's, the same customer's other claim, or a case without a
    customer (possible fraud). Derived from the items' current cases: never about the item's own case."""

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
    kind: str = "same"  # a DupKind: "exact" (same bytes) or "same" (same picture)
    media_kind: str = "image"  # a MediaKind: image or video


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
    entry_id: int | None = None  # the merge's journal entry (``desktop.services.undo``)


@dataclass(frozen=True)
class AuditInfo:
    id: int
    at: datetime
    actor: str | None
    action: str  # an AuditAction
    case_ref: str | None
    detail: dict = field(default_factory=dict)
    customer_id: int | None = None  # the customer the event is about
    seq: int = 0  # its place in the hash chain

    def to_json(self) -> dict:
        return {"at": self.at.isoformat(), "actor": self.actor, "action": self.action, "case": self.case_ref,
                "details": self.detail, "customer": self.customer_id, "seq": self.seq}


@dataclass(frozen=True)
class PickedCase:
    """A case as the import dialog's picker shows it, with the same customer's other cases."""

    ref: str
    title: str
    status: str
    customer: str | None
    customer_id: int | None
    last_activity: datetime
    others: list[str] = field(default_factory=list)  # the customer's other cases, newest first

    def to_json(self) -> dict:
        return {"ref": self.ref, "title": self.title, "status": self.status, "customer": self.customer,
                "last_activity": self.last_activity.isoformat(), "others": self.others}


@dataclass(frozen=True)
class GapPart:
    """One part of a case split by capture-time gaps: the first part stays, each other one becomes a case."""

    title: str
    media_ids: list[int]
    first: datetime | None  # earliest and latest capture time in it
    last: datetime | None
    stays: bool
    ref: str | None = None  # the case it is (or went) in

    def to_json(self) -> dict:
        return {"title": self.title, "media": len(self.media_ids), "media_ids": self.media_ids,
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None, "stays": self.stays, "case": self.ref}


@dataclass(frozen=True)
class JournalInfo:
    """One undoable action of the journal, as a handler sees it."""

    id: int
    at: datetime
    handler: str | None
    kind: str
    label: str  # English, as recorded
    params: dict
    case_ref: str | None
    undone_at: datetime | None = None
    undone_by: str | None = None
    redo_order: int | None = None  # on its handler's redo stack (undone, no newer action since): higher first

    def text(self, lang: str = "en") -> str:
        from desktop.core.actions import action_label  # its label tables: only when a label is shown

        return action_label(self.kind, self.params, lang, fallback=self.label)

    def to_json(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat(), "handler": self.handler, "kind": self.kind,
                "label": self.text("en"), "labels": {"en": self.text("en"), "nl": self.text("nl")},
                "case": self.case_ref, "undone": self.undone_at is not None,
                "undone_at": self.undone_at.isoformat() if self.undone_at else None, "undone_by": self.undone_by}


@dataclass(frozen=True)
class BlobDates:
    """The dates an original carries, from which an occurrence's capture time is chosen."""

    exif_taken: datetime | None = None
    exif_digitized: datetime | None = None
    exif_modified: datetime | None = None
    video_created_at: datetime | None = None
    kind: str | None = None  # a MediaKind


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
    chosen: bool = False  # the handler made it its group's keeper
    restored: bool = False  # the handler restored it: never set aside again
    taken: datetime | None = None  # EXIF DateTimeOriginal with its sub-seconds: the camera's clock


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
