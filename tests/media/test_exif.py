"""EXIF dates, offsets, sub-seconds, camera, GPS; garbage and broken EXIF never raise."""

from __future__ import annotations

import io
import random
import time
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from desktop.media.exif import exif_from_pillow, parse_datetime, parse_gps_coordinate, read_exif

EXIF_IFD, GPS_IFD = 0x8769, 0x8825


def _jpeg_with_exif(ifd0: dict, exif_ifd: dict | None = None, gps: dict | None = None) -> bytes:
    exif = Image.Exif()
    for tag, value in ifd0.items():
        exif[tag] = value
    if exif_ifd:
        exif.get_ifd(EXIF_IFD).update(exif_ifd)
    if gps:
        exif.get_ifd(GPS_IFD).update(gps)
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "navy").save(out, "JPEG", exif=exif)
    return out.getvalue()


def _dms(deg: int, minutes: int, seconds: float) -> tuple:
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(round(seconds * 100), 100))


# --- parsing -------------------------------------------------------------------------------------------------------


def test_parse_datetime_plain_subsec_and_offset() -> None:
    assert parse_datetime("2022:02:16 12:55:41") == datetime(2022, 2, 16, 12, 55, 41)
    assert parse_datetime("2022:02:16 12:55:41\x00") == datetime(2022, 2, 16, 12, 55, 41)
    assert parse_datetime("2022-02-16 12:55:41") == datetime(2022, 2, 16, 12, 55, 41)
    assert parse_datetime("2022:02:16 12:55:41", subsec="762").microsecond == 762000
    assert parse_datetime("2022:02:16 12:55:41", subsec="360058").microsecond == 360058
    assert parse_datetime("2022:02:16 12:55:41", subsec="04").microsecond == 40000
    aware = parse_datetime("2022:02:16 12:55:41", offset="+01:00")
    assert aware.utcoffset() == timedelta(hours=1)
    assert parse_datetime("2022:02:16 12:55:41", offset="-0530").utcoffset() == -timedelta(
        hours=5, minutes=30
    )


