"""The window on customers' files that are odd but real: found by driving the window over fuzzed libraries."""

from __future__ import annotations

import time

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.ui.models.media_grid_model import THUMB_ROLE
from tests.ui.helpers import click_case, import_and_open


def each_in_viewer(qtbot, w, n: int):  # noqa: ANN001, ANN201
    """The viewer opened on the first item and stepped through ``n``: (viewer, the full picture shown) for each."""
    w.view_row(0)
    v = w.viewer
    for r in range(n):
        qtbot.waitUntil(lambda r=r: v.row == r and (v.is_showing_full() or v.stage.currentWidget() is v.message),
                        timeout=10000)
        assert v.stage.currentWidget() is v.canvas, v.message.text()
        yield v, v.canvas.item.pixmap()
        v.step(1)
    v.close()


def test_a_picture_one_pixel_wide_has_a_thumbnail_and_is_shown_in_the_viewer(qtbot, empty_window, tmp_path):
    """A 1 x 20,000 px JPEG (and a 20,000 x 1 px PNG) reduced to 0 x 320 px: Qt read nothing, so the grid had no
    thumbnail and the viewer said 'This picture cannot be decoded.'"""
    w = empty_window
    folder = tmp_path / "in"
    folder.mkdir()
    Image.new("RGB", (1, 20000), (200, 30, 30)).save(folder / "tall.jpg", quality=80)
    Image.new("RGB", (20000, 1), (30, 30, 200)).save(folder / "wide.png")
    import_and_open(qtbot, w, folder)
    model = w.media.model
    assert model.rowCount() == 2
    qtbot.waitUntil(lambda: all(model.index(r).data(THUMB_ROLE) is not None for r in range(2)), timeout=10000)
    for r in range(2):
        pm = model.index(r).data(THUMB_ROLE)
        assert max(pm.width(), pm.height()) == 160 and min(pm.width(), pm.height()) == 1
    for _v, full in each_in_viewer(qtbot, w, 2):
        assert sorted((full.width(), full.height())) == [1, 6000]  # reduced to the viewer's 6,000 px


def test_a_message_of_one_long_word_opens_at_once(qtbot, empty_window, tmp_path):
    """A chat message of 400,000 letters without a space: the message window took 8 s to lay it out (a 1 MB one
    33 s, the window frozen), Qt's word wrap falling back to wrapping anywhere in time by the square of its length;
    and as long again to open the next message in the same window, its wrap mode set back while it held the long one."""
    w = empty_window
    folder = tmp_path / "chat"
    folder.mkdir()
    word = "A" * 400_000
    (folder / "WhatsApp Chat with Oliver Smith.txt").write_text(
        f"14/03/2024, 09:15 - Oliver Smith: {word}\n14/03/2024, 09:16 - Oliver Smith: and a short one\n",
        encoding="utf-8")
    import_and_open(qtbot, w, folder)
    w.case.show_tab("messages")
    row = next(r for r in range(w.case.messages_model.rowCount()) if w.case.messages_model.message(r).text == word)
    started = time.perf_counter()
    dlg = w.case.show_message(row)
    qtbot.waitExposed(dlg)
    dlg.text.repaint()
    assert time.perf_counter() - started < 2.0
    assert dlg.text.toPlainText() == word  # all of it, to read and copy
    short = next(r for r in range(w.case.messages_model.rowCount()) if r != row)
    started = time.perf_counter()
    dlg = w.case.show_message(short)  # the same window, its wrap mode changed back (once 20 s with the long text)
    assert time.perf_counter() - started < 2.0
    assert dlg.text.toPlainText() == "and a short one"
    assert dlg.text.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere  # words stay whole
    dlg.close()


