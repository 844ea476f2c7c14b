"""The case list keeps each case's response times (``case_response``, ``desktop.store.response_cache``) and gives
exactly what measuring every message again gives, after every kind of edit, on SQLite and PostgreSQL.

``expected`` measures the way the list did before it kept anything: every message of every case read and
measured (``ResponsePolicy.measure``), times shown as stored. The list is compared with it field by field, by
``repr`` (so a time in another zone object, or a float that lost a bit, counts as a difference), twice after
each edit: the first list measures what changed and keeps it, the second reads what was kept.
"""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.core.calendar import ServiceCalendar
from desktop.core.model import CaseStatus, MessageKind
from desktop.core.response import ResponsePolicy
from desktop.services import case_edit, undo
from desktop.services.calendar import response_policy
from desktop.services.cases import list_cases, list_customers, list_messages
from desktop.services.erasure import erase_customer
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.settings import undo_settings_change, update_team_settings
from desktop.settings import AppPaths
from desktop.store import response_cache, tables
from desktop.store.db import make_engine
from tests.conftest import empty_postgres
from tests.gen import jpeg, zip_of
from tests.intake.mailgen import simple_eml

PG_URL = os.environ.get("CASEDESK_TEST_PG_URL")
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # a day after the last unanswered customer message


def chat(root: Path, name: str, lines: list[str]) -> Path:
    title = f"WhatsApp Chat with {name}"
    root.mkdir(parents=True, exist_ok=True)
    return zip_of(root / f"{title}.zip", [(f"{title}.txt", ("\n".join(lines) + "\n").encode())])


def build(root: Path, lib: Library) -> None:
    sophie = chat(root / "in", "Sophie Bakker", [
        "16/11/2026, 09:40 - Sophie Bakker: My washing machine flooded the kitchen.",
        "16/11/2026, 09:50 - Claims Team: Thank you, we are on it.",
        "16/11/2026, 11:00 - Sophie Bakker: The floor is wet.",
        "16/11/2026, 15:30 - Claims Team: An expert comes tomorrow.",  # late: a breach
        "17/11/2026, 08:00 - Sophie Bakker: Thank you.",
        "17/11/2026, 08:01 - Sophie Bakker: The plumber comes tomorrow."])  # unanswered: open at NOW
    daan = chat(root / "in", "Daan Visser", [
        "25/10/2026, 02:30 - Daan Visser: Storm damage on the roof.",  # the hour the clocks went back
        "26/10/2026, 10:00 - Claims Team: We will send someone.",
        "26/10/2026, 10:00 - Daan Visser: Thanks!"])  # the same minute as the answer
    mails = root / "in" / "mails"
    mails.mkdir(parents=True)
    (mails / "a.eml").write_bytes(simple_eml(
        "Ana Costa <ana@example.org>", "joris@insurer.example", "Broken window",
        datetime(2026, 6, 4, 10, 0, tzinfo=CEST), message_id="<a1@example.org>"))
    (mails / "b.eml").write_bytes(simple_eml(  # not a reply: taken for the customer's until the settings say
        "Joris <joris@insurer.example>", "team@insurer.example", "Window: expert booked",
        datetime(2026, 6, 4, 13, 30, tzinfo=CEST), message_id="<j1@insurer.example>"))
    photos = root / "in" / "photos"
    jpeg(photos / "a.jpg", seed=1, taken="2026:11:10 10:00:00")
    for p in (sophie, daan, mails, photos):
        import_paths(lib, [p])


def _shown_times(policy: ResponsePolicy, timed: list, now: datetime, case_open: bool) -> tuple:
    m = policy.measure(timed, now=now, case_open=case_open)
    original = {policy.calendar.instant(t): t for t, _ in timed if t is not None and t.tzinfo is not None}

    def shown(t: datetime | None) -> datetime | None:
        if t is None:
            return None
        return (original.get(t) if original else None) or t.replace(tzinfo=None)

    wait = m.open_wait
    return (shown(m.first_message_at), shown(m.first_answer_at), m.first_answer_minutes,
            shown(wait.since) if wait else None, m.due_at, [(shown(w.since), w.minutes or 0.0) for w in m.breaches],
            [w.to_json() for w in m.breaches])


def expected(lib: Library, now: datetime) -> dict[str, str]:
    """ref -> repr of the response-time fields, measured from every message (what the list did before)."""
    policy = response_policy(lib.team)
    Case, Message = tables.case_.c, tables.message.c  # noqa: N806
    with lib.db.engine.connect() as conn:
        cases = conn.execute(select(Case.id, Case.ref, Case.status, Case.answered_at)
                             .where(Case.erased_at.is_(None)).order_by(Case.id)).all()
        msgs: dict[int, list] = {}
        for cid, t, fc in conn.execute(select(Message.case_id, Message.sent_at, Message.from_customer)
                                       .where(Message.kind != MessageKind.SYSTEM)
                                       .order_by(Message.case_id, Message.kind, Message.sent_at,
                                                 Message.from_customer)):
            msgs.setdefault(cid, []).append((t, fc))
    out = {}
    for cid, ref, status, answered_at in cases:
        timed = msgs.get(cid, []) + ([(answered_at, False)] if answered_at is not None else [])
        out[ref] = repr(_shown_times(policy, timed, now, status != CaseStatus.CLOSED))
    return out


