"""Cross-check of the "same picture" engine with copies made by another toolchain: ImageMagick instead of Pillow/OpenCV.

``build_corpus.py`` makes every variant of the benchmark with Pillow and OpenCV. This script takes the camera
originals (variant ``orig``) of the corpus's **held-out** sources only, makes per source the kinds of copies the
issue calls "the same picture" with ImageMagick's ``convert`` (a subprocess; Pillow makes none of them), plus two
edited copies that must come out ``edited`` with their region, and runs the engine on them exactly as
``evaluate.py`` does: ``probe_path`` on every file (two worker processes, ``evaluate.probe_all``),
``evaluate.candidates_of``, ``desktop.media.register.group_pictures``: once per source (its files, with the
corpus's own pan frames of that source as hard negatives where it has them) and once with all sources together in
one case (with the held-out part's pans, bursts, viewpoint and before/after groups), so that precision means
something.

Scored per variant: pair recall against the source's original (both in one ``exact``/``same`` cluster, resolved
through keepers as ``evaluate.score`` does); for a miss, what the direct proof of (original, copy) says and which
step failed: no candidate pair (phash distance over ``CANDIDATE_BITS``), no registration (``register`` returns
``None``), the tiles disagree (the verdict's fields), or the proof says ``same`` and the grouping still split them.
Nothing here is tuned: the engine runs as it is.

Run: ``python bench/dedup/toolchain_check.py [--sources 40] [--out /tmp/h27/toolchain] [--write]``; ``--write``
writes bench/dedup/TOOLCHAIN.md. ImageMagick 6 (``/usr/bin/convert``) or 7 (``magick``) must be installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import DEFAULT_CORPUS, SAME_KINDS, _overlap, _root, candidates_of, probe_all  # noqa: E402

from desktop.media.fingerprint import read_proof  # noqa: E402
from desktop.media.register import (  # noqa: E402
    ALIGNED_SHIFT,
    CANDIDATE_BITS,
    LOCAL_SHIFT,
    Prover,
    _compare,
    _pixel_aligned,
    _similarity,
    _unregistered_shift,
    candidate_pairs,
    features,
    group_pictures,
    register,
)

DEFAULT_OUT = Path("/tmp/h27/toolchain")
NOTES = "<!-- notes: kept by --write -->"
EDITED_VARIANTS = ("im_paint", "im_text")
# variant -> what it is (the table's second column)
VARIANTS = {
    "im_q70": "JPEG re-save q70, 4:2:0",
    "im_r1600": "Lanczos resize to 1600 long side (no upscale) + unsharp, q85",
    "im_r1600_x2": "that resize re-saved q75, then q60",
    "im_png": "PNG re-save (full size)",
    "im_webp": "WebP re-save q80 (full size)",
    "im_rot90": "-rotate 90, no EXIF",
    "im_rot270": "-rotate 270, no EXIF",
    "im_crop5": "centre crop, 5 % per side",
    "im_crop12": "centre crop, 12 % per side",
    "im_modulate": "-modulate 115,130 (brighter, more saturated)",
    "im_level": "-level 5%,95%",
    "im_gamma": "-gamma 1.3",
    "im_shotphone": "1080x2400 canvas, 60 px status bar with text, photo 1080 wide (PNG)",
    "im_shotdesk": "1920x1080 grey canvas, title bar with text, photo fit in 1200x900 (PNG)",
}
SUFFIX = {"im_png": ".png", "im_webp": ".webp", "im_shotphone": ".png", "im_shotdesk": ".png"}


def magick() -> list[str]:
    """The real ImageMagick command (this machine's /usr/local/bin/convert is a stand-in)."""
    if shutil.which("magick"):
        return ["magick"]
    if Path("/usr/bin/convert").exists():
        return ["/usr/bin/convert"]
    sys.exit("ImageMagick is not installed (apt-get install imagemagick)")


def _rng(name: str, salt: str) -> float:
    """A number in [0, 1) fixed by the source's name (no state, the same on every run)."""
    return int.from_bytes(hashlib.sha256(f"{name}/{salt}".encode()).digest()[:8], "big") / 2**64


def _size(im: list[str], path: Path) -> tuple[int, int]:
    ident = ["magick", "identify"] if im == ["magick"] else ["/usr/bin/identify"]
    out = subprocess.run([*ident, "-format", "%w %h", str(path)], check=True, capture_output=True,
                         text=True).stdout.split()
    return int(out[0]), int(out[1])


def commands(im: list[str], orig: Path, d: Path, name: str, w: int, h: int) -> tuple[list[list[str]], dict]:
    """The ImageMagick commands for one source (run in order: the x2 resave reads the resize) and the edited
    copies' true regions (% of the frame: left, top, right, bottom)."""
    o = str(orig)
    jpg = ["-strip", "-sampling-factor", "4:2:0"]
    cmds = [
        [*im, o, *jpg, "-quality", "70", str(d / "im_q70.jpg")],
        [*im, o, "-strip", "-filter", "Lanczos", "-resize", "1600x1600>", "-unsharp", "0x1.0+0.8+0.02", *jpg,
         "-quality", "85", str(d / "im_r1600.jpg")],
        [*im, o, "-strip", "-filter", "Lanczos", "-resize", "1600x1600>", "-unsharp", "0x1.0+0.8+0.02", *jpg,
         "-quality", "75", str(d / "_r1600_q75.jpg")],  # not scored: the first of the two re-saves
        [*im, str(d / "_r1600_q75.jpg"), *jpg, "-quality", "60", str(d / "im_r1600_x2.jpg")],
        [*im, o, "-strip", str(d / "im_png.png")],
        [*im, o, "-strip", "-quality", "80", str(d / "im_webp.webp")],
        [*im, o, "-rotate", "90", *jpg, "-quality", "92", str(d / "im_rot90.jpg")],
        [*im, o, "-rotate", "270", *jpg, "-quality", "92", str(d / "im_rot270.jpg")],
        [*im, o, "-gravity", "center", "-crop", "90%x90%+0+0", "+repage", *jpg, "-quality", "90",
         str(d / "im_crop5.jpg")],
        [*im, o, "-gravity", "center", "-crop", "76%x76%+0+0", "+repage", *jpg, "-quality", "90",
         str(d / "im_crop12.jpg")],
        [*im, o, "-modulate", "115,130", *jpg, "-quality", "90", str(d / "im_modulate.jpg")],
        [*im, o, "-level", "5%,95%", *jpg, "-quality", "90", str(d / "im_level.jpg")],
        [*im, o, "-gamma", "1.3", *jpg, "-quality", "90", str(d / "im_gamma.jpg")],
    ]
    dark = _rng(name, "phone") < 0.5
    bg, bar, ink = ("black", "#3a3a3a", "white") if dark else ("white", "#d2d2d2", "black")
    cmds.append([*im, "-size", "1080x2400", f"xc:{bg}", "(", o, "-strip", "-resize", "1080x", ")", "-gravity",
                 "center", "-composite", "(", "-size", "1080x60", f"xc:{bar}", "-font", "DejaVu-Sans", "-fill", ink,
                 "-pointsize", "30", "-gravity", "west", "-annotate", "+36+0", "14:07", "-gravity", "east",
                 "-annotate", "+36+0", "5G  87%", ")", "-gravity", "north", "-composite", str(d / "im_shotphone.png")])
    cmds.append([*im, "-size", "1920x1080", "xc:#9e9e9e", "(", o, "-strip", "-resize", "1200x900", ")", "-gravity",
                 "center", "-geometry", "+0+18", "-composite", "(", "-size", "1920x36", "xc:#2e3436", "-font",
                 "DejaVu-Sans", "-fill", "#eeeeec", "-pointsize", "18", "-gravity", "center", "-annotate", "+0+0",
                 f"{name}.jpg - Image Viewer", ")", "-gravity", "north", "-composite", str(d / "im_shotdesk.png")])
    # edited: a solid rectangle of ~8 % of the frame; drawn text filling a box of ~8 % of the frame
    regions = {}
    side = 0.283  # 0.283 ** 2 = 8 % of the frame
    for kind in EDITED_VARIANTS:
        fx = 0.05 + 0.62 * _rng(name, kind + "x")
        fy = 0.05 + 0.62 * _rng(name, kind + "y")
        x0, y0 = round(fx * w), round(fy * h)
        if kind == "im_paint":
            x1, y1 = x0 + round(side * w), y0 + round(side * h)
            colour = ("#d81b60", "#1e88e5", "#43a047", "#fdd835")[int(4 * _rng(name, "colour"))]
            cmds.append([*im, o, "-strip", "-fill", colour, "-draw", f"rectangle {x0},{y0},{x1 - 1},{y1 - 1}",
                         *jpg, "-quality", "85", str(d / "im_paint.jpg")])
        else:  # a wide box of the same area: text is wide
            bw, bh = round(0.40 * w), round(0.20 * h)
            x0 = min(x0, w - bw - 1)
            y0 = min(y0, h - bh - 1)
            x1, y1 = x0 + bw, y0 + bh
            cmds.append([*im, o, "-strip", "(", "-size", f"{bw}x{bh}", "-background", "none", "-font",
                         "DejaVu-Sans-Bold", "-fill", "white", "-stroke", "black", "-strokewidth",
                         str(max(1, bh // 40)), "-gravity", "center", "label:DAMAGE\\n12/05", ")",
                         "-gravity", "northwest", "-geometry", f"+{x0}+{y0}", "-composite", *jpg, "-quality", "85", str(d / "im_text.jpg")])
        regions[kind] = [100 * x0 / w, 100 * y0 / h, 100 * x1 / w, 100 * y1 / h]
    return cmds, regions


def _run(cmds: list[list[str]]) -> None:
    """One source's commands, in order, ImageMagick on one thread (two sources run at once)."""
    env = {**os.environ, "MAGICK_THREAD_LIMIT": "1", "OMP_NUM_THREADS": "1"}
    for cmd in cmds:
        subprocess.run(cmd, check=True, capture_output=True, env=env)


def make_variants(labels: dict, corpus: Path, out: Path, names: list[str], fresh: bool) -> tuple[dict, dict]:
    """ImageMagick copies of each source's original under ``out/<source>/``: ``{source: {variant: path}}`` and
    the edited copies' true regions ``{source: {variant: region}}``."""
    im = magick()
    files: dict[str, dict[str, Path]] = {}
    regions: dict[str, dict] = {}
    jobs = []
    for name in names:
        orig = corpus / name / "orig.jpg"
        d = out / name
        d.mkdir(parents=True, exist_ok=True)
        w, h = _size(im, orig)
        cmds, regions[name] = commands(im, orig, d, name, w, h)
        files[name] = {"orig": orig}
        for v in (*VARIANTS, *EDITED_VARIANTS):
            files[name][v] = d / f"{v}{SUFFIX.get(v, '.jpg')}"
        if fresh or not all(p.exists() for p in files[name].values()):
            jobs.append(cmds)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(_run, jobs))
    return files, regions


def _bits(x: int) -> int:
    return bin(x).count("1")


def phash_distance(a, b) -> int:
    """The smallest distance ``candidate_pairs`` takes between two candidates (either way round)."""
    pa, pb = read_proof(a.fingerprint), read_proof(b.fingerprint)

    def one(x, px, py, y):
        turned = (*py.turned_phashes, *py.zoomed_phashes, y.phash if y.phash is not None else py.turned_phashes[0])
        return min(_bits(px.turned_phashes[0] ^ t) for t in turned)

    return min(one(a, pa, pb, b), one(b, pb, pa, a))


def diagnose(a, b) -> dict:
    """Which step of the proof of copy ``b`` against original ``a`` fails."""
    out: dict = {"dist": phash_distance(a, b)}
    out["candidate"] = bool(candidate_pairs([a, b]))
    fa, fb = features(read_proof(a.fingerprint)), features(read_proof(b.fingerprint))
    fit = register(fa, fb) if fa is not None and fb is not None else None
    out["features"] = (len(fa.pts) if fa else 0, len(fb.pts) if fb else 0)
    if fit is None:
        out["registered"] = None
    else:
        s, ang = _similarity(fit[0])
        out["registered"] = {"inliers": fit[1], "scale": round(s, 3), "angle": round(ang, 1)}
    if fit is not None:  # the tile comparison alone, before ``prove``'s check of a copy at its own size
        c = _compare(a, b, fa, fb, *fit)
        out["compare"] = None if c is None else {"kind": c.kind, "spread": round(c.spread, 2), "moved": c.moved,
                                                 "disagreeing": round(c.disagreeing, 3)}
        out["pixel_aligned"] = _pixel_aligned(fa, fb, fit[0])
        if out["pixel_aligned"]:
            out["unregistered_shift"] = round(_unregistered_shift(fa, fb), 2)
    prover = Prover([a, b], processes=False)
    v = prover(a, b)
    prover.close()
    if v is not None:
        out["verdict"] = {"kind": v.kind, "disagreeing": round(v.disagreeing, 3), "tiles": v.tiles,
                          "noise": round(v.noise, 2), "worst": round(v.worst, 1), "outliers": round(v.outliers, 3),
                          "spread": round(v.spread, 2), "moved": v.moved, "inliers": v.inliers,
                          "region": [round(x, 1) for x in v.region] if v.region else None}
    else:
        out["verdict"] = None
    return out


def step_of(d: dict) -> str:
    if not d["candidate"]:
        return "no candidate"
    v = d["verdict"]
    if d["registered"] is None or v is None or v["kind"] == "unrelated":
        return "no registration"
    if v["kind"] == "same":
        return "grouping (proof says same)"
    c = d.get("compare") or {}
    if v["kind"] == "similar" and c.get("kind") == "same" and d.get("pixel_aligned"):
        return f"similar: unregistered shift > {ALIGNED_SHIFT}"
    if v["kind"] == "similar" and c.get("moved") and c.get("spread", 0) > LOCAL_SHIFT:
        return f"similar: local shift > {LOCAL_SHIFT}"
    if v["kind"] == "similar" and c.get("moved"):
        return "similar: perspective"
    if v["kind"] == "similar":
        return "similar: disagreeing tiles not one region"
    return f"tiles: {v['kind']}"


def score(groups, item_group: dict[str, str], item_variant: dict[str, str], orig_of: dict[str, str],
          regions: dict[str, list], hard: list[tuple[str, str, str]]) -> dict:
    """Per variant: hits against the source's original; edited copies found; hard negatives merged."""
    same_of: dict[str, str] = {}
    edited_of: dict[str, tuple[str, tuple | None]] = {}
    for g in groups:
        for m in g.members[1:]:
            if g.kind in SAME_KINDS:
                same_of.setdefault(m, g.keeper)
            if g.kind == "edited":
                edited_of[m] = (g.keeper, g.regions.get(m))
    cluster = {k: _root(same_of, k) for k in item_group}
    per_variant: dict[str, list] = defaultdict(list)  # variant -> [(key, hit)]
    for k, v in item_variant.items():
        if v in VARIANTS:
            per_variant[v].append((k, cluster[k] == cluster[orig_of[k]]))
    edited = defaultdict(lambda: [0, 0, 0, []])
    for k, v in item_variant.items():
        if v in EDITED_VARIANTS:
            e = edited[v]
            e[2] += 1
            got = edited_of.get(k)
            if got and item_group.get(got[0]) == item_group[orig_of[k]]:
                e[0] += 1
                if got[1] and _overlap(got[1], regions[k]):
                    e[1] += 1
            else:
                e[3].append(k)
            if cluster[k] == cluster[orig_of[k]]:
                e.append(("merged as same", k))
    # pairs across true groups put in one same cluster
    by_cluster = defaultdict(list)
    for k in item_group:
        by_cluster[cluster[k]].append(k)
    tp = fp = 0
    wrong = []
    for members in by_cluster.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if item_group[a] == item_group[b]:
                    tp += 1
                else:
                    fp += 1
                    wrong.append((a, b))
    members_of = defaultdict(list)
    for k, g in item_group.items():
        members_of[g].append(k)
    merged = Counter()
    total = Counter()
    for a, b, why in hard:
        total[why] += 1
        merged[why] += any(cluster[x] == cluster[y] for x in members_of[a] for y in members_of[b])
    return {"per_variant": per_variant, "edited": edited, "tp": tp, "fp": fp, "wrong": wrong,
            "hard": {w: (merged[w], total[w]) for w in total}}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the ImageMagick copies go (scratch)")
    ap.add_argument("--sources", type=int, default=40, help="held-out sources used (evenly spread over the list)")
    ap.add_argument("--fresh", action="store_true", help="make the copies again even where they exist")
    ap.add_argument("--no-together", action="store_true", help="skip the case with all sources together")
    ap.add_argument("--write", action="store_true", help="write bench/dedup/TOOLCHAIN.md")
    args = ap.parse_args(argv)
    labels = json.loads((args.corpus / "labels.json").read_text())
    held = [i for i in labels["items"] if i["split"] == "held-out"]
    by_group = defaultdict(list)
    for i in held:
        by_group[i["group"]].append(i)
    full = sorted(g for g, its in by_group.items() if any(i["variant"] == "rot90" for i in its))
    n = min(args.sources, len(full))
    names = [full[round(j * len(full) / n)] for j in range(n)] if n else []
    t0 = time.perf_counter()
    files, regions = make_variants(labels, args.corpus, args.out, names, args.fresh)
    t_make = time.perf_counter() - t0
    # hard negatives of the corpus itself (its files: orig and its WhatsApp copy): the pan frames of these sources;
    # for the case with all sources, also the part's bursts, other viewpoints and before/after pairs. Pairs with a
    # full source group are left out (labels.json pairs each pan frame with its photo too): the source's group here
    # is its original with the ImageMagick copies, and each pan frame is scored against it below.
    full_set = set(full)
    hard_groups = [h for h in labels["hard_negatives"] if h["why"] != "edited" and h["a"] in by_group
                   and h["b"] in by_group and h["a"] not in full_set and h["b"] not in full_set]
    pans_of = defaultdict(set)
    for g, its in by_group.items():
        if g not in full_set and "~pan" in g:
            pans_of[its[0]["source"]].add(g)
    extra_groups = {g for h in hard_groups for g in (h["a"], h["b"])} | {g for v in pans_of.values() for g in v}
    item_group: dict[str, str] = {}  # path -> true group
    item_variant: dict[str, str] = {}
    orig_of: dict[str, str] = {}
    region_of: dict[str, list] = {}
    for name in names:
        o = str(files[name]["orig"])
        for v, p in files[name].items():
            k = str(p)
            item_group[k] = name if v not in EDITED_VARIANTS else f"{name}~{v}"
            item_variant[k] = v
            orig_of[k] = o
            if v in EDITED_VARIANTS:
                region_of[k] = regions[name][v]
    for g in extra_groups:
        for i in by_group[g]:
            item_group[str(args.corpus / i["path"])] = g
            item_variant[str(args.corpus / i["path"])] = "corpus:" + i["variant"]
    t0 = time.perf_counter()
    cache = args.out / "probed.pickle"  # probe results of these very files (dropped with --fresh)
    if cache.exists() and not args.fresh:
        probed, probe_cpu = pickle.loads(cache.read_bytes())
    if not cache.exists() or args.fresh or set(probed) != set(item_group):
        probed, probe_cpu, _ = probe_all(sorted(item_group))
        cache.write_bytes(pickle.dumps((probed, probe_cpu)))
    t_probe = time.perf_counter() - t0
    errors = {p: r["error"] for p, r in probed.items() if "error" in r}
    slash = Path("/")
    key = {p: str(Path(p).relative_to(slash)) for p in item_group}  # candidates_of's keys, relative to "/"
    back = {v: k for k, v in key.items()}

    def run_case(paths: list[str]):
        cands = candidates_of(paths, probed, slash)
        made: dict = {}
        groups = group_pictures(cands, made=made)
        for g in groups:  # keys back to paths
            g.keeper = back[g.keeper]
            g.members = [back[m] for m in g.members]
            g.regions = {back[m]: r for m, r in g.regions.items()}
        return groups, {c.key: c for c in cands}

    t0 = time.perf_counter()
    per_source_groups = []
    cands_by_path = {}
    for name in names:
        paths = [str(p) for p in files[name].values()]
        for g in sorted(pans_of.get(name, ())):
            paths += [str(args.corpus / i["path"]) for i in by_group[g]]
        groups, cands = run_case(paths)
        per_source_groups += groups
        cands_by_path.update({back[k]: c for k, c in cands.items()})
    t_each = time.perf_counter() - t0
    hard_each = [(h["a"], h["b"], "pan frame vs pan frame") for h in hard_groups if h["why"] == "pan"
                 and by_group[h["a"]][0]["source"] in names]
    # a pan frame of a source is another capture of it, never "same" as its original or its copies
    pan_vs = [(name, g, "pan frame vs the original + its copies") for name in names
              for g in sorted(pans_of.get(name, ()))]
    hard_each += pan_vs
    each = score(per_source_groups, item_group, item_variant, orig_of, region_of, hard_each)
    together = None
    t_all = 0.0
    if not args.no_together:
        t0 = time.perf_counter()
        groups, cands = run_case(sorted(item_group))
        t_all = time.perf_counter() - t0
        hard_all = [(h["a"], h["b"], "pan frame vs pan frame" if h["why"] == "pan" else h["why"])
                    for h in hard_groups] + pan_vs
        together = score(groups, item_group, item_variant, orig_of, region_of, hard_all)
    # diagnosis of every miss of the per-source cases (the direct proof of original against copy)
    diag = {}
    misses = {k for v, hits in each["per_variant"].items() for k, hit in hits if not hit}
    if together:
        misses |= {k for v, hits in together["per_variant"].items() for k, hit in hits if not hit}
    for k in sorted(misses):
        if k in errors or k not in cands_by_path or orig_of[k] not in cands_by_path:
            diag[k] = {"error": errors.get(k, "not probed")}
            continue
        diag[k] = diagnose(cands_by_path[orig_of[k]], cands_by_path[k])
    for k in sorted(region_of):  # edited copies not found as edited
        if any(k in e[3] for e in each["edited"].values()) and k not in diag and k in cands_by_path:
            diag[k] = diagnose(cands_by_path[orig_of[k]], cands_by_path[k])
    text = report(names, each, together, diag, errors, args,
                  {"make": t_make, "probe": t_probe, "probe_cpu": probe_cpu, "each": t_each, "all": t_all,
                   "files": len(item_group), "load": os.getloadavg()[0]}, magick())
    print(text)
    (args.out / "diagnosis.json").write_text(json.dumps(diag, indent=1, sort_keys=True))
    if args.write:  # hand-written notes after NOTES (the diagnosis) are kept
        md = ROOT / "bench" / "dedup" / "TOOLCHAIN.md"
        old = md.read_text() if md.exists() else ""
        notes = old[old.index(NOTES):] if NOTES in old else NOTES + "\n"
        md.write_text(text + "\n" + notes)


def _short(k: str) -> str:
    p = Path(k)
    return f"{p.parent.name}/{p.name}"


def report(names, each, together, diag, errors, args, t, im) -> str:
    ver = subprocess.run([*im, "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "desktop/media", "desktop/core"],
                           capture_output=True, text=True).stdout.strip()
    lines = ["# Toolchain cross-check: copies made by ImageMagick", "",
             f"Command: `python bench/dedup/toolchain_check.py --sources {args.sources}"
             f"{' --no-together' if args.no_together else ''} --write` "
             f"({ver.removeprefix('Version: ')}; the copies go to `{args.out}`). Engine: commit {head}"
             f"{' with uncommitted changes in desktop/media or desktop/core' if dirty else ''}.", "",
             f"{len(names)} held-out sources (of the corpus's held-out part: the engine was never tuned on them), "
             f"{t['files']} files with the corpus's pan/burst/viewpoint/before-after groups. Made in {t['make']:.0f} s, "
             f"probed in {t['probe']:.0f} s wall ({t['probe_cpu']:.0f} CPU s), grouped one source at a time in "
             f"{t['each']:.0f} s, all together in {t['all']:.0f} s (load {t['load']:.1f}).", ""]
    if errors:
        lines += ["Probe errors: " + ", ".join(f"`{_short(k)}`: {e}" for k, e in sorted(errors.items())), ""]
    lines += ["Pair recall against the source's original (the two in one `exact`/`same` group). Misses by the step "
              "that fails in the direct proof of (original, copy): `no candidate` (phash distance over "
              f"{CANDIDATE_BITS} bits), `no registration`, `tiles: <kind>` (the verdict), `grouping` (the proof "
              "says `same`, the groups do not).", "",
              "| variant | what | recall, one source per case | recall, all in one case | misses by step |",
              "|---|---|---|---|---|"]
    for v, what in VARIANTS.items():
        hits = each["per_variant"].get(v, [])
        h = sum(x for _, x in hits)
        cell_all = "-"
        miss_keys = {k for k, x in hits if not x}
        if together:
            ha = together["per_variant"].get(v, [])
            cell_all = f"{sum(x for _, x in ha) / len(ha):.3f} ({sum(x for _, x in ha)}/{len(ha)})" if ha else "-"
            miss_keys |= {k for k, x in ha if not x}
        steps = Counter(step_of(diag[k]) if "error" not in diag[k] else "probe error" for k in miss_keys)
        lines.append(f"| {v} | {what} | {h / len(hits):.3f} ({h}/{len(hits)}) | {cell_all} | "
                     + (", ".join(f"{s}: {c}" for s, c in steps.most_common()) or "-") + " |")
    lines += ["", "Edited copies (must come out `edited` against the original, with a region overlapping the true one):",
              "", "| variant | what | found edited (one source per case) | with region | all in one case: edited / "
              "with region |", "|---|---|---|---|---|"]
    whats = {"im_paint": "solid rectangle over 8 % of the frame (`-draw rectangle`)",
             "im_text": "white text with black stroke filling a box of 8 % of the frame"}
    for v in EDITED_VARIANTS:
        f, fr, tot, _missed, *_ = each["edited"][v]
        cell = "-"
        if together:
            fa, fra, tota, *_ = together["edited"][v]
            cell = f"{fa}/{tota} / {fra}/{tota}"
        lines.append(f"| {v} | {whats[v]} | {f}/{tot} | {fr}/{tot} | {cell} |")
    merged_same = [x[1] for e in each["edited"].values() for x in e[4:]]
    if merged_same:
        lines += ["", "Edited copies merged as `same` with their original: "
                  + ", ".join(f"`{_short(k)}`" for k in merged_same)]
    missed_edit = [k for e in each["edited"].values() for k in e[3]]
    if missed_edit:
        lines += ["", "Edited copies not found as edited (direct proof's kind, region): " + ", ".join(
            f"`{_short(k)}`: {(diag.get(k) or {}).get('verdict', {}) and diag[k]['verdict']['kind']}" for k in
            missed_edit)]
    lines += ["", "Precision and hard negatives:", ""]
    for label, r in (("one source per case", each), ("all in one case", together)):
        if r is None:
            continue
        p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 1.0
        lines.append(f"* {label}: pair precision {p:.4f} ({r['tp']} right, {r['fp']} wrong); hard negatives merged "
                     "as same: " + ", ".join(f"{w} {m}/{n}" for w, (m, n) in sorted(r["hard"].items())))
        if r["wrong"]:
            lines.append("  wrong pairs: " + ", ".join(f"`{_short(a)}` + `{_short(b)}`" for a, b in r["wrong"][:12]))
    lines += ["", "## Misses, direct proof of (original, copy)", "",
              "| copy | phash dist | candidate | ORB features (orig, copy) | registration | verdict | tiles alone "
              "(`_compare`); unregistered shift of a copy at its own size | step |",
              "|---|---|---|---|---|---|---|---|"]
    for k, d in sorted(diag.items()):
        if "error" in d:
            lines.append(f"| `{_short(k)}` | probe error: {d['error']} | | | | | | |")
            continue
        reg = d["registered"]
        reg_s = f"{reg['inliers']} inliers, scale {reg['scale']}, {reg['angle']} deg" if reg else "None"
        v = d["verdict"]
        v_s = "None" if v is None else (
            f"{v['kind']}: disagreeing {v['disagreeing']} of {v['tiles']} tiles, noise {v['noise']}, worst "
            f"{v['worst']}, outliers {v['outliers']}, spread {v['spread']}, moved {v['moved']}, region {v['region']}")
        c = d.get("compare")
        c_s = "-" if c is None else f"{c['kind']}, spread {c['spread']}, moved {c['moved']}"
        if d.get("pixel_aligned"):
            c_s += f"; {d['unregistered_shift']} px"
        lines.append(f"| `{_short(k)}` | {d['dist']} | {d['candidate']} | {d['features'][0]}, {d['features'][1]} | "
                     f"{reg_s} | {v_s} | {c_s} | {step_of(d)} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
