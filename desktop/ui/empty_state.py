"""Controller of the empty library page: its buttons ask the main window for one kind of import each."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.ui.drops import FileDrops
from desktop.ui.views.empty_state_view import EmptyLibraryView


class EmptyState(QObject):
    import_files = Signal()
    import_folder = Signal()
    import_chat = Signal()
    import_mail = Signal()
    files_dropped = Signal(list)

    def __init__(self, view: EmptyLibraryView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        view.files_btn.clicked.connect(self.import_files)
        view.folder_btn.clicked.connect(self.import_folder)
        view.chat_btn.clicked.connect(self.import_chat)
        view.mail_btn.clicked.connect(self.import_mail)
        self.drops = FileDrops(view, self)
        self.drops.dropped.connect(self.files_dropped)

    def buttons(self) -> dict[str, object]:
        """The import buttons by what they import (for the main window's tests and screenshots)."""
        v = self.view
        return {"files": v.files_btn, "folder": v.folder_btn, "chat": v.chat_btn, "mail": v.mail_btn}
