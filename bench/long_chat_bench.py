"""The longest chat WhatsApp exports: 40,000 messages (its limit for an export without media), through the
command line.

    python bench/long_chat_bench.py [N_MESSAGES]

Generates an Android-style export (two parties, texts of 3 to 30 words, ~5 MB), then prints the time to parse it
alone and the whole ``casedesk import`` of it in a fresh process (process start included) with its peak memory, and
the same for importing it again into that library (every message already there: looked up, none added).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.intake.chat_export import read_chat_export  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
WORDS = ["the", "damage", "photo", "water", "roof", "insurance", "please", "send", "kitchen", "ceiling", "claim"]


def export(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    chat = folder / "WhatsApp Chat with Long Customer.txt"
    rnd = random.Random(1)
    with chat.open("w", encoding="utf-8") as f:
        for i in range(n):
            day, month = 1 + (i // 2000) % 28, 1 + (i // 56000) % 12
            who = "Long Customer" if i % 3 else "Claims Desk"
            text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 30)))
            f.write(f"{day:02d}/{month:02d}/2025, {10 + i % 10:02d}:{i % 60:02d} - {who}: {text}\n")
    return chat


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000
    folder = OUT / f"long-chat-{n}"
    chat = folder / "WhatsApp Chat with Long Customer.txt"
    if not chat.exists():
        export(folder, n)
    t = time.perf_counter()
    parsed = read_chat_export(chat)
    parse = time.perf_counter() - t
    lib = OUT / "long-chat-lib"
    shutil.rmtree(lib, ignore_errors=True)
    mb = chat.stat().st_size / 1e6
    print(f"| chat of {len(parsed.chat.entries):,} messages ({mb:.1f} MB): parse alone | {parse:.2f} s |")
    del parsed
    whole, cpu, peak = run_import(lib, folder)
    print(f"| `casedesk import` of it, process start included | {whole:.2f} s (CPU {cpu:.2f} s), peak {peak:.0f} MB |")
    whole, cpu, peak = run_import(lib, folder)
    print(f"| the same import again (all present) | {whole:.2f} s (CPU {cpu:.2f} s), peak {peak:.0f} MB |")


PEAK = """
import json, os, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run([sys.executable, "-m", "desktop", *sys.argv[1:]], capture_output=True, text=True)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "err": proc.stderr[-2000:], "s": time.perf_counter() - t,
                  "cpu": u.ru_utime + u.ru_stime, "peak": u.ru_maxrss / 1024}))
"""


def run_import(lib: Path, folder: Path) -> tuple[float, float, float]:
    """Seconds, CPU seconds and peak RSS (MB) of one ``casedesk import`` in a fresh process, started by a small
    fresh parent: a child forked from this process (which holds the parsed chat) counts this one's RSS as its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", PEAK, "--data-dir", str(lib), "import", str(folder)], cwd=ROOT,
                         env=env, capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)
    if r["rc"]:
        raise SystemExit(f"import failed ({r['rc']}): {r['err']}")
    return r["s"], r["cpu"], r["peak"]


if __name__ == "__main__":
    main()
