"""Customer › Export data… and Customer › Erase… on a real library: the ZIP holds this customer only; erasure says
what goes, refuses with the reason while a case is open or held, asks for a legal basis within the retention
period, and leaves a receipt."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtCore import Qt

from desktop.services import case_edit
from desktop.services.cases import list_customers
from desktop.services.retention import hold_case
from tests.ui.conftest import JAN, SOPHIE
from tests.ui.helpers import click_case, wait_idle


def test_export_the_customers_data_from_the_customer_menu(qtbot, window, library, seeded, tmp_path):
    w = window
    click_case(qtbot, w, seeded.sophie)
    assert w.extra.customer_export_act.isEnabled()
    w.extra.customer_export_act.trigger()
    dlg = w.extra.dialog
    assert SOPHIE in dlg.heading.text()
    out = tmp_path / "sophie.zip"
    dlg.path.setText(str(out))
    qtbot.mouseClick(dlg.export_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result is not None or "failed" in dlg.status.text(), timeout=60000)
    assert dlg.result is not None, dlg.status.text()
    assert str(out) in dlg.status.text() and dlg.folder_btn.isVisible()
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        data = json.loads(z.read("data.json"))
    assert "summary.pdf" in names and any(n.startswith("originals/") for n in names)
    assert data["customer"]["name"] == SOPHIE
    assert JAN not in json.dumps(data)
    assert [c["ref"] for c in data["cases"]] == [seeded.sophie]


def test_erase_refused_while_open_or_held_and_done_with_a_basis(qtbot, window, library, seeded, tmp_path):
    w = window
    click_case(qtbot, w, seeded.sophie)
    w.extra.customer_erase_act.trigger()
    dlg = w.extra.dialog
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=10000)
    assert f"{dlg.preview.counts['media']} media item(s)" in dlg.what.text()
    assert SOPHIE in dlg.what.text()
    assert dlg.refused.isVisible() and "still open" in dlg.refused.text()
    assert not dlg.erase_btn.isEnabled() and not dlg.reason.isEnabled()
    dlg.close()
    # a legal hold: refused, with the reason
    case_edit.update_case(library, seeded.sophie, status="closed")
    hold_case(library, seeded.sophie, "court case 2026/113")
    w.refresh()
    wait_idle(qtbot, w)
    w.extra.customer_erase_act.trigger()
    dlg = w.extra.dialog
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=10000)
    assert "legal hold" in dlg.refused.text() and "court case 2026/113" in dlg.refused.text()
    assert not dlg.erase_btn.isEnabled()
    dlg.close()
    # released, closed today: within the retention period; a legal basis lifts it
    from desktop.services.retention import release_case

    release_case(library, seeded.sophie)
    w.extra.customer_erase_act.trigger()
    dlg = w.extra.dialog
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=10000)
    assert "retention period" in dlg.refused.text() and dlg.basis.isVisible()
    qtbot.keyClicks(dlg.reason, "asked by e-mail")
    dlg.confirm.setChecked(True)
    assert not dlg.erase_btn.isEnabled()  # no basis yet
    qtbot.keyClicks(dlg.basis, "GDPR art. 17(1)(b)")
    assert dlg.erase_btn.isEnabled()
    qtbot.mouseClick(dlg.erase_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.receipt is not None or "Nothing was erased" in dlg.status.text(), timeout=60000)
    assert dlg.receipt is not None, dlg.status.text()
    assert dlg.receipt.basis == "GDPR art. 17(1)(b)" and dlg.receipt.counts["media"] == dlg.preview.counts["media"] > 0
    assert "Erased" in dlg.status.text()
    saved = dlg.save_receipt(str(tmp_path / "receipt.json"))
    assert json.loads(saved.read_text())["customer"] == dlg.customer.id
    assert SOPHIE not in [c.name for c in list_customers(library)]
    assert JAN in [c.name for c in list_customers(library)]


def test_the_refusal_is_said_in_dutch_in_a_dutch_window(qtbot, library, seeded):
    from desktop.ui.app import create_app, install_translations
    from tests.ui.conftest import make_window

    app = create_app()
    try:
        install_translations(app, "nl")
        w = make_window(qtbot, library)
        click_case(qtbot, w, seeded.sophie)
        assert w.extra.customer_erase_act.text() == "&Wissen…"
        w.extra.customer_erase_act.trigger()
        dlg = w.extra.dialog
        qtbot.waitUntil(lambda: dlg.preview is not None, timeout=10000)
        assert dlg.windowTitle() == "Klant wissen" and "definitief" in dlg.heading.text()
        assert f"zaak {seeded.sophie} is nog open (nieuw); sluit die eerst af" in dlg.refused.text()
        dlg.close()
        w.close()
    finally:
        install_translations(app, "en")
