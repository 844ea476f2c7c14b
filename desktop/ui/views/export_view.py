"""The export dialog: PDF options, output file, progress, and "open the file" when done."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)


class ExportView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export the case file (PDF)"))
        self.setMinimumWidth(600)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        form = QFormLayout()
        self.per_page = QComboBox()
        self.per_page.setObjectName("perPage")
        self.lang = QComboBox()
        self.lang.setObjectName("reportLang")
        self.duplicates = QCheckBox(self.tr("Appendix with the set-aside duplicates"))
        self.duplicates.setObjectName("withDuplicates")
        self.redact = QCheckBox(self.tr("Mask personal data in the texts"))
        self.redact.setObjectName("redact")
        self.redact.setToolTip(self.tr("Phone numbers, e-mail addresses, IBANs, BSNs, licence plates and GPS "
                                       "positions are masked in every text of the PDF; the cover lists what kinds"))
        self.redact_faces = QCheckBox(self.tr("Blur faces in the photos (the originals stay as they are)"))
        self.redact_faces.setObjectName("redactFaces")
        self.with_audit = QCheckBox(self.tr("Appendix with the case's audit trail"))
        self.with_audit.setObjectName("withAudit")
        self.pdfa = QCheckBox(self.tr("PDF/A for archiving"))
        self.pdfa.setObjectName("pdfa")
        path_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Choose…"))
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        form.addRow(self.tr("Photos per page"), self.per_page)
        form.addRow(self.tr("Report language"), self.lang)
        form.addRow("", self.duplicates)
        form.addRow("", self.redact)
        form.addRow("", self.redact_faces)
        form.addRow("", self.with_audit)
        form.addRow("", self.pdfa)
        form.addRow(self.tr("Save as"), path_row)
        lay.addLayout(form)
        self.bar = QProgressBar()
        self.bar.setObjectName("exportProgress")
        self.bar.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.export_btn = QPushButton(self.tr("Export"))
        self.export_btn.setObjectName("startExport")
        self.export_btn.setDefault(True)
        self.open_btn = QPushButton(self.tr("Open the file"))
        self.open_btn.setObjectName("openExported")
        self.folder_btn = QPushButton(self.tr("Show in folder"))
        self.anyway_btn = QPushButton(self.tr("Export anyway, marking what is missing"))
        self.anyway_btn.setObjectName("exportAnyway")
        self.anyway_btn.setToolTip(self.tr("Write the PDF with a placeholder for each original that cannot be read; "
                                           "the cover says which"))
        self.buttons.addButton(self.export_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.anyway_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.folder_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_btn.setObjectName("cancelExport")
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        lay.addWidget(self.buttons)
