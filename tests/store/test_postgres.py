"""The same library on PostgreSQL (a team's shared database). CI starts a local server and sets the URL."""

from __future__ import annotations

import os

import pytest

from desktop.services import duplicates
from desktop.services.cases import list_cases, list_media
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.verify import verify_store
from desktop.settings import AppPaths
from tests.conftest import empty_postgres
from tests.gen import jpeg

PG_URL = os.environ.get("CASEDESK_TEST_PG_URL")


@pytest.fixture
def pg_lib(tmp_path):
    lib = Library(AppPaths(tmp_path / "lib"), empty_postgres())
    yield lib
    lib.close()


def test_import_list_duplicates_verify_on_postgres(pg_lib, tmp_path):
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33", offset="+02:00", subsec="5")
    jpeg(src / "b.jpg", seed=2, taken="2024:03:14 10:13:00")
    (src / "a copy.jpg").write_bytes((src / "a.jpg").read_bytes())
    report = import_paths(pg_lib, [src])
    assert report.imported == 3 and report.rejected == []
    assert import_paths(pg_lib, [src]).already_present == 3
    media = {m.name: m for m in list_media(pg_lib)}
    assert media["a.jpg"].to_json()["taken_at"] == "2024-03-14T10:12:33.500000+02:00"
    assert media["b.jpg"].taken_at.tzinfo is None
    assert {media["a.jpg"].duplicate_kind, media["a copy.jpg"].duplicate_kind} == {None, "exact"}
    assert len(duplicates.list_groups(pg_lib)) == 1
    assert [c.media for c in list_cases(pg_lib)] == [3]
    assert verify_store(pg_lib).ok


def test_a_read_unit_is_one_snapshot_and_long_text_fits_on_postgres(pg_lib, tmp_path):
    from datetime import datetime

    from desktop.core.calendar import ServiceCalendar
    from desktop.core.response import ResponsePolicy
    from desktop.services.cases import get_case, list_cases

    policy = ResponsePolicy(ServiceCalendar())
    import_paths(pg_lib, [jpeg(tmp_path / "a" / "a.jpg", seed=1).parent])
    with pg_lib.unit() as uow:
        before = [c.ref for c in uow.cases.summaries(policy)]
        import_paths(pg_lib, [jpeg(tmp_path / "b" / "b.jpg", seed=2).parent])
        assert len(list_cases(pg_lib)) == 2
        assert [c.ref for c in uow.cases.summaries(policy)] == before and len(before) == 1
    with pg_lib.unit(write=True) as uow:  # PostgreSQL refuses text longer than its column: cut, not an error
        case = uow.cases.create(title="t" * 1000, opened_at=datetime(2026, 1, 2))
    assert len(get_case(pg_lib, case.ref).title) == 300


def test_a_long_handler_name_fits_the_audit_log_on_postgres(pg_lib, tmp_path):
    from desktop.services import case_edit
    from desktop.services.audit import list_events

    pg_lib.handler = "Anna " * 60
    ref = import_paths(pg_lib, [jpeg(tmp_path / "a" / "a.jpg", seed=1).parent]).cases[0]
    case_edit.add_note(pg_lib, ref, "A note by someone with a long name")
    assert {e.actor for e in list_events(pg_lib, ref)} == {pg_lib.handler[:100]}


def test_a_long_chat_with_attachments_on_postgres(pg_lib, tmp_path):
    """A chat's messages go in 2,000 at a time (one executemany), an attachment's message at once, its id looked up
    by its key: on PostgreSQL as on SQLite each attachment lands on its own message, and a re-export adds nothing."""
    from desktop.services.cases import list_messages
    from tests.services.test_chat_import import BUSINESS, long_export

    pg_lib.team.business_names = BUSINESS
    placed = long_export(tmp_path / "export")
    report = import_paths(pg_lib, [tmp_path / "export"])
    assert report.rejected == [] and report.imported == len(placed)
    messages = list_messages(pg_lib)
    assert len(messages) == 4500
    for m in list_media(pg_lib):
        on = [x for x in messages if m.sha256 in x.attachments]
        assert len(on) == 1 and (on[0].sent_at, on[0].sender) == placed[m.name], m.name
    assert import_paths(pg_lib, [tmp_path / "export"]).imported == 0
    assert len(list_messages(pg_lib)) == 4500
