"""What the viewer shows of one item beyond its row: every EXIF tag of the original, and the pixels of a picture
the window's own decoder cannot read (HEIF and AVIF: an iPhone's photos)."""

from __future__ import annotations

from pathlib import Path

from desktop.services.library import Library

__all__ = ["exif_table", "picture_pixels"]

READ_AT_MOST = 64 * 1024 * 1024


def exif_table(lib: Library, media_id: int) -> list[tuple[str, str, str]]:
    """Every EXIF tag of the item's original as (group, readable name, value); [] when it has none."""
    from desktop.media.exif import exif_table as read_table
    from desktop.services.cases import get_media

    m = get_media(lib, media_id)
    if not m.sha256:
        return []
    path = lib.original_path(m.sha256)
    try:
        with path.open("rb") as f:  # EXIF sits near the start; a video's bytes are not read whole
            data = f.read(READ_AT_MOST)
    except OSError:
        return []
    return read_table(data)


def picture_pixels(path: Path, max_side: int) -> tuple[bytes, int, int] | None:
    """A HEIF or AVIF original decoded upright, its long side at most ``max_side``: (RGB bytes, width, height);
    None when it is neither or cannot be decoded (``media.probe.upright_pixels``, whose module registers the HEIF
    and AVIF readers). For the window's viewer, on a worker thread."""
    from desktop.media.probe import upright_pixels

    return upright_pixels(path, max_side)
