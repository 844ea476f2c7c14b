"""The settings dialog, in tabs: the organisation (who is who), service hours and the answer norm, intake and
duplicates, retention and case numbers (the team's, in the library's database), and this desk (library, language)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)


def _lines(name: str, tip: str, height: int = 76) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setObjectName(name)
    w.setToolTip(tip)
    w.setMaximumHeight(height)
    return w


def _note(text: str) -> QLabel:
    n = QLabel(text)
    n.setWordWrap(True)
    n.setStyleSheet("color: palette(mid);")
    return n


class SettingsView(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(620)
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        lay.addWidget(self.tabs)

        # the organisation ---------------------------------------------------------------------------------
        org = QWidget()
        f0 = QFormLayout(org)
        self.business = _lines("businessNames", self.tr("The names your team uses in chats, one per line. "
                                                        "Messages from these senders are answers, not customer "
                                                        "messages."))
        self.org_emails = _lines("orgEmails", self.tr("The organisation's e-mail addresses, one per line: a mail "
                                                      "from one of them is an answer in the customer's thread."))
        self.org_domains = _lines("orgDomains", self.tr("The organisation's e-mail domains, one per line (e.g. "
                                                        "insurer.example; subdomains included)."), 56)
        f0.addRow(self.tr("Names in chats"), self.business)
        f0.addRow(self.tr("E-mail addresses"), self.org_emails)
        f0.addRow(self.tr("E-mail domains"), self.org_domains)
        f0.addRow(_note(self.tr("In a 1:1 chat the partner named by the export is the customer and everyone else "
                                "the organisation; these lists refine that. Changing them decides again who wrote "
                                "every message already imported.")))
        self.tabs.addTab(org, self.tr("Organisation"))

        # service hours --------------------------------------------------------------------------------------
        hours = QWidget()
        f1 = QFormLayout(hours)
        days = QHBoxLayout()
        self.workdays: list[QCheckBox] = []
        for i, name in enumerate((self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                                  self.tr("Sat"), self.tr("Sun"))):
            box = QCheckBox(name)
            box.setObjectName(f"workday{i}")
            self.workdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        times = QHBoxLayout()
        self.start = QTimeEdit()
        self.start.setObjectName("calendarStart")
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit()
        self.end.setObjectName("calendarEnd")
        self.end.setDisplayFormat("HH:mm")
        times.addWidget(self.start)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.end)
        times.addStretch(1)
        self.country = QComboBox()
        self.country.setObjectName("calendarCountry")
        self.country.setEditable(True)
        self.subdivision = QLineEdit()
        self.subdivision.setObjectName("calendarSubdivision")
        self.subdivision.setPlaceholderText(self.tr("none (e.g. BY for Bavaria)"))
        self.timezone = QComboBox()
        self.timezone.setObjectName("calendarTimezone")
        self.timezone.setEditable(True)
        self.extra_holidays = _lines("extraHolidays", self.tr("Extra days the office is closed, one date per line "
                                                              "(YYYY-MM-DD)."), 56)
        self.norm = QSpinBox()
        self.norm.setObjectName("answerNorm")
        self.norm.setRange(5, 7 * 24 * 60)
        self.norm.setSuffix(self.tr(" working min"))
        self.norm.setToolTip(self.tr("For the first answer and for every later customer message."))
        f1.addRow(self.tr("Working days"), days)
        f1.addRow(self.tr("Working hours"), times)
        f1.addRow(self.tr("Public holidays of"), self.country)
        f1.addRow(self.tr("Region"), self.subdivision)
        f1.addRow(self.tr("Time zone"), self.timezone)
        f1.addRow(self.tr("Office closed on"), self.extra_holidays)
        f1.addRow(self.tr("Answer expected within"), self.norm)
        f1.addRow(_note(self.tr("Response times count working minutes only; changing the calendar or the norm "
                                "applies to every case at once.")))
        self.tabs.addTab(hours, self.tr("Service hours"))

        # intake and duplicates --------------------------------------------------------------------------
        intake = QWidget()
        f2 = QFormLayout(intake)
        self.region = QComboBox()
        self.region.setObjectName("defaultRegion")
        self.region.setEditable(True)
        self.gap_days = QSpinBox()
        self.gap_days.setObjectName("caseGapDays")
        self.gap_days.setRange(1, 365)
        self.gap_days.setSuffix(self.tr(" days"))
        self.file_gap = QSpinBox()
        self.file_gap.setObjectName("fileGapHours")
        self.file_gap.setRange(1, 24 * 365)
        self.file_gap.setSuffix(self.tr(" h"))
        self.file_gap.setToolTip(self.tr("The gap in capture times that 'Split by time gaps…' proposes."))
        self.doubt = QSpinBox()
        self.doubt.setObjectName("incidentDoubtDays")
        self.doubt.setRange(1, 3650)
        self.doubt.setSuffix(self.tr(" days"))
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
        f2.addRow(self.tr("Default phone region"), self.region)
        f2.addRow(self.tr("New case after a silence of"), self.gap_days)
        f2.addRow(self.tr("Split by time gaps of"), self.file_gap)
        f2.addRow(self.tr("Flag photos taken before the incident by"), self.doubt)
        f2.addRow(self.tr("Same picture: tolerance"), self.same)
        f2.addRow(self.tr("Similar (burst): correlation at least"), self.similar)
        self.tabs.addTab(intake, self.tr("Intake"))

        # retention and numbering ------------------------------------------------------------------------
        keep = QWidget()
        f3 = QFormLayout(keep)
        self.keep_claim = QSpinBox()
        self.keep_claim.setObjectName("retentionClaim")
        self.keep_claim.setRange(0, 100)
        self.keep_claim.setSuffix(self.tr(" years after closing"))
        self.keep_complaint = QSpinBox()
        self.keep_complaint.setObjectName("retentionComplaint")
        self.keep_complaint.setRange(0, 100)
        self.keep_complaint.setSuffix(self.tr(" years after closing"))
        self.prefix = QLineEdit()
        self.prefix.setObjectName("casePrefix")
        self.case_format = QLineEdit()
        self.case_format.setObjectName("caseFormat")
        self.case_format.setToolTip(self.tr("{prefix}, {year} or {yy}, and the running number {n} (e.g. {n:04d})"))
        self.example = QLabel()
        self.example.setObjectName("caseExample")
        f3.addRow(self.tr("Keep claims"), self.keep_claim)
        f3.addRow(self.tr("Keep complaints"), self.keep_complaint)
        f3.addRow(self.tr("Case number prefix"), self.prefix)
        f3.addRow(self.tr("Case number format"), self.case_format)
        f3.addRow(self.tr("Next numbers look like"), self.example)
        f3.addRow(_note(self.tr("Claims are kept 7 years by default (the Dutch fiscal retention period, art. 52 "
                                "AWR). 'casedesk retention' lists closed cases past their period.")))
        self.tabs.addTab(keep, self.tr("Retention and numbers"))

        # this desk ------------------------------------------------------------------------------------------
        desk = QWidget()
        f4 = QFormLayout(desk)
        row = QHBoxLayout()
        self.library = QLineEdit()
        self.library.setObjectName("libraryPath")
        self.browse = QPushButton(self.tr("Choose…"))
        row.addWidget(self.library, 1)
        row.addWidget(self.browse)
        self.language = QComboBox()
        self.language.setObjectName("language")
        f4.addRow(self.tr("Library location"), row)
        f4.addRow(self.tr("Language"), self.language)
        self.note = _note(self.tr("Library location and language take effect when Casedesk starts again. The "
                                  "case file (PDF) and e-mail drafts are written in this language unless you "
                                  "choose another one when exporting."))
        f4.addRow(self.note)
        self.tabs.addTab(desk, self.tr("This desk"))

        self.team_note = _note(self.tr("The first four tabs are the team's settings, shared by every desk on this "
                                       "library."))
        lay.addWidget(self.team_note)
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        lay.addWidget(self.buttons)
