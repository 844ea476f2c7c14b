"""Select media in the grid, view it, flick through with the keys, zoom, caption and report inclusion."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.services.cases import list_media
from desktop.ui.models.media_grid_model import THUMB_ROLE, SortKey
from tests.ui.helpers import click_case, grid_rect, wait_idle


def test_grid_loads_thumbnails_lazily_and_sorts(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    model = w.media.model
    assert model.rowCount() == 6
    qtbot.waitUntil(lambda: all(model.index(r).data(THUMB_ROLE) is not None for r in range(6)), timeout=10000)
    names = [m.name for m in model.items()]
    assert names == sorted(names)  # EXIF capture times follow the file names here
    combo = w.case_view.media_tab.sort
    combo.setCurrentIndex(combo.findData(SortKey.NAME.value))
    assert [m.name for m in model.items()] == sorted(names, key=str.casefold)


def test_select_view_and_flick_through_with_keys(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    grid = w.case_view.media_tab.grid
    rect = grid_rect(w, 0)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    v = w.viewer
    qtbot.waitUntil(lambda: v.isVisible() and v.row == 0, timeout=5000)
    qtbot.waitUntil(v.is_showing_full, timeout=10000)  # the full picture, decoded off the GUI thread
    assert v.canvas.item.pixmap().width() == 640
    facts = {v.facts.itemAt(r, v.facts.ItemRole.LabelRole).widget().text():
             v.facts.itemAt(r, v.facts.ItemRole.FieldRole).widget().text() for r in range(v.facts.rowCount())}
    assert "EXIF (camera)" in facts["Taken"] and facts["Camera"] == "Google Pixel 7"
    qtbot.keyClick(v, Qt.Key.Key_Right)
    assert v.row == 1 and v.current.name == w.media.model.item(1).name
    assert grid.currentIndex().row() == 1  # the grid follows the viewer
    qtbot.keyClick(v, Qt.Key.Key_Left)
    qtbot.keyClick(v, Qt.Key.Key_Left)  # stays on the first item
    assert v.row == 0
    qtbot.waitUntil(v.is_showing_full, timeout=10000)
    fit = v.canvas.zoom
    qtbot.keyClick(v, Qt.Key.Key_Plus)
    assert v.canvas.zoom > fit and not v.canvas.fit_mode
    qtbot.keyClick(v, Qt.Key.Key_1)
    assert v.canvas.zoom == 1.0
    qtbot.keyClick(v, Qt.Key.Key_0)
    assert v.canvas.fit_mode and abs(v.canvas.zoom - fit) < 1e-6
    qtbot.keyClick(v, Qt.Key.Key_Escape)
    assert not v.isVisible()


def test_caption_and_exclude_from_report(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    row = next(i for i, m in enumerate(w.media.model.items()) if i > 0 and not m.set_aside)
    w.view_row(row)
    v = w.viewer
    qtbot.waitUntil(lambda: v.isVisible(), timeout=5000)
    media_id = v.current.id
    v.caption.setFocus()
    qtbot.keyClicks(v.caption, "Parquet lifted next to the machine")
    qtbot.keyClick(v.caption, Qt.Key.Key_Return)
    qtbot.mouseClick(v.included, Qt.MouseButton.LeftButton, pos=QPoint(8, v.included.height() // 2))
    assert not v.included.isChecked()
    wait_idle(qtbot, w)
    stored = {m.id: m for m in list_media(library, case_ref=seeded.sophie)}[media_id]
    assert stored.caption == "Parquet lifted next to the machine" and stored.included is False
    assert w.media.model.item(row).caption == stored.caption  # the grid shows it without a reload
    assert "not in report" in w.case_view.media_tab.count.text()
    # toggling from the grid puts it back
    v.close()
    grid = w.case_view.media_tab.grid
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid_rect(w, row).center())
    qtbot.mouseClick(w.case_view.media_tab.include_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    assert {m.id: m for m in list_media(library, case_ref=seeded.sophie)}[media_id].included is True
