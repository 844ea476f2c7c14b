"""The viewer's tools on a real library: turn an item (stored, audited, in the PDF, the original untouched), the
full EXIF table, the GPS position copied to the clipboard, and two chosen items compared side by side."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational as R
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.report.data import ReportOptions
from desktop.services.audit import list_events
from desktop.services.cases import get_media, list_media
from desktop.services.exporting import export_case
from desktop.services.importing import import_paths
from desktop.ui.media_viewer import coordinates
from tests.ui.conftest import make_window
from tests.ui.helpers import click_case, grid_rect, wait_idle
from tests.ui.media import picture


def gps_jpeg(lat: tuple[int, int, int], lon: tuple[int, int, int]) -> bytes:
    """A landscape camera photo with make, model, exposure and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 13"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2026:11:20 14:05:00"
    sub[0x829A] = R(1, 120)  # ExposureTime
    sub[0x8827] = 100  # ISOSpeedRatings
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", tuple(R(x, 1) for x in lat), "E", tuple(R(x, 1) for x in lon)
    buf = io.BytesIO()
    picture(77, (800, 600)).save(buf, "JPEG", quality=85, exif=exif.tobytes())
    return buf.getvalue()


@pytest.fixture
def gps_case(library, tmp_path):
    folder = tmp_path / "Canal house"
    folder.mkdir()
    (folder / "IMG_1001.jpg").write_bytes(gps_jpeg((52, 22, 12), (4, 53, 24)))
    (folder / "IMG_1002.jpg").write_bytes(gps_jpeg((52, 22, 30), (4, 53, 0)))
    report = import_paths(library, [folder])
    assert not report.rejected
    return report.cases[0]


@pytest.fixture
def gps_window(qtbot, library, gps_case):
    w = make_window(qtbot, library)
    qtbot.waitUntil(lambda: w.cases.model.row_of(gps_case) >= 0, timeout=10000)
    yield w
    w.close()


def open_viewer(qtbot, w, row: int = 0):
    grid = w.case_view.media_tab.grid
    rect = grid_rect(w, row)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    v = w.viewer
    qtbot.waitUntil(lambda: v.isVisible() and v.row == row, timeout=5000)
    qtbot.waitUntil(v.is_showing_full, timeout=10000)
    return v


