"""Customer › Export data… (GDPR art. 15: ``services.customer_export``, CLI ``casedesk customer export``) and
Customer › Erase… (art. 17: ``services.erasure``, CLI ``casedesk customer erase``, ``--dry-run`` for the preview).

The erase dialog first reads what an erasure would cover and why it would be refused (open case, legal hold,
retention period); it says so before anything can be done, and erases only with a reason and a confirmation
(and a legal basis within the retention period). Erasure cannot be undone; its receipt can be saved."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.records import CustomerInfo
from desktop.core.retention import ErasureRefused
from desktop.core.rights import ErasureReceipt
from desktop.services.customer_export import CustomerExport, customer_language, export_customer
from desktop.services.erasure import ErasurePreview, erase_customer, erasure_preview
from desktop.services.library import Library
from desktop.ui.errors import user_message
from desktop.ui.labels import fmt_size, kind_label, status_label
from desktop.ui.shown import shown
from desktop.ui.tasks import INTERACTIVE, JOBS, Task, TaskRunner
from desktop.ui.views.customer_view import CustomerEraseView, CustomerExportView

_HOLD = re.compile(r"case (\S+) is under a legal hold \((.*)\); release it first")
_OPEN = re.compile(r"case (\S+) is still open \((.+)\); close it first")
_KEPT = re.compile(r"case (\S+) is within its retention period until (\S+) \((\S+): (\d+) years after closing\)")


def reason_text(reason: str) -> str:
    """A refusal reason of ``core.retention`` in the window's language (unknown ones as they are)."""
    if m := _HOLD.match(reason):
        return (QCoreApplication.translate("CustomerEraseDialog", "case %1 is under a legal hold (%2); lift the hold first")
                .replace("%1", m[1]).replace("%2", m[2]))
    if m := _OPEN.match(reason):
        return (QCoreApplication.translate("CustomerEraseDialog", "case %1 is still open (%2); close it first")
                .replace("%1", m[1]).replace("%2", status_label(m[2]).lower()))
    if m := _KEPT.match(reason):
        return (QCoreApplication.translate("CustomerEraseDialog", "case %1 is within its retention period until %2 "
                                                                  "(%3: %4 years after closing)")
                .replace("%1", m[1]).replace("%2", m[2]).replace("%3", kind_label(m[3]).lower()).replace("%4", m[4]))
    return reason


def customer_title(c: CustomerInfo) -> str:
    """The customer as the dialogs' headings name them, ``shown``."""
    return shown(f"{c.name or c.phone or c.email or '—'} (#{c.id})")


class CustomerExportDialog(CustomerExportView):
    exported = Signal(str)

    def __init__(self, runner: TaskRunner, lib: Library, customer: CustomerInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.lib, self.customer = runner, lib, customer
        self.task: Task | None = None
        self.result: CustomerExport | None = None
        self.heading.setText(self.tr("Everything stored on %1").replace("%1", customer_title(customer)))
        self.lang.addItem(self.tr("The customer's (%1)").replace("%1", customer_language(customer, lib)), "")
        self.lang.addItem("English", "en")
        self.lang.addItem("Nederlands", "nl")
        folder = Path(str(QSettings().value("customer_export/folder", str(Path.home()))))
        safe = re.sub(r"[^\w.-]+", "_", customer.name or "customer").strip("_") or "customer"
        self.path.setText(str(folder / f"customer-{customer.id}-{safe}.zip"))
        self.browse.clicked.connect(self._browse)
        self.export_btn.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self.reject)
        self.close_btn.clicked.connect(self.accept)
        self.folder_btn.clicked.connect(self.open_folder)
        self.folder_btn.hide()
        self.close_btn.hide()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the customer's data"), self.path.text(),
                                              self.tr("ZIP files (*.zip)"))
        if path:
            self.path.setText(path if path.lower().endswith(".zip") else path + ".zip")

    def start(self) -> Task | None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the ZIP."))
            return None
        out = Path(text).expanduser()
        if out.suffix.lower() != ".zip":
            out = out.with_suffix(".zip")
        QSettings().setValue("customer_export/folder", str(out.parent))
        lib, cid, lang = self.lib, self.customer.id, str(self.lang.currentData() or "") or None
        for w in (self.lang, self.path, self.browse, self.export_btn):
            w.setEnabled(False)
        self.bar.show()
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Collecting the customer's data…"))
        self.task = self.runner.run(lambda: export_customer(lib, cid, out, lang=lang), pool=JOBS,
                                    name="customer export", on_done=self._done, on_error=self._failed)
        return self.task

    def _done(self, result: CustomerExport) -> None:
        self.result = result
        self.bar.hide()
        self.cancel_btn.hide()
        self.close_btn.show()
        self.folder_btn.show()
        self.status.setText(self.tr("Saved: %1\n%2 · %3 case(s) · %4 original(s). Give it to the customer "
                                    "through a safe channel.")
                            .replace("%1", str(result.file)).replace("%2", fmt_size(result.bytes))
                            .replace("%3", str(len(result.cases))).replace("%4", str(result.originals)))
        self.exported.emit(str(result.file))

    def _failed(self, error: BaseException) -> None:
        self.bar.hide()
        for w in (self.lang, self.path, self.browse, self.export_btn):
            w.setEnabled(True)
        self.status.setText(self.tr("The export failed:\n%1").replace("%1", user_message(error)))

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.file.parent)))