def listed(lib: Library, now: datetime) -> dict[str, str]:
    return {c.ref: repr((c.first_message_at, c.first_answer_at, c.first_answer_minutes, c.waiting_since, c.due_at,
                         c.overdue, c.breaches)) for c in list_cases(lib, now=now)}


def measured_again(lib: Library, now: datetime) -> set[str]:
    """The references of the cases whose kept response times a list cannot use (it measures them again)."""
    with lib.unit() as uow:
        out = uow.cases.summaries(response_policy(lib.team), now=now)
        ids = {cid for cid, _, _ in uow.cases.measured}
    return {c.ref for c in out if c.id in ids}


def kept_rows(lib: Library) -> dict[int, str]:
    with lib.db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT case_id, key FROM case_response")).all())


def check(lib: Library, now: datetime = NOW) -> None:
    want = expected(lib, now)
    assert listed(lib, now) == want  # measures what changed, keeps it
    assert measured_again(lib, now) == set()  # everything is kept now
    assert listed(lib, now) == want  # from what was kept


@pytest.fixture(params=["sqlite", "postgresql"])
def lib(request, tmp_path):
    url = empty_postgres() if request.param == "postgresql" else None
    library = Library(AppPaths(tmp_path / "lib"), url, handler="Anna")
    build(tmp_path, library)
    yield library
    library.close()


def refs_by_title(lib: Library) -> dict[str, str]:
    return {c.title: c.ref for c in list_cases(lib)}


def test_the_kept_response_times_are_what_measuring_every_message_gives_after_every_edit(lib, tmp_path):
    check(lib)
    cases = {c.ref: c for c in list_cases(lib, now=NOW)}
    with_messages = {m.case_ref for m in list_messages(lib)}
    assert len(with_messages) >= 3 and len(cases) > len(with_messages)  # the photos' case has no message
    assert {c.id for c in cases.values() if c.ref in with_messages} == set(kept_rows(lib))
    sophie = next(c for c in cases.values() if c.customer == "Sophie Bakker")
    assert sophie.waiting_since == datetime(2026, 11, 17, 8, 0) and sophie.breaches[-1]["open"]  # live at NOW
    assert any(not b["open"] for b in sophie.breaches)  # the late answer

    # import: a new chat makes a new case; only that one is measured
    before = set(cases)
    import_paths(lib, [chat(tmp_path / "more", "Emma Jansen", [
        "10/11/2026, 09:00 - Emma Jansen: My bike was stolen.",
        "12/11/2026, 16:00 - Claims Team: Sorry to hear that."])])
    again = measured_again(lib, NOW)
    assert again == set(refs_by_title(lib).values()) - before and len(again) == 1
    check(lib)

    # move messages between cases (split), merge, undo of the merge
    msgs = [m for m in list_messages(lib, case_ref=sophie.ref)]
    split = case_edit.split_case(lib, sophie.ref, msgs[2].id)
    assert measured_again(lib, NOW) == {sophie.ref, split}
    check(lib)
    daan = next(c.ref for c in cases.values() if c.customer == "Daan Visser")
    rec = case_edit.merge_cases(lib, split, daan)
    assert measured_again(lib, NOW) == {daan}  # the emptied case has nothing to measure
    check(lib)
    case_edit.undo_merge(lib, rec)
    check(lib)

    # the handler's "answered" mark, then the case closed (no open wait any more), each undone
    case_edit.update_case(lib, sophie.ref, answered=True)
    assert measured_again(lib, NOW) == {sophie.ref}
    check(lib)
    case_edit.update_case(lib, split, status=CaseStatus.CLOSED.value)
    check(lib)
    undo.undo_last(lib)
    check(lib)
    undo.undo_last(lib)
    check(lib)

    # settings: the norm and the calendar (every case measured again), and who the organisation is (roles)
    norm = update_team_settings(lib, answer_norm_minutes=240)
    assert measured_again(lib, NOW) == set(kept_cases(lib))
    check(lib)
    undo_settings_change(lib, norm)
    check(lib)
    hours = update_team_settings(lib, calendar_start="07:00", calendar_extra_holidays=["2026-11-16"])
    check(lib)
    roles = update_team_settings(lib, org_domains=["insurer.example"])
    assert roles.roles.messages == 1
    check(lib)
    undo_settings_change(lib, roles)
    undo_settings_change(lib, hours)
    check(lib)
    check(lib, now=NOW + timedelta(days=30))  # the same kept rows, another now: the open wait is not live

    # erasure: the erased messages' times leave the kept rows too
    ana = next(c for c in list_customers(lib) if c.email == "ana@example.org")
    ana_cases = {c.id for c in list_cases(lib) if c.customer_id == ana.id}
    for c in list_cases(lib):
        if c.id in ana_cases:
            case_edit.update_case(lib, c.ref, status=CaseStatus.CLOSED.value)
    check(lib)
    assert ana_cases & set(kept_rows(lib))
    erase_customer(lib, ana.id, "asked for it", override_basis="GDPR art. 17, no claim was made")
    assert not ana_cases & set(kept_rows(lib))
    check(lib)


