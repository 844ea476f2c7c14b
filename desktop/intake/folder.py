"""Files and folders given by the user: walked recursively, without following links, without opening anything
that is not a regular file.

Rules (each skipped entry is named in the problems, with why):

- named pipes (FIFOs), sockets and device files are skipped: opening a FIFO would block the import forever, and a
  device is not a customer's file;
- a symbolic link is never followed inside a folder: a link to a file inside the folder is skipped because that
  file is imported where it lies; a link pointing outside the folder is skipped because importing a folder must
  read only what is in it (the user can give the target itself); a broken link is named as broken;
- a path the user names directly is taken as named: a link given as an input is followed.

``open_regular`` opens a file for reading only once it is sure it is a regular file, without blocking on a FIFO
that replaced it in the meantime.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import RejectedInput
from desktop.core.model import Problem

IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".localized"}


def is_ignored(name: str) -> bool:
    low = name.lower()
    return low in IGNORED_NAMES or low.startswith("._") or low.startswith(".~")


def special_kind(mode: int) -> str | None:
    """Words for what a non-regular, non-folder entry is, or None for a regular file or folder."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file"


def read_head(path: Path, n: int) -> bytes:
    """The first ``n`` bytes of a regular file, or nothing when it cannot be read or is no regular file (whoever
    reads it whole says why)."""
    try:
        with open_regular(path) as f:
            return f.read(n)
    except (OSError, RejectedInput):
        return b""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading; ``RejectedInput`` if it is not a regular file (checked on the open file)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        kind = special_kind(mode) or ("a folder, not a file" if stat.S_ISDIR(mode) else None)
        if kind is not None:
            raise RejectedInput(f"skipped: {kind}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


OWN_FOLDER = "skipped: Casedesk's own library folder (its files are the library's, not a customer's)"


def folder_ids(folders: list[Path]) -> set[tuple[int, int]]:
    """``(device, inode)`` of each folder that exists: what ``walk_files`` leaves out, however it is named."""
    ids = set()
    for f in folders:
        try:
            st = f.stat()
        except OSError:
            continue
        ids.add((st.st_dev, st.st_ino))
    return ids


def walk_files(root: Path, problems: list[Problem], skip: set[tuple[int, int]] = frozenset()) -> Iterator[Path]:
    """Regular files below ``root`` in a stable order; links and special files are reported and skipped, and so
    are the folders ``skip`` names (``folder_ids``: the library's own)."""
    base = os.path.realpath(root)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=lambda e: problems.append(
        Problem(str(e.filename), f"folder cannot be read ({e.strerror})")
    )):
        kept = []
        for d in sorted(dirnames):
            if d == "__MACOSX" or d.startswith("."):
                continue
            p = Path(dirpath) / d
            try:
                link = stat.S_ISLNK(p.lstat().st_mode)
            except OSError as e:  # a path longer than the system takes (ENAMETOOLONG), a folder gone meanwhile
                problems.append(Problem(str(p), f"folder cannot be read ({e.strerror or e})"))
                continue
            if link:
                problems.append(Problem(str(p), _link_reason(p, base, folder=True)))
                continue
            if skip and file_id(p) in skip:
                problems.append(Problem(str(p), OWN_FOLDER))
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if is_ignored(name):
                continue
            p = Path(dirpath) / name
            try:
                mode = p.lstat().st_mode
            except OSError as e:
                problems.append(Problem(str(p), f"cannot be read ({e.strerror})"))
                continue
            if stat.S_ISLNK(mode):
                problems.append(Problem(str(p), _link_reason(p, base, folder=False)))
            elif (kind := special_kind(mode)) is not None:
                problems.append(Problem(str(p), f"skipped: {kind}"))
            elif stat.S_ISREG(mode):
                yield p


def file_id(p: Path) -> tuple[int, int] | None:
    """(device, inode) of ``p`` itself (a link is not followed), or None when it cannot be looked at."""
    try:
        st = p.lstat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _link_reason(link: Path, base: str, *, folder: bool) -> str:
    try:
        target = os.path.realpath(link, strict=True)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "skipped: symbolic link that leads back to itself (a loop)"
        return "skipped: broken symbolic link (its target does not exist)"
    except RuntimeError:  # Python before 3.13 reports a loop so
        return "skipped: symbolic link that leads back to itself (a loop)"
    inside = target == base or target.startswith(base.rstrip(os.sep) + os.sep)
    what = "folder" if folder else "file"
    if inside:
        return f"skipped: symbolic link to a {what} inside the same folder, imported where it lies"
    return (f"skipped: symbolic link pointing outside the folder (to {target}); links are not followed, "
            f"give the {what} itself to import it")
