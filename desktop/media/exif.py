"""EXIF metadata: capture times with offset and sub-seconds, camera, software, orientation, GPS.

``read_exif(data)`` parses the file's bytes once with exifread (JPEG, TIFF and raw, HEIF, AVIF, PNG, WebP, JPEG XL)
and never raises: broken EXIF, garbage values and exifread's own crashes become ``ExifData.warnings``.
``exif_from_pillow(img)`` reads the same fields from Pillow, as a fallback when exifread finds nothing.

Dates are naive ``datetime`` values unless the matching offset tag is present, then they are aware.
"""

from __future__ import annotations

import io
import logging
import mmap
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, BinaryIO

import exifread
from exifread.core.exceptions import ExifNotFound

log = logging.getLogger(__name__)

_DATE_RE = re.compile(r"^(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?")
_OFFSET_RE = re.compile(r"^([+-])(\d{2}):?(\d{2})$")
MIN_YEAR, MAX_YEAR = 1900, 2200

# Normalised field name -> exifread key. The Pillow fallback maps tag numbers to the same names.
_EXIFREAD_KEYS = {
    "Make": "Image Make",
    "Model": "Image Model",
    "Software": "Image Software",
    "Orientation": "Image Orientation",
    "DateTime": "Image DateTime",
    "DateTimeOriginal": "EXIF DateTimeOriginal",
    "DateTimeDigitized": "EXIF DateTimeDigitized",
    "OffsetTime": "EXIF OffsetTime",
    "OffsetTimeOriginal": "EXIF OffsetTimeOriginal",
    "OffsetTimeDigitized": "EXIF OffsetTimeDigitized",
    "SubSecTime": "EXIF SubSecTime",
    "SubSecTimeOriginal": "EXIF SubSecTimeOriginal",
    "SubSecTimeDigitized": "EXIF SubSecTimeDigitized",
    "GPSLatitudeRef": "GPS GPSLatitudeRef",
    "GPSLatitude": "GPS GPSLatitude",
    "GPSLongitudeRef": "GPS GPSLongitudeRef",
    "GPSLongitude": "GPS GPSLongitude",
}
_IFD0 = {"Make": 0x010F, "Model": 0x0110, "Software": 0x0131, "Orientation": 0x0112, "DateTime": 0x0132}
_EXIF_IFD = {
    "DateTimeOriginal": 0x9003,
    "DateTimeDigitized": 0x9004,
    "OffsetTime": 0x9010,
    "OffsetTimeOriginal": 0x9011,
    "OffsetTimeDigitized": 0x9012,
    "SubSecTime": 0x9290,
    "SubSecTimeOriginal": 0x9291,
    "SubSecTimeDigitized": 0x9292,
}
_GPS_IFD = {"GPSLatitudeRef": 1, "GPSLatitude": 2, "GPSLongitudeRef": 3, "GPSLongitude": 4}


@dataclass
class ExifData:
    """The EXIF fields the app uses. Every field is None when absent or unusable."""

    has_exif: bool = False
    taken: datetime | None = None  # DateTimeOriginal (+SubSecTimeOriginal, +OffsetTimeOriginal)
    digitized: datetime | None = None  # DateTimeDigitized (+SubSecTimeDigitized, +OffsetTimeDigitized)
    modified: datetime | None = None  # IFD0 DateTime (+SubSecTime, +OffsetTime)
    make: str | None = None
    model: str | None = None
    software: str | None = None
    orientation: int | None = None  # 1..8
    gps: tuple[float, float] | None = None  # signed decimal degrees (lat, lon)
    warnings: list[str] = field(default_factory=list)
    failed: bool = False  # the reader gave up part way: a fallback reader may know more


# --- exifread's log messages ("Possibly corrupted IFD") become per-call warnings, thread by thread ---------------

_collect = threading.local()


class _ThreadCollector(logging.Handler):
    """Routes exifread's warnings to the list of the thread that is reading; "no EXIF here" is not a warning."""

    def emit(self, record: logging.LogRecord) -> None:
        sink = getattr(_collect, "sink", None)
        if sink is not None and not isinstance(record.msg, ExifNotFound):
            sink.append(record.getMessage())


