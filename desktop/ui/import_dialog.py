"""Import with progress and cancel, then a summary of what came in and what was rejected, and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from desktop.core.model import ImportReport
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.ui.errors import user_message
from desktop.ui.tasks import JOBS, Task, TaskRunner
from desktop.ui.views.import_view import ImportView


class ImportDialog(ImportView):
    imported = Signal(object)  # ImportReport, also when cancelled
    open_case = Signal(str)

    def __init__(self, runner: TaskRunner, lib: Library, paths: list[Path], case_ref: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.lib, self.paths, self.case_ref = runner, lib, list(paths), case_ref
        self.task: Task | None = None
        self.report: ImportReport | None = None
        names = ", ".join(p.name for p in self.paths[:3]) + (" …" if len(self.paths) > 3 else "")
        target = self.tr("into case %1").replace("%1", case_ref) if case_ref else self.tr("into new or matching cases")
        self.what.setText(self.tr("Importing %1 %2").replace("%1", names).replace("%2", target))
        self.count.setText(self.tr("Looking at the files…"))
        self.cancel_btn.clicked.connect(self.cancel)
        self.close_btn.clicked.connect(self.accept)
        self.open_case_btn.clicked.connect(self._open_case)
        self.open_case_btn.hide()
        self.close_btn.hide()

    def start(self) -> Task:
        lib, paths, ref = self.lib, self.paths, self.case_ref
        self.task = self.runner.run(
            lambda progress, cancel: import_paths(lib, paths, case_ref=ref, progress=progress, cancel=cancel),
            pool=JOBS, progress=True, name="import",
            on_done=self._done, on_error=self._failed)
        self.task.progress.connect(self._progress)
        self.task.cancelled.connect(lambda: self._done(ImportReport(cancelled=True)))
        return self.task

    def cancel(self) -> None:
        if self.task is not None and not self.task.is_finished:
            self.task.cancel()
            self.cancel_btn.setEnabled(False)
            self.count.setText(self.tr("Stopping… nothing is kept from this import."))
        else:
            self.reject()

    def reject(self) -> None:  # Esc or the window's close button while running means cancel
        if self.task is not None and not self.task.is_finished:
            self.cancel()
            return
        super().reject()

    def _progress(self, done: int, total: int, message: str, calls: int) -> None:
        if self.task is not None and self.task.token.cancelled:
            return
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        files = max(0, calls - 1)
        self.count.setText(self.tr("%n file(s) processed", "", files))
        if message:
            width = max(300, self.current.width())
            self.current.setText(self.current.fontMetrics().elidedText(message, Qt.TextElideMode.ElideMiddle, width))

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self.cancel_btn.hide()
        self.close_btn.show()
        self.close_btn.setDefault(True)
        self.pages.setCurrentIndex(1)
        if report.cancelled:
            self.summary.setText(self.tr("The import was cancelled. The library is as it was before."))
            self._fill_rejected(report)
        else:
            parts = [self.tr("%n file(s) imported.", "", report.imported)]
            if report.already_present:
                parts.append(self.tr("%n file(s) were already in the library and were not added again.", "",
                                     report.already_present))
            if report.cases:
                parts.append(self.tr("Cases: %1").replace("%1", ", ".join(report.cases)))
            if report.missing:
                parts.append(self.tr("%n file(s) named in the chat were not in the export.", "",
                                     len(report.missing)))
            if report.rejected:
                parts.append(self.tr("%n file(s) could not be imported (see below).", "", len(report.rejected)))
            self.summary.setText("\n".join(parts))
            self._fill_rejected(report)
            if report.cases:
                self.open_case_btn.show()
        self.imported.emit(report)

    def _fill_rejected(self, report: ImportReport) -> None:
        rows = [(p.path, p.reason) for p in report.rejected]
        rows += [(name, self.tr("named in the chat but missing from the export")) for name in report.missing]
        self.rejected.setRowCount(len(rows))
        for i, (path, reason) in enumerate(rows):
            self.rejected.setItem(i, 0, QTableWidgetItem(path))
            self.rejected.setItem(i, 1, QTableWidgetItem(reason))
        self.rejected.resizeRowsToContents()
        self.rejected.setVisible(bool(rows))
        self.rejected_label.setVisible(bool(rows))

    def _failed(self, error: BaseException) -> None:
        self.report = None
        self.cancel_btn.hide()
        self.close_btn.show()
        self.pages.setCurrentIndex(1)
        self.summary.setText(self.tr("The import failed and nothing was added:\n%1").replace("%1", user_message(error)))
        self.rejected.hide()
        self.rejected_label.hide()

    def _open_case(self) -> None:
        if self.report and self.report.cases:
            self.open_case.emit(self.report.cases[0])
        self.accept()
