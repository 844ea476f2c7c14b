"""What a file is, from its first bytes (magic numbers), never from its name.

``sniff(head)`` needs only the start of the file (``HEAD_SIZE`` bytes is plenty) and returns the media kind, the
MIME type and a short format name ("JPEG", "HEIF", "MP4", "OGG", "PDF", "TEXT", ...). The name of the file is only
used afterwards, by the probe, to notice content that does not match its extension (``expected_format``).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import PurePath

from desktop.core.model import MediaKind

HEAD_SIZE = 8192


@dataclass(frozen=True)
class Sniffed:
    """The verdict on a file's first bytes. ``format`` is None when the content is not recognised."""

    kind: MediaKind
    mime: str
    format: str | None

    @property
    def is_text(self) -> bool:
        return self.format == "TEXT"


_UNKNOWN = Sniffed(MediaKind.OTHER, "application/octet-stream", None)

_HEIF_BRANDS = {
    b"heic",
    b"heix",
    b"heim",
    b"heis",
    b"hevc",
    b"hevx",
    b"hevm",
    b"hevs",
    b"mif1",
    b"msf1",
    b"mif2",
}
_AVIF_BRANDS = {b"avif", b"avis"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
_M4V_BRANDS = {b"M4V ", b"M4VH", b"M4VP"}
# Top-level QuickTime atoms that old .mov files start with instead of ``ftyp``.
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


def _img(fmt: str, mime: str) -> Sniffed:
    return Sniffed(MediaKind.IMAGE, mime, fmt)


def _video(fmt: str, mime: str) -> Sniffed:
    return Sniffed(MediaKind.VIDEO, mime, fmt)


def _audio(fmt: str, mime: str) -> Sniffed:
    return Sniffed(MediaKind.AUDIO, mime, fmt)


def _iso_bmff(head: bytes) -> Sniffed:
    """Classify an ISO base media file (HEIF, AVIF, MP4, MOV, 3GP, M4A...) by its ``ftyp`` brands."""
    size = int.from_bytes(head[0:4], "big")
    end = min(max(size, 16), len(head), 4096)
    major = head[8:12]
    brands = {major} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if major in _AVIF_BRANDS or (major in _HEIF_BRANDS and brands & _AVIF_BRANDS and b"heic" not in brands):
        return _img("AVIF", "image/avif")
    if major in _HEIF_BRANDS or b"heic" in brands:
        return _img("HEIF", "image/heic" if brands & {b"heic", b"heix"} else "image/heif")
    if major == b"crx ":
        return Sniffed(MediaKind.OTHER, "image/x-canon-cr3", "CR3")
    if major in _M4A_BRANDS:
        return _audio("M4A", "audio/mp4")
    if major == b"qt  ":
        return _video("MOV", "video/quicktime")
    if major.startswith(b"3g2"):
        return _video("3GP", "video/3gpp2")
    if major.startswith(b"3gp") or major.startswith(b"3ge") or major.startswith(b"3gg"):
        return _video("3GP", "video/3gpp")
    if major in _M4V_BRANDS:
        return _video("M4V", "video/x-m4v")
    return _video("MP4", "video/mp4")


def _ogg(head: bytes) -> Sniffed:
    """Ogg: the codec is named in the first packet of the first page."""
    first = head[28:64]
    if first.startswith(b"\x80theora"):
        return _video("OGG", "video/ogg")
    return _audio("OGG", "audio/ogg")


def _mp3_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a valid layer, bitrate and sample rate."""
    if len(head) < 4 or head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _adts_frame(head: bytes) -> bool:
    """An AAC ADTS frame header (sync word with layer bits 00)."""
    return len(head) >= 7 and head[0] == 0xFF and (head[1] & 0xF6) == 0xF0 and ((head[2] >> 2) & 0xF) < 13


def _looks_like_text(head: bytes) -> bool:
    """No NUL bytes and either valid UTF-8 (a cut multi-byte sequence at the end is fine) or barely any controls."""
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return True
    except UnicodeDecodeError:
        pass
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27, 8))
    return controls <= len(head) // 50


def sniff(head: bytes) -> Sniffed:
    """Classify a file by its first bytes. Unknown content is ``MediaKind.OTHER`` with ``format`` None."""
    if not head:
        return Sniffed(MediaKind.OTHER, "application/x-empty", "EMPTY")
    if head.startswith(b"\xff\xd8\xff"):
        return _img("JPEG", "image/jpeg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _img("PNG", "image/png")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _img("GIF", "image/gif")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _img("WEBP", "image/webp")
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return _img("TIFF", "image/tiff")
    if head.startswith(b"BM") and len(head) >= 26 and head[14] in (12, 40, 52, 56, 64, 108, 124):
        return _img("BMP", "image/bmp")
    if head[4:8] == b"ftyp":
        return _iso_bmff(head)
    if head.startswith((b"\x00\x00\x00\x0cJXL \r\n\x87\n", b"\xff\x0a")):
        return Sniffed(MediaKind.OTHER, "image/jxl", "JXL")
    if head[4:8] in _QT_ATOMS:
        return _video("MOV", "video/quicktime")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _video("WEBM", "video/webm") if b"webm" in head[:64] else _video("MKV", "video/x-matroska")
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return _video("AVI", "video/x-msvideo")
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return _audio("WAV", "audio/wav")
    if head.startswith(b"OggS"):
        return _ogg(head)
    if head.startswith(b"ID3") or _mp3_frame(head):
        return _audio("MP3", "audio/mpeg")
    if _adts_frame(head):
        return _audio("AAC", "audio/aac")
    if head.startswith(b"fLaC"):
        return _audio("FLAC", "audio/flac")
    if head.startswith(b"#!AMR"):
        return _audio("AMR", "audio/amr")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # before PDF: a ZIP may hold a stored PDF
        return Sniffed(MediaKind.OTHER, "application/zip", "ZIP")
    if b"%PDF-" in head[:1024]:
        return Sniffed(MediaKind.PDF, "application/pdf", "PDF")
    if head.strip(b"\x00") == b"":
        return Sniffed(MediaKind.OTHER, "application/octet-stream", "BLANK")
    if _looks_like_text(head):
        return Sniffed(MediaKind.OTHER, "text/plain", "TEXT")
    return _UNKNOWN


# What a file name promises, used to reject "photo.jpg" that is really text and to warn on mismatches.
_EXTENSIONS: dict[str, tuple[MediaKind, str]] = {
    **{e: (MediaKind.IMAGE, "JPEG") for e in ("jpg", "jpeg", "jpe", "jfif")},
    "png": (MediaKind.IMAGE, "PNG"),
    "gif": (MediaKind.IMAGE, "GIF"),
    "webp": (MediaKind.IMAGE, "WEBP"),
    "tif": (MediaKind.IMAGE, "TIFF"),
    "tiff": (MediaKind.IMAGE, "TIFF"),
    "bmp": (MediaKind.IMAGE, "BMP"),
    "heic": (MediaKind.IMAGE, "HEIF"),
    "heif": (MediaKind.IMAGE, "HEIF"),
    "avif": (MediaKind.IMAGE, "AVIF"),
    "mp4": (MediaKind.VIDEO, "MP4"),
    "m4v": (MediaKind.VIDEO, "M4V"),
    "mov": (MediaKind.VIDEO, "MOV"),
    "3gp": (MediaKind.VIDEO, "3GP"),
    "3g2": (MediaKind.VIDEO, "3GP"),
    "webm": (MediaKind.VIDEO, "WEBM"),
    "mkv": (MediaKind.VIDEO, "MKV"),
    "avi": (MediaKind.VIDEO, "AVI"),
    "opus": (MediaKind.AUDIO, "OGG"),
    "ogg": (MediaKind.AUDIO, "OGG"),
    "oga": (MediaKind.AUDIO, "OGG"),
    "m4a": (MediaKind.AUDIO, "M4A"),
    "mp3": (MediaKind.AUDIO, "MP3"),
    "wav": (MediaKind.AUDIO, "WAV"),
    "aac": (MediaKind.AUDIO, "AAC"),
    "amr": (MediaKind.AUDIO, "AMR"),
    "pdf": (MediaKind.PDF, "PDF"),
}
# Formats that share a container and are routinely named after one another (WhatsApp's .mp4 may be QuickTime).
_SAME_FAMILY = [{"MP4", "M4V", "MOV", "3GP", "M4A"}, {"WEBM", "MKV"}]


def expected_format(name: str) -> tuple[MediaKind, str] | None:
    """The kind and format a file name's extension promises, or None for extensions that promise nothing."""
    return _EXTENSIONS.get(PurePath(name).suffix.lower().lstrip("."))


def matches_extension(name: str, sniffed: Sniffed) -> bool:
    """True when the content is what the extension says (or the extension says nothing)."""
    expected = expected_format(name)
    if expected is None or sniffed.format == expected[1]:
        return True
    return any(sniffed.format in fam and expected[1] in fam for fam in _SAME_FAMILY)
