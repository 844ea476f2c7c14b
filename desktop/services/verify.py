"""``casedesk verify``: every original the database knows is re-hashed and compared, and the audit chain checked."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.audit_chain import ChainCheck, check_chain
from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.services.library import Library
from desktop.store.blobs import VerifyResult


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
        expected = uow.media.blob_sizes()
    return lib.blobs.verify(expected, progress, cancel)


def verify_audit(lib: Library) -> tuple[ChainCheck, str | None]:
    """The audit chain checked from its first event to its newest; and the newest event's hash."""
    with lib.unit() as uow:
        stored = uow.audit.stored()
    return check_chain(stored), (stored[-1].hash if stored else None)


def verify_library(lib: Library, progress: Progress = null_progress,
                   cancel: CancelToken | None = None) -> LibraryCheck:
    audit, head = verify_audit(lib)
    return LibraryCheck(verify_store(lib, progress, cancel), audit, head)
