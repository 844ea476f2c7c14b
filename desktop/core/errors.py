"""Typed errors with a message a claims handler understands.

Services raise these; the CLI and the UI show ``user_message``. Per-file problems in a batch are not raised
to the caller but collected as ``Problem`` records (see ``desktop.core.model``).
"""

from __future__ import annotations


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
