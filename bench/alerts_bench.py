"""The cross-case query at 100,000 items: how fast are the alerts of a case, and the search that raises them?

    python bench/alerts_bench.py [--items 100000] [--cases 10000] [--runs 9]

Builds (each run, in bench/out/alerts-lib, git-ignored; about a minute) a SQLite library through the store's
schema in bulk: 10,000 cases holding 100,000 picture items, each its own original with a random perceptual hash
(kept more than 20 bits from the query case's, so only the planted copies are near), stored over the past
year (one every 5 minutes), plus one query case of 20
generated photos with real fingerprints, whose copies are planted in six other cases (three exact copies, three
WhatsApp copies: the same picture). The query case's groups and alerts are computed once
(``services.duplicates.refresh``), then timed, best of ``--runs`` (the machine is shared):

* ``alerts of a case``: ``services.duplicates.list_alerts(lib, ref)``, the read the window and ``casedesk
  duplicates alerts --case`` make: alerts by the items' current cases, one indexed query (with opening the unit);
* ``alerts, the query alone``: ``DuplicateStore.alerts(case_id)`` inside an open unit;
* ``raise: the library's hashes``: every original's perceptual hash, read the first time in a process (a cold
  ``store.hashcache.HashCache``) and afterwards (``DuplicateStore.picture_hashes``: the cache reads only the
  originals stored since);
* ``raise: whole search``: ``services.duplicates._raise_alerts`` for the query case with the cache warm (exact
  copies by SHA-256, near ones by a numpy scan, proven by the engine; nothing new is stored on a rerun).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import shutil
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "alerts-lib"


def _photo_bytes(seed: int, size: tuple[int, int] = (800, 600), whatsapp: bool = False) -> bytes:
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    img = Image.new("RGB", size, tuple(rnd.randrange(256) for _ in range(3)))
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x0, y0 = rnd.randrange(size[0]), rnd.randrange(size[1])
        d.rectangle((x0, y0, x0 + rnd.randrange(20, 300), y0 + rnd.randrange(20, 200)),
                    fill=tuple(rnd.randrange(256) for _ in range(3)))
    if whatsapp:
        img = img.resize((size[0] * 3 // 4, size[1] * 3 // 4))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=72 if whatsapp else 92)
    return buf.getvalue()


def build(items: int, cases: int) -> tuple[str, int]:
    from PIL import Image
    from sqlalchemy import insert

    from desktop.media.fingerprint import image_fingerprint
    from desktop.services.library import open_library
    from desktop.store.schema import Blob, Case, MediaItem, Source

    shutil.rmtree(OUT, ignore_errors=True)
    rnd = random.Random(5)
    nrnd = np.random.default_rng(5)
    lib = open_library(OUT)
    now = datetime(2026, 11, 30, 17, 0)
    query_ref = "C-2026-99999"

    def blob(sha: str, phash: int, fingerprint: bytes | None, size: int, w: int = 800, h: int = 600,
             age: timedelta = timedelta(days=2)) -> dict:
        return {"sha256": sha, "size": size, "kind": "image", "mime": "image/jpeg", "format": "JPEG", "width": w,
                "height": h, "has_exif": False, "phash": f"{phash:016x}", "fingerprint": fingerprint,
                "warnings": [], "stored_at": now - age}

    # the query case's pictures and their planted copies: real fingerprints
    planted_blobs, planted = [], []  # planted: (sha, which case: -1 query, else index of an other case)
    query_hashes = []
    for k in range(20):
        data = _photo_bytes(1000 + k)
        with Image.open(io.BytesIO(data)) as im:
            ph, fp = image_fingerprint(im.convert("RGB"))
        sha = hashlib.sha256(data).hexdigest()
        planted_blobs.append(blob(sha, ph, fp, len(data)))
        planted.append((sha, -1))
        query_hashes.append(ph)
        if k < 3:
            planted.append((sha, k))  # an exact copy in another case
        elif k < 6:
            copy = _photo_bytes(1000 + k, whatsapp=True)
            with Image.open(io.BytesIO(copy)) as im:
                ph2, fp2 = image_fingerprint(im.convert("RGB"))
            sha2 = hashlib.sha256(copy).hexdigest()
            planted_blobs.append(blob(sha2, ph2, fp2, len(copy), 600, 450))
            planted.append((sha2, k))
    # the library: random hashes far from the query's
    library = nrnd.integers(0, 2**63, size=items, dtype=np.int64).astype(np.uint64) * np.uint64(2) + \
        nrnd.integers(0, 2, size=items, dtype=np.int64).astype(np.uint64)
    from desktop.media.hashindex import popcount64

    for q in query_hashes:
        close = popcount64(library ^ np.uint64(q)) <= 20
        library[close] ^= np.uint64(0xFFFFFFFF)  # flip 32 bits: far away
    case_rows = [{"id": c + 1, "ref": f"C-2026-{c + 1:05d}", "title": f"Case {c + 1}", "kind": "claim",
                  "status": "new", "customer_id": None, "opened_at": now - timedelta(days=c % 365)}
                 for c in range(cases)]
    case_rows.append({"id": cases + 1, "ref": query_ref, "title": "Query", "kind": "claim", "status": "new",
                      "customer_id": None, "opened_at": now})
    source_rows = [{"id": 1, "kind": "files", "path": "/bench", "chat_key": None, "imported_at": now}]
    blobs, media = [], []
    for i in range(items):
        sha = hashlib.sha256(b"alerts-bench-%d" % i).hexdigest()
        blobs.append(blob(sha, int(library[i]), None, 100_000 + i, age=timedelta(minutes=5 * (items - i))))
        media.append({"id": i + 1, "case_id": rnd.randrange(1, cases + 1), "blob_sha256": sha, "source_id": 1,
                      "name": f"IMG_{i:06d}.jpg", "included": True, "taken_date_only": False, "set_aside": False,
                      "added_at": now})
    others = rnd.sample(range(1, cases + 1), 6)
    for sha, where in planted:
        media.append({"id": len(media) + 1, "case_id": cases + 1 if where < 0 else others[where],
                      "blob_sha256": sha, "source_id": 1, "name": f"planted_{len(media)}.jpg", "included": True,
                      "taken_date_only": False, "set_aside": False, "added_at": now})
    with lib.db.engine.begin() as conn:
        for table, rows in ((Case, case_rows), (Source, source_rows), (Blob, blobs + planted_blobs),
                            (MediaItem, media)):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i:i + 5000])
    lib.close()
    return query_ref, len(media)


def best(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args(argv)
    from desktop.services import duplicates
    from desktop.services.library import open_library

    t = time.perf_counter()
    ref, total = build(args.items, args.cases)
    print(f"built {total} items in {args.cases + 1} cases in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with open_library(OUT) as lib:
        with lib.unit(write=True) as uow:
            cid = uow.cases.id_of(ref)
            duplicates.refresh(uow, [cid], lib.team)
        alerts = duplicates.list_alerts(lib, ref)
        print(f"{ref}: {len(alerts)} alerts ({sorted({a.kind for a in alerts})}) to "
              f"{len({a.other_case_ref for a in alerts})} other cases", file=sys.stderr)
        assert len(alerts) == 6 and all(a.other_case_ref != ref for a in alerts), alerts
        rows = [("alerts of a case (`list_alerts`, with its unit)", best(lambda: duplicates.list_alerts(lib, ref),
                                                                          args.runs))]
        with lib.unit() as uow:
            rows.append(("alerts, the query alone (`DuplicateStore.alerts`)",
                         best(lambda: uow.duplicates.alerts(cid), args.runs)))
            from desktop.store.hashcache import HashCache

            rows.append(("raise: the library's hashes, first read in a process (`HashCache`, cold)",
                         best(lambda: HashCache().hashes(uow._s), args.runs)))
            rows.append(("raise: the library's hashes, afterwards (`picture_hashes`: only those stored since)",
                         best(uow.duplicates.picture_hashes, args.runs)))
        with lib.unit(write=True) as uow:
            t_ = duplicates.thresholds(lib.team)
            rows.append(("raise: whole search for a case of 20 (`_raise_alerts`)",
                         best(lambda: duplicates._raise_alerts(uow, [cid], t_), args.runs)))
    print(f"| {total:,} items, {args.cases + 1:,} cases | best of {args.runs}, ms |")
    print("|---|---|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
