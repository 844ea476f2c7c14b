"""Fingerprints survive what WhatsApp and e-mail do, and keep burst shots and day/night variants apart."""

from __future__ import annotations

import io
from fractions import Fraction

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps

from desktop.core.dedup import compare_frames, decode
from desktop.media.fingerprint import FRAME_BYTES, image_fingerprint, read_proof, video_fingerprint


def scene(seed: int = 1, size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """A procedurally generated "photo": sky-like gradient, shapes, and a noise texture."""
    rng = np.random.default_rng(seed)
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.stack([60 + 120 * y / h, 90 + 80 * x / w, 200 - 100 * y / h], axis=-1)
    coarse = rng.random((h // 40 + 2, w // 40 + 2, 3)).astype(np.float32)
    noise = np.asarray(
        Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC)
    )
    img = Image.fromarray(np.clip(base + (noise.astype(np.float32) - 128) * 0.35, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    for _ in range(14):
        cx, cy = rng.integers(0, w), rng.integers(0, h)
        r = int(rng.integers(w // 30, w // 6))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((cx - r, cy - r // 2, cx + r, cy + r // 2), fill=colour)
    return img


def reencode(img: Image.Image, fmt: str = "JPEG", **kw) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def fit(img: Image.Image, long_side: int) -> Image.Image:
    scale = long_side / max(img.size)
    return img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)


def crop(img: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
    w, h = img.size
    return img.crop((round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom))))


def verdict(a: Image.Image, b: Image.Image) -> str | None:
    fa, fb = decode(image_fingerprint(a)[1]), decode(image_fingerprint(b)[1])
    assert fa and fb
    return compare_frames(fa[0], fb[0])


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return scene(1)


def test_layout_and_phash(photo):
    phash, fp = image_fingerprint(photo)
    assert 0 <= phash < 2**64
    assert fp[:2] == bytes((2, 1)) and len(fp) > 2 + FRAME_BYTES  # format 2: the frame, then the proof block
    assert decode(fp)[0].phash == phash
    assert decode(bytes((1, 1)) + fp[2 : 2 + FRAME_BYTES])[0].phash == phash  # format 1 still decodes
    assert read_proof(fp) is not None and read_proof(fp).turned_phashes[0] != 0
    assert image_fingerprint(photo) == (phash, fp)  # deterministic


def test_whatsapp_recompression_and_resize_is_same(photo):
    whatsapp = reencode(fit(photo, 1000), quality=72)
    assert verdict(photo, whatsapp) == "same"
    forwarded = reencode(fit(whatsapp, 640), quality=70)
    assert verdict(photo, forwarded) == "same"


def test_small_crop_is_same(photo):
    assert verdict(photo, reencode(crop(photo, 0.03, 0.01, 0.0, 0.02), quality=80)) == "same"


def test_png_resave_is_same(photo):
    assert verdict(photo, reencode(fit(photo, 900).convert("RGB"), "PNG")) == "same"


def test_exif_rotation_is_same_after_transposition(photo):
    exif = Image.Exif()
    exif[0x0112] = 6
    stored = reencode(photo.transpose(Image.Transpose.ROTATE_90), quality=85, exif=exif.tobytes())
    assert stored.size == (photo.height, photo.width)
    shown = ImageOps.exif_transpose(stored)  # what the probe hands over
    assert shown.size == photo.size
    assert verdict(photo, shown) == "same"


def test_burst_pair_is_similar_not_same(photo):
    a = crop(photo, 0.0, 0.0, 0.12, 0.0)
    b = crop(photo, 0.12, 0.0, 0.0, 0.0)  # the frame moved 12 % between shots
    assert verdict(a, b) == "similar"


def test_day_and_night_variants_are_not_same(photo):
    arr = np.asarray(photo).astype(np.float32)
    night = Image.fromarray((arr * np.array([0.35, 0.4, 0.6])).astype(np.uint8))
    assert verdict(photo, night) != "same"


def test_different_pictures_are_unrelated(photo):
    assert verdict(photo, scene(2)) is None


def test_grey_and_flat_pictures_do_not_crash():
    flat = Image.new("L", (600, 400), 128)
    _, fp = image_fingerprint(flat)
    assert verdict(flat, flat.convert("RGB")) == "same"
    assert decode(fp)[0].sensitivity == 0.0


def clip_frames(seed: int, n: int = 48, size: tuple[int, int] = (320, 240)) -> list[Image.Image]:
    """A short clip: a scene panning slowly with a ball moving across it."""
    big = scene(seed, (size[0] * 2, size[1]))
    frames = []
    for i in range(n):
        frame = big.crop((i * 3, 0, i * 3 + size[0], size[1]))
        ImageDraw.Draw(frame).ellipse((i * 5, 100, i * 5 + 40, 140), fill=(250, 250, 250))
        frames.append(frame)
    return frames


def encode(frames: list[Image.Image], bit_rate: int, size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    with av.open(buf, "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=24)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = bit_rate
        stream.time_base = Fraction(1, 24)
        for f in frames:
            for packet in stream.encode(av.VideoFrame.from_image(f.resize(size))):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


def key_frames(data: bytes, fractions=(0.1, 0.35, 0.6, 0.85)) -> tuple[list[Image.Image], float]:
    """Decode the frames nearest to fixed fractions of the duration (what the probe does, simplified)."""
    with av.open(io.BytesIO(data)) as container:
        frames = [f.to_image() for f in container.decode(video=0)]
    duration = len(frames) / 24
    return [frames[min(len(frames) - 1, int(x * len(frames)))] for x in fractions], duration


def test_video_recompressed_is_same_and_other_clip_is_not():
    from desktop.core.dedup import DupCandidate, compare

    frames = clip_frames(3)
    original = key_frames(encode(frames, 2_000_000, (320, 240)))
    smaller = key_frames(encode(frames, 150_000, (240, 180)))
    other = key_frames(encode(clip_frames(4), 2_000_000, (320, 240)))

    def cand(key, kf):
        phash, fp = video_fingerprint(*kf)
        assert phash is not None and fp is not None and fp[1] == 4
        return DupCandidate(key, key, "video", phash, fp, 320, 240, 1, False, None, kf[1])

    a, b, c = cand("a", original), cand("b", smaller), cand("c", other)
    assert compare(a, b) == "same"
    assert compare(a, c) is None
    assert video_fingerprint([], 3.0) == (None, None)
