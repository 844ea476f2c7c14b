"""Controller of the import dialog: where the files go, then progress with cancel, then a summary of what came in
and what had a problem, and why.

Loose files (files, a folder, a ZIP without a sender) go into one new case, or into the case the handler picks in
a searchable list (``services.case_picker``: open and recent cases first, each with its customer's other cases).
Chat exports and e-mails go to their customer's case whatever is chosen. A drop on a case skips the question.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from desktop.core.model import ImportReport
from desktop.core.records import PickedCase
from desktop.services.case_picker import pick_cases
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.ui.errors import user_message
from desktop.ui.labels import fmt_dt, status_label
from desktop.ui.problem_text import problem_rows
from desktop.ui.shown import fill_table, shown
from desktop.ui.tasks import INTERACTIVE, JOBS, Task, TaskRunner
from desktop.ui.views.import_view import PROGRESS, RESULT, TARGET, ImportView

PICK_ROLE = Qt.ItemDataRole.UserRole + 1


class ImportDialog(QObject):
    imported = Signal(object)  # ImportReport, also when cancelled
    open_case = Signal(str)

    def __init__(self, runner: TaskRunner, lib: Library, paths: list[Path], case_ref: str | None = None,
                 parent: QWidget | None = None, suggest_ref: str | None = None, ask: bool = True) -> None:
        super().__init__(parent)
        self.view = ImportView(parent)
        self.runner, self.lib, self.paths, self.case_ref = runner, lib, list(paths), case_ref
        self.suggest_ref = suggest_ref
        self.task: Task | None = None
        self.report: ImportReport | None = None
        self.picks: list[PickedCase] = []
        v = self.view
        names = ", ".join(p.name for p in self.paths[:3]) + (" …" if len(self.paths) > 3 else "")
        v.what.setText(shown(self.tr("Import %1").replace("%1", names)))
        v.what.setToolTip(shown("\n".join(str(p) for p in self.paths[:30])))
        v.cancel_btn.clicked.connect(self.cancel)
        v.close_btn.clicked.connect(v.accept)
        v.open_case_btn.clicked.connect(self._open_case)
        v.import_btn.clicked.connect(self.start)
        v.close_requested.connect(self.cancel)
        v.open_case_btn.hide()
        v.close_btn.hide()
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._pick)
        v.search.textChanged.connect(lambda _t: (v.picked_case.setChecked(True), self._search_timer.start()))
        v.cases.currentItemChanged.connect(self._current_pick)
        v.cases.itemDoubleClicked.connect(lambda _i: self.start())
        v.cases.itemClicked.connect(lambda _i: v.picked_case.setChecked(True))
        v.new_case.toggled.connect(self._update_button)
        if case_ref:
            v.what.setText(shown(self.tr("Import %1 into case %2").replace("%1", names).replace("%2", case_ref)))
        elif ask:
            v.pages.setCurrentIndex(TARGET)
            v.import_btn.setDefault(True)
            self._pick()

    # the dialog, as the main window sees it -------------------------------------------------------------------
    def show(self) -> None:
        self.view.show()

    def close(self) -> None:
        self.view.close()

    def isVisible(self) -> bool:  # noqa: N802 (reads like the widget's)
        return self.view.isVisible()

    @property
    def asks_target(self) -> bool:
        return self.view.pages.currentIndex() == TARGET and self.task is None

    # choosing the case --------------------------------------------------------------------------------------
    def _pick(self) -> None:
        lib, text = self.lib, self.view.search.text().strip()
        self.view.pick_state.setText(self.tr("Looking for cases…"))
        self.runner.run(lambda: pick_cases(lib, text, limit=40), pool=INTERACTIVE, key="case-pick",
                        name="pick case", on_done=self._picked)

    def _picked(self, picks: list[PickedCase]) -> None:
        self.picks = picks
        v = self.view
        v.cases.clear()
        for p in picks:
            head = f"{p.ref} · {p.title or self.tr('(untitled)')}"
            sub = " · ".join(x for x in (p.customer or self.tr("(no sender)"), status_label(p.status),
                                         self.tr("active %1").replace("%1", fmt_dt(p.last_activity))) if x)
            item = QListWidgetItem(shown(f"{head}\n{sub}"))
            item.setData(PICK_ROLE, p.ref)
            tip = [head, sub]
            if p.others:
                tip.append(self.tr("Other cases of this customer: %1").replace("%1", ", ".join(p.others)))
            item.setToolTip(shown("\n".join(tip)))
            v.cases.addItem(item)
        if not picks:
            text = self.view.search.text().strip()
            v.pick_state.setText(shown(self.tr("No case matches “%1”.").replace("%1", text)) if text else
                                 self.tr("There are no cases yet: the files go into a new case."))
        else:
            v.pick_state.setText(self.tr("%n case(s); open and recently active ones first.", "", len(picks)))
        want = self.suggest_ref if not v.search.text().strip() else None
        row = next((i for i, p in enumerate(picks) if p.ref == want), 0 if v.search.text().strip() else -1)
        if row >= 0 and picks:
            v.cases.setCurrentRow(row)
        v.picked_case.setEnabled(bool(picks) or bool(v.search.text().strip()))
        self._update_button()

    def _current_pick(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        ref = current.data(PICK_ROLE) if current is not None else None
        p = next((p for p in self.picks if p.ref == ref), None)
        if p is not None and p.others:
            self.view.others.setText(shown(self.tr("%1 also has: %2")
                                           .replace("%1", p.customer or self.tr("This customer"))
                                           .replace("%2", ", ".join(p.others))))
        else:
            self.view.others.setText("")
        self._update_button()

    def chosen_ref(self) -> str | None:
        """The case the handler picked, or None for one new case."""
        if self.case_ref:
            return self.case_ref
        v = self.view
        if v.new_case.isChecked():
            return None
        item = v.cases.currentItem()
        return item.data(PICK_ROLE) if item is not None else None

    def choose(self, ref: str | None) -> bool:
        """Choose a case of the list (None: a new case), as a click would."""
        v = self.view
        if ref is None:
            v.new_case.setChecked(True)
            return True
        for i in range(v.cases.count()):
            if v.cases.item(i).data(PICK_ROLE) == ref:
                v.picked_case.setChecked(True)
                v.cases.setCurrentRow(i)
                return True
        return False

    def _update_button(self, *_args: object) -> None:
        v = self.view
        ok = v.new_case.isChecked() or v.cases.currentItem() is not None
        v.import_btn.setEnabled(ok)
        ref = None if v.new_case.isChecked() else self.chosen_ref()
        v.import_btn.setText(self.tr("Import into %1").replace("%1", ref) if ref else self.tr("Import"))

    # importing ----------------------------------------------------------------------------------------------
    def start(self) -> Task | None:
        """Import into the chosen case (or one new case); the dialog shows progress, then the result."""
        if self.task is not None:
            return self.task
        ref = self.chosen_ref()
        if not self.case_ref and not self.view.new_case.isChecked() and ref is None:
            return None
        v = self.view
        v.import_btn.hide()
        v.pages.setCurrentIndex(PROGRESS)
        target = self.tr("into case %1").replace("%1", ref) if ref else self.tr("into a new case")
        v.count.setText(self.tr("Looking at the files… (%1)").replace("%1", target))
        lib, paths = self.lib, self.paths
        self.task = self.runner.run(
            lambda progress, cancel: import_paths(lib, paths, case_ref=ref, progress=progress, cancel=cancel),
            pool=JOBS, progress=True, name="import",
            on_done=self._done, on_error=self._failed)
        v.running = True
        self.task.progress.connect(self._progress)
        self.task.cancelled.connect(lambda: self._done(ImportReport(cancelled=True)))
        return self.task

    def cancel(self) -> None:
        if self.task is not None and not self.task.is_finished:
            self.task.cancel()
            self.view.cancel_btn.setEnabled(False)
            self.view.count.setText(self.tr("Stopping… nothing is kept from this import."))
        else:
            self.view.reject()

    def _progress(self, done: int, total: int, message: str, calls: int) -> None:
        if self.task is not None and self.task.token.cancelled:
            return
        v = self.view
        v.bar.setRange(0, max(1, total))
        v.bar.setValue(done)
        v.count.setText(self.tr("%n file(s) processed", "", max(0, calls - 1)))
        if message:
            width = max(300, v.current.width())
            v.current.setText(v.current.fontMetrics().elidedText(message, Qt.TextElideMode.ElideMiddle, width))
            v.current.setToolTip(message)

    def _done(self, report: ImportReport) -> None:
        self.report = report
        v = self.view
        v.running = False
        v.cancel_btn.hide()
        v.close_btn.show()
        v.close_btn.setDefault(True)
        v.pages.setCurrentIndex(RESULT)
        if report.cancelled:
            v.summary.setText(self.tr("The import was cancelled. The library is as it was before."))
        else:
            parts = [self.tr("%n file(s) imported.", "", report.imported)]
            if report.already_present:
                parts.append(self.tr("%n file(s) were already in the library and were not added again.", "",
                                     report.already_present))
            if report.cases:
                parts.append(self.tr("Case(s): %1", "", len(report.cases)).replace("%1", ", ".join(report.cases)))
            if report.missing:
                parts.append(self.tr("%n file(s) named in the chat were not in the export.", "",
                                     len(report.missing)))
            if report.rejected:
                parts.append(self.tr("%n file(s) with a problem (see below).", "", len(report.rejected)))
            parts.append(self.tr("Edit ▸ Undo takes the whole import out again."))
            v.summary.setText("\n".join(parts))
            if report.cases:
                v.open_case_btn.show()
        self._fill_rejected(report)
        self.imported.emit(report)

    def _fill_rejected(self, report: ImportReport) -> None:
        rows = problem_rows(report)
        t = self.view.rejected
        fill_table(t, rows)
        t.setVisible(bool(rows))
        self.view.rejected_label.setVisible(bool(rows))

    def _failed(self, error: BaseException) -> None:
        self.report = None
        v = self.view
        v.running = False
        v.cancel_btn.hide()
        v.close_btn.show()
        v.pages.setCurrentIndex(RESULT)
        v.summary.setText(self.tr("The import failed and nothing was added:\n%1").replace("%1", user_message(error)))
        v.rejected.hide()
        v.rejected_label.hide()

    def _open_case(self) -> None:
        if self.report and self.report.cases:
            self.open_case.emit(self.report.cases[0])
        self.view.accept()
