"""The window in Dutch: every text it shows goes through the translations, generated titles and import problems
included; status and kind are capitalised. The same screens are built in English and in Dutch and compared text
by text: what reads the same in both must be a name, a reference, a number or a word both languages share."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget

from desktop.services.library import open_library
from desktop.ui.app import create_app, install_translations
from desktop.ui.models.case_list_model import Col
from desktop.ui.problem_text import problem_reason
from tests.gen import jpeg
from tests.ui.conftest import make_window
from tests.ui.helpers import click_case, wait_idle

# words that are the same in Dutch, and texts that are data (names, references, file names)
SAME = {"Media", "Items", "Status", "Video", "EXIF", "E-mail", "PDF", "Casedesk", "OK", "&Help", "Camera",
        "Software", "Details", "Second &opinions…"}  # Dutch uses these words too
ELSEWHERE: set[str] = set()


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text a widget shows; "where" names the widget by class, object name and rank."""
    out: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for w in [root, *root.findChildren(QWidget)]:
        base = f"{type(w).__name__}:{w.objectName()}"
        seen[base] = seen.get(base, 0) + 1
        key = f"{base}:{seen[base]}"
        texts: list[str] = []
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        texts.append(w.toolTip())
        texts += [a.text() for a in w.actions()]
        out += [(f"{key}:{i}", t) for i, t in enumerate(texts)]
    return out


def _menus(win) -> list[tuple[str, str]]:  # noqa: ANN001
    out = []
    for i, menu_action in enumerate(win.menuBar().actions()):
        out.append((f"menu{i}", menu_action.text()))
        menu = menu_action.menu()
        out += [(f"menu{i}:{j}", a.text()) for j, a in enumerate(menu.actions()) if not a.isSeparator()]
    return out


def _screens(qtbot, lib, seeded, lang: str, tmp_path) -> list[str]:  # noqa: ANN001
    app = create_app()
    install_translations(app, lang)
    w = make_window(qtbot, lib)
    qtbot.waitUntil(lambda: w.cases.model.rowCount() >= 3, timeout=10000)
    click_case(qtbot, w, seeded.sophie)
    wait_idle(qtbot, w)
    texts = _texts(w) + _menus(w)
    m = w.cases.model
    table = w.case_list.table  # every header shows its words beside the sort arrow ("Eerste antwoord" was cut)
    arrow = table.horizontalHeader().style().pixelMetric(table.horizontalHeader().style().PixelMetric.PM_HeaderMarkSize)
    for c in Col:
        if c != Col.CUSTOMER and not table.isColumnHidden(c):
            words = table.horizontalHeader().fontMetrics().horizontalAdvance(str(m.headerData(c, Qt.Orientation.Horizontal)))
            assert table.columnWidth(c) >= words + arrow, (lang, c, table.columnWidth(c), words, arrow)
    texts += [(f"head{c}", str(m.headerData(c, Qt.Orientation.Horizontal))) for c in Col]
    texts += [(f"cell{r}:{c}", str(m.index(r, c).data() or "")) for r in range(m.rowCount())
              for c in (Col.STATUS, Col.MEDIA)]
    texts += [(f"tip{r}:{c}", str(m.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or ""))
              for r in range(m.rowCount()) for c in (Col.MEDIA, Col.HANDLER)]
    dlg = w.start_import([tmp_path / "nothing-here"])
    qtbot.waitUntil(lambda: dlg.view.cases.count() >= 3, timeout=5000)
    texts += [(f"import:{k}", t) for k, t in _texts(dlg.view)]
    texts += [(f"pick{i}", dlg.view.cases.item(i).text().split("\n")[1].split(" · ")[1])
              for i in range(dlg.view.cases.count())]
    dlg.close()
    split = w.split_by_gaps_dialog()
    qtbot.waitUntil(lambda: split.view.parts.rowCount() >= 1, timeout=5000)
    texts += [(f"split:{k}", t) for k, t in _texts(split.view)] + [("part", split.view.parts.item(0, 3).text())]
    split.close()
    w.close()
    return texts


