"""Retention per case kind, the listing of cases past it, a purge that spares held cases, and holds undone."""

from __future__ import annotations

from desktop.core.clock import now_local
from desktop.services import case_edit, retention
from desktop.services.audit import list_events
from desktop.services.cases import list_cases, list_customers
from desktop.services.settings import save_team_settings
from desktop.services.verify import verify_library
from tests.privacy.world import build, later


def test_listing_by_kind_and_purge_with_a_held_case(lib, tmp_path):
    emma, lars = build(lib, tmp_path)
    case_edit.update_case(lib, lars.cases[0], kind="complaint")
    assert retention.retention_due(lib) == []  # both closed today
    in3 = later(3)
    [due] = retention.retention_due(lib, in3)  # the complaint (2 years) is past, the claim (7) is not
    assert (due.ref, due.kind, due.years, due.hold) == (lars.cases[0], "complaint", 2, None)
    assert due.until.date() == due.closed_at.date().replace(year=due.closed_at.year + 2)
    assert set(due.to_json()) == {"case", "kind", "closed_at", "years", "until", "customer", "held", "hold"}
    in8 = later(8)
    assert [d.ref for d in retention.retention_due(lib, in8)] == [*lars.cases, *emma.cases]  # by end of period

    retention.hold_case(lib, emma.cases[0], "court case 2026/0123")
    receipts = retention.purge(lib, in8)
    assert [r.cases for r in receipts] == [lars.cases]  # one receipt per case; the held one is kept
    assert receipts[0].customer_removed and "complaint, 2 years after closing" in receipts[0].reason
    assert [c.id for c in list_customers(lib)] == [emma.id]
    assert [c.ref for c in list_cases(lib)] == emma.cases
    [held] = retention.retention_due(lib, in8)
    assert held.ref == emma.cases[0] and held.hold is not None and held.hold.reason == "court case 2026/0123"
    assert verify_library(lib).ok
    assert [e.action for e in list_events(lib, lars.cases[0])][-1] == "case-purged"


def test_periods_are_team_settings(lib, tmp_path):
    emma, lars = build(lib, tmp_path)
    team = lib.team
    team.retention_years = {"claim": 1}
    save_team_settings(lib, team)
    assert lib.team.retention_years == {"claim": 1}
    # claims after 1 year now; complaints keep their default of 2
    assert {d.ref for d in retention.retention_due(lib, later(1))} == {*emma.cases, *lars.cases}


def test_a_hold_is_undone_exactly(lib, tmp_path):
    emma, _ = build(lib, tmp_path)
    ref = emma.cases[0]
    assert retention.hold_case(lib, ref, "first reason") is None
    first = retention.hold_of(lib, ref)
    before = retention.hold_case(lib, ref, "second reason")
    assert before == first
    retention.restore_hold(lib, ref, before)  # undo the second hold
    assert retention.hold_of(lib, ref) == first
    removed = retention.release_case(lib, ref)
    assert removed == first and retention.hold_of(lib, ref) is None
    retention.restore_hold(lib, ref, removed)  # undo the release
    assert retention.hold_of(lib, ref) == first
    assert first.by == lib.handler and first.at <= now_local()
