"""Splitting a case by capture-time gaps: an action the handler asks for, with a preview of the parts.

The items are cut wherever two consecutive capture times are more than ``hours`` apart (items without a capture
time, or with a date only, stay in the first part). The first part stays in the case; each other part becomes a
new case of the same customer and kind, titled by its dates in the handler's language. A file sent with a message
takes the message along. One undoable action.
"""

from __future__ import annotations

from datetime import timedelta

from desktop.core.capture_time import wall_clock
from desktop.core.clock import now_local
from desktop.core.errors import UsageError
from desktop.core.grouping import split_by_gaps as cut
from desktop.core.model import AuditAction, MediaInfo
from desktop.core.records import GapPart
from desktop.core.titles import dates_title
from desktop.services import duplicates, journal
from desktop.services.case_edit import watch_moves
from desktop.services.language import preferred_language
from desktop.services.library import Library
from desktop.services.loose_cases import unique_titles
from desktop.store.unit import UnitOfWork

__all__ = ["GapPart", "preview_split_by_gaps", "split_by_gaps"]


def _parts(uow: UnitOfWork, case_id: int, title: str, hours: float, lang: str) -> list[GapPart]:
    if hours <= 0:
        raise UsageError("the gap must be more than 0 hours")
    media = uow.media.infos(case_id=case_id)
    timed = [(m, m.taken_at if m.taken_at and not m.taken_date_only else None) for m in media]
    groups: list[list[MediaInfo]] = cut(timed, timedelta(hours=hours))
    titles = unique_titles([dates_title([m.taken_at for m in g], [m.kind for m in g], lang) for g in groups])
    out = []
    for i, (group, name) in enumerate(zip(groups, titles, strict=True)):
        times = sorted((m.taken_at for m in group if m.taken_at), key=wall_clock)
        out.append(GapPart(title if i == 0 else name, sorted(m.id for m in group), times[0] if times else None,
                           times[-1] if times else None, i == 0))
    return out


def preview_split_by_gaps(lib: Library, ref: str, hours: float) -> list[GapPart]:
    """The parts ``split_by_gaps`` would make, first (staying) part first; nothing is changed."""
    with lib.unit() as uow:
        cid = uow.cases.id_of(ref)
        parts = _parts(uow, cid, str(uow.cases.fields(cid)["title"]), hours, preferred_language(lib))
    return [GapPart(p.title, p.media_ids, p.first, p.last, p.stays, ref if p.stays else None) for p in parts]


def split_by_gaps(lib: Library, ref: str, hours: float) -> list[GapPart]:
    """Split ``ref`` as previewed; returns the parts with the case each one is now in."""
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        old = uow.cases.fields(cid)
        parts = _parts(uow, cid, str(old["title"]), hours, preferred_language(lib))
        if len(parts) < 2:
            raise UsageError(f"no gap of more than {hours:g} hours between the capture times in {ref}: "
                             "nothing to split")
        moving = [mid for p in parts[1:] for mid in p.media_ids]
        message_of = {m.id: m.message_id for m in uow.media.infos(case_id=cid)}
        part_of: dict[int, int] = {}  # message id -> the first part holding one of its files
        for index, p in enumerate(parts):
            for mid in p.media_ids:
                if message_of[mid] is not None:
                    part_of.setdefault(message_of[mid], index)
        out = [parts[0]]
        with journal.track(uow, "split-gaps", case_id=cid, ref=ref, count=len(parts) - 1) as t:
            new_ids = [cid]
            for p in parts[1:]:
                new = uow.cases.create(title=p.title, kind=str(old["kind"]), customer_id=old["customer_id"],
                                       opened_at=now_local())
                t.created_case(new.id)
                new_ids.append(new.id)
                out.append(GapPart(p.title, p.media_ids, p.first, p.last, False, new.ref))
            messages = {mid: new_ids[index] for mid, index in part_of.items() if index > 0}
            t.watch("message", sorted(messages), ["case_id"])
            watch_moves(t, uow, moving)
            t.refresh(new_ids)
            for p, case_id in zip(parts[1:], new_ids[1:], strict=True):
                uow.media.move(p.media_ids, case_id)
                uow.messages.move([m for m, c in messages.items() if c == case_id], case_id)
            duplicates.refresh(uow, new_ids, lib.team)
        uow.audit.record(AuditAction.CASE_SPLIT, cid, by_gaps_hours=hours, new_cases=[p.ref for p in out[1:]])
        for p, case_id in zip(out[1:], new_ids[1:], strict=True):
            uow.audit.record(AuditAction.CASE_CREATED, case_id, ref=p.ref, title=p.title, from_case=ref)
    out[0] = GapPart(parts[0].title, parts[0].media_ids, parts[0].first, parts[0].last, True, ref)
    return out