_exifread_log = logging.getLogger("exifread")
_exifread_log.addHandler(_ThreadCollector(logging.WARNING))
_exifread_log.propagate = False


# --- value parsing ------------------------------------------------------------------------------------------------


def parse_offset(text: str) -> timezone:
    """'+01:00', '-0530' -> timezone. Raises ValueError for anything else."""
    m = _OFFSET_RE.match(text.strip())
    if not m:
        raise ValueError(f"bad time offset {text!r}")
    minutes = int(m[2]) * 60 + int(m[3])
    if minutes > 14 * 60 or int(m[3]) >= 60:
        raise ValueError(f"time offset out of range {text!r}")
    return timezone(timedelta(minutes=-minutes if m[1] == "-" else minutes))


def parse_datetime(text: str, subsec: str | None = None, offset: str | None = None) -> datetime:
    """An EXIF date ('2022:02:16 12:55:41') with optional sub-seconds ('762') and offset ('+01:00').

    Raises ValueError (with the reason) for blanks, zeros and out-of-range values; a bad sub-second or offset
    alone is also a ValueError, so the caller can decide to keep the date without it.
    """
    text = text.strip(" \x00")
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"not a date {text!r}")
    year, month, day, hour, minute = (int(m[i]) for i in range(1, 6))
    second = int(m[6] or 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"date out of range {text!r}")
    try:
        value = datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise ValueError(f"date out of range {text!r}") from exc
    if subsec is not None and subsec.strip(" \x00"):
        digits = subsec.strip(" \x00")
        if not digits.isdigit():
            raise ValueError(f"bad sub-seconds {subsec!r}")
        value = value.replace(microsecond=int(digits[:6].ljust(6, "0")))
    if offset is not None and offset.strip(" \x00"):
        value = value.replace(tzinfo=parse_offset(offset.strip(" \x00")))
    return value


def _number(value: Any) -> float:
    """A rational or integer as float; ValueError on a zero denominator."""
    num = getattr(value, "numerator", value)
    den = getattr(value, "denominator", 1)
    if den == 0:
        raise ValueError("zero denominator")
    return float(num) / float(den)


def parse_gps_coordinate(parts: Any, ref: str | None, limit: float) -> float:
    """Degrees/minutes/seconds (1 to 3 rationals) and a N/S/E/W reference -> signed decimal degrees."""
    if not isinstance(parts, list | tuple):
        parts = [parts]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"GPS coordinate has {len(parts)} parts")
    value = sum(_number(p) / 60**i for i, p in enumerate(parts))
    if value < 0 or value > limit:
        raise ValueError(f"GPS coordinate out of range {value}")
    if ref and ref.strip(" \x00").upper()[:1] in ("S", "W"):
        value = -value
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, list | tuple):
        value = "".join(chr(v) for v in value if isinstance(v, int) and 32 <= v < 127)
    text = str(value).strip(" \x00\t\r\n")
    return text or None


# --- interpretation of the normalised fields -----------------------------------------------------------------------


def _date_field(
    fields: dict[str, Any], name: str, subsec: str, offset: str, out: ExifData
) -> datetime | None:
    """One date tag with its sub-second and offset tags; a broken companion tag is dropped, not the date."""
    raw = _text(fields.get(name))
    if raw is None:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError as exc:
        out.warnings.append(f"EXIF {name} ignored: {exc}")
        return None
    sub, off = _text(fields.get(subsec)), _text(fields.get(offset))
    if sub is not None:
        try:
            value = parse_datetime(raw, subsec=sub)
        except ValueError as exc:
            out.warnings.append(f"EXIF {subsec} ignored: {exc}")
    if off is not None:
        try:
            value = value.replace(tzinfo=parse_offset(off))
        except ValueError as exc:
            out.warnings.append(f"EXIF {offset} ignored: {exc}")
    return value


