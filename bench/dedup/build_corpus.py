"""Build the labelled duplicate-detection corpus under ``bench/out/dedup/corpus``.

Sources are real pictures nobody here chose for this engine: Debian wallpaper packages (``gnome-backgrounds``,
``mate-backgrounds``, ``lomiri-wallpapers-*``, ``ukui-wallpapers``), the photos of ``opencv-doc``'s examples, the
sample photos bundled with scikit-image and the camera images of the shared EXIF fixtures. Every source is put in
the ``tune`` or the ``held-out`` part by a hash of its name (``split_of``): the engine's constants are set on
``tune`` only, the figures that count are those of ``held-out``.

Each source picture becomes one *true group* of "same picture" files, made the way customers, WhatsApp, e-mail
clients and phones treat a photo:

==============  ===========================================================================================
orig            camera-original stand-in: long side <= 4032, JPEG q92, EXIF capture date and camera
wa / wa2        WhatsApp copy (long side 1600, JPEG q75, EXIF stripped), and that copy sent on again
mail            e-mail "medium": long side 1280, JPEG q70
png / webp      the WhatsApp copy re-saved as PNG; a WebP (q80) re-save
exifrot         pixels stored turned, with an EXIF orientation tag that undoes it
rot90..rot270   pixels turned 90/180/270 degrees, no EXIF (a phone that "fixed" the orientation)
crop            2-15 % cropped per side (asymmetric), long side 1600, JPEG q80
bright          brightness and contrast changed (one of +-10..25 %)
colour          saturation and white balance changed (a filter)
filter          a phone editor's filter over the whole picture: black and white, sepia, a vignette (the gain
                falling to 0.5-0.7 in the corners), a vignette with warmer colours, or faded (lifted blacks, less
                colour) with a vignette; one per source (its own random draw: the other variants as before)
shotphone       phone screenshot 1080x2400: status bar, dark app chrome, the photo letterboxed at full width
shotdesk        desktop screenshot 1920x1080: title bar, side panel, the photo letterboxed in a viewer
shotwa          the phone screenshot sent on by WhatsApp (720x1600, q75)
==============  ===========================================================================================

Hard negatives (pairs of groups that must never be merged as ``same``), each with what it is:

* ``burst``: frames 0.1-0.4 s apart from real videos (opencv-doc's ``box.mp4``, ``cup.mp4``: hand-held;
  ``vtest.avi``: fixed camera, people walking; ``tree.avi``), and the Middlebury consecutive frames shipped with
  opencv-doc (``rubberwhale``, ``basketball``). Each frame is a group of its own (``orig`` + ``wa``).
* ``pan``: two frames of a pan without roll made from one photo: the camera turned 3-6 degrees (perspective
  change), independent sensor noise, 85 % windows (a synthetic stand-in: no parallax, nothing moved);
* ``viewpoint``: two photos of one scene from different positions (stereo pairs, ``graf``, scikit-image's
  motorcycle);
* ``beforeafter``: one spot photographed under different light (``leuven``), or before/after an object was added
  (``ela``);
* ``edited``: the WhatsApp copy with a sticker, a caption band, drawn text or a replaced (cloned) region; each is a
  group of its own whose verdict against the source's group must be ``edited``, with the changed region (known
  here, in percent of the picture). A cloned patch that would change no pixel one can see (black onto black) is
  taken instead from the place that differs most from the region it covers.

Run: ``python bench/dedup/build_corpus.py [--out DIR] [--limit N]``. The corpus is deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageStat

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "bench" / "out" / "dedup" / "corpus"
OCV = Path("/usr/share/doc/opencv-doc/examples/data")
OCV_HTML = Path("/usr/share/doc/opencv-doc/opencv4/html")
FIXTURES = Path("/work/shared/fixtures/exif-samples/jpg")
MIN_STDDEV = 8.0  # sources flatter than this (plain tiles, gradients) are not photos
MIN_SIDE = 300
VISIBLE_CHANGE = 8  # grey levels: a replaced region must change at least 1 % of its pixels by this much

SKIMAGE_PHOTOS = ["astronaut", "brick", "camera", "chelsea", "coffee", "coins", "grass", "gravel", "rocket",
                  "hubble_deep_field", "retina", "immunohistochemistry", "moon", "page", "text", "colorwheel"]
OCV_PHOTOS = ["HappyFish", "baboon", "building", "butterfly", "fruits", "home", "lena", "messi5", "orange",
              "apple", "board", "starry_night", "stuff", "squirrel_cls", "smarties", "aero1", "aero3",
              "licenseplate_motion", "pic1", "pic3", "box_in_scene", "cards", "notes", "sudoku", "blox"]
PAIRS = [  # (why, a, b) of real files that are other captures
    ("burst", "rubberwhale1.png", "rubberwhale2.png"),
    ("burst", "basketball1.png", "basketball2.png"),
    ("viewpoint", "aloeL.jpg", "aloeR.jpg"),
    ("viewpoint", "graf1.png", "graf3.png"),
    ("viewpoint", "left01.jpg", "right01.jpg"),
    ("viewpoint", "left.jpg", "right.jpg"),
    ("beforeafter", "leuvenA.jpg", "leuvenB.jpg"),
    ("beforeafter", "ela_original.jpg", "ela_modified.jpg"),
]
VIDEOS = [("box", OCV_HTML / "box.mp4.gz"), ("cup", OCV_HTML / "cup.mp4.gz"), ("vtest", OCV / "vtest.avi"),
          ("tree", OCV / "tree.avi")]
SAME_VARIANTS = ["orig", "wa", "wa2", "mail", "png", "webp", "exifrot", "rot90", "rot180", "rot270", "crop",
                 "bright", "colour", "filter", "shotphone", "shotdesk", "shotwa"]
EDITS = ["sticker", "caption", "drawn", "replaced"]


def split_of(name: str) -> str:
    """``tune`` or ``held-out``, by source (never by file): a hash of the source's name."""
    return "tune" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "held-out"