def test_a_dozen_cross_case_alerts_are_each_readable_and_leave_room_for_the_cards(qtbot, tmp_path):
    """Nine customers sent the same picture: the case's eight alerts were laid out in the tab as they came and
    squeezed together, each cut to one line through the middle of its words, and the group's cards pushed to a strip."""
    from desktop.services.importing import import_paths
    from desktop.services.library import open_library
    from tests.ui.conftest import make_window
    from tests.ui.media import chat_zip, jpeg_bytes, picture

    same = jpeg_bytes(picture(5, (800, 600)))
    lib = open_library(tmp_path / "lib")
    refs = []
    for i in range(9):
        who = f"Customer {i}"
        files = {"IMG-20261116-WA0001.jpg": same, "IMG-20261116-WA0002.jpg": same}
        lines = [f"16/11/2026, 09:4{i} - {who}: {n} (file attached)" for n in files]
        refs += import_paths(lib, [chat_zip(tmp_path / f"in{i}", who, files, lines)]).cases
    try:
        w = make_window(qtbot, lib)
        qtbot.waitUntil(lambda: w.cases.model.rowCount() == 9, timeout=10000)
        click_case(qtbot, w, refs[0])
        w.case.show_tab("duplicates")
        view = w.case_view.duplicates
        qtbot.waitUntil(lambda: len(w.dups.cards) == 2, timeout=5000)
        qtbot.wait(50)
        rows = [view.alerts_layout.itemAt(i).widget() for i in range(view.alerts_layout.count())]
        assert len(rows) >= 8
        for row in rows:  # every alert as tall as its words need
            label = row.findChild(QLabel)
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert view.scroll.height() >= 250  # the cards are there to compare
        tab = w.case_view.tabs.currentWidget()
        assert view.alerts_area.height() <= tab.height() // 3 + 1
        jump = rows[-1].findChild(QPushButton)  # the last alert is scrolled to and followed
        view.alerts_area.ensureWidgetVisible(jump)
        qtbot.mouseClick(jump, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.case.ref != refs[0], timeout=5000)
        w.close()
    finally:
        lib.close()


def test_a_message_of_ten_thousand_lines_leaves_its_sender_and_the_next_messages_in_view(qtbot, empty_window, tmp_path):
    """One row per message, fitted to its text: a message of 10,000 lines was one row many times the view's
    height, its time and sender drawn in the middle of it out of sight and the messages after it hidden."""
    w = empty_window
    folder = tmp_path / "chat"
    folder.mkdir()
    lines = "\n".join(f"line {i}" for i in range(10_000))
    (folder / "WhatsApp Chat with Oliver Smith.txt").write_text(
        f"14/03/2024, 09:15 - Oliver Smith: {lines}\n14/03/2024, 09:16 - Oliver Smith: the next one\n",
        encoding="utf-8")
    import_and_open(qtbot, w, folder)
    w.case.show_tab("messages")
    table = w.case_view.messages
    qtbot.waitUntil(lambda: table.rowHeight(0) > 2 * table.verticalHeader().defaultSectionSize(), timeout=5000)
    qtbot.wait(50)
    assert table.rowHeight(0) <= table.viewport().height() // 2 + 1
    sender = table.visualRect(w.case.messages_model.index(0, 1))
    assert table.viewport().rect().contains(sender.center())  # who sent it, in view
    nxt = table.visualRect(w.case.messages_model.index(1, 2))
    assert table.viewport().rect().contains(nxt.center())
    assert w.case.show_message(0).text.toPlainText() == lines  # the whole text a double-click away


def test_a_message_of_a_megabyte_does_not_slow_the_messages_table(qtbot, empty_window, tmp_path):
    """Qt lays out a cell's whole text each time it paints it: with a 1 MB message in view every repaint of the
    messages table (a hover, a scroll, a click) took 0.9 s. The cell shows the start, the message window all of it."""
    w = empty_window
    folder = tmp_path / "chat"
    folder.mkdir()
    big = "A" * 1_048_576
    (folder / "WhatsApp Chat with Oliver Smith.txt").write_text(
        f"14/03/2024, 09:15 - Oliver Smith: {big}\n14/03/2024, 09:20 - Complaints Team: hi\n", encoding="utf-8")
    import_and_open(qtbot, w, folder)
    w.case.show_tab("messages")
    table = w.case_view.messages
    qtbot.wait(50)
    table.viewport().repaint()
    started = time.perf_counter()
    for _ in range(3):
        table.viewport().repaint()
    assert (time.perf_counter() - started) / 3 < 0.3
    cell = w.case.messages_model.index(0, 2).data()
    assert cell.startswith("AAAA") and cell.endswith("…")
    assert w.case.show_message(0).text.toPlainText() == big


