"""Words the window shows for the core's codes (status, kind, flags, capture-time source), translated."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from desktop.core.model import CaptureSource, CaseKind, CaseStatus, Flag


def status_label(code: str) -> str:
    return {
        CaseStatus.NEW.value: QCoreApplication.translate("labels", "New"),
        CaseStatus.IN_PROGRESS.value: QCoreApplication.translate("labels", "In progress"),
        CaseStatus.WAITING.value: QCoreApplication.translate("labels", "Waiting for customer"),
        CaseStatus.CLOSED.value: QCoreApplication.translate("labels", "Closed"),
    }.get(code, code)


def kind_label(code: str) -> str:
    return {CaseKind.CLAIM.value: QCoreApplication.translate("labels", "Claim"), CaseKind.COMPLAINT.value: QCoreApplication.translate("labels", "Complaint")}.get(code, code)


def media_kind_label(code: str) -> str:
    return {"image": QCoreApplication.translate("labels", "Photo"), "video": QCoreApplication.translate("labels", "Video"), "audio": QCoreApplication.translate("labels", "Voice note / audio"), "pdf": QCoreApplication.translate("labels", "PDF"),
            "other": QCoreApplication.translate("labels", "Other file"), "missing": QCoreApplication.translate("labels", "Missing file")}.get(code, code)


def flag_label(code: str) -> str:
    return {
        Flag.EXIF_STRIPPED.value: QCoreApplication.translate("labels", "EXIF stripped"),
        Flag.EDITED.value: QCoreApplication.translate("labels", "Edited"),
        Flag.AFTER_RECEIVED.value: QCoreApplication.translate("labels", "Taken after it was received"),
        Flag.BEFORE_INCIDENT.value: QCoreApplication.translate("labels", "Taken long before the incident"),
        Flag.MISSING.value: QCoreApplication.translate("labels", "File missing from the export"),
    }.get(code, code)


def flag_short(code: str) -> str:
    """A badge of a few letters for the thumbnail grid."""
    return {
        Flag.EXIF_STRIPPED.value: QCoreApplication.translate("labels", "no EXIF"),
        Flag.EDITED.value: QCoreApplication.translate("labels", "edited"),
        Flag.AFTER_RECEIVED.value: QCoreApplication.translate("labels", "date?"),
        Flag.BEFORE_INCIDENT.value: QCoreApplication.translate("labels", "old"),
        Flag.MISSING.value: QCoreApplication.translate("labels", "missing"),
    }.get(code, code)


def source_label(code: str | None) -> str:
    if not code:
        return QCoreApplication.translate("labels", "unknown")
    return {
        CaptureSource.EXIF.value: QCoreApplication.translate("labels", "EXIF (camera)"),
        CaptureSource.EXIF_DIGITIZED.value: QCoreApplication.translate("labels", "EXIF digitized date"),
        CaptureSource.VIDEO.value: QCoreApplication.translate("labels", "video container"),
        CaptureSource.FILENAME.value: QCoreApplication.translate("labels", "file name"),
        CaptureSource.RECEIVED.value: QCoreApplication.translate("labels", "time received"),
        CaptureSource.FILE.value: QCoreApplication.translate("labels", "file modification time"),
    }.get(code, code)


def dup_kind_label(code: str | None) -> str:
    return {"exact": QCoreApplication.translate("labels", "exact copy"), "same": QCoreApplication.translate("labels", "same picture"), "similar": QCoreApplication.translate("labels", "similar (burst)")}.get(
        code or "", code or "")


def fmt_dt(value: datetime | date | None, date_only: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime) and not date_only:
        return f"{value:%Y-%m-%d %H:%M}"
    d = value.date() if isinstance(value, datetime) else value
    return f"{d:%Y-%m-%d}"


def fmt_size(n: int | None) -> str:
    if n is None:
        return "—"
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def fmt_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def fmt_span(delta: timedelta) -> str:
    """"35 min", "2 h 10 min", "3 d" for SLA texts."""
    minutes = int(abs(delta.total_seconds()) // 60)
    if minutes < 60:
        return QCoreApplication.translate("labels", "%n min").replace("%n", str(minutes))
    hours = minutes // 60
    if hours < 48:
        return QCoreApplication.translate("labels", "%1 h %2 min").replace("%1", str(hours)).replace("%2", str(minutes % 60))
    return QCoreApplication.translate("labels", "%n d").replace("%n", str(hours // 24))
