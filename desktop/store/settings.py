"""Team settings in the library's database: one ``setting`` row per field (``team.<name>``), its value as JSON.

One row per field, so two desks changing different settings do not overwrite each other, and a field written
by a newer version is kept by an older one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, update

from desktop.core.team import STORE_FIELDS, TeamSettings
from desktop.store.tables import setting

if TYPE_CHECKING:
    from desktop.store.unit import UnitOfWork

TEAM = "team."
Setting = setting.c


class SettingsStore:
    """In SQLAlchemy Core on the unit's connection: a library opens (and ``casedesk cases`` lists) without the ORM."""

    def __init__(self, unit: UnitOfWork) -> None:
        self._u = unit

    @property
    def _c(self) -> Connection:
        return self._u.core()

    def _team_rows(self) -> dict[str, str]:
        rows = self._c.execute(select(Setting.key, Setting.value).where(Setting.key.like(f"{TEAM}%")))
        return {key[len(TEAM):]: value for key, value in rows}

    def has_team(self) -> bool:
        return bool(self._team_rows())

    def team(self) -> TeamSettings:
        """The team's settings; a missing or unreadable value keeps its default."""
        raw = {}
        for name, value in self._team_rows().items():
            try:
                raw[name] = json.loads(value)
            except ValueError:
                continue
        return TeamSettings.from_json(raw)

    def save_team(self, settings: TeamSettings) -> list[str]:
        """Write the fields that differ from what is stored; returns their names. The store location is left
        alone (``set_store``)."""
        rows = self._team_rows()
        changed = []
        for name, value in settings.to_json().items():
            if name in STORE_FIELDS:
                continue
            text = json.dumps(value, ensure_ascii=False)
            if rows.get(name) == text:
                continue
            self._put(name, text, name in rows)
            changed.append(name)
        return changed

    def _put(self, name: str, text: str, exists: bool) -> None:
        if exists:
            self._c.execute(update(setting).where(Setting.key == TEAM + name).values(value=text))
        else:
            self._c.execute(insert(setting).values(key=TEAM + name, value=text))

    def set_store(self, location: str, store_id: str) -> None:
        """Record where the team's originals live (``casedesk team init``)."""
        rows = self._team_rows()
        for name, value in (("store", location), ("store_id", store_id)):
            self._put(name, json.dumps(value, ensure_ascii=False), name in rows)

    def store(self) -> tuple[str, str]:
        """(location, store id) of the team's store of originals; ("", "") when none is recorded."""
        rows = dict(self._c.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_([TEAM + "store", TEAM + "store_id"]))).all())
        values = []
        for name in ("store", "store_id"):
            try:
                value = json.loads(rows.get(TEAM + name, '""'))
            except ValueError:
                value = ""
            values.append(value if isinstance(value, str) else "")
        return values[0], values[1]
