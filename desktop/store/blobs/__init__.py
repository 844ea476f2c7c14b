"""The store of originals: one interface (``base.BlobStore``), a backend per kind of place.

``folder.FolderStore``: a folder (a library's own ``originals/``, or a share every desk mounts);
``s3.S3Store``: an S3-compatible bucket. ``open_store`` picks one from the location the database records;
``cache.OriginalCache`` keeps this desk's copies of originals fetched from a bucket.
"""

from __future__ import annotations

from pathlib import Path

from desktop.store.blobs.base import (
    CHUNK,
    MARKER,
    BlobStore,
    OriginalCorrupt,
    OriginalMissing,
    StoredBlob,
    StoredTemp,
    StoreUnavailable,
    VerifyResult,
    sha256_file,
)
from desktop.store.blobs.cache import OriginalCache
from desktop.store.blobs.folder import FolderStore

__all__ = ["CHUNK", "MARKER", "BlobStore", "FolderStore", "OriginalCache", "OriginalCorrupt", "OriginalMissing",
           "StoreUnavailable", "StoredBlob", "StoredTemp", "VerifyResult", "normalise_location", "open_store",
           "sha256_file"]


def normalise_location(text: str) -> str:
    """A store location as the database records it: ``s3://bucket/prefix`` or an absolute folder path."""
    text = text.strip()
    if text.startswith("s3://"):
        from desktop.store.blobs.s3 import parse_s3

        bucket, prefix = parse_s3(text)
        return f"s3://{bucket}/{prefix}".rstrip("/")
    if "://" in text:
        raise ValueError(f"{text!r}: a store is a folder every desk mounts, or s3://bucket/prefix")
    path = Path(text).expanduser()
    if not path.is_absolute():
        raise ValueError(f"{text!r}: give the full path of the folder every desk mounts")
    return str(path)


def open_store(location: str, *, own_folder: Path, store_id: str = "", mounted_at: str | None = None) -> BlobStore:
    """The store at ``location`` ("" is the library's own folder); a team's store must carry the marker naming
    ``store_id``. ``mounted_at`` is where this desk reaches a team's folder when its mount point differs."""
    if not location:
        return FolderStore(own_folder)
    if location.startswith("s3://"):
        from desktop.store.blobs.s3 import S3Store

        store: BlobStore = S3Store(location)
    else:
        store = FolderStore(Path(mounted_at or location), location=mounted_at or location, create=False, shared=True)
    store.check_marker(store_id)
    return store
