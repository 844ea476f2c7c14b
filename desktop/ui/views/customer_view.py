"""Customer › Export data… and Customer › Erase…: the two dialogs of a customer's rights."""

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


class CustomerExportView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("customerExportDialog")
        self.setWindowTitle(self.tr("Export the customer's data"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.explain = QLabel(self.tr("A ZIP with everything stored on this customer (GDPR art. 15): data.json "
                                      "(their record, cases, messages, media, notes and the audit events about "
                                      "them), every original under originals/ and summary.pdf, a readable "
                                      "overview in their language. Nothing of any other customer goes in."))
        self.explain.setWordWrap(True)
        lay.addWidget(self.explain)
        form = QFormLayout()
        self.lang = QComboBox()
        self.lang.setObjectName("summaryLang")
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("customerExportPath")
        self.browse = QPushButton(self.tr("Choose…"))
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form.addRow(self.tr("Summary language"), self.lang)
        form.addRow(self.tr("Save as"), row)
        lay.addLayout(form)
        self.bar = QProgressBar()
        self.bar.hide()
        lay.addWidget(self.bar)
        self.status = QLabel()
        self.status.setObjectName("customerExportStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.export_btn = QPushButton(self.tr("Export"))
        self.export_btn.setObjectName("startCustomerExport")
        self.export_btn.setDefault(True)
        self.folder_btn = QPushButton(self.tr("Show in folder"))
        self.buttons.addButton(self.export_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.folder_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        lay.addWidget(self.buttons)


class CustomerEraseView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("customerEraseDialog")
        self.setWindowTitle(self.tr("Erase the customer"))
        self.setMinimumWidth(600)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.what = QLabel()
        self.what.setObjectName("eraseWhat")
        self.what.setWordWrap(True)
        lay.addWidget(self.what)
        self.refused = QLabel()
        self.refused.setObjectName("eraseRefused")
        self.refused.setWordWrap(True)
        self.refused.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.refused.hide()
        lay.addWidget(self.refused)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("eraseReason")
        self.reason.setPlaceholderText(self.tr("e.g. the customer asked by e-mail on 2 December (no personal data)"))
        self.basis = QLineEdit()
        self.basis.setObjectName("eraseBasis")
        self.basis.setPlaceholderText(self.tr("e.g. GDPR art. 17(1)(b)"))
        self.basis_label = QLabel(self.tr("Legal basis"))
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.basis_label, self.basis)
        lay.addLayout(form)
        self.confirm = QCheckBox(self.tr("I understand that this cannot be undone"))
        self.confirm.setObjectName("eraseConfirm")
        lay.addWidget(self.confirm)
        self.status = QLabel()
        self.status.setObjectName("eraseStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.erase_btn = QPushButton(self.tr("Erase for good"))
        self.erase_btn.setObjectName("eraseCustomer")
        self.erase_btn.setStyleSheet("QPushButton:enabled { color: #b3261e; font-weight: 600; }")
        self.save_btn = QPushButton(self.tr("Save the receipt…"))
        self.save_btn.setObjectName("saveReceipt")
        self.buttons.addButton(self.erase_btn, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.save_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        lay.addWidget(self.buttons)
