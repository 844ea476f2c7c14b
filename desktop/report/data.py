"""Input records for the case-file renderer, and the redaction applied to them.

The renderer (``desktop.report.pdf``) reads only these plain dataclasses: no ORM rows, no Qt objects. The export
service fills them from the database; tests build them by hand. ``redacted()`` returns a copy with GPS positions and
phone numbers removed from every field a customer could have typed into, so the layout code never has to care.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from desktop.core.model import CaseKind, CaseStatus

REDACTED = "[…]"


@dataclass
class ReportOptions:
    """How to render. ``per_page`` is 1, 2 or 4 photos per page; ``lang`` is ``"en"`` or ``"nl"``."""

    per_page: int = 2
    with_duplicates: bool = True
    redact: bool = False
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
class ReportMessage:
    """One chat or e-mail message on the timeline."""

    sent_at: datetime | None
    sender: str
    text: str
    attachment_numbers: list[int] = field(default_factory=list)


@dataclass
class ReportDuplicate:
    """A set-aside file and the kept item it duplicates. ``level`` is a DupKind (``exact`` or ``same``)."""

    name: str
    sha256: str
    keeper_number: int
    keeper_name: str
    level: str


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
class CaseFileData:
    """Everything the case file shows. ``items`` are the included ones, in report order."""

    case: ReportCase
    items: list[ReportItem] = field(default_factory=list)
    messages: list[ReportMessage] = field(default_factory=list)
    duplicates: list[ReportDuplicate] = field(default_factory=list)
    notes: list[ReportNote] = field(default_factory=list)
    manifest: list[ReportManifestEntry] = field(default_factory=list)
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

# A phone number: starts with +, 00 or 0, then digits with the usual separators. Checked further in _phone().
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|0)\d[\d \-().]{6,}\d(?![\w])")
_DATE_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}")
# Coordinates as "52.37021, 4.89517" (also with N/E letters) and map links.
_COORD_RE = re.compile(r"-?\d{1,2}\.\d{3,}\s*°?\s*[NS]?\s*[,;/ ]\s*-?\d{1,3}\.\d{3,}\s*°?\s*[EWO]?")
_MAPS_RE = re.compile(
    r"https?://(?:maps\.google\.[a-z.]+|www\.google\.[a-z.]+/maps|goo\.gl/maps|maps\.app\.goo\.gl|"
    r"maps\.apple\.com|www\.openstreetmap\.org|osm\.org)\S*",
    re.IGNORECASE,
)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(c.isdigit() for c in text)
    if not 9 <= digits <= 15 or _DATE_RE.search(text):
        return text
    return REDACTED


def redact_text(text: str | None) -> str | None:
    """``text`` with phone numbers, coordinates and map links replaced by ``REDACTED``."""
    if not text:
        return text
    text = _MAPS_RE.sub(REDACTED, text)
    text = _COORD_RE.sub(REDACTED, text)
    return _PHONE_RE.sub(_phone, text)


def redacted(data: CaseFileData) -> CaseFileData:
    """A copy of ``data`` without GPS positions and phone numbers (the originals and hashes are untouched)."""
    case = replace(
        data.case,
        customer_phone=REDACTED if data.case.customer_phone else None,
        customer_name=redact_text(data.case.customer_name) or "",
        title=redact_text(data.case.title) or "",
    )
    items = [
        replace(it, gps=None, sender=redact_text(it.sender), caption=redact_text(it.caption))
        for it in data.items
    ]
    messages = [
        replace(m, sender=redact_text(m.sender) or "", text=redact_text(m.text) or "") for m in data.messages
    ]
    notes = [replace(n, text=redact_text(n.text) or "") for n in data.notes]
    return replace(data, case=case, items=items, messages=messages, notes=notes)
