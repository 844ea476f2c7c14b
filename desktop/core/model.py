"""Domain records shared by every layer. Plain dataclasses: no ORM, no Qt.

Services return these; the CLI formats them and the UI wraps them in thin Qt models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from desktop.core.pathnames import readable


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    PDF = "pdf"
    OTHER = "other"
    MISSING = "missing"  # a file a chat names but the export lacks: an item without an original, never probed


class MediaRole(StrEnum):
    """What an item with an original is to its case. Every byte received is kept; only ``media`` is case media
    (the grid, the PDF's photo pages); the others are listed in the integrity manifest and the customer's data."""

    MEDIA = "media"  # a photo, video, voice note or document of the case
    ORIGINAL = "original"  # kept, not case media: a logo or spacer of an e-mail's layout, a delivery-report part,
    #                        a forwarded e-mail (its contents are opened), a second text part of the body
    CONTAINER = "container"  # what arrived as a whole: the chat .txt or ZIP, the .eml or .msg file


class CaptureSource(StrEnum):
    """Where a capture time came from, best first (DESIGN.md step 3)."""

    EXIF = "exif"
    EXIF_DIGITIZED = "exif-digitized"
    VIDEO = "video"
    FILENAME = "filename"
    RECEIVED = "received"
    FILE = "file"


class Flag(StrEnum):
    EXIF_STRIPPED = "exif-stripped"
    EDITED = "edited"
    AFTER_RECEIVED = "taken-after-received"
    BEFORE_INCIDENT = "long-before-incident"
    MISSING = "missing-file"


class CaseStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in-progress"
    WAITING = "waiting-for-customer"
    CLOSED = "closed"


class CaseKind(StrEnum):
    CLAIM = "claim"
    COMPLAINT = "complaint"


class DupKind(StrEnum):
    """How alike two items are; also the kind of a cross-case alert (``exact`` or ``same``)."""

    EXACT = "exact"
    SAME = "same"
    EDITED = "edited"  # the same capture with a local change (sticker, caption, retouch): kept, never set aside
    SIMILAR = "similar"


MAX_ID = 2**63 - 1  # the largest row id SQLite and PostgreSQL (bigint) hold

SET_ASIDE_KINDS = frozenset({DupKind.EXACT, DupKind.SAME})  # similar shots are only shown for review


class DupRuling(StrEnum):
    """A handler's ruling on a pair of originals, respected by every later duplicate run."""

    NOT_DUPLICATE = "not-duplicate"
    KEEPER = "keeper"  # the second of the pair is kept over the first


class MessageKind(StrEnum):
    TEXT = "text"
    ATTACHMENT = "attachment"
    MEDIA_OMITTED = "media_omitted"  # "<Media omitted>": exported without media
    DELETED = "deleted"
    SYSTEM = "system"  # "Messages are end-to-end encrypted", group changes: never a customer's words
    EMAIL = "email"


class SourceKind(StrEnum):
    """What one import read: loose files (a folder, a ZIP, single files), a chat export or an e-mail."""

    FILES = "files"
    WHATSAPP = "whatsapp"
    EMAIL = "email"


class AuditAction(StrEnum):
    CASE_CREATED = "case-created"
    CASE_UPDATED = "case-updated"
    CASE_MERGED = "case-merged"
    CASE_MERGE_UNDONE = "case-merge-undone"
    CASE_SPLIT = "case-split"
    IMPORT = "import"
    NOTE_ADDED = "note-added"
    NOTE_EDITED = "note-edited"
    NOTE_DELETED = "note-deleted"
    MEDIA_UPDATED = "media-updated"
    MEDIA_MOVED = "media-moved"
    MEDIA_ROTATED = "media-rotated"
    KEEPER_CHOSEN = "keeper-chosen"
    DUPLICATE_RESTORED = "duplicate-restored"
    ALERT_RAISED = "alert-raised"
    EXPORTED = "exported"
    SETTINGS_CHANGED = "settings-changed"
    CUSTOMER_EXPORTED = "customer-exported"  # the customer's own data handed to them (GDPR art. 15)
    CUSTOMER_ERASED = "customer-erased"  # GDPR art. 17
    CASE_PURGED = "case-purged"  # erased at the end of its retention period
    CASE_HELD = "case-held"  # a legal hold: never purged while it lasts
    CASE_RELEASED = "case-released"
    UNDONE = "undone"
    REDONE = "redone"
    DRAFT_WRITTEN = "draft-written"
    CUSTOMER_MERGED = "customer-merged"
    CUSTOMER_MERGE_UNDONE = "customer-merge-undone"
    OPINION_ASKED = "opinion-asked"
    OPINION_ANSWERED = "opinion-answered"


@dataclass(frozen=True)
class CaptureTime:
    """A capture time and its provenance. ``value`` is naive when the source carries no offset."""

    value: datetime
    source: CaptureSource


@dataclass
class ProbeResult:
    """What one reduced decode of a file tells. Produced by ``desktop.media.probe``."""

    kind: MediaKind
    mime: str = "application/octet-stream"
    format: str | None = None  # "JPEG", "PNG", "HEIF", "MP4", "OGG", "PDF", ...
    width: int | None = None  # as displayed (EXIF orientation applied)
    height: int | None = None
    duration_s: float | None = None
    codec: str | None = None
    orientation: int | None = None  # EXIF 1..8
    has_exif: bool = False
    exif_taken: datetime | None = None  # DateTimeOriginal (+SubSec, +OffsetTimeOriginal -> aware)
    exif_digitized: datetime | None = None  # DateTimeDigitized (+its offset)
    exif_modified: datetime | None = None  # IFD0 DateTime
    make: str | None = None
    model: str | None = None
    software: str | None = None
    gps: tuple[float, float] | None = None  # (lat, lon) decimal degrees
    video_created_at: datetime | None = None  # container creation_time, aware UTC
    thumbnail: bytes | None = None  # JPEG, long side <= 320 px, orientation applied
    phash: int | None = None  # 64-bit unsigned perceptual hash (image, or video middle key frame)
    fingerprint: bytes | None = None  # opaque, owned by desktop.media.fingerprint
    warnings: list[str] = field(default_factory=list)  # non-fatal: "EXIF unreadable", ...


@dataclass(frozen=True)
class Problem:
    """One input with a problem, and why, in words a claims handler understands. ``kept``: the original was
    stored all the same (as ``other``, the reason as its flag), so nothing is lost; else it was not taken in."""

    path: str
    reason: str
    kept: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", readable(self.path))  # a file name that is not UTF-8 is still shown (and printed, and stored)


@dataclass
class ImportReport:
    imported: int = 0
    already_present: int = 0
    rejected: list[Problem] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # files named in a chat but absent from the export
    cancelled: bool = False
    undo_id: int | None = None  # the import's entry in the undo journal
    containers: int = 0  # chat texts, chat ZIPs, .eml and .msg files kept as they arrived (not in ``imported``)

    def to_json(self) -> dict:
        return {
            "imported": self.imported,
            "already_present": self.already_present,
            "rejected": [{"path": p.path, "reason": p.reason, "kept": p.kept} for p in self.rejected],
            "cases": list(self.cases),
            "undo_id": self.undo_id,
            "containers": self.containers,
            "missing": list(self.missing),
        }


@dataclass
class CaseSummary:
    id: int
    ref: str
    title: str
    kind: str
    status: str
    customer: str | None
    customer_id: int | None
    media: int
    opened_at: datetime
    closed_at: datetime | None = None
    policy_ref: str | None = None
    incident_date: object | None = None  # datetime.date
    handler: str | None = None
    answered_at: datetime | None = None
    first_message_at: datetime | None = None
    first_answer_at: datetime | None = None
    waiting_since: datetime | None = None
    set_aside: int = 0
    alerts: int = 0
    overdue: list[tuple[datetime, float]] = field(default_factory=list)  # (customer message, working minutes)
    first_answer_minutes: float | None = None  # working minutes from the first customer message to the answer
    breaches: list[dict] = field(default_factory=list)  # ``desktop.core.response.Wait.to_json`` of each breach
    due_at: datetime | None = None  # when the wait that is open now must be answered (None: no open wait)
    overdue: list[tuple[datetime, float]] = field(default_factory=list)  # (customer message, minutes waited)
    version: int = 1  # +1 on every change of a field: an edit says which version it was made on
    updated_at: datetime | None = None  # the last change of a field, and who made it
    updated_by: str | None = None
    opinions: list = field(default_factory=list)  # open second-opinion requests (core.records.OpinionInfo)

    def to_json(self) -> dict:
        iso = _iso
        return {
            "ref": self.ref,
            "title": self.title,
            "customer": self.customer,
            "status": self.status,
            "media": self.media,
            "opened_at": iso(self.opened_at),
            "kind": self.kind,
            "set_aside": self.set_aside,
            "first_message_at": iso(self.first_message_at),
            "first_answer_at": iso(self.first_answer_at),
            "waiting_since": iso(self.waiting_since),
            "overdue": [{"message_at": iso(t), "waited_minutes": round(m)} for t, m in self.overdue],
            "alerts": self.alerts,
            "first_answer_minutes": None if self.first_answer_minutes is None else round(self.first_answer_minutes),
            "breaches": list(self.breaches),
            "due_at": iso(self.due_at),
            "handler": self.handler,
            "version": self.version,
            "updated_at": iso(self.updated_at),
            "updated_by": self.updated_by,
            "open_opinions": [o.to_json() for o in self.opinions],
        }


@dataclass
class MediaInfo:
    id: int
    case_ref: str
    name: str
    sha256: str | None
    kind: str
    size: int | None = None
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    taken_at: datetime | None = None
    taken_at_source: str | None = None
    taken_date_only: bool = False
    received_at: datetime | None = None
    sender: str | None = None
    camera: str | None = None
    software: str | None = None
    gps: tuple[float, float] | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    set_aside: bool = False
    included: bool = True
    caption: str | None = None
    flags: list[str] = field(default_factory=list)
    format: str | None = None
    orientation: int | None = None
    message_id: int | None = None
    duplicate_of_id: int | None = None
    rotation: int = 0  # degrees clockwise the handler turned it, for viewing and the PDF (the original untouched)
    role: str = MediaRole.MEDIA  # a MediaRole: only "media" items are case media

    def to_json(self) -> dict:
        taken: str | None
        if self.taken_at is not None and self.taken_date_only:
            taken = self.taken_at.date().isoformat()
        else:
            taken = _iso(self.taken_at)
        return {
            "id": self.id,
            "case": self.case_ref,
            "name": self.name,
            "sha256": self.sha256,
            "kind": self.kind,
            "width": self.width,
            "height": self.height,
            "duration_s": self.duration_s,
            "taken_at": taken,
            "taken_at_source": self.taken_at_source,
            "received_at": _iso(self.received_at),
            "sender": self.sender,
            "camera": self.camera,
            "gps": list(self.gps) if self.gps else None,
            "duplicate_of": self.duplicate_of,
            "duplicate_kind": self.duplicate_kind,
            "flags": list(self.flags),
            "set_aside": self.set_aside,
            "included": self.included,
            "caption": self.caption,
            "rotation": self.rotation,
            "role": self.role,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
