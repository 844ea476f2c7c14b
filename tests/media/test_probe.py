"""The probe on real camera files (checked against ExifTool) and on generated good, broken and hostile files.

Files Pillow cannot decode (``pillow_13.decodes`` false in MANIFEST.json: the JPEG XL and the truncated Sony ARW)
are kept as kind OTHER, with their EXIF (capture time, camera) and a warning, not rejected: they are real pictures
a customer sent, and their capture time still matters. The DNG opens in Pillow (its embedded preview) and is an
IMAGE with a warning that its size is the preview's.
"""

from __future__ import annotations

import io
import json
import os
import random
import struct
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.core.errors import RejectedInput
from desktop.core.model import MediaKind, ProbeResult
from desktop.media.probe import BOMB_REASON, probe_bytes, probe_path
from tests.media.test_video import make_audio, make_mp4


def _samples_dir() -> Path:
    shared = os.environ.get("CASEDESK_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    return base / "fixtures" / "exif-samples"


SAMPLES = _samples_dir()
needs_samples = pytest.mark.skipif(
    not (SAMPLES / "MANIFEST.json").is_file(), reason="shared exif samples absent"
)


@pytest.fixture(scope="module")
def probed() -> dict[str, ProbeResult | RejectedInput]:
    """Every file under the samples folder, probed once (README, licences and MANIFEST included)."""
    results: dict[str, ProbeResult | RejectedInput] = {}
    for path in sorted(p for p in SAMPLES.rglob("*") if p.is_file()):
        try:
            results[path.relative_to(SAMPLES).as_posix()] = probe_path(path)
        except RejectedInput as exc:
            results[path.relative_to(SAMPLES).as_posix()] = exc
    return results


@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    return json.loads((SAMPLES / "MANIFEST.json").read_text(encoding="utf-8"))["files"]


# --- real camera files -----------------------------------------------------------------------------------------------


@needs_samples
def test_every_sample_probes_and_none_is_rejected(probed: dict) -> None:
    assert len(probed) > 100
    rejected = {name: str(err) for name, err in probed.items() if isinstance(err, RejectedInput)}
    assert rejected == {}
    assert probed["MANIFEST.json"].kind == MediaKind.OTHER and probed["MANIFEST.json"].format == "TEXT"


@needs_samples
def test_samples_match_exiftool(probed: dict, manifest: list[dict]) -> None:
    for record in manifest:
        result, oracle = probed[record["path"]], record["exiftool_exif"]
        where = record["path"]
        taken = oracle["datetime_original"]
        if taken and taken[:4] != "0000":
            assert result.exif_taken is not None, where
            assert result.exif_taken.strftime("%Y:%m:%d %H:%M:%S") == taken, where
        else:
            assert result.exif_taken is None, where
        if oracle["offset_time_original"]:
            sign = -1 if oracle["offset_time_original"][0] == "-" else 1
            hours, minutes = oracle["offset_time_original"][1:].split(":")
            assert result.exif_taken.utcoffset() == sign * timedelta(
                hours=int(hours), minutes=int(minutes)
            ), where
        elif result.exif_taken is not None:
            assert result.exif_taken.tzinfo is None, where
        assert result.make == oracle["make"], where
        assert result.model == oracle["model"], where
        assert result.orientation == oracle["orientation"], where
        if oracle["gps"] is None:
            assert result.gps is None, where
        else:
            assert result.gps == pytest.approx(tuple(oracle["gps"]), abs=1e-4), where


@needs_samples
def test_samples_sizes_kinds_and_thumbnails(probed: dict, manifest: list[dict]) -> None:
    for record in manifest:
        result, pillow = probed[record["path"]], record["pillow_13"]
        where = record["path"]
        if not pillow["decodes"]:
            assert result.kind == MediaKind.OTHER and result.thumbnail is None, where
            assert any("cannot be shown" in w for w in result.warnings), where
            continue
        assert result.kind == MediaKind.IMAGE, where
        size = (pillow["width"], pillow["height"])
        swapped = (
            result.orientation in (5, 6, 7, 8) and pillow["format"] != "HEIF"
        )  # pillow-heif turns it itself
        assert (result.width, result.height) == (size[::-1] if swapped else size), where
        thumb = Image.open(io.BytesIO(result.thumbnail))
        assert thumb.format == "JPEG" and max(thumb.size) <= 320, where
        assert (thumb.width >= thumb.height) == (result.width >= result.height) or min(size) < 8, where
        assert result.phash is not None and result.fingerprint, where


@needs_samples
def test_notable_samples(probed: dict) -> None:
    iphone = probed["heic/mobile/iphone_13_pro_max.heic"]
    assert (iphone.format, iphone.width, iphone.height, iphone.orientation) == ("HEIF", 3024, 4032, 6)
    assert iphone.exif_taken.microsecond == 762000 and iphone.exif_taken.utcoffset() == timedelta(hours=1)
    disguised = probed["heic/heic_hdlr_box.jpg"]
    assert disguised.format == "HEIF" and any("content is HEIF" in w for w in disguised.warnings)
    raw = probed["raw/sony_alpha_a7iii_raw_image.ARW"]
    assert (raw.kind, raw.format, raw.model) == (MediaKind.OTHER, "ARW", "ILCE-7M3")
    assert raw.exif_taken.utcoffset() == timedelta(hours=2)
    assert probed["jpg/tests/45-gps_ifd.jpg"].gps is None
    assert probed["jpg/tests/Xiaomi_Mi_9T_KeyError.jpg"].exif_taken.microsecond == 360058
    assert not probed["jpg/exif-org/olympus-d320l.jpg"].has_exif
    # The manifest's note calls this file EXIF-less, but it has an EXIF APP1 behind a large XMP one (ExifTool
    # reads its Orientation and Software); exifread misses it, Pillow's reader finds it.
    assert probed["jpg/xmp/no_exif.jpg"].has_exif and probed["jpg/xmp/no_exif.jpg"].software
    # corrupted.jpg really is damaged: its bottom rows decode as flat grey.
    assert any("cut short" in w for w in probed["jpg/corrupted.jpg"].warnings)
    assert not any("cut short" in w for w in probed["jpg/mobile/jolla.jpg"].warnings)


# --- generated pictures -----------------------------------------------------------------------------------------------


def _photo(width: int, height: int, seed: int = 0) -> Image.Image:
    """Noise over gradients: compresses like a photo, so truncation hits real entropy-coded data."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 // width, y * 255 // height, (x + y) * 255 // (width + height)], -1)
    noise = rng.integers(-40, 40, (height, width, 3))
    return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))


def _encoded(img: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


@pytest.fixture(scope="module")
def big_jpeg() -> bytes:
    return _encoded(_photo(1280, 960), "JPEG", quality=85)


def test_large_jpeg_full_size_reduced_thumbnail(big_jpeg: bytes) -> None:
    result = probe_bytes(big_jpeg, "IMG_20240314_101233.jpg")
    assert (result.kind, result.format, result.mime) == (MediaKind.IMAGE, "JPEG", "image/jpeg")
    assert (result.width, result.height) == (1280, 960) and not result.has_exif
    assert Image.open(io.BytesIO(result.thumbnail)).size == (320, 240)
    assert result.warnings == []


@pytest.mark.parametrize("keep", [0.3, 0.9, 0.999])
@pytest.mark.parametrize("progressive", [False, True])
def test_truncated_jpeg_rejected(big_jpeg: bytes, keep: float, progressive: bool) -> None:
    data = _encoded(Image.open(io.BytesIO(big_jpeg)), "JPEG", progressive=True) if progressive else big_jpeg
    with pytest.raises(RejectedInput, match="truncated JPEG"):
        probe_bytes(data[: int(len(data) * keep)], "IMG_1.jpg")


def test_zero_filled_jpeg_rejected(big_jpeg: bytes) -> None:
    """An interrupted copy padded with zeros: libjpeg decodes the zeros as data and Pillow reports success."""
    cut = len(big_jpeg) // 2
    with pytest.raises(RejectedInput, match="truncated JPEG"):
        probe_bytes(big_jpeg[:cut] + bytes(len(big_jpeg) * 2), "IMG_2.jpg")


def test_cut_jpeg_with_end_marker_is_kept_with_a_warning(big_jpeg: bytes) -> None:
    """Cut, then closed with an end marker: Pillow decodes it (grey fill); the probe warns, it cannot prove it."""
    result = probe_bytes(big_jpeg[: len(big_jpeg) // 2] + b"\xff\xd9", "IMG_3.jpg")
    assert any("cut short" in w for w in result.warnings)


def test_jpeg_with_trailer_after_end_marker_is_fine(big_jpeg: bytes) -> None:
    """Motion photos append a video after the JPEG's end marker."""
    result = probe_bytes(big_jpeg + make_mp4(gops=1) + bytes(64), "PXL_20240314_101233.MP.jpg")
    assert result.width == 1280 and result.warnings == []


def test_text_named_jpg_is_rejected_as_text() -> None:
    with pytest.raises(RejectedInput, match="not a picture: the file is text"):
        probe_bytes(b"<html><body>Sorry, this link has expired</body></html>\n", "IMG_0001.jpg")
    with pytest.raises(RejectedInput, match="not a video: the file is text"):
        probe_bytes(b"hello\n", "VID_0001.mp4")


def test_text_with_any_other_name_is_other() -> None:
    result = probe_bytes(b"12/03/2024, 10:12 - Anna: photo\n", "WhatsApp Chat with Anna.txt")
    assert (result.kind, result.mime, result.format) == (MediaKind.OTHER, "text/plain", "TEXT")


def test_empty_and_blank_files() -> None:
    with pytest.raises(RejectedInput, match="empty file"):
        probe_bytes(b"", "IMG_0002.jpg")
    with pytest.raises(RejectedInput, match="blank"):
        probe_bytes(bytes(5000), "IMG_0003.jpg")
    assert probe_bytes(bytes(range(256)), "data.bin").kind == MediaKind.OTHER


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that declares a huge 1-bit picture (a decompression bomb needs no real pixels to be refused)."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + tag + body + zlib.crc32(tag + body).to_bytes(4, "big")

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    "side", [10_000, 100_000]
)  # over the limit (Pillow warns) and over twice it (Pillow raises)
def test_decompression_bomb_rejected(side: int) -> None:
    data = _png_header_only(side, side)
    assert len(data) < 200
    with pytest.raises(RejectedInput) as err:
        probe_bytes(data, "sticker.png")
    assert err.value.message == BOMB_REASON


