"""The thumbnail grid: a QListView in icon mode and the delegate that paints a thumbnail with its badges.

Painting only reads what the model already holds (a ready QPixmap or nothing); it never decodes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.model import Flag, MediaInfo, MediaKind
from desktop.ui.labels import dup_kind_label, flag_short, fmt_duration
from desktop.ui.models.media_grid_model import GROUP_ROLE, MEDIA_ROLE, THUMB_FAILED_ROLE, THUMB_ROLE
from desktop.ui.shown import shown

THUMB = 150
CELL = QSize(THUMB + 16, THUMB + 40)
BASE_GRID = CELL + QSize(6, 6)
_SLACK = 1

_BADGE_BG = QColor(0, 0, 0, 170)
_WARN_BG = QColor("#b3261e")
_FLAG_BG = QColor("#8a5a00")
_DUP_BG = QColor("#35618f")
_KEEP_BG = QColor("#1b6e2b")
_PLACEHOLDER = QColor("#e4e6ea")


class MediaDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.small = QFont()
        self.small.setPointSizeF(max(7.0, self.small.pointSizeF() * 0.8))
        self.small.setBold(True)
        self.kind_font = QFont()
        self.kind_font.setPointSizeF(self.kind_font.pointSizeF() * 1.6)
        self.kind_font.setBold(True)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """As wide as the grid's cell allows (the columns share the row), so a caption is not cut early."""
        view = self.parent()
        grid = view.gridSize() if isinstance(view, QListView) else BASE_GRID
        return QSize(max(CELL.width(), grid.width() - (BASE_GRID.width() - CELL.width())), CELL.height())

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        m: MediaInfo | None = index.data(MEDIA_ROLE)
        if m is None:
            return
        r = option.rect.adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(option.palette.highlight().color().lighter(160))
            p.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 6, 6)
        box = QRect(r.left() + (r.width() - THUMB) // 2, r.top(), THUMB, THUMB)
        pm: QPixmap | None = index.data(THUMB_ROLE)
        if m.set_aside or not m.included:
            p.setOpacity(0.45)
        if pm is not None and not pm.isNull():
            scaled = pm.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(box.center())
            p.drawPixmap(target, pm)
        else:
            self._placeholder(p, box, m, bool(index.data(THUMB_FAILED_ROLE)))
        p.setOpacity(1.0)
        self._badges(p, box, m, str(index.data(GROUP_ROLE) or ""))
        text_rect = QRect(r.left(), box.bottom() + 4, r.width(), r.bottom() - box.bottom() - 4)
        p.setPen(option.palette.text().color())
        fm = QFontMetrics(option.font)
        name = fm.elidedText(shown(m.caption or m.name, one_line=True), Qt.TextElideMode.ElideMiddle, text_rect.width())
        f = QFont(option.font)
        f.setItalic(bool(m.caption))
        p.setFont(f)
        p.drawText(text_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), name)
        if selected:
            p.setPen(QPen(option.palette.highlight().color(), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 6, 6)
        p.restore()

    def _placeholder(self, p: QPainter, box: QRect, m: MediaInfo, failed: bool) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_PLACEHOLDER)
        p.drawRoundedRect(box, 4, 4)
        if not failed and m.kind == MediaKind.IMAGE:
            return  # still loading: a quiet grey tile
        p.setPen(QColor("#5f6368"))
        p.setFont(self.kind_font)
        symbol = {MediaKind.VIDEO: "▶", MediaKind.AUDIO: "♪", MediaKind.PDF: "PDF", MediaKind.MISSING: "?"}.get(
            m.kind, "…" if not failed else "?")
        p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), symbol)

    def _pill(self, p: QPainter, x: int, y: int, text: str, bg: QColor, right: bool = False) -> int:
        p.setFont(self.small)
        fm = QFontMetrics(self.small)
        w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
        rect = QRect(x - w if right else x, y, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(bg)
        p.drawRoundedRect(rect, 3, 3)
        p.setPen(QColor("white"))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        return w

    def _badges(self, p: QPainter, box: QRect, m: MediaInfo, dup_role: str) -> None:
        x, y = box.left() + 3, box.top() + 3
        if m.kind == MediaKind.VIDEO:
            x += self._pill(p, x, y, "▶ " + fmt_duration(m.duration_s), _BADGE_BG) + 3
        elif m.kind == MediaKind.AUDIO:
            x += self._pill(p, x, y, "♪ " + fmt_duration(m.duration_s), _BADGE_BG) + 3
        if dup_role:
            label = {"aside": self.tr("set aside"), "keeper": self.tr("keeper")}.get(dup_role) or dup_kind_label(
                dup_role, short=True)
            self._pill(p, box.right() - 2, y, label, _KEEP_BG if dup_role == "keeper" else _DUP_BG, right=True)
        bottom = [(flag_short(f), _WARN_BG if f == Flag.MISSING else _FLAG_BG) for f in m.flags]
        if not m.included and not m.set_aside:  # set aside already says it stays out of the report
            bottom.append((self.tr("not in report"), _BADGE_BG))
        self._flow(p, box, bottom)

    def _flow(self, p: QPainter, box: QRect, pills: list[tuple[str, QColor]]) -> None:
        """Pills from the bottom-left corner, left to right, wrapping upwards instead of overlapping."""
        fm = QFontMetrics(self.small)
        h = fm.height() + 2
        x, y = box.left() + 3, box.bottom() - h - 2
        for long_text, bg in pills:  # a long reason ("picture too large to open safely ...") stays on its tile
            text = fm.elidedText(long_text, Qt.TextElideMode.ElideRight, box.width() - 6 - 8)
            w = fm.horizontalAdvance(text) + 8
            if x > box.left() + 3 and x + w > box.right() - 2:
                x, y = box.left() + 3, y - h - 3
            x += self._pill(p, x, y, text, bg) + 3


class MediaGridView(QListView):
    """Icon-mode list tuned for thousands of items: uniform sizes, batched layout, static movement.

    The columns follow the viewport's width: as many cells as fit, each widened to share the rest of the row,
    so the grid fills the width instead of leaving a strip empty on the right."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(400)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setGridSize(BASE_GRID)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setWordWrap(False)
        self.setMouseTracking(False)
        self.setSpacing(0)
        self.delegate = MediaDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)  # drops are handled by the case panel around the grid

    def _usable_width(self) -> int:
        """The width QListView lays a row out in: it keeps room for the scroll bar even while none is shown."""
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.verticalScrollBar())
        return self.maximumViewportSize().width() - extent - _SLACK

    def columns(self) -> int:
        """How many cells a row holds at the current width."""
        return max(1, self._usable_width() // BASE_GRID.width())

    def _fit_grid(self) -> None:
        width = self._usable_width()
        cell = max(BASE_GRID.width(), width // self.columns()) if width > 0 else BASE_GRID.width()
        if cell != self.gridSize().width():
            self.setGridSize(QSize(cell, BASE_GRID.height()))
            self.scheduleDelayedItemsLayout()  # the items' size follows the cell (uniform sizes are cached)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        self._fit_grid()
        super().resizeEvent(event)
