"""Settings dialog, language choice and Dutch translation, and the start-up path of ``run()``."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services.library import open_library
from desktop.settings import Preferences, resolve_paths
from desktop.ui.app import (
    choose_language,
    create_app,
    install_translations,
    library_paths,
    open_library_async,
    parse_args,
)
from desktop.ui.settings_dialog import LIBRARY_KEY


def test_settings_dialog_saves_preferences(qtbot, window, library, tmp_path):
    w = window
    dlg = w.open_settings()
    assert dlg is not None and dlg.isVisible()
    dlg.business.setPlainText("Claims Team\nSchadeafdeling")
    dlg.region.setCurrentText("BE")
    dlg.gap_days.setValue(3)
    dlg.norm.setValue(30)
    dlg.same.setValue(1.6)
    dlg.language.setCurrentIndex(dlg.language.findData("nl"))
    dlg.library.setText(str(tmp_path / "elsewhere"))
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)  # saved on the writer thread
    with open_library(library.paths.data_dir) as other_desk:  # team settings are in the library's database
        saved = other_desk.team
    assert saved.business_names == ["Claims Team", "Schadeafdeling"]
    assert (saved.default_region, saved.case_gap_days, saved.answer_norm_minutes) == ("BE", 3, 30)
    assert saved.dup_same_shift == 1.6 and saved.dup_similar_corr is None
    assert Preferences.load(library.paths.preferences_file).language == "nl"  # the window's own
    assert QSettings().value(LIBRARY_KEY) == str(tmp_path / "elsewhere")
    qtbot.waitUntil(lambda: w.cases.model.norm.total_seconds() == 30 * 60, timeout=5000)


def test_settings_dialog_edits_every_team_setting_as_the_cli_does(qtbot, window, library):
    from desktop.services.audit import list_events
    from desktop.services.settings import team_settings

    w = window
    dlg = w.open_settings()
    assert [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())] == [
        "Organisation", "Service hours", "Intake", "Retention and numbers", "This desk"]
    assert dlg.business.toPlainText().splitlines() == library.team.business_names
    assert [b.isChecked() for b in dlg.workdays] == [True] * 5 + [False] * 2
    dlg.org_emails.setPlainText("Schade@Polder.example\n")
    dlg.org_domains.setPlainText("@polder.example")
    dlg.workdays[5].setChecked(True)  # Saturday mornings too
    dlg.end.setTime(dlg.end.time().addSecs(30 * 60))
    dlg.extra_holidays.setPlainText("2026-12-24")
    dlg.keep_claim.setValue(10)
    dlg.prefix.setText("SCH")
    assert dlg.example.text().startswith("SCH-")
    dlg.case_format.setText("{prefix}-{year}")  # no running number: refused before anything is saved
    assert "{n}" in dlg.example.text()
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "{n}" in dlg.status.text()
    assert team_settings(library).case_prefix == "C"
    dlg.case_format.setText("{prefix}-{year}-{n:05d}")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)
    t = team_settings(library)
    assert t.org_emails == ["schade@polder.example"] and t.org_domains == ["polder.example"]
    assert t.calendar_workdays == [0, 1, 2, 3, 4, 5] and t.calendar_end == "18:00"
    assert t.calendar_extra_holidays == ["2026-12-24"] and t.retention_years["claim"] == 10
    assert (t.case_prefix, t.case_format) == ("SCH", "{prefix}-{year}-{n:05d}")
    (event,) = [e for e in list_events(library) if e.action == "settings-changed"][-1:]
    assert "org_emails" in event.detail["changed"] and "messages_reevaluated" in event.detail  # roles re-decided
    assert dlg.change is not None and "org_domains" in dlg.change.changed


def test_language_follows_the_system_unless_chosen():
    assert choose_language("", QLocale("nl_NL")) == "nl"
    assert choose_language("", QLocale("nl_BE")) == "nl"
    assert choose_language("", QLocale("de_DE")) == "en"
    assert choose_language("en", QLocale("nl_NL")) == "en"
    assert choose_language("nl", QLocale("en_GB")) == "nl"


def test_dutch_translation_is_loaded(qtbot, empty_library):
    from desktop.ui.main_window import MainWindow

    app = create_app()
    try:
        assert install_translations(app, "nl")
        w = MainWindow(lib=empty_library)
        qtbot.addWidget(w)
        menus = [a.text() for a in w.menuBar().actions()]
        assert "&Bestand" in menus and "&Zaak" in menus
        assert w.case_list.status_filter.itemText(0) == "Open zaken"
        assert w.case_list.status_filter.itemText(2) == "Nieuw"  # the shared label table, in Dutch too
        w.close()
    finally:
        install_translations(app, "en")


def test_startup_opens_the_library_off_the_gui_thread(qtbot, seeded, monkeypatch, tmp_path):
    from desktop.ui.main_window import MainWindow

    monkeypatch.delenv("CASEDESK_DATA_DIR", raising=False)
    args, rest = parse_args(["--data-dir", str(seeded.dir), "-style", "fusion"])
    assert args.data_dir == str(seeded.dir) and rest == ["-style", "fusion"]
    paths = library_paths(args.data_dir)
    assert paths == resolve_paths(seeded.dir)
    QSettings().setValue(LIBRARY_KEY, str(tmp_path / "chosen"))
    assert library_paths(None).data_dir == (tmp_path / "chosen").resolve()
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    open_library_async(w, paths, None)
    qtbot.waitUntil(lambda: w.lib is not None and w.cases.model.rowCount() == 3, timeout=10000)
    w.close()
    w.lib.close()


def test_a_library_that_cannot_be_opened_is_explained_in_a_dialog(qtbot, tmp_path):
    """A half-created library holding data (an older version's unfinished first start): the window says why."""
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import create_engine

    from desktop.store.schema import Base
    from desktop.ui.main_window import MainWindow

    data = tmp_path / "lib"
    data.mkdir()
    engine = create_engine(f"sqlite:///{data / 'library.db'}")
    with engine.begin() as conn:
        Base.metadata.create_all(conn, tables=[Base.metadata.tables["customer"]])
        conn.exec_driver_sql("INSERT INTO customer (name, created_at) VALUES ('Sophie Bakker', '2026-11-16')")
    engine.dispose()
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    open_library_async(w, library_paths(str(data)), None)
    qtbot.waitUntil(lambda: w.findChild(QMessageBox, "errorDialog") is not None, timeout=10000)
    box = w.findChild(QMessageBox, "errorDialog")
    assert box.icon() == QMessageBox.Icon.Warning  # an explained condition, not a crash
    assert box.text().startswith("This could not be done:\n\nthe database holds Casedesk tables with data (customer)")
    assert w.lib is None
    box.close()
    w.close()


def test_cycles_are_collected_on_the_gui_thread_only(qtbot):
    """Automatic collection is off (a worker thread must never destroy the GUI thread's Qt objects); the event
    loop collects cycles instead."""
    import gc
    import weakref

    from desktop.ui.app import create_app

    create_app()
    assert not gc.isenabled()

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle only the collector frees
    gone = weakref.ref(a)
    del a, b
    garbage = [[i] for i in range(gc.get_threshold()[0] * 2)]  # allocations past the first threshold
    assert gone() is not None
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    del garbage
