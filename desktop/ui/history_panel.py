"""Case › History…: who did what to a case, when. Two tabs: the audit trail (append-only, hash-chained;
``services.audit.list_events``, CLI ``casedesk audit --case REF``) and the undoable actions of every handler with
what is undone (``services.undo.history``, CLI ``casedesk history --everyone``). ``HistoryPanel`` is a widget, so
the case page can also carry it as a tab; ``HistoryDialog`` puts it in a window."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import label
from desktop.core.model import AuditAction
from desktop.core.records import AuditInfo, JournalInfo
from desktop.services.audit import list_events
from desktop.services.library import Library
from desktop.services.undo import history
from desktop.ui.errors import user_message
from desktop.ui.labels import window_language
from desktop.ui.shown import any_width, fill_table, shown
from desktop.ui.tasks import INTERACTIVE, TaskRunner

JOURNAL_LIMIT = 2000


def action_text(code: str) -> str:
    try:
        return label(AuditAction, code, window_language())
    except (KeyError, ValueError):
        return code


def detail_text(detail: dict) -> str:
    """``{"media": 17, "degrees": 90}`` as "media 17 · degrees 90"; nested values compactly."""
    parts = []
    for k, v in detail.items():
        if v is None or v == "" or v == [] or v == {}:
            continue
        if isinstance(v, dict):
            v = ", ".join(f"{a}: {b}" for a, b in v.items())
        elif isinstance(v, list):
            v = ", ".join(map(str, v))
        parts.append(f"{k.replace('_', ' ')} {v}")
    return " · ".join(parts)


def _when(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M:%S}" if at is not None else ""


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setWordWrap(True)
    head = t.horizontalHeader()
    for c in range(len(headers) - 1):
        head.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    head.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return t


class HistoryPanel(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.runner = runner
        self.lib: Library | None = None
        self.ref: str | None = None
        self.events: list[AuditInfo] = []
        self.entries: list[JournalInfo] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setObjectName("historyFilter")
        self.filter.setPlaceholderText(self.tr("Filter: a handler, an action, a file name…"))
        self.filter.setClearButtonEnabled(True)
        lay.addWidget(self.filter)
        self.tabs = QTabWidget()
        self.audit = _table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        self.audit.setObjectName("auditTable")
        self.journal = _table([self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Undone")])
        self.journal.setObjectName("journalTable")
        self.tabs.addTab(self.audit, self.tr("Audit trail"))
        self.tabs.addTab(self.journal, self.tr("Undoable actions"))
        lay.addWidget(self.tabs, 1)
        self.note = QLabel()
        self.note.setObjectName("historyNote")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.filter.textChanged.connect(self._apply_filter)

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def show_case(self, ref: str) -> None:
        """Read the case's audit trail and journal in the background and show them, oldest audit event first."""
        if self.lib is None:
            return
        self.ref = ref
        lib = self.lib
        self.note.setText(self.tr("Reading the history…"))

        def read() -> tuple[list[AuditInfo], list[JournalInfo]]:
            events = list_events(lib, ref)
            entries = [e for e in history(lib, everyone=True, limit=JOURNAL_LIMIT) if e.case_ref == ref]
            return events, entries

        self.runner.run(read, pool=INTERACTIVE, key="case-history", name="case history", on_done=self._show,
                        on_error=lambda e: self.note.setText(user_message(e)))

    def _show(self, result: tuple[list[AuditInfo], list[JournalInfo]]) -> None:
        self.events, self.entries = result
        lang = window_language()
        fill_table(self.audit, [[_when(e.at), e.actor or "—", action_text(e.action), detail_text(e.detail)]
                           for e in self.events])
        fill_table(self.journal, [[_when(e.at), e.handler or "—", e.text(lang),
                              (f"{_when(e.undone_at)} ({e.undone_by or '—'})" if e.undone_at else "")]
                             for e in self.entries])
        self.tabs.setTabText(0, self.tr("Audit trail (%1)").replace("%1", str(len(self.events))))
        self.tabs.setTabText(1, self.tr("Undoable actions (%1)").replace("%1", str(len(self.entries))))
        self.note.setText(self.tr("The audit trail is append-only and hash-chained; 'casedesk verify' checks it."))
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for t in (self.audit, self.journal):
            for r in range(t.rowCount()):
                hay = " ".join(t.item(r, c).text().lower() for c in range(t.columnCount()) if t.item(r, c))
                t.setRowHidden(r, bool(needle) and needle not in hay)


class HistoryDialog(QDialog):
    def __init__(self, runner: TaskRunner, lib: Library, ref: str, title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of %1").replace("%1", ref))
        self.resize(980, 620)
        lay = QVBoxLayout(self)
        head = any_width(QLabel(shown(self.tr("History of %1 %2").replace("%1", ref)
                                      .replace("%2", f"· {title}" if title else ""))))
        head.setStyleSheet("font-weight: 600;")
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(head)
        self.panel = HistoryPanel(runner, self)
        self.panel.set_library(lib)
        lay.addWidget(self.panel, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.panel.show_case(ref)