def kept_cases(lib: Library) -> list[str]:
    ids = set(kept_rows(lib))
    return [c.ref for c in list_cases(lib) if c.id in ids]


def test_a_read_only_library_lists_without_keeping(lib):
    if lib.db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite file opened read-only")
    want = expected(lib, NOW)
    lib.db.engine.dispose()
    lib.db.engine = make_engine(lib.db.url, frozen=True)  # what a full disk opens: read-only and immutable
    lib.db.frozen = True
    assert listed(lib, NOW) == want and kept_rows(lib) == {}
    assert not response_cache.keep(lib.db.engine, [(1, "0" * 32, "[]")])  # refused by SQLite, not raised


def test_two_desks_keeping_at_once_do_not_fail(lib):
    """Both lists measured the same cases; both write them, in case order: one waits for the other (or gives up
    after a moment), none fails, and what is kept is valid."""
    with lib.unit() as uow:
        uow.cases.summaries(response_policy(lib.team), now=NOW)
        rows = list(uow.cases.measured)
    assert rows
    results: list[bool] = []
    errors: list[BaseException] = []

    def desk() -> None:
        try:
            for _ in range(5):
                results.append(response_cache.keep(lib.db.engine, list(reversed(rows))))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and any(results)
    assert measured_again(lib, NOW) == set()
    check(lib)


def test_what_is_kept_is_given_back_exactly():
    """Times at the hour the clocks go back (twice the same wall time) and forward (a wall time that never was),
    e-mails in two offsets at the same instant, an answer in the same minute as the question."""
    policy = ResponsePolicy(ServiceCalendar(), norm_minutes=60)
    amsterdam = policy.calendar.zone
    timed = [
        (datetime(2026, 10, 25, 2, 30), True), (datetime(2026, 10, 25, 2, 30, tzinfo=CET), False),
        (datetime(2026, 10, 25, 2, 15, tzinfo=CEST), True), (datetime(2026, 10, 26, 10, 0), False),
        (datetime(2026, 3, 29, 2, 30), True), (datetime(2026, 3, 29, 3, 30, tzinfo=CEST), True),
        (datetime(2026, 3, 30, 9, 0, tzinfo=CEST), False), (datetime(2026, 3, 30, 8, 0, tzinfo=UTC), True),
        (datetime(2026, 3, 30, 10, 0, tzinfo=CEST), False), (datetime(2026, 4, 2, 10, 0), True),
        (datetime(2026, 4, 2, 10, 0), False), (datetime(2026, 4, 3, 10, 0, tzinfo=CEST), True),
        (datetime(2026, 10, 25, 2, 45, fold=1).replace(tzinfo=amsterdam).astimezone(CET), True),
    ]
    for n in range(len(timed) + 1):
        m = response_cache.measure(policy, timed[:n])
        text_ = response_cache.encode(m, policy)
        assert text_ is not None
        back = response_cache.decode(text_, policy)
        assert repr(back) == repr(m) and back == m
        for t, u in zip((back.unanswered_since, back.first_message_at), (m.unanswered_since, m.first_message_at),
                        strict=True):
            assert (t is None and u is None) or (t.tzinfo is u.tzinfo or t.tzinfo == u.tzinfo) and t.fold == u.fold


def test_the_policy_fingerprint_changes_with_what_the_measurement_depends_on():
    from dataclasses import replace

    from desktop.core.team import TeamSettings
    from desktop.services.calendar import policy_fingerprint

    team = TeamSettings()
    fp = response_policy(team).fingerprint
    assert len(fp) == 32 and fp == response_policy(replace(team)).fingerprint
    others = {response_policy(replace(team, **change)).fingerprint for change in (
        {"answer_norm_minutes": 30}, {"case_gap_days": 3}, {"calendar_timezone": "Europe/London"},
        {"calendar_country": "BE"}, {"calendar_workdays": [0, 1, 2, 3, 4, 5]}, {"calendar_end": "17:00"},
        {"calendar_extra_holidays": ["2026-12-24"]})}
    assert len(others) == 7 and fp not in others
    settings = ("NL", None, "Europe/Amsterdam")
    assert policy_fingerprint(settings, "Europe/Amsterdam") != policy_fingerprint(settings, "Europe/Brussels")
