"""Reads that hand out core dataclasses. ORM objects never leave the store."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.capture_time import compute_flags
from desktop.core.model import CaptureSource, CaptureTime, CaseSummary, MediaInfo
from desktop.core.response import response_times
from desktop.store.schema import Alert, Blob, Case, Customer, MediaItem, Message


def case_summaries(s: Session, *, answer_norm: timedelta = timedelta(minutes=60),
                   case_ids: list[int] | None = None) -> list[CaseSummary]:
    q = select(Case, Customer).outerjoin(Customer, Case.customer_id == Customer.id).order_by(Case.id)
    if case_ids is not None:
        q = q.where(Case.id.in_(case_ids))
    rows = s.execute(q).all()
    media = Counter(dict(s.execute(select(MediaItem.case_id, func.count()).where(
        MediaItem.blob_sha256.is_not(None)).group_by(MediaItem.case_id)).all()))
    aside = Counter(dict(s.execute(select(MediaItem.case_id, func.count()).where(
        MediaItem.set_aside.is_(True)).group_by(MediaItem.case_id)).all()))
    alerts = Counter(dict(s.execute(select(Alert.case_id, func.count()).where(
        Alert.dismissed.is_(False)).group_by(Alert.case_id)).all()))
    msgs: dict[int, list] = {}
    for case_id, t, fc, kind in s.execute(select(Message.case_id, Message.sent_at, Message.from_customer,
                                                 Message.kind)):
        if kind != "system":
            msgs.setdefault(case_id, []).append((t, fc))
    out = []
    for case, cust in rows:
        rt = response_times(msgs.get(case.id, []), answer_norm, now=None if case.answered_at else _now())
        out.append(CaseSummary(
            id=case.id, ref=case.ref, title=case.title, kind=case.kind, status=case.status,
            customer=(cust.name or cust.phone or cust.email) if cust else None,
            customer_id=case.customer_id, media=media.get(case.id, 0), opened_at=case.opened_at,
            closed_at=case.closed_at, policy_ref=case.policy_ref, incident_date=case.incident_date,
            handler=case.handler, answered_at=case.answered_at, first_message_at=rt.first_message_at,
            first_answer_at=rt.first_answer_at,
            waiting_since=None if case.answered_at else rt.waiting_since,
            set_aside=aside.get(case.id, 0), alerts=alerts.get(case.id, 0),
            overdue=[(t, waited.total_seconds() / 60) for t, waited in rt.overdue],
        ))
    return out


def _now():
    from datetime import datetime

    return datetime.now()


def media_infos(s: Session, *, case_id: int | None = None, incident_doubt_days: int = 30,
                include_missing: bool = True) -> list[MediaInfo]:
    q = (select(MediaItem, Blob, Case.ref, Case.incident_date)
         .outerjoin(Blob, MediaItem.blob_sha256 == Blob.sha256)
         .join(Case, MediaItem.case_id == Case.id)
         .order_by(MediaItem.case_id, MediaItem.taken_at, MediaItem.id))
    if case_id is not None:
        q = q.where(MediaItem.case_id == case_id)
    if not include_missing:
        q = q.where(MediaItem.blob_sha256.is_not(None))
    rows = s.execute(q).all()
    dup_ids = {r[0].duplicate_of_id for r in rows if r[0].duplicate_of_id}
    dup_sha = dict(s.execute(select(MediaItem.id, MediaItem.blob_sha256).where(MediaItem.id.in_(dup_ids))).all()) \
        if dup_ids else {}
    return [_media_info(m, b, ref, incident, incident_doubt_days, dup_sha) for m, b, ref, incident in rows]


def _media_info(m: MediaItem, b: Blob | None, ref: str, incident, doubt_days: int, dup_sha: dict) -> MediaInfo:
    taken = CaptureTime(m.taken_at, CaptureSource(m.taken_at_source)) if m.taken_at and m.taken_at_source else None
    flags = compute_flags(
        kind=b.kind if b else "other", fmt=b.format if b else None,
        has_exif_date=bool(b and (b.exif_taken or b.exif_digitized)), software=b.software if b else None,
        taken=taken, taken_date_only=m.taken_date_only, received_at=m.received_at, incident_date=incident,
        incident_doubt_days=doubt_days, missing=b is None,
    )
    camera = " ".join(x for x in ((b.make or "").strip(), (b.model or "").strip()) if x) if b else ""
    if b and b.make and b.model and b.model.lower().startswith(b.make.lower().split()[0]):
        camera = b.model.strip()
    return MediaInfo(
        id=m.id, case_ref=ref, name=m.name, sha256=m.blob_sha256, kind=b.kind if b else "missing",
        size=b.size if b else None, width=b.width if b else None, height=b.height if b else None,
        duration_s=b.duration_s if b else None, taken_at=m.taken_at, taken_at_source=m.taken_at_source,
        taken_date_only=m.taken_date_only, received_at=m.received_at, sender=m.sender, camera=camera or None,
        software=b.software if b else None,
        gps=(b.gps_lat, b.gps_lon) if b and b.gps_lat is not None and b.gps_lon is not None else None,
        duplicate_of=dup_sha.get(m.duplicate_of_id), duplicate_kind=m.duplicate_kind, set_aside=m.set_aside,
        included=m.included, caption=m.caption, flags=flags, format=b.format if b else None,
        orientation=b.orientation if b else None, message_id=m.message_id, duplicate_of_id=m.duplicate_of_id,
    )
