"""``casedesk verify``: every original the database knows is re-hashed and compared."""

from __future__ import annotations

from sqlalchemy import select

from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.services.library import Library
from desktop.store.blobs import VerifyResult
from desktop.store.schema import Blob


def verify_store(lib: Library, progress: Progress = null_progress, cancel: CancelToken | None = None) -> VerifyResult:
    with lib.db.session() as s:
        expected = dict(s.execute(select(Blob.sha256, Blob.size)).all())
    return lib.blobs.verify(expected, progress, cancel)
