"""Peak memory of an import, whatever one file's size: an e-mail with a 50 MB attachment and a 2 GB video.

    python bench/memory_bench.py [--video-gb 2]

Each import runs as ``casedesk import FILE`` in a fresh process; a small parent process reports its peak RSS
(``RUSAGE_CHILDREN``). The floor measured in the same run: the peak RSS of a process that only imports the
import service's modules (Pillow, NumPy, PyAV, SQLAlchemy). The time is set beside the raw limit of the same file:
reading it once and taking its SHA-256 (what any import must do), and for the video also copying it once (the
original is stored). The video is a real MP4 made long by a trailing ``free`` box, written sparse (bench/out,
git-ignored); the e-mail attachment is random bytes behind a PDF header.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "memory"
PEAK = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"s": time.perf_counter() - t, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                  / 1024, "rc": proc.returncode, "err": proc.stderr[-300:]}))
"""


def peak(*cmd: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def read_hash(path: Path, copy_to: Path | None = None) -> float:
    t = time.perf_counter()
    h = hashlib.sha256()
    out = copy_to.open("wb") if copy_to else None
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            if out:
                out.write(chunk)
    if out:
        out.flush()
        os.fsync(out.fileno())
        out.close()
        copy_to.unlink()  # type: ignore[union-attr]
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    from tests.gen import mail_with_attachment, padded_video

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--video-gb", type=float, default=2.0)
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    mail = OUT / "attachment-50mb.eml"
    if not mail.exists():
        mail_with_attachment(mail, b"%PDF-1.4\n" + os.urandom(50 * 2**20), "expertise.pdf")
    video = OUT / f"video-{args.video_gb:g}gb.mp4"
    if not video.exists():
        padded_video(video, int(args.video_gb * 2**30) - 16, OUT / "gen")
    floor = peak(sys.executable, "-c", "import desktop.services.importing, desktop.media.probe")
    res: dict = {"floor_peak_mb": round(floor["peak_mb"])}
    for label, path, copy in (("mail_50mb", mail, False), ("video", video, True)):
        lib = OUT / f"lib-{label}"
        shutil.rmtree(lib, ignore_errors=True)
        run = peak(sys.executable, "-m", "desktop", "--data-dir", str(lib), "import", str(path))
        assert run["rc"] == 0, run["err"]
        raw = read_hash(path, OUT / "copy.tmp" if copy else None)
        res[label] = {"file_mb": round(path.stat().st_size / 2**20), "peak_mb": round(run["peak_mb"]),
                      "import_s": round(run["s"], 1), "raw_read_hash" + ("_copy" if copy else "") + "_s": round(raw, 1)}
        shutil.rmtree(lib, ignore_errors=True)
    res["load"] = round(os.getloadavg()[0], 1)
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
