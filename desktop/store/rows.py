"""Rows of any table with a one-column primary key (``id``, or a setting's ``key``), as JSON-ready values: what
the undo journal snapshots and puts back.

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

from desktop.core.clock import now_local
from desktop.store.schema import Base, Case, MediaItem
from desktop.store.types import IsoDate, IsoDateTime

CHUNK = 500  # ids per IN (...): well under every database's parameter limit

Values = dict[str, Any]
Key = int | str


def _table(name: str) -> tuple[Table, Column]:
    table = Base.metadata.tables.get(name)
    keys = list(table.primary_key.columns) if table is not None else []
    if table is None or len(keys) != 1:
        raise ValueError(f"not a table with a one-column primary key: {name!r}")
    return table, keys[0]


def key_column(table: str) -> str:
    """The name of the primary key column of ``table`` (``id`` for nearly all)."""
    return _table(table)[1].name


def _chunks(ids: Iterable[Key]) -> Iterator[list[Key]]:
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
    def __init__(self, session: Session, actor: str | None = None) -> None:
        self._s = session
        self.actor = actor

    def values(self, table: str, ids: Iterable[Key], cols: list[str] | None = None, *,
               lock: bool = False) -> dict[Key, Values]:
        """key -> {column: value} of the rows that exist (all columns, the key included, when ``cols`` is None).
        ``lock``: hold the rows until the end of the transaction (PostgreSQL ``FOR UPDATE``; a SQLite write unit
        holds the whole database already), so that what was checked is what gets written."""
        t, pk = _table(table)
        columns = [t.c[c] for c in cols] if cols is not None else list(t.c)
        self._s.flush()
        out: dict[Key, Values] = {}
        for part in _chunks(ids):
            q = select(pk, *columns).where(pk.in_(part))
            for row in self._s.execute(q.with_for_update() if lock else q):
                out[row[0]] = {c.name: encode(c, v) for c, v in zip(columns, row[1:], strict=True)}
        return out

    def set(self, table: str, ids: Iterable[Key], values: Values) -> None:
        t, pk = _table(table)
        data: dict[str, Any] = {k: decode(t.c[k], v) for k, v in values.items()}
        if "version" in t.c and "version" not in data:  # an undo is a change too: editors holding the old
            data.update(version=t.c.version + 1, updated_at=now_local(),  # version get a conflict, not a surprise
                        updated_by=self.actor[: t.c.updated_by.type.length] if self.actor else None)
        self._s.flush()
        for part in _chunks(ids):
            self._s.execute(update(t).where(pk.in_(part)).values(**data))
        self._s.expire_all()

    def insert(self, table: str, rows: list[Values]) -> None:
        """Rows as ``values`` returned them (the key included)."""
        if not rows:
            return
        t, _pk = _table(table)
        self._s.flush()
        self._s.execute(insert(t), [{k: decode(t.c[k], v) for k, v in r.items()} for r in rows])
        self._s.expire_all()

    def delete(self, table: str, ids: Iterable[Key]) -> None:
        t, pk = _table(table)
        self._s.flush()
        for part in _chunks(ids):
            self._s.execute(delete(t).where(pk.in_(part)))
        self._s.expire_all()

    def referencing(self, table: str, column: str, ids: Iterable[Key]) -> dict[Key, Key]:
        """key -> referenced key of the rows of ``table`` whose ``column`` is one of ``ids``."""
        t, pk = _table(table)
        self._s.flush()
        out: dict[Key, Key] = {}
        for part in _chunks(ids):
            out.update(self._s.execute(select(pk, t.c[column]).where(t.c[column].in_(part))).all())
        return out

    def ids_where(self, table: str, column: str, values: Iterable[Key]) -> list:
        """The keys of the rows whose ``column`` is one of ``values``, in order."""
        t, pk = _table(table)
        self._s.flush()
        out: set[Key] = set()
        for part in _chunks(values):
            out.update(self._s.scalars(select(pk).where(t.c[column].in_(part))))
        return sorted(out)

    def count_in_case(self, table: str, case_id: int) -> int:
        t, _pk = _table(table)
        self._s.flush()
        return int(self._s.scalar(select(func.count()).select_from(t).where(t.c.case_id == case_id)) or 0)

    def names(self, table: str, ids: Iterable[Key]) -> dict[Key, str]:
        """How a handler knows these rows: a case by its reference, a media item by its file name."""
        ids = list(ids)
        if table == "case_":
            return dict(self._s.execute(select(Case.id, Case.ref).where(Case.id.in_(ids[:CHUNK]))).all())
        if table == "media_item":
            return dict(self._s.execute(select(MediaItem.id, MediaItem.name)
                                        .where(MediaItem.id.in_(ids[:CHUNK]))).all())
        return {i: f"{table.rstrip('_').replace('_', ' ')} {i}" for i in ids}
