"""Messages of a case (chat lines and e-mails) as a read-only table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.model import MessageKind
from desktop.services.cases import MessageInfo
from desktop.ui.labels import fmt_dt
from desktop.ui.shown import shown_data

Index = QModelIndex | QPersistentModelIndex
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 30
# a cell shows this much of a message, more than a row of half the view can hold: Qt lays out the whole text of a
# cell on every paint, and a message of 1 MB made each repaint of the table (a hover, a scroll, a click) take 0.9 s;
# the message window shows it whole
CELL_CHARS = 5000


class MessagesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MessageInfo] = []

    def set_messages(self, messages: list[MessageInfo]) -> None:
        self.beginResetModel()
        self._rows = sorted(messages, key=lambda m: (m.sent_at.replace(tzinfo=None).isoformat()
                                                     if m.sent_at else "", m.id))
        self.endResetModel()

    def message(self, row: int) -> MessageInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Sent"), self.tr("From"), self.tr("Message"))[section]
        return None

    @shown_data()  # senders, subjects and texts: bidi overrides and controls as U+FFFD, line breaks kept
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        col = index.column()
        if role == MESSAGE_ROLE:
            return m
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return fmt_dt(m.sent_at)
            if col == 1:
                return m.sender or ""
            text = " ".join(m.text[:CELL_CHARS].split())
            if len(m.text) > CELL_CHARS:
                text += "…"
            if m.subject:
                text = f"[{m.subject}] {text}"
            if m.attachments:
                text += "  " + self.tr("(%n attachment(s))", "", len(m.attachments))
            return text
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return m.text[:2000]
        if role == Qt.ItemDataRole.ForegroundRole and not m.from_customer:
            return QBrush(QColor("#1d5fa8"))
        if role == Qt.ItemDataRole.ForegroundRole and m.kind == MessageKind.SYSTEM:
            return QBrush(QColor("#777777"))
        return None
