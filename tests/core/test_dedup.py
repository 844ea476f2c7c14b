"""Grouping: exact / same / similar, keeper rule, no daisy chains, people's decisions respected."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from PIL import Image

from desktop.core.dedup import (
    DEFAULT,
    DupCandidate,
    Thresholds,
    choose_keeper,
    compare,
    decode,
    group_duplicates,
)
from desktop.media.fingerprint import image_fingerprint
from tests.media.test_fingerprint import crop, fit, reencode, scene

T0 = datetime(2024, 5, 1, 9, 0)


def cand(
    key: str,
    img: Image.Image | None = None,
    *,
    sha: str | None = None,
    exif: bool = False,
    size: int = 1000,
    received: datetime | None = None,
    dims: tuple[int, int] | None = None,
    phash: int | None = None,
    fp: bytes | None = None,
) -> DupCandidate:
    if img is not None:
        phash, fp = image_fingerprint(img)
        dims = dims or img.size
    w, h = dims or (None, None)
    return DupCandidate(
        key=key,
        sha256=sha or hashlib.sha256(key.encode()).hexdigest(),
        kind="image",
        phash=phash,
        fingerprint=fp,
        width=w,
        height=h,
        size=size,
        has_exif=exif,
        received_at=received,
    )


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return scene(11)


def test_keeper_rule_order():
    plain_big = cand("big", dims=(4000, 3000), size=9_000_000, received=T0)
    exif_small = cand("exif", dims=(1600, 1200), exif=True, size=300_000, received=T0 + timedelta(days=1))
    assert choose_keeper([plain_big, exif_small]).key == "exif"  # camera original first
    assert choose_keeper([plain_big, cand("small", dims=(1600, 1200), size=9_900_000)]).key == "big"
    a = cand("a", dims=(1600, 1200), size=200_000, received=T0)
    b = cand("b", dims=(1600, 1200), size=300_000, received=T0 + timedelta(hours=1))
    assert choose_keeper([a, b]).key == "b"  # larger file
    c = cand("c", dims=(1600, 1200), size=300_000, received=T0)
    assert choose_keeper([b, c]).key == "c"  # earliest received
    assert choose_keeper([cand("n", dims=(10, 10), size=1), c]).key == "c"


def test_exact_same_and_similar_groups(photo):
    original = cand("orig", photo, exif=True, size=5_000_000, received=T0)
    copy_of_original = cand(
        "copy", photo, sha=original.sha256, exif=True, size=5_000_000, received=T0 + timedelta(hours=2)
    )
    whatsapp = cand("wa", reencode(fit(photo, 1000), quality=75), size=200_000, received=T0)
    emailed = cand("mail", reencode(fit(crop(photo, 0.02, 0, 0, 0.02), 800), quality=70), size=90_000)
    burst = cand("burst", crop(photo, 0.14, 0.0, 0.0, 0.0), exif=True, size=4_000_000, received=T0)
    other = cand("other", scene(12), size=300_000)
    groups = group_duplicates([other, emailed, burst, whatsapp, copy_of_original, original])
    by_kind = {g.kind: g for g in groups}
    assert set(by_kind) == {"exact", "same", "similar"}
    assert by_kind["exact"].keeper == "orig" and set(by_kind["exact"].members) == {"orig", "copy"}
    assert by_kind["same"].keeper == "orig" and set(by_kind["same"].members) == {"orig", "wa", "mail"}
    assert by_kind["similar"].members[0] == by_kind["similar"].keeper
    assert set(by_kind["similar"].members) == {"orig", "burst"}
    assert compare(original, copy_of_original) == "exact"
    assert compare(original, whatsapp) == "same"
    assert compare(original, burst) == "similar"
    assert compare(original, other) is None


def test_no_daisy_chain():
    wide = scene(21, (2600, 1200))
    steps = [wide.crop((i * 28, 0, i * 28 + 1200, 1200)) for i in range(10)]  # 2.3 % further each time
    items = [cand(f"s{i}", img, size=1000) for i, img in enumerate(steps)]
    assert compare(items[0], items[1]) == "same"  # neighbours are the same picture...
    assert compare(items[0], items[9]) != "same"  # ...the ends are not
    same = [g for g in group_duplicates(items) if g.kind == "same"]
    assert len(same) >= 2
    by_key = {c.key: c for c in items}
    for g in same:
        assert not {"s0", "s9"} <= set(g.members)
        assert all(compare(by_key[g.keeper], by_key[m]) == "same" for m in g.members[1:])


def test_not_duplicates_respected(photo):
    original = cand("orig", photo, exif=True)
    wa = cand("wa", reencode(fit(photo, 1000), quality=75))
    mail = cand("mail", reencode(fit(photo, 800), quality=70))
    groups = group_duplicates([original, wa, mail], not_duplicates={frozenset({"orig", "wa"})})
    for g in groups:
        assert not {"orig", "wa"} <= set(g.members)
    assert any(g.kind == "same" and set(g.members) == {"orig", "mail"} for g in groups)
    # exact copies a person split are kept apart too
    twin = cand("twin", photo, sha=original.sha256)
    assert group_duplicates([original, twin], not_duplicates=[frozenset({"orig", "twin"})]) == []


def test_keeper_override(photo):
    original = cand("orig", photo, exif=True)
    wa = cand("wa", reencode(fit(photo, 1000), quality=75))
    (g,) = group_duplicates([original, wa], keeper_overrides={"orig": "wa"})
    assert g.kind == "same" and g.keeper == "wa" and g.members == ["wa", "orig"]


def test_thresholds_are_settings(photo):
    original = cand("orig", photo)
    cropped = cand("crop", reencode(crop(photo, 0.04, 0.0, 0.0, 0.0), quality=80))
    assert compare(original, cropped) == "same"
    strict = Thresholds(same_shift=0.2, similar_shift=-1)
    assert compare(original, cropped, strict) is None
    assert group_duplicates([original, cropped], thresholds=strict) == []


def test_without_fingerprint_falls_back_to_phash():
    a = cand("a", phash=0xFFFF_0000_FFFF_0000)
    b = cand("b", phash=0xFFFF_0000_FFFF_0003)
    c = cand("c", phash=0x0000_FFFF_0000_FFFF)
    assert compare(a, b) == "same" and compare(a, c) is None
    assert compare(a, cand("n")) is None
    assert decode(b"\x09\x01junk") is None and decode(b"") is None and decode(None) is None


def test_video_duration_must_match(photo):
    _, fp = image_fingerprint(photo)
    frames = bytes((1, 2)) + fp[2:] + fp[2:]
    base = dict(
        sha256="x",
        kind="video",
        phash=1,
        fingerprint=frames,
        width=320,
        height=240,
        size=1,
        has_exif=False,
        received_at=None,
    )
    a = DupCandidate(key="a", duration_s=60.0, **{**base, "sha256": "a"})
    b = DupCandidate(key="b", duration_s=60.8, **{**base, "sha256": "b"})
    c = DupCandidate(key="c", duration_s=90.0, **{**base, "sha256": "c"})
    assert compare(a, b) == "same"
    assert compare(a, c) == "similar"
    assert compare(a, cand("img", photo)) is None  # an image is never a duplicate of a video


def test_default_thresholds_are_documented():
    assert DEFAULT.same_shift < 1.7 and DEFAULT.same_colour > 0
