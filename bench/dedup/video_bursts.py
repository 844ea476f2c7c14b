"""Bursts from a video the corpus never used: how often two frames a fraction of a second apart prove ``same``.

    python bench/dedup/video_bursts.py [VIDEO ...] [--gaps 2,3,5,8,12] [--pairs 64]

Default video: opencv-doc's ``Megamind.avi`` (an animated film: 270 frames at 24 fps, scene cuts, a talking head
whose mouth and eyes move while nothing else does), which ``build_corpus.py`` does not read, so nothing was tuned on
it. Each frame is saved as a q90 JPEG and probed as an import probes it (``probe_bytes``); frame ``i`` is proven
against frame ``i + gap`` (``register.Prover``) for about ``--pairs`` start frames spread over the video, per gap.
Every pair is another capture: a ``same`` verdict would set one frame aside as a copy of the other. Reported per
gap: the verdicts, and for each ``same`` pair the frames and their mean absolute difference (0-255).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.dedup import DupCandidate  # noqa: E402
from desktop.media import register  # noqa: E402
from desktop.media.probe import probe_bytes  # noqa: E402

DEFAULT_VIDEO = Path("/usr/share/doc/opencv-doc/examples/data/Megamind.avi")


def frames_of(path: Path) -> tuple[list, float]:
    import av

    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        fps = float(stream.average_rate or 25)
        return [f.to_image().convert("RGB") for f in c.decode(stream)], fps


def candidate(img, key: str, n: int) -> DupCandidate:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    r = probe_bytes(data, key + ".jpg")
    return DupCandidate(key=key, sha256=key, kind="image", phash=r.phash, fingerprint=r.fingerprint, width=r.width,
                        height=r.height, size=len(data), has_exif=r.has_exif,
                        received_at=datetime(2024, 1, 1, 0, 0, n % 60), taken=None)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("videos", nargs="*", type=Path, default=[DEFAULT_VIDEO])
    ap.add_argument("--gaps", default="2,3,5,8,12", help="frames apart, comma-separated")
    ap.add_argument("--pairs", type=int, default=64, help="start frames per gap, spread over the video")
    args = ap.parse_args(argv)
    gaps = [int(g) for g in args.gaps.split(",")]
    for path in args.videos:
        frames, fps = frames_of(path)
        made: dict[int, DupCandidate] = {}  # each frame probed once, for every gap it takes part in
        step = max(1, (len(frames) - max(gaps)) // args.pairs)
        print(f"{path.name}: {len(frames)} frames, {frames[0].size[0]}x{frames[0].size[1]}, {fps:.2f} fps")
        print("| frames apart | seconds | pairs | same | edited | similar | unrelated / none |")
        print("|---|---|---|---|---|---|---|")
        same_pairs = []
        for g in gaps:
            kinds: Counter = Counter()
            for i in range(0, len(frames) - g, step):
                for n in (i, i + g):
                    if n not in made:
                        made[n] = candidate(frames[n], f"f{n}", n)
                a, b = made[i], made[i + g]
                v = register.Prover([a, b])(a, b)
                k = "none" if v is None else v.kind
                kinds[k] += 1
                if k in ("same", "exact"):
                    diff = np.abs(np.asarray(frames[i], np.int16) - np.asarray(frames[i + g], np.int16)).mean()
                    same_pairs.append((i, i + g, round(float(diff), 2)))
            n = sum(kinds.values())
            print(f"| {g} | {g / fps:.3f} | {n} | {kinds['same'] + kinds['exact']} | {kinds['edited']} | "
                  f"{kinds['similar']} | {kinds['unrelated'] + kinds['none']} |")
        print("same:", ", ".join(f"{i}-{j} ({d})" for i, j, d in same_pairs) or "none")


if __name__ == "__main__":
    main()
