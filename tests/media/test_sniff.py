"""Format by magic bytes, never by name."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from desktop.core.model import MediaKind
from desktop.media.sniff import expected_format, matches_extension, sniff


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00" * 64


def _saved(fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, fmt, **kw)
    return out.getvalue()


@pytest.mark.parametrize(
    ("head", "kind", "fmt", "mime"),
    [
        (_saved("JPEG"), MediaKind.IMAGE, "JPEG", "image/jpeg"),
        (_saved("PNG"), MediaKind.IMAGE, "PNG", "image/png"),
        (_saved("GIF"), MediaKind.IMAGE, "GIF", "image/gif"),
        (_saved("WEBP"), MediaKind.IMAGE, "WEBP", "image/webp"),
        (_saved("TIFF"), MediaKind.IMAGE, "TIFF", "image/tiff"),
        (_saved("BMP"), MediaKind.IMAGE, "BMP", "image/bmp"),
        (_ftyp(b"heic", b"mif1", b"heic"), MediaKind.IMAGE, "HEIF", "image/heic"),
        (_ftyp(b"mif1", b"mif1", b"heic"), MediaKind.IMAGE, "HEIF", "image/heic"),
        (_ftyp(b"avif", b"mif1", b"avif"), MediaKind.IMAGE, "AVIF", "image/avif"),
        (_ftyp(b"mif1", b"avif", b"miaf"), MediaKind.IMAGE, "AVIF", "image/avif"),
        (_ftyp(b"isom", b"isom", b"avc1"), MediaKind.VIDEO, "MP4", "video/mp4"),
        (_ftyp(b"mp42", b"mp41"), MediaKind.VIDEO, "MP4", "video/mp4"),
        (_ftyp(b"qt  ", b"qt  "), MediaKind.VIDEO, "MOV", "video/quicktime"),
        (_ftyp(b"3gp4", b"isom", b"3gp4"), MediaKind.VIDEO, "3GP", "video/3gpp"),
        (_ftyp(b"M4V ", b"M4V "), MediaKind.VIDEO, "M4V", "video/x-m4v"),
        (_ftyp(b"M4A ", b"M4A ", b"mp42"), MediaKind.AUDIO, "M4A", "audio/mp4"),
        (_ftyp(b"crx ", b"crx "), MediaKind.OTHER, "CR3", "image/x-canon-cr3"),
        (b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat", MediaKind.VIDEO, "MOV", "video/quicktime"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", MediaKind.VIDEO, "WEBM", "video/webm"),
        (
            b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska",
            MediaKind.VIDEO,
            "MKV",
            "video/x-matroska",
        ),
        (b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead\x01\x01", MediaKind.AUDIO, "OGG", "audio/ogg"),
        (b"OggS\x00\x02" + b"\x00" * 22 + b"\x80theora", MediaKind.VIDEO, "OGG", "video/ogg"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", MediaKind.AUDIO, "MP3", "audio/mpeg"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 60, MediaKind.AUDIO, "MP3", "audio/mpeg"),
        (b"\xff\xf1\x50\x80\x02\x1f\xfc", MediaKind.AUDIO, "AAC", "audio/aac"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", MediaKind.AUDIO, "WAV", "audio/wav"),
        (b"fLaC\x00\x00\x00\x22", MediaKind.AUDIO, "FLAC", "audio/flac"),
        (b"#!AMR\n", MediaKind.AUDIO, "AMR", "audio/amr"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", MediaKind.PDF, "PDF", "application/pdf"),
        (b"\x00\x00\x00\x0cJXL \r\n\x87\n", MediaKind.OTHER, "JXL", "image/jxl"),
        (b"PK\x03\x04\x14\x00", MediaKind.OTHER, "ZIP", "application/zip"),
        (
            "Grüße aus Köln\n12/03/2024, 10:12 - Anna: IMG-20240312-WA0003.jpg".encode(),
            MediaKind.OTHER,
            "TEXT",
            "text/plain",
        ),
        ("caf\xe9 cr\xe8me br\xfbl\xe9e\r\n".encode("cp1252"), MediaKind.OTHER, "TEXT", "text/plain"),
        ("\ufeffhello".encode("utf-16"), MediaKind.OTHER, "TEXT", "text/plain"),
        (b"\x00" * 4096, MediaKind.OTHER, "BLANK", "application/octet-stream"),
        (b"", MediaKind.OTHER, "EMPTY", "application/x-empty"),
        (bytes(range(256)) * 4, MediaKind.OTHER, None, "application/octet-stream"),
    ],
)
def test_sniff_by_content(head: bytes, kind: MediaKind, fmt: str | None, mime: str) -> None:
    got = sniff(head)
    assert (got.kind, got.format, got.mime) == (kind, fmt, mime)


def test_text_is_flagged_as_text() -> None:
    assert sniff(b"just some notes\n").is_text
    assert not sniff(_saved("PNG")).is_text


def test_jpeg_is_not_taken_for_mp3_frame_sync() -> None:
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF").format == "JPEG"


def test_extension_only_used_for_mismatch() -> None:
    assert expected_format("IMG_0001.JPG") == (MediaKind.IMAGE, "JPEG")
    assert expected_format("notes.txt") is None
    heif = sniff(_ftyp(b"heic", b"heic"))
    assert not matches_extension("photo.jpg", heif)
    assert matches_extension("photo.heic", heif)
    assert matches_extension("VID-20240101-WA0001.mp4", sniff(_ftyp(b"qt  ")))
    assert matches_extension("archive.bin", heif)
