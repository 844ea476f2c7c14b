"""A WhatsApp export with 500 photos: is the import bound by the photos or by the chat text?

    python bench/chat_bench.py [N_PHOTOS]

Prints the time to parse the chat alone, the raw limit for the photos (read + SHA-256 + draft decode on both
cores), and the whole import of the export folder.
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
from desktop.intake.chat_export import read_chat_export  # noqa: E402
from desktop.services.importing import import_paths  # noqa: E402
from desktop.services.library import Library  # noqa: E402
from desktop.settings import AppPaths  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def build_export(n: int) -> Path:
    folder = OUT / f"chat{n}" / "WhatsApp Chat with Bench Customer"
    if folder.is_dir() and len(list(folder.glob("*.jpg"))) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = phone_jpegs(OUT / "phone4000x3000", 40)
    lines = []
    for i in range(n):
        name = f"IMG-20261101-WA{i:04d}.jpg"
        img = Image.open(sources[i % len(sources)]).convert("RGB")
        img = img.crop((i % 17 * 20, 0, img.width - i % 13 * 20, img.height))
        img.thumbnail((1600, 1600))
        img.save(folder / name, "JPEG", quality=75)
        h, m = divmod(i, 60)
        lines.append(f"01/11/2026, {8 + h % 12:02d}:{m:02d} - Bench Customer: {name} (file attached)")
        lines.append(f"01/11/2026, {8 + h % 12:02d}:{m:02d} - Bench Customer: photo {i} of the damage")
        if i % 25 == 0:
            lines.append(f"01/11/2026, {8 + h % 12:02d}:{m:02d} - Claims Team: Thank you, received.")
    (folder / "WhatsApp Chat with Bench Customer.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    folder = build_export(n)
    photos = sorted(folder.glob("*.jpg"))
    for p in photos:
        p.read_bytes()
    chat = folder / "WhatsApp Chat with Bench Customer.txt"
    t = time.perf_counter()
    export = read_chat_export(chat)
    parse_s = time.perf_counter() - t
    assert len(export.linked) == n
    t = time.perf_counter()
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        list(pool.map(raw_limit_one, photos))
    raw_s = time.perf_counter() - t
    lib_dir = OUT / "chat-bench-lib"
    shutil.rmtree(lib_dir, ignore_errors=True)
    lib = Library(AppPaths(lib_dir))
    t = time.perf_counter()
    report = import_paths(lib, [folder])
    import_s = time.perf_counter() - t
    lib.close()
    assert report.imported == n and not report.rejected
    print(f"chat with {n} photos (1600 px WhatsApp copies), {len(export.chat.entries)} entries")
    print(f"| parse the chat text alone | {parse_s * 1000:.0f} ms |")
    print(f"| raw limit for the photos (read + SHA-256 + draft decode, both cores) | {raw_s:.2f} s |")
    print(f"| whole import | {import_s:.2f} s ({n / import_s:.0f} photos/s) |")
    print(f"| text share of the import | {parse_s / import_s * 100:.1f} % |")


if __name__ == "__main__":
    main()
