"""Compare any two items side by side: the pictures (full size, decoded off the GUI thread, turned as the handler
turned them) and their facts, the ones that differ marked. ``open_compare(a, b)`` is the entry point."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QImage, QPixmap
from PySide6.QtWidgets import QWidget

from desktop.core.model import MediaInfo, MediaKind
from desktop.services.library import Library
from desktop.ui.labels import (
    dup_kind_label,
    flag_label,
    fmt_dt,
    fmt_duration,
    fmt_size,
    media_kind_label,
    source_label,
)
from desktop.ui.media_viewer import coordinates, decode_full, turned
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.shown import shown
from desktop.ui.tasks import THUMBS, TaskRunner
from desktop.ui.views.compare_view import ComparePane, CompareView


class CompareWindow(CompareView):
    def __init__(self, runner: TaskRunner, lib: Library | None, thumbs: ThumbnailCache | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.lib, self.thumbs = runner, lib, thumbs
        self.items: tuple[MediaInfo, MediaInfo] | None = None
        self._full: dict[str, QPixmap] = {}
        self.swap_act.triggered.connect(self.swap)
        self.fit_act.triggered.connect(lambda: (self.left.canvas.fit(), self.right.canvas.fit()))
        self.close_act.triggered.connect(self.close)

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def open_compare(self, a: MediaInfo, b: MediaInfo) -> None:
        """Show ``a`` on the left and ``b`` on the right, and bring the window up."""
        self.items = (a, b)
        self.setWindowTitle(shown(self.tr("Compare: %1 and %2 — Casedesk").replace("%1", a.name).replace("%2", b.name),
                                  one_line=True))
        facts_a, facts_b = self.facts(a), self.facts(b)
        for pane, m, mine, theirs in ((self.left, a, facts_a, facts_b), (self.right, b, facts_b, facts_a)):
            pane.title.setText(shown(m.name))
            pane.clear_facts()
            for label, value in mine.items():
                pane.add_fact(label, value, theirs.get(label) != value)
            self._show(pane, m)
        self.show()
        self.raise_()
        self.activateWindow()

    def swap(self) -> None:
        if self.items is not None:
            self.open_compare(self.items[1], self.items[0])

    def facts(self, m: MediaInfo) -> dict[str, str]:
        f: dict[str, str] = {self.tr("Kind"): media_kind_label(m.kind) + (f" ({m.format})" if m.format else "")}
        f[self.tr("Taken")] = f"{fmt_dt(m.taken_at, m.taken_date_only)} ({source_label(m.taken_at_source)})"
        f[self.tr("Received")] = fmt_dt(m.received_at)
        f[self.tr("Sent by")] = m.sender or "—"
        f[self.tr("Camera")] = m.camera or "—"
        f[self.tr("Software")] = m.software or "—"
        f[self.tr("Size")] = (f"{m.width} × {m.height} px · {fmt_size(m.size)}" if m.width and m.height
                              else fmt_size(m.size))
        if m.duration_s:
            f[self.tr("Duration")] = fmt_duration(m.duration_s)
        f[self.tr("GPS")] = coordinates(*m.gps) if m.gps else "—"
        f[self.tr("Flags")] = ", ".join(flag_label(x) for x in m.flags) or "—"
        if m.duplicate_of_id is not None:
            state = self.tr("set aside") if m.set_aside else self.tr("kept")
            f[self.tr("Duplicate")] = f"{dup_kind_label(m.duplicate_kind)} · {state}"
        f[self.tr("In the report")] = self.tr("yes") if m.included and not m.set_aside else self.tr("no")
        f[self.tr("SHA-256")] = (m.sha256 or "—")[:16]
        f[self.tr("Case")] = m.case_ref
        return f

    # pictures -----------------------------------------------------------------------------------------------
    def _show(self, pane: ComparePane, m: MediaInfo) -> None:
        pane.message.hide()
        if not m.sha256 or m.kind not in (MediaKind.IMAGE, MediaKind.VIDEO):
            pane.canvas.set_pixmap(None)
            pane.message.setText(self.tr("%1: no picture to show.").replace("%1", media_kind_label(m.kind)))
            pane.message.show()
            return
        full = self._full.get(m.sha256)
        if full is not None:
            pane.canvas.set_pixmap(turned(full, m.rotation))
            return
        preview = self.thumbs.get(m.sha256) if self.thumbs is not None else None
        pane.canvas.set_pixmap(turned(preview, m.rotation))
        if m.kind == MediaKind.IMAGE and self.lib is not None:
            path, sha = self.lib.original_path(m.sha256), m.sha256
            self.runner.run(lambda: decode_full(path), pool=THUMBS, name="decode picture",
                            on_done=lambda img, s=sha: self._decoded(s, img), on_error=lambda _e: None)

    def _decoded(self, sha: str, img: QImage | None) -> None:
        if img is None or self.items is None:
            return
        self._full[sha] = QPixmap.fromImage(img)
        for pane, m in ((self.left, self.items[0]), (self.right, self.items[1])):
            if m.sha256 == sha:
                pane.canvas.set_pixmap(turned(self._full[sha], m.rotation))

    def is_showing_full(self) -> bool:
        return self.items is not None and all(m.sha256 in self._full for m in self.items
                                              if m.kind == MediaKind.IMAGE and m.sha256)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._full.clear()
        super().closeEvent(event)
