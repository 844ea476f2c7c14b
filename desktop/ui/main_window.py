"""The main window's controller: wires the panels, menus, drag and drop, import/export dialogs and undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from desktop import __version__
from desktop.core.model import ImportReport
from desktop.services import case_edit, gap_split
from desktop.services.cases import OpenCase
from desktop.services.library import Library
from desktop.ui.case_list import CaseListController
from desktop.ui.case_panel import CasePanel
from desktop.ui.drops import local_paths
from desktop.ui.duplicates_panel import DuplicatesPanel
from desktop.ui.empty_state import EmptyState
from desktop.ui.errors import show_error
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.media_panel import MediaPanel
from desktop.ui.media_viewer import MediaViewer
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.problems_panel import ProblemsPanel
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.shown import shown
from desktop.ui.split_gaps_dialog import SplitGapsDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.undo import JournalUndo
from desktop.ui.views.main_window_view import MainWindowView


class MainWindow(MainWindowView):
    def __init__(self, runner: TaskRunner | None = None, lib: Library | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner(self)
        self.lib: Library | None = None
        self.last_error: BaseException | None = None
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.split_dialog: SplitGapsDialog | None = None
        self.undo_stack = QUndoStack(self)
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.insertActions(self.find_act, [undo, redo])
        self.edit_menu.insertSeparator(self.find_act)
        self.journal = JournalUndo(self.undo_stack, self.runner, self._after_operation, self)
        self.edit_menu.aboutToShow.connect(self.journal.sync)
        self.thumbs = ThumbnailCache(self.runner, self._locate, side=160, parent=self)
        self.big_thumbs = ThumbnailCache(self.runner, self._locate, side=240, capacity=200, parent=self)
        self.cases = CaseListController(self.case_list, self.runner, self)
        self.case = CasePanel(self.case_view, self.runner, self)
        self.media = MediaPanel(self.case_view.media_tab, self.runner, self.thumbs, self)
        self.dups = DuplicatesPanel(self.case_view.duplicates, self.runner, self.big_thumbs, self)
        self.problems_panel = ProblemsPanel(self.problems, self, self)
        self.empty_state = EmptyState(self.empty_library, self)
        self.viewer = MediaViewer(self.runner, self.media, self)
        self._wire()
        self._install_viewer_actions()
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._set_case_actions(False)
        if lib is not None:
            self.set_library(lib)

    def _wire(self) -> None:
        self.runner.error.connect(self._error)
        self.cases.case_selected.connect(self._case_selected)
        self.cases.drop_on_case.connect(lambda paths, ref: self.start_import(paths, ref or None))
        self.cases.loaded.connect(self._cases_loaded)
        self.case.loaded.connect(self._case_loaded)
        self.case.changed.connect(lambda _ref: self._reload_list())
        self.case.open_case.connect(self.open_case)
        self.case.export_requested.connect(self.export_case)
        self.case.files_dropped.connect(lambda paths, ref: self.start_import(paths, ref or None))
        self.empty_state.files_dropped.connect(lambda paths: self.start_import(paths, None))
        self.case.alert_clicked.connect(lambda: self.case.show_tab("duplicates"))
        self.media.view_requested.connect(self.view_row)
        self.media.move_requested.connect(self.move_media)
        self.dups.changed.connect(self._dups_changed)
        self.dups.open_case.connect(self.open_case)
        self.dups.view_item.connect(self._view_media_id)
        self.empty_state.import_files.connect(self._import_files)
        self.empty_state.import_folder.connect(self._import_folder)
        self.empty_state.import_chat.connect(self._import_chat)
        self.empty_state.import_mail.connect(self._import_mail)
        self._wire_file_menu()
        self._wire_case_menu()
        self._wire_view_menu()
        self.find_act.triggered.connect(self.cases.focus_search)
        self.about_act.triggered.connect(self._about)

    def _wire_file_menu(self) -> None:
        self.import_files_act.triggered.connect(self._import_files)
        self.import_folder_act.triggered.connect(self._import_folder)
        self.import_chat_act.triggered.connect(self._import_chat)
        self.import_mail_act.triggered.connect(self._import_mail)
        self.export_act.triggered.connect(self.export_case)
        self.settings_act.triggered.connect(self.open_settings)
        self.quit_act.triggered.connect(self.close)

    def _wire_case_menu(self) -> None:
        self.merge_act.triggered.connect(self._merge_dialog)
        self.split_act.triggered.connect(self.split_at_selected_message)
        self.split_gaps_act.triggered.connect(self.split_by_gaps_dialog)
        self.move_act.triggered.connect(lambda: self.move_media(self.media.selected_ids()))
        self.answered_act.triggered.connect(self.case.mark_answered)
        self.include_act.triggered.connect(self.media.toggle_included)
        self.view_act.triggered.connect(self.media.view_current)

    def _wire_view_menu(self) -> None:
        self.refresh_act.triggered.connect(self.refresh)

    # library ------------------------------------------------------------------------------------------------
    def set_library(self, lib: Library) -> None:
        self.lib = lib
        for part in (self.cases, self.case, self.media, self.dups, self.viewer, self.journal):
            part.set_library(lib)
        self.setWindowTitle(f"Casedesk — {lib.paths.data_dir}")
        self.cases.reload()

    def _locate(self, sha: str) -> tuple[Path, Path | None]:
        assert self.lib is not None
        return self.lib.thumb_path(sha), self.lib.original_path(sha)

    def refresh(self) -> None:
        self.cases.reload()
        self.case.reload()

    def _cases_loaded(self, total: int) -> None:
        """An empty library shows what to do (a sentence and the import buttons) instead of two empty panes."""
        empty = total == 0 and not self.cases.mine
        self.pages.setCurrentWidget(self.empty_library if empty else self.split)

    def is_empty_library(self) -> bool:
        return self.pages.currentWidget() is self.empty_library

    def _reload_list(self) -> None:
        self.cases.invalidate_search()
        self.cases.reload()

    # opening a case -----------------------------------------------------------------------------------------
    def open_case(self, ref: str) -> None:
        if not self.cases.select(ref):
            self.case.open(ref)

    def _case_selected(self, ref: str) -> None:
        self.case.open(ref)
        if not ref:
            self._set_case_actions(False)

    def _case_loaded(self, b: OpenCase) -> None:
        self.media.set_media(b.media)
        groups = self.dups.set_case(b.case.ref, b.media, b.groups, b.alerts)
        self.case.set_counts(len(b.media), groups)
        self._set_case_actions(True)
        self.statusBar().showMessage(self.tr("Opened %1: %n item(s) in %2 s", "", len(b.media))
                                     .replace("%1", b.case.ref).replace("%2", f"{b.seconds:.2f}"), 5000)

    def _set_case_actions(self, enabled: bool) -> None:
        for act in (self.export_act, self.merge_act, self.split_act, self.split_gaps_act, self.move_act,
                    self.answered_act, self.include_act, self.view_act):
            act.setEnabled(enabled)

    def _dups_changed(self) -> None:
        self.case.reload()
        self._reload_list()

    # viewer -------------------------------------------------------------------------------------------------
    def view_row(self, row: int) -> None:
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        self.viewer.show_row(row)

    def _view_media_id(self, media_id: int) -> None:
        row = self.media.row_of_id(media_id)
        if row < 0:  # hidden as set aside: show those again
            self.media.show_set_aside()
            row = self.media.row_of_id(media_id)
        if row >= 0:
            self.view_row(row)

    # import -------------------------------------------------------------------------------------------------
    def _choose_inputs(self, title: str, filters: str, folder: bool = False) -> QFileDialog:
        """A file chooser that does not block the window; what is chosen is imported (the dialog asks where)."""
        dlg = QFileDialog(self, title)
        dlg.setObjectName("importChooser")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if folder:
            dlg.setFileMode(QFileDialog.FileMode.Directory)
            dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
            dlg.setNameFilter(filters)
        dlg.filesSelected.connect(lambda files: self.start_import([Path(f) for f in files], None))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def _import_files(self) -> QFileDialog:
        return self._choose_inputs(
            self.tr("Import files"),
            self.tr("Photos, videos, chats, e-mails (*.jpg *.jpeg *.png *.heic *.heif *.webp *.mp4 *.mov *.3gp "
                    "*.opus *.ogg *.m4a *.mp3 *.pdf *.zip *.txt *.eml *.msg);;All files (*)"))

    def _import_folder(self) -> QFileDialog:
        return self._choose_inputs(self.tr("Import a folder"), "", folder=True)

    def _import_chat(self) -> QFileDialog:
        return self._choose_inputs(self.tr("Import a chat export"),
                                   self.tr("WhatsApp chat exports (*.zip *.txt);;All files (*)"))

    def _import_mail(self) -> QFileDialog:
        return self._choose_inputs(self.tr("Import e-mails"), self.tr("E-mails (*.eml *.msg);;All files (*)"))

    def start_import(self, paths: list[Path], case_ref: str | None = None) -> ImportDialog | None:
        """Import ``paths`` into ``case_ref`` at once; without one the dialog first asks where loose files go
        (one new case, or a case picked from a searchable list), unless there is no case to pick yet."""
        if self.lib is None or not paths:
            return None
        ask = not case_ref and self.cases.count() > 0
        dlg = ImportDialog(self.runner, self.lib, paths, case_ref, self, suggest_ref=self.case.ref or None, ask=ask)
        dlg.imported.connect(self._imported)
        dlg.open_case.connect(self.open_case)
        self.import_dialog = dlg
        dlg.show()
        if not ask:
            dlg.start()
        return dlg

    def _imported(self, report: ImportReport) -> None:
        self.problems_panel.show_report(report)
        if report.cancelled:
            return
        self.cases.invalidate_search()
        current = self.case.ref
        select = current if current in report.cases else (report.cases[0] if report.cases else None)
        self.cases.reload(select_ref=select)
        if current and current in report.cases:
            self.case.reload()
        self.statusBar().showMessage(self.tr("%n file(s) imported", "", report.imported), 5000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.start_import(paths, None)

    # export -------------------------------------------------------------------------------------------------
    def export_case(self) -> ExportDialog | None:
        if self.lib is None or self.case.bundle is None:
            return None
        c = self.case.bundle.case
        dlg = ExportDialog(self.runner, self.lib, c.ref, c.title, self.lib.prefs.language or "en", self)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        self.export_dialog = dlg
        dlg.show()
        return dlg

    # case operations ----------------------------------------------------------------------------------------
    def _after_operation(self, select_ref: str | None) -> None:
        """After an edit, an undo or a redo: reload the list and show ``select_ref`` (None: the current case)."""
        ref = select_ref or self.case.ref
        self.cases.invalidate_search()
        self.cases.reload(select_ref=ref)
        if ref == self.case.ref:
            self.case.reload()

    def _pick_case(self, title: str, exclude: str) -> str | None:
        choices = [shown(f"{c.ref} · {c.customer or '—'} · {c.title}", one_line=True) for c in self.cases.cases()
                   if c.ref != exclude]
        if not choices:
            return None
        text, ok = QInputDialog.getItem(self, title, self.tr("Case"), choices, 0, False)
        return text.split(" · ", 1)[0] if ok and text else None

    def _merge_dialog(self) -> None:
        ref = self.case.ref
        target = self._pick_case(self.tr("Merge %1 into…").replace("%1", ref), ref) if ref else None
        if target:
            self.merge_into(target)

    def merge_into(self, target_ref: str) -> None:
        b = self.case.bundle
        if b is None or self.lib is None or target_ref == b.case.ref:
            return
        source = b.case.ref
        self.journal.edit(lambda lib: case_edit.merge_cases(lib, source, target_ref), "merge cases", lambda _r: target_ref)

    def split_at_selected_message(self) -> None:
        message_id = self.case.selected_message_id()
        if message_id is None or self.lib is None:
            self.statusBar().showMessage(self.tr("Select the first message of the new case in the Messages tab."),
                                         5000)
            self.case.show_tab("messages")
            return
        ref = self.case.ref
        self.journal.edit(lambda lib: case_edit.split_case(lib, ref, message_id), "split case", lambda new_ref: new_ref)

    def split_by_gaps_dialog(self) -> SplitGapsDialog | None:
        """"Split by time gaps…": the dialog previews the parts; its Split runs ``split_by_gaps``, undoable."""
        b = self.case.bundle
        if b is None or self.lib is None:
            return None
        dlg = SplitGapsDialog(self.runner, self.lib, b.case.ref, b.case.title, float(self.lib.team.file_gap_hours),
                              self)
        dlg.split_requested.connect(self.split_by_gaps)
        self.split_dialog = dlg
        dlg.show()
        return dlg

    def split_by_gaps(self, ref: str, hours: float) -> None:
        self.journal.edit(lambda lib: gap_split.split_by_gaps(lib, ref, hours), "split by time gaps",
                          lambda parts: parts[1].ref if len(parts) > 1 else ref)

    def move_media(self, ids: list[int], target_ref: str | None = None) -> None:
        if not ids or self.lib is None or not self.case.ref:
            return
        target = target_ref or self._pick_case(self.tr("Move %n item(s) to…", "", len(ids)), self.case.ref)
        if target:
            items = list(ids)
            self.journal.edit(lambda lib: case_edit.move_media(lib, items, target), "move media", lambda _r: None)

    # settings, about, errors, closing ------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog | None:
        if self.lib is None:
            return None
        dlg = SettingsDialog(self.lib, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Casedesk"),
                          self.tr("Casedesk %1\nPhotos, videos and chats from customers, turned into case files.")
                          .replace("%1", __version__))

    def _error(self, error: BaseException, what: str) -> None:
        self.last_error = error
        show_error(self, error, what)

    # viewer branch: compare, send on, history, second opinions, customer's rights, edit conflicts -------------
    def _install_viewer_actions(self) -> None:
        from desktop.ui.window_actions import WindowActions

        self.extra = WindowActions(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.viewer.close()
        if self.extra.compare_window is not None:
            self.extra.compare_window.close()
        self.runner.shutdown()
        super().closeEvent(event)
