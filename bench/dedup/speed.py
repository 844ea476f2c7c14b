"""CPU of the duplicate pipeline's stages, in one process, against a Pillow draft decode of the same files.

Measured (``time.process_time``, one process, so a shared machine's load matters little):

* draft decode: JPEG ``draft()`` to a long side >= ``REDUCED_SIDE``, other formats decoded whole (the yardstick of
  evaluate.py);
* probe: ``desktop.media.probe.probe_path`` (EXIF, decode, fingerprint format 2, thumbnail);
* proof stage: ``desktop.media.register.group_pictures`` on the probed files as one case (candidates, ORB features,
  proof of each candidate pair, grouping), with the number of candidate pairs and of proofs run.

Run: ``python bench/dedup/speed.py [--corpus DIR] [--part tune] [--every N] [--profile probe|group] [--code DIR]``. With
``--every N`` only every N-th file of the part is used (the proof stage then has fewer pairs per file).
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import json
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# --code DIR: measure another checkout's engine (e.g. the commit before a change) with this script
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv else ROOT
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(ROOT / "bench" / "dedup"))

from desktop.media import register  # noqa: E402, I001  (before evaluate, which puts this checkout first)
from desktop.media.probe import probe_path  # noqa: E402
from evaluate import DEFAULT_CORPUS, _draft_decode, candidates_of  # noqa: E402


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--part", choices=["tune", "held-out"], default="tune")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--profile", choices=["probe", "group"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--code", type=Path, help="checkout whose desktop package is measured (default: this one)")
    args = ap.parse_args(argv)
    print(f"engine: {Path(register.__file__).parents[2]}", file=sys.stderr)
    labels = json.loads((args.corpus / "labels.json").read_text())
    items = [i for i in labels["items"] if i["split"] == args.part][:: args.every]
    paths = [str(args.corpus / i["path"]) for i in items]
    for p in paths:  # warm the page cache: both stages then read from memory
        Path(p).read_bytes()
    t = time.process_time()
    for p in paths:
        _draft_decode(p)
    draft = time.process_time() - t
    prof = cProfile.Profile() if args.profile else None
    probed = {}
    t = time.process_time()
    if args.profile == "probe":
        prof.enable()
    for p in paths:
        r = probe_path(Path(p))
        probed[p] = {"phash": r.phash, "fingerprint": r.fingerprint, "width": r.width, "height": r.height,
                     "has_exif": r.has_exif, "size": Path(p).stat().st_size}
    if args.profile == "probe":
        prof.disable()
    probe = time.process_time() - t
    cands = candidates_of(paths, probed, args.corpus)
    counts = {"pairs": 0, "proofs": 0}
    t = time.process_time()
    n_pairs = sum(len(v) for v in register.candidate_pairs(cands).values())
    cand_cpu = time.process_time() - t
    if args.profile == "group":
        prof.enable()
    stats: dict = {}
    t, wall = _cpu(), time.perf_counter()
    # CPU with the proof workers' (they end with the call); an older engine (--code) does not count its proofs
    kw = {"stats": stats} if "stats" in inspect.signature(register.group_pictures).parameters else {}
    register.group_pictures(cands, **kw)
    group, group_wall = _cpu() - t, time.perf_counter() - wall
    if args.profile == "group":
        prof.disable()
    counts["pairs"], counts["proofs"] = n_pairs, stats.get("proofs", -1)
    n = len(paths)
    out = {"files": n, "draft_cpu": draft, "probe_cpu": probe, "probe_per_draft": probe / draft,
           "probe_ms_per_file": 1000 * probe / n, "draft_ms_per_file": 1000 * draft / n,
           "candidate_cpu": cand_cpu, "group_cpu": group, "group_wall": group_wall, **counts,
           "pipeline_vs_draft_two_cores": draft / ((probe + group) / 2)}
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:28} {v:.3f}" if isinstance(v, float) else f"{k:28} {v}")
    if prof is not None:
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
