"""Input records for the case-file renderer, and the redaction applied to them.

The renderer (``desktop.report.pdf``) reads only these plain dataclasses: no ORM rows, no Qt objects. The export
service fills them from the database; tests build them by hand. ``redacted()`` returns a copy with personal data
(``desktop.core.redact``) masked in every text field and GPS positions removed, so the layout code never has to care.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import datetime
from pathlib import Path

from desktop.core.model import CaseKind, CaseStatus
from desktop.core.redact import MASK, Masker, PiiKind

REDACTED = MASK


@dataclass
class ReportOptions:
    """How to render. ``per_page`` is 1, 2 or 4 photos per page; ``lang`` is ``"en"`` or ``"nl"``."""

    per_page: int = 2
    with_duplicates: bool = True
    redact: bool = False  # mask phone numbers, e-mail addresses, IBANs, BSNs, licence plates and GPS
    redact_faces: bool = False  # blur the faces found in the photos (the originals are untouched)
    with_audit: bool = False  # an appendix with the case's audit trail
    lang: str = "en"
    pdfa: bool = True
    app_version: str = "0.1.0"
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())

    def __post_init__(self) -> None:
        if self.per_page not in (1, 2, 4):
            raise ValueError(f"per_page must be 1, 2 or 4, not {self.per_page!r}")
        if self.lang not in ("en", "nl"):
            raise ValueError(f"lang must be 'en' or 'nl', not {self.lang!r}")


@dataclass
class ReportCase:
    """The case data printed on the cover."""

    ref: str
    title: str = ""
    kind: str = CaseKind.CLAIM
    status: str = CaseStatus.NEW
    customer_name: str = ""
    customer_phone: str | None = None
    customer_email: str | None = None
    policy_ref: str | None = None
    incident_date: datetime | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    handler: str | None = None
    received: int = 0
    set_aside: int = 0
    included: int = 0
    response: ReportResponse | None = None  # response times, when the case has a conversation


@dataclass
class ReportWait:
    """A customer message answered later than the norm, or still waiting past it."""

    message_at: datetime
    minutes: float  # working minutes to the answer (or, open, until now)
    answered_at: datetime | None = None
    due_at: datetime | None = None


@dataclass
class ReportResponse:
    """Response times of the case in working time (``desktop.core.response``), for the cover."""

    norm_minutes: float
    first_message_at: datetime | None = None
    first_answer_at: datetime | None = None
    first_answer_minutes: float | None = None
    breaches: list[ReportWait] = field(default_factory=list)
    due_at: datetime | None = None  # the open wait's due time


@dataclass
class ReportItem:
    """One included original. ``path`` is read, never written; ``keyframes`` are JPEG bytes (videos)."""

    number: int
    name: str
    kind: str  # a MediaKind
    path: Path | None
    sha256: str
    size: int
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    orientation: int | None = None
    rotation: int = 0  # degrees clockwise the handler turned it (on top of the EXIF orientation)
    taken_at: datetime | None = None
    taken_at_source: str | None = None
    taken_date_only: bool = False  # the source gave a day, not a time (IMG-20240314-WA0003.jpg)
    received_at: datetime | None = None
    sender: str | None = None
    camera: str | None = None
    gps: tuple[float, float] | None = None
    flags: list[str] = field(default_factory=list)
    caption: str | None = None
    keyframes: list[bytes] = field(default_factory=list)
    missing: bool = False  # the original could not be read from the store: a placeholder is printed


@dataclass
class ReportFile:
    """A file sent with a message: an included item (``number``), or why it is not in this file (``state``:
    ``missing``, ``set-aside``, ``excluded``, ``original``: kept, but not case media)."""

    name: str
    number: int | None = None
    state: str = "included"


@dataclass
class ReportMessage:
    """One chat or e-mail message on the timeline. ``kind`` is a ``MessageKind``; ``files`` what came with it
    (``attachment_numbers``, the included ones, is the short form: used when ``files`` is empty)."""

    sent_at: datetime | None
    sender: str
    text: str
    attachment_numbers: list[int] = field(default_factory=list)
    kind: str = "text"
    files: list[ReportFile] = field(default_factory=list)


@dataclass
class ReportDuplicate:
    """A set-aside file (or an edited copy kept beside it) and the kept item it duplicates. ``level`` is a DupKind
    (``exact``, ``same`` or ``edited``); ``transform`` what was done to it against the keeper and ``region`` where
    an edited copy differs (``desktop.core.transform_text`` says both in words)."""

    name: str
    sha256: str
    keeper_number: int
    keeper_name: str
    level: str
    transform: dict | None = None
    region: tuple[float, float, float, float] | None = None


@dataclass
class ReportNote:
    """A handler's note."""

    created_at: datetime | None
    author: str
    text: str


