"""Domain records shared by every layer. Plain dataclasses: no ORM, no Qt.

Services return these; the CLI formats them and the UI wraps them in thin Qt models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    PDF = "pdf"
    OTHER = "other"


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
    EXACT = "exact"
    SAME = "same"
    SIMILAR = "similar"


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
    """One input that could not be taken in, and why, in words a claims handler understands."""

    path: str
    reason: str


@dataclass
class ImportReport:
    imported: int = 0
    already_present: int = 0
    rejected: list[Problem] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # files named in a chat but absent from the export
    cancelled: bool = False

    def to_json(self) -> dict:
        return {
            "imported": self.imported,
            "already_present": self.already_present,
            "rejected": [{"path": p.path, "reason": p.reason} for p in self.rejected],
            "cases": list(self.cases),
        }
