"""Working time: a service calendar and minute arithmetic on it.

A ``ServiceCalendar`` has working days (Monday = 0), one working period per day in local wall-clock time
(default 08:30 to 17:30), public holidays (a set of local dates; ``desktop.services.calendar`` builds it with the
``holidays`` package) and a time zone (default Europe/Amsterdam, via ``zoneinfo``).

Instants may be aware (any zone) or naive; naive times are local to the calendar's zone (chat exports carry no
zone). A working period starts and ends at local wall-clock times and lasts the real time in between (on a
working day when the clocks change, an hour more or less).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS = 366 * 30  # a search for working time gives up after 30 years (a calendar without working days)
EARLIEST = datetime(1900, 1, 1)  # instants before and after are taken at these bounds (``ServiceCalendar.reckoned``)
LATEST = datetime(2200, 1, 1)


@dataclass(frozen=True)
class ServiceCalendar:
    tz: str = "Europe/Amsterdam"
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    start: time = time(8, 30)
    end: time = time(17, 30)
    holidays: frozenset[date] = field(default_factory=frozenset)
    # the working period of each local date asked about (a case list asks about the same days again and again)
    _periods: dict[date, tuple[datetime, datetime] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.workdays or not all(0 <= d <= 6 for d in self.workdays):
            raise ValueError("a service calendar needs working days between 0 (Monday) and 6 (Sunday)")
        if self.start >= self.end:
            raise ValueError("the working day must end after it starts")
        object.__setattr__(self, "_zone", ZoneInfo(self.tz))  # raises for an unknown zone

    @property
    def zone(self) -> ZoneInfo:
        return self._zone  # type: ignore[attr-defined]

    def instant(self, t: datetime) -> datetime:
        """``t`` as an aware datetime in the calendar's zone (naive = local wall-clock time)."""
        if t.tzinfo is not None and not EARLIEST <= t.replace(tzinfo=None) <= LATEST:
            t = t.replace(tzinfo=None)  # near the ends of time a zone's offset runs off them: read as local time
        return t.replace(tzinfo=self.zone) if t.tzinfo is None else t.astimezone(self.zone)

    def reckoned(self, t: datetime) -> datetime:
        """``instant(t)``, taken at ``EARLIEST`` or ``LATEST`` when beyond them: the working-time sums reckon
        between the two, so that no sum of days runs off the end of the calendar (a message dated 31/12/9999 or
        01/01/0001 in a damaged export)."""
        naive = t.replace(tzinfo=None)
        if naive < EARLIEST:
            return self.instant(EARLIEST)
        if naive > LATEST:
            return self.instant(LATEST)
        return self.instant(t)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() in self.workdays and d not in self.holidays

    def period(self, d: date) -> tuple[datetime, datetime] | None:
        """The working period of local date ``d`` as UTC instants, or None on a day off."""
        try:
            return self._periods[d]
        except KeyError:
            pass
        found = None
        if self.is_working_day(d):
            z = self.zone
            found = (datetime.combine(d, self.start, z).astimezone(UTC),
                     datetime.combine(d, self.end, z).astimezone(UTC))
        self._periods[d] = found
        return found

    def periods(self, a: datetime, b: datetime | None = None) -> Iterator[tuple[datetime, datetime]]:
        """Working periods (UTC) from the one holding ``a`` on, clipped to [a, b]; endless without ``b``."""
        a_utc = self.reckoned(a).astimezone(UTC)
        b_utc = self.reckoned(b).astimezone(UTC) if b is not None else None
        d = self.reckoned(a).date()
        for _ in range(MAX_DAYS):
            p = self.period(d)
            d += timedelta(days=1)
            if p is None:
                continue
            s, e = max(p[0], a_utc), p[1]
            if b_utc is not None:
                if p[0] >= b_utc:
                    return
                e = min(e, b_utc)
            if e > s:
                yield s, e
        if b_utc is None:
            raise ValueError("no working time in the next 30 years: check the service calendar")

    def working_minutes(self, a: datetime, b: datetime) -> float:
        """Working minutes between two instants (0 when ``b`` is not after ``a``)."""
        if self.reckoned(b) <= self.reckoned(a):
            return 0.0
        return sum((e - s).total_seconds() for s, e in self.periods(a, b)) / 60.0

    def add_working_minutes(self, t: datetime, minutes: float) -> datetime:
        """The instant ``minutes`` working minutes after ``t`` (in the calendar's zone). Outside working hours
        the count starts at the next working period; ``minutes`` = 0 gives ``t`` itself."""
        left = timedelta(minutes=minutes)
        if left <= timedelta(0):
            return self.instant(t)
        for s, e in self.periods(t):
            if e - s >= left:
                return (s + left).astimezone(self.zone)
            left -= e - s
        raise AssertionError("unreachable: periods() is endless or raises")

    def is_working_time(self, t: datetime) -> bool:
        i = self.instant(t)
        p = self.period(i.date())
        return p is not None and p[0] <= i.astimezone(UTC) < p[1]
