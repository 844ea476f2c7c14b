"""Case › History…, Case › Second opinions…, and an edit another handler saved first, on a real library."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services import case_edit
from desktop.services.cases import get_case
from desktop.services.library import open_library
from desktop.services.opinions import list_opinions
from tests.ui.helpers import click_case, wait_case, wait_idle


def test_history_lists_the_audit_trail_and_the_undoable_actions(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    w.viewer.show_row(0)
    w.viewer.rotate(90)
    wait_idle(qtbot, w)
    w.extra.history_act.trigger()
    dlg = w.extra.dialog
    panel = dlg.panel
    qtbot.waitUntil(lambda: panel.audit.rowCount() > 0 and "Reading" not in panel.note.text(), timeout=10000)
    whats = [panel.audit.item(r, 2).text() for r in range(panel.audit.rowCount())]
    assert "Imported" in whats and whats[-1] == "Item turned"
    assert panel.audit.item(panel.audit.rowCount() - 1, 1).text() == library.handler
    assert "degrees 90" in panel.audit.item(panel.audit.rowCount() - 1, 3).text()
    assert panel.journal.rowCount() >= 1
    assert any("90" in panel.journal.item(r, 2).text() for r in range(panel.journal.rowCount()))
    qtbot.keyClicks(panel.filter, "turned")
    shown = [r for r in range(panel.audit.rowCount()) if not panel.audit.isRowHidden(r)]
    assert [panel.audit.item(r, 2).text() for r in shown] == ["Item turned"]
    dlg.close()


def test_second_opinion_asked_and_answered_in_the_window(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    w.extra.opinions_act.trigger()
    dlg = w.extra.dialog
    qtbot.waitUntil(lambda: dlg.list.count() == 1, timeout=5000)
    assert not dlg.answer_btn.isEnabled()
    qtbot.keyClicks(dlg.to, "bob")
    qtbot.keyClicks(dlg.question, "Is the parquet damage older than the flood?")
    qtbot.mouseClick(dlg.ask_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dlg.opinions) == 1, timeout=5000)
    assert "bob" in dlg.list.item(0).text() and "Not answered yet" in dlg.list.item(0).text()
    (asked,) = list_opinions(library, case_ref=seeded.sophie)
    assert asked.asked_by == library.handler and asked.asked_to == "bob"
    # bob answers on his desk (the same database)
    dlg.list.setCurrentRow(0)
    assert dlg.answer_btn.isEnabled()
    qtbot.keyClicks(dlg.answer, "No: the boards swelled this week.")
    qtbot.mouseClick(dlg.answer_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.opinions and not dlg.opinions[0].open, timeout=5000)
    assert "the boards swelled" in dlg.list.item(0).text()
    assert not dlg.answer_btn.isEnabled()
    (done,) = list_opinions(library, case_ref=seeded.sophie)
    assert done.answer == "No: the boards swelled this week."


def test_a_case_saved_meanwhile_elsewhere_is_explained_and_reloaded(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    other = open_library(library.paths.data_dir, handler="bob")
    try:
        case_edit.update_case(other, seeded.sophie, status="waiting-for-customer")  # bob, on his desk, meanwhile
    finally:
        other.close()
    d = w.case_view.details
    d.kind.setCurrentIndex(d.kind.findData("complaint"))
    d.kind.activated.emit(d.kind.currentIndex())  # our edit, on the version we saw
    qtbot.waitUntil(lambda: w.extra.conflict_box is not None, timeout=5000)
    box = w.extra.conflict_box
    assert box.isVisible() and "Someone else saved this case" in box.text()
    assert "bob" in box.informativeText() and "was not saved" in box.informativeText()
    assert get_case(library, seeded.sophie).kind != "complaint"  # nothing of ours was saved
    wait_case(qtbot, w, seeded.sophie)
    qtbot.waitUntil(lambda: w.case.bundle.case.status == "waiting-for-customer", timeout=5000)  # their values, shown
    box.close()
    # the next edit is made on the fresh version, and saved
    d.kind.setCurrentIndex(d.kind.findData("complaint"))
    d.kind.activated.emit(d.kind.currentIndex())
    wait_idle(qtbot, w)
    assert get_case(library, seeded.sophie).kind == "complaint"
    d.status.setCurrentIndex(d.status.findData("closed"))
    d.status.activated.emit(d.status.currentIndex())  # two saves in a row: no conflict with ourselves
    wait_idle(qtbot, w)
    assert get_case(library, seeded.sophie).status == "closed"