def _one_size_each(found: list[dict]) -> list[dict]:
    """One entry per picture: a wallpaper package ships one picture at several sizes (``Elephants.jpg``,
    ``Elephants_3840x2160.jpg``, ``Elephants_5640x3172.jpg``); two of them would be two "different" sources (and
    could land in both parts). The largest file is kept, named by the picture (the split follows that name)."""
    by_picture: dict[tuple[str, str], list[dict]] = {}
    for src in found:
        p = Path(src["path"])
        base = re.sub(r"[_-]\d{3,5}x\d{3,5}$", "", p.stem)
        by_picture.setdefault((str(p.parent), base), []).append(src)
    out = []
    for (_, base), group in by_picture.items():
        best = max(group, key=lambda s: Path(s["path"]).stat().st_size)
        out.append({"name": "bg-" + base if len(group) > 1 else best["name"], "path": best["path"]})
    return sorted(out, key=lambda s: s["path"])


def discover_sources() -> list[dict]:
    """``[{name, path}]``: one entry per distinct source photo found on this machine."""
    out: list[dict] = []
    bg = Path("/usr/share/backgrounds")
    if bg.is_dir():
        for p in sorted(bg.rglob("*")):
            if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"} and "screenshot" not in p.name:
                if p.stem.endswith("-d"):  # the dark twin of a "-l" wallpaper: another picture, same design
                    continue
                out.append({"name": "bg-" + p.stem, "path": str(p)})
        out = _one_size_each(out)
    for d in (Path("/usr/share/wallpapers"),):
        if d.is_dir():
            for p in sorted(d.rglob("*.jpg"))[:20]:
                out.append({"name": "wp-" + p.stem, "path": str(p)})
    if OCV.is_dir():
        for stem in OCV_PHOTOS:
            p = next(iter(sorted(OCV.glob(stem + ".*"))), None)
            if p:
                out.append({"name": "ocv-" + stem, "path": str(p)})
    try:
        import skimage

        data = Path(skimage.__file__).parent / "data"
        for stem in SKIMAGE_PHOTOS:
            p = next(iter(sorted(data.glob(stem + ".*"))), None)
            if p:
                out.append({"name": "sk-" + stem, "path": str(p)})
    except ImportError:
        print("scikit-image not installed: its sample photos are left out", file=sys.stderr)
    if FIXTURES.is_dir():
        for p in sorted(FIXTURES.glob("*.[jJ][pP][gG]")):
            if "corrupt" not in p.name and "invalid" not in p.name:
                out.append({"name": "cam-" + p.stem, "path": str(p)})
    return out


