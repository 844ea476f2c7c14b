"""A customer's text that would turn the window's text around (a right-to-left override in a file name, an isolate
in a folder's name) is shown with U+FFFD where the control is, as the command line shows it; the library keeps it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.cases import list_cases, list_media
from desktop.ui.models.case_list_model import SUBTITLE_ROLE, Col
from tests.gen import jpeg
from tests.ui.helpers import import_and_open, wait_idle

NAME = "photo\u202egpj.exe"  # drawn as "photoexe.jpg", and what follows it on its line turned around too
FOLDER = "Storm\u2067 damage"  # the case's title: an isolate that is never closed
CONTROLS = "\u202e\u2067"


def plain(text: object) -> bool:
    """Shown as the command line shows it: no bidi control left, U+FFFD in its place."""
    return isinstance(text, str) and not any(c in text for c in CONTROLS) and "\ufffd" in text


def test_a_name_that_turns_text_around_is_shown_with_a_replacement_character(qtbot, empty_window, tmp_path):
    w = empty_window
    src = tmp_path / FOLDER
    first = jpeg(src / NAME, seed=1, taken="2024:03:14 10:12:33")
    (src / "copy.jpg").write_bytes(first.read_bytes())  # an exact copy: a duplicate group naming both files
    (src / "empty\u202egpj.exe").write_bytes(b"")  # a problem of the import, listed by its name
    report = import_and_open(qtbot, w, src)
    [ref] = report.cases
    wait_idle(qtbot, w)

    # the problems of the import
    table = w.problems_panel.view.table
    assert table.rowCount() == 1 and plain(table.item(0, 0).text()) and plain(table.item(0, 0).toolTip())

    # the thumbnail grid's model
    media = w.media.model
    row = next(i for i, m in enumerate(media.items()) if m.name == NAME)
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        assert plain(media.data(media.index(row), role)), role
    assert media.data(media.index(row), Qt.ItemDataRole.DisplayRole) == "photo\ufffdgpj.exe"

    # the case list, the case's heading and its title field
    cases = w.cases.model
    idx = cases.index(cases.row_of(ref), Col.CUSTOMER)
    assert plain(cases.data(idx, SUBTITLE_ROLE)) and plain(cases.data(idx, Qt.ItemDataRole.ToolTipRole))
    assert plain(w.case_view.heading.text())
    title = w.case_view.details.title
    assert plain(title.text())
    title.editingFinished.emit()  # Return in the field, nothing typed: the stored title is not replaced
    wait_idle(qtbot, w)
    assert next(c for c in list_cases(w.lib) if c.ref == ref).title == FOLDER

    # the duplicates: the group's tool tip, each card's name and the hint that names both files
    w.case.show_tab("duplicates")
    panel = w.dups
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and len(panel.cards) == 2, timeout=5000)
    assert plain(panel.model.data(panel.model.index(0), Qt.ItemDataRole.ToolTipRole))
    card = next(c for c in panel.cards if "photo" in c.name.text())
    assert card.name.text() == "photo\ufffdgpj.exe"
    copy_card = next(c for c in panel.cards if not c.keep_btn.isHidden())  # the one that is not the keeper
    hint = copy_card.effect.text()
    assert plain(hint) and "photo\ufffdgpj.exe" in hint
    assert any(plain(b.toolTip()) for b in (copy_card.keep_btn, copy_card.restore_btn))

    # the viewer: its window title and the name above its facts
    w.case.show_tab("media")
    w.view_row(row)
    qtbot.waitUntil(lambda: w.viewer.isVisible(), timeout=5000)
    assert plain(w.viewer.windowTitle()) and w.viewer.title.text() == "photo\ufffdgpj.exe"
    w.viewer.close()

    # what the library holds is what the customer sent
    assert NAME in {m.name for m in list_media(w.lib, case_ref=ref)}
