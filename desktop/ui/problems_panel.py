"""The problems of the last import, kept visible after the import dialog is closed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem

from desktop.core.model import ImportReport
from desktop.ui.views.problems_view import ProblemsView


class ProblemsPanel:
    def __init__(self, view: ProblemsView) -> None:
        self.view = view

    def show_report(self, report: ImportReport) -> None:
        t = self.view.table
        rows = [(p.path, p.reason) for p in report.rejected]
        rows += [(name, QCoreApplication.translate("ProblemsPanel", "named in the chat but missing from the export")) for name in report.missing]
        t.setRowCount(len(rows))
        for i, (path, reason) in enumerate(rows):
            t.setItem(i, 0, QTableWidgetItem(path))
            t.setItem(i, 1, QTableWidgetItem(reason))
        self.view.setWindowTitle(QCoreApplication.translate("ProblemsPanel", "Problems of the last import (%1)").replace("%1", str(len(rows))))
        if rows:
            self.view.show()

    def count(self) -> int:
        return self.view.table.rowCount()
