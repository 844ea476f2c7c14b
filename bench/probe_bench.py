"""Probe throughput against the decode it cannot avoid, on generated 12 MP (4000x3000) camera-like JPEGs.

    python bench/probe_bench.py [--files 4] [--rounds 5]

Prints files/s for: Pillow draft decode alone (the floor), exifread alone, the full probe, and a full-size decode
(what the probe must not cost). The probe should be close to draft + EXIF; the difference is the orientation
transpose, the fingerprint and the thumbnail.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import exifread
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.media.probe import _draft_request, probe_bytes  # noqa: E402


def camera_jpeg(seed: int, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """Gradients plus block noise, quality 90, with a camera-like EXIF block (orientation 6, dates, make/model)."""
    width, height = size
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 // width, y * 255 // height, (x + y) * 255 // (width + height)], -1).astype(
        np.int16
    )
    noise = rng.integers(-30, 30, (height // 4, width // 4, 3)).repeat(4, 0).repeat(4, 1)
    img = Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Xiaomi", "Mi 9T", 6
    exif.get_ifd(0x8769).update({0x9003: "2022:07:16 16:27:30", 0x9291: "360058", 0x9011: "+02:00"})
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def draft_decode(data: bytes) -> None:
    img = Image.open(io.BytesIO(data))
    img.draft("RGB", _draft_request(*img.size))
    img.load()


def full_decode(data: bytes) -> None:
    Image.open(io.BytesIO(data)).load()


def exif_only(data: bytes) -> None:
    exifread.process_file(io.BytesIO(data), details=False, extract_thumbnail=False)


def probe(data: bytes) -> None:
    probe_bytes(data, "IMG_bench.jpg")


def rate(func: Callable[[bytes], None], files: list[bytes], rounds: int) -> tuple[float, float]:
    """Files per second by wall clock and by this process's CPU time (steadier on a busy machine)."""
    func(files[0])  # warm up
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for data in files:
            func(data)
    count = rounds * len(files)
    return count / (time.perf_counter() - wall), count / max(time.process_time() - cpu, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = [camera_jpeg(seed) for seed in range(args.files)]
    mean_mb = sum(map(len, files)) / len(files) / 1e6
    print(f"{len(files)} generated 4000x3000 JPEGs, {mean_mb:.1f} MB each, {args.rounds} rounds, one thread")
    results = {}
    for label, func, rounds in [
        ("draft decode (floor)", draft_decode, args.rounds),
        ("exifread only", exif_only, args.rounds),
        ("probe_bytes", probe, args.rounds),
        ("full decode", full_decode, max(1, args.rounds // 5)),
    ]:
        wall, cpu = results[label] = rate(func, files, rounds)
        print(
            f"  {label:22s} {wall:8.1f} files/s wall  {cpu:8.1f} files/s CPU  ({1000 / cpu:6.1f} ms CPU each)"
        )
    overhead = 1000 / results["probe_bytes"][1] - 1000 / results["draft decode (floor)"][1]
    print(f"probe costs {overhead:.1f} ms CPU more than the draft decode alone")


if __name__ == "__main__":
    main()
