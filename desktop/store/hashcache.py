"""The library's perceptual hashes, kept in memory per open database: the array the cross-case search scans.

Reading 100,000 hashes costs more than the search itself (~0.1 s on a slow desk against ~1 ms for the numpy scan),
so a ``HashCache`` loads them once and afterwards reads only the originals stored since (``blob.stored_at``,
indexed by migration ``dedup01``). Originals are only added (an erasure removes some: a removed hash only yields
a candidate without items, which the search drops). Another desk's import may commit originals stamped before
the newest one seen here, so every read looks back ``LOOK_BACK`` from the newest stamp, and the whole array is
read again after ``RELOAD``. Thread-safe: the window's workers share one cache.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import MediaKind
from desktop.store.schema import Blob

if TYPE_CHECKING:
    import numpy as np

LOOK_BACK = timedelta(hours=1)  # longer than an import's transaction takes, in practice
RELOAD = 600.0  # seconds after which the whole array is read again
_MEDIA = (MediaKind.IMAGE, MediaKind.VIDEO)


class HashCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hex: list[str] = []
        self._known: set[str] = set()
        self._array: np.ndarray | None = None
        self._newest: datetime | None = None
        self._loaded_at = 0.0

    def hashes(self, session: Session) -> tuple[list[str], np.ndarray]:
        """(hex hashes, the same as ``uint64``) of every picture and video original in the library."""
        with self._lock:
            if self._array is None or self._newest is None or time.monotonic() - self._loaded_at > RELOAD:
                self._load(session)
            else:
                self._catch_up(session)
            assert self._array is not None
            return self._hex, self._array

    def _load(self, session: Session) -> None:
        q = select(Blob.phash).where(Blob.kind.in_(_MEDIA), Blob.phash.is_not(None))
        hexes = list(dict.fromkeys(session.connection().execute(q).scalars().all()))
        newest = session.connection().execute(select(Blob.stored_at).order_by(Blob.stored_at.desc()).limit(1))
        self._hex, self._known = hexes, set(hexes)
        self._array = _parse(hexes)
        self._newest = newest.scalar() or datetime(1970, 1, 1)
        self._loaded_at = time.monotonic()

    def _catch_up(self, session: Session) -> None:
        assert self._newest is not None
        # kind and hash checked here: in SQL they make SQLite scan the originals by kind instead of by time
        q = select(Blob.phash, Blob.stored_at, Blob.kind).where(Blob.stored_at >= self._newest - LOOK_BACK)
        rows = [(h, at) for h, at, kind in session.connection().execute(q) if kind in _MEDIA]
        new = [h for h, _ in rows if h is not None and h not in self._known]
        if rows:
            self._newest = max(self._newest, max(at for _, at in rows))
        if new:
            new = list(dict.fromkeys(new))
            self._hex = self._hex + new
            self._known.update(new)
            import numpy as np

            self._array = np.concatenate([self._array, _parse(new)])


def _parse(hexes: list[str]) -> np.ndarray:
    import numpy as np  # only when a search runs: the light commands start without numpy

    return np.frombuffer(bytes.fromhex("".join(hexes)), dtype=">u8").astype(np.uint64)
