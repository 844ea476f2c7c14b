"""What an import writes: its sources, the originals' probed facts, and the occurrences of files in cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop.core.model import MediaRole, ProbeResult
from desktop.core.records import BlobDates
from desktop.store.rows import RowStore
from desktop.store.schema import Blob, MediaItem, Source, fit

_Occurrence = tuple[str, int | None, int | None, int]  # name, customer id, message id, case id


class ImportStore:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._dates: dict[str, BlobDates] = {}
        self.sources: list[int] = []  # the sources this unit of work added
        self.dropped: list[dict] = []  # the "missing" placeholders it removed, as ``RowStore.values`` rows
        self._occurrences: dict[str, list[_Occurrence]] = {}  # sha256 -> committed items, for prefetched originals

    # a batch at a time -----------------------------------------------------------------------------------------
    def known_blobs(self, shas: list[str]) -> set[str]:
        """Which of these originals the library already has a row for (this transaction's own rows included)."""
        found: set[str] = set()
        unique = sorted(set(shas))
        for i in range(0, len(unique), 500):
            part = unique[i:i + 500]
            found.update(self._s.scalars(select(Blob.sha256).where(Blob.sha256.in_(part))))
        return found

    def unreadable(self, shas: list[str]) -> dict[str, str]:
        """Of these known originals, those kept unread, with the reason the import that stored them gave: an
        original that could not be probed is stored as ``other`` with no format and its reason as its one warning
        (``services.analyse._unprobed``); one probed as ``other`` has a format, or no warning. Read by primary key,
        a batch at a time, nothing probed again."""
        found: dict[str, str] = {}
        unique = sorted(set(shas))
        for i in range(0, len(unique), 500):
            q = select(Blob.sha256, Blob.warnings).where(
                Blob.sha256.in_(unique[i:i + 500]), Blob.kind == "other", Blob.format.is_(None))
            with self._s.no_autoflush:
                for sha, warnings in self._s.execute(q):
                    if warnings and isinstance(warnings[0], str) and warnings[0]:
                        found[sha] = warnings[0]
        return found

    def add_blobs(self, rows: list[tuple[str, int, ProbeResult]], at: datetime) -> None:
        """Rows for new originals, in one statement; their dates are remembered for ``ensure_blob``."""
        rows = list({r[0]: r for r in rows if r[0] not in self._dates}.values())
        if not rows:
            return
        self._s.execute(insert(Blob), [_blob_values(sha, size, probe, at) for sha, size, probe in rows])
        for sha, _size, p in rows:
            self._dates[sha] = BlobDates(p.exif_taken, p.exif_digitized, p.exif_modified, p.video_created_at,
                                         p.kind.value)
            self._occurrences[sha] = []  # a new original: no item refers to it yet

    def prefetch(self, shas: list[str]) -> None:
        """Dates and existing occurrences of known originals, one query each per batch (not one per file)."""
        todo = sorted({s for s in shas if s not in self._occurrences})
        for i in range(0, len(todo), 500):
            part = todo[i:i + 500]
            q = select(Blob.sha256, Blob.exif_taken, Blob.exif_digitized, Blob.exif_modified,
                       Blob.video_created_at, Blob.kind).where(Blob.sha256.in_(part))
            for sha, taken, digitized, modified, video, kind in self._s.execute(q):
                self._dates.setdefault(sha, BlobDates(taken, digitized, modified, video, kind))
            for sha in part:
                self._occurrences[sha] = []
            q = select(MediaItem.blob_sha256, MediaItem.name, MediaItem.customer_id, MediaItem.message_id,
                       MediaItem.case_id).where(MediaItem.blob_sha256.in_(part))
            with self._s.no_autoflush:
                for sha, name, customer, message, case in self._s.execute(q):
                    self._occurrences[sha].append((name, customer, message, case))

    def add_source(self, kind: str, path: str, at: datetime, chat_key: str | None = None,
                   meta: dict | None = None) -> int:
        src = Source(kind=str(kind), path=path, chat_key=fit(Source.chat_key, chat_key), imported_at=at, meta=meta)
        self._s.add(src)
        self._s.flush()
        self.sources.append(src.id)
        return src.id

    def sources_with_meta(self, kind: str) -> list[tuple[int, dict]]:
        """(id, meta) of the sources of one kind that carry what their roles were decided from."""
        q = select(Source.id, Source.meta).where(Source.kind == str(kind), Source.meta.is_not(None)).order_by(Source.id)
        return [(sid, meta) for sid, meta in self._s.execute(q) if meta]

    def set_meta(self, source_id: int, meta: dict) -> None:
        src = self._s.get(Source, source_id)
        if src is not None:
            src.meta = dict(meta)

    def ensure_blob(self, sha256: str, size: int, probe: ProbeResult | None, at: datetime) -> BlobDates:
        """The original's row, added from its probe when new; returns the dates it carries."""
        dates = self._dates.get(sha256)
        if dates is not None:
            return dates
        b = self._s.get(Blob, sha256)
        if b is None:
            assert probe is not None, "a new original always comes with its probe"
            b = Blob(**_blob_values(sha256, size, probe, at))
            self._s.add(b)
        dates = BlobDates(b.exif_taken, b.exif_digitized, b.exif_modified, b.video_created_at, b.kind)
        self._dates[sha256] = dates
        return dates

    def dimensions(self, sha256: str) -> tuple[int | None, int | None]:
        """Width and height of a known original (None, None when unknown)."""
        row = self._s.execute(select(Blob.width, Blob.height).where(Blob.sha256 == sha256)).first()
        return (row[0], row[1]) if row else (None, None)

    def occurrence_exists(self, sha256: str, name: str, customer_id: int | None, message_id: int | None,
                          case_id: int | None = None) -> bool:
        """Whether this file already arrived this way: on this message, or (loose) under this name from this
        customer; only in ``case_id`` when given. Rows pending in this import are not looked at."""
        known = self._occurrences.get(sha256)
        if known is not None:
            return any(_same_occurrence(o, name, customer_id, message_id, case_id) for o in known)
        q = select(func.count()).select_from(MediaItem).where(MediaItem.blob_sha256 == sha256)
        if case_id is not None:
            q = q.where(MediaItem.case_id == case_id)
        if message_id is not None:
            q = q.where(MediaItem.message_id == message_id)
        else:
            q = q.where(MediaItem.name == name, MediaItem.message_id.is_(None))
            q = q.where(MediaItem.customer_id.is_(None) if customer_id is None else MediaItem.customer_id == customer_id)
        with self._s.no_autoflush:  # the caller tracks what this import added; no flush per lookup
            return bool(self._s.scalar(q))

    def add_occurrence(self, *, case_id: int, sha256: str, source_id: int, message_id: int | None,
                       customer_id: int | None, name: str, received_at: datetime | None, sender: str | None,
                       mtime: datetime | None, taken_at: datetime | None, taken_at_source: str | None,
                       taken_date_only: bool, at: datetime, role: str = MediaRole.MEDIA,
                       flags: list[str] | None = None) -> None:
        """One occurrence of an original; ``role`` says whether it is case media (``MediaRole``), ``flags`` what
        is odd about it, in words."""
        self._s.add(MediaItem(
            case_id=case_id, blob_sha256=sha256, source_id=source_id, message_id=message_id,
            customer_id=customer_id, name=name, received_at=received_at, sender=fit(MediaItem.sender, sender),
            file_mtime=mtime, taken_at=taken_at, taken_at_source=taken_at_source, taken_date_only=taken_date_only,
            added_at=at, role=str(role), flags=list(flags or []),
            included=role == MediaRole.MEDIA,
        ))

    def missing_known(self, case_id: int, name: str, message_id: int | None) -> bool:
        """Whether a file named in a chat is already recorded as missing in this case, or its message already
        has a file (an earlier export brought it; this one merely lacks it)."""
        q = select(func.count()).select_from(MediaItem).where(
            MediaItem.blob_sha256.is_(None), MediaItem.name == name, MediaItem.case_id == case_id)
        if self._s.scalar(q):
            return True
        return message_id is not None and bool(self._s.scalar(
            select(func.count()).select_from(MediaItem).where(MediaItem.message_id == message_id)))

    def add_missing(self, *, case_id: int, name: str, source_id: int, message_id: int | None,
                    customer_id: int | None, received_at: datetime | None, sender: str | None,
                    at: datetime) -> None:
        """An item without an original, left out of the report, so the handler can ask for the file."""
        self._s.add(MediaItem(case_id=case_id, blob_sha256=None, source_id=source_id, message_id=message_id,
                              customer_id=customer_id, name=name, received_at=received_at,
                              sender=fit(MediaItem.sender, sender), included=False, added_at=at))

    def drop_missing(self, message_id: int) -> None:
        """The "missing" placeholder of a message whose file has now arrived (kept in ``dropped``)."""
        ids = list(self._s.scalars(select(MediaItem.id).where(MediaItem.message_id == message_id,
                                                              MediaItem.blob_sha256.is_(None))))
        if not ids:
            return
        found = RowStore(self._s).values("media_item", ids)
        self.dropped.extend(found[i] for i in sorted(found))
        self._s.execute(delete(MediaItem).where(MediaItem.id.in_(ids)))

    def loose_case_of(self, sha256: str, name: str) -> int | None:
        """The case of the newest loose occurrence (no message, no customer) of this file under this name."""
        return self._s.scalar(select(MediaItem.case_id).where(
            MediaItem.blob_sha256 == sha256, MediaItem.name == name, MediaItem.message_id.is_(None),
            MediaItem.customer_id.is_(None)).order_by(MediaItem.id.desc()).limit(1))


def _same_occurrence(o: _Occurrence, name: str, customer_id: int | None, message_id: int | None,
                     case_id: int | None) -> bool:
    """``occurrence_exists``'s condition on one prefetched item."""
    o_name, o_customer, o_message, o_case = o
    if case_id is not None and o_case != case_id:
        return False
    if message_id is not None:
        return o_message == message_id
    return o_name == name and o_message is None and o_customer == customer_id


def _blob_values(sha256: str, size: int, p: ProbeResult, at: datetime) -> dict:
    return dict(
        sha256=sha256, size=size, kind=p.kind.value, mime=fit(Blob.mime, p.mime) or "",
        format=fit(Blob.format, p.format), width=p.width, height=p.height, duration_s=p.duration_s,
        codec=fit(Blob.codec, p.codec), orientation=p.orientation, has_exif=p.has_exif,
        exif_taken=p.exif_taken, exif_digitized=p.exif_digitized, exif_modified=p.exif_modified,
        make=fit(Blob.make, p.make), model=fit(Blob.model, p.model), software=fit(Blob.software, p.software),
        gps_lat=p.gps[0] if p.gps else None, gps_lon=p.gps[1] if p.gps else None,
        video_created_at=p.video_created_at, phash=f"{p.phash:016x}" if p.phash is not None else None,
        fingerprint=p.fingerprint, warnings=list(p.warnings), stored_at=at,
    )
