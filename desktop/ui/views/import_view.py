"""The import dialog: progress with count, current file and cancel; then the result summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


class ImportView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        self.pages = QStackedWidget()
        lay.addWidget(self.pages)
        # progress page
        prog = QWidget()
        pl = QVBoxLayout(prog)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.what.setStyleSheet("font-weight: 600;")
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 0)
        self.count = QLabel()
        self.count.setObjectName("importCount")
        self.current = QLabel()
        self.current.setObjectName("importCurrent")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.current.setMinimumWidth(500)
        pl.addWidget(self.what)
        pl.addWidget(self.bar)
        pl.addWidget(self.count)
        pl.addWidget(self.current)
        pl.addStretch(1)
        self.pages.addWidget(prog)
        # result page
        res = QWidget()
        rl = QVBoxLayout(res)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        rl.addWidget(self.summary)
        self.rejected_label = QLabel(self.tr("Files that were not imported, and why:"))
        rl.addWidget(self.rejected_label)
        self.rejected = QTableWidget(0, 2)
        self.rejected.setObjectName("rejectedTable")
        self.rejected.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.rejected.verticalHeader().hide()
        self.rejected.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rejected.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.rejected.horizontalHeader().setStretchLastSection(True)
        self.rejected.setColumnWidth(0, 240)
        self.rejected.setWordWrap(True)
        self.rejected.setMinimumHeight(140)
        rl.addWidget(self.rejected, 1)
        self.pages.addWidget(res)
        self.buttons = QDialogButtonBox()
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_btn.setObjectName("cancelImport")
        self.open_case_btn = QPushButton(self.tr("Open case"))
        self.open_case_btn.setObjectName("openImportedCase")
        self.buttons.addButton(self.open_case_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_btn.setObjectName("closeImport")
        lay.addWidget(self.buttons)
