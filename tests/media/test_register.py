"""The same picture, proven: every variant a customer makes is ``same``, other captures are not, local edits are
``edited`` with their region (issue 10). Real photos: the shared EXIF fixtures and scikit-image's samples."""

from __future__ import annotations

import io
import logging
import multiprocessing
import threading
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from desktop.core.dedup import DupCandidate, compare
from desktop.core.sameness import Transform, describe, describe_region, verdict_from_text, verdict_text
from desktop.media import register
from desktop.media.fingerprint import FRAME_BYTES, read_proof
from desktop.media.probe import probe_bytes


def jpeg(img: Image.Image, quality: int = 85, exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, **({"exif": exif} if exif else {}))
    return buf.getvalue()


def saved(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def fit(img: Image.Image, side: int) -> Image.Image:
    s = side / max(img.size)
    return img.resize((round(img.width * s), round(img.height * s)), Image.Resampling.LANCZOS) if s < 1 else img


def crop(img: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
    w, h = img.size
    return img.crop((round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom))))


def camera_exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = "2024:05:17 14:03:22"
    return exif.tobytes()


_n = iter(range(10**6))


def cand(data: bytes, name: str = "x.jpg", key: str | None = None) -> DupCandidate:
    r = probe_bytes(data, name)
    i = next(_n)
    return DupCandidate(key=key or f"k{i}", sha256=f"{i:064x}", kind="image", phash=r.phash,
                        fingerprint=r.fingerprint, width=r.width, height=r.height, size=len(data),
                        has_exif=r.has_exif, received_at=datetime(2024, 5, 17, 15, 0, i % 60))


