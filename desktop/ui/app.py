"""Start the window: QApplication, translations, error hook, the library opened off the GUI thread.

``run(argv)`` understands ``--data-dir DIR`` and ``--db-url URL`` (else ``CASEDESK_DATA_DIR``, then the
folder chosen in Settings, then the platform's user data folder). Other arguments go to Qt.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QLoggingCategory,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.settings import ENV_DATA_DIR, AppPaths, Preferences, resolve_paths
from desktop.ui.errors import install_excepthook, show_error
from desktop.ui.resources import icon_path, translations_dir
from desktop.ui.settings_dialog import LIBRARY_KEY

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    p = argparse.ArgumentParser(prog="casedesk", add_help=False)
    p.add_argument("--data-dir")
    p.add_argument("--db-url")
    return p.parse_known_args(argv)


class GuiGarbageCollector(QObject):
    """Python's cyclic garbage collection, run on the GUI thread only.

    Left automatic, a collection runs in whichever thread happens to allocate: a worker thread then destroys
    Qt objects (widgets, timers, models caught in a reference cycle) that live in the GUI thread, which can crash
    the process. Automatic collection is switched off and this timer runs the same generational collections
    from the event loop instead, when the allocation counts pass Python's own thresholds.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = gc.get_threshold()
        if c0 > t0:
            gc.collect(2 if c2 > t2 else 1 if c1 > t1 else 0)


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(["casedesk", *(argv or [])])
    app.setOrganizationName("Casedesk")
    app.setApplicationName("Casedesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.casedesk.Casedesk")
    # a customer's damaged picture is reported by the import ("truncated JPEG", kept as received); Qt's image
    # readers would say it again on the terminal each time a thumbnail is tried
    QLoggingCategory.setFilterRules("qt.gui.imageio*.warning=false")
    if app.findChild(GuiGarbageCollector) is None:
        GuiGarbageCollector(app)
    icon = icon_path()
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def choose_language(preference: str, locale: QLocale | None = None) -> str:
    """"nl" or "en": the preference if set, else the system language when we have it, else English."""
    if preference in ("en", "nl"):
        return preference
    lang = (locale or QLocale.system()).name().split("_")[0]
    return lang if lang in ("en", "nl") else "en"


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load our .qm and Qt's own (standard buttons, file dialogs). Keeps the translators alive on the app."""
    for old in getattr(app, "_casedesk_translators", []):
        app.removeTranslator(old)
    loaded: list[QTranslator] = []
    ours = QTranslator(app)  # English too: it carries the plural forms ("1 file", "2 files")
    if ours.load(f"casedesk_{language}", str(translations_dir())):
        app.installTranslator(ours)
        loaded.append(ours)
    else:
        log.warning("no translation for %s in %s", language, translations_dir())
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            loaded.append(qt)
    QLocale.setDefault(QLocale(language))
    app._casedesk_translators = loaded  # type: ignore[attr-defined]
    return loaded


def library_paths(data_dir: str | None) -> AppPaths:
    if data_dir or os.environ.get(ENV_DATA_DIR):
        return resolve_paths(data_dir)
    chosen = QSettings().value(LIBRARY_KEY, "")
    return resolve_paths(str(chosen)) if chosen else resolve_paths(None)


def run(argv: list[str] | None = None) -> int:
    args, rest = parse_args(list(argv or []))
    app = create_app(rest)
    paths = library_paths(args.data_dir)
    prefs = Preferences.load(paths.preferences_file)  # only the language; the library opens in a worker
    install_translations(app, choose_language(prefs.language))
    install_excepthook()
    from desktop.ui.main_window import MainWindow  # after the translators: widgets translate when built

    window = MainWindow()
    window.show()
    open_library_async(window, paths, args.db_url)
    return app.exec()


def open_library_async(window, paths: AppPaths, db_url: str | None) -> None:  # noqa: ANN001
    from desktop.services.library import Library

    window.statusBar().showMessage(QCoreApplication.translate("app", "Opening the library in %1…")
                                   .replace("%1", str(paths.data_dir)))

    def failed(error: BaseException) -> None:
        window.statusBar().clearMessage()
        show_error(window, error, "open library")

    def opened(lib: Library) -> None:
        window.statusBar().clearMessage()
        window.set_library(lib)

    window.runner.run(lambda: Library(paths, db_url), name="open library", on_done=opened, on_error=failed)

