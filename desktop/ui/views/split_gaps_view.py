"""The "Split by time gaps" dialog: the gap in hours, a preview of the parts, Split and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
)

from desktop.ui.shown import any_width


class SplitGapsView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("splitGapsDialog")
        self.setWindowTitle(self.tr("Split by time gaps"))
        self.setMinimumSize(620, 380)
        lay = QVBoxLayout(self)
        self.intro = any_width(QLabel())  # names the case's title
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.intro)
        form = QFormLayout()
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("gapHours")
        self.hours.setRange(0.01, 24 * 365)
        self.hours.setDecimals(2)
        self.hours.setSingleStep(1.0)
        self.hours.setSuffix(self.tr(" hours"))
        self.hours.setKeyboardTracking(False)
        form.addRow(self.tr("Split where two photos are more than"), self.hours)
        lay.addLayout(form)
        self.state = QLabel()
        self.state.setObjectName("splitState")
        self.state.setWordWrap(True)
        lay.addWidget(self.state)
        self.parts = QTableWidget(0, 4)
        self.parts.setObjectName("splitParts")
        self.parts.setHorizontalHeaderLabels([self.tr("Part"), self.tr("Items"), self.tr("Taken"), self.tr("Goes to")])
        self.parts.verticalHeader().hide()
        self.parts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.parts.setWordWrap(True)
        h = self.parts.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.parts, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.split_btn = self.buttons.addButton(self.tr("Split"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.split_btn.setObjectName("doSplit")
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