@pytest.mark.parametrize(
    "garbage",
    [
        "0000:00:00 00:00:00",
        "    :  :     ",
        "    :  :   :  :  ",
        "",
        "2024:13:01 10:00:00",
        "2024:02:30 10:00:00",
        "2024:01:01 25:00:00",
        "1800:01:01 00:00:00",
        "9999:01:01 00:00:00",
        "yesterday",
    ],
)
def test_parse_datetime_rejects_garbage(garbage: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(garbage)


@pytest.mark.parametrize("bad", ["+25:00", "1:00", "   :  ", "+01:75", "Z"])
def test_parse_datetime_rejects_bad_offset(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime("2022:02:16 12:55:41", offset=bad)


def test_gps_coordinates() -> None:
    assert parse_gps_coordinate([40, 26, 49.1], "W", 180) == pytest.approx(-40.4469722, abs=1e-6)
    assert parse_gps_coordinate([IFDRational(0, 1), IFDRational(11139, 500), 0], "S", 90) == pytest.approx(
        -0.3713
    )
    assert parse_gps_coordinate(IFDRational(44, 1), "N", 90) == 44
    with pytest.raises(ValueError):
        parse_gps_coordinate([95, 0, 0], "N", 90)
    with pytest.raises(ValueError):
        parse_gps_coordinate([IFDRational(1, 0), 0, 0], "N", 90)


# --- reading from files --------------------------------------------------------------------------------------------


def test_read_exif_all_fields() -> None:
    data = _jpeg_with_exif(
        {
            0x010F: "Canon  ",
            0x0110: "Canon EOS 40D",
            0x0131: "GIMP 2.10",
            0x0112: 6,
            0x0132: "0000:00:00 00:00:00",
        },
        {
            0x9003: "2024:03:14 10:12:33",
            0x9291: "250",
            0x9011: "+01:00",
            0x9004: "2024:03:14 10:12:34",
            0x9012: "-05:00",
        },
        {1: "S", 2: _dms(33, 51, 35.9), 3: "W", 4: _dms(151, 12, 40.2)},
    )
    exif = read_exif(data)
    assert exif.has_exif
    assert exif.taken == datetime(2024, 3, 14, 10, 12, 33, 250000, tzinfo=timezone(timedelta(hours=1)))
    assert exif.digitized == datetime(2024, 3, 14, 10, 12, 34, tzinfo=timezone(timedelta(hours=-5)))
    assert exif.modified is None and any("DateTime ignored" in w for w in exif.warnings)
    assert (exif.make, exif.model, exif.software, exif.orientation) == (
        "Canon",
        "Canon EOS 40D",
        "GIMP 2.10",
        6,
    )
    assert exif.gps == pytest.approx((-33.859972, -151.21117), abs=1e-5)


def test_naive_without_offset_and_bad_offset_keeps_date() -> None:
    exif = read_exif(_jpeg_with_exif({}, {0x9003: "2024:03:14 10:12:33", 0x9011: "+25:00"}))
    assert exif.taken == datetime(2024, 3, 14, 10, 12, 33) and exif.taken.tzinfo is None
    assert any("OffsetTimeOriginal ignored" in w for w in exif.warnings)


def test_out_of_range_orientation_and_null_island_are_dropped() -> None:
    exif = read_exif(_jpeg_with_exif({0x0112: 9}, None, {1: "N", 2: _dms(0, 0, 0), 3: "E", 4: _dms(0, 0, 0)}))
    assert exif.orientation is None and exif.gps is None
    assert len(exif.warnings) == 2


def test_no_exif() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    exif = read_exif(out.getvalue())
    assert not exif.has_exif and exif.taken is None and exif.warnings == []


def test_pillow_fallback_finds_exif_behind_an_xmp_segment() -> None:
    """exifread gives up on EXIF behind a large XMP APP1, as Photoshop writes them (fixtures' xmp/no_exif.jpg)."""
    data = _jpeg_with_exif({0x0131: "Adobe Photoshop", 0x0112: 1}, {0x9003: "2014:09:22 10:56:35"})
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + b" " * 20000 + b"</x:xmpmeta>"
    segment = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
    shuffled = data[:2] + segment + data[2:]
    assert not read_exif(shuffled).has_exif
    fallback = exif_from_pillow(Image.open(io.BytesIO(shuffled)))
    assert fallback.has_exif and fallback.taken == datetime(2014, 9, 22, 10, 56, 35)


def _hostile_blobs() -> list[bytes]:
    """APP1 segments with broken TIFF structures: loops, huge counts, offsets past the end, random flips."""
    good = _jpeg_with_exif(
        {0x010F: "Make", 0x0112: 3}, {0x9003: "2024:03:14 10:12:33"}, {1: "N", 2: _dms(1, 2, 3)}
    )
    start = good.index(b"Exif\x00\x00")
    blobs = [
        b"MM\x00*\x00\x00\x00\x08"
        + b"\x00\x01"
        + b"\x87\x69\x00\x04\x00\x00\x00\x01\x00\x00\x00\x08"
        + b"\x00" * 4,
        b"II*\x00\x08\x00\x00\x00" + b"\xff\xff" + b"\x00" * 32,
        b"II*\x00\xff\xff\xff\x7f",
        b"MM\x00*\x00\x00\x00\x08\x00\x02\x01\x0f\x00\x02\x7f\xff\xff\xff\x00\x00\x00\x10",
    ]
    datas = []
    for tiff in blobs:
        payload = b"Exif\x00\x00" + tiff
        datas.append(b"\xff\xd8" + b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload + good[2:])
    rng = random.Random(1234)
    for _ in range(40):
        flipped = bytearray(good)
        for _ in range(6):
            flipped[rng.randrange(start + 6, start + 200)] = rng.randrange(256)
        datas.append(bytes(flipped))
    datas.append(good[: start + 40])  # EXIF cut in the middle
    return datas


def test_broken_exif_never_raises_and_finishes_quickly() -> None:
    began = time.perf_counter()
    for data in _hostile_blobs():
        exif = read_exif(data)
        assert exif.orientation in (None, *range(1, 9))
    assert time.perf_counter() - began < 3.0
