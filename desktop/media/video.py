"""Videos and sound recordings with PyAV: duration, display size, codec, container creation time, key frames.

``inspect_av(source)`` opens the container once, reads the metadata and decodes only a few key frames: it seeks to
fixed fractions of the duration (0, 1/n, 2/n, ...) with the decoder told to skip every non-key frame, so the cost
does not grow with the length of the video. Frames come back upright (display matrix applied) and reduced.
``keyframes(source, n)`` is the same, frames only. Errors from FFmpeg are raised as ``AVError``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PIL import Image

from desktop.core.model import MediaKind

if TYPE_CHECKING:
    import av

log = logging.getLogger(__name__)

FRAME_SIDE = 512  # long side of the key frames handed to fingerprints and thumbnails
_CREATION_KEYS = ("creation_time", "com.apple.quicktime.creationdate", "date")
_EARLIEST_PLAUSIBLE = datetime(1971, 1, 1, tzinfo=UTC)  # 0 in the MP4 (1904) or Unix (1970) epoch = unset

Source = str | Path | BinaryIO


class AVError(Exception):
    """The container or its streams cannot be read."""


def _av():  # noqa: ANN202 - the av module
    """PyAV, imported when a video or sound file first needs it: 50 ms of every command's start otherwise."""
    import av  # noqa: PLC0415

    return av


def _why(exc: Exception) -> str:
    """FFmpeg's reason without its error number and placeholder name ("Invalid data found when processing
    input", not "[Errno 1094995529] Invalid data found when processing input: '<none>'")."""
    return getattr(exc, "strerror", None) or str(exc)


@dataclass
class AVInfo:
    """What one pass over a video or sound file tells."""

    kind: MediaKind
    duration_s: float | None = None
    width: int | None = None  # as displayed (rotation applied)
    height: int | None = None
    rotation: int = 0  # degrees counter-clockwise the stored frames are turned for display
    codec: str | None = None
    created_at: datetime | None = None  # container creation time, aware UTC
    frames: list[Image.Image] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_creation_time(text: str) -> datetime:
    """'2024-03-14T10:12:33.000000Z', '2024-03-14T11:12:33+0100' or naive (taken as UTC) -> aware UTC datetime.

    Raises ValueError for unparseable text and for the epoch-zero values that mean "not set".
    """
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if value < _EARLIEST_PLAUSIBLE:
        raise ValueError(f"creation time not set ({text})")
    return value


def _creation_time(
    container: av.container.InputContainer, stream: av.stream.Stream | None, out: AVInfo
) -> None:
    sources = [container.metadata] + ([stream.metadata] if stream is not None else [])
    for key in _CREATION_KEYS:
        for meta in sources:
            text = meta.get(key)
            if not text:
                continue
            try:
                out.created_at = parse_creation_time(text)
                return
            except ValueError as exc:
                out.warnings.append(f"video {key} ignored: {exc}")


def _duration(container: av.container.InputContainer, stream: av.stream.Stream) -> float | None:
    av = _av()
    if container.duration is not None and container.duration > 0:
        return container.duration / av.time_base
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    # Neither header knows: demux (no decoding) and take the end of the last packet.
    end = None
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base is not None:
            stop = float((packet.pts + (packet.duration or 0)) * packet.time_base)
            end = stop if end is None else max(end, stop)
    try:
        container.seek(0)
    except av.error.FFmpegError:
        pass
    return end


def _is_picture_stream(stream: av.stream.Stream) -> bool:
    """Cover art in MP3/M4A files shows up as a one-picture video stream."""
    av = _av()
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _to_image(frame: av.VideoFrame, side: int) -> Image.Image:
    """The frame reduced so its long side is at most ``side``, then turned upright."""
    scale = min(1.0, side / max(frame.width, frame.height))
    width, height = max(2, round(frame.width * scale)), max(2, round(frame.height * scale))
    img = frame.to_image(width=width, height=height)
    rotation = round(frame.rotation or 0) % 360
    if rotation == 90:
        img = img.transpose(Image.Transpose.ROTATE_90)
    elif rotation == 180:
        img = img.transpose(Image.Transpose.ROTATE_180)
    elif rotation == 270:
        img = img.transpose(Image.Transpose.ROTATE_270)
    elif rotation:
        img = img.rotate(rotation, expand=True)
    return img


def _first_frame(container: av.container.InputContainer, stream: av.stream.Stream) -> av.VideoFrame | None:
    av = _av()
    try:
        for frame in container.decode(stream):
            return frame
    except av.error.EOFError:
        return None
    return None


def _grab_keyframes(container, stream, duration: float | None, n: int, side: int, out: AVInfo) -> None:
    av = _av()
    stream.codec_context.skip_frame = "NONKEY"
    first = _first_frame(container, stream)
    if first is None:
        raise AVError("no picture could be decoded")
    out.rotation = round(first.rotation or 0) % 360
    width, height = first.width, first.height
    out.width, out.height = (height, width) if out.rotation in (90, 270) else (width, height)
    out.frames.append(_to_image(first, side))
    if not duration or n <= 1:
        return
    start = stream.start_time or 0
    for i in range(1, n):
        target = start + int(duration * i / n / stream.time_base)
        try:
            container.seek(target, stream=stream, backward=True, any_frame=False)
            frame = _first_frame(container, stream)
        except av.error.FFmpegError as exc:
            out.warnings.append(f"key frame at {i}/{n} of the video unreadable: {exc}")
            frame = None
        if frame is not None:
            out.frames.append(_to_image(frame, side))


def _open(source: Source) -> av.container.InputContainer:
    av = _av()
    try:
        return av.open(str(source) if isinstance(source, Path) else source, mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise AVError(_why(exc)) from exc


def inspect_av(source: Source, n_frames: int = 4, side: int = FRAME_SIDE) -> AVInfo:
    """Metadata and ``n_frames`` upright key frames of a video (none for sound). Raises ``AVError``."""
    av = _av()
    container = _open(source)
    try:
        videos = [s for s in container.streams.video if not _is_picture_stream(s)]
        audios = list(container.streams.audio)
        if not videos and not audios:
            raise AVError("no audio or video stream")
        stream = videos[0] if videos else audios[0]
        out = AVInfo(kind=MediaKind.VIDEO if videos else MediaKind.AUDIO)
        out.codec = stream.codec_context.name if stream.codec_context else None
        _creation_time(container, stream, out)
        out.duration_s = _duration(container, stream)
        if videos and n_frames > 0:
            _grab_keyframes(container, stream, out.duration_s, n_frames, side, out)
        elif videos:
            out.width, out.height = stream.codec_context.width or None, stream.codec_context.height or None
        return out
    except av.error.FFmpegError as exc:
        raise AVError(_why(exc)) from exc
    finally:
        container.close()


def keyframes(source: Source, n: int = 4, side: int = FRAME_SIDE) -> list[Image.Image]:
    """``n`` upright key frames at fractions 0, 1/n, ... of the duration (fewer if the video is damaged)."""
    return inspect_av(source, n_frames=n, side=side).frames
