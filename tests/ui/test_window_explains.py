"""A window that explains itself: the empty library says what to do and imports from its buttons; the problems
panel appears only with problems and can be closed; the grid's columns follow its width; loading is shown;
"Split by time gaps…" previews the parts, splits and is undone from the Edit menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.services.cases import get_case, list_cases, list_media
from desktop.services.importing import import_paths
from tests.gen import jpeg
from tests.ui.helpers import click_case, wait_idle
from tests.ui.media import photo_folder


def _chooser(qtbot, w) -> QFileDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(QFileDialog)), timeout=5000)
    return next(d for d in w.findChildren(QFileDialog) if d.isVisible())


def test_an_empty_library_says_what_to_do_and_imports_from_its_buttons(qtbot, empty_window, empty_library,
                                                                        tmp_path):
    w = empty_window
    qtbot.waitUntil(w.is_empty_library, timeout=5000)
    v = w.empty_library
    assert v.isVisible() and not w.case_list.isVisible()
    assert "Import what a customer sent" in v.sentence.text()
    buttons = w.empty_state.buttons()
    assert [b.text() for b in buttons.values()] == ["Import files…", "Import a folder…", "Import a chat export…",
                                                    "Import an e-mail…"]
    assert all(b.isVisible() and b.toolTip() for b in buttons.values())
    folder = photo_folder(tmp_path / "Garden shed", 2, seed=300)
    qtbot.mouseClick(buttons["folder"], Qt.MouseButton.LeftButton)
    chooser = _chooser(qtbot, w)
    assert chooser.fileMode() == QFileDialog.FileMode.Directory
    chooser.setDirectory(str(folder.parent))
    chooser.selectFile(str(folder))
    chooser.accept()
    dlg = w.import_dialog
    qtbot.waitUntil(lambda: dlg is not None and dlg.report is not None, timeout=20000)
    assert [c.title for c in list_cases(empty_library)] == ["Garden shed"]
    qtbot.waitUntil(lambda: not w.is_empty_library() and w.case_list.isVisible(), timeout=5000)
    # the chat export button asks for .zip / .txt files
    qtbot.mouseClick(buttons["chat"], Qt.MouseButton.LeftButton)
    chooser = _chooser(qtbot, w)
    assert "*.zip" in chooser.nameFilters()[0] and chooser.fileMode() == QFileDialog.FileMode.ExistingFiles
    chooser.reject()


def test_the_case_list_shows_that_it_is_loading(qtbot, window, library):
    w = window
    w.cases.reload()
    assert w.cases.is_loading() and not w.case_list.loading.isHidden()
    qtbot.waitUntil(lambda: not w.cases.is_loading(), timeout=5000)
    assert w.case_list.loading.isHidden() and "cases" in w.case_list.count.text()


def test_opening_a_case_shows_a_spinner_until_it_is_there(qtbot, window, seeded):
    w = window
    w.case.open(seeded.folder)
    assert w.case.is_loading()
    assert w.case_view.stack.currentWidget() is w.case_view.loading
    assert w.case_view.loading_text.text() == f"Opening {seeded.folder}…"
    qtbot.waitUntil(lambda: not w.case.is_loading(), timeout=5000)
    assert w.case_view.stack.currentIndex() == 1 and w.case_view.busy.isHidden()


def test_the_problems_panel_appears_only_with_problems_and_can_be_closed(qtbot, window, tmp_path):
    w = window
    assert not w.problems.isVisible() and not w.problems_panel.action.isEnabled()
    clean = photo_folder(tmp_path / "clean", 2, seed=310)
    dlg = w.start_import([clean], w.cases.model.case_at(0).ref)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    assert not w.problems.isVisible() and not w.problems_panel.action.isEnabled()
    dlg.close()
    bad = photo_folder(tmp_path / "bad", 1, seed=320)
    (bad / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a JPEG")
    dlg = w.start_import([bad], w.cases.model.case_at(0).ref)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    dlg.close()
    assert w.problems.isVisible() and w.problems_panel.count() == 1
    assert w.problems.height() < w.height() / 3  # a strip, not a third of the window
    reason = w.problems.table.item(0, 1).text()
    assert reason and reason == w.problems.table.item(0, 1).toolTip()
    w.problems_panel.close()
    assert not w.problems.isVisible() and w.problems_panel.action.isEnabled()  # it can be brought back
    w.problems_panel.action.trigger()
    assert w.problems.isVisible()


def _columns(w) -> int:  # noqa: ANN001
    grid = w.case_view.media_tab.grid
    top = grid.visualRect(w.media.model.index(0)).top()
    return sum(1 for r in range(w.media.model.rowCount()) if grid.visualRect(w.media.model.index(r)).top() == top)


def test_the_grid_columns_follow_the_width_and_fill_it(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)  # 6 photos
    grid = w.case_view.media_tab.grid
    w.resize(1100, 800)
    qtbot.waitUntil(lambda: _columns(w) == grid.columns(), timeout=3000)
    narrow = _columns(w)
    w.resize(1900, 900)
    qtbot.waitUntil(lambda: grid.columns() > narrow, timeout=3000)
    qtbot.waitUntil(lambda: _columns(w) == min(6, grid.columns()), timeout=3000)
    assert _columns(w) > narrow
    # the cells share the row: no strip wider than a cell is left empty on the right
    right = max(grid.visualRect(w.media.model.index(r)).right() for r in range(w.media.model.rowCount()))
    assert grid.viewport().width() - right < grid.gridSize().width() / 2 + 30  # no empty column on the right


def test_split_by_time_gaps_previews_the_parts_splits_and_is_undone(qtbot, window, library, tmp_path):
    w = window
    times = ["2026:08:10 10:00:00", "2026:08:10 10:20:00", "2026:08:12 09:00:00", "2026:08:12 09:30:00",
             "2026:08:12 09:40:00"]
    for i, t in enumerate(times):
        jpeg(tmp_path / "Two visits" / f"v{i}.jpg", seed=400 + i, taken=t)
    (ref,) = import_paths(library, [tmp_path / "Two visits"]).cases
    w.refresh()
    qtbot.waitUntil(lambda: w.cases.model.row_of(ref) >= 0, timeout=5000)
    click_case(qtbot, w, ref)
    w.split_gaps_act.trigger()
    dlg = w.split_dialog
    v = dlg.view
    assert v.isVisible() and v.hours.value() == 12
    qtbot.waitUntil(lambda: v.parts.rowCount() == 2 and v.split_btn.isEnabled(), timeout=5000)
    assert [v.parts.item(r, 1).text() for r in range(2)] == ["2", "3"]
    assert v.parts.item(0, 3).text() == f"stays in {ref}" and v.parts.item(1, 3).text() == "a new case"
    assert v.parts.item(1, 0).text() == "Photos 12 August 2026"
    dlg.set_hours(72)  # no gap that long: nothing to split
    qtbot.waitUntil(lambda: v.parts.rowCount() == 1, timeout=5000)
    assert not v.split_btn.isEnabled() and "nothing to split" in v.state.text()
    dlg.set_hours(12)
    qtbot.waitUntil(lambda: v.split_btn.isEnabled(), timeout=5000)
    assert v.split_btn.text() == "Split into 2 cases"
    qtbot.mouseClick(v.split_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    assert len(list_media(library, case_ref=ref)) == 2
    new = next(c for c in list_cases(library) if c.title == "Photos 12 August 2026")
    assert new.media == 3
    qtbot.waitUntil(lambda: w.case.ref == new.ref, timeout=5000)  # the window shows the new part
    w.edit_menu.aboutToShow.emit()
    wait_idle(qtbot, w)
    undo = next(a for a in w.edit_menu.actions() if a.text().replace("&", "").startswith("Undo"))
    assert undo.text().replace("&", "").startswith(f"Undo Split {ref}")
    undo.trigger()
    wait_idle(qtbot, w)
    assert len(list_media(library, case_ref=ref)) == 5 and get_case(library, new.ref).status == "closed"


def test_labels_say_what_they_mean(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)  # 5 photos, 2 set aside as duplicates
    assert w.case_view.media_tab.include_btn.text() == "Include in report"
    assert w.case_view.media_tab.count.text().startswith("5 items, 2 set aside")
    from desktop.ui.models.case_list_model import Col

    row = w.cases.model.row_of(seeded.sophie)
    assert w.cases.model.index(row, Col.MEDIA).data() == "5 items,\n2 set aside"
    assert w.cases.model.headerData(Col.HANDLER, Qt.Orientation.Horizontal) == "Handler"


def test_my_cases_shows_only_the_handlers_cases(qtbot, window, library, seeded):
    from desktop.services.case_edit import update_case

    w = window
    update_case(library, seeded.jan, handler=library.handler)
    w.refresh()
    wait_idle(qtbot, w)
    w.case_list.mine.click()
    qtbot.waitUntil(lambda: w.cases.model.rowCount() == 1, timeout=5000)
    assert w.cases.model.case_at(0).ref == seeded.jan
    w.case_list.mine.click()
    qtbot.waitUntil(lambda: w.cases.model.rowCount() == 3, timeout=5000)


def test_long_messages_wrap_and_open_in_full(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    w.case.show_tab("messages")
    table = w.case_view.messages
    # the last column stretches: narrow it to 180 px by widening the one before it
    table.setColumnWidth(1, max(160, table.viewport().width() - table.columnWidth(0) - 180))
    qtbot.waitUntil(lambda: table.rowHeight(0) > 2 * table.fontMetrics().height(), timeout=3000)  # wrapped
    idx = w.case.messages_model.index(0, 2)
    at = table.visualRect(idx).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)  # a double click's first press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    dlg = w.case.message_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.text.toPlainText() == "Good morning, my washing machine flooded the kitchen."
    assert "Sophie Bakker" in dlg.head.text()
    dlg.close()
