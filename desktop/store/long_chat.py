"""Reads for the import of a long chat that never hold a row per message at once: whether a message is already
there, asked per batch of match keys (``MessageStore.keys_of_customer`` reads every key of the customer), and the
ids of the rows an import added, sorted by the database (``RowStore.ids_where`` makes a set of them first)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import chain

from sqlalchemy import exists, select

from desktop.store import tables
from desktop.store.unit import UnitOfWork

CHUNK = 500  # keys or sources per query (bound parameters)

_M = tables.message.c


def customer_has_messages(uow: UnitOfWork, customer_id: int) -> bool:
    """Whether the customer has any message."""
    return bool(uow.core().scalar(select(exists().where(_M.customer_id == customer_id))))


def keys_among(uow: UnitOfWork, customer_id: int, keys: Sequence[str]) -> dict[str, tuple[int, int]]:
    """match key -> (message id, case id) of the customer's messages under one of ``keys``: what
    ``keys_of_customer`` holds for them (of two messages under one key, the later one's)."""
    out: dict[str, tuple[int, int]] = {}
    unique = sorted(set(keys))
    conn = uow.core()
    for i in range(0, len(unique), CHUNK):
        # by the keys alone, the customer told apart here: with both in the query SQLite reads the customer's
        # index, every message of theirs for each batch
        q = select(_M.match_key, _M.id, _M.case_id, _M.customer_id).where(_M.match_key.in_(unique[i:i + CHUNK]))
        for key, mid, cid, owner in sorted(conn.execute(q), key=lambda r: r[1]):
            if owner == customer_id:
                out[key] = (mid, cid)
    return out


def ids_of_sources(uow: UnitOfWork, table: str, sources: Sequence[int]) -> array:
    """The ids of ``RowStore.ids_where(table, "source_id", sources)`` (ascending, each once) as an ``array`` of
    int64, without a set or an int object per row: a chat of 357,000 messages spent 40 MB on them."""
    t = tables.metadata.tables[table]
    conn = uow.core()
    srcs = list(dict.fromkeys(sources))
    parts = [array("q", conn.scalars(select(t.c.id).where(t.c.source_id.in_(srcs[i:i + CHUNK])).order_by(t.c.id)))
             for i in range(0, len(srcs), CHUNK)]
    if len(parts) == 1:
        return parts[0]
    return array("q", sorted(chain.from_iterable(parts)))  # a row has one source: no id twice
