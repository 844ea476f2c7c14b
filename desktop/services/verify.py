"""``casedesk verify``: every original the database knows is re-hashed and compared."""

from __future__ import annotations

from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.services.library import Library
from desktop.store.blobs import VerifyResult


def verify_store(lib: Library, progress: Progress = null_progress, cancel: CancelToken | None = None) -> VerifyResult:
    with lib.unit() as uow:
        expected = uow.media.blob_sizes()
    return lib.blobs.verify(expected, progress, cancel)
