"""Changing cases: fields and status, notes, captions, report inclusion, merge, split and move.

Every change is one transaction and leaves an audit event; nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update

from desktop.core.errors import NotFound, UsageError
from desktop.core.model import CaseKind, CaseStatus
from desktop.services import duplicates
from desktop.services.cases import case_id_for
from desktop.services.library import Library
from desktop.services.writer import audit, next_case_ref, now_local
from desktop.store.schema import Alert, Case, MediaItem, Message, Note

EDITABLE = {"title", "kind", "status", "policy_ref", "incident_date", "handler"}


@dataclass
class NoteInfo:
    id: int
    created_at: datetime
    author: str | None
    text: str
    media_item_id: int | None


def update_case(lib: Library, ref: str, actor: str | None = None, **changes: object) -> None:
    unknown = set(changes) - EDITABLE - {"answered"}
    if unknown:
        raise UsageError(f"cannot change {', '.join(sorted(unknown))}")
    if "status" in changes and changes["status"] not in {s.value for s in CaseStatus}:
        raise UsageError(f"unknown status {changes['status']!r}")
    if "kind" in changes and changes["kind"] not in {k.value for k in CaseKind}:
        raise UsageError(f"unknown kind {changes['kind']!r}")
    if isinstance(changes.get("incident_date"), str):
        try:
            changes["incident_date"] = date.fromisoformat(str(changes["incident_date"]))
        except ValueError:
            raise UsageError("incident date must be YYYY-MM-DD") from None
    with lib.db.session() as s:
        case = s.get(Case, case_id_for(s, ref))
        assert case is not None
        before = {k: getattr(case, k) for k in changes if k in EDITABLE}
        for key, value in changes.items():
            if key == "answered":
                case.answered_at = now_local() if value else None
            else:
                setattr(case, key, value)
        if changes.get("status") == CaseStatus.CLOSED.value and case.closed_at is None:
            case.closed_at = now_local()
        elif "status" in changes and changes["status"] != CaseStatus.CLOSED.value:
            case.closed_at = None
        audit(s, "case-updated", case.id, actor, before=before, after={k: changes[k] for k in changes})


def add_note(lib: Library, ref: str, text: str, *, author: str | None = None,
             media_item_id: int | None = None) -> int:
    if not text.strip():
        raise UsageError("a note needs some text")
    with lib.db.session() as s:
        cid = case_id_for(s, ref)
        note = Note(case_id=cid, media_item_id=media_item_id, author=author, text=text, created_at=now_local())
        s.add(note)
        s.flush()
        audit(s, "note-added", cid, author, note=note.id)
        return note.id


def list_notes(lib: Library, ref: str) -> list[NoteInfo]:
    with lib.db.session() as s:
        cid = case_id_for(s, ref)
        return [NoteInfo(n.id, n.created_at, n.author, n.text, n.media_item_id)
                for n in s.scalars(select(Note).where(Note.case_id == cid).order_by(Note.id))]


def set_media(lib: Library, media_id: int, *, caption: str | None = None, included: bool | None = None,
              actor: str | None = None) -> None:
    with lib.db.session() as s:
        item = s.get(MediaItem, media_id)
        if item is None:
            raise NotFound(f"no media item {media_id}")
        if caption is not None:
            item.caption = caption.strip() or None
        if included is not None:
            item.included = included
        audit(s, "media-updated", item.case_id, actor, media=media_id, caption=caption, included=included)


@dataclass
class MergeRecord:
    """What a merge moved, so that it can be undone exactly."""

    source_ref: str
    target_ref: str
    media_ids: list[int]
    message_ids: list[int]
    note_ids: list[int]
    alert_ids: list[int]  # alerts raised on the source case
    other_alert_ids: list[int]  # alerts elsewhere that pointed at the source case
    title: str
    status: str
    closed_at: datetime | None


def merge_cases(lib: Library, source_ref: str, target_ref: str, actor: str | None = None) -> MergeRecord:
    """Move everything of ``source_ref`` into ``target_ref``; the emptied case is closed, not deleted."""
    if source_ref == target_ref:
        raise UsageError("a case cannot be merged into itself")
    with lib.db.session() as s:
        src, dst = case_id_for(s, source_ref), case_id_for(s, target_ref)
        case = s.get(Case, src)
        assert case is not None
        rec = MergeRecord(
            source_ref, target_ref,
            list(s.scalars(select(MediaItem.id).where(MediaItem.case_id == src))),
            list(s.scalars(select(Message.id).where(Message.case_id == src))),
            list(s.scalars(select(Note.id).where(Note.case_id == src))),
            list(s.scalars(select(Alert.id).where(Alert.case_id == src))),
            list(s.scalars(select(Alert.id).where(Alert.other_case_id == src))),
            case.title, case.status, case.closed_at,
        )
        for table in (MediaItem, Message, Note):
            s.execute(update(table).where(table.case_id == src).values(case_id=dst))
        s.execute(update(Alert).where(Alert.case_id == src).values(case_id=dst))
        s.execute(update(Alert).where(Alert.other_case_id == src).values(other_case_id=dst))
        case.status, case.closed_at = CaseStatus.CLOSED.value, now_local()
        case.title = f"{case.title} (merged into {target_ref})"[:300]
        duplicates.refresh(s, [dst], lib.prefs)
        audit(s, "case-merged", dst, actor, source=source_ref, target=target_ref)
        audit(s, "case-merged", src, actor, source=source_ref, target=target_ref)
    return rec


def undo_merge(lib: Library, rec: MergeRecord, actor: str | None = None) -> None:
    """Put back exactly what ``merge_cases`` moved, and reopen the source case as it was."""
    with lib.db.session() as s:
        src = case_id_for(s, rec.source_ref)
        for table, ids in ((MediaItem, rec.media_ids), (Message, rec.message_ids), (Note, rec.note_ids)):
            if ids:
                s.execute(update(table).where(table.id.in_(ids)).values(case_id=src))
        if rec.alert_ids:
            s.execute(update(Alert).where(Alert.id.in_(rec.alert_ids)).values(case_id=src))
        if rec.other_alert_ids:
            s.execute(update(Alert).where(Alert.id.in_(rec.other_alert_ids)).values(other_case_id=src))
        case = s.get(Case, src)
        assert case is not None
        case.title, case.status, case.closed_at = rec.title, rec.status, rec.closed_at
        duplicates.refresh(s, [src, case_id_for(s, rec.target_ref)], lib.prefs)
        audit(s, "case-merge-undone", src, actor, source=rec.source_ref, target=rec.target_ref)
        audit(s, "case-merge-undone", case_id_for(s, rec.target_ref), actor, source=rec.source_ref)


def split_case(lib: Library, ref: str, message_id: int, actor: str | None = None) -> str:
    """Messages from ``message_id`` on (in time order), and their media, go to a new case. Returns its ref."""
    with lib.db.session() as s:
        cid = case_id_for(s, ref)
        at = s.get(Message, message_id)
        if at is None or at.case_id != cid:
            raise NotFound(f"message {message_id} is not in case {ref}")
        old = s.get(Case, cid)
        assert old is not None
        new = Case(ref=next_case_ref(s, now_local().year), title=f"{old.title} (split)"[:300], kind=old.kind,
                   customer_id=old.customer_id, opened_at=now_local())
        s.add(new)
        s.flush()
        msgs = s.scalars(select(Message).where(Message.case_id == cid)).all()
        cut = at.sent_at.replace(tzinfo=None) if at.sent_at else None
        moving = [m for m in msgs if m.id == at.id or (cut is not None and m.sent_at is not None
                                                        and m.sent_at.replace(tzinfo=None) >= cut)]
        ids = [m.id for m in moving]
        for m in moving:
            m.case_id = new.id
        moved = list(s.scalars(select(MediaItem.id).where(MediaItem.message_id.in_(ids))))
        s.execute(update(MediaItem).where(MediaItem.id.in_(moved)).values(case_id=new.id))
        _alerts_follow(s, moved, new.id)
        duplicates.refresh(s, [cid, new.id], lib.prefs)
        audit(s, "case-split", cid, actor, new_case=new.ref, at_message=message_id, messages=len(ids))
        audit(s, "case-split", new.id, actor, from_case=ref, at_message=message_id, messages=len(ids))
        return new.ref


def move_media(lib: Library, media_ids: list[int], target_ref: str, actor: str | None = None) -> None:
    with lib.db.session() as s:
        dst = case_id_for(s, target_ref)
        items = s.scalars(select(MediaItem).where(MediaItem.id.in_(media_ids))).all()
        if len(items) != len(set(media_ids)):
            raise NotFound("some media items do not exist")
        sources = {it.case_id for it in items}
        for it in items:
            audit(s, "media-moved", it.case_id, actor, media=it.id, to=target_ref)
            it.case_id = dst
        _alerts_follow(s, [it.id for it in items], dst)
        duplicates.refresh(s, sorted(sources | {dst}), lib.prefs)
        audit(s, "media-moved", dst, actor, media=list(media_ids), to=target_ref)


def _alerts_follow(s, media_ids: list[int], case_id: int) -> None:
    """Alerts stay with the media they are about."""
    if media_ids:
        s.execute(update(Alert).where(Alert.media_item_id.in_(media_ids)).values(case_id=case_id))
        s.execute(update(Alert).where(Alert.other_media_item_id.in_(media_ids)).values(other_case_id=case_id))
