"""The main window's layout: menus and actions, case list beside the case, status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget

from desktop.ui.views.case_list_view import CaseListView
from desktop.ui.views.case_view import CaseView
from desktop.ui.views.empty_state_view import EmptyLibraryView
from desktop.ui.views.problems_view import ProblemsView


class MainWindowView(QMainWindow):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Casedesk")
        self.resize(1440, 880)
        self.setAcceptDrops(True)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.case_list = CaseListView()
        self.case_view = CaseView()
        self.split.addWidget(self.case_list)
        self.split.addWidget(self.case_view)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([620, 820])
        self.split.setChildrenCollapsible(False)
        self.empty_library = EmptyLibraryView()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.split)
        self.pages.addWidget(self.empty_library)
        self.setCentralWidget(self.pages)
        self.problems = ProblemsView(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.problems.hide()
        self._build_actions()
        self._build_menus()
        self.busy = QLabel()
        self.busy.setObjectName("busyLabel")
        self.statusBar().addPermanentWidget(self.busy)

    def _action(self, text: str, shortcut: QKeySequence | str | None = None, name: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        if name:
            act.setObjectName(name)
        return act

    def _build_actions(self) -> None:
        self.import_files_act = self._action(self.tr("&Import files…"), QKeySequence.StandardKey.Open, "importFiles")
        self.import_folder_act = self._action(self.tr("Import &folder…"), "Ctrl+Shift+O", "importFolder")
        self.import_chat_act = self._action(self.tr("Import &chat export…"), None, "importChat")
        self.import_mail_act = self._action(self.tr("Import &e-mail…"), None, "importMail")
        self.export_act = self._action(self.tr("&Export case file (PDF)…"), "Ctrl+P", "exportCase")
        self.settings_act = self._action(self.tr("&Settings…"), QKeySequence.StandardKey.Preferences, "settings")
        self.quit_act = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, "quit")
        self.refresh_act = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, "refresh")
        self.problems_act = self.problems.toggleViewAction()
        self.merge_act = self._action(self.tr("&Merge this case into…"), None, "mergeCase")
        self.split_act = self._action(self.tr("&Split at the selected message"), None, "splitCase")
        self.split_gaps_act = self._action(self.tr("Split by &time gaps…"), None, "splitGaps")
        self.move_act = self._action(self.tr("M&ove selected media to case…"), "Ctrl+M", "moveMedia")
        self.answered_act = self._action(self.tr("Mark first answer &sent"), "Ctrl+Shift+A", "markAnswered")
        self.include_act = self._action(self.tr("&Include/exclude selected in report"), "Ctrl+E", "toggleInclude")
        self.view_act = self._action(self.tr("&View selected media"), None, "viewMedia")
        self.find_act = self._action(self.tr("&Find case…"), QKeySequence.StandardKey.Find, "findCase")
        self.about_act = self._action(self.tr("&About Casedesk"), None, "about")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        m.addActions([self.import_files_act, self.import_folder_act, self.import_chat_act, self.import_mail_act])
        m.addSeparator()
        m.addAction(self.export_act)
        m.addSeparator()
        m.addActions([self.settings_act, self.quit_act])
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.find_act)
        c = self.case_menu = bar.addMenu(self.tr("&Case"))
        c.addActions([self.answered_act, self.view_act, self.include_act])
        c.addSeparator()
        c.addActions([self.move_act, self.merge_act, self.split_act, self.split_gaps_act])
        v = bar.addMenu(self.tr("&View"))
        v.addActions([self.refresh_act, self.problems_act])
        h = bar.addMenu(self.tr("&Help"))
        h.addAction(self.about_act)
