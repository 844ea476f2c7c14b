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


def test_report_language_follows_the_window_unless_chosen(qtbot, library, seeded):
    from desktop.ui.app import create_app, install_translations
    from tests.ui.conftest import make_window

    app = create_app()
    try:
        install_translations(app, "nl")
        w = make_window(qtbot, library)
        click_case(qtbot, w, seeded.sophie)
        dlg = w.export_case()
        assert dlg.lang.currentData() == "nl"  # a Dutch window: a Dutch PDF, nothing chosen
        dlg.lang.setCurrentIndex(dlg.lang.findData("en"))
        dlg.lang.activated.emit(dlg.lang.currentIndex())  # the handler picks English here
        dlg.close()
        assert w.export_case().lang.currentData() == "en"  # remembered for the Dutch window
        install_translations(app, "en")
        assert w.export_case().lang.currentData() == "en"
        install_translations(app, "nl")
        again = w.export_case()
        again.lang.setCurrentIndex(again.lang.findData("nl"))
        again.lang.activated.emit(again.lang.currentIndex())  # back to the window's own: the default again
        assert w.export_case().lang.currentData() == "nl"
        w.close()
    finally:
        install_translations(app, "en")


def test_missing_originals_stop_the_export_loudly_with_an_option_to_export_anyway(qtbot, window, library, seeded,
                                                                                 tmp_path):
    from pypdf import PdfReader

    from desktop.services.cases import list_media

    w = window
    click_case(qtbot, w, seeded.folder)
    gone = list_media(library, case_ref=seeded.folder)[2]
    assert library.blobs.remove(gone.sha256)
    dlg = w.export_case()
    out = tmp_path / "folder.pdf"
    dlg.path.setText(str(out))
    qtbot.mouseClick(dlg.export_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.anyway_btn.isVisible() or dlg.result is not None, timeout=30000)
    assert dlg.result is None and not out.exists()
    assert "1 original cannot be read" in dlg.status.text() and gone.name in dlg.status.text()
    assert dlg.export_btn.isEnabled()
    qtbot.mouseClick(dlg.anyway_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result is not None or "failed" in dlg.status.text(), timeout=30000)
    assert dlg.result == out and "placeholder" in dlg.status.text()
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "could not be read" in text and gone.name in text
