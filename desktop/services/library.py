"""The open library: paths, database, store of originals, team settings and preferences, passed to every service.

``handler`` is who is at the desk: every audit event the services write names them. The store of originals is
the one the database records (``casedesk team init``; a library's own ``originals/`` folder when none is), opened
on first use: listing cases never reaches a bucket. Originals from a bucket are read through this desk's cache.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

from desktop.core.errors import CasedeskError, DatabaseError
from desktop.core.team import TeamSettings
from desktop.services import scratch
from desktop.settings import (
    AppPaths,
    Preferences,
    cache_limit,
    default_db_url,
    default_handler,
    resolve_paths,
    store_mount,
)
from desktop.store.blobs import BlobStore, OriginalCache, OriginalMissing, open_store
from desktop.store.blobs.folder import temporary_files, writer_gone
from desktop.store.db import Database
from desktop.store.unit import UnitOfWork

log = logging.getLogger(__name__)


class Library:
    def __init__(self, paths: AppPaths, db_url: str | None = None, handler: str | None = None, *,
                 sweep: bool = True) -> None:
        """``sweep``: remove what killed imports left (``clean_scratch``); a command that only lists passes
        False, so it does not walk the folders of originals and thumbnails on every call."""
        self.paths = paths.ensure()
        self.handler = handler or default_handler()
        self.db = Database(db_url or default_db_url(paths), originals=paths.originals)
        self.prefs = Preferences.load(paths.preferences_file)
        self.team = self._load_team()
        self.cache = OriginalCache(paths.cache / "originals", cache_limit())
        self._blobs: BlobStore | None = None
        self._blobs_lock = threading.Lock()
        self._pruned = False  # this desk's copies of erased originals are removed at the first fetch
        if sweep:
            self._remove_stale_scratch()

    @property
    def blobs(self) -> BlobStore:
        """The store of originals the database names, opened (and its marker checked) on first use. While a
        shared database names none, every use asks again: a desk open when ``team init`` ran switches at once."""
        if not self.team.store and self.shared_database:
            with self.unit() as uow:
                location, store_id = uow.settings.store()
            if location:
                self.team = replace(self.team, store=location, store_id=store_id)
        mounted = store_mount() if self.team.store and not self.team.store.startswith("s3://") else None
        with self._blobs_lock:
            if self._blobs is None or self._blobs.location != (mounted or self.team.store):  # team init since
                self._blobs = open_store(self.team.store, own_folder=self.paths.originals,
                                         store_id=self.team.store_id, mounted_at=mounted)
                if not self.team.store and self.shared_database:
                    log.warning("this database is shared but records no store of originals: they stay in %s, "
                                "where other desks cannot read them (casedesk team init --store LOCATION)",
                                self.paths.originals)
            return self._blobs

    @property
    def shared_database(self) -> bool:
        """Whether other desks may use this database (anything but the SQLite file in this data folder)."""
        return self.db.url != f"sqlite:///{self.paths.db_file.as_posix()}"

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
        try:
            with self.unit(write=True) as uow:
                if uow.settings.has_team():  # another desk was first
                    return uow.settings.team()
                uow.settings.save_team(team)
        except DatabaseError:  # another desk seeded them at the same moment: theirs count
            with self.unit() as uow:
                if uow.settings.has_team():
                    return uow.settings.team()
            raise
        return team

    def _remove_stale_scratch(self, max_age_s: float = 6 * 3600) -> int:
        """Scratch folders of killed imports (at once: ``desktop.services.scratch``), their thumbnails' temporary
        files, and half-written originals (at once when their writer is known to be gone, else when old enough
        not to be in use); returns how many went."""
        removed = len(scratch.remove_stale(self.paths.tmp))
        removed += scratch.remove_stale_thumb_files(self.paths.thumbs)
        cutoff = time.time() - max_age_s
        for p in temporary_files(self.paths.originals):
            try:
                if writer_gone(p) or p.lstat().st_mtime < cutoff:
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
        """Where this desk reads the original, without reaching the store: the file in a folder store, or the
        cache's file for a bucket (which may not be fetched yet: ``local_original`` fetches it)."""
        if self.team.store.startswith("s3://"):
            return self.cache.path(sha256)
        try:
            local = self.blobs.local_path(sha256)
        except CasedeskError:  # the share is not reachable: the window shows its placeholder, no error
            return self.cache.path(sha256)
        return local if local is not None else self.cache.path(sha256)

    def local_original(self, sha256: str) -> Path:
        """The original as a file on this machine, fetched into the cache when it lives in a bucket; raises
        ``OriginalMissing`` when the store lacks it. May reach the network: never on the window's thread."""
        store = self.blobs
        local = store.local_path(sha256)
        if local is None:
            if not self._pruned:
                self._pruned = True
                self.forget_erased()
            return self.cache.get(store, sha256)
        if not local.is_file():
            raise OriginalMissing(sha256, f"the original {sha256[:12]}… is not in {store.describe()}")
        return local

    def forget_erased(self, min_age_s: float = 3600) -> int:
        """Remove this desk's copies (fetched originals, thumbnails) of originals the database no longer knows:
        erased by another desk. Thumbnails younger than ``min_age_s`` stay (an import may be saving them).
        Returns how many files went."""
        with self.unit() as uow:
            known = uow.media.known_blobs()
        removed = len(self.cache.prune(known))
        cutoff = time.time() - min_age_s
        for thumb in self.paths.thumbs.glob("??/*.jpg"):
            try:
                if len(thumb.stem) == 64 and thumb.stem not in known and thumb.stat().st_mtime < cutoff:
                    thumb.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def workspace(self) -> AbstractContextManager[Path]:
        """A scratch folder inside the library (never outside it), locked while in use, removed afterwards."""
        return scratch.workspace(self.paths.tmp)

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(data_dir: str | Path | None = None, db_url: str | None = None,
                 handler: str | None = None) -> Library:
    return Library(resolve_paths(data_dir), db_url, handler)
