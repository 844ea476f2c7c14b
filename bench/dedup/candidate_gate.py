"""Would a cheap correlation at the hashes' guess spare the proofs of candidate pairs that never register?

    python bench/dedup/candidate_gate.py --part tune --probe-cache PROBE_PKL

For every candidate pair of a part (``candidate_pairs`` and the core's colour index, as ``group_pictures`` makes
them without a caller's own), on one thread: whether it registers (ORB features, else ECC for pictures with few
features, as ``prove`` tries them), the CPU time that took, whether both files come from one source, and the
correlation of the two stored greys, blurred by ``SIGMAS`` pixels, where ``_turn_guess`` (the nearest of the turned
and zoomed hashes) lays one over the other. Prints, per blur and gate, the failed registrations such a gate would
skip (with their CPU seconds) against the registering pairs, and same-source pairs among them, it would lose. The
probe cache is ``evaluate.py``'s (``--probe-cache``; written by it when missing).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

import evaluate  # noqa: E402

from desktop.media import register as R  # noqa: E402

SIGMAS = (3.0, 6.0, 12.0)  # pixels of the 256-px stored grey
GATES = (0.0, 0.2, 0.4, 0.5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(HERE.parents[1] / "bench" / "out" / "dedup" / "corpus"))
    ap.add_argument("--part", choices=("tune", "held-out"), default="tune")
    ap.add_argument("--probe-cache", required=True)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    corpus = Path(args.corpus)
    labels = json.loads((corpus / "labels.json").read_text())
    probed = pickle.loads(Path(args.probe_cache).read_bytes())[0]
    items = [i for i in labels["items"] if i["split"] == args.part]
    source = {i["path"]: i["source"] for i in items}
    cands = evaluate.candidates_of([str(corpus / i["path"]) for i in items], probed, corpus)
    near = R.proof_candidates(cands)
    pairs = sorted({tuple(sorted((a, b))) for a, vs in near.items() for b in vs})
    feats = {c.key: R._own_features(c) for c in cands}
    blurred: dict[tuple[str, float], np.ndarray] = {}

    def grey(k: str, s: float) -> np.ndarray:
        if (k, s) not in blurred:
            blurred[(k, s)] = cv2.GaussianBlur(feats[k].grey.astype(np.float32), (0, 0), s)
        return blurred[(k, s)]

    rows = []  # (registers, same source, CPU s, correlations per sigma or None without a guess)
    for a, b in pairs:
        fa, fb = feats[a], feats[b]
        if fa is None or fb is None:
            continue
        t = time.thread_time()
        try:
            fit = R.register(fa, fb)
        except R.FAILED:
            fit = None
        dt = time.thread_time() - t
        guess, whole = R._turn_guess(fa, fb), np.ones(fa.grey.shape, np.uint8)
        corr = None if guess is None else [R._correlation(R._seen_in(grey(b, s), grey(a, s), guess), grey(a, s), whole)
                                           for s in SIGMAS]
        rows.append((fit is not None, source[a] == source[b], dt, corr))
    print(f"{args.part}: {len(cands)} pictures, {len(rows)} candidate pairs, {sum(r[0] for r in rows)} register "
          f"({sum(r[0] and r[1] for r in rows)} of one source); failed registrations "
          f"{sum(r[2] for r in rows if not r[0]):.1f} CPU s")
    none = [r for r in rows if r[3] is None]
    print(f"no hash guess (colour index, whole-frame hash): {len(none)} pairs, {sum(r[0] for r in none)} register "
          f"({sum(r[0] and r[1] for r in none)} of one source), failed {sum(r[2] for r in none if not r[0]):.1f} CPU s")
    for i, s in enumerate(SIGMAS):
        for g in GATES:
            cut = [r for r in rows if r[3] is not None and r[3][i] < g]
            print(f"blur {s:4.1f} px, gate {g:.1f}: skips {sum(not r[0] for r in cut)} failed registrations "
                  f"({sum(r[2] for r in cut if not r[0]):.1f} CPU s), loses {sum(r[0] for r in cut)} registering pairs "
                  f"({sum(r[0] and r[1] for r in cut)} of one source)")


if __name__ == "__main__":
    main()
