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


def test_instants_at_the_ends_of_time_never_run_off_the_calendar():
    """A damaged export's message dated 31/12/9999 or 01/01/0001: the working-time sums reckon between 1900 and
    2200 instead of overflowing (every case list, export and `sla` of the library used to fail on it)."""
    from datetime import UTC

    from desktop.core.calendar import LATEST, ServiceCalendar

    cal = ServiceCalendar()
    end, start = datetime(9999, 12, 31, 23, 59), datetime(1, 1, 1)
    assert cal.working_minutes(start, datetime(1900, 1, 10)) > 0
    assert cal.working_minutes(datetime(2024, 5, 17, 9), end) > 0
    assert cal.add_working_minutes(end, 60).replace(tzinfo=None) > LATEST
    assert cal.add_working_minutes(end.replace(tzinfo=UTC), 60).year == 2200
    assert cal.instant(end).year == 9999 and cal.instant(start.replace(tzinfo=UTC)).year == 1
