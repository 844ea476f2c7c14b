"""The window's undo stack, run on the library's undo journal (``desktop.services.undo``).

Every edit, wherever it is made (this window's panels, another desk, the command line), is an entry of the
journal. ``JournalUndo`` keeps a ``QUndoStack`` a mirror of the handler's entries: the Edit menu's Undo and Redo
name what they will do from the entries' labels, and triggering them calls the service on the writer thread.
The mirror is read again after every change and whenever the window's background work comes to rest; an undo the
service refuses (someone changed the same items since) is explained in the error dialog and the mirror reset.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.records import JournalInfo
from desktop.services.library import Library
from desktop.services.undo import redo, undo, undo_stack
from desktop.ui.shown import shown
from desktop.ui.tasks import INTERACTIVE, WRITER, TaskRunner

STACK_LIMIT = 50


def window_language() -> str:
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


def selection_after(entry: JournalInfo, undone: bool) -> str | None:
    """The case to show after undoing (or redoing) ``entry``; None keeps the current one."""
    p = entry.params
    if entry.kind == "merge":
        return p.get("source") if undone else p.get("target")
    if entry.kind in ("split", "split-gaps"):
        return p.get("ref") if undone else p.get("new", p.get("ref"))
    if entry.kind == "move":
        return None
    return entry.case_ref


class JournalCommand(QUndoCommand):
    """One journal entry on the stack. Pushing it or moving the index while syncing does nothing."""

    def __init__(self, owner: JournalUndo, entry: JournalInfo) -> None:
        super().__init__(shown(entry.text(window_language()), one_line=True))  # the Edit menu: "Undo caption of …"
        self.owner = owner
        self.entry = entry

    def undo(self) -> None:
        if not self.owner.syncing:
            self.owner.run(lambda lib: undo(lib, self.entry.id), "undo", undone=True)

    def redo(self) -> None:
        if not self.owner.syncing:
            self.owner.run(lambda lib: redo(lib, self.entry.id), "redo", undone=False)


class JournalUndo(QObject):
    synced = Signal()

    def __init__(self, stack: QUndoStack, runner: TaskRunner, after: Callable[[str | None], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.runner = runner
        self.after = after  # reload the window, showing this case (None: the current one)
        self.lib: Library | None = None
        self.syncing = False
        self._shown: tuple = ()
        self._skip_idle = False
        runner.busy_changed.connect(self._busy)

    def set_library(self, lib: Library) -> None:
        self.lib = lib
        self.sync()

    # the mirror ---------------------------------------------------------------------------------------------
    def sync(self) -> None:
        """Read the handler's stack from the journal (in the background) and show it."""
        lib = self.lib
        if lib is None:
            return
        self._skip_idle = self.runner.is_idle()  # this read itself ends in an idle runner: no sync for that
        self.runner.run(lambda: undo_stack(lib, limit=STACK_LIMIT), pool=INTERACTIVE, key="undo-stack",
                        name="undo history", on_done=self._show)

    def _busy(self, busy: bool) -> None:
        if busy:
            return
        if self._skip_idle:
            self._skip_idle = False
            return
        self.sync()

    def _show(self, result: tuple[list[JournalInfo], int]) -> None:
        if len(self.runner.active()) > 1:  # other work is running: read again when it comes to rest
            self._skip_idle = False
        entries, index = result
        shown = (tuple((e.id, e.text(window_language())) for e in entries), index)
        if shown == self._shown and self.stack.count() == len(entries) and self.stack.index() == index:
            return
        self.syncing = True
        try:
            self.stack.clear()
            for e in entries:
                self.stack.push(JournalCommand(self, e))
            self.stack.setIndex(index)
            self.stack.setClean()
        finally:
            self.syncing = False
        self._shown = shown
        self.synced.emit()

    # changes ------------------------------------------------------------------------------------------------
    def run(self, fn: Callable[[Library], JournalInfo], name: str, *, undone: bool) -> None:
        lib = self.lib
        if lib is None:
            return

        def done(entry: JournalInfo) -> None:
            self.after(selection_after(entry, undone))
            self.sync()

        def failed(error: BaseException) -> None:
            self.runner.error.emit(error, name)
            self.sync()

        self.runner.run(lambda: fn(lib), pool=WRITER, name=name, on_done=done, on_error=failed)

    def edit(self, fn: Callable[[Library], Any], name: str, select: Callable[[Any], str | None]) -> None:
        """Run an edit service on the writer thread; then show ``select(result)`` and read the stack again."""
        lib = self.lib
        if lib is None:
            return

        def done(result: Any) -> None:
            self.after(select(result))
            self.sync()

        self.runner.run(lambda: fn(lib), pool=WRITER, name=name, on_done=done)
