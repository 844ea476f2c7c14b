"""Settings a team shares: they decide what is stored (who is the customer, which case, which duplicates).

Kept in the library's database (``desktop.store.settings``), so every desk of a team reads the same values;
window preferences (language) stay in each desk's own preferences file (``desktop.settings.Preferences``).
Where the originals live (``store``, ``store_id``) is set only by ``casedesk team init`` (``STORE_FIELDS``), never by
saving the other settings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from desktop.core.numbering import DEFAULT_FORMAT, format_problem

STORE_FIELDS = ("store", "store_id")


@dataclass
class TeamSettings:
    # the organisation's own names in chats: their messages are answers, never the customer's
    business_names: list[str] = field(default_factory=lambda: ["Casedesk", "Claims Team", "Complaints Team"])
    default_region: str = "NL"  # phone numbers without a country code, and the chat date order (US: month first)
    case_gap_days: int = 7  # silence in a chat that starts a new suggested case
    file_gap_hours: int = 12  # capture-time gap that splits loose files into suggested cases
    answer_norm_minutes: int = 60  # customers expect an answer within this
    incident_doubt_days: int = 30  # taken this long before the incident date raises a flag
    dup_same_shift: float | None = None  # None: the engine's tuned default (see desktop.core.dedup)
    dup_similar_corr: float | None = None
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
            if f.name in raw and valid_setting(getattr(out, f.name), raw[f.name]):
                setattr(out, f.name, raw[f.name])
        if format_problem(out.case_format, out.case_prefix):  # a numbering that cannot work keeps the default
            out.case_prefix, out.case_format = cls.case_prefix, cls.case_format
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


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
    return isinstance(value, type(default))
