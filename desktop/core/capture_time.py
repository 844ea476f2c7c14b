"""Capture time with its provenance, and the doubts a handler should see.

Order (DESIGN.md step 3): EXIF DateTimeOriginal ``exif``; other EXIF dates ``exif-digitized``; video container
time ``video``; a date in the file name ``filename``; the time the chat or e-mail delivered the file
``received``; the file's modification time ``file``. Naive times stay naive: no time zone is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.core.model import CaptureSource, CaptureTime, Flag, MediaKind

_EDITORS = re.compile(
    r"photoshop|lightroom|gimp|snapseed|picsart|pixelmator|affinity|canva|paint\.net|paintshop|"
    r"\bpaint\b|painttool|picasa|fotor|vsco|facetune|meitu|polarr|airbrush|photoscape|acdsee|"
    r"capture one|darktable|rawtherapee|luminar|photo ?director|inshot|remini|faceapp|photos? editor",
    re.IGNORECASE,
)

# (regex, has_time). Groups: Y, M, D and optionally h, m, s.
_NAME_PATTERNS: list[tuple[re.Pattern[str], bool]] = [
    # iOS WhatsApp export: 00000012-PHOTO-2021-05-03-10-12-33.jpg
    (re.compile(r"\d{8}-(?:PHOTO|VIDEO|AUDIO|GIF|STICKER)-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})"), True),
    # Android WhatsApp: IMG-20240314-WA0003.jpg (date the file reached the phone only)
    (re.compile(r"(?:IMG|VID|PTT|AUD|STK|DOC)-(\d{4})(\d{2})(\d{2})-WA\d+", re.IGNORECASE), False),
    # IMG_20240314_101233, PXL_20240314_101233123, VID_..., Screenshot_20240314-101233, 20240314_101233
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})[_-](\d{2})(\d{2})(\d{2})(?!\d{7})"), True),
    # 2024-03-14 10.12.33 (Dropbox), 2024-03-14_10-12-33, Screenshot 2024-03-14 at 10.12.33
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})[ _T-](?:at )?(\d{2})[.:\-](\d{2})[.:\-](\d{2})"), True),
]


def time_from_filename(name: str) -> tuple[datetime, bool] | None:
    """A plausible date (and time) in a file name, and whether it carried a time of day."""
    for pattern, has_time in _NAME_PATTERNS:
        m = pattern.search(name)
        if not m:
            continue
        try:
            nums = [int(g) for g in m.groups()]
            value = datetime(*nums) if has_time else datetime(nums[0], nums[1], nums[2])
        except ValueError:
            continue
        if 1990 <= value.year <= 2100:
            return value, has_time
    return None


@dataclass(frozen=True)
class TimeEvidence:
    name: str
    exif_taken: datetime | None = None
    exif_digitized: datetime | None = None
    exif_modified: datetime | None = None
    video_created_at: datetime | None = None
    received_at: datetime | None = None
    file_mtime: datetime | None = None


@dataclass(frozen=True)
class ChosenTime:
    time: CaptureTime | None
    date_only: bool = False


def choose_capture_time(ev: TimeEvidence) -> ChosenTime:
    if ev.exif_taken is not None:
        return ChosenTime(CaptureTime(ev.exif_taken, CaptureSource.EXIF))
    for other in (ev.exif_digitized, ev.exif_modified):
        if other is not None:
            return ChosenTime(CaptureTime(other, CaptureSource.EXIF_DIGITIZED))
    if ev.video_created_at is not None:
        return ChosenTime(CaptureTime(ev.video_created_at, CaptureSource.VIDEO))
    from_name = time_from_filename(ev.name)
    if from_name is not None:
        value, has_time = from_name
        return ChosenTime(CaptureTime(value, CaptureSource.FILENAME), date_only=not has_time)
    if ev.received_at is not None:
        return ChosenTime(CaptureTime(ev.received_at, CaptureSource.RECEIVED))
    if ev.file_mtime is not None:
        return ChosenTime(CaptureTime(ev.file_mtime, CaptureSource.FILE))
    return ChosenTime(None)


def wall_clock(value: datetime) -> datetime:
    """Compare times of mixed kinds by their local wall-clock reading (naive)."""
    return value.replace(tzinfo=None)


def is_edited(software: str | None) -> bool:
    return bool(software and _EDITORS.search(software))


def compute_flags(
    *,
    kind: str,
    fmt: str | None,
    has_exif_date: bool,
    software: str | None,
    taken: CaptureTime | None,
    taken_date_only: bool,
    received_at: datetime | None,
    incident_date: date | None,
    incident_doubt_days: int = 30,
    missing: bool = False,
) -> list[str]:
    """Flags derived from stored facts; computed on read so that editing the incident date updates them."""
    flags: list[str] = []
    if missing:
        return [Flag.MISSING.value]
    if kind == MediaKind.IMAGE and (fmt or "").upper() in {"JPEG", "HEIF", "HEIC", "TIFF", "WEBP", "AVIF"} and not has_exif_date:
        flags.append(Flag.EXIF_STRIPPED.value)
    if is_edited(software):
        flags.append(Flag.EDITED.value)
    if taken is not None and received_at is not None and taken.source in (
        CaptureSource.EXIF,
        CaptureSource.EXIF_DIGITIZED,
        CaptureSource.VIDEO,
        CaptureSource.FILENAME,
    ):
        t, r = wall_clock(taken.value), wall_clock(received_at)
        if taken_date_only:
            after = t.date() > r.date()
        else:
            after = t > r + timedelta(minutes=10)
        if after:
            flags.append(Flag.AFTER_RECEIVED.value)
    if taken is not None and incident_date is not None:
        try:
            doubt_from = incident_date - timedelta(days=incident_doubt_days)
        except OverflowError:  # an incident dated in the first days of year 1: nothing can be taken before it
            doubt_from = date.min
        if wall_clock(taken.value).date() < doubt_from:
            flags.append(Flag.BEFORE_INCIDENT.value)
    return flags
