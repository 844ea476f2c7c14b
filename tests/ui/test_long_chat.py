"""A case with the longest chat WhatsApp exports opens without freezing the window: the messages' rows are fitted
to their text where the handler looks, not all of them at once (``desktop.ui.row_heights``)."""

from __future__ import annotations

from datetime import datetime

from desktop.services.importing import import_paths
from desktop.services.library import open_library
from tests.ui.conftest import make_window
from tests.ui.helpers import click_case

LONG = "the water came through the ceiling of the kitchen and ran down the wall behind the cupboards " * 6


def test_a_long_chat_fits_the_rows_in_view_and_those_scrolled_to(qtbot, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    n = 6000
    with (folder / "WhatsApp Chat with Sanne de Vries.txt").open("w", encoding="utf-8") as f:
        for i in range(n):
            t = datetime(2025, 3, 1 + i // 1440, i // 60 % 24, i % 60)
            f.write(f"{t:%d/%m/%Y, %H:%M} - {'Sanne de Vries' if i % 2 else 'Claims Desk'}: {i} {LONG}\n")
    lib = open_library(tmp_path / "lib")
    try:
        ref = import_paths(lib, [folder]).cases[0]
        w = make_window(qtbot, lib)
        click_case(qtbot, w, ref)
        w.case_view.tabs.setCurrentIndex(1)
        table = w.case_view.messages
        assert w.case.messages_model.rowCount() == n
        default = table.verticalHeader().defaultSectionSize()

        def in_view_fitted() -> bool:
            rows = {table.rowAt(y) for y in range(0, table.viewport().height(), 10)} - {-1}
            return bool(rows) and all(table.rowHeight(r) == table.sizeHintForRow(r) > 2 * default for r in rows)

        qtbot.waitUntil(in_view_fitted)  # wrapped over several lines, as they were
        first = table.rowHeight(0)
        assert table.rowHeight(n - 1) == default  # not fitted before it is seen: six thousand rows were, at once
        table.scrollToBottom()
        qtbot.waitUntil(in_view_fitted)
        table.horizontalHeader().resizeSection(1, 40)  # the message's column wider: fewer lines
        qtbot.waitUntil(in_view_fitted)
        table.scrollToTop()
        qtbot.waitUntil(in_view_fitted)
        assert table.rowHeight(0) == table.sizeHintForRow(0) < first  # fitted again to the wider column
        w.close()
    finally:
        lib.close()
