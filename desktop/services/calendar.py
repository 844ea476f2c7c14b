"""The service calendar from the settings, with public holidays from the ``holidays`` package.

``desktop.core.calendar.ServiceCalendar`` does the arithmetic; this module only fills in the holiday dates (the
package has them per country and region, offline) and reads the calendar settings. Settings read from the
preferences object, each with its default when absent: ``calendar_country`` ("NL"), ``calendar_subdivision``
(None), ``calendar_timezone`` ("Europe/Amsterdam"), ``calendar_workdays`` ([0, 1, 2, 3, 4], Monday = 0),
``calendar_start`` ("08:30"), ``calendar_end`` ("17:30"), ``calendar_extra_holidays`` (ISO dates: days the office
is closed beyond the public holidays).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

import holidays

from desktop.core.calendar import ServiceCalendar

FIRST_YEAR = 2000  # chats and mails older than this are not measured against holidays


def public_holidays(country: str = "NL", years: Iterable[int] | None = None,
                    subdivision: str | None = None) -> frozenset[date]:
    """Public holiday dates of ``country`` (ISO 3166 code) for ``years`` (default 2000 to next year).

    An unknown country or subdivision raises ``ValueError`` with the package's message."""
    span = list(years) if years is not None else list(range(FIRST_YEAR, datetime.now().year + 2))
    try:
        table = holidays.country_holidays(country.upper(), subdiv=subdivision, years=span)
    except NotImplementedError as e:  # the package's error for an unknown country or subdivision
        raise ValueError(str(e)) from None
    return frozenset(table.keys())


def _clock(value: object, default: time) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        return default


def service_calendar(*, country: str = "NL", subdivision: str | None = None, tz: str = "Europe/Amsterdam",
                     workdays: Iterable[int] = (0, 1, 2, 3, 4), start: str | time = "08:30",
                     end: str | time = "17:30", extra_holidays: Iterable[date | str] = (),
                     years: Iterable[int] | None = None) -> ServiceCalendar:
    """A calendar whose holidays are the country's public holidays plus ``extra_holidays``."""
    extra = {d if isinstance(d, date) else date.fromisoformat(str(d)) for d in extra_holidays}
    return ServiceCalendar(tz=tz, workdays=frozenset(int(d) for d in workdays), start=_clock(start, time(8, 30)),
                           end=_clock(end, time(17, 30)),
                           holidays=public_holidays(country, years, subdivision) | frozenset(extra))


def calendar_from_prefs(prefs: object) -> ServiceCalendar:
    """The calendar the settings describe (attribute names in the module docstring; defaults when absent)."""
    g = lambda name, default: getattr(prefs, name, default)  # noqa: E731
    return service_calendar(
        country=g("calendar_country", "NL"), subdivision=g("calendar_subdivision", None),
        tz=g("calendar_timezone", "Europe/Amsterdam"), workdays=g("calendar_workdays", [0, 1, 2, 3, 4]),
        start=g("calendar_start", "08:30"), end=g("calendar_end", "17:30"),
        extra_holidays=g("calendar_extra_holidays", []),
    )