def load_rgb(path: str) -> Image.Image | None:
    """A source flattened to RGB (alpha on black), EXIF orientation applied; ``None`` if it cannot be read."""
    try:
        from PIL import ImageOps

        with Image.open(path) as im:
            im.load()
            im = ImageOps.exif_transpose(im)
            if im.mode in {"RGBA", "LA", "P"}:
                im = im.convert("RGBA")
                bg = Image.new("RGBA", im.size, (0, 0, 0, 255))
                return Image.alpha_composite(bg, im).convert("RGB")
            return im.convert("RGB")
    except Exception as exc:  # noqa: BLE001 - a source we cannot read is left out
        print(f"{path}: {exc}", file=sys.stderr)
        return None


def fit(img: Image.Image, long_side: int) -> Image.Image:
    """Downscale (never upscale) so the long side is at most ``long_side``."""
    w, h = img.size
    scale = long_side / max(w, h)
    if scale >= 1:
        return img
    return img.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.LANCZOS)


def crop_frac(img: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
    w, h = img.size
    return img.crop((round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom))))


def camera_exif(orientation: int | None = None, when: str = "2024:05:17 14:03:22") -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"  # Make
    exif[0x0110] = "Model 1"  # Model
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = when  # DateTimeOriginal
    return exif.tobytes()


def encode(img: Image.Image, fmt: str = "JPEG", quality: int = 85, exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    kw: dict = {"exif": exif} if exif else {}
    if fmt == "PNG":
        img.save(buf, "PNG", compress_level=6)
    else:
        img.save(buf, fmt, quality=quality, **kw)
    return buf.getvalue()


def decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB")


# Stored pixels for EXIF orientation o: display.transpose(STORE[o]); exif_transpose undoes it.
STORE = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}


def _font(size: int) -> ImageFont.ImageFont:
    for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        if Path(p).exists():
            return ImageFont.truetype(p, size)
    return ImageFont.load_default()


