"""Import speed against the raw limit measured in the same run.

    python bench/import_bench.py [N]

Raw limit = what any import must do per file: read it, SHA-256 it, and decode it reduced with Pillow's draft()
(the same reduction the probe asks for), on both cores. The import adds EXIF, thumbnails, fingerprints, the
content-addressed copy and the database transaction.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import phone_jpegs, raw_limit_one  # noqa: E402
from desktop.services.importing import import_paths  # noqa: E402
from desktop.services.library import Library  # noqa: E402
from desktop.settings import AppPaths  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    files = phone_jpegs(OUT / "phone4000x3000", n)
    for p in files:  # warm the page cache for both measurements alike
        p.read_bytes()
    cores = os.cpu_count() or 2
    t = time.perf_counter()
    with ThreadPoolExecutor(cores) as pool:
        list(pool.map(raw_limit_one, files))
    raw = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for p in files:
        raw_limit_one(p)
    raw1 = n / (time.perf_counter() - t)

    t = time.perf_counter()
    for p in files:
        with Image.open(p) as im:
            im.load()
    full1 = n / (time.perf_counter() - t)

    lib_dir = OUT / "import-bench-lib"
    shutil.rmtree(lib_dir, ignore_errors=True)
    lib = Library(AppPaths(lib_dir))
    t = time.perf_counter()
    report = import_paths(lib, files)
    imp = report.imported / (time.perf_counter() - t)
    lib.close()
    assert report.imported == n and not report.rejected, report
    mb = sum(p.stat().st_size for p in files) / n / 1e6
    print(f"{n} JPEGs 4000x3000 (~{mb:.1f} MB each), {cores} cores")
    print(f"| raw limit, {cores} threads (read + SHA-256 + draft decode) | {raw:.1f} images/s |")
    print(f"| raw limit, 1 thread | {raw1:.1f} images/s |")
    print(f"| casedesk import (probe, EXIF, thumbnail, fingerprint, store, DB) | {imp:.1f} images/s |")
    print(f"| ratio import / raw limit | {imp / raw:.2f} |")
    print(f"| Pillow full decode, 1 thread | {full1:.1f} images/s |")
    print(f"| import (fingerprints included) / single-core full decode | {imp / full1:.2f} |")


if __name__ == "__main__":
    main()
