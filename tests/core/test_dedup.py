"""Grouping: exact / same / similar, keeper rule, no daisy chains, people's decisions respected; pruning loses
nothing."""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import replace as dc_replace
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from desktop.core.dedup import (
    DEFAULT,
    DupCandidate,
    Thresholds,
    _best_shifted_corr,
    choose_keeper,
    compare,
    decode,
    group_duplicates,
    other_captures,
)
from desktop.core.sameness import EDITED, SAME, SIMILAR, UNRELATED, Verdict
from desktop.media.fingerprint import image_fingerprint
from desktop.services.duplicates import image_candidates
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


def test_the_camera_clock_tells_two_exposures_apart():
    def at(when: datetime | None) -> DupCandidate:
        return dc_replace(cand("x"), taken=when)

    shot = datetime(2024, 5, 17, 14, 3, 22, 120000)
    assert other_captures(at(shot), at(shot.replace(microsecond=450000)))  # a burst: sub-seconds in both
    assert other_captures(at(shot), at(shot + timedelta(seconds=1)))
    assert not other_captures(at(shot), at(shot))  # a copy keeps its original's time
    assert not other_captures(at(shot), at(shot.replace(microsecond=0)))  # one file without sub-seconds
    assert not other_captures(at(shot), at(None)) and not other_captures(at(None), at(None))  # a copy lost it
    assert not other_captures(at(shot), at(shot + timedelta(hours=2)))  # a tool moved one copy's time zone
    assert not other_captures(at(shot.replace(tzinfo=UTC)), at(shot))  # one with its offset written, one without


def test_two_exposures_are_never_the_same_picture(photo):
    """Two camera originals whose capture times differ are two exposures whatever the pixels say (a burst of a
    still scene): similar at most, never set aside; the same file re-saved with its time is the same picture."""
    first = dc_replace(cand("first", photo, exif=True, size=5_000_000), taken=datetime(2024, 5, 17, 14, 3, 22, 100000))
    second = dc_replace(cand("second", reencode(photo, quality=90), exif=True, size=4_900_000),
                        taken=datetime(2024, 5, 17, 14, 3, 22, 400000))
    resaved = dc_replace(cand("resaved", reencode(photo, quality=80), exif=True, size=3_000_000), taken=first.taken)
    kinds = {g.kind: set(g.members) for g in group_duplicates([first, second, resaved])}
    assert kinds == {"same": {"first", "resaved"}, "similar": {"first", "second"}}
    assert compare(first, second) == "similar" and compare(first, resaved) == "same"
    proof = _proved({(a, b): Verdict(SAME) for a in ("first", "second", "resaved") for b in ("first", "second",
                                                                                           "resaved")})
    kinds = {g.kind: set(g.members) for g in group_duplicates([first, second, resaved], verify=proof)}
    assert kinds == {"same": {"first", "resaved"}, "similar": {"first", "second"}}


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


def _proved(table: dict[tuple[str, str], Verdict]):
    """A proof that answers from ``table`` (keeper key, copy key) -> verdict: what the registration found;
    pairs not in it do not register."""
    return lambda a, b: table.get((a.key, b.key), Verdict(UNRELATED))


def test_a_copy_the_keeper_cannot_prove_joins_through_a_member_once(photo):
    """The keeper's own proof of a copy may be spoiled (aliasing at its resolution: a few scattered tiles); a copy
    proven the same as a member the keeper proved the same is then the same picture. One step only, and never
    over the keeper's evidence of an edit or of another capture (geometry)."""
    items = [cand(k, photo, exif=k == "orig", size=5_000_000 if k == "orig" else 1000) for k in
             ("orig", "wa", "turned", "moved", "edited", "far")]
    spoiled = Verdict(SIMILAR, disagreeing=0.05)
    table = {("orig", "wa"): Verdict(SAME), ("orig", "turned"): spoiled, ("wa", "turned"): Verdict(SAME),
             ("orig", "moved"): Verdict(SIMILAR, moved=True), ("wa", "moved"): Verdict(SAME),
             ("orig", "edited"): Verdict(EDITED, region=(10, 10, 20, 20)), ("wa", "edited"): Verdict(SAME),
             ("orig", "far"): spoiled, ("turned", "far"): Verdict(SAME)}  # 'far' is two steps away
    groups = group_duplicates(items, verify=_proved(table), candidates=lambda c: [i.key for i in items])
    same = next(g for g in groups if g.kind == SAME)
    assert same.keeper == "orig" and set(same.members) == {"orig", "wa", "turned"}
    assert next(g for g in groups if g.kind == EDITED).members[1:] == ["edited"]
    assert not any({"moved", "far"} & set(g.members) for g in groups if g.kind == SAME)
    table[("orig", "wa")] = spoiled  # nothing the keeper proved itself: nothing to go through
    assert not any(g.kind == SAME for g in group_duplicates(items, verify=_proved(table),
                                                            candidates=lambda c: [i.key for i in items]))


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


# --- pruning: the same groups as comparing every pair -----------------------------------------------------------


