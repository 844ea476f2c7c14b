"""Recording undoable edits: ``track`` wraps an edit inside its unit of work and writes its journal entry there.

    with journal.track(uow, "caption", case_id=cid, name=item.name) as t:
        t.watch("media_item", [media_id], ["caption"])
        uow.media.set_fields(media_id, caption=text)

Before changing anything, an edit names what it will change:

- ``watch(table, ids, cols)``: columns of existing rows; the values are read now and again when the block ends,
  and only what differs is kept;
- ``created(table, ids)``: rows the edit added; an undo deletes them (keeping a copy for the redo);
- ``deleting(table, ids)``: rows the edit is about to delete; a copy is kept and an undo puts it back;
- ``created_case(case_id)``: a case the edit opened; an undo closes it when it is left empty;
- ``refer(table, ids)``: rows the edit points at without changing them (a note on an item): removing them must
  wait until this edit is undone;
- ``refresh(case_ids)``: cases whose duplicate groups an undo or redo recomputes.

An edit that changed nothing writes no entry. The label is ``desktop.core.actions.ACTIONS[kind]`` filled with the
keyword parameters. ``desktop.services.undo`` puts entries back.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from desktop.core.actions import action_label
from desktop.core.clock import now_local
from desktop.core.records import CaseHandle
from desktop.store.long_chat import ids_of_sources
from desktop.store.rows import key_column
from desktop.store.unit import UnitOfWork

CASE_COLS = ["status", "closed_at"]  # what an undo changes on a case an edit opened


class Tracker:
    def __init__(self, uow: UnitOfWork, kind: str, case_id: int | None, params: dict[str, Any]) -> None:
        self.uow = uow
        self.kind = kind
        self.case_id = case_id
        self.params = params
        self.entry_id: int | None = None
        self._ops: list[dict] = []
        self._watched: list[tuple[int, str, list[str], dict]] = []  # op index, table, cols, before
        self._refs: list[tuple[str, str]] = []
        self._refresh: set[int] = set()

    def watch(self, table: str, ids: Iterable[int | str], cols: list[str]) -> None:
        before = self.uow.rows.values(table, ids, cols)
        self._watched.append((len(self._ops), table, list(cols), before))
        self._ops.append({})  # filled in when the block ends

    def created(self, table: str, ids: Iterable[int]) -> None:
        if not _ascending(ids):  # an array already ascending is kept (a long chat's 357,000 message ids)
            ids = sorted(set(ids))
        if ids:
            self._ops.append({"op": "create", "table": table, "ids": ids})

    def deleting(self, table: str, ids: Iterable[int]) -> None:
        rows = self.uow.rows.values(table, ids)
        if rows:
            self._ops.append({"op": "delete", "table": table, "rows": [rows[i] for i in sorted(rows)]})

    def deleted(self, table: str, rows: list[dict]) -> None:
        """Rows already deleted, snapshotted beforehand by the store (``RowStore.values``)."""
        if rows:
            self._ops.append({"op": "delete", "table": table, "rows": list(rows)})

    def created_case(self, case_id: int) -> None:
        self._ops.append({"op": "case", "id": case_id})

    def refer(self, table: str, ids: Iterable[int | None]) -> None:
        self._refs.extend((f"{table}:{i}", "@ref") for i in set(ids) if i is not None)

    def refresh(self, case_ids: Iterable[int]) -> None:
        self._refresh.update(case_ids)

    def finish(self) -> int | None:
        for index, table, cols, before in self._watched:
            after = self.uow.rows.values(table, before, cols)
            groups: dict[str, dict] = {}
            for row_id, old in before.items():
                new = after.get(row_id)
                if new is None:
                    continue
                changed = [c for c in cols if old[c] != new[c]]
                if not changed:
                    continue
                b, a = {c: old[c] for c in changed}, {c: new[c] for c in changed}
                key = json.dumps([b, a], sort_keys=True, default=str)
                groups.setdefault(key, {"op": "set", "table": table, "ids": [], "before": b, "after": a})
                groups[key]["ids"].append(row_id)
            self._ops[index] = {"op": "group", "parts": list(groups.values())}
        ops = [part for op in self._ops for part in (op["parts"] if op.get("op") == "group" else [op])]
        if not ops:
            return None
        self.entry_id = self.uow.journal.add(
            handler=self.uow.actor, at=now_local(), kind=self.kind, label=action_label(self.kind, self.params),
            params=self.params, payload={"ops": ops, "refresh": sorted(self._refresh)}, case_id=self.case_id,
            touches=chain(touches(ops), self._refs))
        return self.entry_id


def record_import(uow: UnitOfWork, count: int, cases: list[CaseHandle]) -> int | None:
    """The journal entry of an import, from what its unit of work added: undone, its media items and messages
    leave their cases, the cases it opened are closed when left empty, the "missing" placeholders it replaced
    come back; the originals stay in the store."""
    sources = uow.imports.sources
    media = uow.rows.ids_where("media_item", "source_id", sources)
    messages = ids_of_sources(uow, "message", sources)  # an array, ascending: no int object per message
    if not media and not messages:
        return None
    pointed = {v["message_id"] for v in uow.rows.values("media_item", media, ["message_id"]).values()}
    refs = sorted(c.ref for c in cases)
    with track(uow, "import", case_id=cases[0].id if len(cases) == 1 else None, count=count, cases=refs) as t:
        t.deleted("media_item", uow.imports.dropped)
        for case_id in uow.cases.created:
            t.created_case(case_id)
        t.created("source", sources)
        t.created("message", messages)
        t.created("media_item", media)
        t.refer("message", {m for m in pointed if not _holds(messages, m)})
        t.refresh(h.id for h in cases)
    return t.entry_id


def _ascending(ids: Iterable[int]) -> bool:
    """Whether ``ids`` is an ``array`` of strictly ascending ids (the journal writes it as the list it holds)."""
    return isinstance(ids, array) and all(a < b for a, b in zip(ids, islice(ids, 1, None), strict=False))


def _holds(ascending: array, value: int | None) -> bool:
    i = bisect_left(ascending, value) if value is not None else len(ascending)
    return i < len(ascending) and ascending[i] == value


def touches(ops: list[dict]) -> Iterator[tuple[str, str]]:
    """The rows each operation changes, and which of their columns."""
    for op in ops:
        table = op.get("table")
        if op["op"] == "set":
            cols = ",".join(sorted(op["after"]))
            yield from ((f"{table}:{i}", cols) for i in op["ids"])
        elif op["op"] == "create":
            yield from ((f"{table}:{i}", "*") for i in op["ids"])
        elif op["op"] == "delete":
            key = key_column(table)
            yield from ((f"{table}:{r[key]}", "*") for r in op["rows"])
        elif op["op"] == "case":
            yield f"case_:{op['id']}", ",".join(CASE_COLS)


@contextmanager
def track(uow: UnitOfWork, action: str, /, *, case_id: int | None = None, **params: Any) -> Iterator[Tracker]:
    """Record the edit done inside the block as one undoable ``action`` (a kind in ``desktop.core.actions``;
    ``params`` fill its label; see the module docstring)."""
    t = Tracker(uow, action, case_id, params)
    yield t
    t.finish()
