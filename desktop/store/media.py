"""Media items with the probed facts of their originals: reading them, captions and inclusion, moving them."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.core.capture_time import compute_flags
from desktop.core.errors import NotFound
from desktop.core.model import CaptureSource, CaptureTime, MediaInfo, MediaKind, MediaRole
from desktop.store.schema import Alert, Blob, Case, MediaItem


class MediaStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def infos(self, *, case_id: int | None = None, incident_doubt_days: int = 30, include_missing: bool = True,
              roles: Collection[str] | None = None) -> list[MediaInfo]:
        """Items by case, capture time and id, with flags computed from the case's incident date (and those the
        import gave the occurrence); only items of ``roles`` (``MediaRole``) when given."""
        s = self._s
        q = (select(*_ITEM_COLUMNS, *_BLOB_COLUMNS, Case.ref, Case.incident_date)  # columns, not objects: no
             .outerjoin(Blob, MediaItem.blob_sha256 == Blob.sha256)                 # fingerprints, no ORM state
             .join(Case, MediaItem.case_id == Case.id)
             .order_by(MediaItem.case_id, MediaItem.taken_at, MediaItem.id))
        if case_id is not None:
            q = q.where(MediaItem.case_id == case_id)
        if not include_missing:
            q = q.where(MediaItem.blob_sha256.is_not(None))
        if roles is not None:
            q = q.where(MediaItem.role.in_([str(r) for r in roles]))
        rows = s.connection().execute(q).all()
        dup_ids = {r.duplicate_of_id for r in rows if r.duplicate_of_id}
        dup_sha = dict(s.execute(select(MediaItem.id, MediaItem.blob_sha256)
                                 .where(MediaItem.id.in_(dup_ids))).all()) if dup_ids else {}
        return [_info(r, r if r.blob_sha256 is not None and r.kind is not None else None, r.ref, r.incident_date,
                      incident_doubt_days, dup_sha) for r in rows]

    def set_fields(self, media_id: int, *, caption: str | None = None, included: bool | None = None,
                   rotation: int | None = None) -> int:
        """Change the caption (blank clears it), the report inclusion and/or the rotation for viewing (degrees
        clockwise); returns the item's case id."""
        item = self._s.get(MediaItem, media_id)
        if item is None:
            raise NotFound(f"no media item {media_id}")
        if caption is not None:
            item.caption = caption.strip() or None
        if included is not None:
            item.included = included
        if rotation is not None:
            item.rotation = rotation
        return item.case_id

    def cases_of(self, media_ids: list[int]) -> dict[int, int]:
        """Media id -> case id, for those that exist."""
        if not media_ids:
            return {}
        q = select(MediaItem.id, MediaItem.case_id).where(MediaItem.id.in_(media_ids)).order_by(MediaItem.id)
        return dict(self._s.execute(q).all())

    def of_messages(self, message_ids: list[int]) -> list[int]:
        """Ids of the items sent with these messages."""
        if not message_ids:
            return []
        return list(self._s.scalars(select(MediaItem.id).where(MediaItem.message_id.in_(message_ids))))

    def move(self, media_ids: list[int], case_id: int) -> None:
        """Items to another case; the alerts about them follow."""
        if not media_ids:
            return
        s = self._s
        s.execute(update(MediaItem).where(MediaItem.id.in_(media_ids)).values(case_id=case_id))
        s.execute(update(Alert).where(Alert.media_item_id.in_(media_ids)).values(case_id=case_id))
        s.execute(update(Alert).where(Alert.other_media_item_id.in_(media_ids)).values(other_case_id=case_id))

    def customers_of_source(self, source_id: int) -> list[tuple[int, int | None]]:
        """(id, customer id) of the items an import source added."""
        q = select(MediaItem.id, MediaItem.customer_id).where(MediaItem.source_id == source_id).order_by(MediaItem.id)
        return [(i, c) for i, c in self._s.execute(q)]

    def set_customer(self, media_ids: list[int], customer_id: int | None) -> None:
        if media_ids:
            self._s.execute(update(MediaItem).where(MediaItem.id.in_(media_ids)).values(customer_id=customer_id))

    def cases_with_blob(self, sha256: str) -> list[int]:
        """The cases holding an occurrence of this original, in id order."""
        return sorted(set(self._s.scalars(select(MediaItem.case_id).where(MediaItem.blob_sha256 == sha256))))

    # originals ----------------------------------------------------------------------------------------------
    def known_blobs(self) -> set[str]:
        return set(self._s.scalars(select(Blob.sha256)).all())

    def blob_sizes(self) -> dict[str, int]:
        """SHA-256 -> size of every original the library knows."""
        return dict(self._s.execute(select(Blob.sha256, Blob.size)).all())

    def blob_count(self) -> int:
        return self._s.scalar(select(func.count()).select_from(Blob)) or 0

    def blob_sizes_after(self, after: str, limit: int) -> list[tuple[str, int]]:
        """(SHA-256, size) of up to ``limit`` originals whose SHA-256 sorts after ``after``, in that order: the
        library's originals a page at a time, however many there are."""
        q = select(Blob.sha256, Blob.size).where(Blob.sha256 > after).order_by(Blob.sha256).limit(limit)
        return [(sha, size) for sha, size in self._s.connection().execute(q)]


