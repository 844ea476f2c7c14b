"""Controller of the case list: loading in a worker, status filter, search, SLA ticking, drops on a case."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal

from desktop.core.model import CaseStatus, CaseSummary
from desktop.services.cases import list_cases, search_index
from desktop.services.library import Library
from desktop.ui.drops import local_paths
from desktop.ui.labels import status_label
from desktop.ui.models.case_list_model import CASE_ROLE, CaseFilterProxy, CaseListModel, Col
from desktop.ui.tasks import INTERACTIVE, Task, TaskRunner
from desktop.ui.views.case_list_view import CaseListView

OPEN = "__open__"


class CaseListController(QObject):
    case_selected = Signal(str)  # reference, "" when nothing is selected
    drop_on_case = Signal(list, str)  # paths, case reference
    loaded = Signal(int)  # how many cases the library holds (0: an empty library), after each load

    def __init__(self, view: CaseListView, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.runner = runner
        self.lib: Library | None = None
        self.model = CaseListModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_status(None, open_only=True)
        view.table.setModel(self.proxy)
        view.table.configure_columns()
        view.table.sortByColumn(Col.SLA, Qt.SortOrder.AscendingOrder)
        self._index: dict[str, str] | None = None
        self._index_stale = True
        self._selected_ref = ""
        self.mine = False
        self._task: Task | None = None
        self._fill_status_filter()
        view.mine.toggled.connect(self.set_mine)
        view.status_filter.currentIndexChanged.connect(self._status_changed)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._apply_search)
        view.search.textChanged.connect(lambda _t: self._search_timer.start())
        view.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._tick = QTimer(self, interval=30_000)
        self._tick.timeout.connect(self.model.tick)
        self._tick.start()
        view.table.viewport().installEventFilter(self)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def _fill_status_filter(self) -> None:
        f = self.view.status_filter
        f.addItem(self.tr("Open cases"), OPEN)
        f.addItem(self.tr("All cases"), None)
        for s in CaseStatus:
            f.addItem(status_label(s.value), s.value)

    # loading ------------------------------------------------------------------------------------------------
    def set_library(self, lib: Library) -> None:
        self.lib = lib
        self.reload()

    def set_mine(self, mine: bool) -> None:
        """Only the cases assigned to this desk's handler (``list_cases(mine=True)``), or everyone's."""
        if self.view.mine.isChecked() != mine:
            self.view.mine.setChecked(mine)  # comes back here through ``toggled``
            return
        if mine != self.mine:
            self.mine = mine
            self.reload()

    def is_loading(self) -> bool:
        return self._task is not None

    def _track(self, task: Task) -> None:
        """Show the busy bar (and "Loading cases…" while the list is empty) until the latest load ends."""
        self._task = task
        self.view.loading.show()
        if not self.model.rowCount():
            self.view.count.setText(self.tr("Loading cases…"))
        task.finished.connect(lambda t=task: self._finished(t))

    def _finished(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self.view.loading.hide()
            self._update_count()

    def reload(self, select_ref: str | None = None) -> None:
        if self.lib is None:
            return
        lib, mine = self.lib, self.mine
        self._index_stale = True

        def everything(_open: list[CaseSummary] | None = None) -> None:
            if _open is not None:
                self._loaded(_open, select_ref, False)
            self._track(self.runner.run(lambda: list_cases(lib, mine=mine), pool=INTERACTIVE, key="case-list",
                                        name="list cases", on_done=lambda cases: self._loaded(cases, select_ref)))

        if self.model.rowCount():
            everything()
            return
        # the first load: the open cases (what the list shows by default) at once, then all of them
        self._track(self.runner.run(lambda: list_cases(lib, open_only=True, mine=mine), pool=INTERACTIVE,
                                    key="case-list", name="list open cases", on_done=everything))

    def _loaded(self, cases: list[CaseSummary], select_ref: str | None, final: bool = True) -> None:
        assert self.lib is not None
        self.model.set_cases(cases, self.lib.team.answer_norm_minutes)
        self.view.table.fit_columns()
        if final:
            self.loaded.emit(len(cases))
        if self.view.search.text().strip():
            self._apply_search()
        self._update_count()  # marks the open case again if the filter shows it
        if select_ref:  # an explicit jump may clear the filter; a background reload never does
            self.select(select_ref)

    def focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def _update_count(self, *args: object) -> None:
        self._reselect()
        if self._task is not None and not self.model.rowCount():
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        overdue = self.model.overdue()
        text = self.tr("%1 of %2 cases").replace("%1", str(shown)).replace("%2", str(total))
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        self.view.count.setText(text)

    # filter and search ---------------------------------------------------------------------------------------
    def _status_changed(self, _i: int) -> None:
        data = self.view.status_filter.currentData()
        self.proxy.set_status(None if data in (None, OPEN) else data, open_only=data == OPEN)
        self._update_count()

    def _apply_search(self) -> None:
        text = self.view.search.text().strip()
        if not text:
            self.proxy.set_search("", None)
            self._update_count()
            return
        self.proxy.set_search(text, self._matches(text))
        self._update_count()
        if (self._index is None or self._index_stale) and self.lib is not None:
            lib = self.lib
            self.runner.run(lambda: search_index(lib), key="search-index", name="search index",
                            on_done=self._index_ready)

    def _reselect(self) -> None:
        """After filtering, mark the open case again if it is still in the list."""
        if not self._selected_ref:
            return
        row = self.model.row_of(self._selected_ref)
        idx = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if idx is not None and idx.isValid() and self.view.table.currentIndex().row() != idx.row():
            self.view.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _index_ready(self, index: dict[str, str]) -> None:
        self._index, self._index_stale = index, False
        text = self.view.search.text().strip()
        if text:
            self.proxy.set_search(text, self._matches(text))
            self._update_count()

    def _matches(self, text: str) -> set[str] | None:
        if self._index is None:
            return None
        needle = text.casefold()
        return {ref for ref, hay in self._index.items() if needle in hay}

    def invalidate_search(self) -> None:
        self._index_stale = True

    # selection ----------------------------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:  # noqa: ANN001
        if not current.isValid():  # filtered away: the open case stays open
            return
        case = current.data(CASE_ROLE)
        ref = case.ref if case is not None else ""
        if ref != self._selected_ref:
            self._selected_ref = ref
            self.case_selected.emit(ref)

    def select(self, ref: str, emit: bool = True) -> bool:
        row = self.model.row_of(ref)
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():  # filtered out: show everything so the case can be seen
            self.view.status_filter.setCurrentIndex(1)
            self.view.search.clear()
            self.proxy.set_search("", None)
            idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not emit:
            self._selected_ref = ref
        self.view.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.table.scrollTo(idx)
        return True

    def count(self) -> int:
        """How many cases the list holds (whatever the filter shows)."""
        return self.model.rowCount()

    def cases(self) -> list[CaseSummary]:
        return self.model.cases()

    def selected_ref(self) -> str:
        return self._selected_ref

    def case(self, ref: str) -> CaseSummary | None:
        row = self.model.row_of(ref)
        return self.model.case_at(row) if row >= 0 else None

    # drops on a row -----------------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and local_paths(event):  # type: ignore[arg-type]
            event.acceptProposedAction()  # type: ignore[attr-defined]
            return True
        if t == QEvent.Type.Drop:
            paths = local_paths(event)  # type: ignore[arg-type]
            idx = self.view.table.indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            case = idx.data(CASE_ROLE) if idx.isValid() else None
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.drop_on_case.emit(paths, case.ref if case else "")
                return True
        return super().eventFilter(obj, event)
