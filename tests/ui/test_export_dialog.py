"""Export the case file through the dialog: options, progress, then the file is there to open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import click_case


def test_export_pdf_through_the_dialog(qtbot, window, seeded, tmp_path):
    w = window
    click_case(qtbot, w, seeded.sophie)
    qtbot.mouseClick(w.case_view.export_btn, Qt.MouseButton.LeftButton)
    dlg = w.export_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.per_page.setCurrentIndex(dlg.per_page.findData(4))
    dlg.pdfa.setChecked(False)
    out = tmp_path / "out" / "kitchen claim.pdf"
    out.parent.mkdir()
    dlg.path.setText(str(out))
    assert not dlg.open_btn.isVisible()
    qtbot.mouseClick(dlg.export_btn, Qt.MouseButton.LeftButton)
    assert dlg.bar.isVisible() and not dlg.export_btn.isEnabled()
    qtbot.waitUntil(lambda: dlg.result is not None or "failed" in dlg.status.text(), timeout=30000)
    assert dlg.result == out, dlg.status.text()
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 10_000
    assert dlg.open_btn.isVisible() and dlg.folder_btn.isVisible()
    assert str(out) in dlg.status.text()
    options = dlg.options()
    assert options.per_page == 4 and options.pdfa is False
    qtbot.mouseClick(dlg.close_btn, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    # the choices are remembered for the next export
    again = w.export_case()
    assert again.per_page.currentData() == 4 and not again.pdfa.isChecked()
    assert again.path.text().startswith(str(out.parent))
    again.close()
