"""Words the window shows for the core's codes (status, kind, flags, capture-time source), and how it writes
dates, sizes and spans. The codes' names come from ``desktop.core.labels``, the table the PDF uses too."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.core.labels import badge, label
from desktop.core.model import CaptureSource, CaseKind, CaseStatus, DupKind, Flag, MediaKind


def window_language() -> str:
    """The language the window is shown in ("en" or "nl"), as ``install_translations`` set it."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


def status_label(code: str) -> str:
    return label(CaseStatus, code, window_language())


def kind_label(code: str) -> str:
    return label(CaseKind, code, window_language())


def media_kind_label(code: str) -> str:
    return label(MediaKind, code, window_language())


def _known_flag(code: str) -> bool:
    return code in {f.value for f in Flag}


def flag_label(code: str) -> str:
    """A flag's name; a file kept unread carries its problem as a flag ("truncated JPEG"), translated here."""
    if not _known_flag(code):
        from desktop.ui.problem_text import problem_reason

        return problem_reason(code)
    return label(Flag, code, window_language())


def flag_short(code: str) -> str:
    """A badge of a few letters for the thumbnail grid (a problem kept as a flag: its translated words)."""
    return badge(code, window_language()) if _known_flag(code) else flag_label(code)


def source_label(code: str | None) -> str:
    if not code:
        return QCoreApplication.translate("labels", "unknown")
    return label(CaptureSource, code, window_language())


def dup_kind_label(code: str | None, short: bool = False) -> str:
    return label(DupKind, code, window_language(), short=short)


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
