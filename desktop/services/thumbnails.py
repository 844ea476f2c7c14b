"""Thumbnails as the handler turned the item: the stored one, or a turned copy beside it, made once."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.services import scratch
from desktop.services.library import Library


def thumbnail_for(lib: Library, sha256: str, rotation: int = 0) -> Path | None:
    """The thumbnail of an original turned ``rotation`` degrees clockwise (``MediaInfo.rotation``); None when
    the original has none (not a picture, or not readable)."""
    base = lib.thumb_path(sha256)
    degrees = rotation % 360
    if not degrees or not base.is_file():
        return base if base.is_file() else None
    turned = base.with_name(f"{sha256}.r{degrees}.jpg")
    if not turned.is_file():
        from desktop.media.thumbs import rotate_jpeg

        tmp = scratch.temp_name(turned)
        tmp.write_bytes(rotate_jpeg(base.read_bytes(), degrees))
        os.replace(tmp, turned)
    return turned
