"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, String, Text
from sqlalchemy.sql.expression import Executable
from sqlalchemy.types import TypeDecorator


def plain_rows(conn: Connection, stmt: Executable) -> list[tuple]:
    """Rows of ``stmt`` as the driver's own tuples, on ``conn``'s transaction: for reads of 100,000 rows, where
    SQLAlchemy's row objects cost more than the query. Values come unprocessed (text for ``IsoDateTime``, 0/1
    for booleans on SQLite), and parameters are rendered inline, so ``stmt`` may only hold numbers and constants."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cur.execute(sql)
        return cur.fetchall()
    finally:
        cur.close()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a bulk read makes its 100,000 rows' objects (none of them in
    a cycle): left on, it runs a collection every 700 new objects and walks them all over again, a third of the
    time of such a read. Where collection is already off (the window runs it from its event loop) this changes
    nothing; it is switched back on only by whoever switched it off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse_iso(value: str | None) -> datetime | None:
    """A stored ``IsoDateTime`` value read as plain text (for bulk reads that skip the type's processing)."""
    return datetime.fromisoformat(value) if value else None


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
