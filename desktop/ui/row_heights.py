"""Row heights of a long table fitted to their text where the handler looks, not for every row at once.

``QTableView.resizeRowsToContents`` asks the model for every cell of every row: for a chat of 40,000 messages (the
longest WhatsApp exports) that is two million ``data`` calls and four seconds with the window frozen, each time the
case opens or a column is resized. ``VisibleRowHeights`` fits the rows in view (and a screen before and after) when
the model is reset, the view scrolls or resizes, or a column's width changes; rows not yet seen keep the default
height, which is what they are drawn with until they come into view. A row is at most half the view tall, its last
line ending in "…": a message of 10,000 lines was one row taller than the view, its sender and time out of sight and
the messages after it hidden (the whole text is a double-click away).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QTableView

MARGIN_SCREENS = 1  # rows this many viewports above and below the visible ones are fitted too (smooth scrolling)


class VisibleRowHeights(QObject):
    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._fitted: set[int] = set()
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        table.verticalScrollBar().valueChanged.connect(self._soon)
        table.horizontalHeader().sectionResized.connect(self.refit)

    def attach(self) -> None:
        """Call after ``setModel``: follows the model's resets and new rows."""
        model = self.table.model()
        model.modelReset.connect(self.refit)
        model.rowsInserted.connect(self.refit)
        model.layoutChanged.connect(self.refit)

    def max_height(self) -> int:
        return max(3 * self.table.fontMetrics().lineSpacing(), self.table.viewport().height() // 2)

    def refit(self, *_args: object) -> None:
        """Every row's height may be wrong (new rows, another column width): fit the visible ones again."""
        self._fitted.clear()
        self._soon()

    def _soon(self, *_args: object) -> None:
        self._timer.start()

    def fit(self) -> None:
        model = self.table.model()
        n = model.rowCount() if model is not None else 0
        if not n:
            return
        view_h = max(1, self.table.viewport().height())
        first = self.table.rowAt(0)
        first = 0 if first < 0 else first
        last = self.table.rowAt(view_h - 1)
        last = n - 1 if last < 0 else last
        span = last - first + 1
        lo, hi = max(0, first - span * MARGIN_SCREENS), min(n - 1, last + span * MARGIN_SCREENS)
        cap = self.max_height()
        for row in range(lo, hi + 1):
            if row not in self._fitted:
                self._fitted.add(row)
                self.table.resizeRowToContents(row)
                if self.table.rowHeight(row) > cap:
                    self.table.setRowHeight(row, cap)
        # fitting rows above the view moves what is in view: fit again until the rows in view are all fitted
        if any(r not in self._fitted for r in (self.table.rowAt(0), self.table.rowAt(view_h - 1)) if r >= 0):
            self._soon()
