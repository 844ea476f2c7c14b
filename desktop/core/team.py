"""Settings a team shares: they decide what is stored (who is the customer, which case, which duplicates) and how
response times are measured (the service calendar and the norm).

Kept in the library's database (``desktop.store.settings``), so every desk of a team reads the same values;
window preferences (language) stay in each desk's own preferences file (``desktop.settings.Preferences``).
Where the originals live (``store``, ``store_id``) is set only by ``casedesk team init`` (``STORE_FIELDS``), never by
saving the other settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.core.numbering import DEFAULT_FORMAT, format_problem
from desktop.core.parties import OrgIdentity

ORG_FIELDS = ("business_names", "org_emails", "org_domains")  # who the organisation is: a change re-evaluates
CALENDAR_FIELDS = ("calendar_country", "calendar_subdivision", "calendar_timezone", "calendar_workdays",
                   "calendar_start", "calendar_end", "calendar_extra_holidays")
STORE_FIELDS = ("store", "store_id")


@dataclass
class TeamSettings:
    # the organisation's own names in chats and mails: their messages are answers, never the customer's
    business_names: list[str] = field(default_factory=lambda: ["Casedesk", "Claims Team", "Complaints Team"])
    org_emails: list[str] = field(default_factory=list)  # the organisation's e-mail addresses
    org_domains: list[str] = field(default_factory=list)  # its e-mail domains (subdomains included)
    default_region: str = "NL"  # phone numbers without a country code, and the chat date order (US: month first)
    case_gap_days: int = 7  # silence in a chat that starts a new suggested case; also how long a wait stays open
    file_gap_hours: int = 12  # capture-time gap that splits loose files into suggested cases
    answer_norm_minutes: int = 60  # working minutes for the first answer and for every later customer message
    incident_doubt_days: int = 30  # taken this long before the incident date raises a flag
    dup_same_shift: float | None = None  # None: the engine's tuned default (see desktop.core.dedup)
    dup_similar_corr: float | None = None
    # years a closed case is kept, per case kind (desktop.core.retention): claims 7 (the Dutch fiscal retention
    # period, art. 52 AWR), complaints 2; a kind not named keeps its default
    retention_years: dict[str, int] = field(default_factory=lambda: {"claim": 7, "complaint": 2})
    # the service calendar (``desktop.services.calendar``): public holidays of this country (ISO 3166) and
    # subdivision ("" for none), the zone of the working hours, working days (Monday = 0), hours, extra days off
    calendar_country: str = "NL"
    calendar_subdivision: str = ""
    calendar_timezone: str = "Europe/Amsterdam"
    calendar_workdays: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])
    calendar_start: str = "08:30"
    calendar_end: str = "17:30"
    calendar_extra_holidays: list[str] = field(default_factory=list)  # ISO dates the office is closed
    case_prefix: str = "C"  # case numbers: case_format with {prefix}, {year}, {yy} and the running number {n}
    case_format: str = DEFAULT_FORMAT
    store: str = ""  # where the originals live: "" this library's own folder, a shared folder, or s3://bucket/prefix
    store_id: str = ""  # the id in the store's marker file, so a desk can tell it reached the right store

    @classmethod
    def from_json(cls, raw: Any) -> TeamSettings:
        """Settings from a JSON object; a missing or wrongly typed value keeps its default, unknown keys are
        ignored (a newer desk may know more)."""
        out = cls()
        if not isinstance(raw, dict):
            return out
        for f in fields(cls):
            if f.name in raw and setting_problem(f.name, raw[f.name], getattr(out, f.name)) is None:
                setattr(out, f.name, raw[f.name])
        if _clock(out.calendar_start) >= _clock(out.calendar_end):
            out.calendar_start, out.calendar_end = cls.calendar_start, cls.calendar_end
        if format_problem(out.case_format, out.case_prefix):  # a numbering that cannot work keeps the default
            out.case_prefix, out.case_format = cls.case_prefix, cls.case_format
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def org(self) -> OrgIdentity:
        """The organisation's own people, for ``desktop.core.parties`` and ``desktop.core.mail_roles``."""
        return OrgIdentity(names=tuple(self.business_names), emails=tuple(e.lower() for e in self.org_emails),
                           domains=tuple(d.lower().lstrip("@") for d in self.org_domains))


def _clock(text: str) -> time:
    return time.fromisoformat(text)


def _is_clock(v: object) -> bool:
    try:
        return isinstance(v, str) and len(v) == 5 and bool(_clock(v))
    except ValueError:
        return False


def _is_zone(v: object) -> bool:
    try:
        return isinstance(v, str) and bool(v) and bool(ZoneInfo(v))
    except (ZoneInfoNotFoundError, ValueError):
        return False


def _is_dates(v: object) -> bool:
    try:
        return isinstance(v, list) and all(isinstance(d, str) and bool(date.fromisoformat(d)) for d in v)
    except ValueError:
        return False


# Checks beyond the type; each names what is wrong.
_CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "calendar_workdays": (lambda v: isinstance(v, list) and bool(v) and all(
        isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in v),
        "working days are numbers 0 (Monday) to 6 (Sunday), at least one"),
    "calendar_start": (_is_clock, "a time of day as HH:MM"),
    "calendar_end": (_is_clock, "a time of day as HH:MM"),
    "calendar_timezone": (_is_zone, "a time zone such as Europe/Amsterdam"),
    "calendar_extra_holidays": (_is_dates, "dates as YYYY-MM-DD"),
    "calendar_country": (lambda v: isinstance(v, str) and len(v) == 2 and v.isalpha(),
                         "a two-letter country code such as NL"),
    "org_emails": (lambda v: isinstance(v, list) and all(isinstance(e, str) and "@" in e for e in v),
                   "e-mail addresses (name@example.com)"),
    # spans a calendar can reckon with: a billion days ran every case list off the end of time
    "case_gap_days": (lambda v: _whole(v, 3650), "a whole number of days from 1 to 3650"),
    "file_gap_hours": (lambda v: _whole(v, 87600), "a whole number of hours from 1 to 87600"),
    "incident_doubt_days": (lambda v: _whole(v, 3650), "a whole number of days from 1 to 3650"),
    "answer_norm_minutes": (lambda v: _whole(v, 525600), "a whole number of minutes from 1 to 525600"),
    "retention_years": (lambda v: isinstance(v, dict) and all(isinstance(k, str) and _whole(n, 100)
                                                              for k, n in v.items()),
                        "whole numbers of years from 1 to 100 per case kind"),
}


def _whole(v: object, most: int) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= most


def setting_problem(name: str, value: object, default: object) -> str | None:
    """Why ``value`` cannot be the setting ``name`` (whose default is ``default``), or None when it can."""
    if name in _CHECKS:
        ok, what = _CHECKS[name]
        return None if ok(value) else f"{name}: {what}, not {value!r}"
    return None if valid_setting(default, value) else f"{name}: not a valid value: {value!r}"


def valid_setting(default: object, value: object) -> bool:
    """Whether ``value`` may replace ``default``: same type, counts positive, optional thresholds positive."""
    if default is None:  # optional thresholds: a positive number or nothing
        return value is None or (isinstance(value, int | float) and not isinstance(value, bool) and value > 0)
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and value > 0
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(default, dict):  # name -> positive whole number (retention years per case kind)
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
                                               and v > 0 for k, v in value.items())
    return isinstance(value, type(default))