def interpret(fields: dict[str, Any], out: ExifData) -> ExifData:
    """Fill ``out`` from normalised fields (names as in ``_EXIFREAD_KEYS``, raw values)."""
    out.taken = _date_field(fields, "DateTimeOriginal", "SubSecTimeOriginal", "OffsetTimeOriginal", out)
    out.digitized = _date_field(
        fields, "DateTimeDigitized", "SubSecTimeDigitized", "OffsetTimeDigitized", out
    )
    out.modified = _date_field(fields, "DateTime", "SubSecTime", "OffsetTime", out)
    out.make, out.model = _text(fields.get("Make")), _text(fields.get("Model"))
    out.software = _text(fields.get("Software"))
    orientation = fields.get("Orientation")
    if isinstance(orientation, list | tuple):
        orientation = orientation[0] if orientation else None
    if orientation is not None:
        if isinstance(orientation, int) and 1 <= orientation <= 8:
            out.orientation = orientation
        else:
            out.warnings.append(f"EXIF Orientation ignored: {orientation!r}")
    lat, lon = fields.get("GPSLatitude"), fields.get("GPSLongitude")
    if lat is not None and lon is not None:
        try:
            gps = (
                parse_gps_coordinate(lat, _text(fields.get("GPSLatitudeRef")), 90.0),
                parse_gps_coordinate(lon, _text(fields.get("GPSLongitudeRef")), 180.0),
            )
        except (ValueError, TypeError, ArithmeticError) as exc:
            out.warnings.append(f"EXIF GPS position ignored: {exc}")
        else:
            if gps == (0.0, 0.0):
                out.warnings.append("EXIF GPS position 0,0 ignored (no fix)")
            else:
                out.gps = gps
    return out


# --- readers -------------------------------------------------------------------------------------------------------


def _is_tiff(data: bytes) -> bool:
    return data[:4] in (b"II*\x00", b"MM\x00*")


class _Mapped(io.RawIOBase):
    """A mapped file read as a file of its own position, which may be sought past the end as in any file (an
    ``mmap``'s own ``seek`` refuses that, and exifread does it on camera raw files)."""

    def __init__(self, mapped: mmap.mmap) -> None:
        self._map, self._pos = mapped, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._map)}[whence]
        if base + offset < 0:
            raise OSError("seek before the start of the file")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        chunk = self._map[self._pos : self._pos + len(buffer)]
        n = len(chunk)
        memoryview(buffer).cast("B")[:n] = chunk
        self._pos += n
        return n


def readable(data: bytes | mmap.mmap) -> BinaryIO:
    """A file to read ``data`` from, at its start: bytes are not copied (``BytesIO`` shares them until written),
    nor is a mapped file."""
    if isinstance(data, mmap.mmap):
        return io.BufferedReader(_Mapped(data), 1 << 16)  # type: ignore[return-value]
    return io.BytesIO(data)


def _unwalkable(data: bytes | mmap.mmap) -> bool:
    """A PNG or WebP whose first chunk is not a picture's: exifread would walk it 8 bytes at a time to the end (a
    PNG signature followed by 1.5 GB of zeros took minutes); the picture reader rejects it as damaged anyway."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return data[12:16] != b"IHDR"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return data[12:16] not in (b"VP8 ", b"VP8L", b"VP8X")
    return False


def read_exif(data: bytes | mmap.mmap) -> ExifData:
    """Parse EXIF from a whole file's bytes (or its map) with exifread. Never raises."""
    out = ExifData()
    if _unwalkable(data):
        return out
    _collect.sink = messages = []
    try:
        tags = exifread.process_file(readable(data), details=False, extract_thumbnail=False)
    except Exception as exc:  # exifread has crashed on many real files; the picture is still good
        log.debug("exifread failed", exc_info=True)
        out.warnings.append(f"EXIF unreadable: {type(exc).__name__}: {exc}")
        out.failed = True
        tags = {}
    finally:
        _collect.sink = None
    out.warnings.extend(f"EXIF: {m}" for m in dict.fromkeys(messages))
    if _is_tiff(data):  # a TIFF's IFD0 is the image itself: count only camera data as EXIF
        out.has_exif = any(
            k.startswith(("EXIF ", "GPS ")) or k in ("Image Make", "Image Model") for k in tags
        )
    else:
        out.has_exif = bool(tags)
    fields = {name: tags[key].values for name, key in _EXIFREAD_KEYS.items() if key in tags}
    return interpret(fields, out)


