"""Videos and voice notes play in the viewer; thumbnails missing on disk are made again off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.models.media_grid_model import THUMB_ROLE
from tests.ui.helpers import click_case
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
