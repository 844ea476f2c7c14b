"""Two items side by side: a picture canvas and the facts under each, the facts that differ marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFormLayout, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from desktop.ui.shown import any_width, shown
from desktop.ui.views.viewer_view import ImageCanvas


class ComparePane(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.title = any_width(QLabel())  # the file's name
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 700; font-size: 11pt;")
        lay.addWidget(self.title)
        self.canvas = ImageCanvas()
        self.canvas.setMinimumSize(320, 240)
        lay.addWidget(self.canvas, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        lay.addLayout(self.facts)

    def clear_facts(self) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)

    def add_fact(self, label: str, value: str, differs: bool) -> QLabel:
        v = any_width(QLabel(shown(value)))  # a sender, a camera, the software: the customer's
        v.setWordWrap(True)
        v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if differs:
            v.setStyleSheet("font-weight: 700; color: #0b57d0;")
            v.setToolTip(self.tr("Differs from the other item"))
        self.facts.addRow(label, v)
        return v


class CompareView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare — Casedesk"))
        self.resize(1300, 820)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.toolbar = QToolBar()
        self.swap_act = self.toolbar.addAction(self.tr("Swap sides"))
        self.fit_act = self.toolbar.addAction(self.tr("Fit"))
        self.fit_act.setShortcuts([QKeySequence(Qt.Key.Key_0), QKeySequence(Qt.Key.Key_F)])
        self.toolbar.addSeparator()
        self.legend = QLabel(self.tr("Facts in blue differ between the two."))
        self.legend.setStyleSheet("color: #0b57d0; padding: 0 8px;")
        self.toolbar.addWidget(self.legend)
        self.close_act = self.toolbar.addAction(self.tr("Close"))
        self.close_act.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        lay.addWidget(self.toolbar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.left = ComparePane()
        self.left.setObjectName("compareLeft")
        self.right = ComparePane()
        self.right.setObjectName("compareRight")
        split.addWidget(self.left)
        split.addWidget(self.right)
        split.setSizes([650, 650])
        lay.addWidget(split, 1)
