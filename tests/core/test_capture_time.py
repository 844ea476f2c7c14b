from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop.core.capture_time import (
    TimeEvidence,
    choose_capture_time,
    compute_flags,
    is_edited,
    time_from_filename,
)
from desktop.core.model import CaptureSource, CaptureTime

T = datetime(2024, 3, 14, 10, 12, 33)


@pytest.mark.parametrize(
    ("name", "expected", "has_time"),
    [
        ("IMG_20240314_101233.jpg", T, True),
        ("PXL_20240314_101233123.jpg", T, True),
        ("VID_20240314_101233.mp4", T, True),
        ("Screenshot_20240314-101233.png", T, True),
        ("20240314_101233.jpg", T, True),
        ("IMG-20240314-WA0003.jpg", datetime(2024, 3, 14), False),
        ("PTT-20240314-WA0001.opus", datetime(2024, 3, 14), False),
        ("00000012-PHOTO-2024-03-14-10-12-33.jpg", T, True),
        ("2024-03-14 10.12.33.jpg", T, True),
        ("holiday.jpg", None, None),
        ("IMG_20241399_101233.jpg", None, None),  # month 13: not a date
        ("IMG_18000101_000000.jpg", None, None),  # implausible year
    ],
)
def test_time_from_filename(name, expected, has_time):
    got = time_from_filename(name)
    if expected is None:
        assert got is None
    else:
        assert got == (expected, has_time)


def test_order_of_sources():
    off = timezone(timedelta(hours=2))
    exif = datetime(2024, 3, 1, 9, 0, tzinfo=off)
    full = TimeEvidence("IMG_20240314_101233.jpg", exif_taken=exif, exif_digitized=T, exif_modified=T,
                        video_created_at=T, received_at=T, file_mtime=T)
    c = choose_capture_time(full).time
    assert c == CaptureTime(exif, CaptureSource.EXIF) and c.value.utcoffset() == timedelta(hours=2)
    assert choose_capture_time(TimeEvidence("x.jpg", exif_digitized=T)).time.source == CaptureSource.EXIF_DIGITIZED
    assert choose_capture_time(TimeEvidence("x.jpg", exif_modified=T)).time.source == CaptureSource.EXIF_DIGITIZED
    assert choose_capture_time(TimeEvidence("x.mp4", video_created_at=T)).time.source == CaptureSource.VIDEO
    got = choose_capture_time(TimeEvidence("IMG-20240314-WA0003.jpg", received_at=T, file_mtime=T))
    assert got.time.source == CaptureSource.FILENAME and got.date_only
    assert choose_capture_time(TimeEvidence("a.jpg", received_at=T, file_mtime=T)).time.source == CaptureSource.RECEIVED
    assert choose_capture_time(TimeEvidence("a.jpg", file_mtime=T)).time.source == CaptureSource.FILE
    assert choose_capture_time(TimeEvidence("a.jpg")).time is None


def test_naive_exif_stays_naive():
    c = choose_capture_time(TimeEvidence("a.jpg", exif_taken=T)).time
    assert c.value.tzinfo is None


def test_flags():
    taken = CaptureTime(T, CaptureSource.EXIF)
    base = dict(kind="image", fmt="JPEG", has_exif_date=True, software=None, taken=taken, taken_date_only=False,
                received_at=T + timedelta(hours=1), incident_date=None)
    assert compute_flags(**base) == []
    assert "exif-stripped" in compute_flags(**{**base, "has_exif_date": False})
    assert "exif-stripped" not in compute_flags(**{**base, "has_exif_date": False, "fmt": "PNG"})
    assert "edited" in compute_flags(**{**base, "software": "Adobe Photoshop CS2 Windows"})
    assert "edited" not in compute_flags(**{**base, "software": "HDR+ 1.0.199571065z"})
    assert "taken-after-received" in compute_flags(**{**base, "received_at": T - timedelta(days=1)})
    assert "long-before-incident" in compute_flags(**{**base, "incident_date": date(2024, 6, 1)})
    assert "long-before-incident" not in compute_flags(**{**base, "incident_date": date(2024, 3, 20)})
    # a received time is never "after received"
    recv = CaptureTime(T, CaptureSource.RECEIVED)
    assert compute_flags(**{**base, "taken": recv, "received_at": T - timedelta(days=3)}) == []
    assert compute_flags(**{**base, "missing": True}) == ["missing-file"]


def test_mixed_naive_and_aware_compare_by_wall_clock():
    aware = CaptureTime(T.replace(tzinfo=UTC), CaptureSource.EXIF)
    flags = compute_flags(kind="image", fmt="JPEG", has_exif_date=True, software=None, taken=aware,
                          taken_date_only=False, received_at=T + timedelta(minutes=5), incident_date=None)
    assert flags == []


def test_editor_names():
    for s in ("GIMP 2.10.36", "Snapseed 2.0", "PicsArt", "Adobe Lightroom", "PaintTool SAI"):
        assert is_edited(s), s
    for s in ("Ver.1.00", "iOS 17.2", "Picasa"[:0] or None, "S9000 firmware"):
        assert not is_edited(s), s
