"""Phone-size test photos made from real photographs (Debian wallpapers, scikit-image samples).

Each source photo is cropped and resized to 4000x3000 and saved as a JPEG with camera-like EXIF, with small
per-copy changes (crop offset, brightness) so that no two files are byte-identical.
"""

from __future__ import annotations

import glob
import random
from pathlib import Path

from PIL import Image, ImageEnhance

SOURCES = [
    "/usr/share/backgrounds/**/*.jpg",
    "/usr/share/backgrounds/**/*.png",
    "/usr/share/wallpapers/**/*.jpg",
    "/usr/share/wallpapers/**/*.png",
    "/usr/share/images/desktop-base/*.png",
]


def real_photos() -> list[Path]:
    found: list[Path] = []
    for pattern in SOURCES:
        found += [Path(p) for p in glob.glob(pattern, recursive=True)]
    try:
        import skimage.data as skd  # optional

        base = Path(skd.__file__).parent
        found += [p for p in base.glob("*.png") if p.stat().st_size > 100_000]
    except ImportError:
        pass
    return sorted({p.resolve() for p in found if p.stat().st_size > 50_000})


def phone_jpegs(out: Path, n: int, size: tuple[int, int] = (4000, 3000)) -> list[Path]:
    """``n`` 4000x3000 JPEGs in ``out`` (made once, then reused)."""
    out.mkdir(parents=True, exist_ok=True)
    have = sorted(out.glob("IMG_*.jpg"))
    if len(have) >= n:
        return have[:n]
    photos = real_photos()
    if not photos:
        raise SystemExit(
            "no real photos found: apt-get install ubuntu-wallpapers or pip install scikit-image"
        )
    rnd = random.Random(42)
    files = []
    for i in range(n):
        src = Image.open(photos[i % len(photos)]).convert("RGB")
        w, h = src.size
        scale = max(size[0] / w, size[1] / h) * rnd.uniform(1.0, 1.15)
        big = src.resize((int(w * scale) + 1, int(h * scale) + 1), Image.Resampling.BICUBIC)
        x = rnd.randrange(0, big.width - size[0] + 1)
        y = rnd.randrange(0, big.height - size[1] + 1)
        img = ImageEnhance.Brightness(big.crop((x, y, x + size[0], y + size[1]))).enhance(
            rnd.uniform(0.9, 1.1)
        )
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "Google", "Pixel 7"
        exif.get_ifd(0x8769)[0x9003] = f"2024:03:14 10:{i // 60 % 60:02d}:{i % 60:02d}"
        p = out / f"IMG_{i:04d}.jpg"
        img.save(p, "JPEG", quality=90, exif=exif.tobytes())
        files.append(p)
    return files


def raw_limit_one(p: Path) -> None:
    """What any import must do per file: read, SHA-256, and a draft decode to the probe's reduced size."""
    import hashlib
    import io

    from desktop.media.probe import _draft_request

    data = p.read_bytes()
    hashlib.sha256(data).hexdigest()
    img = Image.open(io.BytesIO(data))
    img.draft("RGB", _draft_request(*img.size))
    img.load()