def phone_screenshot(img: Image.Image) -> Image.Image:
    w, h = 1080, 2400
    frame = Image.new("RGB", (w, h), (18, 18, 18))
    d = ImageDraw.Draw(frame)
    d.text((40, 22), "14:03", fill=(235, 235, 235))
    for i in range(3):
        d.rectangle((w - 80 - 55 * i, 30, w - 50 - 55 * i, 62), fill=(235, 235, 235))
    pic = img.resize((w, round(img.height * w / img.width)), Image.Resampling.LANCZOS)
    frame.paste(pic, (0, (h - pic.height) // 2))
    return frame


def desktop_screenshot(img: Image.Image) -> Image.Image:
    w, h = 1920, 1080
    frame = Image.new("RGB", (w, h), (46, 52, 64))
    d = ImageDraw.Draw(frame)
    d.rectangle((60, 60, w - 60, 110), fill=(225, 225, 225))
    d.rectangle((60, 110, 330, h - 40), fill=(240, 240, 240))
    d.rectangle((330, 110, w - 60, h - 40), fill=(0, 0, 0))
    area = (w - 60 - 330, h - 40 - 110)
    s = min(area[0] / img.width, area[1] / img.height)
    pic = img.resize((round(img.width * s), round(img.height * s)), Image.Resampling.LANCZOS)
    frame.paste(pic, (330 + (area[0] - pic.width) // 2, 110 + (area[1] - pic.height) // 2))
    return frame


def white_balance(img: Image.Image, gains: tuple[float, float, float]) -> Image.Image:
    a = np.asarray(img, dtype=np.float32) * np.array(gains, dtype=np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


@pytest.fixture(scope="module")
def photo(request) -> Image.Image:
    from tests.conftest import FIXTURES

    path = FIXTURES / "exif-samples" / "jpg" / "hdr" / "iphone_hdr_NO.jpg"
    if not path.exists():
        pytest.fail(f"shared fixture missing: {path}")
    with Image.open(path) as im:
        return im.convert("RGB")


@pytest.fixture(scope="module")
def original(photo) -> DupCandidate:
    return cand(jpeg(fit(photo, 3264), 92, camera_exif()), key="orig")


@pytest.fixture(scope="module")
def wa(photo) -> Image.Image:
    return fit(photo, 1600)


def _verdict(keeper: DupCandidate, copy: DupCandidate):
    return register.Prover([keeper, copy])(keeper, copy)


VARIANTS = {
    "whatsapp": lambda p, w: jpeg(w, 75),
    "whatsapp-twice": lambda p, w: jpeg(Image.open(io.BytesIO(jpeg(w, 75))).convert("RGB"), 75),
    "mail": lambda p, w: jpeg(fit(p, 1280), 70),
    "png": lambda p, w: saved(Image.open(io.BytesIO(jpeg(w, 75))).convert("RGB"), "PNG"),
    "webp": lambda p, w: saved(w, "WEBP", quality=80),
    "exif-rotated": lambda p, w: jpeg(w.transpose(Image.Transpose.ROTATE_90), 85, camera_exif(6)),
    "turned-90": lambda p, w: jpeg(w.transpose(Image.Transpose.ROTATE_270), 85),
    "turned-180": lambda p, w: jpeg(w.transpose(Image.Transpose.ROTATE_180), 85),
    "turned-270": lambda p, w: jpeg(w.transpose(Image.Transpose.ROTATE_90), 85),
    "crop-8": lambda p, w: jpeg(fit(crop(p, 0.08, 0.03, 0.02, 0.06), 1600), 80),
    "crop-15": lambda p, w: jpeg(fit(crop(p, 0.15, 0.10, 0.05, 0.14), 1600), 80),
    "brightness": lambda p, w: jpeg(ImageEnhance.Contrast(ImageEnhance.Brightness(w).enhance(1.2)).enhance(0.9)),
    "colour": lambda p, w: jpeg(white_balance(ImageEnhance.Color(w).enhance(1.4), (1.1, 1.0, 0.86))),
    "phone-screenshot": lambda p, w: saved(phone_screenshot(w), "PNG"),
    "desktop-screenshot": lambda p, w: saved(desktop_screenshot(w), "PNG"),
    "screenshot-whatsapp": lambda p, w: jpeg(fit(phone_screenshot(w), 1600), 75),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_is_the_same_picture(photo, wa, original, variant):
    copy = cand(VARIANTS[variant](photo, wa), "copy.png" if "screenshot" in variant else "copy.jpg")
    v = _verdict(original, copy)
    assert v is not None and v.kind == "same", (variant, v)


def test_two_exposures_by_the_clock_are_similar_with_the_transform_the_full_proof_finds(photo, original):
    """The camera wrote another capture time: the pair can only be ``similar``, so the tile comparison is skipped,
    and what the handler reads of it (the crop, the brightness) is what the whole proof says."""
    copy = cand(jpeg(ImageEnhance.Brightness(fit(crop(photo, 0.08, 0.03, 0.0, 0.0), 1600)).enhance(1.1), 80))
    full = _verdict(original, copy)
    assert full.kind == "same"
    keeper = replace(original, taken=datetime(2024, 5, 17, 14, 3, 22))
    later = replace(copy, taken=datetime(2024, 5, 17, 14, 3, 23))
    v = _verdict(keeper, later)
    assert v.kind == "similar" and v.transform == full.transform
    assert describe(v.transform).startswith("cropped 8 % left and 3 % top")
    from skimage.data import astronaut

    other = replace(cand(jpeg(Image.fromarray(astronaut()), 85)), taken=datetime(2024, 5, 17, 14, 3, 24))
    assert _verdict(keeper, other).kind == "unrelated"


def test_turn_is_described(wa, original):
    v = _verdict(original, cand(jpeg(wa.transpose(Image.Transpose.ROTATE_270), 85)))
    assert v.transform.rotation == 90
    assert "turned 90° clockwise" in describe(v.transform)


def test_crop_is_described_in_percent(photo, original):
    v = _verdict(original, cand(jpeg(fit(crop(photo, 0.08, 0.03, 0.0, 0.0), 1600), 80)))
    left, top, right, bottom = v.transform.crop
    assert abs(left - 8) < 1.5 and abs(top - 3) < 1.5 and abs(right) < 1.5 and abs(bottom) < 1.5
    text = describe(v.transform)
    assert text.startswith("cropped 8 % left and 3 % top"), text
    assert describe(v.transform, "nl").startswith("bijgesneden 8 % links en 3 % boven")


def test_screenshot_is_described_with_its_frame(wa, original):
    shot = cand(saved(phone_screenshot(wa), "PNG"), "shot.png")
    v = _verdict(original, shot)
    assert v.kind == "same"
    assert v.transform.screenshot is not None
    w, _h, fw, fh = v.transform.screenshot
    assert (fw, fh) == (1080, 2400) and abs(w - 1080) <= 12
    assert "screenshot: picture at" in describe(v.transform) and "inside a 1080x2400 frame" in describe(v.transform)


def test_brightness_is_described(wa, original):
    v = _verdict(original, cand(jpeg(ImageEnhance.Brightness(wa).enhance(1.15), 90)))
    assert v.kind == "same" and v.transform.brightness > 0.05
    assert "brighter" in describe(v.transform)


def _sticker(img: Image.Image) -> tuple[Image.Image, tuple[float, float, float, float]]:
    e = img.copy()
    w, h = e.size
    box = (round(0.55 * w), round(0.2 * h), round(0.75 * w), round(0.42 * h))
    d = ImageDraw.Draw(e)
    d.ellipse(box, fill=(250, 210, 40), outline=(90, 50, 0), width=6)
    return e, (55.0, 20.0, 75.0, 42.0)


def _caption(img: Image.Image) -> tuple[Image.Image, tuple[float, float, float, float]]:
    e = img.copy()
    w, h = e.size
    d = ImageDraw.Draw(e)
    d.rectangle((0, round(0.8 * h), w, round(0.9 * h)), fill=(0, 0, 0))
    d.text((40, round(0.82 * h)), "Schade aan de keuken", fill=(255, 255, 255))
    return e, (0.0, 80.0, 100.0, 90.0)


def _drawn(img: Image.Image) -> tuple[Image.Image, tuple[float, float, float, float]]:
    e = img.copy()
    w, h = e.size
    d = ImageDraw.Draw(e)
    d.line([(0.2 * w, 0.6 * h), (0.3 * w, 0.7 * h), (0.35 * w, 0.62 * h), (0.4 * w, 0.75 * h)], fill=(255, 0, 0),
           width=12)
    return e, (20.0, 60.0, 40.0, 75.0)


def _replaced(img: Image.Image) -> tuple[Image.Image, tuple[float, float, float, float]]:
    e = img.copy()
    w, h = e.size
    patch = e.crop((round(0.1 * w), round(0.1 * h), round(0.28 * w), round(0.28 * h)))
    e.paste(patch, (round(0.6 * w), round(0.6 * h)))
    return e, (60.0, 60.0, 78.0, 78.0)


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("edit", [_sticker, _caption, _drawn, _replaced], ids=lambda f: f.__name__[1:])
def test_local_edit_is_edited_with_its_region(wa, original, edit):
    img, truth = edit(wa)
    v = _verdict(original, cand(jpeg(img, 80)))
    assert v is not None and v.kind == "edited", v
    assert v.region is not None and _overlap(v.region, truth), (v.region, truth)
    assert describe_region(v.region).startswith("changed here:")


def test_a_caption_band_across_a_busy_texture_is_edited():
    """Every tile of the texture is busy: the caption band, seen the other way round (the band predicting the
    texture under it), must not pass for the pair's noise level."""
    skdata = pytest.importorskip("skimage.data")
    texture = Image.fromarray(skdata.gravel()).convert("RGB").resize((1200, 1200), Image.Resampling.BICUBIC)
    img, truth = _caption(texture)
    v = _verdict(cand(jpeg(texture, 90)), cand(jpeg(img, 80)))
    assert v is not None and v.kind == "edited", v
    assert v.region is not None and _overlap(v.region, truth), (v.region, truth)


def test_a_wide_photo_in_a_phone_screenshot_is_the_same_picture(photo):
    """A 21:9 photo fills a fifth of a portrait phone screen: the content box still finds it."""
    wide = fit(crop(photo, 0.0, 0.2, 0.0, 0.2), 1600)
    wide = wide.crop((0, 0, wide.width, round(wide.width * 9 / 21)))
    shot = cand(saved(phone_screenshot(wide), "PNG"), "shot.png")
    box = read_proof(shot.fingerprint).box
    assert box[3] - box[1] < 0.25, box  # the screen's black bands trimmed
    v = _verdict(cand(jpeg(wide, 90)), shot)
    assert v is not None and v.kind == "same", v
    assert v.transform.screenshot is not None


def _pan(img: Image.Image, yaw_deg: float) -> list[Image.Image]:
    import cv2

    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape[:2]
    f = 0.8 * w
    k = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]])
    out = []
    rng = np.random.default_rng(7)
    for angle in (-np.radians(yaw_deg) / 2, np.radians(yaw_deg) / 2):
        r = np.array([[np.cos(angle), 0, np.sin(angle)], [0, 1, 0], [-np.sin(angle), 0, np.cos(angle)]])
        warped = cv2.warpPerspective(a, k @ r @ np.linalg.inv(k), (w, h)) + rng.normal(0, 2.0, a.shape)
        out.append(crop(Image.fromarray(np.clip(warped, 0, 255).astype(np.uint8)), 0.075, 0.075, 0.075, 0.075))
    return out


def test_pan_without_roll_is_not_same(wa):
    first, second = _pan(wa, 4.0)
    v = _verdict(cand(jpeg(first, 92)), cand(jpeg(second, 92)))
    assert v is None or v.kind != "same"


def test_burst_with_a_shaking_hand_is_not_same(wa):
    """The next shot of a burst: the camera turned by a degree and a half, a new exposure (its own noise)."""
    first, second = _pan(wa, 1.5)
    v = _verdict(cand(jpeg(first, 92)), cand(jpeg(second, 92)))
    assert v is not None and v.kind == "similar", v


def test_burst_where_something_moved_is_not_same(wa):
    """The scene changed between two shots in many places (people, leaves): spread over the frame."""
    rng = np.random.default_rng(3)
    second = wa.copy()
    w, h = second.size
    for _ in range(12):  # twelve things moved a little, all over the frame
        x, y = int(rng.integers(0, w - 160)), int(rng.integers(0, h - 160))
        part = wa.crop((x, y, x + 120, y + 120))
        second.paste(part, (x + int(rng.integers(8, 20)), y + int(rng.integers(-10, 10))))
    v = _verdict(cand(jpeg(wa, 92)), cand(jpeg(second, 92)))
    assert v is not None and v.kind == "similar", v


def _subject_moved(img: Image.Image, scale: float, turn: float, dx: float, dy: float, seed: int
                   ) -> tuple[Image.Image, Image.Image]:
    """Two exposures of a camera held still (each its own sensor noise): a textured subject (a third of the frame)
    in front of a plain wall (the picture blurred: a wall has no features), and in the second the subject moved
    by (dx, dy) pixels, turned by ``turn`` degrees and came ``scale`` nearer; the wall did not move."""
    a = np.asarray(img, np.float64)
    h, w = a.shape[:2]
    mask = np.zeros((h, w), np.float32)
    cv2.ellipse(mask, (int(0.55 * w), int(0.5 * h)), (int(0.2 * w), int(0.3 * h)), 0, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), 2)[..., None]
    wall = cv2.GaussianBlur(a, (0, 0), 20 * w / 640)
    m = cv2.getRotationMatrix2D((0.55 * w, 0.5 * h), turn, scale)
    m[:, 2] += (dx, dy)
    moved = cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    moved_mask = cv2.warpAffine(mask[..., 0], m, (w, h))[..., None]
    rng = np.random.default_rng(seed)
    first = wall * (1 - mask) + a * mask + rng.normal(0, 1.5, a.shape)
    second = wall * (1 - moved_mask) + moved * moved_mask + rng.normal(0, 1.5, a.shape)
    return tuple(Image.fromarray(np.clip(x, 0, 255).astype(np.uint8)) for x in (first, second))  # type: ignore[return-value]


@pytest.mark.parametrize(("side", "scale", "turn", "shift"), [(640, 1.01, 0.3, (1.5, 0.8)), (640, 1.0, 0.0, (2.0, 1.0)),
                                                              (1600, 1.01, 0.3, (3.75, 2.0)), (1600, 1.0, 0.0, (5.0, 2.5))])
def test_burst_where_the_subject_moved_against_a_plain_wall_is_not_same(photo, side, scale, turn, shift):
    """Frames of a phone video a fraction of a second apart (the benchmark's `cup`): a hand moved the cup it holds
    by a pixel or two against a plain wall. Registered, the fit follows the features on the hand and the cup and
    the wall has none to object; compared pixel for pixel (the two are of one size and the fit neither turns
    nor scales), the moved part is off."""
    first, second = _subject_moved(fit(photo, side), scale, turn, *shift, seed=side)
    v = _verdict(cand(jpeg(first, 92)), cand(jpeg(second, 92)))
    assert v is not None and v.kind == "similar" and v.moved, v


def test_copies_at_their_own_size_stay_the_same_picture_pixel_for_pixel(photo):
    """What keeps every pixel in place (a re-save, PNG, WebP, a colour edit, an EXIF turn made upright) is still the
    same picture when compared unregistered."""
    img = fit(photo, 640)
    copies = {"resave": jpeg(img, 70), "png": saved(img, "PNG"), "webp": saved(img, "WEBP", quality=80),
              "brighter": jpeg(ImageEnhance.Brightness(img).enhance(1.15), 85),
              "warmer": jpeg(Image.merge("RGB", [c.point(lambda v, k=k: min(255, int(v * k)))
                                                 for c, k in zip(img.split(), (1.08, 1.0, 0.92), strict=True)]), 85),
              "exif-turned": jpeg(img.transpose(Image.Transpose.ROTATE_90), 85, camera_exif(6))}
    keeper = cand(jpeg(img, 92))
    for name, data in copies.items():
        v = _verdict(keeper, cand(data))
        assert v is not None and v.kind == "same", (name, v)


def test_other_viewpoint_is_not_same():
    skdata = pytest.importorskip("skimage.data")
    pair = skdata.stereo_motorcycle()
    left, right = Image.fromarray(pair[0]), Image.fromarray(pair[1])
    v = _verdict(cand(jpeg(left, 92)), cand(jpeg(right, 92)))
    assert v is None or v.kind != "same"


def test_before_and_after_is_not_same(wa):
    """The same spot before and after something was put in it, under other light: a second capture."""
    after = ImageEnhance.Brightness(wa).enhance(0.8).copy()
    w, h = after.size
    ImageDraw.Draw(after).rectangle((round(0.1 * w), round(0.5 * h), round(0.6 * w), round(0.95 * h)),
                                    fill=(120, 90, 60))
    v = _verdict(cand(jpeg(wa, 92)), cand(jpeg(after, 92)))
    assert v is None or v.kind != "same"


def test_grouping_keeps_the_original_and_shows_the_edited_copy(photo, wa, original):
    copies = {
        "wa": cand(jpeg(wa, 75), key="wa"),
        "crop": cand(jpeg(fit(crop(photo, 0.1, 0.0, 0.0, 0.05), 1600), 80), key="crop"),
        "shot": cand(saved(phone_screenshot(wa), "PNG"), "s.png", key="shot"),
        "sticker": cand(jpeg(_sticker(wa)[0], 80), key="sticker"),
    }
    groups = register.group_pictures([original, *copies.values()])
    by_kind = {g.kind: g for g in groups}
    same = by_kind["same"]
    assert same.keeper == "orig" and set(same.members) == {"orig", "wa", "crop", "shot"}
    assert describe(same.transforms["crop"]).startswith("cropped 10 % left")
    assert same.transforms["shot"].screenshot is not None
    edited = by_kind["edited"]
    assert edited.keeper == "orig" and edited.members == ["orig", "sticker"]
    assert edited.kinds["sticker"] == "edited" and _overlap(edited.regions["sticker"], (55, 20, 75, 42))


def test_a_screenshot_never_keeps_over_the_photo_it_shows(wa):
    """Without the camera original, the screenshot has more pixels than the WhatsApp copy; the copy keeps."""
    shot = cand(saved(phone_screenshot(wa), "PNG"), "s.png", key="shot")
    copy = cand(jpeg(wa, 75), key="wa")
    (g,) = register.group_pictures([shot, copy])
    assert g.kind == "same" and g.keeper == "wa"


def test_a_crop_never_keeps_over_the_fuller_view(photo, wa):
    cropped = cand(jpeg(fit(crop(photo, 0.1, 0.1, 0.1, 0.1), 3000), 92), key="crop")  # more pixels, larger file
    copy = cand(jpeg(wa, 75), key="wa")
    (g,) = register.group_pictures([cropped, copy])
    assert g.kind == "same" and g.keeper == "wa"
    assert describe(g.transforms["crop"]).startswith("cropped 10 % left, 10 % top")


def test_fingerprint_v2_carries_a_small_proof_and_v1_still_compares(wa):
    data = jpeg(wa, 75)
    c = cand(data)
    proof = read_proof(c.fingerprint)
    assert c.fingerprint[0] == 2 and proof is not None
    assert 3_000 < len(proof.grey_jpeg) < 20_000 and proof.box == (0.0, 0.0, 1.0, 1.0)
    old = bytes((1, 1)) + c.fingerprint[2 : 2 + FRAME_BYTES]  # what a format-1 import stored
    v1 = DupCandidate(**{**c.__dict__, "key": "old", "sha256": "0" * 64, "fingerprint": old})
    assert read_proof(old) is None
    assert compare(c, v1) == "same"  # the thumbnail rule, as before
    groups = register.group_pictures([c, v1])
    assert [g.kind for g in groups] == ["same"] and not groups[0].transforms  # no proof possible: the old rule


def test_describe_transform_words():
    t = Transform(crop=(6.2, 3.0, 0.4, 0.0), brightness=0.1)
    assert describe(t) == "cropped 6 % left and 3 % top, 10 % brighter"
    assert describe(t, "nl") == "bijgesneden 6 % links en 3 % boven, 10 % lichter"
    shot = Transform(screenshot=(1080, 810, 1128, 2400), scale=0.5)
    assert describe(shot) == "screenshot: picture at 1080 px inside a 1128x2400 frame"
    assert describe(Transform()) == "picture unchanged"


def _smooth(seed: int, size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """A picture without texture for ORB (a wallpaper, a painted wall): a diagonal ramp, soft bands, broad blobs."""
    rng = np.random.default_rng(seed)
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    out = np.repeat((60 + 70 * (x / w + y / h))[..., None], 3, axis=2)  # no row is one colour
    for _ in range(3):  # soft-edged bands at an angle (their edges are lines: few corners)
        angle, at, width = rng.uniform(0, np.pi), rng.uniform(0.2, 0.8), rng.uniform(0.05, 0.15)
        d = (x / w - 0.5) * np.cos(angle) + (y / h - 0.5) * np.sin(angle) + 0.5 - at
        band = 1 / (1 + np.exp(-(width - np.abs(d)) * 200))
        out += band[..., None] * rng.uniform(-50, 50, 3)
    for _ in range(4):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.15, 0.3) * w
        blob = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
        out += blob * rng.uniform(-50, 70, 3)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def test_a_picture_without_features_is_proven_by_aligning_its_greys():
    """Too few ORB features to register (a gradient): the turn and crop the hashes suggest, refined by ECC."""
    sky = _smooth(3)
    keeper = cand(jpeg(sky, 92), key="orig")
    f_keeper = register.features(read_proof(keeper.fingerprint))
    for name, img in (("turned", sky.transpose(Image.Transpose.ROTATE_270)),
                      ("cropped", fit(crop(sky, 0.06, 0.04, 0.05, 0.03), 1280))):
        copy = cand(jpeg(img, 75), key=name)
        assert register._register_features(f_keeper, register.features(read_proof(copy.fingerprint))) is None
        v = _verdict(keeper, copy)
        assert v is not None and v.kind == "same", (name, v)
    assert _verdict(keeper, cand(jpeg(sky.transpose(Image.Transpose.ROTATE_270), 75))).transform.rotation == 90
    stickered = sky.copy()
    ImageDraw.Draw(stickered).ellipse((900, 300, 1150, 550), fill=(250, 210, 40))
    v = _verdict(keeper, cand(jpeg(stickered, 80), key="sticker"))
    assert v is not None and v.kind == "edited" and _overlap(v.region, (56, 25, 72, 46))
    other = _verdict(keeper, cand(jpeg(_smooth(4), 92), key="other"))
    assert other is None or other.kind != "same"


@pytest.mark.parametrize("seed", [0, 1, 9])
def test_a_smooth_picture_resaved_stays_where_it_is(seed):
    """Re-saved copies of a gradient: the hashes' guess is already right, and ECC's affine steps must not wander
    off it (they did on these: no proof at all)."""
    sky = _smooth(seed)
    keeper = cand(jpeg(sky, 92), key="orig")
    small = fit(sky, 1280)
    for name, data in (("png", saved(Image.open(io.BytesIO(jpeg(small, 75))).convert("RGB"), "PNG")),
                       ("webp", saved(small, "WEBP", quality=80)), ("whatsapp", jpeg(small, 75))):
        v = _verdict(keeper, cand(data, f"copy.{name}", key=name))
        assert v is not None and v.kind == "same", (name, v)


def test_a_coloured_line_the_grey_cannot_see_makes_an_edited_copy(wa):
    """Red strokes on a picture whose grey around them is the red's own grey: only the stored colour shows them."""
    grey_of_red = 76  # ITU-R 601 luma of (255, 0, 0)
    dark = Image.fromarray(np.clip(np.asarray(wa, np.float32) * 0.25 + grey_of_red * 0.75, 0, 255).astype(np.uint8))
    drawn = dark.copy()
    w, h = drawn.size
    d = ImageDraw.Draw(drawn)
    d.line([(0.62 * w, 0.62 * h), (0.78 * w, 0.70 * h), (0.66 * w, 0.80 * h), (0.80 * w, 0.84 * h)],
           fill=(255, 0, 0), width=max(3, w // 150))
    keeper = cand(jpeg(dark, 92), key="orig")
    v = _verdict(keeper, cand(jpeg(drawn, 80), key="drawn"))
    assert v is not None and v.disagreeing == 0.0  # the grey tile comparison sees nothing
    assert v.kind == "edited" and _overlap(v.region, (62, 62, 80, 84))
    assert _verdict(keeper, cand(jpeg(white_balance(dark, (1.1, 1.0, 0.86)), 80), key="wb")).kind == "same"


def test_proofs_on_several_threads_give_the_verdicts_of_one(photo, wa, original):
    items = [original, *(cand(VARIANTS[v](photo, wa), "c.png" if "screenshot" in v else "c.jpg", key=v)
                         for v in ("whatsapp", "turned-90", "crop-8", "phone-screenshot", "colour"))]
    items.append(cand(jpeg(_sticker(wa)[0], 80), key="sticker"))
    items += [cand(jpeg(f, 90), key=f"pan{i}") for i, f in enumerate(_pan(wa, 5.0))]

    def seen(workers: int) -> list[tuple]:
        return sorted((g.kind, g.keeper, tuple(g.members), tuple(sorted(g.regions.items())),
                       tuple(sorted((k, repr(t)) for k, t in g.transforms.items())))
                      for g in register.group_pictures(items, workers=workers))

    one = seen(1)
    assert one == seen(4)
    assert any(kind == "same" and len(members) >= 5 for kind, _, members, *_ in one)


def _wallpaper(seed: int, dots: int) -> Image.Image:
    """Smooth bands and blobs (``_smooth``) with a scatter of soft dots: enough corners for ORB, too few tiles
    with texture both ways for the tiles' local shifts (the Debian wallpapers bench/dedup's pans are made of)."""
    img = _smooth(seed)
    rng = np.random.default_rng(seed + 100)
    d = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(dots):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(3, 8)
        d.ellipse((x - r, y - r, x + r, y + r), fill=tuple(int(v) for v in rng.uniform(150, 255, 3)))
    return img.filter(ImageFilter.GaussianBlur(1.5))


@pytest.mark.parametrize(("seed", "dots"), [(3, 80), (5, 30), (5, 80)])
def test_a_turned_camera_over_a_smooth_picture_is_another_capture(seed, dots):
    """A wallpaper-like picture and a second capture with the camera turned by two degrees: the whole overlap
    shows the perspective (issue 10: such pans were merged as same)."""
    sky = _wallpaper(seed, dots)
    keeper = cand(jpeg(sky, 92), key="orig")
    for i, turned in enumerate(_pan(sky, 4.0)):
        v = _verdict(keeper, cand(jpeg(turned, 92), key=f"turned{i}"))
        assert v is not None and v.kind == "similar", (i, v)
    # while its copies stay the same picture
    for name, copy in (("crop", fit(crop(sky, 0.05, 0.04, 0.03, 0.06), 1280)), ("turned", sky.transpose(
            Image.Transpose.ROTATE_90)), ("brighter", ImageEnhance.Brightness(sky).enhance(1.15))):
        v = _verdict(keeper, cand(jpeg(copy, 75), key=name))
        assert v is not None and v.kind == "same", (name, v)


def test_a_red_stroke_over_a_picture_of_one_hue_is_edited(wa):
    """A picture of one hue (a blue-tinted night shot): predicting its colours from the edited copy's gives the
    stroke's red no weight, so the colours are compared both ways round."""
    grey = np.asarray(wa.convert("L"), np.float32)[..., None] * 0.45
    night = Image.fromarray(np.clip(grey * np.array([0.75, 0.85, 1.2]), 0, 255).astype(np.uint8))
    drawn = night.copy()
    w, h = drawn.size
    ImageDraw.Draw(drawn).line([(0.20 * w, 0.25 * h), (0.34 * w, 0.30 * h), (0.24 * w, 0.38 * h)],
                               fill=(255, 0, 0), width=max(3, w // 150))
    keeper = cand(jpeg(night, 92), key="orig")
    v = _verdict(keeper, cand(jpeg(drawn, 80), key="drawn"))
    assert v is not None and v.kind == "edited" and _overlap(v.region, (20, 25, 34, 38)), v
    v = _verdict(keeper, cand(jpeg(ImageEnhance.Color(night).enhance(1.4), 80), key="saturated"))
    assert v is not None and v.kind == "same", v


def test_pictures_with_features_that_do_not_register_are_unrelated(wa):
    """Both pictures have texture to register and no registration holds: no proof of sameness, and not the
    thumbnails' likeness either (the core's fallback is for pictures too plain to register)."""
    skdata = pytest.importorskip("skimage.data")
    other = Image.fromarray(skdata.astronaut())
    v = _verdict(cand(jpeg(wa, 92)), cand(jpeg(other, 92)))
    assert v is not None and v.kind == "unrelated", v


def test_a_patch_on_a_plain_border_is_an_edited_copy(wa):
    """A picture with a plain wall beside it (trimmed from its content box like a border) and a copy with a part
    of the photo cloned onto that wall: the patch is where the keeper has only the wall's colour."""
    w, h = wa.size
    wall = Image.new("RGB", (w + w // 2, h), (205, 200, 190))
    wall.paste(wa, (w // 2, 0))
    patched = wall.copy()
    box = (w // 10, h // 3, w // 10 + w // 3, h // 3 + h // 4)  # 22 % of the frame's width
    patched.paste(wa.crop((w // 3, h // 2, w // 3 + w // 3, h // 2 + h // 4)), box[:2])
    keeper = cand(jpeg(wall, 92), key="orig")
    assert read_proof(keeper.fingerprint).box[0] > 0.25  # the wall is trimmed like a border
    v = _verdict(keeper, cand(jpeg(patched, 80), key="patched"))
    assert v is not None and v.kind == "edited", v
    fw = wall.width
    assert _overlap(v.region, (100 * box[0] / fw, 100 * box[1] / h, 100 * box[2] / fw, 100 * box[3] / h)), v
    assert _verdict(keeper, cand(jpeg(fit(wall, 1600), 75), key="wa")).kind == "same"


def test_a_red_line_on_a_blue_wall_of_its_grey_is_off_the_wall():
    """Where the keeper has only a plain wall (trimmed off its content box) and the copy's box reaches over it,
    a red line drawn there at the wall's grey level hardly shows in grey; its stored colour shows it
    (bench/dedup's firstgeneration~drawn was set aside as the same picture)."""
    wall = Image.new("RGB", (640, 400), (20, 70, 250))  # grey level 75.6
    ImageDraw.Draw(wall).line([(60, 120), (200, 200), (90, 280), (250, 330)], fill=(255, 0, 0), width=12)  # 76.2
    proof = read_proof(cand(jpeg(wall, 80)).fingerprint)
    grey = cv2.imdecode(np.frombuffer(proof.grey_jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    band = np.ones(grey.shape, bool)  # the whole wall lies where the keeper was trimmed
    assert register._off_band(grey, band) is None
    ys, xs = register._off_band(grey, band, register._planes(proof))
    h, w = grey.shape
    assert 60 / 640 * w - 3 <= xs.min() and xs.max() <= 250 / 640 * w + 3 and 120 / 400 * h - 3 <= ys.min()


def test_a_caption_over_the_sky_trimmed_off_the_copy_only_is_an_edited_copy(wa):
    """A caption band across a sky: the copy's content box trims the band with the plain sky above it, the
    keeper's reaches up into the sky (its rows are a gradient, no one colour). Under the copy's trimmed band the
    keeper shows only sky, so the comparison of the two greys sees nothing; the frames' thumbnails do (bench/dedup's
    rhythm~caption was set aside as the same picture)."""
    w, h = wa.size
    big = h + h // 3
    sky = np.zeros((big, w, 3), np.float32)
    sky[:] = (60, 200, 220)
    sky[big // 20:] += np.linspace(-30, 30, w)[None, :, None]  # below the top 5 %: a gradient across each row
    keeper_img = Image.fromarray(sky.astype(np.uint8))
    keeper_img.paste(wa, (0, big - h))
    captioned = keeper_img.copy()
    top, bottom = big * 7 // 100, big * 16 // 100
    d = ImageDraw.Draw(captioned)
    d.rectangle((0, top, w, bottom), fill=(0, 0, 0))
    d.text((w // 20, top + (bottom - top) // 5), "Schade aan de keuken!", fill=(255, 255, 255),
           font_size=(bottom - top) * 3 // 5)
    keeper, copy = cand(jpeg(keeper_img, 92), key="orig"), cand(jpeg(captioned, 80), key="caption")
    assert read_proof(keeper.fingerprint).box[1] < 0.07 < 0.16 < read_proof(copy.fingerprint).box[1]
    v = _verdict(keeper, copy)
    assert v is not None and v.kind == "edited", v
    assert _overlap(v.region, (0, 100 * top / big, 100, 100 * bottom / big)), v
    assert _verdict(keeper, cand(jpeg(fit(keeper_img, 1280), 70), key="mail")).kind == "same"


def test_a_sticker_on_a_plain_border_trimmed_in_both_is_an_edited_copy(wa):
    """A sticker on the plain wall beside the photo, small enough to be trimmed with the wall like app chrome in
    both content boxes: the frames' thumbnails show it (the proven picture inside the boxes gives their noise)."""
    w, h = wa.size
    wall = Image.new("RGB", (w + w // 2, h), (205, 200, 190))
    wall.paste(wa, (w // 2, 0))
    stickered = wall.copy()
    d = ImageDraw.Draw(stickered)
    box = (w // 8, h // 3, w // 8 + w // 10, h // 3 + w // 10)  # 7 % of the frame's width: trimmed like chrome
    d.ellipse(box, fill=(200, 30, 40), outline=(60, 10, 0), width=6)  # darker than the wall: the grey shows it
    keeper, copy = cand(jpeg(wall, 92), key="orig"), cand(jpeg(stickered, 80), key="sticker")
    assert read_proof(copy.fingerprint).box[0] > 0.25  # the sticker is trimmed with the wall
    v = _verdict(keeper, copy)
    fw = wall.width
    assert v is not None and v.kind == "edited", v
    assert _overlap(v.region, (100 * box[0] / fw, 100 * box[1] / h, 100 * box[2] / fw, 100 * box[3] / h)), v
    for name, c in (("wa", jpeg(fit(wall, 1600), 75)), ("brighter", jpeg(ImageEnhance.Brightness(wall).enhance(1.15), 80)),
                    ("turned", jpeg(wall.transpose(Image.Transpose.ROTATE_90), 80))):
        assert _verdict(keeper, cand(c, key=name)).kind == "same", name


@pytest.fixture(scope="module")
def copies(photo, wa, original) -> list[DupCandidate]:
    """The original, copies of it (one edited) and a pan: pairs of every verdict and both registrations."""
    items = [original, *(cand(VARIANTS[v](photo, wa), "c.png" if "screenshot" in v else "c.jpg", key=v)
                         for v in ("whatsapp", "turned-90", "crop-15", "desktop-screenshot", "colour"))]
    items.append(cand(jpeg(_sticker(wa)[0], 80), key="sticker"))
    items += [cand(jpeg(f, 90), key=f"pan{i}") for i, f in enumerate(_pan(wa, 5.0))]
    items.append(cand(saved(Image.new("L", (640, 480), 128), "PNG"), key="flat"))  # no features, no proof
    return items


def _one_by_one(items: list[DupCandidate], pairs) -> list:
    prover = register.Prover(items)  # no prefetch: every pair proven here, in this thread
    return [prover(a, b) for a, b in pairs]


def _in_processes(prover: register.Prover, batch) -> None:
    before = prover.counts["in_processes"]
    prover.prefetch(batch)
    assert prover.counts["in_processes"] - before == sum(map(len, (items for _, items in batch)))


def test_proofs_in_worker_processes_give_the_verdicts_of_one_thread(copies):
    keeper, rest = copies[0], copies[1:]
    batch = [(keeper, rest), (rest[0], rest[1:4]), (rest[-2], [rest[-1], rest[2]])]
    pairs = [(k, c) for k, items in batch for c in items]
    expected = _one_by_one(copies, pairs)
    assert {v.kind for v in expected if v is not None} >= {"same", "edited", "similar"}
    prover = register.Prover(copies, processes=True)
    try:
        _in_processes(prover, batch)
        assert prover.started in ("fork", "forkserver")
        assert [prover(a, b) for a, b in pairs] == expected  # every field: kind, transform, region, figures
    finally:
        prover.close()


def test_proofs_started_from_another_thread_use_a_fork_server(copies):
    """Off the main thread (the window's task threads) the workers come from a fork server, not a fork of a
    process whose other threads may hold locks."""
    keeper, rest = copies[0], copies[1:6]
    expected = _one_by_one(copies, [(keeper, c) for c in rest])
    prover = register.Prover(copies, processes=True)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            _in_processes(prover, [(keeper, rest)])
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            failed.append(exc)

    try:
        t = threading.Thread(target=run)
        t.start()
        t.join()
        assert not failed, failed
        assert prover.started == "forkserver"
        assert [prover(keeper, c) for c in rest] == expected
    finally:
        prover.close()


def test_a_broken_worker_pool_falls_back_to_threads(copies, caplog):
    """Workers killed between two batches (the OOM killer): the next batch is proven on threads, the same."""
    keeper, rest = copies[0], copies[1:]
    first, second = [(keeper, rest[:4])], [(keeper, rest[4:]), (rest[0], rest[1:3])]
    pairs = [(k, c) for k, items in first + second for c in items]
    expected = _one_by_one(copies, pairs)
    prover = register.Prover(copies, processes=True)
    try:
        before = set(multiprocessing.active_children())
        _in_processes(prover, first)
        workers = [p for p in multiprocessing.active_children() if p not in before]
        assert workers
        for p in workers:
            p.kill()
            p.join()
        with caplog.at_level(logging.WARNING, logger="desktop.media.register"):
            prover.prefetch(second)
        assert "proof workers failed" in caplog.text
        assert prover.counts["in_processes"] == 4 and not prover.processes
        assert [prover(a, b) for a, b in pairs] == expected
        prover.prefetch([(rest[1], rest[3:6])])  # on threads from now on
        assert prover.counts["in_processes"] == 4
    finally:
        prover.close()


def test_grouping_with_worker_processes_is_grouping_on_threads(copies):
    def seen(**kw) -> list[tuple]:
        stats: dict = {}
        groups = register.group_pictures(copies, stats=stats, **kw)
        return stats, sorted((g.kind, g.keeper, tuple(g.members), tuple(sorted(g.regions.items())),
                              tuple(sorted((k, repr(t)) for k, t in g.transforms.items()))) for g in groups)

    (threads, on_threads), (procs, in_procs) = seen(processes=False, workers=2), seen(processes=True, workers=2)
    assert in_procs == on_threads
    assert threads["in_processes"] == 0 and threads["workers"] == "threads"
    assert procs["in_processes"] > 0 and procs["workers"] in ("fork", "forkserver")


def test_on_two_workers_each_needed_pair_is_proven_once_as_on_one(copies):
    """A batch of frames the camera's clock calls separate captures (a burst, a series of crops, each with its
    own capture time): the same pass never proves them, the similar pass does. The prover on two workers makes
    the proofs one worker makes and no more: it used to prove every candidate pair ahead in the same pass, 2.6
    times the proofs of a 360-photo import (issue 15), and ran slower on two cores than on one."""
    from dataclasses import replace

    burst = [replace(c, taken=datetime(2024, 5, 17, 14, 3, i)) for i, c in enumerate(copies[:7])]
    runs = []
    for workers in (1, 2):
        stats: dict = {}
        groups = register.group_pictures(burst, stats=stats, workers=workers, processes=False)
        runs.append((stats["proofs"], sorted((g.kind, g.keeper, tuple(g.members)) for g in groups)))
    (one, groups_one), (two, groups_two) = runs
    assert groups_two == groups_one and any(kind == "similar" for kind, *_ in groups_one)
    pairs = len(burst) * (len(burst) - 1) // 2
    assert two == one < pairs, (one, two, pairs)


def test_verdicts_kept_as_text_group_the_case_again_without_a_proof(copies):
    """What a grouping proved, kept as text (``sameness.verdict_text``) and given back, groups the same items the
    same way with no proof made: every verdict kind, transforms and regions survive the round trip."""
    from desktop.core.sameness import verdict_from_text, verdict_text

    def grouped(**kw):
        stats: dict = {}
        groups = register.group_pictures(copies, stats=stats, processes=False, **kw)
        return stats["proofs"], sorted((g.kind, g.keeper, tuple(g.members), tuple(sorted(g.regions.items())),
                                        tuple(sorted(g.transforms.items(), key=lambda kt: kt[0])))
                                       for g in groups)  # transforms by value (a NumPy float or its float)

    made: dict = {}
    proofs, first = grouped(made=made)
    assert proofs == len(made) > 0
    assert {v.kind for v in made.values() if v is not None} >= {"same", "edited", "similar"}
    texts = {k: verdict_text(v) for k, v in made.items()}
    assert None not in texts.values()
    kept = {k: verdict_from_text(t) for k, t in texts.items()}
    assert kept == made
    again, second = grouped(known=kept)
    assert again == 0 and second == first


@pytest.mark.parametrize("turn", [Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_90])
def test_a_turned_copy_is_registered_to_a_fraction_of_a_pixel(wa, turn):
    """The registration of a copy turned in pixels lands within a quarter pixel of the exact turn at every corner
    of the frame. ORB's points on its coarser pyramid levels sit up to 0.7 px off (the level's pixel centres);
    the offset is the same in each picture's own frame, so between a picture and its turned copy it did not
    cancel (180 degrees: twice it), and the tiles of turned copies failed (issue 10)."""
    a = register.features(read_proof(cand(jpeg(wa, 90)).fingerprint))
    b = register.features(read_proof(cand(jpeg(wa.transpose(turn), 85)).fingerprint))
    m, _ = register._register_features(a, b)  # b -> a, pixel centres at integer coordinates
    (ha, wa_), (hb, wb) = a.grey.shape, b.grey.shape
    corners = np.array([[0, 0], [wb - 1, 0], [wb - 1, hb - 1], [0, hb - 1]], np.float64)
    if turn is Image.Transpose.ROTATE_180:
        exact = np.column_stack([wa_ - 1 - corners[:, 0], ha - 1 - corners[:, 1]])
    else:  # b is a turned anticlockwise: b's (x, y) shows a's (w - 1 - y, x)
        exact = np.column_stack([wa_ - 1 - corners[:, 1], corners[:, 0]])
    got = corners @ m[:, :2].T + m[:, 2]
    assert np.abs(got - exact).max() < 0.25, np.abs(got - exact)


def _skimage_photo(name: str) -> Image.Image:
    from pathlib import Path

    import skimage

    with Image.open(Path(skimage.__file__).parent / "data" / name) as im:
        return im.convert("RGB")


@pytest.mark.parametrize("name, edit", [
    ("ihc.png", lambda im: ImageEnhance.Contrast(ImageEnhance.Brightness(im).enhance(1.25)).enhance(1.2)),
    ("logo.png", lambda im: white_balance(ImageEnhance.Color(im).enhance(1.4), (1.12, 1.0, 0.85))),
    ("motorcycle_left.png", lambda im: white_balance(ImageEnhance.Color(im).enhance(1.4), (1.12, 1.0, 0.85))),
    # brighter, then less contrast: what the brightness clipped at 255 the contrast moves to a flat level below
    # it (no longer "clipped"), by channel; a tone curve per channel after the colour map follows it
    ("motorcycle_left.png", lambda im: ImageEnhance.Contrast(ImageEnhance.Brightness(im).enhance(1.25)).enhance(0.8)),
    ("motorcycle_right.png", lambda im: ImageEnhance.Contrast(ImageEnhance.Brightness(im).enhance(1.25)).enhance(0.8)),
    ("logo.png", lambda im: ImageEnhance.Contrast(ImageEnhance.Brightness(im).enhance(1.25)).enhance(0.8)),
])
def test_a_colour_edit_that_clips_is_the_same_picture(name, edit):
    """Brighter and more contrast, or more saturated and warmer: channels clip at 255 by hue (a bright red clips
    where a grey of the same level does not), which no tone curve of the grey follows; the colours predict it."""
    img = fit(_skimage_photo(name), 1600)
    v = _verdict(cand(jpeg(img, 90)), cand(jpeg(edit(img), 85)))
    assert v is not None and v.kind == "same", v
    if name == "ihc.png":  # the words still say what was done (measured on the greys, not on the prediction)
        assert v.transform.brightness > 0.1 and v.transform.contrast > 1.1, v.transform


def test_a_stroke_on_a_copy_whose_edit_clipped_is_still_edited():
    """The tone curves per channel explain what a global edit did to every pixel of one colour, not a stroke
    drawn over part of the picture: the same brighter, lower-contrast copy with a red line is edited, there."""
    img = fit(_skimage_photo("motorcycle_left.png"), 1600)
    edit = ImageEnhance.Contrast(ImageEnhance.Brightness(img).enhance(1.25)).enhance(0.8)
    w, h = img.size
    box = (int(0.55 * w), int(0.2 * h), int(0.8 * w), int(0.3 * h))
    ImageDraw.Draw(edit).line([box[:2], box[2:]], fill=(40, 200, 255), width=12)
    v = _verdict(cand(jpeg(img, 90)), cand(jpeg(edit, 85)))
    assert v is not None and v.kind == "edited", v
    left, top, right, bottom = v.region
    assert left < 100 * box[2] / img.width and right > 100 * box[0] / img.width, v.region
    assert top < 100 * box[3] / img.height and bottom > 100 * box[1] / img.height, v.region


def test_the_turn_guess_is_the_nearest_of_every_turn_and_zoom(wa):
    """For pictures without features the hashes guess the turn and crop ECC starts from: the nearest of all
    combinations (a crop's own hash may lie nearer another turn of the keeper's than its own turn does, while a
    zoomed hash of the keeper matches it unturned: bench/dedup's Arc-Colors crop had no proof)."""
    import dataclasses

    keeper = cand(jpeg(wa, 90))
    copy = cand(jpeg(crop(wa, 0.15, 0.15, 0.15, 0.15), 85))
    fa, fb = (register.features(read_proof(c.fingerprint)) for c in (keeper, copy))
    own = fa.proof.turned_phashes[0]
    near = min(bin(h ^ fb.proof.turned_phashes[0]).count("1") for h in fa.proof.zoomed_phashes)
    # the copy's 90-degree hash made nearer the keeper's own than its unturned one, yet further than the zoom
    decoy = own ^ ((1 << (near + 2)) - 1)
    turned = list(fb.proof.turned_phashes)
    turned[1] = decoy
    fb = dataclasses.replace(fb, proof=dataclasses.replace(fb.proof, turned_phashes=tuple(turned)))
    assert bin(own ^ decoy).count("1") < bin(own ^ fb.proof.turned_phashes[0]).count("1")
    m = register._turn_guess(fa, fb)
    assert m is not None and abs(m[0, 1]) < 1e-9 and m[0, 0] > 0 and m[1, 1] > 0, m  # unturned
    ha, wa_ = fa.grey.shape
    hb, wb = fb.grey.shape
    assert abs(m[0, 0] * wb / wa_ - 0.7) < 0.01, m  # the copy laid over the keeper's central 70 %


def _ramps(seed: int) -> Image.Image:
    """A smooth picture without ORB features: a colour ramp per channel and a few soft blobs (unlike ``_smooth``,
    nothing sharp: pictures of this kind hash alike)."""
    rng = np.random.default_rng(seed)
    h, w = 500, 800
    y, x = np.mgrid[0:h, 0:w] / np.array([h, w])[:, None, None]
    out = np.zeros((h, w, 3))
    for c in range(3):
        out[..., c] = 60 + 80 * x * rng.random() + 60 * y * rng.random()
        for _ in range(4):
            cx, cy, r, a = rng.random(), rng.random(), 0.1 + 0.25 * rng.random(), 40 + 60 * rng.random()
            out[..., c] += a * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def test_smooth_pictures_are_not_aligned_by_ecc_where_the_guess_does_not_correlate(monkeypatch):
    """Smooth pictures hash alike, so many different ones are candidates; ECC refines the hashes' guess only
    where the two already correlate by ``ECC_START_MIN`` there (a copy does at once), and none comes out the same."""
    cs = [cand(jpeg(_ramps(seed), 85), key=f"s{seed}") for seed in range(24)]
    feats = {c.key: register.features(read_proof(c.fingerprint)) for c in cs}
    assert all(len(f.pts) < register.FEW_FEATURES for f in feats.values())
    pairs = [(a, b) for a, bs in register.candidate_pairs(cs).items() for b in bs]
    assert len(pairs) > 60  # smooth pictures are candidates of many others
    calls = []
    real = cv2.findTransformECC
    monkeypatch.setattr(cv2, "findTransformECC", lambda *a, **k: calls.append(1) or real(*a, **k))
    tried = 0
    for a, b in pairs:
        calls.clear()
        register._register_ecc(feats[a], feats[b])
        tried += bool(calls)
    assert tried < 0.6 * len(pairs), (tried, len(pairs))  # without the start test: 90 % of them
    monkeypatch.undo()
    assert not [g for g in register.group_pictures(cs) if g.kind == "same"]


def _sky_over(img: Image.Image, share: float, glow_box: tuple[float, float, float, float] = (0.6, 0.15, 0.8, 0.85)
              ) -> Image.Image:
    """``img`` under a pale textured sky (the top ``share`` of it) with a bright glow in it, as a sunset's
    (``glow_box``: left, top, right, bottom in fractions of the sky)."""
    w, h = img.size
    sky_h = int(h * share)
    rng = np.random.default_rng(3)
    c = np.asarray(Image.fromarray((rng.random((sky_h // 12 + 2, w // 12 + 2)) * 255).astype(np.uint8)).resize(
        (w, sky_h), Image.Resampling.BICUBIC), np.float32) / 255
    out = img.copy()
    out.paste(Image.fromarray(np.stack([190 + 40 * c, 196 + 38 * c, 204 + 36 * c], -1).astype(np.uint8)), (0, 0))
    glow = Image.new("L", (w, sky_h), 0)
    gl, gt, gr, gb = glow_box
    ImageDraw.Draw(glow).ellipse((int(gl * w), int(gt * sky_h), int(gr * w), int(gb * sky_h)), fill=255)
    out.paste(Image.new("RGB", (w, sky_h), (250, 250, 246)), (0, 0), glow.filter(ImageFilter.GaussianBlur(6)))
    return out


@pytest.mark.parametrize("share, gain, glow", [(0.12, 1.4, (0.6, 0.15, 0.8, 0.85)), (0.2, 1.45, (0.6, 0.15, 0.8, 0.85)),
                                               (0.2, 1.45, (0.6, 0.35, 0.72, 0.65))])
def test_a_brightened_copy_whose_sky_clipped_flat_is_the_same_picture(wa, share, gain, glow):
    """Brightened, the sky clips to one white and is trimmed off the copy's content box like chrome, while the
    keeper's box keeps its clouds and glow: the band's thumbnail cells beyond the levels the proven part shows
    may sit anywhere between the extrapolated level and the copy's own white (clipping), which is no caption;
    and the keeper's glow under the copy's trimmed band (a patch off the band: a caption, were it the copy's) is
    taken through the pair's tone curve first, where it is as white as the rest."""
    img = _sky_over(wa, share, glow)
    copy = cand(jpeg(ImageEnhance.Brightness(img).enhance(gain), 85))
    assert read_proof(copy.fingerprint).box[1] > share * 0.9  # the clipped sky is trimmed off the copy
    v = _verdict(cand(jpeg(img, 90)), copy)
    assert v is not None and v.kind == "same", v


def test_a_caption_on_a_sky_band_is_still_edited(wa):
    """The clipping allowance covers levels beyond what the proven part shows, not a dark caption on the sky."""
    img = _sky_over(wa, 0.15)
    w, h = img.size
    edited = img.copy()
    ImageDraw.Draw(edited).rectangle((int(0.1 * w), int(0.03 * h), int(0.45 * w), int(0.11 * h)), fill=(20, 20, 30))
    v = _verdict(cand(jpeg(img, 90)), cand(jpeg(edited, 85)))
    assert v is not None and v.kind == "edited", v
    assert v.region[0] < 45 and v.region[2] > 10 and v.region[1] < 11, v.region


def test_a_screenshot_of_an_object_on_a_dark_wall_is_a_candidate_and_the_same(wa):
    """The picture's own content box is the object (the dark wall around it is trimmed like a border); the
    screenshot's box is the whole picture inside the viewer's chrome. Their boxes' hashes differ; the screenshot's
    box is compared with the picture's whole frame too (bench/dedup's the-mouse, pixels-l: never proved)."""
    obj = fit(wa, 800)
    wall = Image.new("RGB", (obj.width * 2, int(obj.height * 1.8)), (12, 14, 40))
    wall.paste(obj, (obj.width // 2, int(obj.height * 0.4)))
    keeper = cand(jpeg(wall, 92, camera_exif()), key="orig")
    shot = cand(saved(desktop_screenshot(wall), "PNG"), "shot.png", key="shot")
    assert read_proof(keeper.fingerprint).box[0] > 0.2  # the wall is trimmed off the picture's own box
    assert register.candidate_pairs([keeper, shot]) == {"orig": ["shot"]}
    (g,) = register.group_pictures([keeper, shot])
    assert (g.kind, g.keeper, g.members) == ("same", "orig", ["orig", "shot"])


@pytest.mark.parametrize("source_x", [0.3, 0.7])
def test_a_patch_cloned_over_a_plain_area_is_edited(source_x):
    """A part of the moon's surface cloned over a plain stretch of it: seen the other way round, the plain
    stretch predicted from the patch takes a local gain near zero and leaves no residual (it came out the same
    picture); a tile with texture far beyond the noise whose gain is under half the tone curve's is other content."""
    img = _skimage_photo("moon.png")
    w, h = img.size
    box = (round(0.17 * w), round(0.52 * h), round(0.33 * w), round(0.65 * h))
    src = (round(source_x * w), round(0.3 * h))
    edited = img.copy()
    edited.paste(img.crop((*src, src[0] + box[2] - box[0], src[1] + box[3] - box[1])), box[:2])
    v = _verdict(cand(jpeg(img, 92)), cand(jpeg(edited, 80)))
    assert v is not None and v.kind == "edited", v
    assert v.region is not None and _overlap(v.region, (17.0, 52.0, 33.0, 65.0)), v.region


@pytest.mark.parametrize("gain, contrast", [(1.2, 1.1), (1.25, 1.2)])
def test_a_strong_brightening_whose_highlights_clip_is_the_same_picture(gain, contrast):
    """Brighter by a quarter and more contrast: a pale petal goes white by hue (its red clips first), which the
    grey predicts a few levels short of 255. A clipped level is a bound ("this much or more"), not an edit."""
    from tests.conftest import FIXTURES

    with Image.open(FIXTURES / "exif-samples" / "jpg" / "Canon_PowerShot_S40.jpg") as im:
        img = fit(im.convert("RGB"), 1600)
    edit = ImageEnhance.Contrast(ImageEnhance.Brightness(img).enhance(gain)).enhance(contrast)
    v = _verdict(cand(jpeg(img, 92)), cand(jpeg(edit, 85)))
    assert v is not None and v.kind == "same", v


def test_a_picture_of_one_pixel_or_one_line_is_never_proven_and_never_fails(caplog):
    """A 1x1 picture, a line one pixel wide and a 20000x200 panorama (whose stored grey is 256x3) have nothing to
    register: no proof is tried (the core's thumbnail rule decides). Before, ECC's half-size grey of zero pixels
    raised, and each pair logged "the registration failed" with a traceback."""
    def png(img: Image.Image) -> bytes:
        out = io.BytesIO()
        img.save(out, "PNG")
        return out.getvalue()

    ramp = np.repeat(np.arange(300, dtype=np.uint8), 3).reshape(300, 1, 3)
    rng = np.random.default_rng(3)
    pictures = {
        "dot": png(Image.new("RGB", (1, 1), (5, 5, 5))),
        "dot2": png(Image.new("RGB", (1, 1), (5, 5, 6))),
        "column": png(Image.fromarray(ramp)),
        "row": png(Image.fromarray(ramp.reshape(1, 300, 3))),
        "pano": png(Image.fromarray(rng.integers(0, 255, (200, 20000, 3), dtype=np.uint8))),
    }
    items = [cand(data, f"{k}.png", key=k) for k, data in pictures.items()]
    caplog.set_level(logging.WARNING, logger="desktop.media.register")
    register.group_pictures(items, workers=1)
    assert [r.getMessage() for r in caplog.records] == []
    fa = register.features(read_proof(items[2].fingerprint))
    assert fa is not None and register.register(fa, fa) is None  # a line one pixel wide: nothing to align


def test_a_sticker_over_a_smooth_picture_that_changed_every_hash_is_an_edited_copy():
    """The keeper has too few corners for ORB and the sticker moved every hash beyond a guess: no registration at
    all, so the copy was no relation of its original. A copy of the frame's shape is now tried where it lies."""
    sky = _smooth(3)
    keeper = cand(jpeg(sky, 92), key="orig")
    edited, box = _sticker(sky)
    assert len(register._own_features(keeper).pts) < register.FEW_FEATURES
    v = _verdict(keeper, cand(jpeg(edited, 80), key="sticker"))
    assert v is not None and v.kind == "edited" and _overlap(v.region, box), v  # was 'unrelated'


def test_unrelated_smooth_pictures_of_one_shape_are_never_copies():
    """Where the hashes give no guess, two smooth pictures of one frame shape are laid one on the other: ECC may
    align the ramps of two different ones, the tiles still tell them apart."""
    skies = {s: cand(jpeg(_smooth(s), 85), key=f"sky{s}") for s in range(8)}
    kinds = {(a, b): _verdict(skies[a], skies[b]) for a in skies for b in skies if a != b}
    assert all(v is None or v.kind in ("unrelated", "similar") for v in kinds.values()), kinds


@pytest.mark.parametrize("share", [0.03, 0.05])
def test_a_crop_of_a_few_percent_of_a_picture_with_its_own_plain_band_is_the_same_picture(photo, share):
    """A picture whose content box trims a band of its own (a white mat above the photo), cropped by a few percent
    on every side: the frames were taken for one (within 6 %) and each cell of the keeper's 16x16 thumbnail was
    compared with the copy's cell that shows what lies further in, so a stripe at the frame's edge made it an
    "edited copy" with a region there. Found with ImageMagick's centre crops of held-out sources; on the tuning
    part's sources with a trimmed box, symmetric 3 and 5 % crops gave 10 of 34 such verdicts."""
    mat = Image.new("RGB", (photo.width, round(photo.height * 1.25)), (250, 250, 250))
    mat.paste(photo, (0, mat.height - photo.height))
    pic = fit(mat, 2400)
    keeper = cand(jpeg(pic, 92), key="orig")
    assert read_proof(keeper.fingerprint).box[1] > 0.1  # the band is trimmed off the content box
    w, h = pic.size
    copy = cand(jpeg(pic.crop((round(w * share), round(h * share), round(w * (1 - share)), round(h * (1 - share)))),
                     90), key="crop")
    v = _verdict(keeper, copy)
    assert v is not None and v.kind == "same", v


def _turned(img: Image.Image, degrees: float) -> Image.Image:
    """The camera turned by ``degrees`` about its vertical axis (a phone's focal length, 0.8 of the width), then
    the central 85 %: another capture of the same scene, no copy of the picture."""
    a = np.asarray(img)
    h, w = a.shape[:2]
    f = 0.8 * w
    k = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]])
    t = np.radians(degrees)
    turn = np.array([[np.cos(t), 0, np.sin(t)], [0, 1, 0], [-np.sin(t), 0, np.cos(t)]])
    out = cv2.warpPerspective(a, k @ turn @ np.linalg.inv(k), (w, h), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REFLECT)
    x0, y0 = int(0.075 * w), int(0.075 * h)
    return Image.fromarray(out[y0:h - y0, x0:w - x0])


@pytest.mark.parametrize("name", ["jpg/Reconyx_HC500_Hyperfire.jpg", "jpg/tests/Xiaomi_Mi_9T_KeyError.jpg",
                                  "jpg/hdr/canon_hdr_NO.jpg", "jpg/mobile/jolla.jpg"])
def test_a_copy_against_a_frame_of_the_camera_turned_is_neither_the_same_nor_an_edit(name):
    """A frame taken with the camera turned 2.5 degrees, kept beside a WhatsApp copy of the photo: the perspective
    grows towards the frame's corners, and where only a corner's tiles go beyond noise that is no edit there (the
    bench's pans made their photos' copies "edited copies" of a pan frame: 9 of 10 such pairs of its tuning part
    are now told apart by the perspective of the rest of the frame)."""
    from tests.conftest import FIXTURES

    with Image.open(FIXTURES / "exif-samples" / name) as im:
        pic = fit(im.convert("RGB"), 2000)
    v = _verdict(cand(jpeg(_turned(pic, 2.5), 92), key="pan"), cand(jpeg(fit(pic, 1600), 75), key="copy"))
    assert v is not None and v.kind == "similar", v


def _vignette(img: Image.Image, corner_gain: float = 0.55) -> Image.Image:
    """A phone editor's vignette: R, G and B multiplied by a gain falling from 1 at the centre to ``corner_gain``
    in the corners, with the square of the distance."""
    w, h = img.size
    y, x = np.mgrid[0:h, 0:w]
    r2 = (((x - w / 2) / (w / 2)) ** 2 + ((y - h / 2) / (h / 2)) ** 2) / 2
    gain = (1 - (1 - corner_gain) * r2).astype(np.float32)
    return Image.fromarray(np.clip(np.asarray(img, np.float32) * gain[..., None], 0, 255).astype(np.uint8))


def _sepia(img: Image.Image) -> Image.Image:
    m = np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]], np.float32)
    return Image.fromarray(np.clip(np.asarray(img, np.float32) @ m.T, 0, 255).astype(np.uint8))


FILTERS = {
    "black-and-white": lambda im: im.convert("L").convert("RGB"),
    "sepia": _sepia,
    "vignette": _vignette,
    "vignette-and-warmer": lambda im: white_balance(_vignette(im, 0.6), (1.08, 1.0, 0.9)),
}


@pytest.mark.parametrize("name", ["motorcycle_left.png", "chelsea.png", "coffee.png"])
@pytest.mark.parametrize("filt", sorted(FILTERS))
def test_a_phone_editors_filter_is_the_same_picture(name, filt):
    """Black and white, sepia, a vignette (the gain falls off towards the corners: no tone curve of the whole
    frame follows it) are edits of the whole picture, not of a region of it: the same picture."""
    img = fit(_skimage_photo(name), 1600)
    v = _verdict(cand(jpeg(img, 90)), cand(jpeg(FILTERS[filt](img), 85)))
    assert v is not None and v.kind == "same", (filt, v)
    # and the transform names the filter, for the duplicates view and the PDF: "in black and white", "toned in one
    # colour (sepia)", "darker towards the corners (vignette)"
    # (a milder vignette that the colours' model already follows is not named: it is named when it was taken out)
    named = {"black-and-white": [("black-and-white",)], "sepia": [("toned",)], "vignette": [("vignette",)],
             "vignette-and-warmer": [("vignette",), ()]}[filt]
    assert v.transform.filters in named, v.transform
    assert verdict_from_text(verdict_text(v)) == v  # kept as it was proven


def test_a_vignette_over_a_photo_whose_tone_curve_it_bends_is_the_same_picture():
    """A vignette mixes gains: the tone curve of the whole frame, fitted to the darkened copy, bends, and the gain
    measured against it leaves a tenth of the cells' differences unexplained. Fitted in turn (the tone curve again
    to the copy with the first gain taken out, then the gain), the copy is the same picture (was: edited)."""
    img = fit(_skimage_photo("astronaut.png"), 1600)
    v = _verdict(cand(jpeg(img, 90)), cand(jpeg(_vignette(img), 85)))
    assert v is not None and v.kind == "same" and v.transform.filters == ("vignette",), v


@pytest.mark.parametrize("filt", ["vignette", "vignette-and-warmer"])
def test_a_vignette_over_a_smooth_picture_is_registered_with_its_gain_taken_out(filt):
    """A smooth picture (no ORB features) is registered by ECC, which allows one gain: the vignette's falling gain
    it took up as a stretch and a shear (a 20 % stretch of a wallpaper correlated better than the copy where it
    lies), and the registration was refused. Tried again with the copy's smooth gain taken out: the same picture."""
    img = _smooth(7)
    keeper, copy = cand(jpeg(img, 90)), cand(jpeg(FILTERS[filt](img), 85))
    fk, fc = (register.features(read_proof(c.fingerprint)) for c in (keeper, copy))
    assert register._register_features(fk, fc) is None  # ECC's case
    v = _verdict(keeper, copy)
    assert v is not None and v.kind == "same", v


def test_a_gain_that_darkens_beyond_a_vignette_is_not_one():
    """The smooth gain taken out as a vignette keeps its darkest part at ``VIGNETTE_DEEPEST`` of its brightest's
    light (1.7 stops): a gain that turns one smooth picture into another (a dark gradient into faint stripes, on
    bench/dedup's tuning part) fell further, to a quarter and below."""
    grey = np.asarray(_smooth(5).convert("L").resize((256, 192)), np.float32)
    mask = np.ones(grey.shape, bool)
    for corner, found in ((0.55, True), (0.2, False)):
        copy = np.asarray(_vignette(Image.fromarray(grey.astype(np.uint8)).convert("RGB"), corner).convert("L"),
                          np.float32)
        assert (register._gain_field(grey, copy, mask) is not None) is found, corner


def test_a_feature_fit_a_pixel_off_is_refined_before_the_tiles_judge():
    """On a repeating texture (a wallpaper of rolls) RANSAC's 2.5-pixel tolerance let the feature fit land a pixel
    or two off the copy, beyond what one Lucas-Kanade step per tile measures: the tiles sat off one transform and
    the copy was called another capture. Refined by ECC from that fit, the copy is the same picture."""
    img = fit(_skimage_photo("coffee.png"), 1600)
    keeper, copy = cand(jpeg(img, 92)), cand(jpeg(fit(img, 1280), 75))
    fk, fc = (register.features(read_proof(c.fingerprint)) for c in (keeper, copy))
    m, inliers = register.register(fk, fc)
    off = m.copy()
    off[:, 2] += (1.6, -1.2)  # pixels of the stored grey
    first = register._compare(keeper, copy, fk, fc, off, inliers)
    assert first is not None and first.kind == "similar" and first.moved, first
    refined = register._refined(fk, fc, off)
    assert refined is not None and np.abs(refined - m).max() < 0.3, (refined, m)
    again = register._compare(keeper, copy, fk, fc, refined, inliers)
    assert again is not None and again.kind == "same", again


def test_a_crop_that_leaves_out_the_colour_of_a_grey_picture_names_no_filter():
    """A grey picture with one colourful edge (a white appliance against a wooden wall, a camera fixture): a crop
    without that edge has only grey colours, but it is not toned. The keeper is looked at where the copy shows it."""
    img = _skimage_photo("camera.png").resize((1600, 1600))
    a = np.asarray(img, np.float32).copy()
    a[:, :200] *= np.array([1.25, 0.95, 0.6], np.float32)  # a wooden brown strip at the left
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    v = _verdict(cand(jpeg(img, 92)), cand(jpeg(fit(crop(img, 0.15, 0.05, 0.05, 0.05), 1200), 80)))
    assert v is not None and v.kind == "same" and v.transform.filters == (), v


def test_a_plain_band_of_the_photo_itself_is_no_screenshot_chrome():
    """A photo whose top third is one flat colour (a clear sky) has it trimmed off its content box, as a
    screenshot's bar would be, in the copy and in the keeper alike. The copy is no screenshot and is not cropped:
    a band both boxes trim is part of the picture (was: "screenshot: picture at 1600 px inside a 1600x1200 frame",
    cropped 10 % at the top, shown for a brightened copy)."""
    img = np.asarray(fit(_skimage_photo("coffee.png"), 1600), np.float32).copy()
    img[: img.shape[0] // 3] = (70, 120, 200)
    img = Image.fromarray(img.astype(np.uint8))
    v = _verdict(cand(jpeg(img, 92)), cand(jpeg(ImageEnhance.Brightness(img).enhance(1.15), 85)))
    assert v is not None and v.kind == "same", v
    assert v.transform.screenshot is None and max(abs(c) for c in v.transform.crop) < 1.0, v.transform


def test_a_photo_with_a_plain_band_keeps_over_its_crop_and_the_crop_is_worded():
    """The photo with a flat sky band shows more than its crop on the left as well: picture beyond the crop, not a
    screenshot's chrome (its box was trimmed by the sky alone). It keeps over the crop, and the crop is worded as
    one (was: the crop kept, the photo "screenshot: picture at 512 x 340 px inside a 512 x 512 frame")."""
    img = np.asarray(_skimage_photo("astronaut.png"), np.float32).copy()
    img[: img.shape[0] // 3] = (70, 120, 200)
    img = Image.fromarray(img.astype(np.uint8))
    photo, cropped = cand(jpeg(img, 92), key="photo"), cand(jpeg(img.crop((40, 30, 512, 512)), 85), key="cropped")
    groups = [g for g in register.group_pictures([cropped, photo]) if g.kind == "same"]
    assert [g.members for g in groups] == [["photo", "cropped"]], groups
    t = groups[0].transforms["cropped"]
    assert t.screenshot is None and describe(t) == "cropped 8 % left and 6 % top", describe(t)


def test_a_plain_copy_names_no_filter(wa, original):
    v = _verdict(original, cand(jpeg(wa, 75)))
    assert v is not None and v.kind == "same" and v.transform.filters == (), v


@pytest.mark.parametrize("filt", ["black-and-white", "vignette"])
def test_a_sticker_on_a_filtered_copy_is_still_edited(filt):
    """What the filters are allowed does not hide an edit made with them: a sticker on the black-and-white or the
    vignetted copy is an edited copy, with its region where the sticker is."""
    img = fit(_skimage_photo("coffee.png"), 1600)
    edit = FILTERS[filt](img)
    w, h = img.size
    box = (int(0.62 * w), int(0.12 * h), int(0.8 * w), int(0.3 * h))
    d = ImageDraw.Draw(edit)
    d.ellipse(box, fill=(250, 200, 30), outline=(200, 30, 30), width=10)
    v = _verdict(cand(jpeg(img, 90)), cand(jpeg(edit, 85)))
    assert v is not None and v.kind == "edited", (filt, v)
    left, top, right, bottom = v.region
    assert left < 100 * box[2] / w and right > 100 * box[0] / w, v.region
    assert top < 100 * box[3] / h and bottom > 100 * box[1] / h, v.region
