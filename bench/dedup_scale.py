"""Time duplicate grouping of one large case (5,000 and 20,000 items) before and after candidate pruning.

    python bench/dedup_scale.py [--sizes 5000 20000] [--before-up-to 5000] [--before-rev 20a36f9] [--write]

Items are realistic fingerprints: ``image_fingerprint`` of pictures cut from the dedup corpus's source photos
(``python bench/dedup/build_corpus.py`` first). Each *scene* is a window of 25-60 % of a source, in one of the 8
orientations, brightness +-15 %; a case of N items holds about 0.8 N scenes and, per scene, sometimes a WhatsApp
copy (resized, JPEG q70-80), an e-mail copy cropped 1-3 %, a burst of 1-3 shots whose frame moved 3-10 %, or an
exact copy. Windows of one source overlap, so unrelated scenes are sometimes "similar" too, as re-takes are.
Fingerprints are cached under ``bench/out/dedup/scale/`` (about 1 minute for 20,000 on 2 CPUs the first time).

Timed, in CPU seconds (``time.process_time``), each on the same items:

* ``before``: ``group_duplicates`` of the engine at ``--before-rev`` (git), all pairs; only up to
  ``--before-up-to`` items (it is quadratic: ~3 min at 5,000); larger sizes print a quadratic extrapolation;
* ``core``: ``group_duplicates`` alone (lossless colour index in pure Python);
* ``app``: what ``services.duplicates`` runs: numpy candidates (``image_candidates``) + ``group_duplicates``.

Groups are checked identical between all variants that ran. ``--write`` puts the table in bench/dedup/SCALE.md.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import random
import subprocess
import sys
import time
import types
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageEnhance, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.dedup import DEFAULT, DupCandidate, group_duplicates  # noqa: E402
from desktop.media.fingerprint import image_fingerprint  # noqa: E402

CORPUS = ROOT / "bench" / "out" / "dedup" / "corpus"
CACHE = ROOT / "bench" / "out" / "dedup" / "scale"
RESULTS = ROOT / "bench" / "dedup" / "SCALE.md"
SOURCE_SIDE = 1024  # sources are kept at this long side
PHOTO_SIDE = 512  # what the probe hands the fingerprint (long side >= 512)
_SOURCES: list[Image.Image] = []


def _load_sources() -> None:
    labels = json.loads((CORPUS / "labels.json").read_text())
    paths = sorted({it["path"] for it in labels["items"] if it["variant"] == "orig" and "~" not in it["group"]})
    for p in paths:
        with Image.open(CORPUS / p) as im:
            im.draft("RGB", (SOURCE_SIDE, SOURCE_SIDE))
            im = ImageOps.exif_transpose(im).convert("RGB")
            im.thumbnail((SOURCE_SIDE, SOURCE_SIDE))
            _SOURCES.append(im)


def _render(src: Image.Image, win: tuple[float, float, float, float], turn: int, bright: float) -> Image.Image:
    w, h = src.size
    x, y, fw, fh = win
    x, y = min(max(x, 0.0), 1 - fw), min(max(y, 0.0), 1 - fh)
    pic = src.crop((round(x * w), round(y * h), round((x + fw) * w), round((y + fh) * h)))
    if turn:
        pic = pic.transpose(list(Image.Transpose)[turn - 1])
    pic = ImageEnhance.Brightness(pic).enhance(bright)
    pic.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
    return pic


def _reencode(pic: Image.Image, scale: float, quality: int) -> Image.Image:
    small = pic.resize((max(8, round(pic.width * scale)), max(8, round(pic.height * scale))))
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=quality)
    with Image.open(io.BytesIO(buf.getvalue())) as im:
        return im.convert("RGB")


def _scene(seed: int) -> list[tuple[str, int | None, bytes | None, tuple[int, int]]]:
    """One scene: ``[(variant, phash, fingerprint, (width, height))]``; the first is the photo itself."""
    rng = random.Random(seed)
    src = _SOURCES[rng.randrange(len(_SOURCES))]
    fw, fh = rng.uniform(0.25, 0.6), rng.uniform(0.25, 0.6)
    win = (rng.uniform(0, 1 - fw), rng.uniform(0, 1 - fh), fw, fh)
    turn, bright = rng.randrange(8), rng.uniform(0.85, 1.15)
    pic = _render(src, win, turn, bright)
    out = [("photo", *image_fingerprint(pic), pic.size)]
    r = rng.random()
    if r < 0.12:
        copy = _reencode(pic, rng.uniform(0.5, 0.7), rng.randrange(70, 81))
        out.append(("whatsapp", *image_fingerprint(copy), copy.size))
    elif r < 0.17:
        c = [rng.uniform(0.01, 0.03) for _ in range(4)]
        cropped = pic.crop((round(pic.width * c[0]), round(pic.height * c[1]),
                            round(pic.width * (1 - c[2])), round(pic.height * (1 - c[3]))))
        copy = _reencode(cropped, 0.8, 70)
        out.append(("email", *image_fingerprint(copy), copy.size))
    elif r < 0.27:
        for _ in range(rng.randint(1, 3)):
            move = rng.uniform(0.03, 0.10)
            shot = (win[0] + rng.choice((-1, 1)) * move * fw, win[1] + rng.uniform(-move, move) * fh, fw, fh)
            b = _render(src, shot, turn, bright * rng.uniform(0.97, 1.03))
            out.append(("burst", *image_fingerprint(b), b.size))
    elif r < 0.31:
        out.append(("exact", None, None, pic.size))
    return out


def fingerprints(n: int, seed: int = 1) -> list[tuple[str, int | None, bytes | None, tuple[int, int]]]:
    """``n`` items of generated scenes (cached)."""
    path = CACHE / f"items-{n}-{seed}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    items: list = []
    with get_context("spawn").Pool(2, initializer=_load_sources) as pool:
        start = seed * 10_000_000
        while len(items) < n:
            for scene in pool.map(_scene, range(start, start + 1000), chunksize=25):
                items += scene
            start += 1000
    items = items[:n]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(items))
    return items


def candidates(n: int, seed: int = 1) -> list[DupCandidate]:
    """The generated items as the services layer would hand them to the engine."""
    rng = random.Random(seed)
    out: list[DupCandidate] = []
    for i, (variant, phash, fp, (w, h)) in enumerate(fingerprints(n, seed)):
        if variant == "exact":
            prev = out[-1]
            out.append(DupCandidate(str(i), prev.sha256, "image", prev.phash, prev.fingerprint, prev.width,
                                    prev.height, prev.size, prev.has_exif, None))
            continue
        camera = variant in ("photo", "burst")
        scale = 8 if camera else 3
        size = rng.randrange(2_000_000, 6_000_000) if camera else rng.randrange(80_000, 400_000)
        sha = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()
        out.append(DupCandidate(str(i), sha, "image", phash, fp, w * scale, h * scale, size,
                                camera and rng.random() < 0.6, None))
    return out


def engine_at(rev: str) -> types.ModuleType:
    """``desktop.core.dedup`` as it was at git revision ``rev``."""
    source = subprocess.run(["git", "show", f"{rev}:desktop/core/dedup.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    module = types.ModuleType(f"dedup_{rev}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{rev}:desktop/core/dedup.py", "exec"), module.__dict__)
    return module


def timed(fn) -> tuple[object, float, float]:
    """``fn()``, its CPU seconds (all threads of this process) and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def as_tuples(groups) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(g.kind, g.keeper, tuple(g.members)) for g in groups]