@dataclass
class ReportManifestEntry:
    """One original of the case (included or set aside) for the integrity manifest."""

    sha256: str
    size: int
    name: str


@dataclass
class ReportAuditEvent:
    """One event of the case's audit trail (the optional appendix)."""

    at: datetime
    actor: str
    action: str  # an AuditAction
    details: str  # the details as short "key: value" text


@dataclass
class CaseFileData:
    """Everything the case file shows. ``items`` are the included ones, in report order. ``redactions`` is set
    by ``redacted()``: what was masked, per kind."""

    case: ReportCase
    items: list[ReportItem] = field(default_factory=list)
    messages: list[ReportMessage] = field(default_factory=list)
    duplicates: list[ReportDuplicate] = field(default_factory=list)
    notes: list[ReportNote] = field(default_factory=list)
    manifest: list[ReportManifestEntry] = field(default_factory=list)
    audit: list[ReportAuditEvent] = field(default_factory=list)
    audit_head: str | None = None  # the hash of the case's newest audit event
    redactions: dict[str, int] | None = None
    missing: list[str] = field(default_factory=list)  # included files whose originals could not be read


# --- integrity manifest --------------------------------------------------------------------------------------


def bagit_path(name: str) -> str:
    """``data/<name>`` as a BagIt manifest writes it: ``%``, CR and LF percent-encoded."""
    encoded = name.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"data/{encoded}"


def manifest_line(entry: ReportManifestEntry) -> str:
    """One line of BagIt's ``manifest-sha256.txt``: ``<sha256>  data/<name>``."""
    return f"{entry.sha256.lower()}  {bagit_path(entry.name)}"


def payload_oxum(entries: list[ReportManifestEntry]) -> str:
    """BagIt's ``Payload-Oxum``: total bytes, a dot, number of files."""
    return f"{sum(e.size for e in entries)}.{len(entries)}"


# --- redaction -------------------------------------------------------------------------------------------------

# Fields that are codes, hashes or paths, never free text: left as they are.
_NOT_TEXT = {"sha256", "path", "kind", "status", "taken_at_source", "flags", "level", "action", "audit_head"}


def redact_text(text: str | None) -> str | None:
    """``text`` with every kind of personal data ``desktop.core.redact`` knows replaced by ``REDACTED``."""
    return Masker()(text)


def _mask_fields(obj: object, masker: Masker) -> object:
    """A copy of a report record with every free-text field (and list of records) masked."""
    changes: dict[str, object] = {}
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if f.name in _NOT_TEXT:
            continue
        if isinstance(value, str):
            changes[f.name] = masker(value) or ""
        elif isinstance(value, list) and value and is_dataclass(value[0]):
            changes[f.name] = [_mask_fields(v, masker) for v in value]
        elif is_dataclass(value) and not isinstance(value, type):
            changes[f.name] = _mask_fields(value, masker)
    return replace(obj, **changes)  # type: ignore[type-var]


def redacted(data: CaseFileData) -> CaseFileData:
    """A copy of ``data`` without phone numbers, e-mail addresses, IBANs, BSNs, licence plates and GPS positions
    in any text (the originals and hashes are untouched); ``redactions`` counts what was masked, per kind."""
    masker = Masker()
    case = data.case
    for value, kind in ((case.customer_phone, PiiKind.PHONE), (case.customer_email, PiiKind.EMAIL)):
        if value:
            masker.count(kind)
    case = replace(case, customer_phone=REDACTED if case.customer_phone else None,
                   customer_email=REDACTED if case.customer_email else None)
    out = _mask_fields(replace(data, case=case), masker)
    assert isinstance(out, CaseFileData)
    located = sum(1 for it in out.items if it.gps)
    masker.count(PiiKind.GPS, located)
    out.items = [replace(it, gps=None) for it in out.items]
    out.redactions = {k.value: masker.counts.get(k.value, 0) for k in PiiKind}
    return out
