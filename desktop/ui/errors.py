"""Showing errors: one hook for uncaught exceptions, a readable message for the core's typed errors."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import CasedeskError
from desktop.core.progress import Cancelled
from desktop.core.shown_text import shown

log = logging.getLogger("desktop.ui")


def user_message(error: BaseException) -> str:
    """The error in words for the window, ``shown``: a message often names a customer's file."""
    return shown(_words(error))


def _words(error: BaseException) -> str:
    if isinstance(error, CasedeskError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.strerror or error} ({error.filename})" if error.filename else str(error)
    return f"{type(error).__name__}: {error}"


def show_error(parent: QWidget | None, error: BaseException, what: str = "") -> QMessageBox | None:
    """A non-blocking message box. Cancels are not errors and show nothing."""
    if isinstance(error, Cancelled):
        return None
    expected = isinstance(error, CasedeskError)
    if not expected:
        log.error("%s failed", what or "task", exc_info=(type(error), error, error.__traceback__))
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Warning if expected else QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("errors", "Casedesk"))
    head = QCoreApplication.translate("errors", "This could not be done:") if expected else QCoreApplication.translate("errors", "Something went wrong:")
    box.setText(f"{head}\n\n{user_message(error)}")
    if not expected:
        box.setDetailedText(shown("".join(traceback.format_exception(type(error), error, error.__traceback__))))
    box.open()
    return box


def install_excepthook() -> None:
    """Uncaught exceptions in slots end up in a dialog (and the log), not in a silent crash."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        value.__traceback__ = tb
        app = QApplication.instance()
        parent = app.activeWindow() if isinstance(app, QApplication) else None
        show_error(parent, value)

    sys.excepthook = hook
