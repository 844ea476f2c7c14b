"""The open library: paths, database, blob store, team settings and preferences, passed to every service.

``handler`` is who is at the desk: every audit event the services write names them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from desktop.core.team import TeamSettings
from desktop.settings import AppPaths, Preferences, default_db_url, default_handler, resolve_paths
from desktop.store.blobs import BlobStore
from desktop.store.db import Database
from desktop.store.unit import UnitOfWork

LOCK_NAME = ".in-use"  # in an import's scratch folder: locked (flock / msvcrt) while the import runs


class ScratchLock:
    """An exclusive, non-blocking lock on a file, released by the system when its process dies."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    @classmethod
    def try_take(cls, path: Path) -> ScratchLock | None:
        """The lock, or None when another open holds it (or the file cannot be opened)."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return cls(fd)

    def release(self) -> None:
        os.close(self._fd)  # closing drops the lock (flock and msvcrt alike)


class Library:
    def __init__(self, paths: AppPaths, db_url: str | None = None, handler: str | None = None) -> None:
        self.paths = paths.ensure()
        self.handler = handler or default_handler()
        self.db = Database(db_url or default_db_url(paths))
        self.blobs = BlobStore(paths.originals)
        self.prefs = Preferences.load(paths.preferences_file)
        self.team = self._load_team()
        self._remove_stale_scratch()

    def unit(self, *, write: bool = False) -> AbstractContextManager[UnitOfWork]:
        """One use case's unit of work, in the name of this library's handler (``desktop.store.unit``)."""
        return self.db.unit(self.handler, write=write)

    def _load_team(self) -> TeamSettings:
        """The team settings from the database; a library that has none yet takes them from the settings this
        desk kept in its preferences file before they moved to the database (or the defaults)."""
        with self.unit() as uow:
            if uow.settings.has_team():
                return uow.settings.team()
        team = TeamSettings.from_json(Preferences.read_raw(self.paths.preferences_file))
        with self.unit(write=True) as uow:
            if uow.settings.has_team():  # another desk was first
                return uow.settings.team()
            uow.settings.save_team(team)
        return team

    def _remove_stale_scratch(self, max_age_s: float = 6 * 3600) -> int:
        """Scratch left by a killed process: an import's scratch folder (unpacked chats: customer data) at once
        when no process holds its lock; half-written originals, and scratch folders without a lock, when old
        enough not to be in use. Returns how many were removed."""
        removed = 0
        for d in self.paths.tmp.glob("import-*"):
            lock = ScratchLock.try_take(d / LOCK_NAME) if (d / LOCK_NAME).exists() else None
            if lock is not None:  # nobody is using it (Windows cannot delete a file held open: released first)
                lock.release()
                shutil.rmtree(d, ignore_errors=True)
                removed += 1
        cutoff = time.time() - max_age_s
        stale = [*(d for d in self.paths.tmp.glob("import-*") if not (d / LOCK_NAME).exists()),
                 *self.paths.originals.glob(".incoming/in-*"), *self.paths.originals.glob("??/.incoming-*")]
        for p in stale:
            try:
                if p.lstat().st_mtime < cutoff:
                    shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
                    removed += 1
            except OSError:
                pass
        return removed

    def clean_scratch(self) -> int:
        """Remove the scratch space no running import uses; returns how many folders or files went."""
        return self._remove_stale_scratch()

    def save_prefs(self) -> None:
        self.prefs.save(self.paths.preferences_file)

    def thumb_path(self, sha256: str) -> Path:
        return self.paths.thumbs / sha256[:2] / f"{sha256}.jpg"

    def original_path(self, sha256: str) -> Path:
        return self.blobs.path_for(sha256)

    @contextmanager
    def workspace(self) -> Iterator[Path]:
        """A scratch folder inside the library (never outside it), removed afterwards."""
        d = Path(tempfile.mkdtemp(prefix="import-", dir=self.paths.tmp))
        lock = ScratchLock.try_take(d / LOCK_NAME)
        try:
            yield d
        finally:
            if lock is not None:
                lock.release()
            shutil.rmtree(d, ignore_errors=True)

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(data_dir: str | Path | None = None, db_url: str | None = None,
                 handler: str | None = None) -> Library:
    return Library(resolve_paths(data_dir), db_url, handler)
