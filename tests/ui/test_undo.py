"""Move, merge and split from the window, each undone and redone through the Edit menu."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from desktop.services.cases import get_case, list_media
from tests.ui.helpers import click_case, wait_idle


def _edit_action(w, name: str):  # noqa: ANN001
    return next(a for a in w.edit_menu.actions() if a.text().replace("&", "").startswith(name))


def test_move_selected_media_and_undo(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    grid = w.case_view.media_tab.grid
    sel = grid.selectionModel()
    for row in (0, 1):
        sel.select(w.media.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    ids = w.media.selected_ids()
    assert len(ids) == 2
    w.move_media(ids, seeded.jan)
    wait_idle(qtbot, w)
    assert {m.id for m in list_media(library, case_ref=seeded.jan)} >= set(ids)
    qtbot.waitUntil(lambda: w.media.model.rowCount() == 4, timeout=5000)
    undo = _edit_action(w, "Undo")
    assert "Move 2 item" in undo.text()
    undo.trigger()
    wait_idle(qtbot, w)
    assert {m.id for m in list_media(library, case_ref=seeded.folder)} >= set(ids)
    qtbot.waitUntil(lambda: w.media.model.rowCount() == 6, timeout=5000)
    _edit_action(w, "Redo").trigger()
    wait_idle(qtbot, w)
    assert len(list_media(library, case_ref=seeded.folder)) == 4


def test_merge_and_undo_restores_media_title_and_status(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    title = w.case.bundle.case.title
    w.merge_into(seeded.jan)
    wait_idle(qtbot, w)
    assert list_media(library, case_ref=seeded.folder) == []
    assert get_case(library, seeded.folder).status == "closed"
    qtbot.waitUntil(lambda: w.case.ref == seeded.jan, timeout=5000)  # the window follows the merge
    w.undo_stack.undo()
    wait_idle(qtbot, w)
    c = get_case(library, seeded.folder)
    assert (c.status, c.title) == ("new", title)
    assert len(list_media(library, case_ref=seeded.folder)) == 6
    qtbot.waitUntil(lambda: w.case.ref == seeded.folder, timeout=5000)


def test_split_at_a_message_and_undo(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    w.case_view.tabs.setCurrentWidget(w.case_view.messages)
    table = w.case_view.messages
    last = w.case.messages_model.rowCount() - 1  # "The plumber comes tomorrow"
    idx = w.case.messages_model.index(last, 2)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(idx).center())
    before = len(w.cases.model.cases())
    w.split_act.trigger()
    wait_idle(qtbot, w)
    qtbot.waitUntil(lambda: len(w.cases.model.cases()) == before + 1, timeout=5000)
    new_ref = w.undo_stack.command(0).new_ref
    assert new_ref and new_ref != seeded.sophie
    qtbot.waitUntil(lambda: w.case.ref == new_ref, timeout=5000)
    assert w.case.messages_model.rowCount() == 1
    w.undo_stack.undo()
    wait_idle(qtbot, w)
    qtbot.waitUntil(lambda: w.case.ref == seeded.sophie, timeout=5000)
    assert get_case(library, new_ref).status == "closed"
    qtbot.waitUntil(lambda: w.case.messages_model.rowCount() == last + 1, timeout=5000)
