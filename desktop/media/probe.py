"""Probe: one reduced decode of a file gives its kind, size, EXIF, fingerprints and thumbnail (DESIGN.md step 2).

``probe_bytes(data, name)`` and ``probe_path(path)`` return a ``ProbeResult`` or raise ``RejectedInput`` with a
reason a claims handler understands ("truncated JPEG", "not a picture: the file is text", ...). The kind comes from
the content (``sniff``); the name only serves to notice content that does not match its extension.

Pictures: JPEGs are decoded with ``draft()`` at 1/2, 1/4 or 1/8 scale (long side >= ``REDUCED_SIDE``); other
formats are decoded and then reduced. The EXIF orientation is applied to the reduced image before the fingerprint
and the thumbnail. Pillow's decompression-bomb limit stays on; LOAD_TRUNCATED_IMAGES stays off. The probes of all
threads share a budget of decoded bytes (``DECODE_BUDGET``): a picture decoded whole waits for room, so memory stays
flat whatever the mix of files.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import io
import mmap
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError, features

from desktop.core.errors import RejectedInput
from desktop.core.model import MediaKind, ProbeResult
from desktop.media import fingerprint
from desktop.media.exif import ExifData, exif_from_pillow, read_exif, readable
from desktop.media.sniff import HEAD_SIZE, Sniffed, expected_format, matches_extension, sniff
from desktop.media.thumbs import apply_orientation, swaps_axes, thumbnail_jpeg, to_rgb
from desktop.media.video import AVError, inspect_av

pillow_heif.register_heif_opener()
# Pillow >= 11.2 reads AVIF itself; older Pillow gets it from pillow-heif versions that still offer it.
if not features.check("avif") and hasattr(pillow_heif, "register_avif_opener"):
    pillow_heif.register_avif_opener()

REDUCED_SIDE = 512
BOMB_REASON = "picture too large to open safely (decompression bomb)"

# Sniffed format -> Pillow plugin names allowed to open it (never let Pillow guess: no EPS/Ghostscript surprises).
_PILLOW_FORMATS = {
    "JPEG": ("JPEG", "MPO"),
    "PNG": ("PNG",),
    "GIF": ("GIF",),
    "WEBP": ("WEBP",),
    "TIFF": ("TIFF",),
    "BMP": ("BMP",),
    "HEIF": ("HEIF",),
    "AVIF": ("AVIF", "HEIF"),
}
# Camera raw files are TIFF inside: named by extension once the content says TIFF.
_RAW_EXTENSIONS = {
    "dng": ("DNG", "image/x-adobe-dng"),
    "arw": ("ARW", "image/x-sony-arw"),
    "nef": ("NEF", "image/x-nikon-nef"),
    "nrw": ("NRW", "image/x-nikon-nrw"),
    "cr2": ("CR2", "image/x-canon-cr2"),
    "orf": ("ORF", "image/x-olympus-orf"),
    "rw2": ("RW2", "image/x-panasonic-rw2"),
    "pef": ("PEF", "image/x-pentax-pef"),
    "srw": ("SRW", "image/x-samsung-srw"),
}
_KIND_WORDS = {
    MediaKind.IMAGE: "not a picture",
    MediaKind.VIDEO: "not a video",
    MediaKind.AUDIO: "not a sound recording",
    MediaKind.PDF: "not a PDF",
}
_CONTENT_WORDS = {
    "TEXT": "the file is text",
    "BLANK": "the file is blank (only zero bytes)",
    "ZIP": "the file is a ZIP archive",
    None: "unrecognised file content",
}


def probe_path(path: Path, data: bytes | None = None, *, name: str | None = None) -> ProbeResult:
    """Probe a file on disk. Videos and sound are read by PyAV from the path; pictures are read whole once.

    ``data``, when given, is the file's content already in memory; ``name`` is the name to judge the extension
    by when the file on disk is a temporary copy (default: the path's own name).
    """
    path = Path(path)
    name = name or path.name
    if data is not None:
        return probe_bytes(data, name)
    with path.open("rb") as fh:
        head = fh.read(HEAD_SIZE)
    sniffed = sniff(head)
    if sniffed.kind in (MediaKind.VIDEO, MediaKind.AUDIO):
        return _probe_av(path, sniffed, name)
    if sniffed.kind == MediaKind.PDF or (
        sniffed.kind == MediaKind.OTHER and sniffed.format not in ("JXL", "CR3")
    ):
        return _probe_other(sniffed, name)
    with path.open("rb") as fh:  # a picture is read through a map of the file, never copied whole into memory:
        try:  # a 1.5 GB "JPEG" (a photo, then zeros) held 1.5 GB
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system that cannot map, or a file emptied meanwhile
            return probe_bytes(fh.read(), name)
        with mapped:
            return probe_bytes(mapped, name)


def probe_bytes(data: bytes | mmap.mmap, name: str) -> ProbeResult:
    """Probe a file held in memory (or mapped). Raises ``RejectedInput`` for broken, hostile or mislabelled
    content."""
    sniffed = sniff(data[:HEAD_SIZE])
    if sniffed.kind == MediaKind.IMAGE:
        return _probe_image(data, sniffed, name)
    if sniffed.kind in (MediaKind.VIDEO, MediaKind.AUDIO):
        return _probe_av(io.BytesIO(data), sniffed, name)
    if sniffed.format in ("JXL", "CR3"):  # pictures Pillow cannot show: keep them, with their EXIF
        return _undisplayable(sniffed, read_exif(data), name, f"{sniffed.format} pictures cannot be shown")
    return _probe_other(sniffed, name)


# --- shared --------------------------------------------------------------------------------------------------------


def _result(sniffed: Sniffed, name: str, kind: MediaKind | None = None) -> ProbeResult:
    result = ProbeResult(kind=kind or sniffed.kind, mime=sniffed.mime, format=sniffed.format)
    if not matches_extension(name, sniffed):
        suffix = Path(name).suffix
        result.warnings.append(f"file name ends in {suffix} but the content is {sniffed.format}")
    return result


def _copy_exif(result: ProbeResult, exif: ExifData) -> None:
    result.has_exif = exif.has_exif
    result.exif_taken, result.exif_digitized, result.exif_modified = exif.taken, exif.digitized, exif.modified
    result.make, result.model, result.software = exif.make, exif.model, exif.software
    result.orientation, result.gps = exif.orientation, exif.gps
    result.warnings.extend(exif.warnings)


def _probe_other(sniffed: Sniffed, name: str) -> ProbeResult:
    """PDFs and anything else: no decode. Content that betrays a media extension is rejected."""
    expected = expected_format(name)
    if sniffed.format == "EMPTY":
        raise RejectedInput("empty file")
    if sniffed.kind == MediaKind.OTHER and expected is not None:
        raise RejectedInput(
            f"{_KIND_WORDS[expected[0]]}: {_CONTENT_WORDS.get(sniffed.format, _CONTENT_WORDS[None])}"
        )
    return _result(sniffed, name)


def _undisplayable(sniffed: Sniffed, exif: ExifData, name: str, why: str) -> ProbeResult:
    """A real picture the app cannot decode (raw, JPEG XL): kept as OTHER with its EXIF and a warning."""
    result = _result(sniffed, name, MediaKind.OTHER)
    _copy_exif(result, exif)
    result.warnings.append(why)
    return result


# --- video and sound -----------------------------------------------------------------------------------------------


def _probe_av(source: Path | io.BytesIO, sniffed: Sniffed, name: str) -> ProbeResult:
    try:
        info = inspect_av(source, n_frames=4)
    except AVError as exc:
        word = "video" if sniffed.kind == MediaKind.VIDEO else "sound recording"
        if sniffed.format in _ISO_BMFF and (cut := _boxes_cut(source)) is not None:
            raise RejectedInput(f"truncated {word} ({cut})") from exc
        raise RejectedInput(f"unreadable {word} ({_detail(exc)})") from exc
    result = _result(sniffed, name, info.kind)
    if info.kind == MediaKind.AUDIO and sniffed.kind == MediaKind.VIDEO:
        result.mime = sniffed.mime.replace("video/", "audio/")
    result.duration_s, result.codec = info.duration_s, info.codec
    result.width, result.height, result.video_created_at = info.width, info.height, info.created_at
    result.warnings.extend(info.warnings)
    if info.frames:
        result.thumbnail = thumbnail_jpeg(info.frames[0])
        result.phash, result.fingerprint = fingerprint.video_fingerprint(info.frames, info.duration_s)
    return result


_ISO_BMFF = {"MP4", "M4V", "MOV", "3GP", "M4A"}
_BOX_NAME = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \xa9")  # ftyp, moov, ©xyz


def _boxes_cut(source: Path | io.BytesIO) -> str | None:
    """Why an MP4/MOV that the decoder refused looks cut short, from its top-level boxes: one that runs past the
    end of the file, or no index (``moov``) at all, which a camera or WhatsApp writes last or first. None when
    the boxes are whole (the damage is inside)."""
    try:
        fh = source.open("rb") if isinstance(source, Path) else source
    except OSError:
        return None
    try:
        end = fh.seek(0, io.SEEK_END)
        pos, seen = 0, set()
        while pos + 8 <= end and len(seen) < 10_000:
            fh.seek(pos)
            head = fh.read(16)
            size, kind = int.from_bytes(head[0:4], "big"), head[4:8]
            if size == 1 and len(head) == 16:
                size = int.from_bytes(head[8:16], "big")
            elif size == 0:
                size = end - pos
            if size < 8 or not all(c in _BOX_NAME for c in kind):
                return None  # not boxes: damaged, not cut
            seen.add(kind)
            if pos + size > end:
                return "the file ends inside its data: it was probably cut short"
            pos += size
        if b"moov" not in seen:
            return "its index is missing: it was probably cut short"
        return None
    except OSError:
        return None
    finally:
        if isinstance(source, Path):
            fh.close()


# --- pictures ------------------------------------------------------------------------------------------------------


def _detail(exc: BaseException) -> str:
    """A decoder's message, on one line and short enough for a problem list. A decoder's own slip on a damaged
    file (a KeyError naming an internal table, 'MPO') says nothing to a handler: its header cannot be read; nor
    does the name of an exception that came without a message."""
    if isinstance(exc, (KeyError, IndexError, AttributeError, TypeError, ZeroDivisionError)):
        return "its header cannot be read"
    text = " ".join(str(exc).split()) or "its content cannot be read"  # an exception without a message
    return text if len(text) <= 120 else text[:117] + "..."


def _open_image(data: bytes, sniffed: Sniffed) -> Image.Image:
    fmt = sniffed.format
    try:
        img = Image.open(readable(data), formats=_PILLOW_FORMATS.get(fmt or "", None))
    except Image.DecompressionBombError as exc:
        raise RejectedInput(BOMB_REASON) from exc
    limit = Image.MAX_IMAGE_PIXELS
    if limit and img.width * img.height > limit:  # Pillow only warned: for us a warning is a no
        raise RejectedInput(BOMB_REASON)
    return img


# What a window without a HEIF reader (Qt's) asks Pillow for; Pillow is never let guess another format
QT_UNREADABLE = ["HEIF", "AVIF"]


def upright_pixels(path: Path, max_side: int) -> tuple[bytes, int, int] | None:
    """A HEIF or AVIF picture (an iPhone's photos) decoded upright, its long side at most ``max_side``: (RGB bytes,
    width, height); None when it is neither or cannot be decoded."""
    try:
        with Image.open(path, formats=QT_UNREADABLE) as im:
            upright = ImageOps.exif_transpose(im)
            upright.thumbnail((max_side, max_side))
            rgb = to_rgb(upright)
            return rgb.tobytes(), rgb.width, rgb.height
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _draft_request(width: int, height: int) -> tuple[int, int]:
    """The size to ask ``draft()`` for so that the reduced long side stays >= REDUCED_SIDE."""
    long_side = max(width, height)
    if long_side <= REDUCED_SIDE:
        return width, height
    return max(1, width * REDUCED_SIDE // long_side), max(1, height * REDUCED_SIDE // long_side)


def _damaged(fmt: str, exc: BaseException, data: bytes = b"") -> RejectedInput:
    """A picture that cannot be read: "truncated" when the file ends early, a bomb when a compressed text or colour
    profile block would unpack too large (Pillow's words name its MAX_TEXT_CHUNK), else "damaged" with its reason."""
    text = str(exc).lower()
    if isinstance(exc, ValueError) and "decompressed data too large" in text:
        return RejectedInput(BOMB_REASON)
    # "image file is truncated", "Truncated File Read", libheif's "Unexpected end of file", a RIFF (WebP) shorter
    # than its header says
    if "truncated" in text or "end of file" in text or _riff_cut(data):
        return RejectedInput(f"truncated {fmt}")
    if "could not create decoder object" in text:  # libwebp's words
        return RejectedInput(f"damaged {fmt} picture (its picture data cannot be decoded)")
    if not isinstance(exc, UnidentifiedImageError) and "cannot identify image file" not in text:
        return RejectedInput(f"damaged {fmt} picture ({_detail(exc)})")
    return RejectedInput(f"damaged {fmt} picture (cannot be opened)")  # its path, not its reason, in Pillow's words


def _riff_cut(data: bytes) -> bool:
    """A RIFF file (WebP) that ends before the size its header gives."""
    return data[:4] == b"RIFF" and len(data) >= 8 and int.from_bytes(data[4:8], "little") + 8 > len(data)


def _damaged_tiff(data: bytes) -> RejectedInput:
    """Why a file that starts like a TIFF does not open, in words: Pillow's opener only says it cannot identify
    it, so its TIFF reader is asked directly. "truncated" when the first directory lies beyond the end."""
    import warnings

    from PIL import TiffImagePlugin

    order = "little" if data[:2] == b"II" else "big"
    if data[2:4] in (b"*\x00", b"\x00*") and int.from_bytes(data[4:8], order) + 2 > len(data):
        return RejectedInput("truncated TIFF")
    try:
        with warnings.catch_warnings():  # "Tag data larger than file": the reason below says it
            warnings.simplefilter("ignore")
            TiffImagePlugin.TiffImageFile(readable(data)).close()
    except Exception as exc:  # noqa: BLE001 - a damaged header raises anything (SyntaxError, TypeError, ...)
        return _damaged("TIFF", exc, data)
    return RejectedInput("damaged TIFF picture (cannot be opened)")


class _DecodeBudget:
    """Bytes of decoded pictures held at once by the probes of all threads. A JPEG is decoded reduced (a few MB),
    but a HEIC, PNG or TIFF is decoded whole: four 16-megapixel HEICs on four threads held 400 MB. A decode waits
    until its share fits; one larger than the whole budget runs alone."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0
        self._cond = threading.Condition()

    @contextmanager
    def hold(self, size: int) -> Iterator[None]:
        size = min(size, self.limit)
        with self._cond:
            self._cond.wait_for(lambda: self.used == 0 or self.used + size <= self.limit)
            self.used += size
        try:
            yield
        finally:
            if size >= TRIM_FROM:
                _trim()
            with self._cond:
                self.used -= size
                self._cond.notify_all()


TRIM_FROM = 16 << 20  # a decode this large gives its memory back to the system when it is done


def _trim() -> None:
    """Give freed memory back to the system (glibc). A freed picture stays in its thread's malloc arena
    otherwise: after six 17-megapixel PNGs decoded one at a time on four threads, 316 MB were still held."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc():  # noqa: ANN202 - a ctypes library or None
    """The C library, looked up when a large decode first needs it (not at start: ``find_library`` runs
    ``ldconfig``); ``None`` where there is no ``malloc_trim`` (musl, macOS, Windows: their allocator decides)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


DECODE_BUDGET = _DecodeBudget(96 << 20)
BYTES_PER_PIXEL = 3 * 4  # at a decode's peak: the decoded picture, an RGB copy and its reduction, 4 bytes a pixel


@contextmanager
def _reading(fmt: str, data: bytes = b"") -> Iterator[None]:
    """Pillow's failures while decoding ``data``, as handler-readable rejections."""
    try:
        yield
    except Image.DecompressionBombError as exc:
        raise RejectedInput(BOMB_REASON) from exc
    except Exception as exc:  # OSError, and plugins' SyntaxError, ValueError, struct.error... on damaged data
        raise _damaged(fmt, exc, data) from exc


def _decode_reduced(img: Image.Image, fmt: str, data: bytes = b"") -> Image.Image:
    """Decode once (a JPEG at the scale ``draft`` set), reduced."""
    with _reading(fmt, data):
        img.load()
    rgb = to_rgb(img)
    factor = max(rgb.size) // REDUCED_SIDE
    return rgb.reduce(factor) if factor >= 2 else rgb


def _first_scan(data: bytes) -> int | None:
    """Offset of the main image's first SOS marker, walking the segments (skips the EXIF thumbnail)."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xDA:
            return pos
        if marker == 0xFF:  # fill byte
            pos += 1
        elif marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
        else:
            pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return None


def _check_jpeg_end(data: bytes, reduced: Image.Image) -> str | None:
    """Catch JPEGs that are incomplete although Pillow decoded them; return a warning for doubtful ones.

    Zero padding (an interrupted copy) decodes as data, and libjpeg fills what it cannot decode with mid-grey when
    an end marker follows the cut. No end-of-image marker after the first scan means the file was cut (entropy-coded
    data never contains one, so a marker found there is real). A flat grey bottom right is only a warning: a real
    photo could have one.
    """
    sos = _first_scan(data)
    # any end marker after the scan will do (see above): first near the file's end, where one nearly always is, then
    # from the scan on (a photo followed by a gigabyte of zeros: its marker is near the start, and the map of the
    # file is read no further)
    if sos is not None and data.rfind(b"\xff\xd9", max(sos, len(data) - 65536)) < 0 and data.find(b"\xff\xd9", sos) < 0:
        blank = data[-1:] == b"\x00"
        raise RejectedInput("truncated JPEG (the end of the file is blank)" if blank else "truncated JPEG")
    width, height = reduced.size
    corner = [reduced.getpixel((x, height - 1)) for x in range(max(0, width - 4), width)]
    if len(corner) == 4 and all(px == (128, 128, 128) for px in corner):
        return "picture may be cut short: its bottom right is flat grey, as in a damaged JPEG"
    return None


def _pillow_orientation(img: Image.Image) -> int | None:
    """The orientation still to apply after Pillow's decode (None or 1 once the decoder has applied it)."""
    try:
        value = img.getexif().get(0x0112)
    except Exception:  # broken EXIF in a HEIF/AVIF: show the picture as decoded
        return None
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _probe_image(data: bytes, sniffed: Sniffed, name: str) -> ProbeResult:
    fmt = sniffed.format or "picture"
    exif = read_exif(data)
    try:
        img = _open_image(data, sniffed)
    except RejectedInput:
        raise
    except UnidentifiedImageError as exc:
        if fmt == "TIFF":  # camera raw files are TIFF inside but often not readable pictures
            raw = _RAW_EXTENSIONS.get(Path(name).suffix.lower().lstrip("."))
            if raw is None and expected_format(name) is not None:  # a .tif (or .jpg...): a picture that is damaged
                raise _damaged_tiff(data) from exc
            if raw is not None:
                sniffed = Sniffed(MediaKind.OTHER, raw[1], raw[0])
            return _undisplayable(
                sniffed, exif, name, "picture format cannot be shown (camera raw or unusual TIFF)"
            )
        raise _damaged(fmt, exc, data) from exc
    except Exception as exc:  # plugins raise OSError, struct.error, ValueError... on headers they cannot parse
        raise _damaged(fmt, exc, data) from exc
    result = _result(sniffed, name)
    raw = _RAW_EXTENSIONS.get(Path(name).suffix.lower().lstrip(".")) if fmt == "TIFF" else None
    if raw is not None:
        result.format, result.mime = raw
        result.warnings.append("camera raw file: size and picture are those of its embedded preview")
    full_width, full_height = img.size
    if img.format in ("JPEG", "MPO"):
        with _reading(fmt, data):
            img.draft("RGB", _draft_request(*img.size))  # from now on ``img.size`` is what the decode makes
    # The decoded picture (a HEIC, PNG or TIFF is decoded whole) counts against the budget until its pixels are
    # let go, right after what is still read from it: on four threads four of them held 400 MB.
    with DECODE_BUDGET.hold(BYTES_PER_PIXEL * img.width * img.height):
        reduced = _decode_reduced(img, fmt, data)
        if (not exif.has_exif or exif.failed) and fmt != "TIFF":  # e.g. EXIF in a second APP1 exifread skips
            fallback = exif_from_pillow(img)
            if fallback.has_exif:
                fallback.warnings[:0] = exif.warnings
                exif = fallback
        # JPEG (the hot path): the tag read above. Other formats are decoded whole, and some decoders turn the
        # picture themselves (pillow-heif, Pillow's TIFF plugin) and drop the tag: ask Pillow what is left to apply.
        pending = exif.orientation if fmt == "JPEG" else _pillow_orientation(img)
        if reduced is not img:
            img.close()  # its pixels: what follows works on the reduction
    _copy_exif(result, exif)
    if fmt == "JPEG":
        warning = _check_jpeg_end(data, reduced)
        if warning:
            result.warnings.append(warning)
    upright = apply_orientation(reduced, pending)
    result.width, result.height = (
        (full_height, full_width) if swaps_axes(pending) else (full_width, full_height)
    )
    result.phash, result.fingerprint = fingerprint.image_fingerprint(upright)
    result.thumbnail = thumbnail_jpeg(upright)
    return result
