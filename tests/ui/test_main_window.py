"""The main window on a real library: the case list with SLA, filters, search, a case's page and its edits."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.services.case_edit import list_notes
from desktop.services.cases import get_case
from desktop.ui.models.case_list_model import CASE_ROLE, SLA_ROLE, Col, Sla
from tests.ui.helpers import click_case, wait_idle


def _sla_text(w, ref: str) -> str:  # noqa: ANN001
    row = w.cases.model.row_of(ref)
    return w.cases.model.index(row, Col.SLA).data()


def test_case_list_shows_overdue_first_answer_in_red(window):
    w = window
    sophie = w.cases.model.row_of(window.cases.model.cases()[0].ref)
    assert sophie >= 0
    overdue = [c for c in w.cases.model.cases() if c.customer]
    assert {c.customer for c in overdue} == {"Sophie Bakker", "Jan de Vries"}
    for c in overdue:  # their last messages are days old and unanswered
        idx = w.cases.model.index(w.cases.model.row_of(c.ref), Col.SLA)
        assert idx.data(SLA_ROLE) == Sla.OVERDUE
        assert idx.data().startswith("Overdue")
        assert idx.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    # sorted by urgency: overdue cases on top
    top = w.cases.proxy.index(0, Col.REF).data(CASE_ROLE)
    assert top.customer is not None
    assert "overdue" in w.case_list.count.text()


def test_open_a_case_by_clicking_shows_customer_history_messages_and_media(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    b = w.case.bundle
    assert w.case_view.stack.currentIndex() == 1
    assert seeded.sophie in w.case_view.heading.text()
    assert w.case_view.details.cust_name.text() == "Sophie Bakker"
    assert w.media.model.rowCount() == 5
    assert w.case.messages_model.rowCount() == len(b.messages) >= 7
    assert w.case_view.tabs.tabText(0) == "Media (5)"
    history = [w.case_view.details.history.item(i).text() for i in range(w.case_view.details.history.count())]
    assert len(history) == 1 and seeded.sophie in history[0]
    assert w.case_view.alert.isVisible()  # the same picture is in Jan's case


def test_status_filter_and_search_across_notes_and_messages(qtbot, window, seeded):
    w = window
    search = w.case_list.search
    def shown() -> list[str]:
        return [w.cases.proxy.index(r, Col.REF).data() for r in range(w.cases.proxy.rowCount())]

    qtbot.keyClicks(search, "plumber")  # only in one of Sophie's chat messages
    qtbot.waitUntil(lambda: shown() == [seeded.sophie], timeout=5000)
    search.clear()
    qtbot.keyClicks(search, "roof storm")  # a title
    qtbot.waitUntil(lambda: shown() == [seeded.folder], timeout=5000)
    search.clear()
    qtbot.waitUntil(lambda: w.cases.proxy.rowCount() == 3, timeout=5000)
    combo = w.case_list.status_filter
    combo.setCurrentIndex(combo.findData("closed"))
    assert w.cases.proxy.rowCount() == 0
    combo.setCurrentIndex(combo.findData("new"))
    assert w.cases.proxy.rowCount() == 3


def test_edit_case_fields_status_and_answered(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    d = w.case_view.details
    d.title.selectAll()
    qtbot.keyClicks(d.title, "Flooded kitchen")
    qtbot.keyClick(d.title, Qt.Key.Key_Return)
    d.policy.setFocus()
    qtbot.keyClicks(d.policy, "POL-778812")
    qtbot.keyClick(d.policy, Qt.Key.Key_Tab)
    d.status.setFocus()
    qtbot.keyClick(d.status, Qt.Key.Key_Down)  # new -> in progress
    wait_idle(qtbot, w)
    c = get_case(library, seeded.sophie)
    assert (c.title, c.policy_ref, c.status) == ("Flooded kitchen", "POL-778812", "in-progress")
    qtbot.waitUntil(lambda: w.cases.case(seeded.sophie).status == "in-progress", timeout=5000)
    # answering the customer clears the red state
    qtbot.mouseClick(d.answered, Qt.MouseButton.LeftButton, pos=QPoint(8, d.answered.height() // 2))
    qtbot.waitUntil(lambda: _sla_text(w, seeded.sophie) == "Answered", timeout=5000)
    assert get_case(library, seeded.sophie).answered_at is not None
    qtbot.waitUntil(lambda: w.case_view.sla.text() == "Answered", timeout=5000)


def test_write_a_note(qtbot, window, library, seeded):
    w = window
    click_case(qtbot, w, seeded.folder)
    w.case_view.tabs.setCurrentWidget(w.case_view.notes_tab)
    tab = w.case_view.notes_tab
    qtbot.keyClicks(tab.editor, "Called the customer, roofer visits Monday.")
    qtbot.mouseClick(tab.add_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.notes.count() == 1, timeout=5000)
    assert "roofer visits Monday" in tab.notes.item(0).text()
    assert tab.editor.toPlainText() == ""
    assert [n.text for n in list_notes(library, seeded.folder)] == ["Called the customer, roofer visits Monday."]
    # the note is searchable from the case list
    qtbot.keyClicks(w.case_list.search, "roofer")
    qtbot.waitUntil(lambda: w.cases.proxy.rowCount() == 1
                    and w.cases.proxy.index(0, Col.REF).data() == seeded.folder, timeout=5000)


def test_alert_jumps_to_the_other_case(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.jan)
    qtbot.mouseClick(w.case_view.alert, Qt.MouseButton.LeftButton)
    assert w.case_view.tabs.currentWidget() is w.case_view.duplicates
    from desktop.ui.views.duplicates_view import QPushButton

    qtbot.waitUntil(lambda: bool(w.case_view.duplicates.alerts.findChildren(QPushButton)), timeout=5000)
    jump = w.case_view.duplicates.alerts.findChildren(QPushButton)[0]
    assert seeded.sophie in jump.text()
    qtbot.mouseClick(jump, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.case.ref == seeded.sophie, timeout=5000)
    assert w.cases.selected_ref() == seeded.sophie





def test_the_main_window_talks_to_controllers_not_to_their_widgets():
    """One controller shape: controllers hold their views; the main window calls their methods and signals."""
    import ast
    from pathlib import Path

    import desktop.ui.main_window as mw

    tree = ast.parse(Path(mw.__file__).read_text(encoding="utf-8"))
    controllers = {"cases", "case", "media", "dups", "problems_panel", "empty_state", "journal"}
    reach = []
    for node in ast.walk(tree):
        # self.<controller>.view / .model / ._anything: a controller's insides
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name) and node.value.value.id == "self"
                and node.value.attr in controllers and (node.attr in ("view", "model") or node.attr.startswith("_"))):
            reach.append(f"self.{node.value.attr}.{node.attr} (line {node.lineno})")
        # self.case_view.<widget>.<...>: a widget inside a view, used beyond handing it to its controller
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Attribute) and node.value.value.attr in ("case_view",
                                                                                              "case_list")):
            reach.append(f"{node.value.value.attr}.{node.value.attr}.{node.attr} (line {node.lineno})")
    assert reach == []
