"""Send it on through the window: the drafts are written, parsed back with ``email``, and handed to the system's
mail program (a URL handler stands in for it here, as QDesktopServices offers)."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QDesktopServices

from desktop.services.audit import list_events
from tests.ui.helpers import click_case


class MailProgram(QObject):
    """What the desktop would open: every URL handed to QDesktopServices.openUrl."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot("QUrl")
    def open(self, url) -> None:  # noqa: ANN001
        self.opened.append(url.toLocalFile())


@pytest.fixture
def mail_program():
    handler = MailProgram()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_send_case_file_writes_a_draft_with_the_pdf_and_opens_it(qtbot, window, library, seeded, tmp_path,
                                                                mail_program):
    w = window
    click_case(qtbot, w, seeded.sophie)
    assert w.extra.send_act.isEnabled()
    w.extra.send_act.trigger()
    dlg = w.extra.dialog
    assert dlg is not None and dlg.isVisible() and seeded.sophie in dlg.heading.text()
    assert dlg.lang.currentData() == "en"  # the window's language
    out = tmp_path / "drafts" / "to claims.eml"
    out.parent.mkdir()
    dlg.path.setText(str(out))
    qtbot.keyClicks(dlg.to, "claims@insurer.example")
    qtbot.mouseClick(dlg.write_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.draft is not None or "could not" in dlg.status.text(), timeout=60000)
    assert dlg.draft is not None, dlg.status.text()
    assert mail_program.opened == [str(out)]  # handed to the mail program
    msg = parse(out)
    assert seeded.sophie in msg["Subject"] and msg["To"] == "claims@insurer.example" and msg["X-Unsent"] == "1"
    body = msg.get_body(("plain",)).get_content()
    assert seeded.sophie in body
    (pdf,) = list(msg.iter_attachments())
    assert pdf.get_content_type() == "application/pdf" and pdf.get_filename() == f"{seeded.sophie}.pdf"
    assert pdf.get_content()[:5] == b"%PDF-"
    assert str(out) in dlg.status.text() and dlg.open_btn.isVisible()
    events = [e for e in list_events(library, seeded.sophie) if e.action == "draft-written"]
    assert events and events[-1].detail["to"] == "claims@insurer.example"


def test_ask_for_more_photos_in_dutch_to_the_customer(qtbot, window, seeded, tmp_path, mail_program):
    w = window
    click_case(qtbot, w, seeded.sophie)
    w.extra.ask_photos_act.trigger()
    dlg = w.extra.dialog
    out = tmp_path / "ask.eml"
    dlg.path.setText(str(out))
    dlg.to.clear()  # the chat gave no e-mail address: the dialog asks for one
    qtbot.mouseClick(dlg.write_btn, Qt.MouseButton.LeftButton)
    assert "e-mail address" in dlg.status.text() and not out.exists()
    qtbot.keyClicks(dlg.to, "sophie@example.nl")
    dlg.lang.setCurrentIndex(dlg.lang.findData("nl"))
    dlg.open_after.setChecked(False)
    qtbot.mouseClick(dlg.write_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.draft is not None or "could not" in dlg.status.text(), timeout=20000)
    msg = parse(out)
    assert msg["To"] == "sophie@example.nl" and seeded.sophie in msg["Subject"]
    assert msg["Subject"].startswith("Uw dossier")
    assert "foto" in msg.get_body(("plain",)).get_content()
    assert not list(msg.iter_attachments())
    assert mail_program.opened == []  # not asked to open it
    qtbot.mouseClick(dlg.open_btn, Qt.MouseButton.LeftButton)
    assert mail_program.opened == [str(out)]
