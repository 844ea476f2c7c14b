"""Rows of one import, written inside the import's single transaction."""

from __future__ import annotations

import json
import re
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.capture_time import ChosenTime, TimeEvidence, choose_capture_time
from desktop.core.model import ImportReport
from desktop.services.analyse import Analysed
from desktop.store.schema import AuditEvent, Blob, Case, MediaItem, Message, Source

REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")


def clip(value: str | None, length: int) -> str | None:
    """Outside text cut to its column's length (PostgreSQL refuses longer values; SQLite would keep them)."""
    return value[:length] if value is not None else None


def now_local() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def next_case_ref(s: Session, year: int) -> str:
    prefix = f"C-{year}-"
    refs = s.scalars(select(Case.ref).where(Case.ref.like(f"{prefix}%"))).all()
    numbers = [int(r[len(prefix):]) for r in refs if r[len(prefix):].isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:04d}"


def audit(s: Session, action: str, case_id: int | None, actor: str | None = None, **detail: object) -> None:
    s.add(AuditEvent(at=now_local(), actor=actor, action=action, case_id=case_id,
                     detail=json.dumps(detail, ensure_ascii=False, default=str)))


class ImportWriter:
    """Shared steps of every kind of import: sources, blobs, cases and media items."""

    def __init__(self, s: Session, report: ImportReport, actor: str | None = None) -> None:
        self.s = s
        self.report = report
        self.actor = actor
        self.now = now_local()
        self.touched_cases: dict[int, Case] = {}
        self._seen: set[tuple] = set()
        self.fixed_case_id: int | None = None  # set when the user named the case: "already present" means there

    def source(self, kind: str, path: str, chat_key: str | None = None) -> Source:
        src = Source(kind=kind, path=path, chat_key=chat_key, imported_at=self.now)
        self.s.add(src)
        self.s.flush()
        return src

    def blob(self, an: Analysed) -> Blob:
        assert an.sha256 is not None
        existing = self.s.get(Blob, an.sha256)
        if existing is not None:
            return existing
        p = an.probe
        assert p is not None, "a new blob always comes with its probe"
        b = Blob(
            sha256=an.sha256, size=an.size, kind=p.kind.value, mime=clip(p.mime, 100) or "", format=clip(p.format, 20),
            width=p.width, height=p.height, duration_s=p.duration_s, codec=clip(p.codec, 40),
            orientation=p.orientation, has_exif=p.has_exif, exif_taken=p.exif_taken,
            exif_digitized=p.exif_digitized, exif_modified=p.exif_modified, make=clip(p.make, 100),
            model=clip(p.model, 100),
            software=clip(p.software, 200), gps_lat=p.gps[0] if p.gps else None, gps_lon=p.gps[1] if p.gps else None,
            video_created_at=p.video_created_at,
            phash=f"{p.phash:016x}" if p.phash is not None else None,
            fingerprint=p.fingerprint, warnings=list(p.warnings), stored_at=self.now,
        )
        self.s.add(b)
        return b

    def capture(self, an: Analysed, name: str, received_at: datetime | None, mtime: datetime | None) -> ChosenTime:
        """The capture time of this occurrence, from the blob's facts and how it arrived."""
        blob = self.blob(an)
        return choose_capture_time(TimeEvidence(
            name=name, exif_taken=blob.exif_taken, exif_digitized=blob.exif_digitized,
            exif_modified=blob.exif_modified, video_created_at=blob.video_created_at,
            received_at=received_at, file_mtime=mtime,
        ))

    def case_by_ref(self, ref: str, title: str = "") -> Case:
        case = self.s.scalar(select(Case).where(Case.ref == ref))
        if case is None:
            case = Case(ref=ref, title=title or ref, opened_at=self.now)
            self.s.add(case)
            self.s.flush()
            audit(self.s, "case-created", case.id, self.actor, ref=ref)
        return case

    def new_case(self, title: str, customer_id: int | None = None, opened_at: datetime | None = None) -> Case:
        case = Case(ref=next_case_ref(self.s, self.now.year), title=title[:300], customer_id=customer_id,
                    opened_at=opened_at or self.now)
        self.s.add(case)
        self.s.flush()
        audit(self.s, "case-created", case.id, self.actor, ref=case.ref, title=title)
        return case

    def open_case(self, customer_id: int) -> tuple[Case | None, datetime | None]:
        """The customer's newest open case and the wall-clock time of its last message."""
        case = self.s.scalar(select(Case).where(Case.customer_id == customer_id, Case.status != "closed")
                             .order_by(Case.id.desc()).limit(1))
        if case is None:
            return None, None
        times = self.s.scalars(select(Message.sent_at).where(Message.case_id == case.id)).all()
        return case, max((t.replace(tzinfo=None) for t in times if t is not None), default=None)

    def media_exists(self, sha: str, name: str, customer_id: int | None, message_id: int | None,
                     case_id: int | None = None) -> bool:
        """Whether this occurrence is already in the library (in ``case_id`` only, when the import names a case)."""
        key = (sha, name, customer_id, message_id, case_id)
        if key in self._seen:
            return True
        q = select(func.count()).select_from(MediaItem).where(MediaItem.blob_sha256 == sha)
        if case_id is not None:
            q = q.where(MediaItem.case_id == case_id)
        if message_id is not None:
            q = q.where(MediaItem.message_id == message_id)
        else:
            q = q.where(MediaItem.name == name, MediaItem.message_id.is_(None))
            q = q.where(MediaItem.customer_id.is_(None) if customer_id is None else MediaItem.customer_id == customer_id)
        with self.s.no_autoflush:  # items added by this import are in self._seen; no flush per lookup
            return bool(self.s.scalar(q))

    def add_media(
        self,
        case: Case,
        an: Analysed,
        name: str,
        *,
        source: Source,
        received_at: datetime | None = None,
        sender: str | None = None,
        message: Message | None = None,
        customer_id: int | None = None,
        mtime: datetime | None = None,
    ) -> MediaItem | None:
        """A media item for an analysed file, or None when this occurrence is already in the library."""
        assert an.sha256 is not None
        message_id = message.id if message is not None else None
        scope = case.id if self.fixed_case_id == case.id else None
        if self.media_exists(an.sha256, name, customer_id, message_id, scope):
            self.report.already_present += 1
            return None
        self._seen.add((an.sha256, name, customer_id, message_id, scope))
        chosen = self.capture(an, name, received_at, mtime)
        item = MediaItem(
            case_id=case.id, blob_sha256=an.sha256, source_id=source.id, message_id=message_id,
            customer_id=customer_id, name=name, received_at=received_at, sender=clip(sender, 300), file_mtime=mtime,
            taken_at=chosen.time.value if chosen.time else None,
            taken_at_source=chosen.time.source.value if chosen.time else None,
            taken_date_only=chosen.date_only, added_at=self.now,
        )
        self.s.add(item)
        self.touched_cases[case.id] = case
        self.report.imported += 1
        return item

    def add_missing(self, case: Case, name: str, *, source: Source, received_at: datetime | None,
                    sender: str | None, message: Message | None, customer_id: int | None) -> None:
        """A file named in a chat but absent from the export: recorded so the handler can ask for it."""
        q = select(func.count()).select_from(MediaItem).where(
            MediaItem.blob_sha256.is_(None), MediaItem.name == name, MediaItem.case_id == case.id)
        if self.s.scalar(q):
            return
        if message is not None and self.s.scalar(select(func.count()).select_from(MediaItem).where(
                MediaItem.message_id == message.id)):
            return  # an earlier export brought the file; this one merely lacks it
        self.s.add(MediaItem(case_id=case.id, blob_sha256=None, source_id=source.id,
                             message_id=message.id if message else None, customer_id=customer_id, name=name,
                             received_at=received_at, sender=clip(sender, 300), included=False, added_at=self.now))
        self.report.missing.append(name)
        self.touched_cases[case.id] = case
