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

Format 2 (pictures; this module is the only one that writes or reads what follows the frames): the header and one
frame record as above, then the *proof block* ``desktop.media.register`` uses to prove a candidate pair without
decoding the original again:

  ======  ======================================================================================
  32      4 phashes (uint64 LE) of the content box turned by 0, 90, 180, 270 degrees clockwise
  16      2 phashes of the content box's central 85 % and 70 % (what a crop of the picture would hash to)
  8       content box in the upright frame: left, top, right, bottom (uint16, 1/10000 of the side)
  4       reduced frame size in pixels (uint16 width, height) the box refers to
  2+n     length (uint16 LE) and a greyscale JPEG (q85) of the content box, long side <= ``PROOF_SIDE``
  2+m     length (uint16 LE) and a greyscale JPEG (q90) of the content box's Cb and Cr side by side, long side
          <= ``CHROMA_SIDE`` (fingerprints written before 2026-12-02 end before it)
  ======  ======================================================================================

The *content box* is the picture without near-uniform border bands: a screenshot's letterbox, status bar and app
chrome, or a white mat, are trimmed so the photo inside a screenshot has the fingerprint of the photo. Videos and
old (format 1) fingerprints carry no proof block: ``read_proof`` gives ``None`` and the core's thumbnail rule
decides as before. ``desktop.core.dedup.decode`` reads the frame records of both formats.

Why the sensitivity: whether two thumbnails are "the same picture" cannot be told by one distance threshold,
because a smooth sky moves little under a 10 % shift while a brick wall changes completely under 2 %. Dividing
the distance by the picture's own response to a known small crop makes the ratio roughly "displacement in units
of 4 %" for every picture, so a WhatsApp copy cropped by a few percent stays below 1.3 and a burst shot whose
frame moved 7 % or more lands above 1.7 (bench/dedup/RESULTS.md). The colour grid separates day/night and
colour-scheme variants, whose structure is often identical.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image

FORMAT_VERSION = 2  # pictures; videos keep format 1 (no proof block)
VIDEO_FORMAT_VERSION = 1
PROOF_SIDE = 256  # long side of the stored grey content box
PROOF_QUALITY = 85
CHROMA_SIDE = 128  # long side of the stored colour (Cb, Cr) of the content box
CHROMA_QUALITY = 90
ZOOMS = (0.85, 0.70)  # central parts of the content box hashed too: crops of up to 15 % per side find their picture
THUMB = 16  # thumbnail side
GRID = 4  # colour grid side
THUMB_SCALE = 32.0  # int8 quantisation of the unit-RMS thumbnail
SENSITIVITY_CROP = 0.04  # fraction cropped from one side to measure sensitivity
FLAT_CONTRAST = 1.0  # grey RMS (0-255) below which a picture has no structure to compare
_FRAME = struct.Struct("<Qf")
FRAME_BYTES = _FRAME.size + THUMB * THUMB + GRID * GRID * 3
_PROOF = struct.Struct("<6Q4H2HH")
FLAT_BAND = 10.0  # grey levels (0-255) within which a pixel is "the colour of its row or column"
_BAND2 = int(2 * FLAT_BAND)  # _busy compares twice the distances, in integers
assert _BAND2 == 2 * FLAT_BAND
BUSY_SHARE = 0.03  # a row or column with more pixels off its colour than this is picture (or icons, text)
BOX_HALF_FROM = 200  # a frame whose short side is at least twice this has its content box found at half size
MIN_BOX = 0.1  # share of the frame a content box must span each way to be trusted (a 21:9 photo: 19 % of a
# portrait phone screen; a panorama: 10 %)
CHROME_RUN = 0.08  # busy runs shorter than this share of the side are chrome (icons, titles, menu text)


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
    return _phash_px(_px32(grey))


def _px32(grey: Image.Image) -> np.ndarray:
    return np.asarray(grey.resize((32, 32), Image.Resampling.LANCZOS), dtype=np.float64)


