"""Probe identity check: every field of ``probe_path`` / ``probe_bytes`` for a set of files, dumped by one checkout
and compared against another's dump (speed work on the probe must leave the bytes alone).

    PYTHONPATH=/tmp/probe-base python bench/probe_identity.py dump base.pkl DIR_OR_FILE...
    PYTHONPATH=.               python bench/probe_identity.py dump new.pkl  DIR_OR_FILE...
    python bench/probe_identity.py compare base.pkl new.pkl

Besides the files given, ``dump`` probes a set of generated edge cases made the same way in both runs (tiny and
thin pictures, grey, CMYK, palette, alpha and 16-bit pictures, every EXIF orientation, the probe bench's 12 MP
camera JPEGs). A rejection is recorded as its reason, so rejections must match too.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image


def _jpeg(img: Image.Image, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", **kw)
    return out.getvalue()


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def generated() -> list[tuple[str, bytes]]:
    rng = np.random.default_rng(7)
    cases: list[tuple[str, bytes]] = []

    def photo(w: int, h: int) -> Image.Image:
        y, x = np.mgrid[0:h, 0:w]
        base = np.stack([x * 255 // max(w, 1), y * 255 // max(h, 1), (x * y) % 256], -1)
        noise = rng.integers(-40, 40, (h, w, 3))
        return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))

    for w, h in [(1, 1), (2, 3), (7, 700), (700, 7), (31, 33), (129, 97), (399, 401), (400, 400), (511, 513),
                 (512, 384), (513, 385), (800, 600), (1023, 767), (1600, 1200), (2049, 1537), (3000, 4000),
                 (4032, 1816), (1080, 2400)]:
        img = photo(w, h)
        cases.append((f"gen_{w}x{h}.jpg", _jpeg(img, quality=88)))
        if w * h <= 1_000_000:
            cases.append((f"gen_{w}x{h}.png", _png(img)))
    # screenshot-like: a photo inside flat chrome bands
    shot = Image.new("RGB", (1080, 2400), (250, 250, 250))
    shot.paste(photo(1080, 810), (0, 700))
    shot.paste(Image.new("RGB", (1080, 90), (20, 20, 20)), (0, 0))
    cases.append(("gen_shot.png", _png(shot)))
    cases.append(("gen_shot.jpg", _jpeg(shot, quality=92)))
    cases.append(("gen_flat.jpg", _jpeg(Image.new("RGB", (640, 480), (128, 128, 128)))))
    cases.append(("gen_flat.png", _png(Image.new("RGB", (640, 480), (3, 200, 40)))))
    grey = photo(1200, 900).convert("L")
    cases.append(("gen_grey.jpg", _jpeg(grey, quality=90)))
    cases.append(("gen_grey.png", _png(grey)))
    cases.append(("gen_cmyk.jpg", _jpeg(photo(1000, 750).convert("CMYK"), quality=90)))
    cases.append(("gen_pal.png", _png(photo(600, 450).convert("P"))))
    rgba = photo(700, 500).convert("RGBA")
    rgba.putalpha(Image.fromarray(rng.integers(0, 256, (500, 700)).astype(np.uint8)))
    cases.append(("gen_rgba.png", _png(rgba)))
    cases.append(("gen_la.png", _png(photo(300, 500).convert("LA"))))
    deep = Image.fromarray((rng.integers(0, 65535, (400, 600))).astype(np.uint16))
    cases.append(("gen_16bit.png", _png(deep)))
    for orientation in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        cases.append((f"gen_orient{orientation}.jpg", _jpeg(photo(1600, 1200), quality=90, exif=exif.tobytes())))
        cases.append((f"gen_orient{orientation}_small.jpg", _jpeg(photo(300, 200), quality=90, exif=exif.tobytes())))
    data = _jpeg(photo(1600, 1200), quality=90)
    cases.append(("gen_cut.jpg", data[: len(data) * 2 // 3]))
    cases.append(("gen_zeroed.jpg", data[: len(data) * 2 // 3] + b"\0" * (len(data) // 3)))
    cases.append(("gen_greyend.jpg", data[: len(data) * 2 // 3] + b"\xff\xd9"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from probe_bench import camera_jpeg  # noqa: E402

    cases += [(f"gen_camera{seed}.jpg", camera_jpeg(seed)) for seed in range(4)]
    return cases


def record(result) -> dict:
    return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}


def dump(out: Path, roots: list[str]) -> None:
    import desktop
    from desktop.core.errors import RejectedInput
    from desktop.media.probe import probe_bytes, probe_path

    print("desktop from", desktop.__file__, file=sys.stderr)
    files = []
    for root in roots:
        p = Path(root)
        files += sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
    results: dict[str, object] = {}
    t = time.process_time()
    for path in files:
        try:
            results[str(path)] = record(probe_path(path))
        except RejectedInput as exc:
            results[str(path)] = ("rejected", str(exc))
    for name, data in generated():
        try:
            results[name] = record(probe_bytes(data, name))
        except RejectedInput as exc:
            results[name] = ("rejected", str(exc))
    print(f"{len(results)} probed in {time.process_time() - t:.1f} s CPU", file=sys.stderr)
    out.write_bytes(pickle.dumps(results))


def compare(a: Path, b: Path) -> int:
    base, new = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    bad = 0
    if base.keys() != new.keys():
        print("different file sets:", sorted(base.keys() ^ new.keys())[:10])
        bad += 1
    kinds: dict[str, int] = {}
    for key in sorted(base.keys() & new.keys()):
        x, y = base[key], new[key]
        if isinstance(x, dict):
            kinds[str(x.get("format"))] = kinds.get(str(x.get("format")), 0) + 1
        else:
            kinds["rejected"] = kinds.get("rejected", 0) + 1
        if x != y:
            bad += 1
            if isinstance(x, dict) and isinstance(y, dict):
                fields = [k for k in x if x[k] != y.get(k)]
                print(f"DIFF {key}: {fields}")
            else:
                print(f"DIFF {key}: {x!r:.100} != {y!r:.100}")
    print(f"{len(base)} results compared ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}): "
          + ("all identical" if not bad else f"{bad} differ"))
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), sys.argv[3:])
    elif sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        raise SystemExit(__doc__)
