"""Every brightness and contrast edit of ``build_corpus`` on every source of one part, proven against its original.

    python bench/dedup/bright_sweep.py [--part tune|held-out]

The corpus's ``bright`` variant draws one (brightness, contrast) per source; this makes all 24 pairs of
factors (brightness x0.75-1.25, contrast x0.8-1.2, from the 1600-px copy, JPEG q85) for each source's
``orig.jpg`` and prints, per pair of factors, the share proven ``same``, then the sources that fail most. Decide
on the tuning part only (bench/dedup/README.md).
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageEnhance

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.dedup.build_corpus import encode, fit  # noqa: E402
from bench.dedup.evaluate import DEFAULT_CORPUS  # noqa: E402
from desktop.core.dedup import DupCandidate  # noqa: E402
from desktop.media import register  # noqa: E402
from desktop.media.probe import probe_bytes  # noqa: E402

BRIGHTNESS = [0.75, 0.8, 0.9, 1.1, 1.2, 1.25]
CONTRAST = [0.8, 0.9, 1.1, 1.2]


def _candidate(data: bytes, key: str) -> DupCandidate:
    r = probe_bytes(data, key)
    return DupCandidate(key=key, sha256=key, kind="image", phash=r.phash, fingerprint=r.fingerprint, width=r.width,
                        height=r.height, size=len(data), has_exif=r.has_exif, received_at=None)


def sweep(source_dir: Path) -> list[tuple[str, float, float, str | None]]:
    orig = (source_dir / "orig.jpg").read_bytes()
    a = _candidate(orig, "orig")
    fa = register._own_features(a)
    wa = fit(Image.open(io.BytesIO(orig)).convert("RGB"), 1600)
    out = []
    for f in BRIGHTNESS:
        for c in CONTRAST:
            b = _candidate(encode(ImageEnhance.Contrast(ImageEnhance.Brightness(wa).enhance(f)).enhance(c),
                                  quality=85), "edit")
            v = register._verdict_of(a, b, fa, register._own_features(b))
            out.append((source_dir.name, f, c, v.kind if v else None))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--part", choices=["tune", "held-out"], default="tune")
    args = ap.parse_args(argv)
    labels = json.loads((args.corpus / "labels.json").read_text())
    sources = sorted({i["group"] for i in labels["items"]
                      if i["split"] == args.part and i["variant"] == "orig" and "~" not in i["group"]})
    with ProcessPoolExecutor(2) as pool:
        rows = [r for rs in pool.map(sweep, [args.corpus / s for s in sources]) for r in rs]
    same = collections.Counter((f, c) for _, f, c, k in rows if k == "same")
    print(f"{len(sources)} sources of the {args.part} part, {len(rows)} edits: the same picture "
          f"{sum(same.values()) / len(rows):.3f}")
    print("brightness \\ contrast " + " ".join(f"x{c:<4}" for c in CONTRAST))
    for f in BRIGHTNESS:
        print(f"x{f:<21}" + " ".join(f"{same[(f, c)] / len(sources):.2f} " for c in CONTRAST))
    failing = collections.Counter(s for s, _, _, k in rows if k != "same")
    print("most failures:", ", ".join(f"{s} {n}" for s, n in failing.most_common(10)))


if __name__ == "__main__":
    main()
