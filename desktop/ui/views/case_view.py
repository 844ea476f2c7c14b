"""The right pane: one case. Header, tabs (media, messages, duplicates, notes) and the details column."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.views.duplicates_view import DuplicatesView
from desktop.ui.views.media_grid_view import MediaGridView


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when the window is too narrow, instead of being cut off."""

    def paintEvent(self, event) -> None:  # noqa: ANN001
        p = QPainter(self)
        p.setFont(self.font())
        p.setPen(self.palette().windowText().color())
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


_LONG_RUN = re.compile(r"\S{1000}")


class MessageText(QDialog):
    """One message in full: who, when, and the whole text, selectable."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("messageText")
        self.resize(560, 380)
        lay = QVBoxLayout(self)
        self.head = QLabel()
        self.head.setStyleSheet("font-weight: 600;")
        self.head.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("messageFullText")
        self.text.setReadOnly(True)
        lay.addWidget(self.head)
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def set_text(self, text: str) -> None:
        """The whole text, wrapped at word boundaries; a text with a run of 1,000 characters without a space wraps
        anywhere: Qt's fallback from word boundaries to anywhere takes time by the square of the run's length
        (a 1 MB message of one word: a minute on the GUI thread)."""
        wrap = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        if _LONG_RUN.search(text):
            wrap = QTextOption.WrapMode.WrapAnywhere
        self.text.clear()  # the window is reused: a new wrap mode lays out what it holds again
        self.text.setWordWrapMode(wrap)
        self.text.setPlainText(text)


class MediaTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.sort = QComboBox()
        self.sort.setObjectName("mediaSort")
        self.sort.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hide_aside = QCheckBox(self.tr("Hide set aside"))
        self.hide_aside.setToolTip(self.tr("Hide the duplicates that were set aside"))
        self.count = QLabel()
        self.count.setObjectName("mediaCount")
        self.count.setStyleSheet("color: #5f6368;")
        self.open_btn = QPushButton(self.tr("View"))
        self.open_btn.setToolTip(self.tr("Open the selected item in the viewer (Enter or double-click)"))
        self.include_btn = QPushButton(self.tr("Include in report"))
        self.include_btn.setObjectName("includeButton")
        self.include_btn.setToolTip(self.tr("Put the selected items into the PDF case file, or leave them out when "
                                            "they are all in already (Ctrl+E)"))
        bar.addWidget(QLabel(self.tr("Sort by")))
        bar.addWidget(self.sort)
        bar.addStretch(1)
        bar.addWidget(self.include_btn)
        bar.addWidget(self.open_btn)
        lay.addLayout(bar)
        self.grid = MediaGridView()
        self.grid.setObjectName("mediaGrid")
        lay.addWidget(self.grid, 1)
        foot = QHBoxLayout()  # the count and what it counts: "6 items, 1 set aside" beside "Hide set aside"
        foot.addWidget(self.count, 1)
        foot.addWidget(self.hide_aside)
        lay.addLayout(foot)


class NotesTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        self.notes = QListWidget()
        self.notes.setObjectName("notesList")
        self.notes.setWordWrap(True)
        self.notes.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.notes.setAlternatingRowColors(True)
        lay.addWidget(self.notes, 1)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(self.tr("Write a note for this case…"))
        self.editor.setMaximumHeight(110)
        lay.addWidget(self.editor)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_btn = QPushButton(self.tr("Add note"))
        self.add_btn.setObjectName("addNote")
        row.addWidget(self.add_btn)
        lay.addLayout(row)


class DetailsColumn(QScrollArea):
    """Case fields, the customer and their contact history."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(6, 0, 6, 6)
        box = QGroupBox(self.tr("Case"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title = QLineEdit()
        self.title.setObjectName("caseTitle")
        self.kind = QComboBox()
        self.kind.setObjectName("caseKind")
        self.status = QComboBox()
        self.status.setObjectName("caseStatus")
        self.policy = QLineEdit()
        self.policy.setObjectName("casePolicy")
        self.policy.setPlaceholderText(self.tr("policy or booking number"))
        self.incident = QDateEdit()
        self.incident.setObjectName("caseIncident")
        self.incident.setCalendarPopup(True)
        self.incident.setDisplayFormat("yyyy-MM-dd")
        self.incident.setSpecialValueText(self.tr("not set"))
        self.handler = QLineEdit()
        self.handler.setObjectName("caseHandler")
        self.answered = QCheckBox(self.tr("First answer sent"))
        self.answered.setObjectName("caseAnswered")
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Policy / booking"), self.policy)
        form.addRow(self.tr("Incident date"), self.incident)
        form.addRow(self.tr("Handler"), self.handler)
        form.addRow(self.answered)
        lay.addWidget(box)
        cust = QGroupBox(self.tr("Customer"))
        cform = QFormLayout(cust)
        self.cust_name = QLabel()
        self.cust_phone = QLabel()
        self.cust_email = QLabel()
        for lbl in (self.cust_name, self.cust_phone, self.cust_email):
            lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lbl.setWordWrap(True)
        cform.addRow(self.tr("Name"), self.cust_name)
        cform.addRow(self.tr("Phone"), self.cust_phone)
        cform.addRow(self.tr("E-mail"), self.cust_email)
        lay.addWidget(cust)
        hist = QGroupBox(self.tr("Contact history"))
        hl = QVBoxLayout(hist)
        self.history = QListWidget()
        self.history.setObjectName("contactHistory")
        self.history.setToolTip(self.tr("All cases of this customer; double-click to open"))
        self.history.setMinimumHeight(120)
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        hl.addWidget(self.history)
        lay.addWidget(hist, 1)
        self.setWidget(inner)
        # as wide as the longest label and field need in the current language; never cut off
        self.setMinimumWidth(max(250, inner.minimumSizeHint().width() + 6))


class CaseView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.empty = QLabel(self.tr("Select a case on the left, or drop files, folders, ZIPs, chat exports "
                                    "or e-mails here to import them."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5f6368; font-size: 14pt; padding: 40px;")
        self.stack.addWidget(self.empty)
        page = QWidget()
        self.stack.addWidget(page)
        self.loading = QWidget()
        self.loading.setObjectName("caseLoading")
        ll = QVBoxLayout(self.loading)
        ll.addStretch(1)
        self.loading_text = QLabel()
        self.loading_text.setObjectName("caseLoadingText")
        self.loading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_text.setStyleSheet("color: #5f6368; font-size: 12pt;")
        self.loading_bar = QProgressBar()
        self.loading_bar.setRange(0, 0)
        self.loading_bar.setTextVisible(False)
        self.loading_bar.setMaximumWidth(260)
        ll.addWidget(self.loading_text)
        ll.addWidget(self.loading_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        ll.addStretch(2)
        self.stack.addWidget(self.loading)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(8, 8, 8, 8)
        head = QHBoxLayout()
        self.heading = ElidedLabel()
        self.heading.setObjectName("caseHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setMinimumWidth(120)
        self.sla = QLabel()
        self.sla.setObjectName("caseSla")
        self.alert = QPushButton()
        self.alert.setObjectName("caseAlert")
        self.alert.setStyleSheet("QPushButton { background: #fde7e6; color: #b3261e; border: 1px solid #b3261e;"
                                 " border-radius: 4px; padding: 3px 8px; font-weight: 600; }")
        self.alert.hide()
        self.export_btn = QPushButton(self.tr("Export PDF…"))
        self.export_btn.setObjectName("exportButton")
        self.busy = QProgressBar()
        self.busy.setObjectName("caseBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(60)
        self.busy.setMaximumHeight(10)
        self.busy.hide()
        head.addWidget(self.heading, 1)
        head.addWidget(self.busy)
        head.addWidget(self.alert)
        head.addWidget(self.sla)
        head.addWidget(self.export_btn)
        lay.addLayout(head)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.media_tab = MediaTab()
        self.messages = QTableView()
        self.messages.setObjectName("messagesTable")
        self.messages.verticalHeader().hide()
        self.messages.setShowGrid(False)
        self.messages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.messages.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.messages.setWordWrap(True)
        self.messages.setAlternatingRowColors(True)
        self.duplicates = DuplicatesView()
        self.notes_tab = NotesTab()
        self.tabs.addTab(self.media_tab, self.tr("Media"))
        self.tabs.addTab(self.messages, self.tr("Messages"))
        self.tabs.addTab(self.duplicates, self.tr("Duplicates"))
        self.tabs.addTab(self.notes_tab, self.tr("Notes"))
        split.addWidget(self.tabs)
        self.details = DetailsColumn()
        split.addWidget(self.details)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([600, 270])
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)

    def show_case_page(self, visible: bool) -> None:
        self.stack.setCurrentIndex(1 if visible else 0)

    def show_loading(self, text: str) -> None:
        """A spinner page while a case loads (when no case is shown yet) or a busy bar beside the heading."""
        self.loading_text.setText(text)
        if self.stack.currentIndex() != 1:
            self.stack.setCurrentWidget(self.loading)
        self.busy.show()
        self.busy.setToolTip(text)

    def loading_done(self) -> None:
        self.busy.hide()
