"""Send it on: "Send case file…" (an e-mail draft with the PDF attached, the case reference in the subject) and
"Ask for more photos…" (a short request to the customer, in English or Dutch). The draft (.eml) is written by
``services.sendon`` and opened in the system's mail program; nothing is sent from Casedesk.
CLI twins: ``casedesk send REF -o FILE.eml`` and ``casedesk ask-photos REF -o FILE.eml``."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.services.customer_export import customer_language
from desktop.services.library import Library
from desktop.services.sendon import Draft, ask_for_photos, send_case_file
from desktop.ui.errors import user_message
from desktop.ui.labels import window_language
from desktop.ui.shown import shown
from desktop.ui.tasks import JOBS, WRITER, Task, TaskRunner
from desktop.ui.views.sendon_view import SendOnView

CASE_FILE, ASK_PHOTOS = "case-file", "ask-photos"


def open_in_mail_program(path: Path) -> bool:
    """Hand the .eml to the desktop: mail programs open it as a draft (``X-Unsent: 1``)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SendOnDialog(SendOnView):
    written = Signal(str)

    def __init__(self, runner: TaskRunner, lib: Library, mode: str, ref: str, title: str = "",
                 customer=None, parent: QWidget | None = None) -> None:  # noqa: ANN001 - a CustomerInfo or None
        super().__init__(parent)
        self.runner, self.lib, self.mode, self.ref = runner, lib, mode, ref
        self.task: Task | None = None
        self.draft: Draft | None = None
        safe = re.sub(r"[^\w.-]+", "_", ref)
        folder = Path(str(QSettings().value("sendon/folder", str(Path.home()))))
        if mode == CASE_FILE:
            self.setWindowTitle(self.tr("Send the case file"))
            self.heading.setText(shown(self.tr("Case file of %1 %2").replace("%1", ref)
                                       .replace("%2", f"· {title}" if title else "")))
            self.explain.setText(self.tr("Casedesk writes an e-mail draft with the PDF case file attached and the "
                                         "case reference in the subject. Your mail program opens it: check it, "
                                         "then send it yourself."))
            self.to.setPlaceholderText(self.tr("e.g. claims@insurer.example (you can also fill it in later)"))
            self.to.setText(str(QSettings().value("sendon/case_file_to", "")))
            lang = window_language()
            self.path.setText(str(folder / f"{safe} case file.eml"))
        else:
            self.setWindowTitle(self.tr("Ask for more photos"))
            self.heading.setText(self.tr("Ask the customer of %1 for more photos").replace("%1", ref))
            self.explain.setText(self.tr("A short, friendly request for an overview photo, close-ups and the type "
                                         "plate or receipt, in the customer's language. Your mail program opens "
                                         "it: check it, then send it yourself."))
            self.to.setText((customer.email if customer is not None else None) or "")
            self.to.setPlaceholderText(self.tr("the customer's e-mail address"))
            lang = customer_language(customer, lib) if customer is not None else window_language()
            self.path.setText(str(folder / f"{safe} more photos.eml"))
        self.lang.setCurrentIndex(max(0, self.lang.findData(lang)))
        self.browse.clicked.connect(self._browse)
        self.write_btn.clicked.connect(self.start)
        self.open_btn.clicked.connect(self.open_draft)
        self.cancel_btn.clicked.connect(self.cancel)
        self.close_btn.clicked.connect(self.accept)
        self.open_btn.hide()
        self.close_btn.hide()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the e-mail draft"), self.path.text(),
                                              self.tr("E-mail drafts (*.eml)"))
        if path:
            self.path.setText(path if path.lower().endswith(".eml") else path + ".eml")

    def start(self) -> Task | None:
        text = self.path.text().strip()
        to = self.to.text().strip() or None
        if not text:
            self.status.setText(self.tr("Choose where to save the draft."))
            return None
        if self.mode == ASK_PHOTOS and not to:
            self.status.setText(self.tr("The customer's e-mail address is not known: type it in the To field."))
            self.to.setFocus()
            return None
        out = Path(text).expanduser()
        if out.suffix.lower() != ".eml":
            out = out.with_suffix(".eml")
        settings = QSettings()
        settings.setValue("sendon/folder", str(out.parent))
        if self.mode == CASE_FILE:
            settings.setValue("sendon/case_file_to", to or "")
        lib, ref, lang = self.lib, self.ref, str(self.lang.currentData())
        for w in (self.to, self.lang, self.path, self.browse, self.write_btn):
            w.setEnabled(False)
        self.bar.show()
        self.bar.setRange(0, 0)
        if self.mode == CASE_FILE:
            self.status.setText(self.tr("Writing the case file and the draft…"))
            self.task = self.runner.run(
                lambda p, c: send_case_file(lib, ref, out, to=to, lang=lang, progress=p, cancel=c), pool=JOBS,
                progress=True, name="send case file", on_done=self._done, on_error=self._failed)
            self.task.progress.connect(self._progress)
            self.task.cancelled.connect(self._cancelled)
        else:
            self.status.setText(self.tr("Writing the draft…"))
            self.task = self.runner.run(lambda: ask_for_photos(lib, ref, out, to=to, lang=lang), pool=WRITER,
                                        name="ask for photos", on_done=self._done, on_error=self._failed)
        return self.task

    def _progress(self, done: int, total: int, message: str, _calls: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        if message:
            self.status.setText(message)

    def cancel(self) -> None:
        if self.task is not None and not self.task.is_finished:
            self.task.cancel()
            self.status.setText(self.tr("Stopping…"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.task is not None and not self.task.is_finished:
            self.cancel()
            return
        super().reject()

    def _finish_ui(self) -> None:
        self.bar.hide()
        self.cancel_btn.hide()
        self.close_btn.show()

    def _done(self, draft: Draft) -> None:
        self.draft = draft
        self._finish_ui()
        self.open_btn.show()
        self.status.setText(self.tr("Draft written: %1").replace("%1", str(draft.path)))
        self.written.emit(str(draft.path))
        if self.open_after.isChecked() and not open_in_mail_program(draft.path):
            self.status.setText(self.tr("Draft written: %1\nNo mail program opened it; open the file from its "
                                        "folder.").replace("%1", str(draft.path)))

    def _cancelled(self) -> None:
        self._finish_ui()
        self.status.setText(self.tr("Cancelled; no draft was written."))

    def _failed(self, error: BaseException) -> None:
        self._finish_ui()
        for w in (self.to, self.lang, self.path, self.browse, self.write_btn):
            w.setEnabled(True)
        self.close_btn.hide()
        self.cancel_btn.show()
        self.status.setText(self.tr("The draft could not be written:\n%1").replace("%1", user_message(error)))

    def open_draft(self) -> None:
        if self.draft is not None:
            open_in_mail_program(self.draft.path)
