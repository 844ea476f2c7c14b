from datetime import UTC, datetime, timedelta

from desktop.core.calendar import ServiceCalendar
from desktop.core.grouping import split_by_gaps, starts_new_case
from desktop.core.response import ResponsePolicy, first_wait_overdue

T = datetime(2024, 3, 14, 10, 0)


def test_split_by_gaps_sorts_and_cuts():
    items = [("c", T + timedelta(hours=30)), ("a", T), ("b", T + timedelta(hours=2)), ("x", None),
             ("d", (T + timedelta(hours=31)).replace(tzinfo=UTC))]
    assert split_by_gaps(items, timedelta(hours=12)) == [["a", "b", "x"], ["c", "d"]]
    assert split_by_gaps([("x", None)], timedelta(hours=1)) == [["x"]]
    assert split_by_gaps([], timedelta(hours=1)) == []


def test_starts_new_case():
    gap = timedelta(days=7)
    assert not starts_new_case(None, T, gap)
    assert not starts_new_case(T, T + timedelta(days=6), gap)
    assert starts_new_case(T, T + timedelta(days=8), gap)


def test_response_policy_measures_in_working_time():
    policy = ResponsePolicy(ServiceCalendar(), norm_minutes=60, live_for=timedelta(days=7))
    msgs = [(T, True), (T + timedelta(minutes=5), True), (T + timedelta(minutes=90), False),
            (T + timedelta(days=1), True)]  # Thursday 10:00, answered 11:30; Friday 10:00 waits
    r = policy.measure(msgs, now=T + timedelta(days=1, hours=3), case_open=True)
    assert (r.first_message_at.replace(tzinfo=None), r.first_answer_minutes) == (T, 90)
    assert [round(w.minutes) for w in r.breaches] == [90, 180]  # the late answer, and Friday's open wait
    assert first_wait_overdue(r) is False  # the first wait was answered
    silent = policy.measure([(T, True)], now=T + timedelta(days=30), case_open=True)
    assert silent.open_wait is None and not silent.breaches  # silent past the live window: no overdue
    assert first_wait_overdue(policy.measure([(T, True)], now=T + timedelta(hours=3), case_open=True))
    assert not first_wait_overdue(policy.measure([(T, True)], now=T + timedelta(hours=3), case_open=False))
    assert policy.measure([], now=T, case_open=True).first_message_at is None
