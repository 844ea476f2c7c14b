"""Rows of any table with an integer ``id``, as JSON-ready values: what the undo journal snapshots and puts back.

Values travel as JSON types: times and dates as ISO 8601 text, binary as base64, so a snapshot can be kept in
the journal and written back exactly. Writes go through SQLAlchemy Core; the session is flushed before and its
loaded objects expired after, so the stores that use the ORM in the same unit of work see the new values.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.store.schema import Base, Case, MediaItem
from desktop.store.types import IsoDate, IsoDateTime

CHUNK = 500  # ids per IN (...): well under every database's parameter limit

Values = dict[str, Any]


def _table(name: str) -> Table:
    table = Base.metadata.tables.get(name)
    if table is None or "id" not in table.c:
        raise ValueError(f"not a table with an id: {name!r}")
    return table


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    items = list(dict.fromkeys(ids))
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def encode(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, IsoDateTime | IsoDate) or isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def decode(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, IsoDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, IsoDate):
        return date.fromisoformat(value)
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value)
    return value


class RowStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def values(self, table: str, ids: Iterable[int], cols: list[str] | None = None) -> dict[int, Values]:
        """id -> {column: value} of the rows that exist (all columns when ``cols`` is None)."""
        t = _table(table)
        columns = [t.c[c] for c in cols] if cols is not None else list(t.c)
        self._s.flush()
        out: dict[int, Values] = {}
        for part in _chunks(ids):
            for row in self._s.execute(select(t.c.id, *columns).where(t.c.id.in_(part))):
                out[row[0]] = {c.name: encode(c, v) for c, v in zip(columns, row[1:], strict=True)}
        return out

    def set(self, table: str, ids: Iterable[int], values: Values) -> None:
        t = _table(table)
        data = {k: decode(t.c[k], v) for k, v in values.items()}
        self._s.flush()
        for part in _chunks(ids):
            self._s.execute(update(t).where(t.c.id.in_(part)).values(**data))
        self._s.expire_all()

    def insert(self, table: str, rows: list[Values]) -> None:
        """Rows as ``values`` returned them (``id`` included)."""
        if not rows:
            return
        t = _table(table)
        self._s.flush()
        self._s.execute(insert(t), [{k: decode(t.c[k], v) for k, v in r.items()} for r in rows])
        self._s.expire_all()

    def delete(self, table: str, ids: Iterable[int]) -> None:
        t = _table(table)
        self._s.flush()
        for part in _chunks(ids):
            self._s.execute(delete(t).where(t.c.id.in_(part)))
        self._s.expire_all()

    def referencing(self, table: str, column: str, ids: Iterable[int]) -> dict[int, int]:
        """id -> referenced id of the rows of ``table`` whose ``column`` is one of ``ids``."""
        t = _table(table)
        self._s.flush()
        out: dict[int, int] = {}
        for part in _chunks(ids):
            out.update(self._s.execute(select(t.c.id, t.c[column]).where(t.c[column].in_(part))).all())
        return out

    def ids_where(self, table: str, column: str, values: Iterable[object]) -> list[int]:
        return sorted(self.referencing(table, column, values))  # type: ignore[arg-type]

    def count_in_case(self, table: str, case_id: int) -> int:
        t = _table(table)
        self._s.flush()
        return int(self._s.scalar(select(func.count()).select_from(t).where(t.c.case_id == case_id)) or 0)

    def names(self, table: str, ids: Iterable[int]) -> dict[int, str]:
        """How a handler knows these rows: a case by its reference, a media item by its file name."""
        ids = list(ids)
        if table == "case_":
            return dict(self._s.execute(select(Case.id, Case.ref).where(Case.id.in_(ids[:CHUNK]))).all())
        if table == "media_item":
            return dict(self._s.execute(select(MediaItem.id, MediaItem.name)
                                        .where(MediaItem.id.in_(ids[:CHUNK]))).all())
        return {i: f"{table.rstrip('_').replace('_', ' ')} {i}" for i in ids}
