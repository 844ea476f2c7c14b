"""The undo journal: one entry per edit, written in the edit's own unit of work, and the rows each entry changed.

An entry keeps what puts the previous state back (``payload``, JSON, built by ``desktop.services.journal``) and
the rows it touched (``journal_touch``), so that an undo can see whether a later action changed the same rows.
"""

from __future__ import annotations

import json
import uuid
from array import array
from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import islice

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound
from desktop.core.records import JournalInfo
from desktop.store import tables
from desktop.store.schema import Case, JournalEntry, JournalTouch, fit

Touch = tuple[str, str]  # ("media_item:12", "case_id,caption" | "*" | "@ref")
CHUNK = 500


def overlaps(a: str, b: str) -> bool:
    """Whether two touches of the same row collide: the whole row with anything, else a shared column.
    A reference (``@ref``: a note naming an item) collides only with the whole row (the item's removal)."""
    if a == "*" or b == "*":
        return True
    return bool((set(a.split(",")) & set(b.split(","))) - {"@ref"})


def payload_json(payload: dict) -> str:
    """``payload`` as compact JSON. An operation's ``ids`` may be an ``array`` (a long chat's import: 357,000
    message ids); it is written as the list of those ids would be, in pieces, without an int object per id."""
    ops = payload.get("ops") or []
    big = [i for i, op in enumerate(ops) if isinstance(op.get("ids"), array)]
    if not big:
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    marker = [f"ids-{uuid.uuid4().hex}"]
    swapped = [dict(op, ids=marker) if isinstance(op.get("ids"), array) else op for op in ops]
    text = json.dumps(dict(payload, ops=swapped), ensure_ascii=False, separators=(",", ":"))
    rest = text.split(json.dumps(marker, separators=(",", ":")))
    assert len(rest) == len(big) + 1
    out = [rest[0]]
    for i, after in zip(big, rest[1:], strict=True):
        ids = ops[i]["ids"]
        out.append("[")
        for k in range(0, len(ids), CHUNK * 20):
            out.append(("," if k else "") + ",".join(map(str, ids[k:k + CHUNK * 20])))
        out.append("]")
        out.append(after)
    return "".join(out)


class JournalStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, *, handler: str | None, at: datetime, kind: str, label: str, params: dict, payload: dict,
            case_id: int | None, touches: Iterable[Touch]) -> int:
        """A new entry; the handler's redo stack is cleared, as a new action clears it in any editor."""
        who = fit(JournalEntry.handler, handler)
        self._s.execute(update(JournalEntry).where(JournalEntry.handler == who, JournalEntry.redo_order.is_not(None))
                        .values(redo_order=None))
        entry = JournalEntry(handler=fit(JournalEntry.handler, handler), at=at, kind=kind, label=label,
                             params=json.dumps(params, ensure_ascii=False), case_id=case_id,
                             payload=payload_json(payload))
        self._s.add(entry)
        self._s.flush()
        # one executemany per 10,000, made as it goes: an import of a long chat touches a row per message
        stmt, it = insert(tables.journal_touch), iter(touches)
        while rows := [{"entry_id": entry.id, "row": row, "cols": cols} for row, cols in islice(it, CHUNK * 20)]:
            self._s.execute(stmt, rows)
        return entry.id

    def get(self, entry_id: int, *, lock: bool = False) -> tuple[JournalInfo, dict, list | None]:
        """(entry, payload, undo state) of one entry; ``lock`` holds it until the end of the transaction, so two
        desks cannot undo the same entry at once."""
        q = (select(JournalEntry, Case.ref).outerjoin(Case, JournalEntry.case_id == Case.id)
             .where(JournalEntry.id == entry_id))
        row = self._s.execute(q.with_for_update(of=JournalEntry) if lock else q).first()
        if row is None:
            raise NotFound(f"no action {entry_id} in the undo history")
        e, ref = row
        return _info(e, ref), json.loads(e.payload), json.loads(e.undo_state) if e.undo_state else None

    def entries(self, *, handler: str | None = None, limit: int = 50, active: bool | None = None,
                after: int | None = None) -> list[JournalInfo]:
        """Entries newest first: of one handler when given; only active (not undone) or only undone ones."""
        q = select(JournalEntry, Case.ref).outerjoin(Case, JournalEntry.case_id == Case.id)
        if handler is not None:
            q = q.where(JournalEntry.handler == fit(JournalEntry.handler, handler))
        if active is True:
            q = q.where(JournalEntry.undone_at.is_(None))
        elif active is False:
            q = q.where(JournalEntry.undone_at.is_not(None))
        if after is not None:
            q = q.where(JournalEntry.id > after)
        q = q.order_by(JournalEntry.id.desc()).limit(limit)
        return [_info(e, ref) for e, ref in self._s.execute(q)]

    def redo_stack(self, handler: str | None, limit: int = 50) -> list[JournalInfo]:
        """The handler's undone entries that a redo may bring back, the next one first."""
        q = (select(JournalEntry, Case.ref).outerjoin(Case, JournalEntry.case_id == Case.id)
             .where(JournalEntry.handler == fit(JournalEntry.handler, handler), JournalEntry.redo_order.is_not(None))
             .order_by(JournalEntry.redo_order.desc()).limit(limit))
        return [_info(e, ref) for e, ref in self._s.execute(q)]

    def touches(self, entry_id: int) -> list[Touch]:
        return [(row, cols) for row, cols in self._s.execute(select(JournalTouch.row, JournalTouch.cols)
                                                             .where(JournalTouch.entry_id == entry_id))]

    def later_overlapping(self, entry_id: int, touches: list[Touch]) -> list[JournalInfo]:
        """Active entries after ``entry_id`` that changed one of the same rows (oldest first)."""
        mine: dict[str, list[str]] = {}
        for row, cols in touches:
            mine.setdefault(row, []).append(cols)
        hits: set[int] = set()
        rows = list(mine)
        for i in range(0, len(rows), CHUNK):
            q = (select(JournalTouch.entry_id, JournalTouch.row, JournalTouch.cols)
                 .join(JournalEntry, JournalTouch.entry_id == JournalEntry.id)
                 .where(JournalTouch.row.in_(rows[i : i + CHUNK]), JournalEntry.id > entry_id,
                        JournalEntry.undone_at.is_(None)))
            for other, row, cols in self._s.execute(q):
                if other not in hits and any(overlaps(cols, c) for c in mine[row]):
                    hits.add(other)
        if not hits:
            return []
        q = (select(JournalEntry, Case.ref).outerjoin(Case, JournalEntry.case_id == Case.id)
             .where(JournalEntry.id.in_(sorted(hits)[:CHUNK])).order_by(JournalEntry.id))
        return [_info(e, ref) for e, ref in self._s.execute(q)]

    def mark_undone(self, entry_id: int, at: datetime, by: str | None, state: list) -> None:
        e = self._s.get(JournalEntry, entry_id)
        assert e is not None
        e.undone_at, e.undone_by = at, fit(JournalEntry.undone_by, by)
        e.undo_state = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        top = self._s.scalar(select(func.max(JournalEntry.redo_order)).where(JournalEntry.handler == e.handler))
        e.redo_order = (top or 0) + 1

    def mark_redone(self, entry_id: int) -> None:
        e = self._s.get(JournalEntry, entry_id)
        assert e is not None
        e.undone_at = e.undone_by = e.undo_state = e.redo_order = None


    def forget(self, *, case_ids: list[int], rows: list[str], scrub: Callable[[str], str]) -> int:
        """After an erasure: delete the entries about the erased data (of these cases, or touching one of these
        rows, "media_item:12"), whose undo would need rows that are gone and whose payload holds their values;
        and run ``scrub`` over every text of the other entries (label, parameters, payload, undo state), so a
        name kept there goes too. Returns how many entries were deleted."""
        doomed: set[int] = set(self._s.scalars(select(JournalEntry.id).where(JournalEntry.case_id.in_(case_ids))))
        for i in range(0, len(rows), CHUNK):
            doomed.update(self._s.scalars(select(JournalTouch.entry_id).where(JournalTouch.row.in_(rows[i:i + CHUNK]))))
        ids = sorted(doomed)
        for i in range(0, len(ids), CHUNK):
            part = ids[i:i + CHUNK]
            self._s.execute(delete(JournalTouch).where(JournalTouch.entry_id.in_(part)))
            self._s.execute(delete(JournalEntry).where(JournalEntry.id.in_(part)))
        for e in self._s.scalars(select(JournalEntry)):  # the ones left
            e.label = scrub(e.label)
            e.params = _scrub_json(e.params, scrub) or "{}"
            e.payload = _scrub_json(e.payload, scrub) or "{}"
            e.undo_state = _scrub_json(e.undo_state, scrub)
        return len(ids)


def _scrub_json(text: str | None, scrub: Callable[[str], str]) -> str | None:
    """``scrub`` over every string value inside a JSON text (the keys are column names), which stays valid JSON."""
    if not text:
        return text

    def walk(v: object) -> object:
        if isinstance(v, str):
            return scrub(v)
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    before = json.loads(text)
    after = walk(before)
    return text if after == before else json.dumps(after, ensure_ascii=False, separators=(",", ":"))


def _info(e: JournalEntry, ref: str | None) -> JournalInfo:
    return JournalInfo(e.id, e.at, e.handler, e.kind, e.label, json.loads(e.params or "{}"), ref, e.undone_at,
                       e.undone_by, e.redo_order)