def main(argv: list[str] | None = None) -> None:
    from desktop.services.duplicates import image_candidates

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--before-up-to", type=int, default=5000, help="run the old engine up to this many items")
    ap.add_argument("--core-up-to", type=int, default=5000, help="run the engine without candidates up to this")
    ap.add_argument("--before-rev", default="20a36f9", help="git revision of the engine before pruning")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", action="store_true", help=f"write the table to {RESULTS.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    old = engine_at(args.before_rev)
    rows, before_rate = [], None
    for n in args.sizes:
        cands = candidates(n, args.seed)

        def app(cands: list[DupCandidate] = cands) -> list:
            near = image_candidates(cands, DEFAULT)
            return group_duplicates(cands, candidates=lambda item: near.get(item.key, ()))

        groups, app_cpu, app_wall = timed(app)
        near, cand_cpu, _ = timed(lambda cands=cands: image_candidates(cands, DEFAULT))
        pairs = sum(len(v) for v in near.values())
        row = {"n": n, "app": app_cpu, "app_wall": app_wall, "candidates": cand_cpu, "pairs": pairs,
               "groups": {k: sum(g.kind == k for g in groups) for k in ("exact", "same", "similar")}}
        if n <= args.core_up_to:
            core, row["core"], _ = timed(lambda cands=cands: group_duplicates(cands))
            assert as_tuples(core) == as_tuples(groups), "core index and numpy candidates disagree"
        if n <= args.before_up_to:
            olds = [old.DupCandidate(**c.__dict__) for c in cands]
            ref, row["before"], _ = timed(lambda olds=olds: old.group_duplicates(olds))
            row["identical"] = as_tuples(ref) == as_tuples(groups)
            before_rate = (n, row["before"])
        elif before_rate:
            row["before_est"] = before_rate[1] * (n / before_rate[0]) ** 2
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    lines = [
        "| items | before: all pairs | after: numpy candidates + grouping (wall) | of which candidates "
        "| engine alone (pure-Python colour index) | candidate pairs | groups exact / same / similar "
        "| identical to before |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        before = f"{r['before']:.1f} s" if "before" in r else (
            f"~{r['before_est']:.0f} s (extrapolated, quadratic)" if "before_est" in r else "not run")
        core = f"{r['core']:.2f} s" if "core" in r else "not run"
        g = r["groups"]
        same = {True: "yes", False: "NO"}.get(r.get("identical"), "not run")
        lines.append(f"| {r['n']:,} | {before} | {r['app']:.2f} s ({r['app_wall']:.2f} s) | {r['candidates']:.2f} s "
                     f"| {core} | {r['pairs']:,} | {g['exact']} / {g['same']} / {g['similar']} | {same} |")
    command = "python bench/dedup_scale.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    text = "\n".join(lines) + (
        f"\n\nCPU seconds (`time.process_time`, every thread of the process: numpy's BLAS uses both CPUs, wall "
        f"clock in brackets). Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python "
        f"{sys.version.split()[0]}. Before: the engine at git {args.before_rev}.\n")
    print(text)
    if args.write:
        RESULTS.write_text(f"# Duplicate grouping at scale\n\nCommand (from the repository root): `{command}`\n\n"
                           f"{chr(10).join(__doc__.split(chr(10))[4:]).strip()}\n\n{text}")

if __name__ == "__main__":
    main()
