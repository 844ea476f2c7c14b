"""The service calendar built from the ``holidays`` package (desktop.services.calendar)."""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest

from desktop.core.response import case_response
from desktop.services.calendar import calendar_from_prefs, public_holidays, service_calendar


def test_dutch_public_holidays():
    nl = public_holidays("NL", [2024])
    assert {date(2024, 1, 1), date(2024, 4, 1), date(2024, 4, 27), date(2024, 5, 9), date(2024, 12, 26)} <= nl
    assert date(2024, 4, 26) not in nl


def test_kings_day_is_not_working_time():
    cal = service_calendar(years=[2023])
    # Wednesday 26 April 2023, 17:00 -> Friday 28 April 09:00: King's Day (Thursday) does not count.
    assert cal.working_minutes(datetime(2023, 4, 26, 17, 0), datetime(2023, 4, 28, 9, 0)) == 60
    r = case_response([(datetime(2023, 4, 26, 17, 0), True), (datetime(2023, 4, 28, 9, 15), False)], cal)
    assert r.first_answer_minutes == 75 and len(r.breaches) == 1


def test_settings_and_extra_days():
    prefs = SimpleNamespace(calendar_country="DE", calendar_subdivision="BY", calendar_workdays=[0, 1, 2, 3],
                            calendar_start="09:00", calendar_end="17:00", calendar_extra_holidays=["2024-12-24"])
    cal = calendar_from_prefs(prefs)
    assert (cal.start, cal.end, cal.workdays) == (time(9), time(17), frozenset({0, 1, 2, 3}))
    assert date(2024, 1, 6) in cal.holidays  # Epiphany in Bavaria
    assert date(2024, 12, 24) in cal.holidays
    assert calendar_from_prefs(object()).tz == "Europe/Amsterdam"


def test_unknown_country():
    with pytest.raises(ValueError):
        public_holidays("XX", [2024])
