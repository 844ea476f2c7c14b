"""Controller of "Split by time gaps…": previews the parts (``services.gap_split``) in a worker as the hours
change, and asks for the split; the main window runs it through the undo journal (one undoable action)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.records import GapPart
from desktop.services.gap_split import preview_split_by_gaps
from desktop.services.library import Library
from desktop.ui.errors import user_message
from desktop.ui.labels import fmt_dt
from desktop.ui.shown import fill_table, shown
from desktop.ui.tasks import INTERACTIVE, TaskRunner
from desktop.ui.views.split_gaps_view import SplitGapsView


class SplitGapsDialog(QObject):
    split_requested = Signal(str, float)  # case reference, hours

    def __init__(self, runner: TaskRunner, lib: Library, ref: str, title: str, hours: float,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = SplitGapsView(parent)
        self.runner, self.lib, self.ref = runner, lib, ref
        self.parts: list[GapPart] = []
        v = self.view
        v.intro.setText(shown(self.tr("%1 · %2: the photos are cut into parts wherever two capture times are further "
                                "apart than the gap. The first part stays in this case; each other part becomes "
                                "a new case of the same customer. Edit ▸ Undo puts everything back.")
                        .replace("%1", ref).replace("%2", title)))
        v.hours.setValue(hours)
        v.hours.valueChanged.connect(lambda _v: self.preview())
        v.split_btn.clicked.connect(self._split)
        v.split_btn.setEnabled(False)
        self.preview()

    def show(self) -> None:
        self.view.show()

    def close(self) -> None:
        self.view.close()

    def set_hours(self, hours: float) -> None:
        self.view.hours.setValue(hours)

    def preview(self) -> None:
        lib, ref, hours = self.lib, self.ref, float(self.view.hours.value())
        self.view.state.setText(self.tr("Working out the parts…"))
        self.view.split_btn.setEnabled(False)
        self.runner.run(lambda: preview_split_by_gaps(lib, ref, hours), pool=INTERACTIVE, key="split-preview",
                        name="split preview", on_done=self._show,
                        on_error=lambda e: self.view.state.setText(user_message(e)))

    def _show(self, parts: list[GapPart]) -> None:
        self.parts = parts
        v = self.view
        rows = []
        for p in parts:
            when = (self.tr("capture date unknown") if p.first is None else fmt_dt(p.first) if p.first == p.last
                    else f"{fmt_dt(p.first)} – {fmt_dt(p.last)}")
            goes = self.tr("stays in %1").replace("%1", self.ref) if p.stays else self.tr("a new case")
            rows.append((p.title, str(len(p.media_ids)), when, goes))
        fill_table(v.parts, rows)
        if len(parts) < 2:
            v.state.setText(self.tr("No gap that long between the capture times: nothing to split. "
                                    "Try fewer hours."))
        else:
            v.state.setText(self.tr("%n new case(s) would be made.", "", len(parts) - 1))
        v.split_btn.setEnabled(len(parts) >= 2)
        v.split_btn.setText(self.tr("Split into %n case(s)", "", len(parts)) if len(parts) >= 2 else self.tr("Split"))

    def _split(self) -> None:
        if len(self.parts) < 2:
            return
        self.split_requested.emit(self.ref, float(self.view.hours.value()))
        self.view.accept()
