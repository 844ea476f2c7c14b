"""Perceptual fingerprints of pictures and videos (placeholder: replaced by the duplicates work).

``image_fingerprint`` takes the reduced, orientation-normalised RGB image of the probe (no second decode) and
returns a 64-bit perceptual hash plus opaque bytes for finer comparison.
"""

from __future__ import annotations

import imagehash
from PIL import Image


def image_fingerprint(img: Image.Image) -> tuple[int, bytes]:
    h = imagehash.phash(img)
    value = int(str(h), 16)
    return value, value.to_bytes(8, "big")


def video_fingerprint(frames: list[Image.Image], duration_s: float | None) -> tuple[int | None, bytes | None]:
    if not frames:
        return None, None
    hashes = [image_fingerprint(f)[0] for f in frames]
    mid = hashes[len(hashes) // 2]
    return mid, b"".join(h.to_bytes(8, "big") for h in hashes)
