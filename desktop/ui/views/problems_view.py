"""The problems panel: per-file problems of the last import, one row each; closable, hidden when empty."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QHeaderView, QTableWidget, QWidget


class ProblemsView(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setWindowTitle(self.tr("Problems"))
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("problemsTable")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Problem")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 360)
        self.setWidget(self.table)
