"""The service calendar from the team settings, with public holidays from the ``holidays`` package.

``desktop.core.calendar.ServiceCalendar`` does the arithmetic; this module only fills in the holiday dates (the
package has them per country and region, offline) and reads the calendar settings. The settings read (fields of
``desktop.core.team.TeamSettings``, each with its default when absent): ``calendar_country`` ("NL"),
``calendar_subdivision`` ("" or None: none), ``calendar_timezone`` ("Europe/Amsterdam"), ``calendar_workdays``
([0, 1, 2, 3, 4], Monday = 0), ``calendar_start`` ("08:30"), ``calendar_end`` ("17:30"),
``calendar_extra_holidays`` (ISO dates: days the office is closed beyond the public holidays).

The holidays of a year are looked up the first time a date of that year is asked about (``HolidayTable``): listing
cases of 2024 costs one year of the package's tables, not thirty, and the package is imported only then.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
import zoneinfo
from collections.abc import Iterable, Iterator, Set
from datetime import date, datetime, time, timedelta

import desktop
from desktop.core import calendar as core_calendar
from desktop.core import response as core_response
from desktop.core.calendar import ServiceCalendar
from desktop.core.response import ResponsePolicy
from desktop.core.team import TeamSettings

FIRST_YEAR = 2000  # chats and mails older than this are not measured against holidays


def public_holidays(country: str = "NL", years: Iterable[int] | None = None,
                    subdivision: str | None = None) -> frozenset[date]:
    """Public holiday dates of ``country`` (ISO 3166 code) for ``years`` (default 2000 to next year).

    An unknown country or subdivision raises ``ValueError`` with the package's message."""
    import holidays

    span = list(years) if years is not None else list(range(FIRST_YEAR, datetime.now().year + 2))
    try:
        table = holidays.country_holidays(country.upper(), subdiv=subdivision or None, years=span)
    except NotImplementedError as e:  # the package's error for an unknown country or subdivision
        raise ValueError(str(e)) from None
    return frozenset(table.keys())


class HolidayTable(Set[date]):
    """The public holidays of one country (and subdivision) plus extra days off, read a year at a time."""

    def __init__(self, country: str = "NL", subdivision: str | None = None, extra: Iterable[date] = ()) -> None:
        self.country, self.subdivision = country.upper(), subdivision or None
        self.extra = frozenset(extra)
        self._years: dict[int, frozenset[date]] = {}
        self._lock = threading.Lock()

    def year(self, y: int) -> frozenset[date]:
        with self._lock:
            if y not in self._years:
                self._years[y] = public_holidays(self.country, [y], self.subdivision) if y >= FIRST_YEAR \
                    else frozenset()
            return self._years[y]

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and (d in self.extra or d in self.year(d.year))

    def __iter__(self) -> Iterator[date]:  # the years looked at so far, and the extra days
        return iter(sorted(self.extra.union(*self._years.values())))

    def __len__(self) -> int:
        return len(self.extra.union(*self._years.values()))

    def __hash__(self) -> int:
        return hash((self.country, self.subdivision, self.extra))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HolidayTable):
            return (self.country, self.subdivision, self.extra) == (other.country, other.subdivision, other.extra)
        return Set.__eq__(self, other)


def check_country(country: str, subdivision: str | None = None) -> None:
    """``ValueError`` naming the problem when the package knows no such country or subdivision."""
    public_holidays(country, [datetime.now().year], subdivision)


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
    """A calendar whose holidays are the country's public holidays plus ``extra_holidays``; with ``years`` the
    holidays of those years are read at once, else each year when first needed."""
    extra = {d if isinstance(d, date) else date.fromisoformat(str(d)) for d in extra_holidays}
    days: Set[date]
    if years is not None:
        days = public_holidays(country, years, subdivision) | frozenset(extra)
    else:
        days = HolidayTable(country, subdivision, extra)
    return ServiceCalendar(tz=tz, workdays=frozenset(int(d) for d in workdays), start=_clock(start, time(8, 30)),
                           end=_clock(end, time(17, 30)), holidays=days)  # type: ignore[arg-type]


def calendar_from_prefs(prefs: object) -> ServiceCalendar:
    """The calendar the settings describe (``TeamSettings`` or any object with those attributes; defaults when
    absent)."""
    g = lambda name, default: getattr(prefs, name, default)  # noqa: E731
    return service_calendar(
        country=g("calendar_country", "NL"), subdivision=g("calendar_subdivision", None) or None,
        tz=g("calendar_timezone", "Europe/Amsterdam"), workdays=g("calendar_workdays", [0, 1, 2, 3, 4]),
        start=g("calendar_start", "08:30"), end=g("calendar_end", "17:30"),
        extra_holidays=g("calendar_extra_holidays", []),
    )


_POLICIES: dict[tuple, ResponsePolicy] = {}  # by the settings that make them: a holiday table read once per process
_POLICY_LOCK = threading.Lock()


def response_policy(team: TeamSettings) -> ResponsePolicy:
    """How response times are measured under ``team``: its calendar, norm and case gap (the open-wait window),
    with its ``fingerprint`` (see ``policy_fingerprint``)."""
    key = (team.calendar_country, team.calendar_subdivision, team.calendar_timezone, tuple(team.calendar_workdays),
           team.calendar_start, team.calendar_end, tuple(team.calendar_extra_holidays), team.answer_norm_minutes,
           team.case_gap_days)
    with _POLICY_LOCK:
        found = _POLICIES.get(key)
        if found is None:
            found = _POLICIES[key] = ResponsePolicy(calendar_from_prefs(team), float(team.answer_norm_minutes),
                                                    timedelta(days=team.case_gap_days),
                                                    fingerprint=policy_fingerprint(key, team.calendar_timezone))
        return found


def policy_fingerprint(settings: tuple, tz: str) -> str:
    """A digest of everything a response time depends on besides the case's messages: the settings that make
    the policy, the public-holiday tables (the ``holidays`` package's version), the time zone's rules (its
    zoneinfo file) and the code that measures (this module, ``core.calendar`` and ``core.response``; the
    version of Casedesk where the sources cannot be read). A change of any of them changes the digest, so
    nothing measured before the change is taken for a measurement after it."""
    h = hashlib.sha256(repr(settings).encode())
    for part in (_holidays_version(), _zone_data(tz), _sources()):
        h.update(b"\0" + part)
    return h.hexdigest()[:32]


def _read(path: str | None) -> bytes | None:
    try:
        with open(path, "rb") as f:  # type: ignore[arg-type]
            return f.read()
    except (OSError, TypeError):
        return None


def _holidays_version() -> bytes:
    spec = importlib.util.find_spec("holidays")  # found, not imported: the case list may never need it
    origin = spec.origin if spec is not None else None
    found = _read(os.path.join(os.path.dirname(origin), "version.py")) if origin else None
    return found or f"holidays {origin}".encode()


def _zone_data(tz: str) -> bytes:
    for folder in zoneinfo.TZPATH:
        found = _read(os.path.join(folder, *tz.split("/")))
        if found is not None:
            return found
    try:
        from importlib.resources import files

        return (files("tzdata.zoneinfo") / tz).read_bytes()
    except (ImportError, OSError, ValueError):
        return f"zone {tz}".encode()


def _sources() -> bytes:
    parts = [_read(getattr(m, "__file__", None)) for m in (core_calendar, core_response)]
    parts.append(_read(__file__))
    if any(p is None for p in parts):  # a frozen build: its version stands for its code
        return f"casedesk {desktop.__version__}".encode()
    return b"\0".join(parts)  # type: ignore[arg-type]
