"""Team settings as JSON: a round trip keeps them, bad values keep their defaults, unknown keys are ignored."""

from __future__ import annotations

from desktop.core.team import TeamSettings


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
