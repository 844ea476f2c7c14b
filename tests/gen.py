"""Generate real media files for tests: textured JPEGs with EXIF, PNGs, ZIPs."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

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
    noise = Image.effect_noise(size, 40).convert("RGB")
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
