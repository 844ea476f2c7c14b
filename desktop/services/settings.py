"""The team's settings: read fresh from the database, changed with an audit event naming the handler.

``update_team_settings`` checks and saves changed fields and, when the organisation's names, addresses or
domains changed, decides again who wrote every message already imported (``desktop.services.roles``), in the same
transaction. It returns a ``SettingsChange``; ``undo_settings_change`` puts the settings and every message,
customer and case it touched back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from desktop.core.errors import UsageError
from desktop.core.model import AuditAction
from desktop.core.team import CALENDAR_FIELDS, ORG_FIELDS, STORE_FIELDS, TeamSettings, setting_problem
from desktop.services.library import Library
from desktop.services.roles import RoleChanges, reevaluate_roles, undo_role_changes

EDITABLE = tuple(f.name for f in fields(TeamSettings) if f.name not in STORE_FIELDS)  # the store: team init


@dataclass
class SettingsChange:
    """One change of the team settings: old and new values of the fields changed, and what the re-evaluation
    of roles changed (JSON for an undo journal: ``to_json`` / ``from_json``)."""

    before: dict[str, Any]
    after: dict[str, Any]
    roles: RoleChanges = field(default_factory=RoleChanges)

    @property
    def changed(self) -> list[str]:
        return list(self.after)

    def to_json(self) -> dict:
        return {"before": self.before, "after": self.after, "roles": self.roles.to_json(),
                "messages_reevaluated": self.roles.messages}

    @classmethod
    def from_json(cls, d: dict) -> SettingsChange:
        return cls(dict(d["before"]), dict(d["after"]), RoleChanges.from_json(d.get("roles", {})))


def team_settings(lib: Library) -> TeamSettings:
    """The settings as the team last saved them (another desk may have changed them); refreshes ``lib.team``."""
    with lib.unit() as uow:
        lib.team = uow.settings.team()
    return lib.team


def save_team_settings(lib: Library, settings: TeamSettings) -> list[str]:
    """Store the settings for the whole team (re-deciding roles when the organisation changed); returns the
    names of the fields that changed."""
    current = team_settings(lib)
    changes = {k: v for k, v in settings.to_json().items() if k in EDITABLE and current.to_json()[k] != v}
    return update_team_settings(lib, **changes).changed if changes else []


def check_settings(current: TeamSettings, changes: dict[str, Any]) -> TeamSettings:
    """``current`` with ``changes`` applied; ``UsageError`` naming the first value that cannot be."""
    unknown = [k for k in changes if k not in EDITABLE]
    if unknown:
        raise UsageError(f"no such setting: {', '.join(unknown)} (settings: {', '.join(EDITABLE)})")
    for name, value in changes.items():
        if (why := setting_problem(name, value, getattr(TeamSettings(), name))) is not None:
            raise UsageError(why)
    new = replace(current, **changes)
    if {"case_format", "case_prefix"} & set(changes):
        from desktop.core.numbering import format_problem

        if (why := format_problem(new.case_format, new.case_prefix)) is not None:
            raise UsageError(why)
    if new.calendar_start >= new.calendar_end:
        raise UsageError(f"the working day must end after it starts ({new.calendar_start} to {new.calendar_end})")
    if {"calendar_country", "calendar_subdivision"} & set(changes):
        from desktop.services.calendar import check_country

        try:
            check_country(new.calendar_country, new.calendar_subdivision or None)
        except ValueError as e:
            raise UsageError(f"no public holidays known for {new.calendar_country} "
                             f"{new.calendar_subdivision}: {e}".replace("  ", " ")) from None
    return new


def update_team_settings(lib: Library, **changes: Any) -> SettingsChange:
    """Change team settings (``TeamSettings`` field names); when ``business_names``, ``org_emails`` or
    ``org_domains`` change, every imported chat and e-mail message is judged again. One transaction, one audit
    event with the old and new values and the number of messages whose role changed."""
    with lib.unit(write=True) as uow:
        current = uow.settings.team()
        new = check_settings(current, changes)
        before = {k: getattr(current, k) for k in changes if getattr(current, k) != getattr(new, k)}
        after = {k: getattr(new, k) for k in before}
        if not after:
            lib.team = current
            return SettingsChange({}, {})
        uow.settings.save_team(new)
        roles = reevaluate_roles(uow, new) if set(after) & set(ORG_FIELDS) else RoleChanges()
        change = SettingsChange(before, after, roles)
        uow.audit.record(AuditAction.SETTINGS_CHANGED, None, changed=change.changed, before=before, after=after,
                         messages_reevaluated=roles.messages)
    lib.team = new
    return change


def undo_settings_change(lib: Library, change: SettingsChange) -> None:
    """Put the settings back as they were before ``change``, and every role it changed."""
    if not change.after:
        return
    with lib.unit(write=True) as uow:
        current = uow.settings.team()
        old = replace(current, **change.before)
        uow.settings.save_team(old)
        undo_role_changes(uow, change.roles)
        uow.audit.record(AuditAction.SETTINGS_CHANGED, None, changed=change.changed, before=change.after,
                         after=change.before, undo=True)
    lib.team = old


__all__ = ["CALENDAR_FIELDS", "EDITABLE", "ORG_FIELDS", "SettingsChange", "check_settings", "save_team_settings",
           "team_settings", "undo_settings_change", "update_team_settings"]