@pytest.mark.parametrize("block", [b"zTXt", b"iCCP"])
def test_a_png_whose_text_or_colour_profile_block_is_a_bomb_is_named_a_bomb(block: bytes) -> None:
    """A compressed text (zTXt) or colour profile (iCCP) of 100 MB of zeros in a 20 kB PNG: Pillow refuses it
    with "Decompressed data too large for PngImagePlugin.MAX_TEXT_CHUNK", which was the handler's reason."""
    def chunk(tag: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + tag + body + zlib.crc32(tag + body).to_bytes(4, "big")

    png = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(png, "PNG")
    good = png.getvalue()
    bomb = chunk(block, b"name\x00\x00" + zlib.compress(b"\x00" * (100 << 20), 9))
    data = good[:33] + bomb + good[33:]  # right after IHDR
    assert len(data) < 200_000
    with pytest.raises(RejectedInput) as err:
        probe_bytes(data, "photo.png")
    assert err.value.message == BOMB_REASON


@pytest.mark.parametrize(
    ("fmt", "name", "mode", "kw"),
    [
        ("PNG", "screenshot.png", "RGBA", {}),
        ("WEBP", "STK-20240314-WA0001.webp", "RGBA", {"quality": 80}),
        ("GIF", "funny.gif", "P", {}),
        ("TIFF", "scan.tiff", "RGB", {}),
        ("HEIF", "IMG_0001.HEIC", "RGB", {"quality": 50}),
        ("AVIF", "photo.avif", "RGB", {"quality": 50, "speed": 10}),
        ("BMP", "paint.bmp", "RGB", {}),
    ],
)
def test_other_picture_formats(fmt: str, name: str, mode: str, kw: dict) -> None:
    size = (641, 361) if fmt in ("HEIF", "AVIF") else (1203, 677)  # HEIF/AVIF encoders are slow
    result = probe_bytes(_encoded(_photo(*size, seed=3).convert(mode), fmt, **kw), name)
    assert (result.kind, result.format, result.width, result.height) == (MediaKind.IMAGE, fmt, *size)
    assert Image.open(io.BytesIO(result.thumbnail)).size == (320, 180)
    assert result.phash is not None and result.warnings == []


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")  # Pillow's EXIF reader complains
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP", "TIFF", "HEIF"])
def test_damaged_pictures_only_ever_raise_rejected_input(fmt: str) -> None:
    """Random byte damage (header, EXIF, pixel data): a result or a RejectedInput, never anything else."""
    exif = Image.Exif()
    exif[0x0112], exif[0x010F] = 3, "Cam"
    good = _encoded(_photo(96, 64, seed=5), fmt, **({"exif": exif} if fmt != "GIF" else {}))
    assert probe_bytes(good, f"good.{fmt.lower()}").kind == MediaKind.IMAGE
    rng = random.Random(fmt)
    probed = rejected = 0
    for _ in range(25):
        damaged = bytearray(good)
        for _ in range(rng.choice((1, 4, 16))):
            damaged[rng.randrange(2, len(damaged))] = rng.randrange(256)
        try:
            result = probe_bytes(bytes(damaged), f"damaged.{fmt.lower()}")
        except RejectedInput as e:
            assert str(e).strip(), "a rejection says why"
            rejected += 1
        else:
            assert result.kind in set(MediaKind)
            assert result.kind != MediaKind.IMAGE or (result.width or 0) > 0 < (result.height or 0)
            probed += 1
    assert probed + rejected == 25


def test_webp_exif_read_through_pillow_fallback() -> None:
    exif = Image.Exif()
    exif[0x0112] = 8
    exif[0x010F] = "Google"
    result = probe_bytes(_encoded(Image.new("RGB", (60, 40)), "WEBP", exif=exif), "sticker.webp")
    assert (result.make, result.orientation, result.width, result.height) == ("Google", 8, 40, 60)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF", "AVIF", "HEIF"])
def test_exif_orientation_6_swaps_size_and_thumbnail_is_upright(fmt: str) -> None:
    """Orientation 6: turn 90 degrees clockwise to view. pillow-heif and Pillow's TIFF plugin turn the picture
    while decoding (HEIF stores it as an ``irot`` box), the others leave it to the probe: never twice."""
    stored = Image.new("RGB", (800, 600), "white")
    stored.paste((220, 0, 0), (0, 0, 200, 150))  # red block in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8769)[0x9003] = "2024:03:14 10:12:33"
    kw = {"tiffinfo": {0x0112: 6}} if fmt == "TIFF" else {"exif": exif.tobytes()}
    result = probe_bytes(_encoded(stored, fmt, **kw), f"IMG_0004.{fmt.lower()}")
    assert (result.width, result.height) == (600, 800)
    if fmt == "JPEG":
        assert result.orientation == 6 and result.has_exif
        assert result.exif_taken == datetime(2024, 3, 14, 10, 12, 33)
    thumb = Image.open(io.BytesIO(result.thumbnail)).convert("RGB")
    assert thumb.size == (240, 320)
    assert (
        thumb.getpixel((230, 10))[1] < 60 and thumb.getpixel((10, 10))[1] > 200
    )  # stored top-left now top-right


# --- generated video, sound, PDF --------------------------------------------------------------------------------------


def test_mp4_probe(tmp_path: Path) -> None:
    path = tmp_path / "VID-20240314-WA0002.mp4"
    path.write_bytes(make_mp4())
    for result in (probe_path(path), probe_bytes(path.read_bytes(), path.name)):
        assert (result.kind, result.format, result.mime, result.codec) == (
            MediaKind.VIDEO,
            "MP4",
            "video/mp4",
            "h264",
        )
        assert result.duration_s == pytest.approx(2.0, abs=0.15)
        assert (result.width, result.height) == (160, 96)
        assert result.video_created_at == datetime(2024, 3, 14, 10, 12, 33, tzinfo=UTC)
        assert Image.open(io.BytesIO(result.thumbnail)).size == (160, 96)
        assert result.phash is not None and result.fingerprint


def test_probe_path_judges_the_given_name(tmp_path: Path) -> None:
    path = tmp_path / "tmp1234"
    path.write_bytes(b"not a photo at all\n")
    assert probe_path(path).format == "TEXT"
    with pytest.raises(RejectedInput, match="not a picture: the file is text"):
        probe_path(path, name="IMG-20240314-WA0001.jpg")


def test_opus_voice_note_probe(tmp_path: Path) -> None:
    path = tmp_path / "PTT-20240314-WA0003.opus"
    path.write_bytes(make_audio())
    result = probe_path(path)
    assert (result.kind, result.format, result.mime, result.codec) == (
        MediaKind.AUDIO,
        "OGG",
        "audio/ogg",
        "opus",
    )
    assert result.duration_s == pytest.approx(1.5, abs=0.1)
    assert result.thumbnail is None and result.warnings == []


def test_unreadable_video_rejected() -> None:
    with pytest.raises(RejectedInput, match="unreadable video") as caught:
        probe_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 16, "VID_0002.mp4")
    assert "Errno" not in caught.value.message and "<none>" not in caught.value.message  # FFmpeg's words only