_ITEM_COLUMNS = (MediaItem.id, MediaItem.case_id, MediaItem.blob_sha256, MediaItem.name, MediaItem.received_at,
                 MediaItem.sender, MediaItem.taken_at, MediaItem.taken_at_source, MediaItem.taken_date_only,
                 MediaItem.included, MediaItem.caption, MediaItem.duplicate_of_id, MediaItem.duplicate_kind,
                 MediaItem.set_aside, MediaItem.message_id, MediaItem.rotation, MediaItem.role, MediaItem.flags)
_BLOB_COLUMNS = (Blob.kind, Blob.format, Blob.exif_taken, Blob.exif_digitized, Blob.software, Blob.make,
                 Blob.model, Blob.size, Blob.width, Blob.height, Blob.duration_s, Blob.gps_lat, Blob.gps_lon,
                 Blob.orientation)


def _info(m: Any, b: Any | None, ref: str, incident: date | None, doubt_days: int,
          dup_sha: dict[int, str | None]) -> MediaInfo:
    """A media item from a row of ``_ITEM_COLUMNS`` (``m``) and ``_BLOB_COLUMNS`` (``b``, None when missing)."""
    taken = CaptureTime(m.taken_at, CaptureSource(m.taken_at_source)) if m.taken_at and m.taken_at_source else None
    flags = compute_flags(
        kind=b.kind if b else MediaKind.OTHER, fmt=b.format if b else None,
        has_exif_date=bool(b and (b.exif_taken or b.exif_digitized)), software=b.software if b else None,
        taken=taken, taken_date_only=m.taken_date_only, received_at=m.received_at, incident_date=incident,
        incident_doubt_days=doubt_days, missing=b is None,
    ) if m.role == MediaRole.MEDIA else []  # a container or logo is evidence of nothing: no picture flags
    flags += [f for f in (m.flags or []) if f]
    camera = " ".join(x for x in ((b.make or "").strip(), (b.model or "").strip()) if x) if b else ""
    if b and b.make and b.model and b.model.lower().startswith(b.make.lower().split()[0]):
        camera = b.model.strip()
    return MediaInfo(
        id=m.id, case_ref=ref, name=m.name, sha256=m.blob_sha256, kind=b.kind if b else MediaKind.MISSING.value,
        size=b.size if b else None, width=b.width if b else None, height=b.height if b else None,
        duration_s=b.duration_s if b else None, taken_at=m.taken_at, taken_at_source=m.taken_at_source,
        taken_date_only=m.taken_date_only, received_at=m.received_at, sender=m.sender, camera=camera or None,
        software=b.software if b else None,
        gps=(b.gps_lat, b.gps_lon) if b and b.gps_lat is not None and b.gps_lon is not None else None,
        duplicate_of=dup_sha.get(m.duplicate_of_id) if m.duplicate_of_id else None,
        duplicate_kind=m.duplicate_kind, set_aside=m.set_aside,
        included=m.included, caption=m.caption, flags=flags, format=b.format if b else None,
        orientation=b.orientation if b else None, message_id=m.message_id, duplicate_of_id=m.duplicate_of_id,
        rotation=m.rotation or 0,
        role=m.role,
    )
