"""Words the window shows for the core's codes (status, kind, flags, capture-time source), translated."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from desktop.core.model import CaptureSource, CaseKind, CaseStatus, Flag


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def status_label(code: str) -> str:
    return {
        CaseStatus.NEW.value: _t("New"),
        CaseStatus.IN_PROGRESS.value: _t("In progress"),
        CaseStatus.WAITING.value: _t("Waiting for customer"),
        CaseStatus.CLOSED.value: _t("Closed"),
    }.get(code, code)


def kind_label(code: str) -> str:
    return {CaseKind.CLAIM.value: _t("Claim"), CaseKind.COMPLAINT.value: _t("Complaint")}.get(code, code)


def media_kind_label(code: str) -> str:
    return {"image": _t("Photo"), "video": _t("Video"), "audio": _t("Voice note / audio"), "pdf": _t("PDF"),
            "other": _t("Other file"), "missing": _t("Missing file")}.get(code, code)


def flag_label(code: str) -> str:
    return {
        Flag.EXIF_STRIPPED.value: _t("EXIF stripped"),
        Flag.EDITED.value: _t("Edited"),
        Flag.AFTER_RECEIVED.value: _t("Taken after it was received"),
        Flag.BEFORE_INCIDENT.value: _t("Taken long before the incident"),
        Flag.MISSING.value: _t("File missing from the export"),
    }.get(code, code)


def flag_short(code: str) -> str:
    """A badge of a few letters for the thumbnail grid."""
    return {
        Flag.EXIF_STRIPPED.value: _t("no EXIF"),
        Flag.EDITED.value: _t("edited"),
        Flag.AFTER_RECEIVED.value: _t("date?"),
        Flag.BEFORE_INCIDENT.value: _t("old"),
        Flag.MISSING.value: _t("missing"),
    }.get(code, code)


def source_label(code: str | None) -> str:
    if not code:
        return _t("unknown")
    return {
        CaptureSource.EXIF.value: _t("EXIF (camera)"),
        CaptureSource.EXIF_DIGITIZED.value: _t("EXIF digitized date"),
        CaptureSource.VIDEO.value: _t("video container"),
        CaptureSource.FILENAME.value: _t("file name"),
        CaptureSource.RECEIVED.value: _t("time received"),
        CaptureSource.FILE.value: _t("file modification time"),
    }.get(code, code)


def dup_kind_label(code: str | None) -> str:
    return {"exact": _t("exact copy"), "same": _t("same picture"), "similar": _t("similar (burst)")}.get(
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
        return _t("%n min").replace("%n", str(minutes))
    hours = minutes // 60
    if hours < 48:
        return _t("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(minutes % 60))
    return _t("%n d").replace("%n", str(hours // 24))
