"""Perceptual fingerprints of pictures and videos, for duplicate detection (DESIGN.md step 5).

``image_fingerprint`` takes the reduced, orientation-normalised RGB image of the probe (no second decode) and
returns ``(phash, fingerprint)``:

* ``phash``: a 64-bit DCT perceptual hash (32x32 grey, 8x8 lowest frequencies against their median). It keys
  the near-neighbour index (``desktop.media.hashindex``): "where else is this picture?".
* ``fingerprint``: opaque bytes that ``desktop.core.dedup`` decodes and compares in pure Python. Per frame:

  ======  ======================================================================================
  8       phash again (unsigned little-endian), so a video carries one per key frame
  4       *sensitivity*: float32, how far the thumbnail moves when 4 % is cropped from one side
  256     16x16 grey thumbnail, zero mean, unit RMS, times 32, as int8
  48      4x4 grid of mean Y, Cb, Cr (uint8), row by row
  ======  ======================================================================================

  preceded by a 2-byte header: format version, number of frames.

Why the sensitivity: whether two thumbnails are "the same picture" cannot be told by one distance threshold,
because a smooth sky moves little under a 10 % shift while a brick wall changes completely under 2 %. Dividing
the distance by the picture's own response to a known small crop makes the ratio roughly "displacement in units
of 4 %" for every picture, so a WhatsApp copy cropped by a few percent stays below 1.3 and a burst shot whose
frame moved 7 % or more lands above 1.7 (bench/dedup/RESULTS.md). The colour grid separates day/night and
colour-scheme variants, whose structure is often identical.
"""

from __future__ import annotations

import struct
from functools import lru_cache

import numpy as np
from PIL import Image

FORMAT_VERSION = 1
THUMB = 16  # thumbnail side
GRID = 4  # colour grid side
THUMB_SCALE = 32.0  # int8 quantisation of the unit-RMS thumbnail
SENSITIVITY_CROP = 0.04  # fraction cropped from one side to measure sensitivity
FLAT_CONTRAST = 1.0  # grey RMS (0-255) below which a picture has no structure to compare
_FRAME = struct.Struct("<Qf")
FRAME_BYTES = _FRAME.size + THUMB * THUMB + GRID * GRID * 3


@lru_cache(maxsize=4)
def _dct_matrix(n: int) -> np.ndarray:
    """Orthonormal DCT-II matrix: ``M @ x`` is the DCT of column vector ``x``."""
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    m = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0] /= np.sqrt(2.0)
    return m


def _reduce(img: Image.Image, short_side: int) -> Image.Image:
    """Cheap integer reduction so the short side stays at or above ``short_side``."""
    factor = min(img.size) // short_side
    return img.reduce(factor) if factor > 1 else img


def _phash(grey: Image.Image) -> int:
    """64-bit DCT hash: 32x32 grey, lowest 8x8 frequencies thresholded at their median."""
    px = np.asarray(grey.resize((32, 32), Image.Resampling.LANCZOS), dtype=np.float64)
    m = _dct_matrix(32)
    low = (m @ px @ m.T)[:8, :8].ravel()
    bits = low > np.median(low)
    return int.from_bytes(np.packbits(bits).tobytes(), "big")


def _thumb(
    grey_f: Image.Image, box: tuple[float, float, float, float] | None = None
) -> tuple[np.ndarray, float]:
    """Zero-mean, unit-RMS 16x16 thumbnail of ``box`` (pixels) of a float image, and its RMS contrast."""
    a = np.asarray(grey_f.resize((THUMB, THUMB), Image.Resampling.BILINEAR, box=box), dtype=np.float64)
    a = a - a.mean()
    rms = float(np.sqrt((a * a).mean()))
    if rms < FLAT_CONTRAST:
        return np.zeros_like(a), rms
    return a / rms, rms


def _frame(img: Image.Image) -> bytes:
    """Fingerprint record of one picture (layout in the module docstring)."""
    rgb = _reduce(img.convert("RGB") if img.mode != "RGB" else img, 128)
    grey = rgb.convert("L")
    phash = _phash(grey)
    grey_f = grey.convert("F")
    w, h = grey_f.size
    base, _ = _thumb(grey_f)
    c = SENSITIVITY_CROP
    moved = [
        _thumb(grey_f, (w * c, 0, w, h))[0],
        _thumb(grey_f, (0, h * c, w, h))[0],
        _thumb(grey_f, (0, 0, w * (1 - c), h))[0],
        _thumb(grey_f, (0, 0, w, h * (1 - c)))[0],
    ]
    sensitivity = float(np.mean([np.sqrt(((base - m) ** 2).mean()) for m in moved]))
    thumb = np.clip(np.rint(base * THUMB_SCALE), -127, 127).astype(np.int8)
    colour = _reduce(rgb, 64).convert("YCbCr").resize((GRID, GRID), Image.Resampling.BOX)
    return _FRAME.pack(phash, sensitivity) + thumb.tobytes() + np.asarray(colour, dtype=np.uint8).tobytes()


def image_fingerprint(img: Image.Image) -> tuple[int, bytes]:
    """Return ``(phash, fingerprint)`` of the probe's reduced, orientation-normalised image."""
    record = _frame(img)
    phash = _FRAME.unpack_from(record)[0]
    return phash, bytes((FORMAT_VERSION, 1)) + record


def video_fingerprint(frames: list[Image.Image], duration_s: float | None) -> tuple[int | None, bytes | None]:
    """Return ``(phash of the middle key frame, fingerprint of all key frames)``; ``(None, None)`` without frames.

    ``frames`` are taken at fixed fractions of the duration, so the same clip recompressed gives frames of the
    same moments. The duration itself is compared by ``desktop.core.dedup`` from the media record.
    """
    if not frames:
        return None, None
    frames = frames[:255]
    records = [_frame(f) for f in frames]
    phash = _FRAME.unpack_from(records[len(records) // 2])[0]
    return phash, bytes((FORMAT_VERSION, len(records))) + b"".join(records)
