"""The left pane: status filter, search field and the case table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.models.case_list_model import Col


class CaseTable(QTableView):
    """The case table; accepts file drops on a row (import into that case)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def configure_columns(self) -> None:
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        h.setHighlightSections(False)
        for col, width in ((Col.SLA, 118), (Col.REF, 104), (Col.CUSTOMER, 150), (Col.TITLE, 180),
                           (Col.STATUS, 130), (Col.MEDIA, 64), (Col.OPENED, 120)):
            self.setColumnWidth(col, width)
        h.setSectionResizeMode(Col.TITLE, QHeaderView.ResizeMode.Stretch)


class CaseListView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 4, 8)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Search customer, reference, title, notes, messages…"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.status_filter)
        top.addWidget(self.search, 1)
        lay.addLayout(top)
        self.table = CaseTable()
        self.table.setObjectName("caseTable")
        lay.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setObjectName("caseCount")
        self.count.setStyleSheet("color: palette(mid);")
        lay.addWidget(self.count)
