"""Duplicate groups side by side: differences marked, keeper changed, a set-aside item restored."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.cases import list_media
from desktop.services.duplicates import list_groups
from tests.ui.helpers import click_case, import_and_open, wait_idle


def _open_duplicates(qtbot, w, ref: str):  # noqa: ANN001
    click_case(qtbot, w, ref)
    w.case_view.tabs.setCurrentWidget(w.case_view.duplicates)
    panel = w.dups
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and len(panel.cards) >= 2, timeout=5000)
    return panel


def _select_group(qtbot, panel, kind: str):  # noqa: ANN001
    view = panel.view.groups
    row = next(i for i, g in enumerate(panel.model.groups()) if g.kind == kind)
    idx = panel.model.index(row)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    qtbot.waitUntil(lambda: panel._group is panel.model.group(row), timeout=5000)
    return panel.model.group(row)


def test_groups_side_by_side_with_differences(qtbot, window, seeded):
    panel = _open_duplicates(qtbot, window, seeded.sophie)
    g = _select_group(qtbot, panel, "same")
    assert len(panel.cards) == 2
    keeper_card, copy_card = panel.cards
    assert keeper_card.role.text() == "Keeper" and g.keeper.name == "IMG-20261116-WA0001.jpg"
    assert copy_card.role.text().startswith("Set aside")
    differing = [copy_card.facts.itemAt(r, copy_card.facts.ItemRole.LabelRole).widget().text()
                 for r in range(copy_card.facts.rowCount())
                 if copy_card.facts.itemAt(r, copy_card.facts.ItemRole.FieldRole).widget().property("differs")]
    # the WhatsApp copy is smaller, re-encoded and has no EXIF: exactly what a handler must see
    assert {"Dimensions", "File size", "EXIF", "Camera"} <= set(differing)
    assert copy_card.restore_btn.isVisible() and copy_card.keep_btn.isVisible()
    assert not keeper_card.keep_btn.isVisible()
    for btn in (copy_card.open_btn, copy_card.keep_btn, copy_card.restore_btn):  # the card is 240 px wide:
        words = btn.fontMetrics().horizontalAdvance(btn.text())  # no button cuts its words short
        assert btn.width() >= words + 8, (btn.text(), btn.width(), words)


def test_choose_another_keeper(qtbot, window, library, seeded):
    w = window
    panel = _open_duplicates(qtbot, w, seeded.sophie)
    g = _select_group(qtbot, panel, "same")
    copy = g.others[0]
    qtbot.mouseClick(panel.cards[1].keep_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    same = next(x for x in list_groups(library, seeded.sophie) if x.kind == "same")
    assert same.keeper_id == copy.id
    qtbot.waitUntil(lambda: panel._group is not None and panel._group.keeper.id == copy.id, timeout=5000)
    assert panel.cards[0].role.text() == "Keeper" and panel.cards[0].name.text() == copy.name


def test_restore_a_set_aside_item(qtbot, window, library, seeded):
    w = window
    panel = _open_duplicates(qtbot, w, seeded.sophie)
    g = _select_group(qtbot, panel, "same")
    copy = g.others[0]
    assert copy.set_aside
    qtbot.mouseClick(panel.cards[1].restore_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    item = {m.id: m for m in list_media(library, case_ref=seeded.sophie)}[copy.id]
    assert not item.set_aside
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)  # only the exact pair is left
    qtbot.waitUntil(lambda: "1 set aside" in w.case_view.media_tab.count.text(), timeout=5000)


def _menu_undo(qtbot, w) -> None:  # noqa: ANN001
    w.edit_menu.aboutToShow.emit()  # as opening the Edit menu does: the stack is read from the journal
    wait_idle(qtbot, w)
    next(a for a in w.edit_menu.actions() if a.text().replace("&", "").startswith("Undo")).trigger()
    wait_idle(qtbot, w)


def test_the_card_says_what_make_keeper_will_do_and_the_change_is_undone(qtbot, window, library, seeded):
    w = window
    panel = _open_duplicates(qtbot, w, seeded.sophie)
    g = _select_group(qtbot, panel, "same")
    keeper, copy = g.keeper, g.others[0]
    effect = panel.cards[1].effect
    qtbot.waitUntil(effect.isVisible, timeout=5000)
    assert effect.text().startswith(f"Make this the keeper: the current keeper {keeper.name} will be set aside")
    assert panel.cards[1].keep_btn.toolTip().startswith("Make this the keeper")
    assert not panel.cards[0].effect.isVisible()  # nothing to say on the keeper's card
    others_before = [(x.keeper_id, x.member_ids) for x in list_groups(library, seeded.jan)]
    qtbot.mouseClick(panel.cards[1].keep_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    assert next(x for x in list_groups(library, seeded.sophie) if x.kind == "same").keeper_id == copy.id
    assert [(x.keeper_id, x.member_ids) for x in list_groups(library, seeded.jan)] == others_before
    qtbot.waitUntil(lambda: panel._group is not None and panel._group.keeper.id == copy.id, timeout=5000)
    _menu_undo(qtbot, w)
    assert next(x for x in list_groups(library, seeded.sophie) if x.kind == "same").keeper_id == keeper.id
    qtbot.waitUntil(lambda: panel._group is not None and panel._group.keeper.id == keeper.id, timeout=5000)


def test_an_exact_copy_is_restored_from_its_card_and_the_restore_undone(qtbot, window, library, seeded):
    w = window
    panel = _open_duplicates(qtbot, w, seeded.sophie)
    g = _select_group(qtbot, panel, "exact")
    copy = g.others[0]
    card = panel.cards[1]
    qtbot.waitUntil(card.isVisible, timeout=5000)
    assert card.restore_btn.isVisible()  # exact copies too
    assert f"Restore {copy.name}: it goes back into the case and the report" in card.effect.text()
    qtbot.mouseClick(card.restore_btn, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    assert not {m.id: m for m in list_media(library, case_ref=seeded.sophie)}[copy.id].set_aside
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)  # only the same-picture pair is left
    _menu_undo(qtbot, w)
    assert {m.id: m for m in list_media(library, case_ref=seeded.sophie)}[copy.id].set_aside
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)


def test_an_edited_copy_is_kept_beside_with_its_region_outlined_and_a_copy_says_what_was_done(
        qtbot, window, library, seeded):
    from sqlalchemy import text

    media = {m.name: m for m in list_media(library, case_ref=seeded.sophie)}
    copy, floor = media["IMG-20261116-WA0002.jpg"], media["IMG-20261116-WA0004.jpg"]
    # what the engine stores for an edited copy (kept, its region) and for a set-aside copy (its transform)
    with library.db.engine.begin() as conn:
        conn.execute(text("UPDATE media_item SET duplicate_kind = 'edited', set_aside = :f, "
                          "duplicate_region = '10.00,20.00,30.00,40.00' WHERE id = :i"), {"i": copy.id, "f": False})
        conn.execute(text("UPDATE media_item SET duplicate_transform = :t WHERE id = :i"),
                     {"i": floor.id, "t": '{"crop": {"left": 6.0, "top": 3.0}, "brightness": 1.1}'})
    w = window
    click_case(qtbot, w, seeded.sophie)
    w.case_view.tabs.setCurrentWidget(w.case_view.duplicates)
    panel = w.dups
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    _select_group(qtbot, panel, "exact")
    assert panel.cards[1].changes.text() == "cropped 6 % left and 3 % top, 10 % brighter"
    _select_group(qtbot, panel, "edited")
    card = panel.cards[1]
    assert card.role.text() == "Kept beside it · edited copy"
    assert not card.restore_btn.isVisibleTo(card)  # it is not set aside
    assert card.region == (10.0, 20.0, 30.0, 40.0)
    assert "changed area 30 % wide and 40 % high, 10 % from the left and 20 % from the top" in card.changes.text()
    assert "will stay beside it" not in card.effect.text() and "stays beside it" in card.effect.text()
    qtbot.waitUntil(lambda: card.picture.pixmap() is not None and not card.picture.pixmap().isNull(), timeout=10000)
    img = card.picture.pixmap().toImage()
    x, y = round(0.10 * img.width()), round((0.20 + 0.20) * img.height())  # the left edge, half-way down
    near = [img.pixelColor(x + dx, y) for dx in (-1, 0, 1)]
    assert any(c.red() > 200 and 80 < c.green() < 150 and c.blue() < 60 for c in near), [c.name() for c in near]
    inside = img.pixelColor(round(0.25 * img.width()), y)
    assert inside.name() != "#e8710a"  # only the outline is drawn


def test_a_picture_without_an_exif_date_never_says_exif_present(qtbot, empty_window, tmp_path):
    """A PNG (or a screenshot) carries no EXIF, though it is not flagged "EXIF stripped" as a JPEG would be: its
    card said "EXIF present"."""
    from PIL import Image

    w = empty_window
    folder = tmp_path / "in"
    folder.mkdir()
    from tests.gen import jpeg

    picture = Image.open(jpeg(tmp_path / "photo.jpg", seed=4))
    picture.save(folder / "a.png")
    picture.save(folder / "b.tiff")
    import_and_open(qtbot, w, folder)
    w.case_view.tabs.setCurrentWidget(w.case_view.duplicates)
    panel = w.dups
    qtbot.waitUntil(lambda: len(panel.cards) == 2, timeout=5000)
    for card in panel.cards:
        facts = {card.facts.itemAt(r, card.facts.ItemRole.LabelRole).widget().text():
                 card.facts.itemAt(r, card.facts.ItemRole.FieldRole).widget().text()
                 for r in range(card.facts.rowCount())}
        assert facts["EXIF"] == "—", facts