def direct_best_shifted_corr(a, b, max_shift: int) -> float:
    """The correlation over shifts written as direct loops over the overlaps (the engine's first version)."""
    n, best = 16, -1.0
    for dy in range(-max_shift, max_shift + 1):
        for dx in range(-max_shift, max_shift + 1):
            xs, ys = [], []
            for y in range(max(0, dy), n + min(0, dy)):
                ra, rb = y * n, (y - dy) * n
                xs.extend(a.thumb[ra + max(0, dx) : ra + n + min(0, dx)])
                ys.extend(b.thumb[rb + max(0, -dx) : rb + n + min(0, -dx)])
            m = len(xs)
            mx, my = sum(xs) / m, sum(ys) / m
            sxy = sum(x * y for x, y in zip(xs, ys, strict=True)) - m * mx * my
            sxx = sum(x * x for x in xs) - m * mx * mx
            syy = sum(y * y for y in ys) - m * my * my
            if sxx > 0 and syy > 0:
                best = max(best, sxy / math.sqrt(sxx * syy))
    return best


def window(src: Image.Image, left: float, top: float, fw: float, fh: float, turn: int) -> Image.Image:
    left, top = min(max(left, 0.0), 1 - fw), min(max(top, 0.0), 1 - fh)
    w, h = src.size
    win = src.crop((round(left * w), round(top * h), round((left + fw) * w), round((top + fh) * h)))
    return fit(win.rotate(90 * turn, expand=True), 320)


@pytest.fixture(scope="module")
def crowd() -> list[DupCandidate]:
    """~300 pictures cut from 5 generated scenes that share a sky gradient (so colours alike, the hard case):
    windows of 30-60 % in 4 orientations, with WhatsApp copies, e-mail crops, bursts whose frame moved 3-10 %,
    exact copies, plus pictures without a fingerprint and two videos."""
    rng = random.Random(5)
    scenes = [scene(s, (900, 700)) for s in range(5)]
    out: list[DupCandidate] = []

    def add(img: Image.Image | None, **kw) -> DupCandidate:
        c = cand(f"k{len(out)}", img, size=rng.randrange(10_000, 900_000), **kw)
        out.append(c)
        return c

    while len(out) < 290:
        src = rng.choice(scenes)
        fw, fh = rng.uniform(0.3, 0.6), rng.uniform(0.3, 0.6)
        x, y, turn = rng.uniform(0, 1 - fw), rng.uniform(0, 1 - fh), rng.randrange(4)
        photo = window(src, x, y, fw, fh, turn)
        first = add(photo, exif=rng.random() < 0.5)
        r = rng.random()
        if r < 0.15:
            add(reencode(fit(photo, 200), quality=72))
        elif r < 0.22:
            add(reencode(crop(photo, 0.02, 0.01, 0.0, 0.02), quality=75))
        elif r < 0.4:
            for _ in range(rng.randint(1, 2)):
                move = rng.uniform(0.03, 0.10)
                dx, dy = rng.choice((-1, 1)) * move * fw, rng.uniform(-move, move) * fh
                add(window(src, x + dx, y + dy, fw, fh, turn))
        elif r < 0.45:
            add(photo, sha=first.sha256)
    add(None, phash=out[0].phash)  # no fingerprint: the phash rule
    add(None, phash=out[5].phash ^ 0b111)
    _, fp = image_fingerprint(scenes[0])
    for key, duration in (("v1", 30.0), ("v2", 30.4)):
        out.append(dc_replace(cand(key, fp=bytes((1, 2)) + fp[2:] + fp[2:], phash=1), kind="video",
                              duration_s=duration))
    return out


def test_shifted_correlation_is_bit_identical_to_direct_sums(crowd):
    frames = [decode(c.fingerprint)[0] for c in crowd if c.fingerprint and c.kind == "image"]
    rng = random.Random(3)
    flat = dc_replace(frames[0], thumb=(7,) * 256, lags={})
    extreme = dc_replace(frames[0], thumb=tuple(rng.choice((-128, 127, 0)) for _ in range(256)), lags={})
    pairs = [(rng.choice(frames), rng.choice(frames)) for _ in range(120)]
    pairs += [(flat, frames[1]), (frames[2], flat), (extreme, frames[3]), (extreme, extreme)]
    for i, (a, b) in enumerate(pairs):
        shift = (3, 0, 5)[i % 3]
        assert _best_shifted_corr(a, b, shift) == direct_best_shifted_corr(a, b, shift)


@pytest.mark.parametrize("t", [DEFAULT, Thresholds(same_shift=2.0, similar_corr=0.8, similar_colour=16.0)])
def test_pruned_grouping_equals_every_pair_grouping(crowd, t):
    everyone = [c.key for c in crowd]
    keys = everyone[:40]
    blocked = {frozenset(p) for p in zip(keys[0::2], keys[1::2], strict=True)}
    overrides = {everyone[3]: everyone[2], everyone[9]: everyone[8]}
    kw = dict(not_duplicates=blocked, keeper_overrides=overrides, thresholds=t)
    exhaustive = group_duplicates(crowd, candidates=lambda c: everyone, **kw)
    assert {g.kind for g in exhaustive} == {"exact", "same", "similar"}
    assert group_duplicates(crowd, **kw) == exhaustive  # pure-Python colour index
    near = image_candidates(crowd, t)  # numpy, what the duplicates service passes
    assert group_duplicates(crowd, candidates=lambda c: near.get(c.key, ()), **kw) == exhaustive
    # stronger than equal groups: every pair with a verdict is a candidate
    pictures = [c for c in crowd if c.kind == "image" and c.fingerprint]
    pairs = {frozenset((a, b)) for a, bs in near.items() for b in bs}
    for i, a in enumerate(pictures):
        for b in pictures[i + 1 :]:
            if a.sha256 != b.sha256 and compare(a, b, t) in ("same", "similar"):
                assert frozenset((a.key, b.key)) in pairs, (a.key, b.key)
