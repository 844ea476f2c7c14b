"""Originals in a folder: ``<root>/ab/<sha256>``, read-only files. A library's own ``originals/`` folder, or a
share every desk of a team mounts.

A file is written under a temporary name in ``<root>/.incoming/``, fsynced, re-read and checked against its
SHA-256, then renamed to its final name: a crash leaves either no original or a complete one, never a
half-written file under a final name, and two desks storing the same file at once both end with the same bytes.

In a library's own folder, a temporary is locked (``flock``) by its writer from its birth under its ``in-`` name
to its rename or removal: one whose lock is free was left by a killed process and can go at once (``abandoned``).
Before it is locked it is named ``new-<pid>-…``: one whose process no longer runs can go at once too.
A team's share may not carry locks between machines, so there (and where locks do not exist) a temporary is only
old or not.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows: temporaries are aged out instead
    fcntl = None  # type: ignore[assignment]

from desktop.core.processes import process_gone
from desktop.store.blobs.base import (
    CHUNK,
    MARKER,
    BlobStore,
    OriginalCorrupt,
    OriginalMissing,
    StoredBlob,
    StoredTemp,
    StoreUnavailable,
    check_sha,
    sha256_file,
)

INCOMING = ".incoming"
TEMP_PREFIXES = ("in-", "new-", ".incoming-")  # a temporary's name: locked, being locked, an older version's


class FolderStore(BlobStore):
    """``shared``: a team's folder, whose files every desk's account must read and whose folders every desk must
    write into (files 0444, folders 2775); otherwise a library's own, private to its handler (files 0400)."""

    kind = "folder"

    def __init__(self, root: Path, *, location: str = "", create: bool = True, shared: bool = False) -> None:
        self.root = Path(root)
        self.location = location
        self.shared = shared
        self.file_mode = 0o444 if shared else 0o400
        if create:
            self._mkdir(self.root)
        elif not self.root.is_dir():
            raise StoreUnavailable(f"the store of originals {self.root} cannot be reached: no such folder "
                                   "(is the share mounted?)")

    def describe(self) -> str:
        return self.location or str(self.root)

    def _mkdir(self, path: Path) -> None:
        if path.is_dir():
            return
        path.mkdir(parents=True, exist_ok=True)
        if self.shared:  # the desk's private umask must not lock the other desks out of a team's folder
            with contextlib.suppress(OSError):
                os.chmod(path, 0o2775)

    def path_for(self, sha256: str) -> Path:
        check_sha(sha256)
        return self.root / sha256[:2] / sha256

    def local_path(self, sha256: str) -> Path:
        return self.path_for(sha256)

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path_for(sha256), "rb")
        except FileNotFoundError:
            raise OriginalMissing(sha256, f"the original {sha256[:12]}… is not in {self.describe()}") from None

    # writing ------------------------------------------------------------------------------------------------
    def _incoming(self) -> tuple[int, Path, int | None]:
        """A new temporary: ``(fd, path, hold)``. ``hold``, when not ``None``, is a second descriptor of it that
        keeps its lock (module docstring) after ``fd`` is closed, until the caller closes it."""
        tmp_dir = self.root / INCOMING
        self._mkdir(tmp_dir)
        if fcntl is None or self.shared:
            fd, name = tempfile.mkstemp(prefix="in-", dir=tmp_dir)
            return fd, Path(name), None
        # born as new-<pid>-…: until it is locked and renamed, its process id says whether its writer is gone
        fd, name = tempfile.mkstemp(prefix=f"new-{os.getpid()}-", dir=tmp_dir)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            path = Path(name).with_name("in-" + Path(name).name.split("-", 2)[2])
            os.rename(name, path)
            return fd, path, os.dup(fd)
        except BaseException:
            os.close(fd)
            Path(name).unlink(missing_ok=True)
            raise

    def put_bytes(self, data: bytes, sha256: str | None = None, *, hashed: bool = False) -> str:
        digest = sha256 or hashlib.sha256(data).hexdigest()  # a given SHA-256 is checked on the written file
        if self._adopt(digest):
            return digest
        fd, tmp, hold = self._incoming()
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            self._commit(tmp, digest, len(data), check_hash=not (hashed and sha256))
        finally:
            tmp.unlink(missing_ok=True)
            if hold is not None:
                os.close(hold)
        return digest

    def put_file(self, src: Path) -> tuple[str, int]:
        h = hashlib.sha256()
        size = 0
        fd, tmp, hold = self._incoming()
        try:
            with os.fdopen(fd, "wb") as out, open(src, "rb") as f:
                while chunk := f.read(CHUNK):
                    h.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            if not self._adopt(digest):
                self._commit(tmp, digest, size)
            return digest, size
        finally:
            tmp.unlink(missing_ok=True)
            if hold is not None:
                os.close(hold)

    def _adopt(self, sha256: str) -> bool:
        """Whether the original is already stored; if so its time is refreshed, so that a repair running while
        this import saves does not take it for a leftover of a failed import."""
        final = self.path_for(sha256)
        if not final.is_file():
            return False
        with contextlib.suppress(OSError):  # a share may not let this desk set another's file time
            os.utime(final)
        return True

    def _commit(self, tmp: Path, sha256: str, size: int, *, check_hash: bool = True) -> None:
        """Check the written file against its SHA-256 (or, for bytes the caller has just hashed, its size), then
        give it its final name."""
        digest, actual = sha256_file(tmp) if check_hash else (sha256, tmp.stat().st_size)
        if digest != sha256 or actual != size:
            raise OriginalCorrupt(f"the file written to {self.describe()} does not have the SHA-256 it is stored "
                                  f"under ({digest[:12]}… instead of {sha256[:12]}…): nothing was stored; check "
                                  "the disk or share")
        final = self.path_for(sha256)
        self._mkdir(final.parent)
        os.chmod(tmp, self.file_mode)
        os.replace(tmp, final)
        _fsync_dir(final.parent)

    # listing and removing -------------------------------------------------------------------------------------
    def iter_stored(self) -> Iterator[StoredBlob]:
        for sub in sorted(self.root.glob("[0-9a-f][0-9a-f]")):
            for f in sorted(sub.iterdir()):
                if len(f.name) == 64 and f.name.startswith(sub.name) and set(f.name) <= set("0123456789abcdef"):
                    try:
                        st = f.stat()
                    except FileNotFoundError:  # removed while listing
                        continue
                    yield StoredBlob(f.name, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC))

    def remove(self, sha256: str) -> bool:
        path = self.path_for(sha256)
        if not path.is_symlink():  # a link's target may lie outside the library: never touched
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)  # Windows refuses to delete a read-only file
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(path.parent)
        return True

    def temporaries(self) -> Iterator[StoredTemp]:
        for p in temporary_files(self.root):
            try:
                st = p.lstat()
            except FileNotFoundError:
                continue
            yield StoredTemp(p.relative_to(self.root).as_posix(), st.st_size,
                             datetime.fromtimestamp(st.st_mtime, UTC),
                             abandoned=not self.shared and writer_gone(p))

    def remove_temporary(self, name: str) -> None:
        path = (self.root / name).resolve()
        if path.parent.parent != self.root.resolve() or not path.name.startswith(TEMP_PREFIXES):
            raise ValueError(f"not a temporary of this store: {name!r}")
        path.unlink(missing_ok=True)

    # marker -------------------------------------------------------------------------------------------------
    def read_marker(self) -> str | None:
        try:
            raw = json.loads((self.root / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        value = raw.get("store_id") if isinstance(raw, dict) else None
        return value if isinstance(value, str) else None

    def write_marker(self, store_id: str) -> None:
        tmp = self.root / f".{MARKER}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"store_id": store_id, "app": "casedesk"}) + "\n", encoding="utf-8")
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644 if self.shared else 0o600)
        os.replace(tmp, self.root / MARKER)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temporary_files(root: Path) -> list[Path]:
    """The temporaries under a folder store's ``root``: this version's in ``.incoming/``, older versions' beside
    the originals."""
    incoming = root / INCOMING
    return sorted([*incoming.glob("in-*"), *incoming.glob("new-*"), *root.glob("??/.incoming-*")])


def writer_gone(path: Path) -> bool:
    """Whether the process that wrote this temporary is gone: the lock of an ``in-`` one is free (module
    docstring), the process a ``new-<pid>-`` one names runs no more. False where it cannot tell (no locks, an
    older version's temporary, a file it cannot open, a process id in use)."""
    if fcntl is None:
        return False
    if path.name.startswith("new-"):
        return process_gone(path.name.split("-")[1])
    if not path.name.startswith("in-"):
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its writer holds it: alive and writing
    finally:
        os.close(fd)  # and the lock this may have taken with it
    return True
