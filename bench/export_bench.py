"""Export benchmark: a case of 100 camera-sized photos (4000 × 3000 JPEG) rendered to the PDF case file.

Run from the repository root::

    python bench/export_bench.py [--photos 100] [--per-page 2]

The photos are generated once into ``bench/out/photos`` (textured, not flat colour, ~4 MB each like a 12-megapixel
camera JPEG) and reused on later runs. Targets on a 2-core machine: under 10 s and under 25 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.report.data import (  # noqa: E402 - after the path set-up, so the bench runs from a checkout
    CaseFileData,
    ReportCase,
    ReportItem,
    ReportManifestEntry,
    ReportOptions,
)
from desktop.report.pdf import render_case_file  # noqa: E402

OUT = ROOT / "bench" / "out"
SIZE = (4000, 3000)
TARGET_S, TARGET_MB = 10.0, 25.0


def make_photo(path: Path, seed: int) -> None:
    """A 12-megapixel JPEG with coarse shapes, mid-scale texture and sensor-like noise."""
    w, h = SIZE
    low = Image.effect_noise((w // 16, h // 16), 60 + seed % 20).resize(SIZE, Image.Resampling.BICUBIC)
    mid = Image.effect_noise((w // 4, h // 4), 40).resize(SIZE, Image.Resampling.BILINEAR)
    fine = Image.effect_noise(SIZE, 12)
    bands = [
        ImageChops.add(low, mid, 2, -40),
        ImageChops.add(low, fine, 2, -30),
        ImageChops.add(mid, fine, 2, -20),
    ]
    rotate = seed % 3
    im = Image.merge("RGB", bands[rotate:] + bands[:rotate])
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 10 == 0 else 1  # every tenth photo was taken upright and needs turning
    exif[0x010F], exif[0x0110] = "BenchCam", "Model 12"
    im.save(path, "JPEG", quality=92, exif=exif)


def ensure_photos(count: int) -> list[Path]:
    folder = OUT / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    (OUT / ".gitignore").write_text("*\n")  # generated data stays out of git
    paths = [folder / f"IMG_{n:04d}.jpg" for n in range(1, count + 1)]
    missing = [(p, n) for n, p in enumerate(paths, 1) if not p.exists()]
    if missing:
        print(f"generating {len(missing)} photos of {SIZE[0]}x{SIZE[1]} into {folder} (once)...", flush=True)
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(make_photo, *zip(*missing, strict=True)))
    return paths


def build_case(paths: list[Path]) -> CaseFileData:
    t0 = datetime(2024, 3, 14, 10, 0).astimezone()
    items, manifest = [], []
    for n, path in enumerate(paths, 1):
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        upright = n % 10 == 0
        items.append(
            ReportItem(
                number=n,
                name=path.name,
                kind="image",
                path=path,
                sha256=sha,
                size=len(data),
                width=SIZE[1] if upright else SIZE[0],
                height=SIZE[0] if upright else SIZE[1],
                orientation=6 if upright else 1,
                taken_at=t0 + timedelta(minutes=n),
                taken_at_source="exif",
                received_at=t0 + timedelta(hours=2),
                sender="Bench Customer",
                camera="BenchCam Model 12",
                caption=f"Photo {n} of the damage",
            )
        )
        manifest.append(ReportManifestEntry(sha, len(data), path.name))
    case = ReportCase(
        ref="BENCH-0001",
        title="Benchmark case",
        customer_name="Bench Customer",
        received=len(items),
        included=len(items),
    )
    return CaseFileData(case=case, items=items, manifest=manifest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--per-page", type=int, default=2, choices=(1, 2, 4))
    args = parser.parse_args()
    data = build_case(ensure_photos(args.photos))
    originals = sum(it.size for it in data.items) / 1e6
    out = OUT / "bench_case.pdf"
    start, cpu_start = time.perf_counter(), time.process_time()
    render_case_file(data, out, ReportOptions(per_page=args.per_page))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    megabytes = out.stat().st_size / 1e6
    from pypdf import PdfReader  # only to count pages; not needed by the renderer

    pages = len(PdfReader(out).pages)
    verdict = "OK" if seconds < TARGET_S and megabytes < TARGET_MB else "OVER TARGET"
    print(
        f"export_bench: {args.photos} photos {SIZE[0]}x{SIZE[1]} ({originals:.0f} MB of originals), "
        f"{args.per_page}/page -> {pages} pages, {megabytes:.1f} MB in {seconds:.2f} s "
        f"(CPU {cpu:.2f} s, {os.cpu_count()} cores, load {load:.1f}) [{verdict}: < {TARGET_S:.0f} s, < {TARGET_MB:.0f} MB]"
    )
    print(f"command: python bench/export_bench.py --photos {args.photos} --per-page {args.per_page}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
