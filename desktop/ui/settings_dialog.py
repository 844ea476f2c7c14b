"""Settings: the team's (saved in the library's database through ``services.settings``, as ``casedesk settings
set`` does, with the same checks and re-evaluation: changing the organisation's names, addresses or domains
decides again who wrote every message already imported), this desk's language (preferences file beside the
library) and this computer's library folder (QSettings). The team's settings are saved on the writer thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, QTime
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.dedup import DEFAULT
from desktop.core.numbering import format_problem, scope
from desktop.services.library import Library
from desktop.services.settings import SettingsChange, check_settings, update_team_settings
from desktop.ui.errors import user_message
from desktop.ui.tasks import WRITER
from desktop.ui.views.settings_view import SettingsView

REGIONS = ["NL", "BE", "DE", "FR", "LU", "GB", "IE", "ES", "PT", "IT", "AT", "CH", "DK", "SE", "NO", "PL", "US"]
ZONES = ["Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin", "Europe/Paris", "Europe/London", "Europe/Dublin",
         "Europe/Madrid", "Europe/Lisbon", "Europe/Rome", "Europe/Vienna", "Europe/Zurich", "Europe/Copenhagen",
         "Europe/Stockholm", "Europe/Oslo", "Europe/Warsaw", "America/New_York", "UTC"]
LIBRARY_KEY = "library/data_dir"
LANGUAGES = (("", "System"), ("en", "English"), ("nl", "Nederlands"))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SettingsDialog(SettingsView):
    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = getattr(parent, "runner", None)  # the window's: saving re-decides roles off the GUI thread
        self.change: SettingsChange | None = None
        p = lib.team
        self.business.setPlainText("\n".join(p.business_names))
        self.org_emails.setPlainText("\n".join(p.org_emails))
        self.org_domains.setPlainText("\n".join(p.org_domains))
        for i, box in enumerate(self.workdays):
            box.setChecked(i in p.calendar_workdays)
        self.start.setTime(QTime.fromString(p.calendar_start, "HH:mm"))
        self.end.setTime(QTime.fromString(p.calendar_end, "HH:mm"))
        self.country.addItems(REGIONS)
        self.country.setCurrentText(p.calendar_country)
        self.subdivision.setText(p.calendar_subdivision)
        self.timezone.addItems(ZONES)
        self.timezone.setCurrentText(p.calendar_timezone)
        self.extra_holidays.setPlainText("\n".join(p.calendar_extra_holidays))
        self.region.addItems(REGIONS)
        self.region.setCurrentText(p.default_region)
        self.gap_days.setValue(p.case_gap_days)
        self.file_gap.setValue(p.file_gap_hours)
        self.doubt.setValue(p.incident_doubt_days)
        self.norm.setValue(p.answer_norm_minutes)
        self.same.setSpecialValueText(self.tr("automatic (%1)").replace("%1", f"{DEFAULT.same_shift:.1f}"))
        self.similar.setSpecialValueText(self.tr("automatic (%1)").replace("%1", f"{DEFAULT.similar_corr:.2f}"))
        self.same.setValue(self.same.minimum() if p.dup_same_shift is None else p.dup_same_shift)
        self.similar.setValue(self.similar.minimum() if p.dup_similar_corr is None else p.dup_similar_corr)
        self.keep_claim.setValue(p.retention_years.get("claim", 7))
        self.keep_complaint.setValue(p.retention_years.get("complaint", 2))
        self.prefix.setText(p.case_prefix)
        self.case_format.setText(p.case_format)
        self.prefix.textChanged.connect(self._example)
        self.case_format.textChanged.connect(self._example)
        self._example()
        self.library.setText(str(QSettings().value(LIBRARY_KEY, "") or lib.paths.data_dir))
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("Follow the system") if not code else name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(lib.prefs.language)))
        self.browse.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("Library folder"), self.library.text())
        if d:
            self.library.setText(d)

    def _example(self) -> None:
        prefix, fmt = self.prefix.text().strip(), self.case_format.text().strip()
        problem = format_problem(fmt, prefix)
        if problem:
            self.example.setText(problem)
            self.example.setStyleSheet("color: #b3261e;")
        else:
            s = scope(fmt, prefix, date.today().year)
            self.example.setText(f"{s.ref(1)}, {s.ref(2)}, … {s.ref(1234)}")
            self.example.setStyleSheet("")

    def team_changes(self) -> dict:
        """The team settings the dialog shows, as ``update_team_settings`` takes them: only what differs."""
        p = self.lib.team
        names = _lines(self.business.toPlainText())
        values = {
            "business_names": names or p.business_names,
            "org_emails": [e.lower() for e in _lines(self.org_emails.toPlainText())],
            "org_domains": [d.lower().lstrip("@") for d in _lines(self.org_domains.toPlainText())],
            "calendar_workdays": [i for i, box in enumerate(self.workdays) if box.isChecked()],
            "calendar_start": self.start.time().toString("HH:mm"),
            "calendar_end": self.end.time().toString("HH:mm"),
            "calendar_country": (self.country.currentText().strip().upper() or "NL"),
            "calendar_subdivision": self.subdivision.text().strip().upper(),
            "calendar_timezone": self.timezone.currentText().strip() or "Europe/Amsterdam",
            "calendar_extra_holidays": _lines(self.extra_holidays.toPlainText()),
            "default_region": (self.region.currentText().strip().upper() or "NL")[:2],
            "case_gap_days": self.gap_days.value(),
            "file_gap_hours": self.file_gap.value(),
            "incident_doubt_days": self.doubt.value(),
            "answer_norm_minutes": self.norm.value(),
            "dup_same_shift": None if self.same.value() <= self.same.minimum() else round(self.same.value(), 2),
            "dup_similar_corr": (None if self.similar.value() <= self.similar.minimum()
                                 else round(self.similar.value(), 3)),
            "retention_years": {**p.retention_years, "claim": self.keep_claim.value(),
                                "complaint": self.keep_complaint.value()},
            "case_prefix": self.prefix.text().strip(),
            "case_format": self.case_format.text().strip(),
        }
        return {k: v for k, v in values.items() if getattr(p, k) != v}

    def save(self) -> None:
        changes = self.team_changes()
        try:
            check_settings(self.lib.team, changes)  # the CLI's checks, before anything is written
        except Exception as e:  # noqa: BLE001 - a UsageError naming the value, shown where it was typed
            self.status.setText(user_message(e))
            self.status.setStyleSheet("color: #b3261e;")
            return
        self._save_desk()
        if not changes:
            self.accept()
            return
        lib = self.lib
        self.buttons.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saving the team's settings…"))
        if self.runner is None:
            self._saved(update_team_settings(lib, **changes))
            return
        self.runner.run(lambda: update_team_settings(lib, **changes), pool=WRITER, name="save settings",
                        on_done=self._saved, on_error=self._failed)

    def _saved(self, change: SettingsChange) -> None:
        self.change = change
        n = change.roles.messages
        parent = self.parent()
        if n and parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(self.tr("Settings saved; who wrote %n message(s) was decided again.", "",
                                                   n), 8000)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(self.tr("Not saved: %1").replace("%1", user_message(error)))
        self.status.setStyleSheet("color: #b3261e;")

    def _save_desk(self) -> None:
        self.lib.prefs.language = str(self.language.currentData() or "")
        self.lib.save_prefs()
        chosen = self.library.text().strip()
        settings = QSettings()
        if chosen and chosen != str(self.lib.paths.data_dir):
            settings.setValue(LIBRARY_KEY, chosen)
        elif chosen == str(self.lib.paths.data_dir) and settings.value(LIBRARY_KEY):
            settings.setValue(LIBRARY_KEY, chosen)
