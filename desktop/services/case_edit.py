"""Changing cases: fields and status, notes, captions, report inclusion, rotation, merge, split and move.

Every change is one unit of work, leaves an audit event naming the handler and a journal entry that undoes it
(``desktop.services.undo``); nothing is ever deleted but a handler's own note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.core.calendar import EARLIEST, LATEST
from desktop.core.clock import now_local
from desktop.core.errors import EditConflict, NotFound, UsageError
from desktop.core.model import AuditAction, CaseKind, CaseStatus
from desktop.core.records import MergeRecord, NoteInfo
from desktop.services import duplicates, journal
from desktop.services.library import Library
from desktop.store.unit import UnitOfWork

__all__ = ["EDITABLE", "CaseChange", "EditConflict", "MergeRecord", "NoteInfo", "add_note", "delete_note",
           "edit_note", "list_notes", "merge_cases", "move_media", "restore_case", "set_media", "set_rotation",
           "split_case", "undo_merge", "update_case"]

FIELDS = ("title", "kind", "status", "policy_ref", "incident_date", "handler")  # in the order a label names them
EDITABLE = set(FIELDS)
ROTATIONS = (0, 90, 180, 270)
_SAID = {"policy_ref": "policy", "incident_date": "incident date", "answered_at": "answered",
         "closed_at": "closed"}


def _case_action(ref: str, changes: dict[str, object]) -> tuple[str, dict]:
    """The journal kind and label parameters of a change of case fields."""
    keys = set(changes)
    if keys == {"status"}:
        return "case-status", {"ref": ref, "status": changes["status"]}
    if keys == {"kind"}:
        return "case-kind", {"ref": ref, "kind": changes["kind"]}
    if keys == {"answered"}:
        return ("case-answered" if changes["answered"] else "case-unanswered"), {"ref": ref}
    return "case-fields", {"ref": ref, "fields": [f for f in (*FIELDS, "answered") if f in keys]}


@dataclass(frozen=True)
class CaseChange:
    """What ``update_case`` changed: the fields before and after, and the version it made (``restore_case``
    puts ``before`` back, refused if someone changed the case since)."""

    ref: str
    before: dict[str, object]
    after: dict[str, object]
    version: int


def update_case(lib: Library, ref: str, *, expected_version: int | None = None, **changes: object) -> CaseChange:
    """Change fields of a case (``EDITABLE``, and ``answered``: whether the customer has been answered).

    ``expected_version`` is the version the editor saw (``CaseSummary.version``): when another handler saved
    the case since, nothing is saved and ``EditConflict`` says who, when, and the current values."""
    unknown = set(changes) - EDITABLE - {"answered"}
    if unknown:
        raise UsageError(f"cannot change {', '.join(sorted(unknown))}")
    if "status" in changes and changes["status"] not in set(CaseStatus):
        raise UsageError(f"unknown status {changes['status']!r}")
    if "kind" in changes and changes["kind"] not in set(CaseKind):
        raise UsageError(f"unknown kind {changes['kind']!r}")
    if isinstance(changes.get("incident_date"), str):
        try:
            changes["incident_date"] = date.fromisoformat(str(changes["incident_date"]))
        except ValueError:
            raise UsageError("incident date must be YYYY-MM-DD") from None
        if not EARLIEST.date() <= changes["incident_date"] < LATEST.date():  # the dates working time reckons with
            raise UsageError(f"incident date {changes['incident_date'].isoformat()} is not a date of this world "
                             f"({EARLIEST.year} to {LATEST.year - 1})")
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        kind, params = _case_action(ref, changes)
        with journal.track(uow, kind, case_id=cid, **params) as t:
            t.watch("case_", [cid], sorted({k for k in changes if k in EDITABLE}
                                           | ({"answered_at"} if "answered" in changes else set())
                                           | ({"closed_at"} if "status" in changes else set())))
            for _ in range(3):
                current = uow.cases.fields(cid)
                if expected_version is not None and current["version"] != expected_version:
                    raise _conflict(ref, current, changes)
                values = {k: v for k, v in changes.items() if k in EDITABLE}
                if "answered" in changes:
                    values["answered_at"] = now_local() if changes["answered"] else None
                if changes.get("status") == CaseStatus.CLOSED and current["closed_at"] is None:
                    values["closed_at"] = now_local()
                elif "status" in changes and changes["status"] != CaseStatus.CLOSED:
                    values["closed_at"] = None
                version = uow.cases.set_fields(cid, values, expected_version=current["version"])
                if version is not None:
                    break
                if expected_version is not None:  # another desk saved between our read and our write
                    raise _conflict(ref, uow.cases.fields(cid), changes)
            else:
                raise _conflict(ref, uow.cases.fields(cid), changes)
        before = {k: current[k] for k in values}
        uow.audit.record(AuditAction.CASE_UPDATED, cid, before={k: current[k] for k in changes if k in EDITABLE},
                         after=dict(changes), version=version)
    return CaseChange(ref, before, values, version)


def restore_case(lib: Library, change: CaseChange) -> CaseChange:
    """Put back the fields ``change`` replaced (an undo), unless the case was changed again since."""
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(change.ref)
        current = uow.cases.fields(cid)
        if current["version"] != change.version:
            raise _conflict(change.ref, current, change.before)
        version = uow.cases.set_fields(cid, dict(change.before), expected_version=change.version)
        if version is None:
            raise _conflict(change.ref, uow.cases.fields(cid), change.before)
        uow.audit.record(AuditAction.CASE_UPDATED, cid, before=change.after, after=change.before, version=version,
                         restored=True)
    return CaseChange(change.ref, change.after, change.before, version)


def _said(value: object) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _conflict(ref: str, current: dict[str, object], changes: dict[str, object]) -> EditConflict:
    """The message for an edit made on a version that is no longer current."""
    at = current.get("updated_at")
    when = ""
    if isinstance(at, datetime):
        when = f" at {at:%H:%M}" if at.date() == now_local().date() else f" on {at:%Y-%m-%d} at {at:%H:%M}"
    who = current.get("updated_by") or "another handler"
    names = ["answered" if k == "answered" else k for k in changes]
    fields = [k for k in ("answered_at" if n == "answered" else n for n in names) if k in current]
    said = ", ".join(_SAID.get(k, k) for k in fields) or "the case"
    values = "; ".join(f"{_SAID.get(k, k)}: {_said(current[k])}" for k in fields)
    plural = "s" if len(fields) > 1 else ""
    message = (f"{ref} was changed by {who}{when} while you were editing: your change{plural} to {said} "
               f"{'were' if plural else 'was'} not saved; current values: {values or 'see the case'}")
    fresh = {k: v for k, v in current.items() if k not in ("customer_id",)}
    return EditConflict(message, fresh, int(current["version"]))  # type: ignore[arg-type]


def add_note(lib: Library, ref: str, text: str, *, author: str | None = None,
             media_item_id: int | None = None) -> int:
    """A note on a case, by ``author`` (default: the library's handler)."""
    if not text.strip():
        raise UsageError("a note needs some text")
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        with journal.track(uow, "note-add", case_id=cid, ref=ref) as t:
            note = uow.notes.add(cid, text, author=author or lib.handler, media_item_id=media_item_id,
                                 at=now_local())
            t.created("note", [note])
            t.refer("media_item", [media_item_id])
        uow.audit.record(AuditAction.NOTE_ADDED, cid, note=note)
        return note


def edit_note(lib: Library, note_id: int, text: str) -> None:
    if not text.strip():
        raise UsageError("a note needs some text")
    with lib.unit(write=True) as uow:
        cid = uow.notes.case_of(note_id)
        with journal.track(uow, "note-edit", case_id=cid, ref=uow.cases.handle(cid).ref) as t:
            t.watch("note", [note_id], ["text"])
            uow.notes.set_text(note_id, text)
        uow.audit.record(AuditAction.NOTE_EDITED, cid, note=note_id)


def delete_note(lib: Library, note_id: int) -> None:
    """Remove a note; the journal keeps it, so an undo brings it back."""
    with lib.unit(write=True) as uow:
        cid = uow.notes.case_of(note_id)
        with journal.track(uow, "note-delete", case_id=cid, ref=uow.cases.handle(cid).ref) as t:
            t.deleting("note", [note_id])
            uow.notes.delete(note_id)
        uow.audit.record(AuditAction.NOTE_DELETED, cid, note=note_id)


def list_notes(lib: Library, ref: str) -> list[NoteInfo]:
    with lib.unit() as uow:
        return uow.notes.of_case(uow.cases.id_of(ref))


def _item_name(uow: UnitOfWork, media_id: int) -> str:
    name = uow.rows.names("media_item", [media_id]).get(media_id)
    if name is None:
        raise NotFound(f"no media item {media_id}")
    return name


def set_media(lib: Library, media_id: int, *, caption: str | None = None, included: bool | None = None) -> None:
    """Change an item's caption (blank clears it) and/or whether it goes into the report: one action each."""
    with lib.unit(write=True) as uow:
        name = _item_name(uow, media_id)
        case_id = uow.media.cases_of([media_id])[media_id]
        if caption is not None:
            with journal.track(uow, "caption", case_id=case_id, name=name) as t:
                t.watch("media_item", [media_id], ["caption"])
                uow.media.set_fields(media_id, caption=caption)
        if included is not None:
            with journal.track(uow, "include" if included else "exclude", case_id=case_id, name=name) as t:
                t.watch("media_item", [media_id], ["included"])
                uow.media.set_fields(media_id, included=included)
        uow.audit.record(AuditAction.MEDIA_UPDATED, case_id, media=media_id, caption=caption, included=included)


def set_rotation(lib: Library, media_id: int, degrees: int) -> int:
    """Turn an item for viewing and for the PDF (clockwise; the original is untouched). Returns 0/90/180/270."""
    if degrees % 90:
        raise UsageError("a rotation is a multiple of 90 degrees")
    degrees %= 360
    with lib.unit(write=True) as uow:
        name = _item_name(uow, media_id)
        case_id = uow.media.cases_of([media_id])[media_id]
        with journal.track(uow, "rotate", case_id=case_id, name=name, degrees=degrees) as t:
            t.watch("media_item", [media_id], ["rotation"])
            uow.media.set_fields(media_id, rotation=degrees)
        uow.audit.record(AuditAction.MEDIA_ROTATED, case_id, media=media_id, degrees=degrees)
    return degrees


def watch_moves(t: journal.Tracker, uow: UnitOfWork, media_ids: list[int]) -> None:
    """Before moving items: their case, and the case of the alerts about them, which follow them."""
    t.watch("media_item", media_ids, ["case_id"])
    alerts = {*uow.rows.ids_where("alert", "media_item_id", media_ids),
              *uow.rows.ids_where("alert", "other_media_item_id", media_ids)}
    t.watch("alert", sorted(alerts), ["case_id", "other_case_id"])


def merge_cases(lib: Library, source_ref: str, target_ref: str) -> MergeRecord:
    """Move everything of ``source_ref`` into ``target_ref``; the emptied case is closed, not deleted."""
    if source_ref == target_ref:
        raise UsageError("a case cannot be merged into itself")
    with lib.unit(write=True) as uow:
        src, dst = uow.cases.id_of(source_ref), uow.cases.id_of(target_ref)
        with journal.track(uow, "merge", case_id=dst, source=source_ref, target=target_ref) as t:
            t.watch("case_", [src], ["title", "status", "closed_at"])
            for table in ("media_item", "message", "note"):
                t.watch(table, uow.rows.ids_where(table, "case_id", [src]), ["case_id"])
            alerts = {*uow.rows.ids_where("alert", "case_id", [src]),
                      *uow.rows.ids_where("alert", "other_case_id", [src])}
            t.watch("alert", sorted(alerts), ["case_id", "other_case_id"])
            t.refresh([src, dst])
            rec = uow.cases.move_contents(src, dst, source_ref, target_ref)
            uow.cases.set_fields(src, {"status": CaseStatus.CLOSED.value, "closed_at": now_local(),
                                       "title": f"{rec.title} (merged into {target_ref})"})
            duplicates.refresh(uow, [dst], lib.team)
        rec.entry_id = t.entry_id
        uow.audit.record(AuditAction.CASE_MERGED, dst, source=source_ref, target=target_ref)
        uow.audit.record(AuditAction.CASE_MERGED, src, source=source_ref, target=target_ref)
    return rec


def undo_merge(lib: Library, rec: MergeRecord) -> None:
    """Put back exactly what ``merge_cases`` moved, and reopen the source case as it was."""
    from desktop.services.undo import undo

    if rec.entry_id is None:
        raise UsageError(f"the merge of {rec.source_ref} into {rec.target_ref} moved nothing to undo")
    undo(lib, rec.entry_id)


def split_case(lib: Library, ref: str, message_id: int) -> str:
    """Messages from ``message_id`` on (in time order), and their media, go to a new case. Returns its ref."""
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        if uow.messages.case_of(message_id) != cid:
            raise NotFound(f"message {message_id} is not in case {ref}")
        old = uow.cases.fields(cid)
        with journal.track(uow, "split", case_id=cid, ref=ref) as t:
            new = uow.cases.create(title=f"{old['title']} (split)", kind=str(old["kind"]),
                                   customer_id=old["customer_id"], opened_at=now_local())
            t.params["new"] = new.ref
            t.created_case(new.id)
            times = uow.messages.times(cid)
            at = dict(times)[message_id]
            cut = at.replace(tzinfo=None) if at else None
            ids = [mid for mid, tm in times if mid == message_id or (cut is not None and tm is not None
                                                                     and tm.replace(tzinfo=None) >= cut)]
            media = uow.media.of_messages(ids)
            t.watch("message", ids, ["case_id"])
            watch_moves(t, uow, media)
            t.refresh([cid, new.id])
            uow.messages.move(ids, new.id)
            uow.media.move(media, new.id)
            duplicates.refresh(uow, [cid, new.id], lib.team)
        uow.audit.record(AuditAction.CASE_SPLIT, cid, new_case=new.ref, at_message=message_id, messages=len(ids))
        uow.audit.record(AuditAction.CASE_SPLIT, new.id, from_case=ref, at_message=message_id, messages=len(ids))
        return new.ref


def move_media(lib: Library, media_ids: list[int], target_ref: str) -> int:
    """Move media items into case ``target_ref``; returns how many moved (those already there stay, unrecorded)."""
    with lib.unit(write=True) as uow:
        dst = uow.cases.id_of(target_ref)
        found = uow.media.cases_of(media_ids)
        if len(found) != len(set(media_ids)):
            raise NotFound("some media items do not exist")
        cases = {mid: case_id for mid, case_id in found.items() if case_id != dst}
        if not cases:
            return 0
        with journal.track(uow, "move", case_id=dst, count=len(cases), target=target_ref) as t:
            watch_moves(t, uow, list(cases))
            t.refresh(sorted(set(cases.values()) | {dst}))
            for mid, case_id in cases.items():
                uow.audit.record(AuditAction.MEDIA_MOVED, case_id, media=mid, to=target_ref)
            uow.media.move(list(cases), dst)
            duplicates.refresh(uow, sorted(set(cases.values()) | {dst}), lib.team)
        uow.audit.record(AuditAction.MEDIA_MOVED, dst, media=sorted(cases), to=target_ref)
    return len(cases)
