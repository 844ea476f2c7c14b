"""Small drivers shared by the window tests: they click and type like a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.models.case_list_model import Col


def click_case(qtbot, w, ref: str) -> None:  # noqa: ANN001
    """Click the case's row in the list and wait until its page has loaded."""
    row = w.cases.model.row_of(ref)
    assert row >= 0, ref
    idx = w.cases.proxy.mapFromSource(w.cases.model.index(row, Col.REF))
    assert idx.isValid(), f"{ref} is filtered out"
    table = w.case_list.table
    table.scrollTo(idx)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(idx).center())
    wait_case(qtbot, w, ref)


def import_and_open(qtbot, w, folder):  # noqa: ANN001
    """Import ``folder`` through the window's import dialog (one case), then open that case; its report."""
    dlg = w.start_import([folder])
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    report = dlg.report
    [ref] = report.cases
    dlg.close()
    qtbot.waitUntil(lambda: w.cases.model.row_of(ref) >= 0, timeout=5000)
    click_case(qtbot, w, ref)
    return report


def wait_case(qtbot, w, ref: str) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: w.case.bundle is not None and w.case.bundle.case.ref == ref
                    and w.runner.is_idle() or False, timeout=10000)
    qtbot.waitUntil(lambda: w.case.bundle is not None and w.case.bundle.case.ref == ref, timeout=10000)


def wait_idle(qtbot, w, timeout: int = 15000) -> None:  # noqa: ANN001
    qtbot.waitUntil(w.runner.is_idle, timeout=timeout)


def grid_rect(w, row: int):  # noqa: ANN001
    grid = w.case_view.media_tab.grid
    idx = w.media.model.index(row)
    grid.scrollTo(idx)
    return grid.visualRect(idx)
