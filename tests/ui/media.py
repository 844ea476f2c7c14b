"""Real media for the window tests, generated with Pillow: textured photos with EXIF, WhatsApp-style copies,
chat exports as ZIP files."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def picture(seed: int, size: tuple[int, int] = (1200, 900)) -> Image.Image:
    rnd = random.Random(seed)
    img = Image.new("RGB", size, tuple(rnd.randrange(60, 200) for _ in range(3)))
    d = ImageDraw.Draw(img)
    w, h = size
    for _ in range(18):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        x1, y1 = x0 + rnd.randrange(w // 8, w // 2), y0 + rnd.randrange(h // 8, h // 2)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        (d.ellipse if rnd.random() < 0.5 else d.rectangle)((x0, y0, x1, y1), fill=colour)
    return img.filter(ImageFilter.SMOOTH)


def jpeg_bytes(img: Image.Image, *, taken: str | None = None, make: str | None = None,
               model: str | None = None, quality: int = 88) -> bytes:
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if taken:
        ifd = exif.get_ifd(0x8769)
        ifd[0x9003] = taken
        ifd[0x9004] = taken
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, exif=exif.tobytes() if taken or make else b"")
    return buf.getvalue()


def whatsapp_copy(img: Image.Image) -> bytes:
    """What WhatsApp makes of a photo: 1600 px long side, quality ~75, no EXIF."""
    small = img.copy()
    small.thumbnail((1600, 1600))
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=75)
    return buf.getvalue()


def photo_folder(folder: Path, n: int, *, seed: int = 100, size: tuple[int, int] = (640, 480),
                 with_exif: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        taken = f"2026:11:{10 + i // 60:02d} {10 + (i // 60) % 10:02d}:{i % 60:02d}:00" if with_exif else None
        data = jpeg_bytes(picture(seed + i, size), taken=taken, make="Google" if with_exif else None,
                          model="Pixel 7" if with_exif else None, quality=80)
        (folder / f"IMG_{seed + i:05d}.jpg").write_bytes(data)
    return folder


def chat_zip(folder: Path, customer: str, files: dict[str, bytes], lines: list[str]) -> Path:
    """An Android WhatsApp export: ``WhatsApp Chat with <customer>.txt`` and the attachments, zipped."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"WhatsApp Chat with {customer}"
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}.txt", "\n".join(lines) + "\n")
        for fname, data in files.items():
            zf.writestr(fname, data)
    return path


def wav(path: Path, seconds: float = 1.5, rate: int = 16000) -> Path:
    """A voice-note stand-in: a mono 16-bit sine tone."""
    import math
    import struct
    import wave

    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 330 * i / rate)))
                               for i in range(int(seconds * rate))))
    return path


def mp4(path: Path, seconds: float = 1.5, fps: int = 15) -> Path:
    """A short MPEG-4 video of a picture panning sideways (PyAV)."""
    from fractions import Fraction

    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    base = picture(77, (800, 360))
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 480, 270, "yuv420p"
        stream.time_base = Fraction(1, fps)
        for i in range(int(seconds * fps)):
            frame = av.VideoFrame.from_image(base.crop((i * 8, 40, i * 8 + 480, 310)))
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
