"""Import speed against the raw limit measured in the same run.

    python bench/import_bench.py [N] [--runs R] [--cli N_CLI]

Raw limit = what any import must do per file: read it, SHA-256 it, and decode it reduced with Pillow's draft()
(the same reduction the probe asks for), on both cores (one thread per core). The import adds EXIF, thumbnails,
fingerprints, the fsynced content-addressed copy, the database transaction and duplicate grouping.

Measured alternately, ``R`` times each, best run kept (the machine is shared: the best run is the one least
disturbed): the raw limit, and ``import_paths`` in this process (wall and CPU time, and its steps). CPU time is
given too: on a loaded machine the ratio of CPU per file (raw / import) is what the import would reach on two
idle cores, the wall-clock ratio what it reached.

``--cli``: the whole import of a folder of ``N_CLI`` photos through the command line, process start included
(``python -m desktop --data-dir D import FOLDER``), against one process decoding the same files with draft()
on one thread, measured right before it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import phone_jpegs, raw_limit_one  # noqa: E402
from desktop.media.probe import _draft_request  # noqa: E402
from desktop.services.importing import import_paths  # noqa: E402
from desktop.services.library import Library  # noqa: E402
from desktop.settings import AppPaths  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (the duplicates' proof workers)."""
    r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def raw_limit(files: list[Path], threads: int) -> tuple[float, float]:
    """(wall s, CPU s) of the raw limit over ``files``."""
    t, c = time.perf_counter(), cpu()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(raw_limit_one, files))
    return time.perf_counter() - t, cpu() - c


def one_import(files: list[Path]) -> tuple[float, float, dict[str, float]]:
    lib_dir = OUT / "import-bench-lib"
    shutil.rmtree(lib_dir, ignore_errors=True)
    lib = Library(AppPaths(lib_dir))
    steps: dict[str, float] = {}
    t, c = time.perf_counter(), cpu()
    report = import_paths(lib, files, timings=steps)
    wall, used = time.perf_counter() - t, cpu() - c
    lib.close()
    assert report.imported == len(files) and not report.rejected, report
    return wall, used, steps


def analysis_one(p: Path) -> int:
    """What the import's workers do per new file, without the store: read, SHA-256, probe."""
    import hashlib

    from desktop.media.probe import probe_bytes

    data = p.read_bytes()
    hashlib.sha256(data).hexdigest()
    return len(probe_bytes(data, p.name).thumbnail or b"")


def threads_or_processes(files: list[Path], workers: int, runs: int) -> tuple[float, float]:
    """(files/s on ``workers`` threads, files/s on ``workers`` processes) of the analysis, best of ``runs``."""
    from concurrent.futures import ProcessPoolExecutor

    threads, procs = [], []
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(analysis_one, files[:workers]))  # started and warm
        for _ in range(runs):
            t = time.perf_counter()
            with ThreadPoolExecutor(workers) as tp:
                list(tp.map(analysis_one, files))
            threads.append(time.perf_counter() - t)
            t = time.perf_counter()
            list(pool.map(analysis_one, files, chunksize=2))
            procs.append(time.perf_counter() - t)
    return len(files) / min(threads), len(files) / min(procs)


def draft_decode(p: Path) -> None:
    with Image.open(p) as img:
        img.draft("RGB", _draft_request(*img.size))
        img.load()


def cli_import(folder: Path, n: int, runs: int) -> tuple[float, float]:
    """(seconds of one process decoding the files with draft(), seconds of the command-line import), each the
    best of ``runs``, measured alternately."""
    files = sorted(folder.glob("IMG_*.jpg"))[:n]
    assert len(files) == n == len(list(folder.iterdir())), "the folder must hold exactly the files decoded"
    lib_dir = OUT / "import-bench-cli-lib"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    decodes, imports = [], []
    for _ in range(runs):
        t = time.perf_counter()
        for p in files:
            draft_decode(p)
        decodes.append(time.perf_counter() - t)
        shutil.rmtree(lib_dir, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(lib_dir), "import", str(folder)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        imports.append(time.perf_counter() - t)
    return min(decodes), min(imports)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=60)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--cli", type=int, default=0, metavar="N_CLI")
    ap.add_argument("--gil", action="store_true", help="also: the analysis on threads against processes")
    args = ap.parse_args(argv)
    n = args.n
    files = phone_jpegs(OUT / "phone4000x3000", max(n, args.cli))
    for p in files:  # warm the page cache for every measurement alike
        p.read_bytes()
    cores = os.cpu_count() or 2
    raws, imports = [], []
    for _ in range(args.runs):
        raws.append(raw_limit(files[:n], cores))
        imports.append(one_import(files[:n]))
    raw_wall, raw_cpu = min(raws)
    imp_wall, imp_cpu, steps = min(imports, key=lambda r: r[0])
    raw1 = n / raw_limit(files[:n], 1)[0]
    mb = sum(p.stat().st_size for p in files[:n]) / n / 1e6
    load = os.getloadavg()[0]
    print(f"{n} JPEGs 4000x3000 (~{mb:.1f} MB each), {cores} cores, load {load:.1f}, best of {args.runs}")
    print(f"| raw limit, {cores} threads (read + SHA-256 + draft decode) | {n / raw_wall:.1f} images/s "
          f"| {raw_cpu / n * 1000:.1f} ms CPU per file |")
    print(f"| raw limit, 1 thread | {raw1:.1f} images/s | |")
    print(f"| casedesk import | {n / imp_wall:.1f} images/s | {imp_cpu / n * 1000:.1f} ms CPU per file |")
    print(f"| **ratio import / raw limit** | wall clock **{raw_wall / imp_wall:.2f}** "
          f"| CPU per file **{raw_cpu / imp_cpu:.2f}** |")
    total = sum(steps.values())
    print("| import steps (s, share) | " + ", ".join(f"{k} {v:.2f} ({v / total:.0%})" for k, v in steps.items())
          + " |")
    if args.gil:
        on_threads, on_procs = threads_or_processes(files[:n], cores, args.runs)
        print(f"| analysis (read, SHA-256, probe), {cores} threads / {cores} processes | {on_threads:.1f} / "
              f"{on_procs:.1f} files/s | threads reach **{on_threads / on_procs:.2f}** of processes |")
    if args.cli:
        decode, whole = cli_import(OUT / "phone4000x3000", args.cli, args.runs)
        print(f"| one process, draft decode of {args.cli} files, 1 thread (best of {args.runs}) | {decode:.2f} s |")
        print(f"| `casedesk import` of the folder, process start included (best of {args.runs}) | {whole:.2f} s |")
        print(f"| **whole import / single-process draft decode (speed)** | **{decode / whole:.2f}x** |")


if __name__ == "__main__":
    main()