def test_an_iphone_heic_photo_is_shown_in_the_viewer_and_the_compare_window(qtbot, empty_window, tmp_path):
    """Qt has no HEIF reader: a HEIC photo had its thumbnail (made at import) but the viewer said 'This picture
    cannot be decoded.' and the compare window showed two grey panes."""
    import pillow_heif

    from tests.ui.media import picture

    pillow_heif.register_heif_opener()
    w = empty_window
    folder = tmp_path / "in"
    folder.mkdir()
    picture(3, (1200, 900)).save(folder / "IMG_0001.HEIC", format="HEIF", quality=80)
    picture(4, (900, 1200)).save(folder / "IMG_0002.HEIC", format="HEIF", quality=80)
    import_and_open(qtbot, w, folder)
    for v, full in each_in_viewer(qtbot, w, 2):
        assert (full.width(), full.height()) == (v.current.width, v.current.height)
    cw = w.extra.open_compare(w.media.model.item(0), w.media.model.item(1))
    qtbot.waitUntil(cw.is_showing_full, timeout=10000)
    cw.close()


def test_a_name_or_camera_without_a_break_never_widens_the_compare_window_or_the_history(qtbot, empty_window,
                                                                                          tmp_path):
    """A file name of 250 letters stretched the compare window to 2,700 px and a camera model of 5,000 letters made
    its pane twice the other's (the pictures compared at different sizes); a case title of 250 letters stretched the
    history dialog to 2,500 px."""
    from tests.gen import jpeg

    w = empty_window
    folder = tmp_path / ("x" * 250)  # the case is named after the folder
    jpeg(folder / ("L" * 250 + ".jpg"), seed=1)
    jpeg(folder / "camera.jpg", seed=2, make="Evil", model="X" * 5000)
    jpeg(folder / "plain.jpg", seed=3)
    import_and_open(qtbot, w, folder)
    items = {m.name: m for m in w.media.model.items()}
    for a, b in (("L" * 250 + ".jpg", "plain.jpg"), ("camera.jpg", "plain.jpg")):
        cw = w.extra.open_compare(items[a], items[b])
        qtbot.waitUntil(cw.is_showing_full, timeout=10000)
        qtbot.wait(50)
        assert cw.width() <= 1400, cw.width()
        left, right = cw.left.width(), cw.right.width()
        assert abs(left - right) <= 0.1 * max(left, right), (left, right)
        cw.close()
    dlg = w.extra.open_history()
    qtbot.waitExposed(dlg)
    assert dlg.width() <= 1000, dlg.width()
    dlg.close()


def test_the_split_dialog_shows_all_its_words_beside_a_title_without_a_break(qtbot, empty_window, tmp_path):
    """The split dialog's first lines name the case's title: a title of 250 letters squeezed them into too little
    height, the first and last lines cut through the middle."""
    from tests.gen import jpeg

    w = empty_window
    folder = tmp_path / ("x" * 250)
    jpeg(folder / "a.jpg", seed=1, taken="2026:11:16 09:30:12")
    jpeg(folder / "b.jpg", seed=2, taken="2026:11:18 09:30:12")
    import_and_open(qtbot, w, folder)
    dlg = w.split_by_gaps_dialog()
    qtbot.waitExposed(dlg.view)
    qtbot.wait(50)
    intro = dlg.view.intro
    assert intro.width() <= dlg.view.width()
    assert intro.height() >= intro.heightForWidth(intro.width()), (intro.height(), intro.heightForWidth(intro.width()))
    dlg.close()
