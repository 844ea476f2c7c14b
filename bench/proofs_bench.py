"""The duplicates step of the 360-photo import alone: ``group_pictures`` over the probed phone photos as one case.

    python bench/proofs_bench.py [N] [--runs R] [--modes one,threads,processes] [--code DIR]

The photos are import_bench's (``bench/out/phone4000x3000``, made by it); each is probed once (``probe_bytes``,
cached in ``bench/out/proofs-bench-N.pkl``) and the candidates are the duplicates service's (``image_candidates``),
as in the import. Then ``group_pictures`` runs, alternately in each mode, ``R`` times; per mode the best wall
clock is kept with its CPU time (this process and the proof workers it waited for: ``RUSAGE_CHILDREN``):

* ``one``: ``workers=1``, every proof in this thread, one at a time;
* ``threads``: the proofs of each batch of keepers on a thread per core (``processes=False``);
* ``processes``: on worker processes (``processes=True``; opt-in in the app: ``CASEDESK_PROOFS=processes``).

Every mode must give the same groups, transforms and regions (checked). ``--code DIR`` measures another checkout's
engine (e.g. the commit before a change; modes it does not know are skipped).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import pickle
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv else ROOT
sys.path.insert(0, str(CODE))

from desktop.core.dedup import DEFAULT, DupCandidate  # noqa: E402
from desktop.media import register  # noqa: E402
from desktop.media.probe import probe_bytes  # noqa: E402
from desktop.services.duplicates import image_candidates  # noqa: E402

OUT = ROOT / "bench" / "out"


def cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def candidates(n: int) -> list[DupCandidate]:
    files = sorted((OUT / "phone4000x3000").glob("IMG_*.jpg"))[:n]
    if len(files) < n:
        raise SystemExit(f"{n} photos needed in {OUT / 'phone4000x3000'}: run bench/import_bench.py --cli {n} first")
    cache = OUT / f"proofs-bench-{n}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    out = []
    for i, p in enumerate(files):
        data = p.read_bytes()
        r = probe_bytes(data, p.name)
        out.append(DupCandidate(key=str(i + 1), sha256=hashlib.sha256(data).hexdigest(), kind="image", phash=r.phash,
                                fingerprint=r.fingerprint, width=r.width, height=r.height, size=len(data),
                                has_exif=r.has_exif, received_at=None))
    cache.write_bytes(pickle.dumps(out))
    return out


def outcome(groups) -> list[tuple]:
    return sorted((g.kind, g.keeper, tuple(g.members), tuple(sorted(g.regions.items())),
                   tuple(sorted((k, repr(t)) for k, t in g.transforms.items()))) for g in groups)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=360)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--modes", default="one,threads,processes")
    ap.add_argument("--code", type=Path, help="checkout whose desktop package is measured (default: this one)")
    args = ap.parse_args(argv)
    print(f"engine: {Path(register.__file__).parents[2]}", file=sys.stderr)
    cands = candidates(args.n)
    near = image_candidates(cands, DEFAULT)
    pairs = sum(len(v) for v in near.values())
    params = inspect.signature(register.group_pictures).parameters
    modes = {"one": {"workers": 1}, "threads": {"workers": os.cpu_count() or 2}, "processes": {}}
    if "processes" in params:
        modes["threads"]["processes"] = False
        modes["processes"]["processes"] = True
    else:
        modes.pop("processes")
    modes = {m: kw for m, kw in modes.items() if m in args.modes.split(",")}
    best: dict[str, tuple[float, float]] = {}
    proofs: dict[str, int] = {}
    seen = None
    for _ in range(args.runs):
        for mode, kw in modes.items():
            stats: dict = {}
            real_prove = register.prove
            if "stats" in params:
                kw = {**kw, "stats": stats}
            else:  # an engine without the count: counted here (every proof runs in this process)
                stats["proofs"] = 0

                def counting(*a, real_prove=real_prove, stats=stats):
                    stats["proofs"] += 1
                    return real_prove(*a)

                register.prove = counting
            t, c = time.perf_counter(), cpu()
            try:
                groups = register.group_pictures(cands, candidates=near, **kw)
            finally:
                register.prove = real_prove
            wall, used = time.perf_counter() - t, cpu() - c
            got = outcome(groups)
            assert seen is None or got == seen, f"{mode}: other groups than the first mode"
            seen = got
            if mode not in best or wall < best[mode][0]:
                best[mode] = (wall, used)
            proofs[mode] = stats.get("proofs", -1)
    load = os.getloadavg()[0]
    print(f"{len(cands)} phone photos as one case, {pairs} candidate pairs from image_candidates, "
          f"{len(seen)} groups, best of {args.runs}, load {load:.1f}, {os.cpu_count()} cores")
    print("| mode | proofs | wall s | CPU s | speed against one |")
    print("|---|---|---|---|---|")
    one = best.get("one", (None,))[0]
    for mode, (wall, used) in best.items():
        ratio = f"{one / wall:.2f}x" if one else ""
        n = proofs[mode] if proofs[mode] >= 0 else "?"
        print(f"| {mode} | {n} | {wall:.2f} | {used:.2f} | {ratio} |")


if __name__ == "__main__":
    main()
