"""Generate real media files for tests: textured JPEGs with EXIF, PNGs, ZIPs."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


def picture(size: tuple[int, int] = (640, 480), seed: int = 0) -> Image.Image:
    """A textured picture: shapes and noise, different for every seed."""
    rnd = random.Random(seed)
    img = Image.new("RGB", size, tuple(rnd.randrange(256) for _ in range(3)))
    d = ImageDraw.Draw(img)
    w, h = size
    for _ in range(25):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        x1, y1 = x0 + rnd.randrange(w // 8, w // 2), y0 + rnd.randrange(h // 8, h // 2)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        (d.ellipse if rnd.random() < 0.5 else d.rectangle)((x0, y0, x1, y1), fill=colour)
    # noise from the seed too (Pillow's effect_noise draws from the C library's one global rand(): the same seed
    # gave another picture depending on what had drawn noise before it in the test run)
    grain = np.random.default_rng(seed).normal(128, 40, (h, w)).clip(0, 255).astype(np.uint8)
    noise = Image.fromarray(grain).convert("RGB")
    return Image.blend(img, noise, 0.15).filter(ImageFilter.SMOOTH)


def jpeg(
    path: Path,
    *,
    size: tuple[int, int] = (640, 480),
    seed: int = 0,
    taken: str | None = None,  # "YYYY:MM:DD HH:MM:SS"
    offset: str | None = None,  # "+02:00"
    subsec: str | None = None,
    make: str | None = None,
    model: str | None = None,
    software: str | None = None,
    orientation: int | None = None,
    quality: int = 85,
) -> Path:
    img = picture(size, seed)
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if software:
        exif[0x0131] = software
    if orientation:
        exif[0x0112] = orientation
    ifd = exif.get_ifd(0x8769)
    if taken:
        ifd[0x9003] = taken
        ifd[0x9004] = taken
    if offset:
        ifd[0x9011] = offset
    if subsec:
        ifd[0x9291] = subsec
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, exif=exif.tobytes() if len(exif) or ifd else b"")
    return path


def zip_of(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, (2024, 3, 14, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


_MEDIA_CACHE: dict[str, bytes] = {}


def media_file_bytes(name: str, seed: int, workdir: Path) -> bytes:
    """Real bytes for an attachment name: a JPEG, WebP, MP4, Opus/M4A sound or PDF; vCard text otherwise."""
    import io

    ext = name.rsplit(".", 1)[-1].lower()
    if ext in ("jpg", "jpeg"):
        return jpeg(workdir / f"_gen_{seed}.jpg", seed=seed, size=(320, 240)).read_bytes()
    if ext == "webp":
        buf = io.BytesIO()
        picture((96, 96), seed).save(buf, "WEBP")
        return buf.getvalue()
    if ext == "pdf":
        return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
                b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n") + str(seed).encode()
    if ext in ("mp4", "opus", "ogg", "m4a", "mp3"):
        if ext not in _MEDIA_CACHE:
            _MEDIA_CACHE[ext] = _av_media(ext, workdir)
        return _MEDIA_CACHE[ext]
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:Sample {seed}\nEND:VCARD\n".encode()


def _av_media(ext: str, workdir: Path) -> bytes:
    from fractions import Fraction

    import av
    import numpy as np

    path = workdir / f"_gen.{ext}"
    workdir.mkdir(parents=True, exist_ok=True)
    if ext == "mp4":
        with av.open(str(path), "w", format="mp4") as out:
            st = out.add_stream("mpeg4", rate=10)
            st.width, st.height, st.pix_fmt = 160, 120, "yuv420p"
            for i in range(10):
                frame = av.VideoFrame.from_image(picture((160, 120), i))
                for pkt in st.encode(frame):
                    out.mux(pkt)
            for pkt in st.encode():
                out.mux(pkt)
        return path.read_bytes()
    codec, fmt = {"opus": ("libopus", "ogg"), "ogg": ("libopus", "ogg"), "m4a": ("aac", "mp4"),
                  "mp3": ("libmp3lame", "mp3")}[ext]
    with av.open(str(path), "w", format=fmt) as out:
        st = out.add_stream(codec, rate=48000)
        st.layout = "mono"
        t = np.arange(48000, dtype=np.float32) / 48000
        samples = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        for i in range(0, 48000, 960):
            frame = av.AudioFrame.from_ndarray(samples[None, i:i + 960], format="flt", layout="mono")
            frame.sample_rate = 48000
            frame.time_base = Fraction(1, 48000)
            frame.pts = i
            for pkt in st.encode(frame):
                out.mux(pkt)
        for pkt in st.encode():
            out.mux(pkt)
    return path.read_bytes()


def padded_video(path: Path, size: int, workdir: Path) -> Path:
    """A real MP4 made ``size`` bytes long by a trailing ``free`` box (sparse where the filesystem allows): a big
    video in seconds, readable by any player, for memory and speed measurements."""
    data = media_file_bytes("clip.mp4", 0, workdir)
    pad = size - len(data)
    assert 8 <= pad < 2**32, "a 32-bit box size"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data + pad.to_bytes(4, "big") + b"free")
        f.truncate(size)
    return path


def mail_with_attachment(path: Path, data: bytes, filename: str, content_type: str = "application/pdf") -> Path:
    """An e-mail from a customer with one attachment (base64, as mail programs send it)."""
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"] = "Sophie Bakker <sophie@example.nl>"
    m["To"] = "schade@verzekeraar.nl"
    m["Subject"] = "Schade keuken"
    m["Date"] = "Thu, 14 Mar 2024 10:12:33 +0100"
    m["Message-ID"] = f"<{filename}@example.nl>"
    m.set_content("Zie de bijlage.")
    main, sub = content_type.split("/")
    m.add_attachment(data, maintype=main, subtype=sub, filename=filename)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(m.as_bytes())
    return path
