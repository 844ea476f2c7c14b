"""The settings dialog: business names, phone region, case gaps, answer norm, duplicates, library, language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)


class SettingsView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(540)
        lay = QVBoxLayout(self)
        intake = QGroupBox(self.tr("Intake"))
        f1 = QFormLayout(intake)
        self.business = QPlainTextEdit()
        self.business.setObjectName("businessNames")
        self.business.setToolTip(self.tr("The names your team uses in chats, one per line. Messages from these "
                                         "senders are answers, not customer messages."))
        self.business.setMaximumHeight(80)
        self.region = QComboBox()
        self.region.setObjectName("defaultRegion")
        self.region.setEditable(True)
        self.gap_days = QSpinBox()
        self.gap_days.setObjectName("caseGapDays")
        self.gap_days.setRange(1, 365)
        self.gap_days.setSuffix(self.tr(" days"))
        self.norm = QSpinBox()
        self.norm.setObjectName("answerNorm")
        self.norm.setRange(5, 7 * 24 * 60)
        self.norm.setSuffix(self.tr(" min"))
        f1.addRow(self.tr("Business display names"), self.business)
        f1.addRow(self.tr("Default phone region"), self.region)
        f1.addRow(self.tr("New case after a silence of"), self.gap_days)
        f1.addRow(self.tr("First answer expected within"), self.norm)
        lay.addWidget(intake)
        dup = QGroupBox(self.tr("Duplicates"))
        f2 = QFormLayout(dup)
        self.same = QDoubleSpinBox()
        self.same.setObjectName("dupSame")
        self.same.setRange(0.0, 5.0)
        self.same.setSingleStep(0.1)
        self.same.setDecimals(1)
        self.same.setToolTip(self.tr("Higher finds more re-sized, re-compressed or cropped copies, "
                                     "and risks calling different pictures the same."))
        self.similar = QDoubleSpinBox()
        self.similar.setObjectName("dupSimilar")
        self.similar.setRange(0.49, 1.0)
        self.similar.setSingleStep(0.01)
        self.similar.setDecimals(2)
        self.similar.setToolTip(self.tr("Lower groups more burst shots as similar (shown for review, never set "
                                        "aside)."))
        f2.addRow(self.tr("Same picture: tolerance"), self.same)
        f2.addRow(self.tr("Similar (burst): correlation at least"), self.similar)
        lay.addWidget(dup)
        gen = QGroupBox(self.tr("General"))
        f3 = QFormLayout(gen)
        row = QHBoxLayout()
        self.library = QLineEdit()
        self.library.setObjectName("libraryPath")
        self.browse = QPushButton(self.tr("Choose…"))
        row.addWidget(self.library, 1)
        row.addWidget(self.browse)
        self.language = QComboBox()
        self.language.setObjectName("language")
        f3.addRow(self.tr("Library location"), row)
        f3.addRow(self.tr("Language"), self.language)
        lay.addWidget(gen)
        self.note = QLabel(self.tr("Library location and language take effect when Casedesk starts again."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")
        lay.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        lay.addWidget(self.buttons)
