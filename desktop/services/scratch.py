"""Scratch folders of imports inside the library (unpacked ZIPs, e-mail attachments: customer data).

Each folder holds a lock file its process keeps locked while it works. At start, every scratch folder whose lock
is free belongs to a process that was killed: it is removed at once, whatever its age. Where locks are not
available (or for folders of older versions, which have no lock file), a folder is removed when old enough that
no import can still be using it.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.processes import process_gone

try:
    import fcntl
except ImportError:  # Windows: folders are aged out instead
    fcntl = None  # type: ignore[assignment]

PREFIX = "import-"
LOCK = ".in-use"
UNLOCKED_MAX_AGE_S = 6 * 3600  # a folder without a usable lock: left alone for this long
LOCK_GRACE_S = 60  # a folder younger than this may not have its lock file yet
THUMB_TMP_MAX_AGE_S = 600  # a thumbnail's temporary file lives for milliseconds


@contextmanager
def workspace(tmp_dir: Path) -> Iterator[Path]:
    """A fresh scratch folder in ``tmp_dir``, locked while in use, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp_dir))
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def remove_stale(tmp_dir: Path, now: float | None = None) -> list[Path]:
    """Remove the scratch folders of killed processes; returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for folder in sorted(tmp_dir.glob(PREFIX + "*")):
        try:
            if folder.is_dir() and not folder.is_symlink() and _abandoned(folder, now):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except OSError:
            continue
    return removed


def _abandoned(folder: Path, now: float) -> bool:
    age = now - folder.lstat().st_mtime
    lock = folder / LOCK
    if fcntl is None or not lock.exists():
        return age > (UNLOCKED_MAX_AGE_S if fcntl is None else LOCK_GRACE_S)
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its process is alive and working
    finally:
        os.close(fd)  # closing drops the lock we may have taken
    return True


def temp_name(target: Path) -> Path:
    """The temporary a thumbnail is written to before it is renamed to ``target``: ``.<name>.<pid>.<token>.tmp``
    (the process id tells the next start whether its writer is gone)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")


_TEMP = re.compile(r"\..+\.(\d+)\.[0-9a-f]+\.tmp")


def _writer_gone(name: str) -> bool:
    """Whether the process named in a temporary's name (``temp_name``) no longer runs on this machine (False when
    it cannot tell: another form of name, a process id in use)."""
    m = _TEMP.fullmatch(name)
    return m is not None and process_gone(m[1])


def remove_stale_thumb_files(thumbs: Path, now: float | None = None) -> int:
    """Temporary thumbnail files (``temp_name``) left by a killed process: at once when it is known to be gone,
    else when older than ``THUMB_TMP_MAX_AGE_S``."""
    now = time.time() if now is None else now
    count = 0
    for p in thumbs.glob("??/.*.tmp"):
        try:
            if _writer_gone(p.name) or now - p.lstat().st_mtime > THUMB_TMP_MAX_AGE_S:
                p.unlink()
                count += 1
        except OSError:
            continue
    return count
