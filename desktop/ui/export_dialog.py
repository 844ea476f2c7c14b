"""Export the case file: PDF options, output file, progress with cancel, then "open the file".

The report language is the window's unless the handler picks another one here (remembered per window language).
An export that cannot read an original stops and names it (``MissingOriginals``); "Export anyway" writes the PDF
with a placeholder for each, as ``casedesk export --allow-missing`` does."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.errors import MissingOriginals
from desktop.report.data import ReportOptions
from desktop.services.exporting import export_case
from desktop.services.library import Library
from desktop.ui.errors import user_message
from desktop.ui.labels import window_language
from desktop.ui.shown import shown
from desktop.ui.tasks import JOBS, Task, TaskRunner
from desktop.ui.views.export_view import ExportView


class ExportDialog(ExportView):
    exported = Signal(str)

    def __init__(self, runner: TaskRunner, lib: Library, ref: str, title: str = "", language: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.lib, self.ref = runner, lib, ref
        self.task: Task | None = None
        self.result: Path | None = None
        self.heading.setText(shown(self.tr("Case %1 %2").replace("%1", ref).replace("%2", f"· {title}" if title else "")))
        for n in (1, 2, 4):
            self.per_page.addItem(self.tr("%n photo(s) per page", "", n), n)
        self.lang.addItem("English", "en")
        self.lang.addItem("Nederlands", "nl")
        settings = QSettings()
        self.per_page.setCurrentIndex(max(0, self.per_page.findData(int(settings.value("export/per_page", 2)))))
        # the window's language: the caller's ``language`` is only a hint from before the window knew its own
        self.window_lang = window_language()
        chosen = settings.value(f"export/lang_chosen_{self.window_lang}", "")
        self.lang.setCurrentIndex(max(0, self.lang.findData(chosen or self.window_lang)))
        self.lang.activated.connect(self._lang_chosen)
        self.missing: list[tuple[str, str]] = []
        self.allowed_missing = False
        self.duplicates.setChecked(settings.value("export/duplicates", True) in (True, "true"))
        self.redact.setChecked(settings.value("export/redact", False) in (True, "true"))
        self.redact_faces.setChecked(settings.value("export/redact_faces", False) in (True, "true"))
        self.with_audit.setChecked(settings.value("export/with_audit", False) in (True, "true"))
        self.pdfa.setChecked(settings.value("export/pdfa", True) in (True, "true"))
        folder = Path(str(settings.value("export/folder", str(Path.home()))))
        safe = re.sub(r"[^\w.-]+", "_", ref)
        self.path.setText(str(folder / f"{safe}.pdf"))
        self.browse.clicked.connect(self._browse)
        self.export_btn.clicked.connect(lambda: self.start())
        self.anyway_btn.clicked.connect(lambda: self.start(allow_missing=True))
        self.anyway_btn.hide()
        self.cancel_btn.clicked.connect(self.cancel)
        self.close_btn.clicked.connect(self.accept)
        self.open_btn.clicked.connect(self.open_file)
        self.folder_btn.clicked.connect(self.open_folder)
        self.open_btn.hide()
        self.folder_btn.hide()
        self.close_btn.hide()

    def options(self) -> ReportOptions:
        return ReportOptions(per_page=int(self.per_page.currentData()), with_duplicates=self.duplicates.isChecked(),
                             redact=self.redact.isChecked(), redact_faces=self.redact_faces.isChecked(),
                             with_audit=self.with_audit.isChecked(), lang=str(self.lang.currentData()),
                             pdfa=self.pdfa.isChecked())

    def _lang_chosen(self, _index: int) -> None:
        """The handler picked a language: remember it for this window language (the window's own: forget)."""
        code = str(self.lang.currentData())
        QSettings().setValue(f"export/lang_chosen_{self.window_lang}", "" if code == self.window_lang else code)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the case file"), self.path.text(),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def start(self, allow_missing: bool = False) -> Task | None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the PDF."))
            return None
        out = Path(text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        options = self.options()
        settings = QSettings()
        settings.setValue("export/per_page", options.per_page)
        settings.setValue("export/duplicates", options.with_duplicates)
        settings.setValue("export/redact", options.redact)
        settings.setValue("export/redact_faces", options.redact_faces)
        settings.setValue("export/with_audit", options.with_audit)
        settings.setValue("export/pdfa", options.pdfa)
        settings.setValue("export/folder", str(out.parent))
        lib, ref = self.lib, self.ref
        self._set_inputs(False)
        self.allowed_missing = allow_missing
        self.anyway_btn.hide()
        self.cancel_btn.show()
        self.cancel_btn.setEnabled(True)
        self.close_btn.hide()
        self.bar.show()
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Writing the case file…"))
        self.task = self.runner.run(
            lambda p, c: export_case(lib, ref, out, options, progress=p, cancel=c, allow_missing=allow_missing),
            pool=JOBS, progress=True, name="export", on_done=self._done, on_error=self._failed)
        self.task.progress.connect(self._progress)
        self.task.cancelled.connect(self._cancelled)
        return self.task

    def _set_inputs(self, enabled: bool) -> None:
        for w in (self.per_page, self.lang, self.duplicates, self.redact, self.redact_faces, self.with_audit,
                  self.pdfa, self.path, self.browse, self.export_btn):
            w.setEnabled(enabled)

    def _progress(self, done: int, total: int, message: str, _calls: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        if message:
            self.status.setText(message)

    def cancel(self) -> None:
        if self.task is not None and not self.task.is_finished:
            self.task.cancel()
            self.status.setText(self.tr("Stopping…"))
            self.cancel_btn.setEnabled(False)
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

    def _done(self, path: Path) -> None:
        self.result = path
        self.status.setStyleSheet("")
        self._finish_ui()
        self.status.setText(self.tr("Saved: %1").replace("%1", str(path)))
        if self.allowed_missing and self.missing:
            self.status.setText(self.status.text() + "\n" + self.tr(
                "%n original(s) could not be read: the PDF shows a placeholder and names them on the cover.", "",
                len(self.missing)))
        self.open_btn.show()
        self.folder_btn.show()
        self.open_btn.setDefault(True)
        self.exported.emit(str(path))

    def _cancelled(self) -> None:
        self._finish_ui()
        self.status.setText(self.tr("The export was cancelled; no file was written."))

    def _failed(self, error: BaseException) -> None:
        self._finish_ui()
        if isinstance(error, MissingOriginals):
            self.missing = list(error.missing)
            names = shown("\n".join(f"• {name}" for name, _sha in self.missing[:8]))
            more = (self.tr("… and %n more", "", len(self.missing) - 8) if len(self.missing) > 8 else "")
            self.status.setText(self.tr("Not exported: %n original(s) cannot be read from the store of "
                                        "originals:", "", len(self.missing)) + f"\n{names}\n{more}".rstrip()
                                + "\n" + self.tr("Nothing was written. Import them again, or export anyway: "
                                                  "the PDF then shows a placeholder for each and names them on "
                                                  "the cover."))
            self.status.setStyleSheet("color: #b3261e;")
            self.anyway_btn.show()
            self._set_inputs(True)
            return
        self.status.setText(self.tr("The export failed:\n%1").replace("%1", user_message(error)))

    def open_file(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result)))

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.parent)))