def test_turning_an_item_is_shown_stored_audited_and_in_the_pdf(qtbot, window, library, seeded, tmp_path):
    w = window
    click_case(qtbot, w, seeded.folder)
    v = open_viewer(qtbot, w)
    m = v.current
    original = library.original_path(m.sha256)
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    pm = v.canvas.item.pixmap()
    assert (pm.width(), pm.height()) == (640, 480)
    qtbot.keyClick(v, Qt.Key.Key_R)  # a quarter to the right
    pm = v.canvas.item.pixmap()
    assert (pm.width(), pm.height()) == (480, 640)
    wait_idle(qtbot, w)
    assert get_media(library, m.id).rotation == 90
    assert "90°" in "\n".join(v.facts.itemAt(r, v.facts.ItemRole.FieldRole).widget().text()
                              for r in range(v.facts.rowCount()))
    qtbot.mouseClick(v.toolbar.widgetForAction(v.rotate_left_act), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(v.toolbar.widgetForAction(v.rotate_left_act), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    assert get_media(library, m.id).rotation == 270 and v.current.rotation == 270
    rotations = [e.detail.get("degrees") for e in list_events(library, seeded.folder) if e.action == "media-rotated"]
    assert rotations == [90, 0, 270]
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before == m.sha256  # the original untouched
    # the PDF draws it turned: the first photo page's picture is upright (portrait), the others landscape
    out = export_case(library, seeded.folder, tmp_path / "turned.pdf", ReportOptions(per_page=1, pdfa=False))
    shapes = []
    for page in PdfReader(str(out)).pages:
        for img in page.images:
            if img.image.width > 200:
                shapes.append(img.image.width < img.image.height)
    assert shapes.count(True) == 1 and shapes.count(False) == 5, shapes
    # the undo stack names it
    qtbot.waitUntil(lambda: "urn" in w.undo_stack.undoText() or "rotat" in w.undo_stack.undoText().lower(),
                    timeout=5000)


def test_full_exif_table_and_gps_copied_as_coordinates(qtbot, gps_window, gps_case):
    w = gps_window
    click_case(qtbot, w, gps_case)
    v = open_viewer(qtbot, w)
    qtbot.waitUntil(lambda: v.exif.rowCount() > 5, timeout=10000)
    rows = {(v.exif.item(r, 0).text(), v.exif.item(r, 1).text()): v.exif.item(r, 2).text()
            for r in range(v.exif.rowCount())}
    assert rows[("Image", "Make")] == "Apple" and rows[("Image", "Model")] == "iPhone 13"
    assert rows[("Exif", "Exposure time")] == "1/120"
    assert rows[("Exif", "ISO speed")] == "100"
    assert rows[("GPS", "GPS latitude ref")] == "N"
    assert "12" in rows[("GPS", "GPS latitude")]
    assert "tag" in v.exif_note.text()
    v.side_tabs.setCurrentIndex(1)
    qtbot.keyClicks(v.exif_filter, "iso")
    visible = [r for r in range(v.exif.rowCount()) if not v.exif.isRowHidden(r)]
    assert [v.exif.item(r, 1).text() for r in visible] == ["ISO speed"]
    # GPS: 52°22'12" N, 4°53'24" E as decimal degrees, one click to the clipboard
    assert coordinates(52.37, 4.89) == "52.37, 4.89"
    v.side_tabs.setCurrentIndex(0)
    btn = v.findChild(type(v.player.play), "copyGps")
    assert btn is not None and btn.isVisible()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "52.37, 4.89"
    lat, lon = (float(x) for x in QGuiApplication.clipboard().text().split(", "))
    assert (lat, lon) == v.current.gps or max(abs(lat - v.current.gps[0]), abs(lon - v.current.gps[1])) < 1e-6


def test_a_photo_without_exif_says_so(qtbot, window, seeded):
    w = window
    click_case(qtbot, w, seeded.sophie)
    row = next(i for i, m in enumerate(w.media.model.items()) if "exif-stripped" in m.flags)
    v = open_viewer(qtbot, w, row)
    qtbot.waitUntil(lambda: "no EXIF" in v.exif_note.text(), timeout=10000)
    assert v.exif.rowCount() == 0 and v.findChild(type(v.player.play), "copyGps") is None


def test_compare_two_chosen_items_side_by_side(qtbot, gps_window, library, gps_case):
    w = gps_window
    click_case(qtbot, w, gps_case)
    grid = w.case_view.media_tab.grid
    assert w.extra.compare_act.isEnabled()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid_rect(w, 0).center())
    w.extra.compare_act.trigger()  # one selected: explains what to do
    assert "two" in w.statusBar().currentMessage()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=grid_rect(w, 1).center())
    assert len(w.media.selected_rows()) == 2
    w.extra.compare_act.trigger()
    cw = w.extra.compare_window
    assert cw is not None and cw.isVisible()
    a, b = (w.media.model.item(r) for r in w.media.selected_rows())
    assert (cw.left.title.text(), cw.right.title.text()) == (a.name, b.name)
    qtbot.waitUntil(cw.is_showing_full, timeout=10000)
    assert cw.left.canvas.item.pixmap().width() == 800 and cw.right.canvas.item.pixmap().width() == 800

    def fact(pane, name):
        f = pane.facts
        for r in range(f.rowCount()):
            if f.itemAt(r, f.ItemRole.LabelRole).widget().text() == name:
                return f.itemAt(r, f.ItemRole.FieldRole).widget()
        raise KeyError(name)

    gps_left, gps_right = fact(cw.left, "GPS"), fact(cw.right, "GPS")
    assert gps_left.text() != gps_right.text() and "font-weight: 700" in gps_left.styleSheet()
    assert fact(cw.left, "Camera").text() == "Apple iPhone 13" and fact(cw.left, "Camera").styleSheet() == ""
    cw.swap_act.trigger()
    assert cw.left.title.text() == b.name
    names = {m.name for m in list_media(library, case_ref=gps_case)}
    assert {a.name, b.name} == names
    QApplication.processEvents()
