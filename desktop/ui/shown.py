"""Customer text on its way into a widget.

A file name, a message, a customer's name, a case title or an EXIF tag may hold bidi overrides (Qt draws
"photo\\u202egpj.exe" as "photoexe.jpg", and turns the rest of its label around with it) and control characters.
Every such text passes ``shown`` (``desktop.core.shown_text``, the command line's table: each becomes U+FFFD) before
a widget gets it: the models in ``data`` (``shown_data``), tables through ``fill_table``, the views in their setters
(``MemberCard.set_name``, ``add_fact``...), the controllers where they set a label, a window title or a list item.
Only what is shown changes; what is stored, edited through a service and exported stays as the customer sent it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QTableWidget, QTableWidgetItem

from desktop.core.shown_text import shown

__all__ = ["any_width", "fill_table", "shown", "shown_data"]

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.StatusTipRole,
               Qt.ItemDataRole.WhatsThisRole)


def shown_data(*roles: int) -> Callable:
    """Decorates a model's ``data``: the text it gives for the display, tool tip, status tip and what's-this roles
    (and ``roles``, those a delegate draws) is ``shown``; every other value passes as it is."""
    wanted = frozenset(int(r) for r in (*_TEXT_ROLES, *roles))

    def wrap(data: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(data)
        def shown_text_data(self: Any, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            value = data(self, index, role)
            return shown(value) if isinstance(value, str) and int(role) in wanted else value

        return shown_text_data

    return wrap


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Rows of text into a read-only table, each cell ``shown`` with its whole text as its tool tip."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(shown(text))
            item.setToolTip(item.text())
            table.setItem(r, c, item)
    table.resizeRowsToContents()


def any_width(label: QLabel) -> QLabel:
    """A label of customer text that never widens its window: a word without a break (a file name of 250 letters, a
    camera model of 5,000) runs to the label's edge and is cut there, instead of making the label, and the window or
    the pane it is in, as wide as the word."""
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label
