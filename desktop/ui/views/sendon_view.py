"""The "send it on" dialog: recipient, language, where the draft goes, and whether to open it in the mail client."""

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


class SendOnView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sendOnDialog")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        lay.addWidget(self.explain)
        form = QFormLayout()
        self.to = QLineEdit()
        self.to.setObjectName("draftTo")
        self.lang = QComboBox()
        self.lang.setObjectName("draftLang")
        self.lang.addItem("English", "en")
        self.lang.addItem("Nederlands", "nl")
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("draftPath")
        self.browse = QPushButton(self.tr("Choose…"))
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.open_after = QCheckBox(self.tr("Open the draft in my mail program"))
        self.open_after.setObjectName("openDraft")
        self.open_after.setChecked(True)
        form.addRow(self.tr("To"), self.to)
        form.addRow(self.tr("Language"), self.lang)
        form.addRow(self.tr("Save the draft as"), row)
        form.addRow("", self.open_after)
        lay.addLayout(form)
        self.bar = QProgressBar()
        self.bar.hide()
        lay.addWidget(self.bar)
        self.status = QLabel()
        self.status.setObjectName("draftStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.write_btn = QPushButton(self.tr("Write the draft"))
        self.write_btn.setObjectName("writeDraft")
        self.write_btn.setDefault(True)
        self.open_btn = QPushButton(self.tr("Open the draft"))
        self.open_btn.setObjectName("openWrittenDraft")
        self.buttons.addButton(self.write_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_btn, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        lay.addWidget(self.buttons)
