"""Thumbnails and the small image helpers the probe shares with them (no Qt: bytes out).

``thumbnail_jpeg`` takes an image that is already upright (EXIF orientation applied) and returns JPEG bytes with
the long side at most ``THUMB_SIDE`` pixels.
"""

from __future__ import annotations

import io

from PIL import Image

THUMB_SIDE = 320
THUMB_QUALITY = 80

# EXIF Orientation -> the transpose that shows the picture upright (EXIF 2.3, tag 0x0112).
_ORIENTATION_FIX = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def swaps_axes(orientation: int | None) -> bool:
    """True for orientations 5-8, whose upright picture has width and height exchanged."""
    return orientation in (5, 6, 7, 8)


def apply_orientation(img: Image.Image, orientation: int | None) -> Image.Image:
    """The image as it should be displayed for an EXIF orientation (1 or None: unchanged)."""
    fix = _ORIENTATION_FIX.get(orientation or 1)
    return img.transpose(fix) if fix is not None else img


def to_rgb(img: Image.Image, background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """An RGB copy; transparency is flattened onto ``background`` so stickers and PNGs look as intended."""
    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if img.mode.startswith("I;16"):  # 16-bit greyscale: scale down instead of clipping
        return img.convert("I").point(lambda v: v / 256).convert("L").convert("RGB")
    return img.convert("RGB")


def thumbnail_jpeg(img: Image.Image, side: int = THUMB_SIDE, quality: int = THUMB_QUALITY) -> bytes:
    """JPEG bytes of ``img`` (already upright) scaled so that its long side is at most ``side`` pixels."""
    thumb = to_rgb(img)
    if max(thumb.size) > side:
        scale = side / max(thumb.size)
        size = (max(1, round(thumb.width * scale)), max(1, round(thumb.height * scale)))
        # Area averaging (Pillow's box filter): no aliasing when shrinking, and over twice as cheap as bicubic
        # from the probe's reduction (0.7 against 1.6 ms from 500x375 to 320x240 here); by whole pixels first
        # (``reduce``), then the rest: from a phone photo's 1000x750 reduction 1.6 against 2.5 ms.
        thumb = thumb.resize(size, Image.Resampling.BOX, reducing_gap=1.0)
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=quality, optimize=False)
    return out.getvalue()


_CLOCKWISE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def rotate_jpeg(data: bytes, degrees: int, quality: int = THUMB_QUALITY) -> bytes:
    """JPEG bytes turned ``degrees`` clockwise (a multiple of 90); 0 returns them as they are."""
    turn = _CLOCKWISE.get(degrees % 360)
    if turn is None:
        return data
    with Image.open(io.BytesIO(data)) as img:
        out = io.BytesIO()
        to_rgb(img.transpose(turn)).save(out, "JPEG", quality=quality)
    return out.getvalue()
