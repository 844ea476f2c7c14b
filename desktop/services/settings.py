"""The team's settings: read fresh from the database, saved with an audit event naming the handler."""

from __future__ import annotations

from desktop.core.model import AuditAction
from desktop.core.team import TeamSettings
from desktop.services.library import Library


def team_settings(lib: Library) -> TeamSettings:
    """The settings as the team last saved them (another desk may have changed them); refreshes ``lib.team``."""
    with lib.unit() as uow:
        lib.team = uow.settings.team()
    return lib.team


def save_team_settings(lib: Library, settings: TeamSettings) -> list[str]:
    """Store the settings for the whole team; returns the names of the fields that changed."""
    with lib.unit(write=True) as uow:
        changed = uow.settings.save_team(settings)
        if changed:
            uow.audit.record(AuditAction.SETTINGS_CHANGED, None, changed=changed)
    lib.team = settings
    return changed
