"""What an empty library shows: one sentence and a button for each way in (files, folder, chat export, e-mail)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class EmptyLibraryView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyLibrary")
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QWidget()
        box.setFixedWidth(660)
        lay = QVBoxLayout(box)
        self.heading = QLabel(self.tr("No cases yet"))
        self.heading.setObjectName("emptyHeading")
        self.heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence = QLabel(self.tr(
            "Import what a customer sent: photos and videos, a folder or ZIP of them, a WhatsApp chat export or "
            "an e-mail. Each import becomes a case you can review, sort out and export as a PDF case file. "
            "You can also drop files anywhere on this window."))
        self.sentence.setObjectName("emptySentence")
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setStyleSheet("font-size: 11pt;")
        self.sentence.setMinimumHeight(self.sentence.heightForWidth(640))
        lay.addWidget(self.heading)
        lay.addWidget(self.sentence)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.files_btn = self._button(self.tr("Import files…"), "emptyImportFiles",
                                      self.tr("Photos, videos, voice notes, PDFs or a ZIP"))
        self.folder_btn = self._button(self.tr("Import a folder…"), "emptyImportFolder",
                                       self.tr("Every file in a folder and its subfolders, as one case"))
        self.chat_btn = self._button(self.tr("Import a chat export…"), "emptyImportChat",
                                     self.tr("A WhatsApp export (.zip or .txt with its files): the case of the "
                                             "customer who sent it"))
        self.mail_btn = self._button(self.tr("Import an e-mail…"), "emptyImportMail",
                                     self.tr("An .eml or Outlook .msg file with its attachments"))
        grid.addWidget(self.files_btn, 0, 0)
        grid.addWidget(self.folder_btn, 0, 1)
        grid.addWidget(self.chat_btn, 1, 0)
        grid.addWidget(self.mail_btn, 1, 1)
        lay.addSpacing(12)
        lay.addLayout(grid)
        row = QHBoxLayout()  # centred by stretches, not by alignment: the wrapped sentence keeps its height
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setMinimumHeight(40)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return b
