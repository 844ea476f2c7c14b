"""Videos and sound generated with PyAV itself: duration, display size, codec, creation time, key frames."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from desktop.core.model import MediaKind
from desktop.media.video import AVError, inspect_av, keyframes, parse_creation_time

GOP_COLOURS = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (200, 200, 30)]


def make_mp4(
    codec: str = "h264",
    *,
    size: tuple[int, int] = (160, 96),
    fps: int = 10,
    gop: int = 5,
    gops: int = 4,
    rotation: int | None = None,
    creation_time: str | None = "2024-03-14T10:12:33.000000Z",
    container: str = "mp4",
) -> bytes:
    """A short video: each GOP (one key frame each) has its own colour and a white square in the top-left corner."""
    width, height = size
    buf = io.BytesIO()
    with av.open(buf, "w", format=container) as out:
        if creation_time:
            out.metadata["creation_time"] = creation_time
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"g": str(gop), "keyint_min": str(gop), "sc_threshold": "0"}
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for i in range(gop * gops):
            frame = np.zeros((height, width, 3), np.uint8)
            frame[:] = GOP_COLOURS[(i // gop) % len(GOP_COLOURS)]
            frame[: height // 3, : width // 4] = 255
            video_frame = av.VideoFrame.from_ndarray(frame, format="rgb24")
            video_frame.pts, video_frame.time_base = i, Fraction(1, fps)
            for packet in stream.encode(video_frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


def make_audio(codec: str = "libopus", fmt: str = "ogg", seconds: float = 1.5, rate: int = 48000) -> bytes:
    """A sine tone in the given container (Opus in Ogg: a WhatsApp voice note)."""
    buf = io.BytesIO()
    with av.open(buf, "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        chunk, pts = 960, 0
        while pts < seconds * rate:
            samples = (np.sin(np.arange(pts, pts + chunk) / 8) * 8000).astype(np.int16).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
            frame.sample_rate, frame.pts = rate, pts
            pts += chunk
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


def _dominant(img) -> tuple[int, int, int]:
    arr = np.asarray(img.convert("RGB"), dtype=np.int32)
    return tuple(int(v) for v in np.median(arr.reshape(-1, 3), axis=0))


def _close(a, b, tol: int = 40) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def test_mp4_metadata_and_one_key_frame_per_quarter() -> None:
    info = inspect_av(io.BytesIO(make_mp4()))
    assert info.kind == MediaKind.VIDEO
    assert info.duration_s == pytest.approx(2.0, abs=0.15)
    assert (info.width, info.height, info.codec) == (160, 96, "h264")
    assert info.created_at == datetime(2024, 3, 14, 10, 12, 33, tzinfo=UTC)
    assert len(info.frames) == 4
    # Seeking to 0, 1/4, 2/4, 3/4 of the duration lands on the four GOPs: four different colours, in order.
    for frame, colour in zip(info.frames, GOP_COLOURS, strict=True):
        assert _close(_dominant(frame), colour)


def test_display_rotation_swaps_size_and_turns_frames_upright(tmp_path: Path) -> None:
    path = tmp_path / "portrait.mp4"
    path.write_bytes(make_mp4(rotation=90))
    info = inspect_av(path)
    assert (info.rotation, info.width, info.height) == (90, 96, 160)
    frame = np.asarray(info.frames[0].convert("L"))
    assert frame.shape == (160, 96)
    # Stored top-left corner square, turned 90 degrees counter-clockwise (as ffmpeg's autorotate shows it).
    assert frame[-10, 10] > 200 and frame[10, 10] < 200


def test_mpeg4_without_creation_time_in_matroska() -> None:
    info = inspect_av(io.BytesIO(make_mp4("mpeg4", creation_time=None, container="matroska")))
    assert (info.kind, info.codec, info.width, info.height) == (MediaKind.VIDEO, "mpeg4", 160, 96)
    assert info.created_at is None and info.duration_s == pytest.approx(2.0, abs=0.15)


def test_keyframes_function(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(make_mp4(size=(1280, 720)))
    frames = keyframes(path, n=3)
    assert len(frames) == 3 and max(frames[0].size) == 512


def test_opus_voice_note_is_audio_with_duration() -> None:
    info = inspect_av(io.BytesIO(make_audio()))
    assert info.kind == MediaKind.AUDIO and info.codec == "opus"
    assert info.duration_s == pytest.approx(1.5, abs=0.1)
    assert info.frames == [] and info.width is None


def test_wav_is_audio() -> None:
    info = inspect_av(io.BytesIO(make_audio("pcm_s16le", "wav", seconds=0.6, rate=8000)))
    assert info.kind == MediaKind.AUDIO and info.duration_s == pytest.approx(0.6, abs=0.01)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-14T10:12:33.000000Z", datetime(2024, 3, 14, 10, 12, 33, tzinfo=UTC)),
        ("2024-03-14T11:12:33+0100", datetime(2024, 3, 14, 10, 12, 33, tzinfo=UTC)),
        ("2024-03-14 10:12:33", datetime(2024, 3, 14, 10, 12, 33, tzinfo=UTC)),
    ],
)
def test_parse_creation_time(text: str, expected: datetime) -> None:
    assert parse_creation_time(text) == expected


@pytest.mark.parametrize("text", ["1970-01-01T00:00:00.000000Z", "1904-01-01T00:00:00Z", "not a date"])
def test_parse_creation_time_rejects_unset_and_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_creation_time(text)


def test_garbage_is_an_av_error() -> None:
    with pytest.raises(AVError):
        inspect_av(io.BytesIO(b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 8))