def _phash_px(px: np.ndarray) -> int:
    """``_phash`` of the 32x32 grey it reduces to."""
    m = _dct_matrix(32)
    low = (m @ px @ m.T)[:8, :8].ravel()
    mid = np.sort(low)[31:33]
    bits = low > (mid[0] + mid[1]) / 2  # np.median(low), the same value, without its generic overhead (40 us)
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


def _span(busy: np.ndarray, min_run: float) -> tuple[int, int]:
    """``(start, stop)`` from the first to the last run of True in ``busy`` at least ``min_run`` long: the
    picture between the chrome bands, flat bands inside it kept (a sky, a caption band over the photo)."""
    runs, start = [], None
    for i, b in enumerate([*busy.tolist(), False]):
        if b and start is None:
            start = i
        elif not b and start is not None:
            runs.append((start, i))
            start = None
    long = [r for r in runs if r[1] - r[0] >= min_run]
    if not long:
        return 0, len(busy)
    return long[0][0], long[-1][1]


def _busy(lines: np.ndarray) -> np.ndarray:
    """Per row of ``lines`` (uint8): more than ``BUSY_SHARE`` of its pixels differ from its median by over ``FLAT_BAND``
    (a robust "not one colour": a line of chrome crossing two bands of another colour stays flat)."""
    # The median of uint8 rows from a radix sort (equal to ``np.median`` of the float rows, ten times cheaper), on a
    # contiguous copy (a column view sorts slower). Twice the median, ``m2``, is an integer, so "differs by over
    # FLAT_BAND" is ``2x > m2 + 2 FLAT_BAND or 2x < m2 - 2 FLAT_BAND``: two uint8 comparisons per pixel against integer
    # bounds per row give the float distances' verdict (bounds clipped to 0..255 test nothing, as they should).
    s = np.sort(np.ascontiguousarray(lines), axis=1, kind="stable")
    n = lines.shape[1]
    m2 = s[:, (n - 1) // 2].astype(np.int16) + s[:, n // 2]
    above = np.minimum((m2 + _BAND2) // 2, 255).astype(np.uint8)[:, None]  # x > above: 2x > m2 + 2 FLAT_BAND
    below = np.maximum((m2 - _BAND2 + 1) // 2, 0).astype(np.uint8)[:, None]  # x < below: 2x < m2 - 2 FLAT_BAND
    off = np.add.reduce(((s > above) | (s < below)).view(np.uint8), axis=1, dtype=np.uint16 if n < 65536 else np.intp)
    return off / n > BUSY_SHARE


def _busy_span(lines: np.ndarray, min_run: float) -> tuple[int, int]:
    """``_span(_busy(lines), min_run)``, answered from the first and last ``min_run`` lines alone when all of them
    are busy (a camera photo without chrome: the whole side), which is the same answer at a fraction of the cost."""
    n, k = len(lines), math.ceil(min_run)
    if 0 < k and 2 * k <= n and _busy(lines[:k]).all() and _busy(lines[n - k:]).all():
        return 0, n
    return _span(_busy(lines), min_run)


def content_box(grey: np.ndarray) -> tuple[int, int, int, int]:
    """``(left, top, right, bottom)`` in pixels of the picture inside near-uniform border bands.

    A row (column) belongs to the chrome when it is nearly one colour (``_busy``); busy runs shorter than
    ``CHROME_RUN`` of the side (status-bar icons, a title, a line of menu text) are chrome too. The picture spans
    the first to the last longer run; rows and columns are trimmed in turn, twice (a side panel, then the black
    bars of the viewer beside it). A box smaller than ``MIN_BOX`` of either side is not trusted: the whole frame.
    """
    h, w = grey.shape
    g = np.asarray(grey, np.uint8)
    left, t, r, b = 0, 0, w, h
    for _ in range(2):
        before = (left, t, r, b)
        t2, b2 = _busy_span(g[t:b, left:r], CHROME_RUN * h)
        if b2 - t2 >= MIN_BOX * h:
            t, b = t + t2, t + b2
        l2, r2 = _busy_span(g[t:b, left:r].T, CHROME_RUN * w)
        if r2 - l2 >= MIN_BOX * w:
            left, r = left + l2, left + r2
        if (left, t, r, b) == before:  # nothing trimmed: a second round would repeat this one (camera photos)
            break
    # one pixel in from each trimmed side: the edge pixel often mixes chrome and picture
    return (left + (left > 0), t + (t > 0), r - (r < w), b - (b < h))


def _content_box_of(grey: Image.Image) -> tuple[tuple[int, int, int, int], Image.Image | None]:
    """``content_box`` of a grey picture, found at half its size when it is large (a quarter of the pixels to
    sort; the box is then exact to two pixels of the frame, a fifth of a percent of a phone photo's reduction).
    Also returns that half-size picture (``None`` when the box was found at full size)."""
    w, h = grey.size
    if min(w, h) < 2 * BOX_HALF_FROM:
        return content_box(np.asarray(grey)), None
    half = grey.reduce(2)
    hw, hh = half.size
    left, t, r, b = content_box(np.asarray(half))
    return (2 * left, 2 * t, w if r >= hw else min(w, 2 * r), h if b >= hh else min(h, 2 * b)), half


def _proof_reduction(grey: Image.Image, box: tuple[int, int, int, int], half: Image.Image | None) -> Image.Image:
    """``grey.crop(box)`` resized to a long side of at most ``PROOF_SIDE`` (Lanczos, reducing gap 1.5).

    Pillow does that resize as a 2x2 ``reduce`` of the crop, then a Lanczos resize of the result, for a box 3 to
    4.5 times the size asked for (a phone photo's reduction). The content box found at half size has even left
    and top sides and ends on an even pixel or the frame's edge, so that ``reduce`` is a crop of the half-size
    picture already made: the same pixels, without the crop and the second ``reduce``."""
    left, t, r, b = box
    bw, bh = r - left, b - t
    scale = min(1.0, PROOF_SIDE / max(bw, bh))
    if scale >= 1:
        return grey.crop(box)
    size = (max(1, round(bw * scale)), max(1, round(bh * scale)))
    w, h = grey.size
    aligned = left % 2 == 0 and t % 2 == 0 and (r % 2 == 0 or r == w) and (b % 2 == 0 or b == h)
    gap = 1.5
    if half is not None and aligned and int(bw / size[0] / gap) == 2 and int(bh / size[1] / gap) == 2:
        reduced = half.crop((left // 2, t // 2, (r + 1) // 2, (b + 1) // 2))
        return reduced.resize(size, Image.Resampling.LANCZOS, box=(0, 0, bw / 2, bh / 2))
    return grey.crop(box).resize(size, Image.Resampling.LANCZOS, reducing_gap=gap)


def _chroma_block(rgb: Image.Image, box: tuple[int, int, int, int]) -> bytes:
    """The content box's colour (Cb and Cr, side by side in one grey JPEG, long side <= ``CHROMA_SIDE``): what a
    grey comparison cannot see (a red line drawn on a dark picture, a yellow sticker on a grey wall)."""
    bw, bh = box[2] - box[0], box[3] - box[1]
    scale = min(1.0, CHROMA_SIDE / max(bw, bh))
    size = (max(1, round(bw * scale)), max(1, round(bh * scale)))
    part = rgb.resize(size, Image.Resampling.BILINEAR, box=box, reducing_gap=2.0)
    _, cb, cr = part.convert("YCbCr").split()
    both = Image.new("L", (2 * size[0], size[1]))
    both.paste(cb, (0, 0))
    both.paste(cr, (size[0], 0))
    buf = io.BytesIO()
    both.save(buf, "JPEG", quality=CHROMA_QUALITY)
    jpeg = buf.getvalue()
    return struct.pack("<H", len(jpeg)) + jpeg


def _proof_block(grey: Image.Image, rgb: Image.Image | None = None) -> bytes:
    w, h = grey.size
    (left, t, r, b), half = _content_box_of(grey)
    # Everything below works on the stored reduction (long side <= PROOF_SIDE): the hashes of a 1000-px box and of
    # its 256-px reduction differ in a bit or two at most, and the four resizes to 32x32 cost a tenth as much.
    small = _proof_reduction(grey, (left, t, r, b), half)
    # turned 0, 90, 180, 270 degrees clockwise. Pillow's resampling is mirror-symmetric, so the 32x32 of a
    # half-turned picture is the half-turned 32x32 (bit for bit): two resizes give the four.
    px0, px90 = _px32(small), _px32(small.transpose(Image.Transpose.ROTATE_270))
    hashes = [_phash_px(px0), _phash_px(px90), _phash_px(px0[::-1, ::-1]), _phash_px(px90[::-1, ::-1])]
    bw, bh = small.size
    for keep in ZOOMS:
        m = (1 - keep) / 2
        hashes.append(_phash(small.crop((round(bw * m), round(bh * m), round(bw * (1 - m)), round(bh * (1 - m))))))
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=PROOF_QUALITY)
    jpeg = buf.getvalue()
    frac = [round(10000 * v / s) for v, s in ((left, w), (t, h), (r, w), (b, h))]
    chroma = _chroma_block(rgb, (left, t, r, b)) if rgb is not None else b""
    return _PROOF.pack(*hashes, *frac, min(w, 65535), min(h, 65535), len(jpeg)) + jpeg + chroma


@dataclass(frozen=True)
class Proof:
    """What a format-2 fingerprint holds for proving a pair (module docstring)."""

    turned_phashes: tuple[int, int, int, int]  # content box turned 0, 90, 180, 270 degrees clockwise
    zoomed_phashes: tuple[int, int]  # central 85 % and 70 % of the content box (``ZOOMS``)
    box: tuple[float, float, float, float]  # content box, fractions of the upright frame (left, top, right, bottom)
    frame: tuple[int, int]  # reduced frame size the box was found in
    grey_jpeg: bytes  # the content box, grey, long side <= PROOF_SIDE
    chroma_jpeg: bytes | None = None  # its Cb | Cr side by side, long side <= CHROMA_SIDE (absent before 2026-12)


def read_proof(fp: bytes | None) -> Proof | None:
    """The proof block of a format-2 picture fingerprint; ``None`` for videos, format 1 or malformed bytes."""
    if not fp or len(fp) < 2 + FRAME_BYTES + _PROOF.size or fp[0] != FORMAT_VERSION or fp[1] != 1:
        return None
    *vals, n = _PROOF.unpack_from(fp, 2 + FRAME_BYTES)
    start = 2 + FRAME_BYTES + _PROOF.size
    chroma = None
    if len(fp) >= start + n + 2:  # the colour block follows
        (m,) = struct.unpack_from("<H", fp, start + n)
        if len(fp) != start + n + 2 + m:
            return None
        chroma = fp[start + n + 2:]
    elif len(fp) != start + n:
        return None
    hashes, frac, frame = vals[:6], vals[6:10], vals[10:12]
    return Proof(tuple(hashes[:4]), tuple(hashes[4:]), tuple(v / 10000 for v in frac), tuple(frame),  # type: ignore[arg-type]
                 fp[start:start + n], chroma)


def image_fingerprint(img: Image.Image) -> tuple[int, bytes]:
    """Return ``(phash, fingerprint)`` of the probe's reduced, orientation-normalised image (format 2)."""
    record = _frame(img)
    phash = _FRAME.unpack_from(record)[0]
    rgb = None if img.mode == "L" else (img if img.mode == "RGB" else img.convert("RGB"))
    grey = img if rgb is None else rgb.convert("L")
    return phash, bytes((FORMAT_VERSION, 1)) + record + _proof_block(grey, rgb)


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
    return phash, bytes((VIDEO_FORMAT_VERSION, len(records))) + b"".join(records)
