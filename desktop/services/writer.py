"""The shared steps of every kind of import, written inside the import's single unit of work."""

from __future__ import annotations

import re
from datetime import datetime

from desktop.core.capture_time import ChosenTime, TimeEvidence, choose_capture_time
from desktop.core.clock import now_local
from desktop.core.model import AuditAction, ImportReport, MediaRole
from desktop.core.records import CaseHandle
from desktop.services.analyse import Analysed
from desktop.store.unit import UnitOfWork

REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")


class ImportWriter:
    """Sources, originals, cases and media items of one import; counts what it added in ``report``."""

    def __init__(self, uow: UnitOfWork, report: ImportReport) -> None:
        self.uow = uow
        self.report = report
        self.now = now_local()
        self.touched_cases: dict[int, CaseHandle] = {}
        self._seen: set[tuple] = set()
        self._cases: dict[int, CaseHandle] = {}
        self.fixed_case_id: int | None = None  # set when the user named the case: "already present" means there
        self.loose_cases: dict[str, CaseHandle] = {}  # the first case the loose files of a folder or ZIP went to

    def source(self, kind: str, path: str, chat_key: str | None = None, meta: dict | None = None) -> int:
        return self.uow.imports.add_source(kind, path, self.now, chat_key, meta)

    def case(self, case_id: int) -> CaseHandle:
        if case_id not in self._cases:
            self._cases[case_id] = self.uow.cases.handle(case_id)
        return self._cases[case_id]

    def capture(self, an: Analysed, name: str, received_at: datetime | None, mtime: datetime | None) -> ChosenTime:
        """The capture time of this occurrence, from the original's dates and how it arrived."""
        assert an.sha256 is not None
        dates = self.uow.imports.ensure_blob(an.sha256, an.size, an.probe, self.now)
        return choose_capture_time(TimeEvidence(
            name=name, exif_taken=dates.exif_taken, exif_digitized=dates.exif_digitized,
            exif_modified=dates.exif_modified, video_created_at=dates.video_created_at,
            received_at=received_at, file_mtime=mtime,
        ))

    def case_by_ref(self, ref: str) -> CaseHandle:
        """The case the user named, created if new."""
        case = self.uow.cases.find(ref)
        if case is None:
            case = self.uow.cases.create(title=ref, opened_at=self.now, ref=ref)
            self.uow.audit.record(AuditAction.CASE_CREATED, case.id, ref=ref)
        self._cases[case.id] = case
        return case

    def new_case(self, title: str, customer_id: int | None = None, opened_at: datetime | None = None) -> CaseHandle:
        case = self.uow.cases.create(title=title, customer_id=customer_id, opened_at=opened_at or self.now)
        self.uow.audit.record(AuditAction.CASE_CREATED, case.id, ref=case.ref, title=title)
        self._cases[case.id] = case
        return case

    def open_case(self, customer_id: int) -> tuple[CaseHandle | None, datetime | None]:
        """The customer's newest open case and the wall-clock time of its last message."""
        return self.uow.cases.newest_open(customer_id)

    def media_exists(self, sha: str, name: str, customer_id: int | None, message_id: int | None,
                     case_id: int | None = None) -> bool:
        """Whether this occurrence is already in the library (in ``case_id`` only, when the import names a case)."""
        key = (sha, name, customer_id, message_id, case_id)
        return key in self._seen or self.uow.imports.occurrence_exists(sha, name, customer_id, message_id, case_id)

    def add_media(
        self,
        case: CaseHandle,
        an: Analysed,
        name: str,
        *,
        source: int,
        received_at: datetime | None = None,
        sender: str | None = None,
        message_id: int | None = None,
        customer_id: int | None = None,
        mtime: datetime | None = None,
        role: str = MediaRole.MEDIA,
        flags: list[str] | None = None,
    ) -> bool:
        """An item for an analysed file (case media, or another original of the case: ``role``); False when this
        occurrence is already in the library. A file that could not be probed carries the reason as a flag."""
        assert an.sha256 is not None
        scope = case.id if self.fixed_case_id == case.id else None
        if self.media_exists(an.sha256, name, customer_id, message_id, scope):
            self.report.already_present += 1
            return False
        self._seen.add((an.sha256, name, customer_id, message_id, scope))
        chosen = self.capture(an, name, received_at, mtime)
        self.uow.imports.add_occurrence(
            case_id=case.id, sha256=an.sha256, source_id=source, message_id=message_id, customer_id=customer_id,
            name=name, received_at=received_at, sender=sender, mtime=mtime,
            taken_at=chosen.time.value if chosen.time else None,
            taken_at_source=chosen.time.source.value if chosen.time else None,
            taken_date_only=chosen.date_only, at=self.now, role=role,
            flags=list(dict.fromkeys([*(flags or []), *([an.problem] if an.problem else [])])),
        )
        self.touched_cases[case.id] = case
        if role == MediaRole.CONTAINER:
            self.report.containers += 1
        else:
            self.report.imported += 1
        return True

    def add_missing(self, case: CaseHandle, name: str, *, source: int, received_at: datetime | None,
                    sender: str | None, message_id: int | None, customer_id: int | None) -> None:
        """A file named in a chat but absent from the export: recorded so the handler can ask for it."""
        if self.uow.imports.missing_known(case.id, name, message_id):
            return
        self.uow.imports.add_missing(case_id=case.id, name=name, source_id=source, message_id=message_id,
                                     customer_id=customer_id, received_at=received_at, sender=sender, at=self.now)
        self.report.missing.append(name)
        self.touched_cases[case.id] = case
