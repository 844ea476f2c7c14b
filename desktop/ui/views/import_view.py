"""The import dialog: where the files go (a new case or a picked one), progress with count, current file and
cancel, then the result summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

TARGET, PROGRESS, RESULT = 0, 1, 2


def _wrapping(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class ImportView(QDialog):
    close_requested = Signal()  # Esc or the window's close button while ``running``

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.running = False
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self.setMinimumWidth(600)
        lay = QVBoxLayout(self)
        self.what = _wrapping(name="importWhat")
        self.what.setStyleSheet("font-weight: 600;")
        lay.addWidget(self.what)
        self.pages = QStackedWidget()
        lay.addWidget(self.pages, 1)
        self._target_page()
        self._progress_page()
        self._result_page()
        self.buttons = QDialogButtonBox()
        self.import_btn = QPushButton(self.tr("Import"))
        self.import_btn.setObjectName("startImport")
        self.buttons.addButton(self.import_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_btn.setObjectName("cancelImport")
        self.open_case_btn = QPushButton(self.tr("Open case"))
        self.open_case_btn.setObjectName("openImportedCase")
        self.buttons.addButton(self.open_case_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_btn.setObjectName("closeImport")
        lay.addWidget(self.buttons)

    def _target_page(self) -> None:
        page = QWidget()
        tl = QVBoxLayout(page)
        tl.setContentsMargins(0, 6, 0, 0)
        tl.addWidget(QLabel(self.tr("Where should these files go?")))
        self.new_case = QRadioButton(self.tr("Into one new case"))
        self.new_case.setObjectName("intoNewCase")
        self.new_case_hint = _wrapping(self.tr("The case is named after the folder or ZIP, else after the capture "
                                               "dates. You can split it by time gaps later (Case menu)."))
        self.new_case_hint.setStyleSheet("color: #5f6368; margin-left: 22px;")
        self.picked_case = QRadioButton(self.tr("Into a case I choose:"))
        self.picked_case.setObjectName("intoPickedCase")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.new_case)
        self.choice.addButton(self.picked_case)
        self.new_case.setChecked(True)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearchPicker")
        self.search.setPlaceholderText(self.tr("Search reference, title, customer, phone or e-mail…"))
        self.search.setClearButtonEnabled(True)
        self.cases = QListWidget()
        self.cases.setObjectName("casePicker")
        self.cases.setWordWrap(True)
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cases.setAlternatingRowColors(True)
        self.cases.setMinimumHeight(220)
        self.pick_state = _wrapping(name="pickerState")
        self.pick_state.setStyleSheet("color: #5f6368;")
        self.others = _wrapping(name="customerOthers")
        self.others.setStyleSheet("color: #5f6368;")
        self.chats_note = _wrapping(self.tr("Chat exports and e-mails always go to their customer's case."),
                                    "chatsNote")
        self.chats_note.setStyleSheet("color: #5f6368;")
        tl.addWidget(self.new_case)
        tl.addWidget(self.new_case_hint)
        tl.addWidget(self.picked_case)
        tl.addWidget(self.search)
        tl.addWidget(self.cases, 1)
        tl.addWidget(self.pick_state)
        tl.addWidget(self.others)
        tl.addWidget(self.chats_note)
        self.pages.addWidget(page)

    def _progress_page(self) -> None:
        prog = QWidget()
        pl = QVBoxLayout(prog)
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 0)
        self.count = QLabel()
        self.count.setObjectName("importCount")
        self.current = QLabel()
        self.current.setObjectName("importCurrent")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.current.setMinimumWidth(500)
        pl.addWidget(self.bar)
        pl.addWidget(self.count)
        pl.addWidget(self.current)
        pl.addStretch(1)
        self.pages.addWidget(prog)

    def _result_page(self) -> None:
        res = QWidget()
        rl = QVBoxLayout(res)
        self.summary = _wrapping(name="importSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rl.addWidget(self.summary)
        self.rejected_label = QLabel(self.tr("Files with a problem, and why:"))
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

    def reject(self) -> None:
        if self.running:
            self.close_requested.emit()
            return
        super().reject()
