"""Undoable case operations: move media, merge and split, each run on the writer thread.

``redo``/``undo`` are called by QUndoStack on the GUI thread; they hand the service call to the writer pool
(one thread, so the calls keep their order) and ask the window to reload when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop.services.case_edit import (
    MergeRecord,
    merge_cases,
    move_media,
    split_case,
    undo_merge,
)
from desktop.services.library import Library
from desktop.ui.tasks import WRITER, TaskRunner


@dataclass
class Ctx:
    lib: Library
    runner: TaskRunner
    after: Callable[[str], None]  # reload the window, selecting this case


class _Command(QUndoCommand):
    def __init__(self, ctx: Ctx, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx

    def _run(self, fn: Callable[[], object], select: str, name: str) -> None:
        self.ctx.runner.run(fn, pool=WRITER, name=name, on_done=lambda _r: self.ctx.after(select))


class MoveMedia(_Command):
    def __init__(self, ctx: Ctx, media_ids: list[int], from_ref: str, to_ref: str) -> None:
        super().__init__(ctx, QCoreApplication.translate("undo", "Move %n item(s) to %1", "", len(media_ids)).replace("%1", to_ref))
        self.ids, self.src, self.dst = list(media_ids), from_ref, to_ref

    def redo(self) -> None:
        lib, ids, dst = self.ctx.lib, self.ids, self.dst
        self._run(lambda: move_media(lib, ids, dst), self.src, "move media")

    def undo(self) -> None:
        lib, ids, src = self.ctx.lib, self.ids, self.src
        self._run(lambda: move_media(lib, ids, src), self.src, "move media back")


class MergeCases(_Command):
    """Undo puts back exactly what the merge moved (media, messages, notes, alerts) and reopens the case."""

    def __init__(self, ctx: Ctx, source_ref: str, target_ref: str, media_ids: list[int], title: str,
                 status: str) -> None:
        super().__init__(ctx, QCoreApplication.translate("undo", "Merge %1 into %2").replace("%1", source_ref).replace("%2", target_ref))
        self.src, self.dst = source_ref, target_ref
        self.record: MergeRecord | None = None  # set on the writer thread, read there by undo

    def redo(self) -> None:
        lib, src, dst = self.ctx.lib, self.src, self.dst

        def merge() -> None:
            self.record = merge_cases(lib, src, dst)

        self._run(merge, self.dst, "merge cases")

    def undo(self) -> None:
        lib = self.ctx.lib

        def back() -> None:
            if self.record is not None:
                undo_merge(lib, self.record)

        self._run(back, self.src, "undo merge")


class SplitCase(_Command):
    """Undo merges the new case back; the emptied split case stays, closed, as the audit trail."""

    def __init__(self, ctx: Ctx, ref: str, message_id: int) -> None:
        super().__init__(ctx, QCoreApplication.translate("undo", "Split %1").replace("%1", ref))
        self.ref, self.message_id = ref, message_id
        self.new_ref: str | None = None

    def redo(self) -> None:
        lib, ref, mid = self.ctx.lib, self.ref, self.message_id

        def split() -> str:
            return split_case(lib, ref, mid)

        def done(new_ref: str) -> None:
            self.new_ref = new_ref
            self.ctx.after(new_ref)

        self.ctx.runner.run(split, pool=WRITER, name="split case", on_done=done)

    def undo(self) -> None:
        if self.new_ref is None:
            return
        lib, ref, new = self.ctx.lib, self.ref, self.new_ref
        self._run(lambda: merge_cases(lib, new, ref), self.ref, "undo split")
