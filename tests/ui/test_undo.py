"""The window's Edit menu runs on the undo journal: move, merge and split from the window, and edits made
anywhere (another panel, the command line, another desk), each named, undone and redone from the Edit menu."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services import case_edit, duplicates, gap_split, undo
from desktop.services.cases import get_case, list_media
from desktop.services.importing import import_paths
from desktop.services.library import open_library
from tests.gen import jpeg
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
    new_ref = w.undo_stack.command(w.undo_stack.index() - 1).entry.params["new"]
    assert new_ref and new_ref != seeded.sophie
    qtbot.waitUntil(lambda: w.case.ref == new_ref, timeout=5000)
    assert w.case.messages_model.rowCount() == 1
    w.undo_stack.undo()
    wait_idle(qtbot, w)
    qtbot.waitUntil(lambda: w.case.ref == seeded.sophie, timeout=5000)
    assert get_case(library, new_ref).status == "closed"
    qtbot.waitUntil(lambda: w.case.messages_model.rowCount() == last + 1, timeout=5000)


def _menu_text(qtbot, w, name: str) -> str:  # noqa: ANN001
    w.edit_menu.aboutToShow.emit()  # as opening the Edit menu does: the stack is read from the journal
    wait_idle(qtbot, w)
    return _edit_action(w, name).text().replace("&", "")


def test_edits_made_elsewhere_are_named_and_undone_from_the_edit_menu(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    first = list_media(library, case_ref=seeded.folder)[0]
    case_edit.set_media(library, first.id, caption="Roof tiles")  # as the media panel or the CLI does
    case_edit.set_rotation(library, first.id, 90)
    assert _menu_text(qtbot, w, "Undo") == f"Undo Rotate {first.name} to 90°"
    _edit_action(w, "Undo").trigger()
    wait_idle(qtbot, w)
    assert list_media(library, case_ref=seeded.folder)[0].rotation == 0
    assert _menu_text(qtbot, w, "Undo") == f"Undo Caption {first.name}"
    assert _menu_text(qtbot, w, "Redo") == f"Redo Rotate {first.name} to 90°"
    _edit_action(w, "Undo").trigger()
    wait_idle(qtbot, w)
    assert list_media(library, case_ref=seeded.folder)[0].caption is None
    _edit_action(w, "Redo").trigger()
    wait_idle(qtbot, w)
    assert list_media(library, case_ref=seeded.folder)[0].caption == "Roof tiles"
    assert [e.kind for e in undo.history(library, limit=2)] == ["rotate", "caption"]


def test_each_kind_of_case_edit_is_undone_from_the_window(qtbot, window, library, seeded, tmp_path):
    w = window
    click_case(qtbot, w, seeded.folder)
    kept = list_media(library, case_ref=seeded.sophie)
    aside = next(m for m in kept if m.set_aside and m.duplicate_kind == "same")
    note = case_edit.add_note(library, seeded.folder, "Roofer called.")
    edits = [
        ("Set status of", lambda: case_edit.update_case(library, seeded.folder, status="in-progress"),
         lambda: get_case(library, seeded.folder).status == "new"),
        ("Set kind of", lambda: case_edit.update_case(library, seeded.folder, kind="complaint"),
         lambda: get_case(library, seeded.folder).kind == "claim"),
        ("Edit title, policy number of", lambda: case_edit.update_case(library, seeded.folder, title="Roof",
                                                                      policy_ref="P-9"),
         lambda: get_case(library, seeded.folder).title == "Roof storm"),
        ("Edit note on", lambda: case_edit.edit_note(library, note, "Roofer came."),
         lambda: case_edit.list_notes(library, seeded.folder)[0].text == "Roofer called."),
        ("Delete note on", lambda: case_edit.delete_note(library, note),
         lambda: len(case_edit.list_notes(library, seeded.folder)) == 1),
        ("Leave", lambda: case_edit.set_media(library, kept[0].id, included=False),
         lambda: list_media(library, case_ref=seeded.sophie)[0].included),
        ("Restore", lambda: duplicates.restore(library, aside.id),
         lambda: next(m for m in list_media(library, case_ref=seeded.sophie) if m.id == aside.id).set_aside),
        ("Split", lambda: gap_split.split_by_gaps(library, seeded.folder, 0.01),
         lambda: len(list_media(library, case_ref=seeded.folder)) == 6),
    ]
    for label, do, back in edits:
        do()
        assert _menu_text(qtbot, w, "Undo").startswith(f"Undo {label}"), label
        _edit_action(w, "Undo").trigger()
        wait_idle(qtbot, w)
        assert back(), label


def test_an_import_is_undone_from_the_edit_menu(qtbot, window, library, seeded, tmp_path):
    w = window
    for i in range(3):
        jpeg(tmp_path / "Garage" / f"g{i}.jpg", seed=70 + i, taken=f"2026:11:20 10:0{i}:00")
    report = import_paths(library, [tmp_path / "Garage"])
    (ref,) = report.cases
    assert get_case(library, ref).title == "Garage"
    assert _menu_text(qtbot, w, "Undo") == f"Undo Import of 3 files into {ref}"
    _edit_action(w, "Undo").trigger()
    wait_idle(qtbot, w)
    assert list_media(library, case_ref=ref) == [] and get_case(library, ref).status == "closed"
    qtbot.waitUntil(lambda: w.case.ref == ref, timeout=5000)  # the window shows the emptied case


def test_a_refused_undo_is_explained_and_the_menu_reset(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    item = list_media(library, case_ref=seeded.folder)[0].id
    case_edit.move_media(library, [item], seeded.jan)
    assert _menu_text(qtbot, w, "Undo") == f"Undo Move 1 item to {seeded.jan}"
    bram = open_library(seeded.dir, handler="Bram")
    try:
        case_edit.move_media(bram, [item], seeded.sophie)  # another desk moves it again
    finally:
        bram.close()
    _edit_action(w, "Undo").trigger()
    wait_idle(qtbot, w)
    box = next(b for b in w.findChildren(QMessageBox) if b.objectName() == "errorDialog")
    assert "(Bram," in box.text() and "undo that first" in box.text()
    assert "could not be done" in box.text()
    box.close()
    assert {m.id for m in list_media(library, case_ref=seeded.sophie)} >= {item}
    assert _menu_text(qtbot, w, "Undo") == f"Undo Move 1 item to {seeded.jan}"  # still on the stack


def test_edits_made_in_the_window_are_named_and_undone_from_the_edit_menu(qtbot, window, library, seeded):
    """Status, kind, a field, a note, a caption, include/exclude, keeper and restore, each made with the window's
    own controls, then undone with Edit ▸ Undo; every undo is audited."""
    from desktop.services.audit import list_events

    w = window
    click_case(qtbot, w, seeded.sophie)
    d = w.case_view.details
    media = list_media(library, case_ref=seeded.sophie)
    aside = next(m for m in media if m.set_aside and m.duplicate_kind == "same")
    kept_item = next(m for m in media if m.id == aside.duplicate_of_id)

    def status() -> None:
        d.status.setCurrentIndex(d.status.findData("in-progress"))
        d.status.activated.emit(d.status.currentIndex())

    def kind() -> None:
        d.kind.setCurrentIndex(d.kind.findData("complaint"))
        d.kind.activated.emit(d.kind.currentIndex())

    def title() -> None:
        d.title.setText("Kitchen flooded")
        d.title.editingFinished.emit()

    def note() -> None:
        w.case_view.notes_tab.editor.setPlainText("Called the plumber.")
        qtbot.mouseClick(w.case_view.notes_tab.add_btn, Qt.MouseButton.LeftButton)

    steps = [
        ("Set status of", status, lambda: get_case(library, seeded.sophie).status == "new"),
        ("Set kind of", kind, lambda: get_case(library, seeded.sophie).kind == "claim"),
        ("Edit title of", title, lambda: get_case(library, seeded.sophie).title != "Kitchen flooded"),
        ("Add note", note, lambda: case_edit.list_notes(library, seeded.sophie) == []),
        ("Caption", lambda: w.media.set_caption(media[0].id, "Water on the floor"),
         lambda: list_media(library, case_ref=seeded.sophie)[0].caption is None),
        ("Leave", lambda: w.media.set_included(media[0].id, False),
         lambda: list_media(library, case_ref=seeded.sophie)[0].included),
        ("Keep", lambda: duplicates.set_keeper(library, aside.sha256, seeded.sophie),
         lambda: next(m for m in list_media(library, case_ref=seeded.sophie) if m.id == kept_item.id).set_aside
         is False),
        ("Restore", lambda: duplicates.restore(library, aside.id),
         lambda: next(m for m in list_media(library, case_ref=seeded.sophie) if m.id == aside.id).set_aside),
    ]
    undone = 0
    for label, do, back in steps:
        do()
        wait_idle(qtbot, w)
        text = _menu_text(qtbot, w, "Undo")
        assert text.startswith(f"Undo {label}"), (label, text)
        _edit_action(w, "Undo").trigger()
        wait_idle(qtbot, w)
        assert back(), label
        undone += 1
    events = [e for e in list_events(library, case_ref=seeded.sophie) if e.action == "undone"]
    assert len(events) == undone == len(steps)
    assert {e.detail["kind"] for e in events} == {"case-status", "case-kind", "case-fields", "note-add", "caption",
                                                  "exclude", "keeper", "restore"}
