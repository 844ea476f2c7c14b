"""``casedesk verify``: every original the database knows is re-hashed and the audit chain checked; ``--repair``
tidies the store.

The repair removes what a write that never finished left behind: temporaries (half-written files, multipart
uploads never completed) and originals no database row references (stored by an import whose transaction did
not commit). Only those older than a grace period go, so an import saving at this moment keeps its files; an
import of the same file adopts an unreferenced original instead (its time is refreshed). Missing or modified
originals cannot be repaired here: import them again.

The originals are read from the database a page at a time (each page in its own short read) and merged with the
store's listing, so memory stays flat whatever the size of the library and no snapshot is held open for the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from desktop.core.audit_chain import ChainCheck, check_chain
from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.services.library import Library
from desktop.store.blobs import VerifyResult

PAGE = 5000
TEMP_GRACE = timedelta(hours=6)
UNREFERENCED_GRACE = timedelta(hours=24)


@dataclass
class RepairReport:
    temporaries_removed: list[str] = field(default_factory=list)
    temporaries_kept: list[str] = field(default_factory=list)  # younger than the grace period
    unreferenced_removed: list[str] = field(default_factory=list)
    unreferenced_kept: list[str] = field(default_factory=list)  # younger than the grace period
    bytes_freed: int = 0
    local_copies_removed: int = 0  # this desk's cached originals and thumbnails of originals erased elsewhere

    def to_json(self) -> dict:
        return {"temporaries_removed": self.temporaries_removed, "temporaries_kept": self.temporaries_kept,
                "unreferenced_removed": self.unreferenced_removed, "unreferenced_kept": self.unreferenced_kept,
                "bytes_freed": self.bytes_freed, "local_copies_removed": self.local_copies_removed}


@dataclass(frozen=True)
class LibraryCheck:
    """The originals (``blobs``) and the audit log (``audit``); ``head`` is the hash of the newest event, the
    value to write down elsewhere if the chain is to be anchored outside the database."""

    blobs: VerifyResult
    audit: ChainCheck
    head: str | None

    @property
    def ok(self) -> bool:
        return self.blobs.ok and self.audit.ok


def verify_store(lib: Library, progress: Progress = null_progress, cancel: CancelToken | None = None) -> VerifyResult:
    with lib.unit() as uow:
        total = uow.media.blob_count()

    def pages() -> Iterator[tuple[str, int]]:
        after = ""
        while True:
            with lib.unit() as uow:
                page = uow.media.blob_sizes_after(after, PAGE)
            if not page:
                return
            yield from page
            after = page[-1][0]

    return lib.blobs.verify(pages(), progress, cancel, total=total)


def verify_audit(lib: Library) -> tuple[ChainCheck, str | None]:
    """The audit chain checked from its first event to its newest; and the newest event's hash."""
    with lib.unit() as uow:
        stored = uow.audit.stored()
    return check_chain(stored), (stored[-1].hash if stored else None)


def verify_library(lib: Library, progress: Progress = null_progress,
                   cancel: CancelToken | None = None) -> LibraryCheck:
    audit, head = verify_audit(lib)
    return LibraryCheck(verify_store(lib, progress, cancel), audit, head)


def repair_store(lib: Library, *, older_than: timedelta | None = None, now: datetime | None = None) -> RepairReport:
    """Remove temporaries and unreferenced originals older than ``older_than`` (default: 6 hours for
    temporaries, 24 hours for originals), and at once the temporaries whose writer is known to be gone."""
    store = lib.blobs
    now = now or datetime.now(UTC)
    temp_cut = now - (older_than if older_than is not None else TEMP_GRACE)
    orphan_cut = now - (older_than if older_than is not None else UNREFERENCED_GRACE)
    report = RepairReport()
    for t in list(store.temporaries()):
        if t.abandoned or t.modified <= temp_cut:
            store.remove_temporary(t.name)
            report.temporaries_removed.append(t.name)
            report.bytes_freed += t.size
        else:
            report.temporaries_kept.append(t.name)
    listed = list(store.iter_stored())  # listed before the database is read: a row committed meanwhile counts
    with lib.unit() as uow:
        known = set(uow.media.known_blobs())
    candidates = [b for b in listed if b.sha256 not in known]
    old = [b for b in candidates if b.modified <= orphan_cut]
    report.unreferenced_kept = sorted(b.sha256 for b in candidates if b.modified > orphan_cut)
    if old:
        with lib.unit() as uow:  # once more, just before removing: an import may have committed since
            known = set(uow.media.known_blobs())
        for b in old:
            if b.sha256 not in known and store.remove(b.sha256):
                report.unreferenced_removed.append(b.sha256)
                report.bytes_freed += b.size
    report.unreferenced_removed.sort()
    report.local_copies_removed = lib.forget_erased()
    return report
