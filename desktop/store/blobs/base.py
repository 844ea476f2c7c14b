"""The store of originals as one interface: content-addressed by SHA-256, written once, never modified.

A backend (``folder``, ``s3``) implements the abstract methods; checking, verifying and hashing live here, so a
third backend is one more file. Every transfer is streamed in ``CHUNK``-sized pieces: a 2 GB video never sits in
memory. Originals are removed only by ``remove`` (GDPR erasure, retention purge) and by the repair of originals
that no database row references (``desktop.services.verify``).
"""

from __future__ import annotations

import hashlib
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, ClassVar

from desktop.core.errors import CasedeskError

CHUNK = 1 << 20
MARKER = "casedesk-store.json"  # names the store's id, so a desk can tell it reached its team's store
HEX = frozenset("0123456789abcdef")


class StoreUnavailable(CasedeskError):
    """The store of originals cannot be reached, or is not the one the database names."""


class OriginalMissing(CasedeskError):
    """An original the library knows is not in the store."""

    def __init__(self, sha256: str, message: str | None = None) -> None:
        super().__init__(message or f"the original {sha256[:12]}… is not in the store")
        self.sha256 = sha256


class OriginalCorrupt(CasedeskError):
    """An original's bytes no longer match its SHA-256."""


def check_sha(sha256: str) -> str:
    if len(sha256) != 64 or not HEX.issuperset(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return sha256


def sha256_file(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file, read in chunks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def sha256_stream(stream: BinaryIO, sink: Callable[[bytes], object] | None = None) -> tuple[str, int]:
    """SHA-256 and size of what ``stream`` yields, each chunk also handed to ``sink``."""
    h = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        h.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink(chunk)
    return h.hexdigest(), size


@dataclass(frozen=True)
class StoredBlob:
    """An original as the store lists it."""

    sha256: str
    size: int
    modified: datetime  # aware; when it was written (or last adopted by an import)


@dataclass(frozen=True)
class StoredTemp:
    """A temporary left by a write that did not finish (a killed process, a broken upload)."""

    name: str
    size: int
    modified: datetime
    abandoned: bool = False  # its writer is known to be gone (a killed process): removable at once, whatever its age


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    missing: list[str]
    modified: list[str]
    unreferenced: list[str] = field(default_factory=list)  # in the store, unknown to the database

    @property
    def ok(self) -> bool:
        return not self.missing and not self.modified


class BlobStore(ABC):
    """Where a library's originals live. Safe to share between threads."""

    kind: ClassVar[str]
    location: str  # as recorded in the database ("" for a library's own folder)

    # --- what a backend implements ---------------------------------------------------------------------------
    @abstractmethod
    def exists(self, sha256: str) -> bool: ...

    @abstractmethod
    def open(self, sha256: str) -> AbstractContextManager[BinaryIO]:
        """The original for reading in chunks; ``OriginalMissing`` when it is not there."""

    @abstractmethod
    def put_bytes(self, data: bytes, sha256: str | None = None, *, hashed: bool = False) -> str:
        """Store ``data`` (a small file already in memory); returns its SHA-256. The same content twice writes
        nothing. A given ``sha256`` must match what is written, else ``OriginalCorrupt`` and nothing is stored.
        ``hashed``: the caller took ``sha256`` of these very bytes itself (the import, a moment before), so they
        are not hashed again; what was written is still checked by its size."""

    @abstractmethod
    def put_file(self, src: Path) -> tuple[str, int]:
        """Store the file ``src`` by streaming; returns (sha256, size)."""

    @abstractmethod
    def iter_stored(self) -> Iterator[StoredBlob]:
        """Every original in the store, in SHA-256 order (``verify`` merges this listing with the database's)."""

    @abstractmethod
    def remove(self, sha256: str) -> bool:
        """Delete one original (GDPR erasure, retention purge, repair); False when it was not there."""

    @abstractmethod
    def temporaries(self) -> Iterator[StoredTemp]:
        """Half-written originals of writes that did not finish."""

    @abstractmethod
    def remove_temporary(self, name: str) -> None: ...

    @abstractmethod
    def read_marker(self) -> str | None:
        """The store id its marker names; None when it has none."""

    @abstractmethod
    def write_marker(self, store_id: str) -> None: ...

    def local_path(self, sha256: str) -> Path | None:
        """The original as a file on this machine, when the backend keeps it as one (else fetch it: the cache)."""
        return None

    def describe(self) -> str:
        return self.location

    # --- shared ------------------------------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        """Old name of ``exists``."""
        return self.exists(sha256)

    def read(self, sha256: str) -> bytes:
        """A whole original in memory: only for small files (use ``open`` or ``copy_to`` otherwise)."""
        with self.open(sha256) as f:
            return f.read()

    def copy_to(self, sha256: str, dest: Path) -> int:
        """Stream an original into the new file ``dest``, checking its SHA-256 on the way; returns its size."""
        with self.open(sha256) as f, open(dest, "wb") as out:
            digest, size = sha256_stream(f, out.write)
            out.flush()
            os.fsync(out.fileno())
        if digest != sha256:
            dest.unlink(missing_ok=True)
            raise OriginalCorrupt(f"the original {sha256[:12]}… in {self.describe() or 'the store'} no longer "
                                  f"matches its SHA-256 (run casedesk verify)")
        return size

    def check_marker(self, store_id: str) -> None:
        """Refuse a store whose marker does not name ``store_id`` (an unmounted share, another team's bucket)."""
        found = self.read_marker()
        if found != store_id:
            why = "has no Casedesk store marker" if found is None else "belongs to another Casedesk database"
            raise StoreUnavailable(f"the store of originals {self.describe()} {why} ({MARKER}); is the share "
                                   "mounted, or the bucket right? (casedesk team show)")

    def verify(self, expected: Iterable[tuple[str, int]] | dict[str, int], progress=None, cancel=None,  # noqa: ANN001
               total: int | None = None) -> VerifyResult:
        """Re-hash every original the database knows ((sha256, size) pairs in SHA-256 order, e.g. read a page at a
        time) by streaming it, and list the originals in the store that the database does not know. The store's
        listing (also in SHA-256 order) is merged with it, so memory stays flat whatever the library's size."""
        pairs = sorted(expected.items()) if isinstance(expected, dict) else expected
        total = total if total is not None else (len(expected) if isinstance(expected, dict) else 0)
        listing = iter(self.iter_stored())
        here = next(listing, None)
        missing: list[str] = []
        modified: list[str] = []
        unreferenced: list[str] = []
        checked = 0
        for sha, size in pairs:
            if cancel is not None:
                cancel.check()
            while here is not None and here.sha256 < sha:
                unreferenced.append(here.sha256)
                here = next(listing, None)
            checked += 1
            if here is None or here.sha256 != sha:
                missing.append(sha)
            else:
                here = next(listing, None)
                try:
                    with self.open(sha) as f:
                        digest, actual = sha256_stream(f)
                except OriginalMissing:
                    missing.append(sha)
                else:
                    if digest != sha or actual != size:
                        modified.append(sha)
            if progress is not None:
                progress(checked, max(total, checked), sha[:12])
        while here is not None:
            unreferenced.append(here.sha256)
            here = next(listing, None)
        return VerifyResult(checked, missing, modified, unreferenced)
