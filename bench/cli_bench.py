"""How fast the command line answers, next to the bare SQLAlchemy import measured in the same run.

    python bench/cli_bench.py [--runs 11] [--items 5000] [--rebuild]

Each figure is the median wall time of a fresh process (``python -m desktop ...``, what the ``casedesk`` script
runs), the commands interleaved run by run so that the machine's load falls on all of them alike:
- ``python -c pass``: the interpreter alone;
- ``python -c "import sqlalchemy"``: the raw limit any command that opens the database pays;
- ``casedesk --help``;
- ``casedesk cases --json`` on an empty library and on a library of 5,000 media items in 100 cases.
The 5,000-item library is built once through the import service (100 folders of 50 small generated JPEGs, one case
each) in bench/out/cli-lib (git-ignored). CPU time (user + system of the child) is printed beside the wall time:
it moves less with the load of other work on the machine. The children run with bytecode caching on (as an
installed Casedesk, whose installer compiles it) even when this shell sets PYTHONDONTWRITEBYTECODE: without
``__pycache__`` every module of the checkout is compiled from source on every start, while SQLAlchemy's (from
site-packages) is not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
LIB = OUT / "cli-lib"
PER_CASE = 50


def build(items: int) -> None:
    from PIL import Image, ImageDraw

    from desktop.services.importing import import_paths
    from desktop.services.library import open_library

    shutil.rmtree(LIB, ignore_errors=True)
    src = OUT / "cli-src"
    rnd = random.Random(9)
    t = time.perf_counter()
    folders = []
    for c in range(items // PER_CASE):
        folder = src / f"case{c:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        folders.append(folder)
        for i in range(PER_CASE):
            p = folder / f"IMG_{i:03d}.jpg"
            if p.exists():
                continue
            img = Image.new("RGB", (160, 120), tuple(rnd.randrange(256) for _ in range(3)))
            d = ImageDraw.Draw(img)
            for _ in range(5):
                x, y = rnd.randrange(160), rnd.randrange(120)
                d.ellipse((x, y, x + rnd.randrange(20, 80), y + rnd.randrange(20, 80)),
                          fill=tuple(rnd.randrange(256) for _ in range(3)))
            exif = Image.Exif()
            exif.get_ifd(0x8769)[0x9003] = f"2026:{1 + c % 12:02d}:{1 + c % 28:02d} 10:{i // 60:02d}:{i % 60:02d}"
            img.save(p, "JPEG", quality=80, exif=exif.tobytes())
    print(f"generated {items} JPEGs in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    t = time.perf_counter()
    with open_library(LIB) as lib:
        for c, folder in enumerate(folders):
            report = import_paths(lib, [folder], case_ref=f"C-2026-{c + 1:04d}")
            assert report.imported == PER_CASE and not report.rejected, report
    print(f"imported {items} files into {len(folders)} cases in {time.perf_counter() - t:.1f} s", file=sys.stderr)


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    if args.rebuild or not (LIB / "library.db").exists():
        build(args.items)
    empty = OUT / "cli-empty-lib"
    shutil.rmtree(empty, ignore_errors=True)
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        'python -c "import sqlalchemy"': [py, "-c", "import sqlalchemy"],
        "casedesk --help": [py, "-m", "desktop", "--help"],
        "casedesk cases --json (empty library)": [py, "-m", "desktop", "--data-dir", str(empty), "cases", "--json"],
        f"casedesk cases --json ({args.items} items)": [py, "-m", "desktop", "--data-dir", str(LIB), "cases",
                                                        "--json"],
    }
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    for cmd in commands.values():  # warm-up: bytecode caches, the empty library's schema, the page cache
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
    listed = json.loads(subprocess.run(commands[f"casedesk cases --json ({args.items} items)"], cwd=ROOT, env=env,
                                       capture_output=True, text=True, check=True).stdout)
    assert sum(c["media"] for c in listed) == args.items, "the bench library does not hold the expected items"
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            c0, t0 = child_cpu(), time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(child_cpu() - c0)
    base_wall = statistics.median(wall['python -c "import sqlalchemy"'])
    base_cpu = statistics.median(cpu['python -c "import sqlalchemy"'])
    print(f"{args.runs} runs each, medians; {len(listed)} cases, {args.items} media items")
    print("| command | wall s | CPU s | wall / import sqlalchemy | CPU / import sqlalchemy |")
    print("|---|---|---|---|---|")
    for name in commands:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"| {name} | {w:.3f} | {c:.3f} | {w / base_wall:.2f} | {c / base_cpu:.2f} |")


if __name__ == "__main__":
    main()
