"""Settings: the team's (saved in the library's database), this desk's language (preferences file beside the
library) and this computer's library folder (QSettings)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.dedup import DEFAULT
from desktop.services.library import Library
from desktop.services.settings import save_team_settings
from desktop.ui.views.settings_view import SettingsView

REGIONS = ["NL", "BE", "DE", "FR", "LU", "GB", "IE", "ES", "PT", "IT", "AT", "CH", "DK", "SE", "NO", "PL", "US"]
LIBRARY_KEY = "library/data_dir"
LANGUAGES = (("", "System"), ("en", "English"), ("nl", "Nederlands"))


class SettingsDialog(SettingsView):
    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        p = lib.team
        self.business.setPlainText("\n".join(p.business_names))
        self.region.addItems(REGIONS)
        self.region.setCurrentText(p.default_region)
        self.gap_days.setValue(p.case_gap_days)
        self.norm.setValue(p.answer_norm_minutes)
        self.same.setSpecialValueText(self.tr("automatic (%1)").replace("%1", f"{DEFAULT.same_shift:.1f}"))
        self.similar.setSpecialValueText(self.tr("automatic (%1)").replace("%1", f"{DEFAULT.similar_corr:.2f}"))
        self.same.setValue(self.same.minimum() if p.dup_same_shift is None else p.dup_same_shift)
        self.similar.setValue(self.similar.minimum() if p.dup_similar_corr is None else p.dup_similar_corr)
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

    def save(self) -> None:
        p = replace(self.lib.team)
        names = [n.strip() for n in self.business.toPlainText().splitlines() if n.strip()]
        p.business_names = names or p.business_names
        p.default_region = (self.region.currentText().strip().upper() or "NL")[:2]
        p.case_gap_days = self.gap_days.value()
        p.answer_norm_minutes = self.norm.value()
        p.dup_same_shift = None if self.same.value() <= self.same.minimum() else round(self.same.value(), 2)
        p.dup_similar_corr = (None if self.similar.value() <= self.similar.minimum()
                              else round(self.similar.value(), 3))
        save_team_settings(self.lib, p)  # one small write; the library is already open
        self.lib.prefs.language = str(self.language.currentData() or "")
        self.lib.save_prefs()
        chosen = self.library.text().strip()
        settings = QSettings()
        if chosen and chosen != str(self.lib.paths.data_dir):
            settings.setValue(LIBRARY_KEY, chosen)
        elif chosen == str(self.lib.paths.data_dir) and settings.value(LIBRARY_KEY):
            settings.setValue(LIBRARY_KEY, chosen)
        self.accept()