def exif_from_pillow(img: Any) -> ExifData:
    """The same fields from a Pillow image's own EXIF block (fallback reader). Never raises.

    Only a real EXIF block counts: Pillow also fills ``getexif()`` with an Orientation taken from XMP, which is
    not EXIF (ExifTool agrees).
    """
    out = ExifData()
    if not img.info.get("exif"):
        return out
    fields: dict[str, Any] = {}
    try:
        exif = img.getexif()
        fields.update({name: exif[tag] for name, tag in _IFD0.items() if tag in exif})
        sub = exif.get_ifd(0x8769)
        fields.update({name: sub[tag] for name, tag in _EXIF_IFD.items() if tag in sub})
        gps = exif.get_ifd(0x8825)
        fields.update({name: gps[tag] for name, tag in _GPS_IFD.items() if tag in gps})
        out.has_exif = bool(len(exif)) or bool(sub) or bool(gps)
    except Exception as exc:
        out.warnings.append(f"EXIF unreadable: {type(exc).__name__}: {exc}")
        out.failed = True
    return interpret(fields, out)


# --- every tag, for the viewer's EXIF table ------------------------------------------------------------------------

_SKIP = ("JPEGThumbnail", "TIFFThumbnail", "Thumbnail JPEGInterchangeFormat", "EXIF MakerNote", "Image ExifOffset",
         "Image GPSInfo", "EXIF InteroperabilityOffset")  # pointers and blobs, not facts
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|\d+|[A-Z]+")
_GROUPS = {"Image": "Image", "EXIF": "Exif", "GPS": "GPS", "Interoperability": "Interoperability",
           "Thumbnail": "Thumbnail", "MakerNote": "Maker note"}


_NAMES = {"DateTime": "Date and time", "DateTimeOriginal": "Date and time taken",
          "DateTimeDigitized": "Date and time digitized", "FNumber": "F-number", "ISOSpeedRatings": "ISO speed",
          "YCbCrPositioning": "YCbCr positioning", "ExifImageWidth": "Image width", "ExifImageLength": "Image height",
          "ExifVersion": "Exif version", "ExifOffset": "Exif offset", "GPSInfo": "GPS info"}


def readable_tag(name: str) -> str:
    """"ExposureBiasValue" -> "Exposure bias value", "GPSLatitudeRef" -> "GPS latitude ref"."""
    if name in _NAMES:
        return _NAMES[name]
    if " " in name or not name.isalnum():  # "Tag 0x9999": exifread does not know it
        return name
    words = _WORD.findall(name) or [name]
    out = [words[0]] + [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]]
    return " ".join(out)


def exif_table(data: bytes, limit: int = 300) -> list[tuple[str, str, str]]:
    """Every EXIF tag exifread finds in a file, as (group, readable name, value), in file order. Long values
    (binary blocks, long lists) are cut to ``limit`` characters. Never raises: unreadable EXIF gives []."""
    _collect.sink = []
    try:
        tags = exifread.process_file(io.BytesIO(data), details=True, extract_thumbnail=False)
    except Exception:  # exifread crashes on many real files
        log.debug("exifread failed", exc_info=True)
        return []
    finally:
        _collect.sink = None
    rows: list[tuple[str, str, str]] = []
    for key, tag in tags.items():
        if key.startswith(_SKIP) or key in _SKIP:
            continue
        group, _, name = key.partition(" ")
        if not name:
            group, name = "", group
        value = str(getattr(tag, "printable", tag)).replace("\x00", "").strip()
        if len(value) > limit:
            value = value[: limit - 1] + "…"
        rows.append((_GROUPS.get(group, group), readable_tag(name), value))
    return rows
