"""Team settings as JSON: a round trip keeps them, bad values keep their defaults, unknown keys are ignored."""

from __future__ import annotations

from desktop.core.team import TeamSettings, setting_problem


def test_round_trip_and_unknown_keys():
    team = TeamSettings(business_names=["Schadeafdeling"], default_region="BE", answer_norm_minutes=30,
                        dup_same_shift=1.6)
    assert TeamSettings.from_json(team.to_json()) == team
    assert TeamSettings.from_json({**team.to_json(), "retention_years": 7}) == team
    assert TeamSettings.from_json(["not", "an", "object"]) == TeamSettings()


def test_wrongly_typed_values_keep_their_defaults():
    team = TeamSettings.from_json({"answer_norm_minutes": 0, "case_gap_days": "7", "dup_similar_corr": -1,
                                   "default_region": 31, "business_names": "Claims Team"})
    assert team == TeamSettings()


def test_calendar_and_organisation_settings_are_team_settings():
    team = TeamSettings.from_json({"calendar_country": "DE", "calendar_subdivision": "BY",
                                   "calendar_timezone": "Europe/Berlin", "calendar_workdays": [0, 1, 2, 3],
                                   "calendar_start": "09:00", "calendar_end": "17:00",
                                   "calendar_extra_holidays": ["2024-12-24"], "org_emails": ["Schade@Polder.example"],
                                   "org_domains": ["@polder.example"], "business_names": ["Polder"]})
    assert (team.calendar_country, team.calendar_timezone, team.calendar_workdays) == ("DE", "Europe/Berlin",
                                                                                       [0, 1, 2, 3])
    org = team.org()
    assert org.emails == ("schade@polder.example",) and org.domains == ("polder.example",)
    assert TeamSettings.from_json(team.to_json()) == team


def test_nonsense_calendar_values_keep_their_defaults():
    team = TeamSettings.from_json({"calendar_timezone": "Mars/Olympus", "calendar_workdays": [7],
                                   "calendar_start": "8.30", "calendar_extra_holidays": ["24-12-2024"],
                                   "calendar_country": "Netherlands", "org_emails": ["not an address"]})
    assert team == TeamSettings()
    backwards = TeamSettings.from_json({"calendar_start": "18:00", "calendar_end": "09:00"})
    assert (backwards.calendar_start, backwards.calendar_end) == ("08:30", "17:30")
    assert setting_problem("calendar_workdays", [], [0]) is not None
    assert setting_problem("calendar_start", "09:15", "08:30") is None
