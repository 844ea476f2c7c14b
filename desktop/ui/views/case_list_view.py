"""The left pane: status filter, search field and the case table."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.models.case_list_model import SUBTITLE_ROLE, Col

_MAX_WIDTH = {Col.SLA: 110, Col.STATUS: 120, Col.HANDLER: 110, Col.MEDIA: 100}


class TwoLineDelegate(QStyledItemDelegate):
    """The customer in the usual font, the case title below it, smaller and grey."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # noqa: ANN001
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        subtitle = str(index.data(SUBTITLE_ROLE) or "")
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = option.rect.adjusted(4, 2, -4, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        main_colour = option.palette.highlightedText().color() if selected else (
            fg.color() if fg is not None else option.palette.text().color())
        painter.save()
        font = QFont(option.font)
        fm = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(main_colour)
        top = QRect(r.left(), r.top(), r.width(), fm.height())
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         fm.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                       Qt.TextElideMode.ElideRight, r.width()))
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        sfm = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(option.palette.highlightedText().color() if selected else QColor("#6b6f76"))
        bottom = QRect(r.left(), top.bottom() + 1, r.width(), sfm.height())
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         sfm.elidedText(subtitle, Qt.TextElideMode.ElideRight, r.width()))
        painter.restore()


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
        self.verticalHeader().setDefaultSectionSize(40)
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
        fm = h.fontMetrics()
        model = self.model()
        for col, width in ((Col.SLA, 90), (Col.REF, 90), (Col.CUSTOMER, 180), (Col.STATUS, 80),
                           (Col.HANDLER, 70), (Col.MEDIA, 70), (Col.OPENED, 84)):
            title = str(model.headerData(col, Qt.Orientation.Horizontal)) if model is not None else ""
            self.setColumnWidth(col, max(width, fm.horizontalAdvance(title) + 26))
        h.setSectionResizeMode(Col.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self._min_widths = {col: self.columnWidth(col) for col in Col if col != Col.CUSTOMER}
        self.setColumnHidden(Col.OPENED, True)  # in the tooltip of every row; room for the customer
        h.setMinimumSectionSize(40)
        self.setItemDelegateForColumn(Col.CUSTOMER, TwoLineDelegate(self))

    def fit_columns(self) -> None:
        """Columns as wide as their texts need (never below their first width): nothing cut while there is
        room; the customer column takes what is left and elides."""
        self.horizontalHeader().setResizeContentsPrecision(400)
        for col, least in getattr(self, "_min_widths", {}).items():
            self.resizeColumnToContents(col)
            # capped, but never below the header's own words and sort arrow ("Eerste antwoord" was cut)
            self.setColumnWidth(col, min(max(least, self.columnWidth(col) + 8), max(least, _MAX_WIDTH.get(col, 140))))


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
        self.mine = QCheckBox(self.tr("My cases"))
        self.mine.setObjectName("myCases")
        self.mine.setToolTip(self.tr("Only the cases assigned to you"))
        top.addWidget(self.status_filter)
        top.addWidget(self.mine)
        top.addWidget(self.search, 1)
        lay.addLayout(top)
        self.loading = QProgressBar()
        self.loading.setObjectName("caseListLoading")
        self.loading.setRange(0, 0)
        self.loading.setTextVisible(False)
        self.loading.setMaximumHeight(6)
        self.loading.hide()
        lay.addWidget(self.loading)
        self.table = CaseTable()
        self.table.setObjectName("caseTable")
        lay.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setObjectName("caseCount")
        self.count.setStyleSheet("color: #5f6368;")
        lay.addWidget(self.count)
