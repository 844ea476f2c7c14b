"""Evaluate duplicate detection on the corpus of ``build_corpus.py``; print a markdown table, write RESULTS.md.

Methods, each grouping the whole corpus:

* ``casedesk``: what the app does. Each file goes through the real probe, ``desktop.media.probe.probe_bytes``
  (JPEG draft so the long side stays >= 512 px, EXIF orientation applied, fingerprint, EXIF, thumbnail), becomes
  a ``DupCandidate`` the way ``desktop.services.duplicates`` builds one (size as displayed, camera original = EXIF
  capture date), and is grouped as the service groups a case: numpy candidate pairs (``image_candidates``), then
  ``desktop.core.dedup.group_duplicates`` with the default thresholds; "exact" and "same" groups count.
* ``imagehash phash <= 10`` and ``imagehash dhash <= 10``: 64-bit hashes of full decodes (no EXIF orientation),
  the threshold most guides use; pairs within it are joined transitively (connected components).
* ``findimagedupes``: Debian's tool at its default 90 % similarity, if installed.

Metrics: pair precision / recall / F1 over all pairs of files (a pair is predicted when both files land in one
group); the fraction of true groups found exactly (a predicted group with exactly those files); hard-negative
group pairs (bursts, day/night, stereo) with any two files merged; images per second on one core.
Speed also: Pillow full decode on one core, and the casedesk probe with two processes.
Hash index: ``HashIndex.query`` over 100,000 random hashes. Phash distances of the pairs with a verdict (why
phash cannot prune candidate pairs).

Run: ``python bench/dedup/evaluate.py [--corpus DIR] [--skip-findimagedupes]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.dedup import DEFAULT, DupCandidate, compare, frame_distances, group_duplicates  # noqa: E402
from desktop.core.model import ProbeResult  # noqa: E402
from desktop.media.hashindex import HashIndex  # noqa: E402
from desktop.media.probe import probe_bytes  # noqa: E402
from desktop.services.duplicates import image_candidates  # noqa: E402

DEFAULT_CORPUS = ROOT / "bench" / "out" / "dedup" / "corpus"
COMMAND = "python bench/dedup/build_corpus.py && python bench/dedup/evaluate.py"


def casedesk_probe(path: Path) -> ProbeResult:
    """Probe a file as an import does."""
    return probe_bytes(path.read_bytes(), path.name)


def candidate(key: str, data: bytes, result: ProbeResult) -> DupCandidate:
    """The engine's view of a probed file, as ``services.duplicates`` builds it from the stored blob."""
    return DupCandidate(
        key=key,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=str(result.kind),
        phash=result.phash,
        fingerprint=result.fingerprint,
        width=result.width,
        height=result.height,
        size=len(data),
        has_exif=bool(result.exif_taken),
        received_at=None,
    )


def group_like_the_app(cands: list[DupCandidate]) -> list:
    near = image_candidates(cands, DEFAULT)
    return group_duplicates(cands, candidates=lambda c: near.get(c.key, ()))


