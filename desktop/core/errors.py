"""Typed errors with a message a claims handler understands.

Services raise these; the CLI and the UI show ``user_message``. Per-file problems in a batch are not raised
to the caller but collected as ``Problem`` records (see ``desktop.core.model``).
"""

from __future__ import annotations

import errno


class CasedeskError(Exception):
    """Base class. ``str(err)`` is the message shown to the user."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class RejectedInput(CasedeskError):
    """One input file cannot be taken in (broken, hostile, unreadable). The batch goes on."""


class UnsafeArchive(RejectedInput):
    """A ZIP that would escape the library or blow up (path traversal, bomb)."""


class NotFound(CasedeskError):
    """A case, customer or file that the user named does not exist."""


class UsageError(CasedeskError):
    """The request makes no sense (e.g. merging a case into itself)."""


class UndoRefused(UsageError):
    """An undo or redo that cannot be done cleanly (a later action changed the same items, nothing to undo)."""


class IntegrityError(CasedeskError):
    """The store does not match the database (missing or modified original)."""


class ReadOnlyLibrary(CasedeskError):
    """The library's folder or database cannot be written (read-only mount, permissions)."""


class LibraryUnusable(CasedeskError):
    """The database cannot be used as it is (not reached, not a database URL, a schema from a newer version); the
    message says why and what to do."""


class DatabaseError(CasedeskError):
    """The database refused or failed a piece of work; the message is one sentence, without SQL."""


class EditConflict(CasedeskError):
    """Someone else saved the same record after this editor read it: nothing was saved.

    ``current`` holds the fresh values (to show, and to edit again from), ``version`` their version."""

    def __init__(self, message: str, current: dict[str, object], version: int) -> None:
        super().__init__(message)
        self.current = current
        self.version = version


class MissingOriginals(IntegrityError):
    """Originals a piece of work needs are not in the store; ``missing`` holds (file name, sha256) pairs."""

    def __init__(self, message: str, missing: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.missing = missing
class LibraryWriteError(CasedeskError):
    """The library's folder could not be written while working (not a problem of the input); the work was undone."""


class DiskFull(CasedeskError):
    """A disk has no room left for what is being written. Nothing half-written is left referenced.

    ``needed`` and ``free`` are in bytes, when known; ``where`` names the disk for the user.
    """

    def __init__(self, needed: int | None = None, free: int | None = None,
                 where: str = "the disk holding the library") -> None:
        self.needed, self.free, self.where = needed, free, where
        if needed is not None and free is not None:
            text = f"{where} is full: {mb(needed, up=True)} needed, {mb(free)} free"
        elif free is not None:
            text = f"{where} is full ({mb(free)} free)"
        else:
            text = f"{where} is full"
        super().__init__(text + "; free some space and try again")


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error means the disk (or the user's quota) is full: ``OSError`` ENOSPC/EDQUOT or ``DiskFull``."""
    if isinstance(exc, DiskFull):
        return True
    return isinstance(exc, OSError) and exc.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def mb(n: int, *, up: bool = False) -> str:
    """A size for a message: whole megabytes (1 MB = 10**6 bytes), never "0 MB" for something that exists."""
    if n <= 0:
        return "0 MB"
    if n < 1_000_000:
        return "less than 1 MB" if not up else "1 MB"
    value = -(-n // 1_000_000) if up else n // 1_000_000
    return f"{value:,} MB"
