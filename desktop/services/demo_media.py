"""Generated sample media for the demo library: invented people, drawn pictures, a short video.

Nothing here comes from a real customer or a real camera.
"""

from __future__ import annotations

import io
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont


def scene(kind: str, seed: int, size: tuple[int, int] = (2400, 1800)) -> Image.Image:
    """A drawn room: floor, wall, a cupboard and a stain, with a caption in the corner."""
    rnd = random.Random(seed)
    w, h = size
    wall = {"kitchen": (226, 221, 205), "bathroom": (205, 222, 230), "hotel": (236, 224, 200)}.get(kind, (220,) * 3)
    # light falling in from one side: a room's wall is never one flat colour (a flat band reads as a screen's frame)
    shade = Image.linear_gradient("L").rotate(90).resize(size)  # bright left, dark right
    img = Image.composite(Image.new("RGB", size, wall), Image.new("RGB", size, tuple(int(c * 0.78) for c in wall)),
                          shade)
    d = ImageDraw.Draw(img)
    floor_y = int(h * rnd.uniform(0.55, 0.7))
    d.rectangle((0, floor_y, w, h), fill=(150 + rnd.randrange(40), 120, 90))
    for x in range(0, w, w // 12):  # floor tiles
        d.line((x, floor_y, x - w // 6, h), fill=(120, 95, 70), width=6)
    cx = rnd.randrange(w // 8, w // 2)
    d.rectangle((cx, floor_y - h // 3, cx + w // 3, floor_y), fill=(250, 250, 245), outline=(90, 90, 90), width=8)
    d.ellipse((cx + w // 12, floor_y - h // 4, cx + w // 4, floor_y - h // 12), fill=(60, 70, 80))
    sx, sy = rnd.randrange(w // 3, w - w // 4), rnd.randrange(floor_y, h - h // 8)
    for _ in range(40):  # the damage: a stain of water or dirt
        r = rnd.randrange(w // 60, w // 14)
        ox, oy = rnd.gauss(0, w / 16), rnd.gauss(0, h / 30)
        d.ellipse((sx + ox - r, sy + oy - r / 2, sx + ox + r, sy + oy + r / 2), fill=(70, 80, 110))
    # sensor noise from the scene's own seed (Pillow's effect_noise draws from the C library's one global rand():
    # the same scene came out differently depending on what had drawn noise before it in the process)
    grain = np.random.default_rng(seed).normal(128, 30, (h, w)).clip(0, 255).astype(np.uint8)
    noise = Image.fromarray(grain).convert("RGB")
    img = Image.blend(img, noise, 0.08).filter(ImageFilter.SMOOTH)
    try:
        font = ImageFont.load_default(size=max(24, h // 30))
    except TypeError:
        font = ImageFont.load_default()
    ImageDraw.Draw(img).text((w // 40, h // 40), f"{kind} · sample {seed}", fill=(40, 40, 40), font=font)
    return img


def camera_jpeg(img: Image.Image, taken: str, *, make: str = "Google", model: str = "Pixel 7",
                offset: str | None = "+01:00", quality: int = 90) -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = make, model
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = ifd[0x9004] = taken
    if offset:
        ifd[0x9011] = offset
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, exif=exif.tobytes())
    return buf.getvalue()


def whatsapp_copy(img: Image.Image) -> bytes:
    """What WhatsApp makes of a photo: 1600 px on the long side, quality ~75, no EXIF."""
    copy = img.copy()
    copy.thumbnail((1600, 1600))
    buf = io.BytesIO()
    copy.save(buf, "JPEG", quality=75)
    return buf.getvalue()


def video_mp4(path: Path, seconds: float = 2.0, seed: int = 0) -> Path:
    """A short MP4 of a drawn scene panning sideways."""
    import av

    base = scene("kitchen", seed, (960, 540))
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=15)
        stream.width, stream.height, stream.pix_fmt = 640, 360, "yuv420p"
        stream.time_base = Fraction(1, 15)
        out.metadata["creation_time"] = "2026-11-16T09:41:10.000000Z"
        for i in range(int(seconds * 15)):
            frame_img = base.crop((i * 8, 40, i * 8 + 640, 400))
            frame = av.VideoFrame.from_image(frame_img)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
