"""Build the labelled duplicate-detection corpus under ``bench/out/dedup/corpus``.

Sources are real pictures nobody here made: the Debian wallpaper packages (if installed) and the sample photos
bundled in the scikit-image wheel. Each source picture becomes one *true group* of "same picture" variants, made
the way WhatsApp, e-mail clients and phones treat a photo:

=========  ===================================================================================
orig       camera-original stand-in: long side <= 4032, JPEG q92, EXIF capture date and camera
wa         WhatsApp: long side 1600, JPEG q75, EXIF stripped
mail       e-mail "medium": long side 1280, JPEG q70
crop       a few % cropped (1-3 % per side, asymmetric), long side 1600, JPEG q80
png        the WhatsApp copy re-saved as PNG
rot        pixels stored rotated with an EXIF orientation tag (3, 6 or 8) that undoes it, JPEG q85
fwd        cropped 2 %, then forwarded twice (JPEG q72 at 1600 px, then q78 at 1280 px)
=========  ===================================================================================

Hard negatives (pairs of true groups that must never be merged as "same"):

* ``burst``: two groups per photo, each an 85 % x 85 % window of the source moved towards opposite corners (the
  frame moves 15 % between them, 7.5 % or more from the full picture), each with ``orig`` and ``wa`` copies;
* ``daynight``: light/dark (or colour-scheme) variants shipped together by a wallpaper package;
* ``stereo``: scikit-image's left/right motorcycle views.

Run: ``python bench/dedup/build_corpus.py [--out DIR] [--limit N]``. The corpus is deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageStat

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "bench" / "out" / "dedup" / "corpus"

# Files that are other sizes of a picture already taken (the packages ship several renditions).
SKIP_NAMES = {"Elephants_3840x2160.jpg", "Elephants_5640x3172.jpg", "screenshot.png", "screenshot.jpg"}
# Families of day/night or colour-scheme variants: (family name, [file name fragments]).
MATE_FAMILIES = [
    ("mate-stripes", ["MATE-Stripes-Light", "MATE-Stripes-Dark"]),
    ("ubuntu-mate", ["Ubuntu-Mate-Warm", "Ubuntu-Mate-Cold", "Ubuntu-Mate-Dark", "Ubuntu-Mate-Radioactive"]),
]
MIN_STDDEV = 4.0  # sources flatter than this (plain tiles, near-uniform overlays) are not photos
SKIMAGE_PHOTOS = [
    "astronaut",
    "brick",
    "camera",
    "cell",
    "chelsea",
    "clock_motion",
    "coffee",
    "coins",
    "color",
    "grass",
    "gravel",
    "hubble_deep_field",
    "ihc",
    "logo",
    "moon",
    "page",
    "retina",
    "rocket",
    "text",
]
SKIMAGE_STEREO = ["motorcycle_left", "motorcycle_right"]


def discover_sources() -> list[dict]:
    """Return ``[{name, path, family}]``: one entry per distinct source picture found on this machine."""
    out: list[dict] = []
    bg = Path("/usr/share/backgrounds")
    if bg.is_dir():
        for p in sorted(bg.glob("*")):
            if p.suffix.lower() in {".jpg", ".jpeg", ".png"} and p.name not in SKIP_NAMES:
                out.append({"name": "bg-" + p.stem, "path": str(p), "family": None})
        for p in sorted((bg / "gnome").glob("*.webp")):
            stem = p.stem
            family = "gnome-" + stem[:-2] if stem[-2:] in {"-l", "-d"} else None
            out.append({"name": "gnome-" + stem, "path": str(p), "family": family})
        for p in sorted((bg / "mate").glob("*/*")):
            if p.suffix.lower() not in {".jpg", ".png"} or p.name in SKIP_NAMES:
                continue
            family = next((f for f, parts in MATE_FAMILIES if any(x in p.name for x in parts)), None)
            out.append({"name": "mate-" + p.stem, "path": str(p), "family": family})
    wp = Path("/usr/share/wallpapers")
    if wp.is_dir():
        for d in sorted(wp.iterdir()):
            light, dark = _largest(d / "contents" / "images"), _largest(d / "contents" / "images_dark")
            family = "plasma-" + d.name if light and dark else None
            for tag, p in (("", light), ("-dark", dark)):
                if p:
                    out.append({"name": f"plasma-{d.name}{tag}", "path": str(p), "family": family})
    try:
        import skimage

        data = Path(skimage.__file__).parent / "data"
        for stem in SKIMAGE_PHOTOS + SKIMAGE_STEREO:
            p = next(iter(sorted(data.glob(stem + ".*"))), None)
            if p:
                family = "skimage-stereo" if stem in SKIMAGE_STEREO else None
                out.append({"name": "sk-" + stem, "path": str(p), "family": family})
    except ImportError:
        print("scikit-image not installed: its sample photos are left out", file=sys.stderr)
    return out


def _largest(folder: Path) -> Path | None:
    files = [p for p in folder.glob("*") if p.suffix.lower() in {".jpg", ".png"}] if folder.is_dir() else []
    return max(files, key=lambda p: p.stat().st_size, default=None)


def load_rgb(path: str) -> Image.Image:
    """Open a source and flatten it to RGB.

    Alpha is composited on black: several packaged wallpapers are white overlays whose pattern lives in alpha.
    """
    with Image.open(path) as im:
        im.load()
        if im.mode in {"RGBA", "LA", "P"}:
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (0, 0, 0, 255))
            return Image.alpha_composite(bg, im).convert("RGB")
        return im.convert("RGB")


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


def jpeg(img: Image.Image, quality: int, exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    kw = {"exif": exif} if exif else {}
    img.save(buf, "JPEG", quality=quality, **kw)
    return buf.getvalue()


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


# Stored pixels for EXIF orientation o: display.transpose(STORE[o]); exif_transpose undoes it.
STORE = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}


def same_variants(img: Image.Image, rng: random.Random) -> dict[str, bytes]:
    """The "same picture" variants of one source picture, by variant name (value: encoded file bytes)."""
    out: dict[str, bytes] = {}
    orig = fit(img, 4032)
    out["orig.jpg"] = jpeg(orig, 92, camera_exif())
    wa = fit(img, 1600)
    wa_bytes = jpeg(wa, 75)
    out["wa.jpg"] = wa_bytes
    out["mail.jpg"] = jpeg(fit(img, 1280), 70)
    sides = [rng.uniform(0.01, 0.03) for _ in range(4)]
    out["crop.jpg"] = jpeg(fit(crop_frac(img, *sides), 1600), 80)
    with Image.open(io.BytesIO(wa_bytes)) as decoded:
        out["png.png"] = png(decoded.convert("RGB"))
    o = rng.choice(sorted(STORE))
    out["rot.jpg"] = jpeg(fit(img, 1600).transpose(STORE[o]), 85, camera_exif(o))
    first = jpeg(fit(crop_frac(img, 0.02, 0.0, 0.0, 0.02), 1600), 72)
    with Image.open(io.BytesIO(first)) as decoded:
        out["fwd.jpg"] = jpeg(fit(decoded.convert("RGB"), 1280), 78)
    return out


def burst_windows(img: Image.Image, rng: random.Random) -> list[Image.Image]:
    """Two 85 % windows moved towards opposite corners: burst shots whose frame moved a lot."""
    corner = rng.choice([(0, 0), (1, 0)])
    a = crop_frac(img, 0.15 * corner[0], 0.0, 0.15 * (1 - corner[0]), 0.15)
    b = crop_frac(img, 0.15 * (1 - corner[0]), 0.15, 0.15 * corner[0], 0.0)
    return [a, b]


def build(out: Path, limit: int | None = None) -> dict:
    """Write the corpus and ``labels.json``; return the labels."""
    sources = discover_sources()
    if limit:
        sources = sources[:limit]
    if not sources:
        raise SystemExit("no source pictures: install scikit-image and/or the Debian wallpaper packages")
    out.mkdir(parents=True, exist_ok=True)
    items: list[dict] = []
    hard: list[dict] = []
    families: dict[str, list[str]] = {}
    for src in sources:
        rng = random.Random(hashlib.sha256(src["name"].encode()).digest())
        img = load_rgb(src["path"])
        if ImageStat.Stat(img.convert("L").resize((64, 64))).stddev[0] < MIN_STDDEV:
            print(f"{src['name']}: left out (flat, not a photo)", file=sys.stderr)
            continue
        groups = {src["name"]: same_variants(img, rng)}
        if min(img.size) >= 400 and src["family"] is None:
            for i, win in enumerate(burst_windows(img, rng)):
                groups[f"{src['name']}~burst{i}"] = {
                    "orig.jpg": jpeg(fit(win, 4032), 92, camera_exif(when=f"2024:05:17 14:03:2{3 + i}")),
                    "wa.jpg": jpeg(fit(win, 1600), 75),
                }
            burst = [g for g in groups if "~burst" in g]
            hard += [{"a": src["name"], "b": g, "why": "burst"} for g in burst]
            hard.append({"a": burst[0], "b": burst[1], "why": "burst"})
        if src["family"]:
            families.setdefault(src["family"], []).append(src["name"])
        for group, files in groups.items():
            gdir = out / group
            gdir.mkdir(exist_ok=True)
            for fname, data in files.items():
                (gdir / fname).write_bytes(data)
                items.append(
                    {
                        "path": f"{group}/{fname}",
                        "group": group,
                        "variant": fname.split(".")[0],
                        "source": src["path"],
                        "size": len(data),
                    }
                )
        print(f"{src['name']}: {sum(len(f) for f in groups.values())} files", file=sys.stderr)
    for fam, names in families.items():
        why = "stereo" if fam.startswith("skimage-stereo") else "daynight"
        hard += [{"a": a, "b": b, "why": why} for i, a in enumerate(names) for b in names[i + 1 :]]
    labels = {"items": items, "hard_negatives": hard}
    (out / "labels.json").write_text(json.dumps(labels, indent=1))
    return labels


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--limit", type=int, default=None, help="only the first N sources (quick runs)")
    args = ap.parse_args(argv)
    labels = build(args.out, args.limit)
    groups = {i["group"] for i in labels["items"]}
    print(
        f"{len(labels['items'])} files, {len(groups)} true groups, "
        f"{len(labels['hard_negatives'])} hard-negative group pairs -> {args.out}"
    )


if __name__ == "__main__":
    main()
