"""Background work for the window: thread pools, progress as queued signals, cancel, results on the GUI thread.

Pools (after Anki's collection executor and Picard's save pool):

- ``WRITER``: one thread. Short database writes (a field, a caption, a note, keeper changes) run here in order.
- ``JOBS``: one thread. Imports and exports: long, cancellable, and never two at once.
- ``INTERACTIVE``: a few threads. Reads the user waits for (case list, a case's media, search index).
- ``THUMBS``: a few threads. Thumbnail and image decoding; never touches the database.

A ``Task`` lives on the GUI thread. The worker emits private signals that reach the task through queued
connections, so ``done``, ``failed``, ``cancelled`` and ``progress`` are always emitted on the GUI thread.
A task started with a ``key`` supersedes the running task with the same key: the old one is cancelled and its
result dropped (the user clicked another case before the first one loaded).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from desktop.core.progress import Cancelled, CancelToken
from desktop.core.shown_text import shown

log = logging.getLogger(__name__)

WRITER = "writer"
JOBS = "jobs"
INTERACTIVE = "interactive"
THUMBS = "thumbs"


class QtProgress:
    """The core's ``progress(done, total, message)`` callable, throttled, forwarded from any thread.

    ``calls`` counts every report, also the throttled ones (an import reports once per file). The message is for
    the window to show and often names the file at hand: it is forwarded ``shown``.
    """

    def __init__(self, emit: Callable[[int, int, str, int], None], interval_s: float = 0.05) -> None:
        self._emit = emit
        self._interval = interval_s
        self._lock = threading.Lock()
        self._last_t = 0.0
        self._last_done = -1
        self.calls = 0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        with self._lock:
            self.calls += 1
            now = time.monotonic()
            final = total > 0 and done >= total
            if not final and (now - self._last_t < self._interval or done == self._last_done and not message):
                return
            self._last_t, self._last_done, calls = now, done, self.calls
        self._emit(int(done), int(total), shown(str(message)), calls)


class Task(QObject):
    """One piece of background work, seen from the GUI thread."""

    progress = Signal(int, int, str, int)  # done, total, message, reports so far
    cancelled = Signal()
    finished = Signal()  # after the done/error callbacks, or after a cancel

    # Results travel wrapped in a tuple: a bare None through a queued Signal(object) corrupts None's
    # reference count in PySide6 on Python 3.11. Callbacks are plain Python calls on the GUI thread.

    _w_progress = Signal(int, int, str, int)
    _w_done = Signal(object)
    _w_failed = Signal(object)
    _w_cancelled = Signal()

    def __init__(self, fn: Callable[..., Any], name: str, wants_progress: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        self.name = name
        self.wants_progress = wants_progress
        self.token = CancelToken()
        self.superseded = False
        self.is_finished = False
        self.result: object = None
        self.error: BaseException | None = None
        self._done_cbs: list[Callable[[Any], None]] = []
        self._error_cbs: list[Callable[[BaseException], None]] = []
        self.qt_progress = QtProgress(self._w_progress.emit)
        queued = Qt.ConnectionType.QueuedConnection
        self._w_progress.connect(self._on_progress, queued)
        self._w_done.connect(self._on_done, queued)
        self._w_failed.connect(self._on_failed, queued)
        self._w_cancelled.connect(self._on_cancelled, queued)

    def cancel(self) -> None:
        self.token.cancel()

    def then(self, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None) -> Task:
        if on_done is not None:
            self._done_cbs.append(on_done)
        if on_error is not None:
            self._error_cbs.append(on_error)
        return self

    # worker side -------------------------------------------------------------------------------------------
    def execute(self) -> None:
        try:
            if self.token.cancelled:
                raise Cancelled()
            result = self.fn(self.qt_progress, self.token) if self.wants_progress else self.fn()
        except Cancelled:
            self._w_cancelled.emit()
        except BaseException as e:  # delivered to the GUI thread, shown there
            log.debug("task %s failed", self.name, exc_info=True)
            self._w_failed.emit((e,))
        else:
            self._w_done.emit((result,))

    # GUI side ----------------------------------------------------------------------------------------------
    @Slot(int, int, str, int)
    def _on_progress(self, done: int, total: int, message: str, calls: int) -> None:
        if not self.superseded and not self.is_finished:
            self.progress.emit(done, total, message, calls)

    @Slot(object)
    def _on_done(self, boxed: tuple) -> None:
        self.result = boxed[0]
        self._finish(self._done_cbs, self.result)

    @Slot(object)
    def _on_failed(self, boxed: tuple) -> None:
        self.error = boxed[0]
        self._finish(self._error_cbs, self.error)

    @Slot()
    def _on_cancelled(self) -> None:
        self.is_finished = True
        if not self.superseded:
            self.cancelled.emit()
        self.finished.emit()

    def _finish(self, callbacks: list, value: object) -> None:
        self.is_finished = True
        try:
            if not self.superseded:
                for cb in callbacks:
                    cb(value)
        finally:
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.execute()


class TaskRunner(QObject):
    """Starts tasks on named pools and keeps them alive until their result is delivered."""

    error = Signal(object, str)  # an error nobody handled: (exception, task name)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, interactive_threads: int = 3, thumb_threads: int = 2):
        super().__init__(parent)
        self.pools: dict[str, QThreadPool] = {}
        for name, n in ((WRITER, 1), (JOBS, 1), (INTERACTIVE, interactive_threads), (THUMBS, thumb_threads)):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(n)
            pool.setObjectName(name)
            self.pools[name] = pool
        self._tasks: set[Task] = set()
        self._keyed: dict[str, Task] = {}
        self._closed = False

    def run(self, fn: Callable[..., Any], *, pool: str = INTERACTIVE, name: str = "", key: str | None = None,
            progress: bool = False, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Task:
        """Run ``fn()`` (or ``fn(progress, cancel)`` with ``progress=True``) on ``pool``."""
        task = Task(fn, name or getattr(fn, "__name__", "task"), progress, self)
        task.then(on_done, on_error or (lambda e, t=task: self.error.emit(e, t.name)))
        if key is not None:
            old = self._keyed.get(key)
            if old is not None and not old.is_finished:
                old.superseded = True
                old.cancel()
            self._keyed[key] = task
        was_idle = not self._tasks
        self._tasks.add(task)
        task.finished.connect(lambda t=task, k=key: self._forget(t, k))
        if was_idle:
            self.busy_changed.emit(True)
        if self._closed:
            task.cancel()
        self.pools[pool].start(_Runnable(task))
        return task

    def _forget(self, task: Task, key: str | None) -> None:
        self._tasks.discard(task)
        if key is not None and self._keyed.get(key) is task:
            del self._keyed[key]
        task.deleteLater()
        if not self._tasks:
            self.busy_changed.emit(False)

    def is_idle(self) -> bool:
        return not self._tasks

    def active(self) -> list[Task]:
        return list(self._tasks)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel everything and wait for the threads (on quit)."""
        self._closed = True
        for task in list(self._tasks):
            task.superseded = True
            task.cancel()
        deadline = time.monotonic() + timeout_ms / 1000
        for pool in self.pools.values():
            pool.clear()
            left = max(0, int((deadline - time.monotonic()) * 1000))
            pool.waitForDone(left)
