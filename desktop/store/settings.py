"""Team settings in the library's database: one ``setting`` row per field (``team.<name>``), its value as JSON.

One row per field, so two desks changing different settings do not overwrite each other, and a field written
by a newer version is kept by an older one.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.team import STORE_FIELDS, TeamSettings
from desktop.store.schema import Setting

TEAM = "team."


class SettingsStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _team_rows(self) -> dict[str, Setting]:
        rows = self._s.scalars(select(Setting).where(Setting.key.like(f"{TEAM}%")))
        return {row.key[len(TEAM):]: row for row in rows}

    def has_team(self) -> bool:
        return bool(self._team_rows())

    def team(self) -> TeamSettings:
        """The team's settings; a missing or unreadable value keeps its default."""
        raw = {}
        for name, row in self._team_rows().items():
            try:
                raw[name] = json.loads(row.value)
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
            row = rows.get(name)
            if row is None:
                self._s.add(Setting(key=TEAM + name, value=text))
            elif row.value != text:
                row.value = text
            else:
                continue
            changed.append(name)
        return changed

    def set_store(self, location: str, store_id: str) -> None:
        """Record where the team's originals live (``casedesk team init``)."""
        rows = self._team_rows()
        for name, value in (("store", location), ("store_id", store_id)):
            text = json.dumps(value, ensure_ascii=False)
            if name in rows:
                rows[name].value = text
            else:
                self._s.add(Setting(key=TEAM + name, value=text))

    def store(self) -> tuple[str, str]:
        """(location, store id) of the team's store of originals; ("", "") when none is recorded."""
        rows = {r.key: r.value for r in self._s.scalars(
            select(Setting).where(Setting.key.in_([TEAM + "store", TEAM + "store_id"])))}
        values = []
        for name in ("store", "store_id"):
            try:
                value = json.loads(rows.get(TEAM + name, '""'))
            except ValueError:
                value = ""
            values.append(value if isinstance(value, str) else "")
        return values[0], values[1]
