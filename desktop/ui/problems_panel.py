"""Controller of the problems panel: the problems of the last import, kept visible after the import dialog is
closed. It appears only when there are problems, can be closed, and its menu entry is grey when there are none."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from desktop.core.model import ImportReport
from desktop.ui.problem_text import problem_rows
from desktop.ui.shown import fill_table
from desktop.ui.views.problems_view import ProblemsView


class ProblemsPanel(QObject):
    def __init__(self, view: ProblemsView, window: QMainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.window = window
        self.action: QAction = view.toggleViewAction()
        self.action.setText(self.tr("&Problems of the last import"))
        self.action.setEnabled(False)
        view.hide()

    def show_report(self, report: ImportReport) -> None:
        t = self.view.table
        rows = problem_rows(report)
        fill_table(t, rows)
        self.view.setWindowTitle(self.tr("Problems of the last import (%1)").replace("%1", str(len(rows))))
        self.action.setEnabled(bool(rows))
        if rows:
            self.view.show()
            height = min(260, 44 + sum(t.rowHeight(r) for r in range(min(len(rows), 6))))
            self.window.resizeDocks([self.view], [height], Qt.Orientation.Vertical)
        else:
            self.view.hide()

    def count(self) -> int:
        return self.view.table.rowCount()

    def is_shown(self) -> bool:
        return self.view.isVisible()

    def close(self) -> None:
        self.view.close()