def phone_screenshot(img: Image.Image, rng: random.Random) -> Image.Image:
    """1080x2400 phone screenshot: status bar with clock and icons, dark chrome, the photo at full width."""
    w, h = 1080, 2400
    frame = Image.new("RGB", (w, h), (18, 18, 18))
    d = ImageDraw.Draw(frame)
    d.text((40, 22), f"1{rng.randint(0, 9)}:{rng.randint(10, 59)}", fill=(235, 235, 235), font=_font(40))
    for i in range(3):
        d.rectangle((w - 80 - 55 * i, 30, w - 50 - 55 * i, 62), fill=(235, 235, 235))
    d.text((40, 120), "< Photo", fill=(235, 235, 235), font=_font(44))
    pic = img.resize((w, max(1, round(img.height * w / img.width))), Image.Resampling.LANCZOS)
    if pic.height > h - 500:
        pic = fit(img, h - 500)
    frame.paste(pic, ((w - pic.width) // 2, (h - pic.height) // 2))
    for i in range(4):
        d.ellipse((150 + 230 * i, h - 150, 200 + 230 * i, h - 100), fill=(200, 200, 200))
    return frame


def desktop_screenshot(img: Image.Image, rng: random.Random) -> Image.Image:
    """1920x1080 desktop screenshot: top bar, window title bar, side panel, the photo letterboxed in a viewer."""
    w, h = 1920, 1080
    frame = Image.new("RGB", (w, h), (46, 52, 64))
    d = ImageDraw.Draw(frame)
    d.rectangle((0, 0, w, 32), fill=(20, 20, 20))
    d.text((12, 4), "Activities      Image Viewer", fill=(230, 230, 230), font=_font(18))
    d.rectangle((60, 60, w - 60, 110), fill=(225, 225, 225))
    d.text((80, 72), "IMG_20240517_140322.jpg - Image Viewer", fill=(30, 30, 30), font=_font(20))
    d.rectangle((60, 110, 330, h - 40), fill=(240, 240, 240))
    for i in range(12):
        d.text((80, 130 + 40 * i), f"Folder {i + 1}", fill=(60, 60, 60), font=_font(18))
    d.rectangle((330, 110, w - 60, h - 40), fill=(0, 0, 0))
    area = (w - 60 - 330, h - 40 - 110)
    scale = min(area[0] / img.width, area[1] / img.height)
    pic = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    frame.paste(pic, (330 + (area[0] - pic.width) // 2, 110 + (area[1] - pic.height) // 2))
    return frame


def white_balance(img: Image.Image, gains: tuple[float, float, float]) -> Image.Image:
    a = np.asarray(img, dtype=np.float32) * np.array(gains, dtype=np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def vignette(img: Image.Image, corner_gain: float) -> Image.Image:
    """R, G and B multiplied by a gain falling from 1 at the centre to ``corner_gain`` in the corners (with the
    square of the distance: a phone editor's vignette)."""
    w, h = img.size
    y, x = np.mgrid[0:h, 0:w]
    r2 = (((x - w / 2) / (w / 2)) ** 2 + ((y - h / 2) / (h / 2)) ** 2) / 2
    gain = (1 - (1 - corner_gain) * r2).astype(np.float32)
    return Image.fromarray(np.clip(np.asarray(img, np.float32) * gain[..., None], 0, 255).astype(np.uint8))


def sepia(img: Image.Image) -> Image.Image:
    m = np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]], np.float32)
    return Image.fromarray(np.clip(np.asarray(img, np.float32) @ m.T, 0, 255).astype(np.uint8))


def faded(img: Image.Image, lift: int) -> Image.Image:
    lut = [round(lift + v * (255 - lift) / 255) for v in range(256)] * 3
    return ImageEnhance.Color(img).enhance(0.7).point(lut)


def filtered(wa: Image.Image, rng: random.Random) -> Image.Image:
    """One phone editor's filter of the whole picture (the ``filter`` variant)."""
    kind = rng.choice(["bw", "sepia", "vignette", "vignette-warm", "faded-vignette"])
    if kind == "bw":
        return wa.convert("L").convert("RGB")
    if kind == "sepia":
        return sepia(wa)
    corner = rng.uniform(0.5, 0.7)
    if kind == "vignette":
        return vignette(wa, corner)
    if kind == "vignette-warm":
        return white_balance(vignette(wa, corner), rng.choice([(1.08, 1.0, 0.9), (1.1, 1.02, 0.85)]))
    return vignette(faded(wa, rng.randint(20, 40)), corner)


def same_variants(img: Image.Image, rng: random.Random, name: str = "") -> dict[str, bytes]:
    """The "same picture" variants of one source picture, by file name."""
    out: dict[str, bytes] = {}
    out["orig.jpg"] = encode(fit(img, 4032), quality=92, exif=camera_exif())
    wa = fit(img, 1600)
    wa_bytes = encode(wa, quality=75)
    out["wa.jpg"] = wa_bytes
    out["wa2.jpg"] = encode(fit(decoded(wa_bytes), 1600), quality=75)
    out["mail.jpg"] = encode(fit(img, 1280), quality=70)
    out["png.png"] = encode(decoded(wa_bytes), "PNG")
    out["webp.webp"] = encode(wa, "WEBP", quality=80)
    o = rng.choice(sorted(STORE))
    out["exifrot.jpg"] = encode(wa.transpose(STORE[o]), quality=85, exif=camera_exif(o))
    for deg, tr in ((90, Image.Transpose.ROTATE_270), (180, Image.Transpose.ROTATE_180),
                    (270, Image.Transpose.ROTATE_90)):  # turned clockwise by deg
        out[f"rot{deg}.jpg"] = encode(wa.transpose(tr), quality=85)
    sides = [rng.uniform(0.02, 0.15) for _ in range(4)]
    out["crop.jpg"] = encode(fit(crop_frac(img, *sides), 1600), quality=80)
    f = rng.choice([0.75, 0.8, 0.9, 1.1, 1.2, 1.25])
    c = rng.choice([0.8, 0.9, 1.1, 1.2])
    out["bright.jpg"] = encode(ImageEnhance.Contrast(ImageEnhance.Brightness(wa).enhance(f)).enhance(c), quality=85)
    gains = rng.choice([(1.12, 1.0, 0.85), (0.88, 1.0, 1.15), (1.08, 1.04, 0.9)])
    out["colour.jpg"] = encode(white_balance(ImageEnhance.Color(wa).enhance(rng.choice([0.6, 1.4])), gains),
                               quality=85)
    out["filter.jpg"] = encode(filtered(wa, random.Random(f"{name}~filter")), quality=85)
    shot = phone_screenshot(wa, rng)
    out["shotphone.png"] = encode(shot, "PNG")
    out["shotdesk.png"] = encode(desktop_screenshot(wa, rng), "PNG")
    out["shotwa.jpg"] = encode(fit(shot, 1600), quality=75)
    return out


def _changes(region: Image.Image, patch: Image.Image) -> bool:
    """Whether pasting ``patch`` over ``region`` changes what one sees somewhere in it (a patch of black cloned
    onto black changes no pixel: such a copy is not an edited copy)."""
    d = np.abs(np.asarray(region.convert("L"), np.int16) - np.asarray(patch.convert("L"), np.int16))
    return float(np.percentile(d, 99)) >= VISIBLE_CHANGE


def _changing_patch(wa: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The patch, from a fixed grid of places (no draw of the random generator, so the rest of the corpus stays as
    it was), that differs most from the region it will cover."""
    w, h = wa.size
    bw, bh = box[2] - box[0], box[3] - box[1]
    region = wa.crop(box)
    best, best_d = None, -1.0
    for fx in np.linspace(0.0, 1.0, 9):
        for fy in np.linspace(0.0, 1.0, 9):
            x, y = round(fx * (w - bw)), round(fy * (h - bh))
            patch = wa.crop((x, y, x + bw, y + bh))
            d = np.abs(np.asarray(region.convert("L"), np.int16) - np.asarray(patch.convert("L"), np.int16)).mean()
            if d > best_d:
                best, best_d = patch, float(d)
    return best


def edited_variants(img: Image.Image, rng: random.Random) -> dict[str, tuple[bytes, list[float]]]:
    """Edited copies of the WhatsApp copy: file name -> (bytes, changed region in % left, top, right, bottom)."""
    wa = fit(img, 1600)
    w, h = wa.size
    out = {}
    for kind in EDITS:
        e = wa.copy()
        d = ImageDraw.Draw(e)
        fw, fh = rng.uniform(0.12, 0.22), rng.uniform(0.12, 0.22)
        x0, y0 = rng.uniform(0.05, 0.95 - fw), rng.uniform(0.05, 0.95 - fh)
        box = (round(x0 * w), round(y0 * h), round((x0 + fw) * w), round((y0 + fh) * h))
        if kind == "sticker":
            d.ellipse(box, fill=(250, 210, 40), outline=(90, 50, 0), width=max(2, w // 200))
            cx, cy, r = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2, (box[2] - box[0]) // 6
            d.ellipse((cx - 2 * r, cy - r, cx - r, cy), fill=(40, 30, 20))
            d.ellipse((cx + r, cy - r, cx + 2 * r, cy), fill=(40, 30, 20))
        elif kind == "caption":
            box = (0, round(h * y0), w, round(h * (y0 + 0.09)))
            d.rectangle(box, fill=(0, 0, 0))
            d.text((w // 20, box[1] + (box[3] - box[1]) // 5), "Schade aan de keuken!", fill=(255, 255, 255),
                   font=_font(max(12, (box[3] - box[1]) * 3 // 5)))
        elif kind == "drawn":
            pts = [(box[0] + rng.random() * (box[2] - box[0]), box[1] + rng.random() * (box[3] - box[1]))
                   for _ in range(8)]
            d.line(pts, fill=(255, 0, 0), width=max(3, w // 150))
            d.text((box[0], box[1]), "HIER", fill=(255, 0, 0), font=_font(max(12, (box[3] - box[1]) // 3)))
        else:  # replaced: a patch cloned from another place of the picture
            sx = rng.uniform(0.05, 0.95 - fw)
            sy = (y0 + 0.5) % (0.9 - fh) + 0.05
            patch = wa.crop((round(sx * w), round(sy * h), round(sx * w) + box[2] - box[0],
                             round(sy * h) + box[3] - box[1]))
            if not _changes(wa.crop(box), patch):
                patch = _changing_patch(wa, box)
            e.paste(patch, box[:2])
        region = [100 * box[0] / w, 100 * box[1] / h, 100 * box[2] / w, 100 * box[3] / h]
        out[f"{kind}.jpg"] = (encode(e, quality=80), region)
    return out


def video_frames(name: str, path: Path, rng: random.Random) -> list[tuple[Image.Image, Image.Image, float]]:
    """Pairs of real frames a fraction of a second apart: ``(first, second, seconds apart)``."""
    import cv2

    tmp = None
    if path.suffix == ".gz":
        tmp = tempfile.NamedTemporaryFile(suffix=".mp4", delete=False)
        tmp.write(gzip.decompress(path.read_bytes()))
        tmp.close()
        path = Path(tmp.name)
    cap = cv2.VideoCapture(str(path))
    fps = cap.get(cv2.CAP_PROP_FPS) or 25.0
    frames = []
    while True:
        ok, fr = cap.read()
        if not ok:
            break
        frames.append(fr)
    cap.release()
    if tmp:
        Path(tmp.name).unlink()
    pairs = []
    n = len(frames)
    for k in range(4):
        i = int(n * (0.1 + 0.2 * k))
        gap = max(1, round(fps * rng.uniform(0.1, 0.4)))
        if i + gap < n:
            a, b = (Image.fromarray(frames[j][:, :, ::-1].copy()) for j in (i, i + gap))
            pairs.append((a, b, gap / fps))
    return pairs


def pan_windows(img: Image.Image, rng: random.Random) -> list[Image.Image]:
    """Two frames of a pan without roll: the camera turned 3-6 degrees about its vertical axis between them
    (a perspective change, no parallax), each with its own sensor noise (sigma 2 grey levels), 85 % windows.
    A stand-in made from a still photo: a real pan also has parallax and motion; this has neither."""
    import cv2

    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape[:2]
    f = 0.8 * w  # focal length of a phone's main camera, in pixels (about 65 degrees across)
    k = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]])
    yaw = np.radians(rng.uniform(3.0, 6.0)) * rng.choice([-1, 1])
    out = []
    for angle in (-yaw / 2, yaw / 2):
        r = np.array([[np.cos(angle), 0, np.sin(angle)], [0, 1, 0], [-np.sin(angle), 0, np.cos(angle)]])
        hm = k @ r @ np.linalg.inv(k)
        warped = cv2.warpPerspective(a, hm, (w, h), flags=cv2.INTER_LINEAR)
        noisy = warped + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 2.0, warped.shape)
        frame = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
        out.append(crop_frac(frame, 0.075, 0.075, 0.075, 0.075))
    return out


class Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.items: list[dict] = []
        self.hard: list[dict] = []

    def group(self, group: str, files: dict[str, bytes], split: str, source: str) -> None:
        gdir = self.out / group
        gdir.mkdir(parents=True, exist_ok=True)
        for fname, data in files.items():
            (gdir / fname).write_bytes(data)
            self.items.append({"path": f"{group}/{fname}", "group": group, "variant": fname.split(".")[0],
                               "source": source, "split": split, "size": len(data)})


def capture_files(img: Image.Image, when: str) -> dict[str, bytes]:
    return {"orig.jpg": encode(fit(img, 4032), quality=92, exif=camera_exif(when=when)),
            "wa.jpg": encode(fit(img, 1600), quality=75)}


def build(out: Path, limit: int | None = None) -> dict:
    """Write the corpus and ``labels.json``; return the labels."""
    sources = discover_sources()
    if limit:
        sources = sources[:limit]
    if not sources:
        raise SystemExit("no source pictures: install scikit-image and/or the Debian wallpaper packages")
    out.mkdir(parents=True, exist_ok=True)
    wr = Writer(out)
    seen: set[str] = set()
    for src in sources:
        rng = random.Random(hashlib.sha256(src["name"].encode()).digest())
        img = load_rgb(src["path"])
        if img is None or min(img.size) < MIN_SIDE // 2:
            continue
        if ImageStat.Stat(img.convert("L").resize((64, 64))).stddev[0] < MIN_STDDEV:
            print(f"{src['name']}: left out (flat, not a photo)", file=sys.stderr)
            continue
        digest = hashlib.sha256(img.resize((16, 16)).tobytes()).hexdigest()
        if digest in seen:  # another rendition of a picture already taken
            continue
        seen.add(digest)
        split = split_of(src["name"])
        name = src["name"]
        wr.group(name, same_variants(img, rng, name), split, name)
        for fname, (data, region) in edited_variants(img, rng).items():
            g = f"{name}~{fname.split('.')[0]}"
            wr.group(g, {fname: data}, split, name)
            wr.hard.append({"a": name, "b": g, "why": "edited", "region": region})
        if min(img.size) >= MIN_SIDE and rng.random() < 0.5:
            groups = []
            for i, win in enumerate(pan_windows(img, rng)):
                g = f"{name}~pan{i}"
                wr.group(g, capture_files(win, f"2024:05:17 14:03:2{3 + i}"), split, name)
                groups.append(g)
                # each frame is also another view of the photo itself (the camera turned by half the pan)
                wr.hard.append({"a": name, "b": g, "why": "pan"})
            wr.hard.append({"a": groups[0], "b": groups[1], "why": "pan"})
        print(f"{name} ({split})", file=sys.stderr)
    for why, a, b in PAIRS:
        pa, pb = OCV / a, OCV / b
        if not (pa.exists() and pb.exists()):
            continue
        name = "ocvpair-" + Path(a).stem
        split = split_of(name)
        for tag, p in (("a", pa), ("b", pb)):
            img = load_rgb(str(p))
            if img is not None:
                wr.group(f"{name}~{tag}", capture_files(img, "2024:05:17 14:03:22"), split, name)
        wr.hard.append({"a": f"{name}~a", "b": f"{name}~b", "why": why})
    for vname, path in VIDEOS:
        if not path.exists():
            continue
        rng = random.Random(vname)
        for k, (a, b, dt) in enumerate(video_frames(vname, path, rng)):
            name = f"video-{vname}-{k}"
            split = split_of(name)
            wr.group(f"{name}~a", capture_files(a, "2024:05:17 14:03:22"), split, name)
            wr.group(f"{name}~b", capture_files(b, "2024:05:17 14:03:22"), split, name)
            wr.hard.append({"a": f"{name}~a", "b": f"{name}~b", "why": "burst", "seconds": round(dt, 3)})
    labels = {"items": wr.items, "hard_negatives": wr.hard}
    (out / "labels.json").write_text(json.dumps(labels, indent=1))
    return labels


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--limit", type=int, default=None, help="only the first N sources (quick runs)")
    args = ap.parse_args(argv)
    labels = build(args.out, args.limit)
    groups = {i["group"] for i in labels["items"]}
    print(f"{len(labels['items'])} files, {len(groups)} groups, "
          f"{len(labels['hard_negatives'])} hard-negative group pairs -> {args.out}")


if __name__ == "__main__":
    main()
