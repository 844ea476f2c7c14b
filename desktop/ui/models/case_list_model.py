"""The case list: a thin table model over ``CaseSummary`` rows, plus the status/search filter proxy."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.model import CaseStatus, CaseSummary
from desktop.ui.labels import fmt_dt, fmt_span, kind_label, status_label
from desktop.ui.shown import shown_data

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ROLE = Qt.ItemDataRole.UserRole + 2
SLA_ROLE = Qt.ItemDataRole.UserRole + 3


SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 4  # second line under the customer: the case title


class Col(IntEnum):
    SLA = 0
    REF = 1
    CUSTOMER = 2  # customer, with the case title as a second line
    STATUS = 3
    HANDLER = 4
    MEDIA = 5
    OPENED = 6


class Sla(IntEnum):
    """Ordered by urgency: sorting the SLA column puts overdue first."""

    OVERDUE = 0
    DUE = 1
    NONE = 2
    ANSWERED = 3
    CLOSED = 4


OVERDUE_FG = QColor("#b3261e")
OVERDUE_BG = QColor("#fde7e6")
DUE_FG = QColor("#8a5a00")


def sla_of(case: CaseSummary, norm: timedelta, now: datetime) -> tuple[Sla, timedelta | None]:
    """The first-answer state of a case and, when waiting, the time left (negative: overdue)."""
    if case.status == CaseStatus.CLOSED.value:
        return Sla.CLOSED, None
    if case.answered_at is not None:
        return Sla.ANSWERED, None
    if case.waiting_since is None:
        return Sla.NONE, None
    # the services judge the wait in working time (the team's calendar): their due time wins when given
    due = case.due_at.replace(tzinfo=None) if case.due_at is not None else case.waiting_since.replace(tzinfo=None) + norm
    left = due - now.replace(tzinfo=None)
    return (Sla.OVERDUE if left < timedelta(0) else Sla.DUE), left


class CaseListModel(QAbstractTableModel):
    """The rows' first-answer states are computed once per load and per tick, and the rows are sorted here in
    Python (``sort_rows``, called by ``CaseFilterProxy.sort``): with 10,000 cases, letting the proxy sort would
    call ``data`` from C++ for every comparison."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._state: list[tuple[Sla, timedelta | None]] = []
        self.norm = timedelta(minutes=60)
        self.now = datetime.now()
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # data -----------------------------------------------------------------------------------------------------
    def set_cases(self, cases: list[CaseSummary], norm_minutes: int) -> None:
        self.beginResetModel()
        self._rows = list(cases)
        self.norm = timedelta(minutes=norm_minutes)
        self.now = datetime.now()
        self._state = [sla_of(c, self.norm, self.now) for c in self._rows]
        if self._sorted is not None:
            self._order(*self._sorted)
        self.endResetModel()

    def tick(self) -> None:
        """Time moved on: recompute SLA texts (a case turns red without a reload)."""
        self.now = datetime.now()
        self._state = [sla_of(c, self.norm, self.now) for c in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, Col.SLA), self.index(len(self._rows) - 1, Col.SLA))
        if self._sorted is not None and self._sorted[0] == Col.SLA:
            self.sort_rows(*self._sorted)

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the rows by a column's sort key (what ``SORT_ROLE`` gives), keeping the order for later loads."""
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        refs = [self._rows[i.row()].ref for i in persistent]
        self._order(column, order)
        rows = {c.ref: r for r, c in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(rows[ref], i.column()) for ref, i in
                                                    zip(refs, persistent, strict=True)])
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        col = Col(column) if 0 <= column < len(Col) else Col.REF
        pairs = sorted(zip(self._rows, self._state, strict=True),
                       key=lambda p: self._sort_key(p[0], col, *p[1]),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [c for c, _ in pairs]
        self._state = [st for _, st in pairs]

    def overdue(self) -> int:
        """How many cases are overdue now."""
        return sum(1 for sla, _left in self._state if sla == Sla.OVERDUE)

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, ref: str) -> int:
        for i, c in enumerate(self._rows):
            if c.ref == ref:
                return i
        return -1

    def cases(self) -> list[CaseSummary]:
        return list(self._rows)

    # Qt model -------------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Col.SLA: self.tr("First answer"), Col.REF: self.tr("Reference"),
            Col.CUSTOMER: self.tr("Customer / title"), Col.STATUS: self.tr("Status"),
            Col.HANDLER: self.tr("Handler"), Col.MEDIA: self.tr("Items"), Col.OPENED: self.tr("Opened"),
        }[Col(section)]

    @shown_data(SUBTITLE_ROLE)  # customers' names and case titles: bidi overrides and controls as U+FFFD
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self._rows[index.row()]
        if role == CASE_ROLE:
            return c
        col = Col(index.column())
        sla, left = self._state[index.row()]
        if role == SLA_ROLE:
            return int(sla)
        if role == SUBTITLE_ROLE:
            return c.title
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, col, sla, left)
        if role == SORT_ROLE:
            return self._sort_key(c, col, sla, left)
        if role == Qt.ItemDataRole.ForegroundRole:
            if sla == Sla.OVERDUE:
                return QBrush(OVERDUE_FG)
            if col == Col.SLA and sla == Sla.DUE:
                return QBrush(DUE_FG)
            if c.status == CaseStatus.CLOSED.value:
                return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.BackgroundRole and sla == Sla.OVERDUE:
            return QBrush(OVERDUE_BG)
        if role == Qt.ItemDataRole.FontRole and sla == Sla.OVERDUE and col in (Col.SLA, Col.REF):
            return self._bold

        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Col.MEDIA:
                return self.tr("%n item(s)", "", c.media) + (
                    " · " + self.tr("%n set aside as duplicates", "", c.set_aside) if c.set_aside else "")
            if col == Col.HANDLER:
                return self.tr("Handler: %1").replace("%1", c.handler) if c.handler else self.tr("No handler yet")
            return self._tooltip(c, sla)
        return None

    def _display(self, c: CaseSummary, col: Col, sla: Sla, left: timedelta | None) -> str:
        if col == Col.SLA:
            if sla == Sla.OVERDUE and left is not None:
                return self.tr("Overdue %1").replace("%1", fmt_span(left))
            if sla == Sla.DUE and left is not None:
                return self.tr("Due in %1").replace("%1", fmt_span(left))
            if sla == Sla.ANSWERED:
                return self.tr("Answered")
            return ""
        if col == Col.REF:
            return c.ref
        if col == Col.CUSTOMER:
            return c.customer or self.tr("(no sender)")
        if col == Col.STATUS:
            return status_label(c.status)
        if col == Col.HANDLER:
            return c.handler or ""
        if col == Col.MEDIA:
            return self.tr("%n item(s)", "", c.media) + (
                ",\n" + self.tr("%n set aside", "", c.set_aside) if c.set_aside else "")
        return fmt_dt(c.opened_at, date_only=True)

    @staticmethod
    def _sort_key(c: CaseSummary, col: Col, sla: Sla, left: timedelta | None):
        if col == Col.SLA:
            return int(sla) * 1e12 + (left.total_seconds() if left is not None else 0)
        if col == Col.MEDIA:
            return c.media
        if col == Col.OPENED:
            return c.opened_at.replace(tzinfo=None).isoformat()
        if col == Col.CUSTOMER:
            return (c.customer or "").casefold()
        if col == Col.HANDLER:
            return (c.handler or "\uffff").casefold()
        if col == Col.STATUS:
            return [s.value for s in CaseStatus].index(c.status) if c.status in set(CaseStatus) else 9
        return c.ref.casefold()

    def _tooltip(self, c: CaseSummary, sla: Sla) -> str:
        parts = [f"{c.ref} · {kind_label(c.kind)}", c.title,
                 self.tr("Opened %1").replace("%1", fmt_dt(c.opened_at))]
        if c.waiting_since and sla in (Sla.DUE, Sla.OVERDUE):
            parts.append(self.tr("Customer waiting since %1").replace("%1", fmt_dt(c.waiting_since)))
        if c.alerts:
            parts.append(self.tr("%n alert(s): the same picture is in another case", "", c.alerts))
        return "\n".join(p for p in parts if p)


class CaseFilterProxy(QSortFilterProxyModel):
    """Status filter plus free-text search. ``matching_refs`` comes from the search index (notes, messages)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.open_only = False
        self.text = ""
        self.matching_refs: set[str] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_status(self, status: str | None, open_only: bool = False) -> None:
        self.beginFilterChange()
        self.status, self.open_only = status, open_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (``CaseListModel.sort_rows``); the proxy keeps its order."""
        model = self.sourceModel()
        if isinstance(model, CaseListModel) and column >= 0:
            model.sort_rows(column, order)

    def set_search(self, text: str, matching_refs: set[str] | None) -> None:
        self.beginFilterChange()
        self.text, self.matching_refs = text.strip().casefold(), matching_refs
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseListModel)
        c = model.case_at(source_row)
        if self.status is not None and c.status != self.status:
            return False
        if self.open_only and c.status == CaseStatus.CLOSED.value:
            return False
        if not self.text:
            return True
        if self.matching_refs is not None and c.ref in self.matching_refs:
            return True
        hay = f"{c.ref}\n{c.title}\n{c.customer or ''}\n{c.policy_ref or ''}".casefold()
        return self.text in hay
