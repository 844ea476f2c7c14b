"""Team settings live in the library's database: every desk opening it reads them; the window's language stays
in the desk's own preferences file."""

from __future__ import annotations

import json
from dataclasses import replace

from desktop.services.audit import list_events
from desktop.services.cases import list_customers
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.settings import save_team_settings, team_settings
from desktop.settings import AppPaths, Preferences
from desktop.store.schema import Setting
from tests.gen import jpeg


def test_saved_settings_reach_every_desk_and_are_audited(tmp_path):
    paths = AppPaths(tmp_path / "lib")
    with Library(paths, handler="anna") as anna, Library(paths, handler="piet") as piet:
        changed = save_team_settings(anna, replace(anna.team, business_names=["Schadeafdeling"], case_gap_days=3))
        assert changed == ["business_names", "case_gap_days"]
        assert save_team_settings(anna, anna.team) == []  # nothing changed: nothing written
        assert piet.team.business_names != ["Schadeafdeling"]  # piet's desk keeps its cache until it asks
        assert team_settings(piet).business_names == ["Schadeafdeling"] and piet.team.case_gap_days == 3
        [event] = [e for e in list_events(piet) if e.action == "settings-changed"]
        assert (event.actor, event.detail["changed"]) == ("anna", ["business_names", "case_gap_days"])
    assert "business_names" not in Preferences.read_raw(paths.preferences_file)


def test_the_old_preferences_file_seeds_a_library_once(tmp_path):
    paths = AppPaths(tmp_path / "lib")
    paths.data_dir.mkdir(parents=True)
    paths.preferences_file.write_text(json.dumps({"business_names": ["Klantenservice"], "answer_norm_minutes": 45,
                                                  "language": "nl"}))
    with Library(paths) as lib:
        assert lib.team.business_names == ["Klantenservice"] and lib.team.answer_norm_minutes == 45
        assert lib.prefs.language == "nl"
        lib.save_prefs()  # the window's preferences file now holds only the window's preferences
    assert Preferences.read_raw(paths.preferences_file) == {"language": "nl"}
    paths.preferences_file.write_text(json.dumps({"business_names": ["Someone else"]}))
    with Library(paths) as lib:
        assert lib.team.business_names == ["Klantenservice"]  # the database is the team's, not the file


def test_business_names_from_the_database_decide_who_the_customer_is(tmp_path):
    paths = AppPaths(tmp_path / "lib")
    src = tmp_path / "export"
    src.mkdir()
    (src / "WhatsApp Chat with Schadeafdeling.txt").write_text(
        "14/03/2024, 09:15 - Schadeafdeling: Good morning, how can we help?\n"
        "14/03/2024, 09:16 - Jan Jansen: IMG-20240314-WA0001.jpg (file attached)\n", encoding="utf-8")
    jpeg(src / "IMG-20240314-WA0001.jpg", seed=3)
    with Library(paths) as lib:
        save_team_settings(lib, replace(lib.team, business_names=["Schadeafdeling"]))
    with Library(paths) as lib:
        report = import_paths(lib, [src])
        assert report.rejected == [] and report.imported == 1
        assert [c.name for c in list_customers(lib)] == ["Jan Jansen"]


def test_a_setting_from_a_newer_desk_is_kept(tmp_path):
    paths = AppPaths(tmp_path / "lib")
    with Library(paths) as lib:
        with lib.db.session() as s:
            s.add(Setting(key="team.archive_years_v9", value="7"))
        save_team_settings(lib, replace(lib.team, file_gap_hours=6))
        with lib.db.session() as s:
            assert s.get(Setting, "team.archive_years_v9").value == "7"
        assert team_settings(lib).file_gap_hours == 6
