"""A case of a long chat after an import joins it: the case list, the undo history and opening the case.

    python bench/join_bench.py LIBRARY JOIN_INPUT [--case REF] [--root CHECKOUT] [--runs N]

LIBRARY holds the long chat's case (``python bench/long_chat_bench.py 200000`` leaves one in
bench/out/long-chat-lib); it is copied, never changed. JOIN_INPUT is imported into the copy with ``--case REF``
(photos, the same chat again, a longer export of it). Then, each in a fresh process of CHECKOUT's code (default:
this one): ``casedesk cases --json`` (the first list after the join measures the joined case again, the next ones
read what it kept), ``casedesk history --json``, ``casedesk messages --case REF --json``, and
``services.cases.open_case`` (what the window calls to open the case; no command prints it) timed inside its
process, before and after a list. Wall times in seconds, the best of N runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPEN = """
import sys, time
from desktop.services.library import open_library
from desktop.services.cases import open_case
lib = open_library(sys.argv[1])
t = time.perf_counter(); open_case(lib, sys.argv[2]); print(time.perf_counter() - t)
"""


def run(root: Path, *args: str) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(root)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t
    return float(out.stdout.strip()) if args[0] == "-c" else wall


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("library", type=Path)
    p.add_argument("join", type=Path)
    p.add_argument("--case", default="C-2026-0001")
    p.add_argument("--root", type=Path, default=ROOT)
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    cli = ["-m", "desktop", "--data-dir"]
    with tempfile.TemporaryDirectory() as tmp:
        best: dict[str, float] = {}
        for _ in range(a.runs):
            lib = Path(tmp) / "lib"
            shutil.rmtree(lib, ignore_errors=True)
            shutil.copytree(a.library, lib)
            d = str(lib)
            run(a.root, *cli, d, "cases", "--json")  # the response times kept before the join
            run(a.root, *cli, d, "import", str(a.join), "--case", a.case)
            times = {
                "open_case, first after the join": run(a.root, "-c", OPEN, d, a.case),
                "cases --json, first after the join": run(a.root, *cli, d, "cases", "--json"),
                "cases --json": run(a.root, *cli, d, "cases", "--json"),
                "history --json": run(a.root, *cli, d, "history", "--json"),
                "open_case": run(a.root, "-c", OPEN, d, a.case),
                f"messages --case {a.case} --json": run(a.root, *cli, d, "messages", "--case", a.case, "--json"),
            }
            for k, v in times.items():
                best[k] = min(v, best.get(k, v))
        for k, v in best.items():
            print(f"| {k} | {v:.2f} s |")


if __name__ == "__main__":
    main()
