"""Thumbnails for the grid: decoded off the GUI thread in batches, cached in memory and on disk.

The probe writes a 320 px JPEG per original into the library's thumbnail folder at import. When one is absent
(an older library, or a format the probe could not render) the worker decodes the original once with Qt's
reduced JPEG decode and writes the missing thumbnail, so the next start finds it on disk.
Only ``QImage`` crosses threads; the GUI thread turns it into a ``QPixmap`` (a copy, no decode).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from desktop.services import scratch
from desktop.ui.tasks import THUMBS, TaskRunner

DISK_SIDE = 320
MAX_BATCH = 64
MAX_INFLIGHT = 2


def read_thumbnail(thumb: Path, original: Path | None, side: int) -> QImage | None:
    """A QImage whose long side is at most ``side``; creates the disk thumbnail from ``original`` if needed.

    Runs on a worker thread (QImage and QImageReader are safe there; QPixmap is not).
    """
    if thumb.is_file():
        reader = QImageReader(str(thumb))
        reader.setAutoTransform(True)
        img = scaled_read(reader, side)
        if img is not None:
            return img
    if original is None or not original.is_file():
        return None
    reader = QImageReader(str(original))
    reader.setAutoTransform(True)
    reader.setDecideFormatFromContent(True)
    if not reader.canRead():
        return None
    img = scaled_read(reader, DISK_SIDE)
    if img is None:
        return None
    try:
        thumb.parent.mkdir(parents=True, exist_ok=True)
        tmp = scratch.temp_name(thumb)
        if img.save(str(tmp), "JPEG", 80):
            os.replace(tmp, thumb)
    except OSError:
        pass
    if max(img.width(), img.height()) > side:
        img = img.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return img


def scaled_read(reader: QImageReader, side: int) -> QImage | None:
    """The reader's picture with its long side at most ``side``, or None when it cannot be decoded."""
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        size.scale(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)
        # a picture of 1 x 20,000 px reduces to 0 x 320: Qt reads nothing at a size of 0, so keep one pixel
        size = QSize(max(1, size.width()), max(1, size.height()))
        reader.setScaledSize(size)
    img = reader.read()
    return None if img.isNull() else img


class ThumbnailCache(QObject):
    """Asks for thumbnails by SHA-256; emits ``ready(list_of_sha)`` when a batch is in memory.

    Requests are served newest first (what the user scrolled to now), in batches that double in size
    while the queue is long, so a fast scroll through 5,000 items does not queue 5,000 decodes.
    """

    ready = Signal(list)

    def __init__(self, runner: TaskRunner, locate: Callable[[str], tuple[Path, Path | None]], side: int,
                 capacity: int = 1500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.locate = locate  # sha -> (thumbnail path, original path or None)
        self.side = side
        self.capacity = capacity
        self._mem: OrderedDict[str, QPixmap] = OrderedDict()
        self._failed: set[str] = set()
        self._queue: list[str] = []
        self._queued: set[str] = set()
        self._inflight: set[str] = set()
        self._batches = 0
        self._batch_size = 8
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._flush)

    def get(self, sha: str) -> QPixmap | None:
        pm = self._mem.get(sha)
        if pm is not None:
            self._mem.move_to_end(sha)
            return pm
        if sha not in self._failed and sha not in self._inflight:
            if sha in self._queued:
                self._queue.remove(sha)
            self._queued.add(sha)
            self._queue.append(sha)
            if not self._timer.isActive():
                self._timer.start()
        return None

    def failed(self, sha: str) -> bool:
        return sha in self._failed

    def forget_queue(self) -> None:
        """Drop requests not yet started (the model was reset: those rows are gone)."""
        self._queue.clear()
        self._queued.clear()

    def pending(self) -> int:
        return len(self._queue) + len(self._inflight)

    def _flush(self) -> None:
        while self._queue and self._batches < MAX_INFLIGHT:
            n = min(self._batch_size, len(self._queue))
            batch = self._queue[-n:][::-1]
            del self._queue[-n:]
            self._queued.difference_update(batch)
            # requests far behind the newest are stale (scrolled past): keep at most a few screens
            if len(self._queue) > 600:
                for sha in self._queue[:-600]:
                    self._queued.discard(sha)
                del self._queue[:-600]
            self._inflight.update(batch)
            self._batches += 1
            jobs = [(sha, *self.locate(sha)) for sha in batch]
            self.runner.run(lambda jobs=jobs, side=self.side: [(sha, read_thumbnail(t, o, side)) for sha, t, o in jobs],
                            pool=THUMBS, name="thumbnails", on_done=self._arrived,
                            on_error=lambda _e, b=batch: self._arrived([(s, None) for s in b]))
            if len(self._queue) > self._batch_size:
                self._batch_size = min(MAX_BATCH, self._batch_size * 2)

    def _arrived(self, results: list[tuple[str, QImage | None]]) -> None:
        self._batches -= 1
        done = []
        for sha, img in results:
            self._inflight.discard(sha)
            if img is None:
                self._failed.add(sha)
            else:
                self._mem[sha] = QPixmap.fromImage(img)
                if len(self._mem) > self.capacity:
                    self._mem.popitem(last=False)
            done.append(sha)
        if not self._queue:
            self._batch_size = 8
        self.ready.emit(done)
        self._flush()
