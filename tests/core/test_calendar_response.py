"""Working-time arithmetic and response times: evenings, weekends, a public holiday, DST, the open wait."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from desktop.core.calendar import ServiceCalendar
from desktop.core.response import case_response
from desktop.core.sla import SlaCase, nearest_rank, sla_report

EASTER_MONDAY = date(2024, 4, 1)
CAL = ServiceCalendar(holidays=frozenset({EASTER_MONDAY}))  # Mon-Fri 08:30-17:30, Europe/Amsterdam
AMS = CAL.zone


def t(*a) -> datetime:
    return datetime(*a)


@pytest.mark.parametrize("a, b, minutes", [
    (t(2024, 3, 27, 10, 0), t(2024, 3, 27, 10, 45), 45),  # within one day
    (t(2024, 3, 27, 17, 0), t(2024, 3, 28, 9, 0), 60),  # across the evening: 30 + 30
    (t(2024, 3, 27, 20, 0), t(2024, 3, 28, 8, 0), 0),  # evening to before opening
    (t(2024, 3, 29, 17, 0), t(2024, 4, 2, 9, 0), 60),  # Friday evening, weekend, Easter Monday, Tuesday
    (t(2024, 3, 30, 12, 0), t(2024, 3, 31, 12, 0), 0),  # weekend only
    (t(2024, 3, 27, 9, 0), t(2024, 3, 27, 9, 0), 0),
    (t(2024, 3, 27, 12, 0), t(2024, 3, 27, 9, 0), 0),  # the end before the start
    (t(2024, 3, 25, 8, 30), t(2024, 3, 30, 0, 0), 5 * 9 * 60),  # a whole working week
])
def test_working_minutes(a, b, minutes):
    assert CAL.working_minutes(a, b) == minutes


def test_aware_instants_in_other_zones():
    # 16:00 UTC on a winter Wednesday is 17:00 in Amsterdam: 30 working minutes are left that day.
    a = datetime(2024, 1, 10, 16, 0, tzinfo=UTC)
    assert CAL.working_minutes(a, datetime(2024, 1, 11, 9, 0)) == 60
    ny = timezone(timedelta(hours=-5))
    assert CAL.working_minutes(datetime(2024, 1, 10, 4, 0, tzinfo=ny), a) == 420  # 10:00 to 17:00 in Amsterdam


@pytest.mark.parametrize("start, n, due", [
    (t(2024, 3, 27, 10, 0), 60, t(2024, 3, 27, 11, 0)),
    (t(2024, 3, 27, 17, 0), 60, t(2024, 3, 28, 9, 0)),  # 30 today, 30 tomorrow
    (t(2024, 3, 27, 22, 0), 60, t(2024, 3, 28, 9, 30)),  # at night: counting starts at opening
    (t(2024, 3, 29, 17, 15), 60, t(2024, 4, 2, 9, 15)),  # over the weekend and Easter Monday
    (t(2024, 3, 27, 10, 0), 0, t(2024, 3, 27, 10, 0)),
    (t(2024, 3, 25, 8, 30), 5 * 9 * 60, t(2024, 3, 29, 17, 30)),
])
def test_due_time(start, n, due):
    assert CAL.add_working_minutes(start, n) == due.replace(tzinfo=AMS)


def test_dst_days():
    # Sunday 31 March 2024 the clocks go forward at 02:00; a calendar that works on Sundays from 01:00 to 04:00
    # works two real hours that night, and one hour on the Sunday the clocks go back is three.
    night = ServiceCalendar(workdays=frozenset(range(7)), start=time(1, 0), end=time(4, 0))
    assert night.working_minutes(t(2024, 3, 31, 0, 0), t(2024, 3, 31, 5, 0)) == 120
    assert night.working_minutes(t(2024, 10, 27, 0, 0), t(2024, 10, 27, 5, 0)) == 240
    # Across the spring change, a normal office week still counts 9 hours a day.
    assert CAL.working_minutes(t(2024, 3, 29, 9, 0), t(2024, 4, 3, 9, 0)) == 8.5 * 60 + 9 * 60 + 30


def test_calendar_rejects_nonsense():
    with pytest.raises(ValueError):
        ServiceCalendar(workdays=frozenset())
    with pytest.raises(ValueError):
        ServiceCalendar(start=time(18), end=time(9))
    with pytest.raises(Exception):  # noqa: B017 - zoneinfo's own error for an unknown zone
        ServiceCalendar(tz="Mars/Olympus")


def test_first_answer_and_breaches():
    msgs = [(t(2024, 3, 29, 17, 0), True), (t(2024, 3, 29, 17, 5), True),  # Friday evening
            (t(2024, 4, 2, 9, 10), False),  # Tuesday after Easter: 30 + 40 = 70 working minutes
            (t(2024, 4, 2, 10, 0), True), (t(2024, 4, 2, 10, 20), False),  # 20 minutes
            (t(2024, 4, 2, 12, 0), True), (t(2024, 4, 2, 15, 0), False)]  # 180 minutes
    r = case_response(msgs, CAL)
    assert r.first_message_at == t(2024, 3, 29, 17, 0).replace(tzinfo=AMS)
    assert r.first_answer_at == t(2024, 4, 2, 9, 10).replace(tzinfo=AMS) and r.first_answer_minutes == 70
    assert [(w.since.hour, w.minutes, w.first) for w in r.waits] == [(17, 70, True), (10, 20, False), (12, 180, False)]
    assert [w.minutes for w in r.breaches] == [70, 180]
    assert r.breaches[0].due_at == t(2024, 4, 2, 9, 0).replace(tzinfo=AMS)
    assert r.due_at is None and r.unanswered_since is None
    js = r.to_json()
    assert js["first_answer_minutes"] == 70 and len(js["breaches"]) == 2 and js["due_at"] is None


def test_organisation_writing_first_opens_no_wait():
    r = case_response([(t(2024, 3, 27, 9, 0), False), (t(2024, 3, 27, 9, 30), True),
                       (t(2024, 3, 27, 9, 40), False)], CAL)
    assert r.first_message_at.hour == 9 and r.first_answer_minutes == 10 and len(r.waits) == 1


def test_open_wait_due_and_overdue():
    sent = t(2024, 3, 27, 17, 0)
    before = case_response([(sent, True)], CAL, now=t(2024, 3, 27, 17, 20))
    assert before.due_at == t(2024, 3, 28, 9, 0).replace(tzinfo=AMS)
    assert before.open_wait is not None and before.breaches == [] and before.open_wait.minutes == 20
    late = case_response([(sent, True)], CAL, now=t(2024, 3, 28, 11, 0))
    assert late.due_at == before.due_at and [w.minutes for w in late.breaches] == [30 + 150]
    assert late.breaches[0].open and late.breaches[0].answered_at is None


def test_no_open_wait_when_closed_or_old():
    sent = t(2021, 6, 1, 10, 0)
    old = case_response([(sent, True)], CAL, now=t(2024, 3, 27, 10, 0))  # an old chat imported today
    assert old.due_at is None and old.breaches == [] and old.unanswered_since == sent.replace(tzinfo=AMS)
    closed = case_response([(t(2024, 3, 27, 10, 0), True)], CAL, now=t(2024, 3, 27, 15, 0), case_open=False)
    assert closed.due_at is None and closed.breaches == []
    no_now = case_response([(t(2024, 3, 27, 10, 0), True)], CAL)
    assert no_now.due_at is None and no_now.unanswered_since is not None
    answered = case_response([(sent, True), (sent + timedelta(minutes=30), False)], CAL, now=t(2024, 3, 27))
    assert answered.first_answer_minutes == 30 and answered.breaches == [] and answered.due_at is None


def test_norm_is_a_parameter():
    r = case_response([(t(2024, 3, 27, 10, 0), True), (t(2024, 3, 27, 10, 45), False)], CAL, norm_minutes=30)
    assert [w.minutes for w in r.breaches] == [45]


def test_nearest_rank():
    assert nearest_rank([], 90) is None
    assert nearest_rank([5], 90) == 5
    assert nearest_rank(list(range(1, 11)), 90) == 9
    assert nearest_rank(list(range(1, 11)), 100) == 10
    assert nearest_rank([3, 1, 2], 50) == 2


def test_sla_report():
    d = date(2024, 3, 27)
    cases = [SlaCase("claim", "Anna", d, 10), SlaCase("claim", "Anna", d, 30), SlaCase("claim", "Anna", d, 90),
             SlaCase("claim", "Bob", d, 50), SlaCase("claim", "Bob", d, None, overdue=True),
             SlaCase("claim", "Bob", d, None),  # still within its time: not judged
             SlaCase("complaint", None, d, 5), SlaCase("complaint", None, date(2023, 1, 1), 500),
             SlaCase("claim", "Anna", None, 1)]
    rows = {(r.kind, r.handler): r for r in sla_report(cases, date_from=date(2024, 1, 1), date_to=d)}
    anna = rows[("claim", "Anna")]
    assert (anna.cases, anna.answered, anna.median_minutes, anna.p90_minutes) == (3, 3, 30, 90)
    assert anna.within_norm == pytest.approx(2 / 3)
    bob = rows[("claim", "Bob")]
    assert (bob.cases, bob.answered, bob.median_minutes, bob.within_norm) == (2, 1, 50, 0.5)
    assert rows[("complaint", "")].cases == 1  # the 2023 case is outside the range
    total = rows[("claim", "*")]
    assert (total.cases, total.answered, total.median_minutes, total.p90_minutes) == (5, 4, 40, 90)
    assert rows[("*", "*")].cases == 6
    assert rows[("*", "*")].to_json()["within_norm"] == round(4 / 6, 4)
    assert sla_report([]) == [sla_report([])[0]] and sla_report([])[0].cases == 0
