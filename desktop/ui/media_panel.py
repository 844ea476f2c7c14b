"""Controller of the media tab: the grid model, sorting, selection, report inclusion, opening the viewer."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.core.model import MediaInfo
from desktop.services.case_edit import set_media
from desktop.services.library import Library
from desktop.ui.models.media_grid_model import MediaGridModel, SortKey
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.tasks import WRITER, TaskRunner
from desktop.ui.views.case_view import MediaTab
from desktop.ui.views.media_grid_view import THUMB


class MediaPanel(QObject):
    view_requested = Signal(int)  # row in the model
    move_requested = Signal(list)  # media ids
    changed = Signal()

    def __init__(self, view: MediaTab, runner: TaskRunner, thumbs: ThumbnailCache,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.runner = runner
        self.lib: Library | None = None
        self.thumbs = thumbs
        self.model = MediaGridModel(thumbs, self)
        view.grid.setModel(self.model)
        view.sort.addItem(self.tr("Capture time"), SortKey.TAKEN.value)
        view.sort.addItem(self.tr("Received time"), SortKey.RECEIVED.value)
        view.sort.addItem(self.tr("File name"), SortKey.NAME.value)
        view.sort.currentIndexChanged.connect(lambda _i: self.model.set_sort(SortKey(view.sort.currentData())))
        view.hide_aside.toggled.connect(self.model.set_hide_set_aside)
        view.grid.activated.connect(self._activated)
        view.open_btn.clicked.connect(self.view_current)
        view.include_btn.clicked.connect(self.toggle_included)
        view.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.grid.customContextMenuRequested.connect(self._menu)
        self.model.modelReset.connect(self._count)
        assert THUMB <= thumbs.side

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def set_media(self, items: list[MediaInfo]) -> None:
        self.model.set_media(items)
        self.view.grid.scrollToTop()

    def show_set_aside(self) -> None:
        """Untick "Hide set aside" so every item can be reached."""
        self.view.hide_aside.setChecked(False)

    def row_of_id(self, media_id: int) -> int:
        """The item's row in the grid (-1: not shown)."""
        return self.model.row_of_id(media_id)

    def columns(self) -> int:
        return self.view.grid.columns()

    def _count(self) -> None:
        items = self.model.all_items()
        aside = sum(1 for m in items if m.set_aside)
        excluded = sum(1 for m in items if not m.included and not m.set_aside)
        text = self.tr("%n item(s)", "", len(items))
        if aside:
            text += ", " + self.tr("%n set aside", "", aside)
        if excluded:
            text += ", " + self.tr("%n not in report", "", excluded)
        self.view.count.setText(text)
        self.view.count.setToolTip(self.tr("Set aside: duplicates kept out of the report, never deleted "
                                           "(Duplicates tab)."))

    # selection ----------------------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.view.grid.selectionModel().selectedIndexes())

    def selected_ids(self) -> list[int]:
        return [self.model.item(r).id for r in self.selected_rows()]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view_requested.emit(index.row())

    def view_current(self) -> None:
        idx = self.view.grid.currentIndex()
        rows = self.selected_rows()
        row = idx.row() if idx.isValid() else (rows[0] if rows else 0)
        if self.model.rowCount():
            self.view_requested.emit(row)

    def select_row(self, row: int) -> None:
        idx = self.model.index(row)
        self.view.grid.setCurrentIndex(idx)
        self.view.grid.scrollTo(idx)

    # changes ------------------------------------------------------------------------------------------------
    def toggle_included(self) -> None:
        rows = self.selected_rows()
        if not rows or self.lib is None:
            return
        items = [self.model.item(r) for r in rows]
        include = not all(m.included for m in items)
        for m in items:
            self.set_included(m.id, include)

    def set_included(self, media_id: int, included: bool) -> None:
        if self.lib is None:
            return
        lib = self.lib
        self.model.update_item(media_id, included=included)
        self._count()
        self.runner.run(lambda: set_media(lib, media_id, included=included), pool=WRITER, name="include",
                        on_done=lambda _r: self.changed.emit())

    def set_caption(self, media_id: int, caption: str) -> None:
        if self.lib is None:
            return
        lib = self.lib
        self.model.update_item(media_id, caption=caption.strip() or None)
        self.runner.run(lambda: set_media(lib, media_id, caption=caption), pool=WRITER, name="caption",
                        on_done=lambda _r: self.changed.emit())

    def _menu(self, pos) -> None:  # noqa: ANN001
        if not self.selected_rows():
            return
        menu = QMenu(self.view.grid)
        view = QAction(self.tr("View"), menu)
        view.triggered.connect(self.view_current)
        incl = QAction(self.tr("Include / exclude from the report"), menu)
        incl.triggered.connect(self.toggle_included)
        move = QAction(self.tr("Move to another case…"), menu)
        move.triggered.connect(lambda: self.move_requested.emit(self.selected_ids()))
        menu.addActions([view, incl, move])
        menu.popup(self.view.grid.viewport().mapToGlobal(pos))
