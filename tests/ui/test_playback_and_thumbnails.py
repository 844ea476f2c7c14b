"""Videos and voice notes play in the viewer; thumbnails missing on disk are made again off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.models.media_grid_model import THUMB_ROLE
from tests.ui.helpers import click_case, import_and_open
from tests.ui.media import mp4, photo_folder, wav


def _import(qtbot, w, folder):  # noqa: ANN001
    dlg = w.start_import([folder])
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    assert not dlg.report.rejected, dlg.report.rejected
    ref = dlg.report.cases[0]
    dlg.close()
    qtbot.waitUntil(lambda: w.cases.model.row_of(ref) >= 0, timeout=5000)
    click_case(qtbot, w, ref)
    return ref


# A test machine has no sound card, no VA-API driver, no PipeWire and no GPU: QtMultimedia's FFmpeg backend says
# so when it looks for them, and plays on in software.
HEADLESS_MULTIMEDIA = (
    r"^Couldn't (load|resolve) (va|va-x11|va-drm|va\(in plugin\)|pipewire-[\d.]+) (library|symbols)$",
    r"^PulseAudioService: pa_context_connect\(\) failed$",
    r"^No audio device detected$",
    r"ensureRhi\(QRhi::Implementation\) : No RHI backend\. Using CPU conversion\.$",
)


@pytest.mark.qt_log_ignore(*HEADLESS_MULTIMEDIA)
def test_video_and_voice_note_play(qtbot, empty_window, tmp_path):
    w = empty_window
    folder = tmp_path / "clips"
    mp4(folder / "VID_20261116_094110.mp4")
    wav(folder / "PTT-20261116-WA0001.wav")
    _import(qtbot, w, folder)
    kinds = {m.kind: i for i, m in enumerate(w.media.model.items())}
    assert set(kinds) == {"video", "audio"}
    v = w.viewer
    w.view_row(kinds["video"])
    assert v.stage.currentWidget() is v.player
    assert v.player.screen.currentWidget() is v.player.poster  # the key frame until it plays
    qtbot.mouseClick(v.player.play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(v.is_playing, timeout=10000)
    qtbot.waitUntil(lambda: v.player.position.value() > 0, timeout=10000)
    assert v.player.screen.currentWidget() is v._video_widget
    assert v.player.play.text() == "Pause"
    qtbot.keyClick(v, Qt.Key.Key_Right if kinds["audio"] > kinds["video"] else Qt.Key.Key_Left)
    assert v.current.kind == "audio" and not v.is_playing()
    assert v.player.screen.currentWidget() is v.player.audio_label
    qtbot.mouseClick(v.player.play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: v.player.position.value() > 0, timeout=10000)
    v.close()
    assert not v.is_playing()


def test_missing_thumbnails_are_rebuilt_on_disk(qtbot, empty_window, empty_library, tmp_path):
    w = empty_window
    _import(qtbot, w, photo_folder(tmp_path / "p", 4, seed=3000))
    shas = [m.sha256 for m in w.media.model.items()]
    for sha in shas:  # as in a library whose thumbnail folder was lost
        empty_library.thumb_path(sha).unlink()
    w.thumbs._mem.clear()
    w.media.set_media(w.media.model.all_items())
    qtbot.waitUntil(lambda: all(w.media.model.index(r).data(THUMB_ROLE) is not None for r in range(4)),
                    timeout=10000)
    assert all(empty_library.thumb_path(sha).is_file() for sha in shas)


def test_a_long_problem_and_a_name_with_a_line_break_stay_on_their_tile(qtbot, empty_window, tmp_path):
    """A kept file's reason ("picture too large to open safely (decompression bomb)") is its tile's badge: it
    used to run over the next tile; a name with a line break showed on two lines."""
    import struct
    import zlib

    from PySide6.QtGui import QColor

    from desktop.ui.views.media_grid_view import _FLAG_BG, THUMB
    from tests.gen import jpeg

    w = empty_window
    folder = tmp_path / "in"
    jpeg(folder / "ok.jpg", seed=1, taken="2024:03:14 10:12:33")
    jpeg(folder / "two\nlines.jpg", seed=2, taken="2024:03:14 10:12:40")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)  # 10 gigapixels: refused, kept
    (folder / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    import_and_open(qtbot, w, folder)
    items = w.media.model.items()
    row = next(i for i, m in enumerate(items) if m.name == "bomb.png")
    assert any("decompression bomb" in f for f in items[row].flags)
    grid = w.case_view.media_tab.grid
    idx = w.media.model.index(row)
    grid.scrollTo(idx)
    qtbot.wait(50)
    cell = grid.visualRect(idx)
    image = grid.viewport().grab().toImage()
    box_left = cell.left() + 4 + (cell.width() - 8 - THUMB) // 2
    box_right = box_left + THUMB - 1
    flag = QColor(_FLAG_BG).rgb()
    inside = sum(image.pixel(x, y) == flag for x in range(box_left, box_right + 1)
                 for y in range(cell.top(), min(image.height(), cell.top() + THUMB + 8)))
    outside = sum(image.pixel(x, y) == flag for x in range(box_right + 1, min(image.width(), box_right + 200))
                  for y in range(cell.top(), min(image.height(), cell.top() + THUMB + 8)))
    assert inside > 50 and outside == 0, (inside, outside)
    from desktop.ui.shown import shown  # the name under the tile, as the delegate draws it

    assert shown("two\nlines.jpg", one_line=True) == "two lines.jpg"
