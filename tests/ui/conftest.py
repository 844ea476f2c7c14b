"""Window tests: offscreen Qt, a real library on disk per test (copied from one built per session)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from desktop.services.importing import import_paths  # noqa: E402
from desktop.services.library import Library, open_library  # noqa: E402
from desktop.services.settings import update_team_settings  # noqa: E402
from tests.ui.media import chat_zip, jpeg_bytes, photo_folder, picture, whatsapp_copy  # noqa: E402

SOPHIE = "Sophie Bakker"
JAN = "Jan de Vries"


@dataclass
class Seeded:
    """What the template library holds, by reference."""

    dir: Path
    sophie: str  # chat case: a same-picture pair, an exact pair, a customer waiting for an answer
    jan: str  # another customer who sent one of Sophie's pictures (cross-case alert)
    folder: str  # loose photos with EXIF, no sender


def _build(root: Path) -> Seeded:
    src = root / "inputs"
    kitchen = picture(1, (2400, 1800))
    camera = jpeg_bytes(kitchen, taken="2026:11:16 09:30:12", make="Google", model="Pixel 7")
    floor = jpeg_bytes(picture(2, (1600, 1200)), quality=80)
    sink = jpeg_bytes(picture(3, (1600, 1200)), quality=80)
    sophie_files = {
        "IMG-20261116-WA0001.jpg": camera,
        "IMG-20261116-WA0002.jpg": whatsapp_copy(kitchen),
        "IMG-20261116-WA0003.jpg": floor,
        "IMG-20261116-WA0004.jpg": floor,
        "IMG-20261116-WA0005.jpg": sink,
    }
    sophie_lines = [
        f"16/11/2026, 09:40 - {SOPHIE}: Good morning, my washing machine flooded the kitchen.",
        *[f"16/11/2026, 09:41 - {SOPHIE}: {n} (file attached)" for n in sophie_files],
        "16/11/2026, 09:45 - Claims Team: Thank you, we have opened a claim.",
        f"16/11/2026, 10:02 - {SOPHIE}: The plumber comes tomorrow, the parquet is ruined.",
    ]
    jan_files = {"IMG-20261118-WA0001.jpg": whatsapp_copy(kitchen),
                 "IMG-20261118-WA0002.jpg": jpeg_bytes(picture(9, (1600, 1200)), quality=80)}
    jan_lines = [f"18/11/2026, 14:00 - {JAN}: Water damage in my bathroom, see photos.",
                 *[f"18/11/2026, 14:01 - {JAN}: {n} (file attached)" for n in jan_files]]
    lib = open_library(root / "lib")
    with lib:
        # a wait stays open for the case gap after the customer's message: long here, so the seeded chats (of a
        # fixed date) keep their open, overdue waits whatever today's date is
        update_team_settings(lib, case_gap_days=3650)
        r1 = import_paths(lib, [chat_zip(src / "a", SOPHIE, sophie_files, sophie_lines)])
        r2 = import_paths(lib, [chat_zip(src / "b", JAN, jan_files, jan_lines)])
        r3 = import_paths(lib, [photo_folder(src / "Roof storm", 6, seed=40)])
    assert not (r1.rejected or r2.rejected or r3.rejected), (r1.rejected, r2.rejected, r3.rejected)
    return Seeded(root / "lib", r1.cases[0], r2.cases[0], r3.cases[0])


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    return _build(tmp_path_factory.mktemp("template"))


@pytest.fixture
def seeded(seeded_template: Seeded, tmp_path: Path) -> Seeded:
    """A private copy of the template library for one test."""
    target = tmp_path / "lib"
    shutil.copytree(seeded_template.dir, target)
    return Seeded(target, seeded_template.sophie, seeded_template.jan, seeded_template.folder)


@pytest.fixture(scope="session", autouse=True)
def _english(qapp):  # noqa: ANN001
    """The window's own English translation (plural forms), as ``run()`` installs it."""
    from desktop.ui.app import create_app, install_translations

    install_translations(create_app(), "en")


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path: Path) -> None:
    """QSettings (window geometry, export choices) go to the test's folder, never to the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def library(seeded: Seeded):
    lib = open_library(seeded.dir)
    yield lib
    lib.close()


@pytest.fixture
def empty_library(tmp_path: Path):
    lib = open_library(tmp_path / "empty-lib")
    yield lib
    lib.close()


def make_window(qtbot, lib: Library):  # noqa: ANN001
    from desktop.ui.app import create_app
    from desktop.ui.main_window import MainWindow

    create_app()
    w = MainWindow(lib=lib)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitUntil(lambda: w.cases.model.rowCount() > 0 or (w.runner.is_idle() and lib is not None), timeout=10000)
    return w


@pytest.fixture
def window(qtbot, library):  # noqa: ANN001
    w = make_window(qtbot, library)
    qtbot.waitUntil(lambda: w.cases.model.rowCount() >= 3, timeout=10000)
    yield w
    w.close()


@pytest.fixture
def empty_window(qtbot, empty_library):  # noqa: ANN001
    w = make_window(qtbot, empty_library)
    yield w
    w.close()