def components(n: int, pairs: list[tuple[int, int]]) -> list[set[int]]:
    """Connected components (size >= 2) of ``pairs`` over ``range(n)``."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), set()).add(i)
    return [g for g in groups.values() if len(g) > 1]


def run_casedesk(files: list[Path]) -> tuple[list[set[int]], float, float, dict]:
    t0 = time.process_time()
    probed = [casedesk_probe(p) for p in files]
    rate = len(files) / (time.process_time() - t0)
    cands = [candidate(str(i), p.read_bytes(), r) for i, (p, r) in enumerate(zip(files, probed, strict=True))]
    t1 = time.process_time()
    groups = group_like_the_app(cands)
    grouping_s = time.process_time() - t1
    pairs = [
        (int(g.members[0]), int(m)) for g in groups if g.kind in {"exact", "same"} for m in g.members[1:]
    ]
    similar = [{int(m) for m in g.members} for g in groups if g.kind == "similar"]
    return components(len(files), pairs), rate, grouping_s, {"similar": similar, "candidates": cands}


def run_imagehash(files: list[Path], which: str, threshold: int) -> tuple[list[set[int]], float]:
    import imagehash

    fn = {"phash": imagehash.phash, "dhash": imagehash.dhash}[which]
    t0 = time.process_time()
    hashes = []
    for p in files:
        with Image.open(p) as im:
            hashes.append(int(str(fn(im)), 16))
    rate = len(files) / (time.process_time() - t0)
    pairs = [
        (i, j)
        for i, j in combinations(range(len(files)), 2)
        if (hashes[i] ^ hashes[j]).bit_count() <= threshold
    ]
    return components(len(files), pairs), rate


def run_findimagedupes(files: list[Path]) -> tuple[list[set[int]], float] | None:
    exe = shutil.which("findimagedupes")
    if not exe:
        return None
    index = {str(p): i for i, p in enumerate(files)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([exe, "-t", "90%", "--", *index], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rate = len(files) / cpu
    groups = [{index[f] for f in line.split()} for line in out.splitlines() if line.strip()]
    return groups, rate


def full_decode_rate(files: list[Path]) -> float:
    """Images per CPU second for a plain Pillow full decode."""
    t0 = time.process_time()
    for p in files:
        with Image.open(p) as im:
            im.load()
    return len(files) / (time.process_time() - t0)


def _timed_probe(path: Path) -> tuple[int, float]:
    t0 = time.process_time()
    casedesk_probe(path)
    return os.getpid(), time.process_time() - t0


def parallel_rate(files: list[Path], processes: int = 2) -> tuple[float, float]:
    """The probe with ``processes`` workers: (wall-clock images/s, images/s of the busiest worker's CPU)."""
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(casedesk_probe, files[: processes * 2])  # warm up the workers
        t0 = time.perf_counter()
        timed = pool.map(_timed_probe, files, chunksize=8)
        wall = len(files) / (time.perf_counter() - t0)
    busy: dict[int, float] = {}
    for pid, cpu in timed:
        busy[pid] = busy.get(pid, 0.0) + cpu
    return wall, len(files) / max(busy.values())


def index_bench(n: int = 100_000, queries: int = 1000, radius: int = 16) -> dict:
    rng = random.Random(7)
    index = HashIndex((f"k{i}", rng.getrandbits(64)) for i in range(n))
    qs = [rng.getrandbits(64) for _ in range(queries)]
    times = []
    for q in qs:
        t0 = time.perf_counter()
        index.query(q, radius)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {
        "n": n,
        "radius": radius,
        "mean_ms": 1000 * sum(times) / len(times),
        "p99_ms": 1000 * times[int(0.99 * len(times))],
    }


def margins(cands: list[DupCandidate], labels: dict) -> list[str]:
    """Table rows: how far the "same" rule's two quantities are from their thresholds, by kind of pair.

    Positives are each true group's camera original against its variants (grouping is keeper-centred, so these
    are the pairs that decide); hard negatives are all file pairs across related groups.
    """
    items = labels["items"]
    members: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        members.setdefault(it["group"], []).append(i)
    rows = {"positive (original vs variant)": []}
    for idx in members.values():
        orig = next((i for i in idx if items[i]["variant"] == "orig"), idx[0])
        rows["positive (original vs variant)"] += [
            frame_distances(cands[orig], cands[i]) for i in idx if i != orig
        ]
    for h in labels["hard_negatives"]:
        pairs = [(i, j) for i in members[h["a"]] for j in members[h["b"]]]
        rows.setdefault(f"hard negative: {h['why']}", []).extend(
            frame_distances(cands[i], cands[j]) for i, j in pairs
        )
    out = []
    for name, ds in rows.items():
        r = sorted(d[0] for d in ds)
        c = sorted(d[1] for d in ds)
        both = sum(1 for x, y in ds if x <= DEFAULT.same_shift and y <= DEFAULT.same_colour)
        out.append(
            f"| {name} | {len(ds)} | {r[0]:.2f} / {r[len(r) // 2]:.2f} / {r[-1]:.2f} | "
            f"{c[0]:.1f} / {c[len(c) // 2]:.1f} / {c[-1]:.1f} | {both} |"
        )
    return out


def phash_spread(cands: list[DupCandidate]) -> str:
    """How far apart in phash bits the pairs with a verdict are: why phash cannot prune candidate pairs."""
    near = image_candidates(cands, DEFAULT)  # a superset of the pairs with a verdict
    by_key = {c.key: c for c in cands}
    bits: dict[str, list[int]] = {"same": [], "similar": []}
    for a, partners in near.items():
        for b in partners:
            x, y = by_key[a], by_key[b]
            verdict = compare(x, y)
            if verdict in bits and x.phash is not None and y.phash is not None:
                bits[verdict].append((x.phash ^ y.phash).bit_count())
    r = DEFAULT.index_radius
    return "; ".join(
        f"{k} pairs {len(v)}, phash distance up to {max(v, default=0)} bits, {sum(d <= r for d in v)} within {r}"
        for k, v in bits.items()
    )


def score(groups: list[set[int]], truth: list[str], hard: list[tuple[str, str, str]]) -> dict:
    """Pair precision/recall/F1, fraction of true groups found exactly, hard-negative group pairs merged."""
    label_of = {}
    for i, g in enumerate(groups):
        for m in g:
            label_of[m] = i
    predicted = {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}
    true_groups: dict[str, set[int]] = {}
    for i, t in enumerate(truth):
        true_groups.setdefault(t, set()).add(i)
    actual = {(a, b) for g in true_groups.values() for a, b in combinations(sorted(g), 2)}
    tp = len(predicted & actual)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(actual) if actual else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    found = {frozenset(g) for g in groups}
    exact = sum(frozenset(g) in found for g in true_groups.values()) / len(true_groups)
    merged: dict[str, int] = {}
    for a, b, why in hard:
        if {label_of.get(i, -1 - i) for i in true_groups[a]} & {
            label_of.get(i, -1 - i) for i in true_groups[b]
        }:
            merged[why] = merged.get(why, 0) + 1
    return {"precision": p, "recall": r, "f1": f1, "exact_groups": exact, "hard_merged": merged}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--skip-findimagedupes", action="store_true")
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = ap.parse_args(argv)
    labels = json.loads((args.corpus / "labels.json").read_text())
    files = [args.corpus / it["path"] for it in labels["items"]]
    truth = [it["group"] for it in labels["items"]]
    hard = [(h["a"], h["b"], h["why"]) for h in labels["hard_negatives"]]
    kinds = sorted({h[2] for h in hard})
    rows = []
    print(
        f"{len(files)} files, {len(set(truth))} true groups, {len(hard)} hard-negative group pairs",
        file=sys.stderr,
    )

    for p in files:  # warm the page cache so no method pays for the first read
        p.read_bytes()
    decode = full_decode_rate(files)
    groups, rate, grouping_s, extra = run_casedesk(files)
    rows.append(("casedesk (probe_bytes, group)", score(groups, truth, hard), rate))
    for which in ("phash", "dhash"):
        g, r = run_imagehash(files, which, 10)
        rows.append((f"imagehash {which} <= 10 (full decode)", score(g, truth, hard), r))
    fid = None if args.skip_findimagedupes else run_findimagedupes(files)
    if fid:
        rows.append(("findimagedupes -t 90%", score(fid[0], truth, hard), fid[1]))
    par_wall, par = parallel_rate(files)
    load = os.getloadavg()[0]
    idx = index_bench()
    by_group: dict[str, set[int]] = {}
    for i, t in enumerate(truth):
        by_group.setdefault(t, set()).add(i)
    flagged = sum(
        1
        for a, b, why in hard
        if why == "burst" and any(s & by_group[a] and s & by_group[b] for s in extra["similar"])
    )
    bursts = sum(1 for h in labels["hard_negatives"] if h["why"] == "burst")
    related = {frozenset(h[:2]) for h in hard}
    false_similar = sum(
        1
        for s in extra["similar"]
        for i, j in combinations(sorted(s), 2)
        if truth[i] != truth[j] and frozenset((truth[i], truth[j])) not in related
    )

    lines = [
        "| method | pair precision | pair recall | pair F1 | true groups found exactly | hard negatives merged "
        f"as same ({', '.join(kinds)}) | images per CPU s |",
        "|---|---|---|---|---|---|---|",
    ]
    totals = {k: sum(1 for h in hard if h[2] == k) for k in kinds}
    for name, s, r in rows:
        m = s["hard_merged"]
        split = ", ".join(f"{m.get(k, 0)}/{totals[k]}" for k in kinds)
        lines.append(
            f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
            f"{s['exact_groups']:.1%} | {sum(m.values())} / {len(hard)} ({split}) | {r:.1f} |"
        )
    lines += [
        "",
        "| speed | value |",
        "|---|---|",
        f"| Pillow full decode, 1 core | {decode:.1f} images per CPU s |",
        f"| casedesk probe_bytes (decode, EXIF, fingerprint, thumbnail), 2 processes (busiest worker's CPU "
        f"time) | {par:.1f} images/s "
        f"({par / decode:.2f}x full decode) |",
        f"| same, wall clock (machine load average {load:.1f} on {os.cpu_count()} CPUs) | {par_wall:.1f} images/s "
        f"({par_wall / decode:.2f}x) |",
        f"| casedesk grouping of all {len(files)} files (numpy candidates + engine) | {grouping_s:.2f} CPU s |",
        f"| HashIndex query, {idx['n']:,} hashes, radius {idx['radius']} | mean {idx['mean_ms']:.2f} ms, "
        f"p99 {idx['p99_ms']:.2f} ms |",
        "",
        f"Burst group pairs shown as `similar` by casedesk: {flagged} / {bursts}; pairs of unrelated pictures "
        f"shown as `similar`: {false_similar}.",
        "",
        f"Pairs with a verdict: {phash_spread(extra['candidates'])} (so phash cannot prune candidate pairs).",
        "",
        f"Margins of the `same` rule (shift ratio <= {DEFAULT.same_shift}, colour <= {DEFAULT.same_colour}); "
        "min / median / max per kind of file pair, and how many pairs are within both:",
        "",
        "| pairs | n | shift ratio | colour distance | within both thresholds |",
        "|---|---|---|---|---|",
        *margins(extra["candidates"], labels),
    ]
    table = "\n".join(lines)
    print(table)
    corpus = f"{len(files)} files, {len(set(truth))} true groups, {len(hard)} hard-negative group pairs"
    args.results.write_text(
        "# Duplicate detection benchmark\n\n"
        f"Command (from the repository root): `{COMMAND}`\n\n"
        f"Corpus: {corpus} (see `build_corpus.py`). Machine: {multiprocessing.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}.\n\n{table}\n"
    )


if __name__ == "__main__":
    main()
