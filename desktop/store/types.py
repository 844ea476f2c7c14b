"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.types import TypeDecorator


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime kept as ISO 8601 text, so a naive time stays naive and an offset is kept exactly."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return value.isoformat() if value is not None else None

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return datetime.fromisoformat(value) if value else None


class IsoDate(TypeDecorator[date]):
    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Any) -> str | None:
        return value.isoformat() if value is not None else None

    def process_result_value(self, value: str | None, dialect: Any) -> date | None:
        return date.fromisoformat(value) if value else None


class JsonList(TypeDecorator[list]):
    """A short list of strings as JSON text (flags, warnings)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list | None, dialect: Any) -> str:
        return json.dumps(list(value or []), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Any) -> list:
        return json.loads(value) if value else []


class JsonDict(TypeDecorator[dict]):
    """A small JSON object as text (what a chat export says about its participants, ...)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dict | None, dialect: Any) -> str | None:
        return json.dumps(value, ensure_ascii=False) if value is not None else None

    def process_result_value(self, value: str | None, dialect: Any) -> dict | None:
        return json.loads(value) if value else None