class CustomerEraseDialog(CustomerEraseView):
    erased = Signal(object)  # the ErasureReceipt

    def __init__(self, runner: TaskRunner, lib: Library, customer: CustomerInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.lib, self.customer = runner, lib, customer
        self.preview: ErasurePreview | None = None
        self.receipt: ErasureReceipt | None = None
        self.task: Task | None = None
        self.heading.setText(self.tr("Erase %1 for good?").replace("%1", customer_title(customer)))
        self.what.setText(self.tr("Reading what would be erased…"))
        self.basis.hide()
        self.basis_label.hide()
        self.erase_btn.setEnabled(False)
        self.save_btn.hide()
        self.close_btn.hide()
        for sig in (self.reason.textChanged, self.basis.textChanged, self.confirm.toggled):
            sig.connect(self._update)
        self.erase_btn.clicked.connect(self.erase)
        self.save_btn.clicked.connect(self.save_receipt)
        self.cancel_btn.clicked.connect(self.reject)
        self.close_btn.clicked.connect(self.accept)
        lib_, cid = lib, customer.id
        self.runner.run(lambda: erasure_preview(lib_, cid), pool=INTERACTIVE, name="erasure preview",
                        on_done=self._previewed, on_error=self._failed)

    def _previewed(self, p: ErasurePreview) -> None:
        self.preview = p
        c = p.counts
        who = [x for x in (self.customer.name, self.customer.phone, self.customer.email) if x]
        self.what.setText(self.tr(
            "This erases, for good:\n"
            "• the customer's record: %1\n"
            "• %2 message(s) and %3 media item(s) with their originals and thumbnails (an original that another "
            "customer's case also holds stays)\n"
            "• %4 note(s) on their case(s) %5\n"
            "• their name, phone, e-mail and message texts wherever a copy was kept: case titles, notes, the audit "
            "log's details, the log files.\n"
            "What stays: a tombstone (customer number, when, why, by whom) and the emptied cases as references, "
            "so the audit trail still reads. You get a receipt.")
            .replace("%1", shown(", ".join(who)) or "—").replace("%2", str(c.get("messages", 0)))
            .replace("%3", str(c.get("media", 0))).replace("%4", str(c.get("notes", 0)))
            .replace("%5", ", ".join(p.cases) or "—"))
        if p.reasons:
            head = (self.tr("Within the retention period: erase only when a legal basis allows it, and name it.")
                    if p.can_override else self.tr("This customer cannot be erased now:"))
            self.refused.setText(shown(head + "\n" + "\n".join(f"• {reason_text(r)}" for r in p.reasons)))
            self.refused.show()
            self.basis.setVisible(p.can_override)
            self.basis_label.setVisible(p.can_override)
            if not p.can_override:
                for w in (self.reason, self.confirm):
                    w.setEnabled(False)
        self._update()
        self.adjustSize()  # the texts arrived after the dialog was laid out: make room for them

    def refused_hard(self) -> bool:
        return self.preview is not None and bool(self.preview.reasons) and not self.preview.can_override

    def _update(self, *_args: object) -> None:
        p = self.preview
        ok = (p is not None and not self.refused_hard() and bool(self.reason.text().strip())
              and self.confirm.isChecked() and (not p.reasons or bool(self.basis.text().strip()))
              and self.receipt is None and (self.task is None or self.task.is_finished))
        self.erase_btn.setEnabled(ok)

    def erase(self) -> Task | None:
        if not self.erase_btn.isEnabled():
            return None
        lib, cid = self.lib, self.customer.id
        reason = self.reason.text().strip()
        basis = self.basis.text().strip() or None
        for w in (self.reason, self.basis, self.confirm, self.erase_btn, self.cancel_btn):
            w.setEnabled(False)
        self.status.setText(self.tr("Erasing…"))
        self.task = self.runner.run(lambda: erase_customer(lib, cid, reason, override_basis=basis), pool=JOBS,
                                    name="erase customer", on_done=self._erased, on_error=self._failed)
        return self.task

    def _erased(self, receipt: ErasureReceipt) -> None:
        self.receipt = receipt
        c = receipt.counts
        self.status.setText(self.tr("Erased. Receipt: %1 message(s), %2 media item(s), %3 note(s), %4 original(s) "
                                    "removed; by %5 at %6.")
                            .replace("%1", str(c.get("messages", 0))).replace("%2", str(c.get("media", 0)))
                            .replace("%3", str(c.get("notes", 0))).replace("%4", str(len(receipt.originals)))
                            .replace("%5", receipt.by or "—")
                            .replace("%6", f"{receipt.erased_at:%Y-%m-%d %H:%M}"))
        self.cancel_btn.hide()
        self.close_btn.show()
        self.save_btn.show()
        self.erased.emit(receipt)

    def _failed(self, error: BaseException) -> None:
        self.cancel_btn.setEnabled(True)
        if isinstance(error, ErasureRefused):
            self.refused.setText(shown(self.tr("This customer cannot be erased now:") + "\n"
                                       + "\n".join(f"• {reason_text(r)}" for r in error.reasons)))
            self.refused.show()
            self.status.setText("")
            return
        self.status.setText(self.tr("Nothing was erased:\n%1").replace("%1", user_message(error)))
        for w in (self.reason, self.basis, self.confirm):
            w.setEnabled(True)
        self._update()

    def save_receipt(self, path: str | None = None) -> Path | None:
        if self.receipt is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the erasure receipt"),
                str(Path.home() / f"erasure-receipt-customer-{self.customer.id}.json"), self.tr("JSON (*.json)"))
        if not path:
            return None
        out = Path(path)
        out.write_text(json.dumps(self.receipt.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.status.setText(self.status.text() + "\n" + self.tr("Receipt saved: %1").replace("%1", str(out)))
        return out
