"""This desk's cache of originals fetched from a store that is not a local folder (a bucket).

``get`` streams an original into ``<root>/ab/<sha256>`` (checked against its SHA-256 on the way) and returns
the file. The cache keeps at most ``limit`` bytes: after each fetch the least recently used files go, except
those in use in this process (``pinned``) and those used in the last ``RECENT_S`` seconds (another process of
this desk, such as an export run while the window is open, may be reading them), so it can exceed its bound
while a case larger than it is being exported.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.store.blobs.base import BlobStore, check_sha

RECENT_S = 600.0


class OriginalCache:
    def __init__(self, root: Path, limit: int) -> None:
        self.root = Path(root)
        self.limit = limit
        self._pins: Counter[str] = Counter()
        self._lock = threading.Lock()

    def path(self, sha256: str) -> Path:
        check_sha(sha256)
        return self.root / sha256[:2] / sha256

    def get(self, store: BlobStore, sha256: str) -> Path:
        """The original as a local file, fetched from ``store`` when this desk does not have it yet."""
        target = self.path(sha256)
        if target.is_file():
            with contextlib.suppress(OSError):
                os.utime(target)  # most recently used
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".fetch-", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            store.copy_to(sha256, tmp)
            os.chmod(tmp, 0o400)  # the data folder is private to the handler
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        self.evict(keep={sha256})
        return target

    @contextlib.contextmanager
    def pinned(self, shas: Iterable[str]) -> Iterator[None]:
        """Keep these originals while the block runs (an export reads them after fetching them all)."""
        shas = list(shas)
        with self._lock:
            self._pins.update(shas)
        try:
            yield
        finally:
            with self._lock:
                self._pins.subtract(shas)
                self._pins += Counter()  # drop the zeros

    def evict(self, keep: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
        """Remove least recently used originals until the cache fits its limit; returns what went."""
        files = []
        for sub in self.root.glob("??"):
            for f in sub.iterdir():
                if len(f.name) == 64:
                    try:
                        st = f.stat()
                    except FileNotFoundError:
                        continue
                    files.append((st.st_mtime, st.st_size, f))
        total = sum(size for _, size, _ in files)
        if total <= self.limit:
            return []
        now = time.time()
        with self._lock:
            pinned = set(self._pins)
        removed = []
        for mtime, size, f in sorted(files):
            if total <= self.limit:
                break
            if f.name in keep or f.name in pinned or now - mtime < RECENT_S:
                continue
            with contextlib.suppress(OSError):
                os.chmod(f, 0o600)
                f.unlink()
                total -= size
                removed.append(f.name)
        return removed

    def prune(self, known: set[str]) -> list[str]:
        """Remove every cached original not in ``known`` (erased since it was fetched); returns what went."""
        removed = []
        for f in self.root.glob("??/*"):
            if len(f.name) == 64 and f.name not in known:
                with contextlib.suppress(OSError):
                    os.chmod(f, 0o600)
                    f.unlink()
                    removed.append(f.name)
        return removed

    def size(self) -> int:
        return sum(f.stat().st_size for f in self.root.glob("??/*") if len(f.name) == 64)
