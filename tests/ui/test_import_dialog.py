"""Import through the window: drop files, choose where they go (one new case or a picked case), watch progress,
cancel, read the summary of the files with a problem."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.services.cases import list_cases, list_media
from tests.gen import jpeg
from tests.ui.helpers import click_case, wait_idle
from tests.ui.media import photo_folder


def drop(widget, paths: list[Path], pos: QPoint | None = None) -> None:  # noqa: ANN001
    """What the window receives when files are dragged from the file manager and released on it."""
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    at = QPointF(pos if pos is not None else widget.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at.toPoint(), actions, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(at, actions, md, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


def test_drop_a_folder_imports_with_progress_and_lists_rejected_files(qtbot, empty_window, empty_library, tmp_path):
    w = empty_window
    folder = photo_folder(tmp_path / "Kitchen photos", 12, seed=200)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    progress = []
    assert w.is_empty_library()
    drop(w, [folder])
    dlg = w.import_dialog
    assert dlg is not None and dlg.isVisible()
    assert not dlg.asks_target  # no case to pick in an empty library: one new case at once
    dlg.task.progress.connect(lambda *a: progress.append(a))
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    assert progress and progress[-1][0] == progress[-1][1]  # the bar reached its end
    v = dlg.view
    assert dlg.report.imported == 13 and len(dlg.report.cases) == 1  # the broken one is kept too, as other
    assert "13 files imported" in v.summary.text()
    rejected = {v.rejected.item(r, 0).text(): v.rejected.item(r, 1).text() for r in range(v.rejected.rowCount())}
    assert any("broken.jpg" in k for k in rejected) and all(rejected.values())
    assert w.problems.isVisible() and w.problems_panel.count() == len(rejected)
    # the new case appears in the list and opens from the summary
    qtbot.mouseClick(v.open_case_btn, Qt.MouseButton.LeftButton)
    ref = dlg.report.cases[0]
    qtbot.waitUntil(lambda: w.case.ref == ref and w.media.model.rowCount() == 13, timeout=10000)
    assert len(list_cases(empty_library)) == 1
    assert w.cases.model.case_at(0).title == "Kitchen photos"  # titled from the folder
    qtbot.waitUntil(lambda: not w.is_empty_library(), timeout=5000)


def test_cancel_an_import_leaves_the_library_as_before(qtbot, empty_window, empty_library, tmp_path):
    w = empty_window
    folder = photo_folder(tmp_path / "many", 80, seed=500, size=(1600, 1200))
    dlg = w.start_import([folder])
    assert dlg is not None
    v = dlg.view
    with qtbot.waitSignal(dlg.task.progress, timeout=10000):
        pass
    qtbot.waitUntil(lambda: "processed" in v.count.text(), timeout=10000)
    assert v.current.text()  # the current file is named
    qtbot.mouseClick(v.cancel_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    assert dlg.report.cancelled
    assert "cancelled" in v.summary.text()
    assert list_cases(empty_library) == [] and list_media(empty_library) == []
    qtbot.mouseClick(v.close_btn, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    wait_idle(qtbot, w)


def test_drop_on_an_open_case_imports_into_that_case(qtbot, window, library, seeded, tmp_path):
    w = window
    click_case(qtbot, w, seeded.folder)
    before = w.media.model.rowCount()
    folder = photo_folder(tmp_path / "more", 3, seed=900)
    drop(w.case_view, [folder])
    dlg = w.import_dialog
    assert not dlg.asks_target  # a drop on a case means that case
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    assert dlg.report.cases == [seeded.folder]
    qtbot.waitUntil(lambda: w.media.model.rowCount() == before + 3, timeout=10000)
    assert len(list_media(library, case_ref=seeded.folder)) == before + 3


def test_drop_on_a_row_of_the_case_list_imports_into_that_case(qtbot, window, library, seeded, tmp_path):
    w = window
    folder = photo_folder(tmp_path / "for-jan", 2, seed=950)
    table = w.case_list.table
    row = w.cases.proxy.mapFromSource(w.cases.model.index(w.cases.model.row_of(seeded.jan), 1))
    drop(table.viewport(), [folder], table.visualRect(row).center())
    dlg = w.import_dialog
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    assert dlg.report.cases == [seeded.jan]
    assert len(list_media(library, case_ref=seeded.jan)) == 4


def test_import_into_a_case_picked_in_the_dialog(qtbot, window, library, seeded, tmp_path):
    w = window
    folder = photo_folder(tmp_path / "Jan extra", 3, seed=960)
    dlg = w.start_import([folder])
    v = dlg.view
    assert dlg.asks_target and v.new_case.isChecked()  # one new case unless the handler says otherwise
    qtbot.waitUntil(lambda: v.cases.count() >= 3, timeout=5000)
    assert not v.import_btn.text().startswith("Import into")  # a new case until one is picked
    # the search finds Jan's case by his name; open cases first, each with its customer
    qtbot.keyClicks(v.search, "jan de")
    qtbot.waitUntil(lambda: v.cases.count() == 1, timeout=5000)
    assert v.picked_case.isChecked() and seeded.jan in v.cases.item(0).text()
    assert "Jan de Vries" in v.cases.item(0).text()
    qtbot.waitUntil(lambda: v.import_btn.text() == f"Import into {seeded.jan}", timeout=5000)
    qtbot.mouseClick(v.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    assert dlg.report.cases == [seeded.jan]
    assert len(list_media(library, case_ref=seeded.jan)) == 5
    assert len(list_cases(library)) == 3  # no new case


def test_a_search_without_match_says_so_and_a_new_case_stays_possible(qtbot, window, tmp_path):
    w = window
    dlg = w.start_import([photo_folder(tmp_path / "x", 1, seed=970)])
    v = dlg.view
    qtbot.keyClicks(v.search, "nobody-by-this-name")
    qtbot.waitUntil(lambda: "No case matches" in v.pick_state.text(), timeout=5000)
    assert not v.import_btn.isEnabled()  # "a case I choose" without a case
    v.new_case.click()
    assert v.import_btn.isEnabled()
    dlg.close()


def test_a_folder_into_one_new_case_from_the_dialog(qtbot, window, library, tmp_path):
    w = window
    for i in range(4):  # four days of photos: still one case, named after the folder
        jpeg(tmp_path / "Hotel Sol" / f"p{i}.jpg", seed=980 + i, taken=f"2026:08:{10 + i:02d} 10:00:00")
    dlg = w.start_import([tmp_path / "Hotel Sol"])
    assert dlg.asks_target and v_text(dlg) == "Import"
    qtbot.mouseClick(dlg.view.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    (ref,) = dlg.report.cases
    case = next(c for c in list_cases(library) if c.ref == ref)
    assert case.title == "Hotel Sol" and case.media == 4


def v_text(dlg) -> str:  # noqa: ANN001
    return dlg.view.import_btn.text()
