"""Progress reporting and cancellation for long work, without any UI.

The core reports through a plain callable (``Progress``); the CLI prints it to stderr and the UI turns it into
queued, throttled signals. A ``CancelToken`` is polled by the worker between items; a cancel is not an error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol


class Cancelled(Exception):
    """The user asked to stop. Not an error: nothing is reported."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def null_progress(done: int, total: int, message: str = "") -> None:
    """A progress sink that ignores everything."""


class CancelToken:
    """Thread-safe flag a worker checks between items."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def subrange(progress: Progress, start: float, end: float) -> Progress:
    """A progress that maps its own 0..total onto the fraction start..end of the parent, scaled to 1000."""

    def sub(done: int, total: int, message: str = "") -> None:
        frac = (done / total) if total else 1.0
        progress(int(1000 * (start + (end - start) * frac)), 1000, message)

    return sub


ProgressCallable = Callable[[int, int, str], None]
