"""The main window's actions of the viewer branch, installed by ``MainWindow._install_viewer_actions``:

- Case › Compare the two selected items (``open_compare``), Send case file…, Ask for more photos…, Second
  opinions…, History…;
- Customer › Export data…, Erase…;
- an edit another handler saved meanwhile (``EditConflict``) is explained and the case shown afresh.

It only uses what the window offers (its runner, library, case panel, media panel, menus), so the window's own
code stays as it is. Every action has a CLI twin (named in each dialog's module)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.core.errors import EditConflict
from desktop.core.records import CustomerInfo
from desktop.ui.compare import CompareWindow
from desktop.ui.customer_dialogs import CustomerEraseDialog, CustomerExportDialog
from desktop.ui.history_panel import HistoryDialog
from desktop.ui.opinions_dialog import OpinionsDialog
from desktop.ui.sendon_dialog import ASK_PHOTOS, CASE_FILE, SendOnDialog
from desktop.ui.shown import shown


def _menu_holding(window, action: QAction) -> QMenu | None:  # noqa: ANN001
    for a in window.menuBar().actions():
        m = a.menu()
        if m is not None and action in m.actions():
            return m
    return None


class WindowActions(QObject):
    def __init__(self, window) -> None:  # noqa: ANN001 - the MainWindow
        super().__init__(window)
        self.w = w = window
        self.compare_window: CompareWindow | None = None
        self.dialog = None  # the last dialog opened (tests and screenshots look at it)
        self.conflict_box: QMessageBox | None = None

        def act(text: str, name: str, slot, shortcut: str | None = None) -> QAction:  # noqa: ANN001
            a = QAction(text, w)
            a.setObjectName(name)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(lambda _checked=False: slot())
            return a

        self.compare_act = act(self.tr("&Compare the two selected items"), "compareItems", self.compare_selected,
                               "Ctrl+Shift+C")
        self.send_act = act(self.tr("Send case &file…"), "sendCaseFile", self.send_case_file)
        self.ask_photos_act = act(self.tr("Ask for more &photos…"), "askForPhotos", self.ask_for_photos)
        self.opinions_act = act(self.tr("Second &opinions…"), "secondOpinions", self.open_opinions)
        self.history_act = act(self.tr("&History…"), "caseHistory", self.open_history, "Ctrl+H")
        self.customer_export_act = act(self.tr("&Export data…"), "customerExport", self.export_customer)
        self.customer_erase_act = act(self.tr("E&rase…"), "customerErase", self.erase_customer)
        case_menu = _menu_holding(w, w.merge_act)
        if case_menu is None:
            case_menu = w.menuBar().addMenu(self.tr("&Case"))
        case_menu.addSeparator()
        case_menu.addAction(self.compare_act)
        case_menu.addSeparator()
        case_menu.addActions([self.send_act, self.ask_photos_act])
        case_menu.addSeparator()
        case_menu.addActions([self.opinions_act, self.history_act])
        self.customer_menu = QMenu(self.tr("C&ustomer"), w)
        self.customer_menu.setObjectName("customerMenu")
        self.customer_menu.addActions([self.customer_export_act, self.customer_erase_act])
        view_menu = _menu_holding(w, w.refresh_act)
        w.menuBar().insertMenu(view_menu.menuAction() if view_menu is not None else None,
                               self.customer_menu)
        self.case_actions = [self.compare_act, self.send_act, self.ask_photos_act, self.opinions_act,
                             self.history_act]
        self._enable(False)
        w.case.loaded.connect(lambda _b: self._enable(True))
        w.cases.case_selected.connect(lambda ref: None if ref else self._enable(False))
        w.runner.error.disconnect(w._error)
        w.runner.error.connect(self._error)

    # state --------------------------------------------------------------------------------------------------
    def _enable(self, on: bool) -> None:
        for a in self.case_actions:
            a.setEnabled(on)
        customer = self.customer()
        for a in (self.customer_export_act, self.customer_erase_act):
            a.setEnabled(on and customer is not None)

    def customer(self) -> CustomerInfo | None:
        b = self.w.case.bundle
        return b.customer if b is not None else None

    def _ready(self) -> bool:
        return self.w.lib is not None and self.w.case.bundle is not None

    def _show(self, dlg) -> None:  # noqa: ANN001
        self.dialog = dlg
        dlg.show()

    # compare ------------------------------------------------------------------------------------------------
    def open_compare(self, a, b) -> CompareWindow:  # noqa: ANN001 - two MediaInfo
        if self.compare_window is None:
            self.compare_window = CompareWindow(self.w.runner, self.w.lib, self.w.big_thumbs)
        self.compare_window.set_library(self.w.lib)
        self.compare_window.open_compare(a, b)
        return self.compare_window

    def compare_selected(self) -> CompareWindow | None:
        media = self.w.media
        rows = media.selected_rows()
        if len(rows) != 2:
            self.w.statusBar().showMessage(self.tr("Select two items in the grid to compare them "
                                                   "(Ctrl+click the second one)."), 6000)
            return None
        return self.open_compare(media.model.item(rows[0]), media.model.item(rows[1]))

    # send on ------------------------------------------------------------------------------------------------
    def _send(self, mode: str) -> SendOnDialog | None:
        if not self._ready():
            return None
        b = self.w.case.bundle
        dlg = SendOnDialog(self.w.runner, self.w.lib, mode, b.case.ref, b.case.title, b.customer, self.w)
        dlg.written.connect(lambda _p: self.w.statusBar().showMessage(self.tr("E-mail draft written"), 5000))
        self._show(dlg)
        return dlg

    def send_case_file(self) -> SendOnDialog | None:
        return self._send(CASE_FILE)

    def ask_for_photos(self) -> SendOnDialog | None:
        return self._send(ASK_PHOTOS)

    # history and opinions -----------------------------------------------------------------------------------
    def open_history(self) -> HistoryDialog | None:
        if not self._ready():
            return None
        c = self.w.case.bundle.case
        dlg = HistoryDialog(self.w.runner, self.w.lib, c.ref, c.title, self.w)
        self._show(dlg)
        return dlg

    def open_opinions(self) -> OpinionsDialog | None:
        if not self._ready():
            return None
        dlg = OpinionsDialog(self.w.runner, self.w.lib, self.w.case.bundle.case.ref, self.w)
        dlg.changed.connect(self.w.case.reload)
        self._show(dlg)
        return dlg

    # customer's rights --------------------------------------------------------------------------------------
    def export_customer(self) -> CustomerExportDialog | None:
        customer = self.customer()
        if not self._ready() or customer is None:
            return None
        dlg = CustomerExportDialog(self.w.runner, self.w.lib, customer, self.w)
        self._show(dlg)
        return dlg

    def erase_customer(self) -> CustomerEraseDialog | None:
        customer = self.customer()
        if not self._ready() or customer is None:
            return None
        dlg = CustomerEraseDialog(self.w.runner, self.w.lib, customer, self.w)
        dlg.erased.connect(lambda _r: self.w.refresh())
        self._show(dlg)
        return dlg

    # errors -------------------------------------------------------------------------------------------------
    def _error(self, error: BaseException, what: str) -> None:
        if isinstance(error, EditConflict):
            self.conflict(error)
        else:
            self.w._error(error, what)

    def conflict(self, error: EditConflict) -> QMessageBox:
        """Another handler saved the case first: say so, plainly, and show the case as it is now."""
        self.w.last_error = error
        box = QMessageBox(self.w)
        box.setObjectName("conflictDialog")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Changed by someone else"))
        box.setText(self.tr("Someone else saved this case while you were editing it. Your change was not saved; "
                            "the case now shows what is stored. Make your change again if it is still needed."))
        box.setInformativeText(shown(str(error)))
        box.open()
        self.conflict_box = box
        self.w.cases.invalidate_search()
        self.w.cases.reload()
        self.w.case.reload()
        return box
