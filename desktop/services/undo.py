"""Undo and redo from the journal: ``undo_last``, ``undo``, ``redo_last``, ``redo``, ``history``, ``undo_stack``.

An undo puts back exactly the state an entry's edit replaced (``desktop.services.journal`` recorded it), in one
unit of work, and is audited; a redo does the edit again. Either is refused, with the reason, when a later action
(by anyone) changed the same rows, or when the rows no longer hold what the edit left. Rows an undo removes (an
import's media items and messages) are kept in the entry for the redo; the originals stay in the store.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.clock import now_local
from desktop.core.errors import UndoRefused
from desktop.core.model import AuditAction, CaseStatus
from desktop.core.records import JournalInfo
from desktop.services.journal import CASE_COLS
from desktop.services.library import Library
from desktop.store.rows import key_column
from desktop.store.unit import UnitOfWork

__all__ = ["UndoRefused", "history", "redo", "redo_last", "undo", "undo_last", "undo_stack"]

# Rows that point at a row an undo (or redo) removes: "delete" them too (kept for the redo), "clear" the pointer
# (duplicate groups are recomputed), or "refuse" (someone's work refers to it).
DEPENDENTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "media_item": (("alert", "media_item_id", "delete"), ("alert", "other_media_item_id", "delete"),
                   ("media_item", "duplicate_of_id", "clear"), ("note", "media_item_id", "refuse")),
    "message": (("media_item", "message_id", "refuse"),),
    "source": (("media_item", "source_id", "refuse"), ("message", "source_id", "refuse")),
}
# Derived columns of re-inserted rows, recomputed by the duplicate refresh.
DERIVED = {"media_item": {"duplicate_of_id": None, "duplicate_kind": None, "set_aside": False}}


def undo_last(lib: Library, handler: str | None = None) -> JournalInfo:
    """Undo the newest action of ``handler`` (default: the library's handler) that is not undone yet."""
    who = handler or lib.handler
    with lib.unit() as uow:
        last = uow.journal.entries(handler=who, active=True, limit=1)
    if not last:
        raise UndoRefused(f"nothing to undo for {who}")
    return undo(lib, last[0].id)


def redo_last(lib: Library, handler: str | None = None) -> JournalInfo:
    """Redo the action ``undo_last`` undid most recently, if nothing of ``handler``'s came after it."""
    stack, index = undo_stack(lib, handler)
    if index >= len(stack):
        raise UndoRefused(f"nothing to redo for {handler or lib.handler}")
    return redo(lib, stack[index].id)


def undo(lib: Library, entry_id: int) -> JournalInfo:
    with lib.unit(write=True) as uow:
        info, payload, _ = uow.journal.get(entry_id, lock=True)
        if info.undone_at is not None:
            raise UndoRefused(f"“{info.text()}” is already undone")
        _refuse_if_later(uow, info, "undo")
        ops = payload["ops"]
        state: list = [None] * len(ops)
        for i in reversed(range(len(ops))):
            state[i] = _undo_op(uow, ops[i], info)
        at = now_local()
        uow.journal.mark_undone(entry_id, at, lib.handler, state)
        _finish(uow, lib, info, payload, AuditAction.UNDONE)
    return replace(info, undone_at=at, undone_by=lib.handler)


def redo(lib: Library, entry_id: int) -> JournalInfo:
    with lib.unit(write=True) as uow:
        info, payload, state = uow.journal.get(entry_id, lock=True)
        if info.undone_at is None:
            raise UndoRefused(f"“{info.text()}” is not undone")
        _refuse_if_later(uow, info, "redo")
        ops = payload["ops"]
        for i, op in enumerate(ops):
            _redo_op(uow, op, (state or [None] * len(ops))[i], info)
        uow.journal.mark_redone(entry_id)
        _finish(uow, lib, info, payload, AuditAction.REDONE)
    return replace(info, undone_at=None, undone_by=None)


def history(lib: Library, *, handler: str | None = None, everyone: bool = False,
            limit: int = 50) -> list[JournalInfo]:
    """The journal, newest first: this handler's actions (or everyone's)."""
    with lib.unit() as uow:
        return uow.journal.entries(handler=None if everyone else handler or lib.handler, limit=limit)


def undo_stack(lib: Library, handler: str | None = None, limit: int = 50) -> tuple[list[JournalInfo], int]:
    """A handler's undo stack, as an editor keeps one: their active actions oldest first, then what redo brings
    back, the next one first (an action made after an undo clears the redo part). Returns (entries, index of
    the first one to redo)."""
    who = handler or lib.handler
    with lib.unit() as uow:
        active = uow.journal.entries(handler=who, active=True, limit=limit)[::-1]
        redo = uow.journal.redo_stack(who, limit)
    return active + redo, len(active)


# -- checks ------------------------------------------------------------------------------------------------------
def _refuse_if_later(uow: UnitOfWork, info: JournalInfo, verb: str) -> None:
    later = uow.journal.later_overlapping(info.id, uow.journal.touches(info.id))
    if later:
        other = later[-1]
        raise UndoRefused(
            f"cannot {verb} “{info.text()}”: “{other.text()}” ({other.handler or 'someone'}, "
            f"{other.at:%Y-%m-%d %H:%M}) changed the same items since; undo that first")


def _changed(uow: UnitOfWork, info: JournalInfo, table: str, ids: list[int], what: str) -> UndoRefused:
    names = uow.rows.names(table, ids[:5])
    shown = ", ".join(names.get(i, str(i)) for i in ids[:5]) + (" …" if len(ids) > 5 else "")
    return UndoRefused(f"cannot undo or redo “{info.text()}”: {shown} {what}")


# -- putting rows back -------------------------------------------------------------------------------------------
def _set(uow: UnitOfWork, op: dict, expect: dict, write: dict, info: JournalInfo) -> None:
    current = uow.rows.values(op["table"], op["ids"], list(expect), lock=True)
    wrong = [i for i in op["ids"] if current.get(i) != expect]
    if wrong:
        raise _changed(uow, info, op["table"], wrong, "changed outside this history since")
    uow.rows.set(op["table"], op["ids"], write)


def _remove(uow: UnitOfWork, table: str, ids: list[int], info: JournalInfo) -> dict:
    """Delete rows with what points at them; returns what was deleted, for putting it back."""
    rows = uow.rows.values(table, ids, lock=True)
    gone = [i for i in ids if i not in rows]
    if gone:
        raise _changed(uow, info, table, gone, "no longer exist")
    deps: dict[str, list[dict]] = {}
    for dep_table, column, action in DEPENDENTS.get(table, ()):
        pointing = uow.rows.referencing(dep_table, column, ids)
        if not pointing:
            continue
        if action == "refuse":
            raise _changed(uow, info, table, sorted(set(pointing.values())),
                           f"are referred to by later work ({dep_table.replace('_', ' ')} {min(pointing)})")
        if action == "clear":
            uow.rows.set(dep_table, pointing, {column: None})
        else:
            found = uow.rows.values(dep_table, pointing)
            deps.setdefault(dep_table, []).extend(found[i] for i in sorted(found))
            uow.rows.delete(dep_table, found)
    uow.rows.delete(table, ids)
    return {"rows": [rows[i] for i in sorted(rows)], "deps": deps}


def _put_back(uow: UnitOfWork, table: str, rows: list[dict], deps: dict[str, list[dict]],
              info: JournalInfo) -> None:
    key = key_column(table)
    ids = [r[key] for r in rows]
    present = uow.rows.values(table, ids, [key])
    if present:
        raise _changed(uow, info, table, sorted(present), "exist again")
    derived = DERIVED.get(table, {})
    uow.rows.insert(table, [{**r, **derived} for r in rows])
    for dep_table, dep_rows in deps.items():
        uow.rows.insert(dep_table, dep_rows)


def _undo_op(uow: UnitOfWork, op: dict, info: JournalInfo) -> object:
    kind = op["op"]
    if kind == "set":
        _set(uow, op, op["after"], op["before"], info)
    elif kind == "create":
        return _remove(uow, op["table"], op["ids"], info)
    elif kind == "delete":
        _put_back(uow, op["table"], op["rows"], {}, info)
    elif kind == "case":
        cid = op["id"]
        if any(uow.rows.count_in_case(t, cid) for t in ("media_item", "message", "note")):
            return {"closed": None}  # it holds work done since: it stays open
        before = uow.rows.values("case_", [cid], CASE_COLS)[cid]
        uow.rows.set("case_", [cid], {"status": CaseStatus.CLOSED.value, "closed_at": now_local().isoformat()})
        return {"closed": before}
    return None


def _redo_op(uow: UnitOfWork, op: dict, state: dict | None, info: JournalInfo) -> None:
    kind = op["op"]
    if kind == "set":
        _set(uow, op, op["before"], op["after"], info)
    elif kind == "create":
        assert state is not None, "an undone creation keeps the rows it removed"
        _put_back(uow, op["table"], state["rows"], state["deps"], info)
    elif kind == "delete":
        _remove(uow, op["table"], [r[key_column(op["table"])] for r in op["rows"]], info)
    elif kind == "case" and state and state.get("closed"):
        cid = op["id"]
        if uow.rows.values("case_", [cid], ["status"])[cid]["status"] != CaseStatus.CLOSED:
            raise _changed(uow, info, "case_", [cid], "was reopened since")
        uow.rows.set("case_", [cid], state["closed"])


def _finish(uow: UnitOfWork, lib: Library, info: JournalInfo, payload: dict, action: AuditAction) -> None:
    if payload.get("refresh"):
        from desktop.services import duplicates  # numpy: only for edits that change duplicate groups

        duplicates.refresh(uow, payload["refresh"], lib.team)
    case = uow.cases.find(info.case_ref) if info.case_ref else None
    uow.audit.record(action, case.id if case else None, entry=info.id, kind=info.kind, label=info.text())
