from datetime import UTC, datetime, timedelta

from desktop.core.grouping import split_by_gaps, starts_new_case
from desktop.core.response import response_times

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


def test_response_times():
    norm = timedelta(minutes=60)
    msgs = [(T, True), (T + timedelta(minutes=5), True), (T + timedelta(minutes=90), False),
            (T + timedelta(days=1), True)]
    rt = response_times(msgs, norm)
    assert rt.first_message_at == T
    assert rt.first_answer_at == T + timedelta(minutes=90)
    assert rt.overdue == [(T, timedelta(minutes=90))]
    assert rt.waiting_since == T + timedelta(days=1)
    answered = response_times(msgs[:3], norm)
    assert answered.waiting_since is None
    late = response_times([(T, True)], norm, now=T + timedelta(hours=3))
    assert late.overdue == [(T, timedelta(hours=3))]
    assert response_times([], norm).first_message_at is None
