"""The viewer: one item at a time, fit and zoom, previous/next by keys, facts with capture-time provenance,
video and voice notes through QtMultimedia (key frames when playback is not available), caption and inclusion,
turning an item for viewing and the PDF (stored and audited; the original untouched), every EXIF tag, and the GPS
position as coordinates to copy.

Full-size pictures are decoded on a worker thread; the thumbnail is shown at once while that happens.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QGuiApplication, QImage, QImageReader, QPixmap, QTransform
from PySide6.QtWidgets import QWidget

from desktop.core.model import MediaInfo, MediaKind
from desktop.services.case_edit import set_rotation
from desktop.services.library import Library
from desktop.services.media_details import exif_table, picture_pixels
from desktop.ui.labels import (
    dup_kind_label,
    flag_label,
    fmt_dt,
    fmt_duration,
    fmt_size,
    media_kind_label,
    source_label,
)
from desktop.ui.media_panel import MediaPanel
from desktop.ui.models.thumbnails import scaled_read
from desktop.ui.shown import shown
from desktop.ui.tasks import INTERACTIVE, THUMBS, WRITER, TaskRunner
from desktop.ui.views.viewer_view import ViewerView

MAX_SIDE = 6000  # larger pictures are decoded reduced: the screen cannot show more


def decode_full(path: Path) -> QImage | None:
    """Worker thread: the picture upright, reduced if enormous."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    reader.setDecideFormatFromContent(True)
    img = scaled_read(reader, MAX_SIDE)
    if img is None:  # HEIF and AVIF (an iPhone's photos): Qt has no reader for them
        got = picture_pixels(path, MAX_SIDE)
        if got is not None:
            data, width, height = got
            img = QImage(data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
    return img


def turned(pm: QPixmap | None, degrees: int) -> QPixmap | None:
    """``pm`` turned ``degrees`` clockwise (the handler's rotation, on top of the EXIF orientation)."""
    if pm is None or pm.isNull() or not degrees % 360:
        return pm
    return pm.transformed(QTransform().rotate(degrees % 360), Qt.TransformationMode.SmoothTransformation)


def coordinates(lat: float, lon: float) -> str:
    """"52.37, 4.89": decimal degrees as maps and route planners take them (up to 6 decimals, ~0.1 m)."""
    def one(v: float) -> str:
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return f"{one(lat)}, {one(lon)}"


class MediaViewer(ViewerView):
    def __init__(self, runner: TaskRunner, media: MediaPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.media = media
        self.lib: Library | None = None
        self.row = -1
        self.current: MediaInfo | None = None
        self._full: OrderedDict[str, QPixmap] = OrderedDict()
        self._loading: set[str] = set()
        self._player = None
        self._audio_out = None
        self._video_widget = None
        self.prev_act.triggered.connect(lambda: self.step(-1))
        self.next_act.triggered.connect(lambda: self.step(1))
        self.fit_act.triggered.connect(self.canvas.fit)
        self.actual_act.triggered.connect(lambda: self.canvas.set_zoom(1.0))
        self.zoom_in_act.triggered.connect(lambda: self.canvas.zoom_by(1.25))
        self.zoom_out_act.triggered.connect(lambda: self.canvas.zoom_by(0.8))
        self.close_act.triggered.connect(self.close)
        self.rotate_left_act.triggered.connect(lambda: self.rotate(-90))
        self.rotate_right_act.triggered.connect(lambda: self.rotate(90))
        self.exif_filter.textChanged.connect(self.filter_exif)
        self.gps_text = ""
        self.canvas.zoom_changed.connect(self._show_position)
        self.caption.editingFinished.connect(self._commit_caption)
        self.included.clicked.connect(self._included_clicked)
        self.player.play.clicked.connect(self._toggle_play)
        self.player.position.sliderMoved.connect(self._seek)
        media.model.modelReset.connect(self._model_reset)

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    # navigation ---------------------------------------------------------------------------------------------
    def show_row(self, row: int) -> None:
        model = self.media.model
        if not 0 <= row < model.rowCount():
            return
        self._commit_caption()
        self._stop()
        self.row = row
        m = self.current = model.item(row)
        self.setWindowTitle(shown(f"{m.name} — Casedesk", one_line=True))
        self._fill_facts(m)
        self.caption.setText(shown(m.caption or ""))
        self.included.setChecked(m.included)
        self.media.select_row(row)
        if m.kind == MediaKind.IMAGE and m.sha256:
            self._show_image(m)
        elif m.kind in (MediaKind.VIDEO, MediaKind.AUDIO) and m.sha256:
            self._show_player(m)
        else:
            self.stage.setCurrentWidget(self.message)
            self.message.setText(self.tr("%1\n\nThis file cannot be shown here; it is listed in the report.")
                                 .replace("%1", media_kind_label(m.kind)))
        self._show_position()
        self._load_exif(m)
        self._preload(row + 1)

    def step(self, delta: int) -> None:
        n = self.media.model.rowCount()
        if n:
            self.show_row(max(0, min(n - 1, self.row + delta)))

    def _show_position(self, *_args: object) -> None:
        n = self.media.model.rowCount()
        zoom = "" if self.stage.currentWidget() is not self.canvas else f" · {self.canvas.zoom * 100:.0f} %"
        self.position.setText(f"  {self.row + 1} / {n}{zoom}  ")

    def _model_reset(self) -> None:
        if self.isVisible() and self.current is not None:
            row = self.media.model.row_of_id(self.current.id)
            if row >= 0:
                self.row = row
                self.current = self.media.model.item(row)
                self._show_position()
            else:
                self.close()

    # pictures -----------------------------------------------------------------------------------------------
    def _show_image(self, m: MediaInfo) -> None:
        assert m.sha256
        self.stage.setCurrentWidget(self.canvas)
        full = self._full.get(m.sha256)
        if full is not None:
            self.canvas.set_pixmap(turned(full, m.rotation))
            return
        self.canvas.set_pixmap(turned(self.media.thumbs.get(m.sha256), m.rotation))  # a preview while decoding
        self._load(m.sha256)

    def _load(self, sha: str) -> None:
        if self.lib is None or sha in self._loading or sha in self._full:
            return
        self._loading.add(sha)
        path = self.lib.original_path(sha)
        self.runner.run(lambda: decode_full(path), pool=THUMBS, name="decode picture",
                        on_done=lambda img, s=sha: self._decoded(s, img),
                        on_error=lambda _e, s=sha: self._loading.discard(s))

    def _decoded(self, sha: str, img: QImage | None) -> None:
        self._loading.discard(sha)
        if img is None:
            if self.current is not None and self.current.sha256 == sha:
                self.stage.setCurrentWidget(self.message)
                self.message.setText(self.tr("This picture cannot be decoded."))
            return
        self._full[sha] = QPixmap.fromImage(img)
        while len(self._full) > 4:
            self._full.popitem(last=False)
        if self.current is not None and self.current.sha256 == sha:
            self.canvas.set_pixmap(turned(self._full[sha], self.current.rotation))
            self._show_position()

    def _preload(self, row: int) -> None:
        model = self.media.model
        if 0 <= row < model.rowCount():
            m = model.item(row)
            if m.kind == MediaKind.IMAGE and m.sha256:
                self._load(m.sha256)

    def is_showing_full(self) -> bool:
        return bool(self.current and self.current.sha256 in self._full)

    # video and audio ----------------------------------------------------------------------------------------
    def _ensure_player(self) -> bool:
        if self._player is not None:
            return True
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError:
            return False
        self._player = QMediaPlayer(self)
        self._audio_out = QAudioOutput(self)
        self._player.setAudioOutput(self._audio_out)
        self._video_widget = QVideoWidget()
        self.player.screen.addWidget(self._video_widget)
        self._player.setVideoOutput(self._video_widget)
        self._player.positionChanged.connect(self._position_changed)
        self._player.durationChanged.connect(lambda d: self.player.position.setRange(0, d))
        self._player.playbackStateChanged.connect(self._state_changed)
        self._player.errorOccurred.connect(self._player_error)
        return True

    def _show_player(self, m: MediaInfo) -> None:
        assert m.sha256 and self.lib is not None
        self.stage.setCurrentWidget(self.player)
        self.player.controls.setEnabled(True)
        self.player.time.setText(f"0:00 / {fmt_duration(m.duration_s) or '?'}")
        self.player.position.setValue(0)
        if not self._ensure_player():
            self._show_key_frames(m)
            return
        assert self._player is not None
        if m.kind == MediaKind.VIDEO:
            self._set_poster(m)
        else:
            self.player.audio_label.setText("♪\n" + shown(m.name))
            self.player.screen.setCurrentWidget(self.player.audio_label)
        self._player.setSource(QUrl.fromLocalFile(str(self.lib.original_path(m.sha256))))

    def _set_poster(self, m: MediaInfo) -> None:
        """The video's key frame (its thumbnail) until it plays."""
        pm = self.media.thumbs.get(m.sha256) if m.sha256 else None
        if pm is not None:  # a thumbnail: at most twice its size, a blurry poster helps nobody
            room = self.player.screen.size() * 0.9
            pm = pm.scaled(room.boundedTo(pm.size() * 2), Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
            self.player.poster.setPixmap(pm)
        else:
            self.player.poster.setText("▶")
        self.player.screen.setCurrentWidget(self.player.poster)

    def _show_key_frames(self, m: MediaInfo) -> None:
        """No playback here: show what we have of the video (its key frame)."""
        self.player.controls.setEnabled(False)
        if m.kind == MediaKind.VIDEO:
            self._set_poster(m)
        else:
            self.player.screen.setCurrentWidget(self.player.audio_label)

    def _toggle_play(self) -> None:
        if self._player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()
        else:
            self._player.play()

    def _seek(self, ms: int) -> None:
        if self._player is not None:
            self._player.setPosition(ms)

    def _position_changed(self, ms: int) -> None:
        if not self.player.position.isSliderDown():
            self.player.position.setValue(ms)
        total = self._player.duration() if self._player is not None else 0
        self.player.time.setText(f"{fmt_duration(ms / 1000)} / {fmt_duration(total / 1000)}")

    def _state_changed(self, state) -> None:  # noqa: ANN001
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.player.play.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing and self.current is not None and self.current.kind == MediaKind.VIDEO:
            self.player.screen.setCurrentWidget(self._video_widget)

    def _player_error(self, _error, text: str) -> None:  # noqa: ANN001
        if self.current is not None:
            self._show_key_frames(self.current)
            self.player.time.setText(self.tr("Playback not available: %1").replace("%1", text))

    def is_playing(self) -> bool:
        if self._player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def _stop(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())

    # facts, caption, inclusion ------------------------------------------------------------------------------
    def _fill_facts(self, m: MediaInfo) -> None:
        self.clear_facts()
        self.title.setText(shown(m.name))
        add = self.add_fact
        add(self.tr("Kind"), media_kind_label(m.kind) + (f" ({m.format})" if m.format else ""))
        taken = fmt_dt(m.taken_at, m.taken_date_only)
        add(self.tr("Taken"), f"{taken}\n" + self.tr("source: %1").replace("%1", source_label(m.taken_at_source)),
            warn=m.taken_at_source in ("received", "file"))
        add(self.tr("Received"), fmt_dt(m.received_at))
        if m.sender:
            add(self.tr("Sent by"), m.sender)
        if m.camera:
            add(self.tr("Camera"), m.camera)
        if m.software:
            add(self.tr("Software"), m.software, warn="edited" in m.flags)
        if m.width and m.height:
            add(self.tr("Size"), f"{m.width} × {m.height} px · {fmt_size(m.size)}")
        elif m.size is not None:
            add(self.tr("Size"), fmt_size(m.size))
        if m.duration_s:
            add(self.tr("Duration"), fmt_duration(m.duration_s))
        self.gps_text = coordinates(*m.gps) if m.gps else ""
        if m.gps:
            copy = self.add_button_fact(self.tr("GPS"), self.gps_text, self.tr("Copy"), "copyGps")
            copy.setToolTip(self.tr("Copy the coordinates, to paste into a map"))
            copy.clicked.connect(self.copy_gps)
        if m.rotation:
            add(self.tr("Turned"), self.tr("%1° clockwise (for viewing and the PDF; the original is unchanged)")
                .replace("%1", str(m.rotation)))
        for f in m.flags:
            add(self.tr("Flag"), flag_label(f), warn=True)
        if m.duplicate_of_id is not None:
            state = self.tr("set aside") if m.set_aside else self.tr("kept")
            add(self.tr("Duplicate"), f"{dup_kind_label(m.duplicate_kind)} · {state}")
        if m.sha256:
            add(self.tr("SHA-256"), f"{m.sha256[:32]}\n{m.sha256[32:]}")
        add(self.tr("Case"), m.case_ref)

    def copy_gps(self) -> None:
        if self.gps_text:
            QGuiApplication.clipboard().setText(self.gps_text)
            self.position.setText("  " + self.tr("Copied: %1").replace("%1", self.gps_text) + "  ")

    # turning ------------------------------------------------------------------------------------------------
    def rotate(self, delta: int) -> None:
        """Turn the current item a quarter (clockwise for +90): shown at once, stored and audited on the writer
        thread (``case_edit.set_rotation``, an undoable action)."""
        m = self.current
        if m is None or self.lib is None or m.kind not in (MediaKind.IMAGE, MediaKind.VIDEO):
            return
        degrees = (m.rotation + delta) % 360
        lib, media_id = self.lib, m.id
        self.media.model.update_item(media_id, rotation=degrees)
        m.rotation = degrees
        if m.kind == MediaKind.IMAGE and m.sha256:
            self._show_image(m)
        self._fill_facts(m)
        self.runner.run(lambda: set_rotation(lib, media_id, degrees), pool=WRITER, name="rotate",
                        on_done=lambda _r: self.media.changed.emit())

    # EXIF ---------------------------------------------------------------------------------------------------
    def _load_exif(self, m: MediaInfo) -> None:
        self.set_exif_rows([])
        if self.lib is None or not m.sha256:
            self.exif_note.setText(self.tr("No original to read."))
            return
        self.exif_note.setText(self.tr("Reading…"))
        lib, media_id = self.lib, m.id
        self.runner.run(lambda: exif_table(lib, media_id), pool=INTERACTIVE, key="viewer-exif", name="read EXIF",
                        on_done=lambda rows, i=media_id: self._exif_read(i, rows),
                        on_error=lambda _e: self.exif_note.setText(self.tr("The EXIF data cannot be read.")))

    def _exif_read(self, media_id: int, rows: list[tuple[str, str, str]]) -> None:
        if self.current is None or self.current.id != media_id:
            return
        self.set_exif_rows(rows)
        self.exif.setVisible(bool(rows))
        self.exif_filter.setVisible(bool(rows))
        self.exif_note.setText(self.tr("%n tag(s)", "", len(rows)) if rows else
                               self.tr("This file carries no EXIF data (WhatsApp and many apps remove it)."))

    def _commit_caption(self) -> None:
        m = self.current
        if m is None:
            return
        text = self.caption.text().strip()
        if text != (m.caption or "") and text != shown(m.caption or ""):  # what the field was given is no edit
            self.media.set_caption(m.id, text)

    def _included_clicked(self, checked: bool) -> None:
        if self.current is not None:
            self.media.set_included(self.current.id, checked)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_caption()
        self._stop()
        self.current = None
        super().closeEvent(event)
