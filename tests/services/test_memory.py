"""Memory stays flat whatever one file's size: peak RSS of a real import process, read by a fresh parent.

The import runs in a child of a small wrapper process, which reports ``RUSAGE_CHILDREN``'s peak RSS: the peak of
the import process alone (the test process's own earlier children cannot count).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.gen import mail_with_attachment, padded_video

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 300
PEAK = """
import json, resource, subprocess, sys
proc = subprocess.run([sys.executable, "-m", "desktop", *sys.argv[1:]], capture_output=True, text=True)
print(json.dumps({"rc": proc.returncode, "out": proc.stdout, "err": proc.stderr,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def peak_import(data: Path, *inputs: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run([sys.executable, "-c", PEAK, "--data-dir", str(data), "import", *map(str, inputs),
                          "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True)
    result = json.loads(out.stdout)
    assert result["rc"] == 0, result["err"]
    result["report"] = json.loads(result["out"])
    return result


def test_an_email_with_a_50_mb_attachment(tmp_path):
    payload = b"%PDF-1.4\n" + os.urandom(50 * 2**20)
    mail = mail_with_attachment(tmp_path / "in" / "big.eml", payload, "expertise.pdf")
    data = tmp_path / "lib"
    result = peak_import(data, mail)
    assert result["report"]["imported"] == 1
    assert result["peak_mb"] < LIMIT_MB, result["peak_mb"]  # was 712 MB before the spooled parse
    stored = {p.stat().st_size: p for p in (data / "originals").rglob("*") if p.is_file()}
    assert sorted(stored) == sorted([len(payload), mail.stat().st_size])  # the attachment and the e-mail itself
    assert stored[len(payload)].read_bytes() == payload
    assert stored[mail.stat().st_size].read_bytes() == mail.read_bytes()
    assert not list((data / "tmp").iterdir())


def test_a_large_video(tmp_path):
    video = padded_video(tmp_path / "in" / "VID_20240314_101233.mp4", 160 * 2**20, tmp_path / "gen")
    data = tmp_path / "lib"
    result = peak_import(data, video)
    assert result["report"]["imported"] == 1
    assert result["peak_mb"] < LIMIT_MB, result["peak_mb"]
    media = json.loads(subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "media", "--json"],
                                      cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    assert [(m["kind"], m["width"], m["height"]) for m in media] == [("video", 160, 120)]