def test_pdf() -> None:
    result = probe_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "receipt.pdf")
    assert (result.kind, result.mime, result.format) == (MediaKind.PDF, "application/pdf", "PDF")


def test_the_decode_budget_lets_a_larger_picture_run_alone_and_is_given_back_on_failure() -> None:
    """A decode larger than the whole budget holds all of it (it runs alone, never waits for ever), and a decode that
    fails gives its share back (a damaged picture must not stall the probes of the other threads)."""
    from desktop.media.probe import _DecodeBudget

    budget = _DecodeBudget(100)
    with budget.hold(500):
        assert budget.used == 100
    assert budget.used == 0
    with pytest.raises(RejectedInput), budget.hold(40):
        assert budget.used == 40
        raise RejectedInput("damaged PNG picture")
    assert budget.used == 0
    cut = io.BytesIO()  # a PNG cut short fails inside the shared budget's hold: the budget is whole afterwards
    Image.new("RGB", (900, 700), (10, 20, 30)).save(cut, "PNG")
    with pytest.raises(RejectedInput):
        probe_bytes(cut.getvalue()[:400], "cut.png")
    from desktop.media.probe import DECODE_BUDGET

    assert DECODE_BUDGET.used == 0


def test_a_jpeg_whose_frame_is_zero_by_zero_is_named_in_words():
    """Found by fuzzing: a frame header declaring 0x0 pixels made Pillow slip on an internal table, and the
    reason read "damaged JPEG picture ('MPO')"."""
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 150)).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.find(b"\xff\xc0")
    data[sof + 5:sof + 9] = b"\0\0\0\0"  # height and width
    with pytest.raises(RejectedInput, match=r"^damaged JPEG picture \(its header cannot be read\)$"):
        probe_bytes(bytes(data), "zero.jpg")