def _data(text: str, refs: set[str]) -> bool:
    """A text that is data, not words of the window: names, references, numbers, file names."""
    if not re.search(r"[A-Za-z]{2,}", text):
        return True
    if any(ref in text for ref in refs) or any(n in text for n in ("Sophie", "Jan de", "Roof storm", "/tmp/")):
        return True
    return bool(re.fullmatch(r"[\w\-. ]+\.(jpg|zip|txt)|IMG[\w-]*|[A-Z]{2,5}|[\d.]+ [KM]B|\d+ items|"
                             r"Media \(\d+\)|Google Pixel 7|[\d-]+ [\d:]+ \(EXIF \(camera\)\)", text))


def test_every_text_of_the_window_is_dutch_in_dutch(qtbot, library, seeded, tmp_path):
    try:
        en = _screens(qtbot, library, seeded, "en", tmp_path)
        nl = _screens(qtbot, library, seeded, "nl", tmp_path)
    finally:
        install_translations(create_app(), "en")
    dutch = dict(nl)
    assert len(dutch) > 300 and set(dict(en)) <= set(dutch) | {k for k, _ in en if k not in dutch}
    refs = {seeded.sophie, seeded.jan, seeded.folder}
    untranslated = sorted({text for key, text in en if dutch.get(key) == text and text.strip()
                           and text not in SAME | ELSEWHERE and not _data(text, refs)})
    assert untranslated == [], untranslated
    words = set(dutch.values())
    assert "Be&werken" in words and "Splitsen op &tijdsprongen…" in words
    assert "Nieuw" in words and "Mijn zaken" in words  # status capitalised


def test_generated_titles_and_import_problems_are_dutch(qtbot, tmp_path):
    lib = open_library(tmp_path / "lib")
    try:
        lib.prefs.language = "nl"  # as the settings dialog saves it
        lib.save_prefs()
        app = create_app()
        install_translations(app, "nl")
        for i in range(2):
            jpeg(tmp_path / "in" / f"a{i}.jpg", seed=600 + i, taken=f"2026:03:{14 + i:02d} 10:00:00")
        (tmp_path / "in" / "kapot.jpg").write_bytes(b"\xff\xd8\xff\xe0 kapot")
        w = make_window(qtbot, lib)
        first = w.start_import([tmp_path / "in" / f"a{i}.jpg" for i in range(2)])  # loose photos: one new case
        qtbot.waitUntil(lambda: first.report is not None, timeout=20000)
        qtbot.waitUntil(lambda: w.cases.model.rowCount() == 1, timeout=5000)
        assert w.cases.model.case_at(0).title == "Foto's 14-15 maart 2026"
        first.close()
        dlg = w.start_import([tmp_path / "in" / "kapot.jpg"], first.report.cases[0])
        qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
        reason = dlg.view.rejected.item(0, 1).text()
        assert reason.endswith("(bewaard zoals ontvangen)") and reason.startswith(("beschadigde", "afgebroken",
                                                                                   "geen foto"))
        assert "kapot.jpg" in w.problems.table.item(0, 0).text()
        assert w.problems.table.item(0, 1).text() == reason
        assert "Zaak:" in dlg.view.summary.text() and "1 bestand met een probleem" in dlg.view.summary.text()
        dlg.close()
        w.close()
    finally:
        install_translations(create_app(), "en")
        lib.close()


@pytest.mark.parametrize(("reason", "dutch"), [
    ("truncated JPEG", "afgebroken JPEG"),
    ("not a picture: the file is text", "geen foto: het bestand is tekst"),
    ("skipped: a named pipe (FIFO)", "overgeslagen: a named pipe (FIFO)"),  # the unknown part stays as it is
    ("cannot be read (Permission denied)", "kan niet worden gelezen (Permission denied)"),
    ("something new", "something new"),
    ("the e-mail's date (9999-12-31 23:59) lies in the future: the time the mail server received it is used "
     "(2026-12-01 10:00)", "de datum van de e-mail (9999-12-31 23:59) ligt in de toekomst: het tijdstip waarop de "
     "mailserver hem ontving is gebruikt (2026-12-01 10:00)"),
])
def test_import_problems_are_translated_phrase_by_phrase(qapp, reason, dutch):  # noqa: ANN001
    app = create_app()
    try:
        install_translations(app, "nl")
        assert problem_reason(reason) == dutch
    finally:
        install_translations(app, "en")
