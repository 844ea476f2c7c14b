"""Originals for the window: where to read one, fetched into this desk's cache when the team keeps them in a bucket.

``local_original`` and ``locate`` may reach the network (a bucket): call them on a worker thread, never on the
window's. ``original_path`` (on ``Library``) is the cheap guess for the window's thread.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import CasedeskError
from desktop.services.library import Library
from desktop.store.blobs import OriginalMissing

__all__ = ["OriginalMissing", "local_original", "locate"]


def local_original(lib: Library, sha256: str) -> Path:
    """The original as a local file (the store's own, or fetched into the cache); ``OriginalMissing`` when the
    store lacks it, ``StoreUnavailable`` when the store cannot be reached, ``OriginalCorrupt`` when its bytes no
    longer match."""
    return lib.local_original(sha256)


def locate(lib: Library, sha256: str) -> tuple[Path, Path | None]:
    """(thumbnail file, local original or None): what the window's thumbnail reader takes. The thumbnail is made
    from the original when this desk has none yet (another desk imported the file)."""
    thumb = lib.thumb_path(sha256)
    if thumb.is_file():
        return thumb, None
    try:
        return thumb, lib.local_original(sha256)
    except CasedeskError:  # missing, unreachable or damaged: the window shows its placeholder
        return thumb, None
