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


def test_a_folder_of_large_pictures_decoded_whole(tmp_path):
    """A PNG, HEIC or TIFF has no reduced decode: each is decoded whole (a 17-megapixel plan: 52 MB). On four
    threads four of them were held at once, and the memory each thread freed stayed in its allocator's arena:
    six such PNGs peaked at 374-389 MB. Now the decodes share a budget and give their memory back."""
    import numpy as np
    from PIL import Image

    folder = tmp_path / "in"
    folder.mkdir()
    h, w = 3500, 5000
    y, x = np.mgrid[0:h, 0:w]
    for i in range(6):  # drawings as a contractor sends them: large, flat, small files
        plan = np.stack([(x * (i + 1) // 20) % 256, (y // (3 + i)) % 256, ((x + y) // (7 + i)) % 256], -1)
        Image.fromarray(plan.astype(np.uint8)).save(folder / f"plan-{i}.png", compress_level=1)
    result = peak_import(tmp_path / "lib", folder)
    assert result["report"]["imported"] == 6 and result["report"]["rejected"] == []
    assert result["peak_mb"] < LIMIT_MB, result["peak_mb"]


def long_chat(folder: Path, n: int) -> Path:
    """A two-party Android export of ``n`` messages (200,000: 28 MB of text)."""
    folder.mkdir(parents=True)
    with (folder / "WhatsApp Chat with Long Customer.txt").open("w", encoding="utf-8") as f:
        for i in range(n):
            who = "Long Customer" if i % 3 else "Claims Desk"
            f.write(f"{1 + (i // 2000) % 28:02d}/{1 + (i // 56000) % 12:02d}/2025, {10 + i % 10:02d}:{i % 60:02d}"
                    f" - {who}: {_words(i)}\n")
    return folder


def _words(i: int) -> str:
    return " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(3 + (i * 13) % 28))


WORDS = ["the", "damage", "photo", "water", "roof", "insurance", "please", "send", "kitchen", "ceiling"]
FLAT_MB = 40  # how far a chat of 200,000 messages may peak above one of 2,000


def test_a_chat_of_200000_messages(tmp_path):
    """Five times the longest chat WhatsApp exports (28 MB of text). The whole text was held four times over
    (bytes, text, lines, a header object per line) beside the messages, and the import kept a key, an identity and
    an undo mark per message besides: 360 MB. Then every entry was held at once, with the customer's keys on a
    re-import, a digest per message for the repeat count and the undo journal's ids as a set and a list: 215 MB,
    about 90 MB above a chat of 2,000 messages (and as much again on a re-import). Now the entries are streamed
    (read back from a spool after the parties are known), the keys looked up per step, and the peak stays within
    ``FLAT_MB`` of the short chat's, the second import of the same export too."""
    import sqlite3

    small = peak_import(tmp_path / "small-lib", long_chat(tmp_path / "small", 2_000))
    assert small["report"]["rejected"] == []
    n = 200_000
    folder = long_chat(tmp_path / "in", n)
    data = tmp_path / "lib"
    result = peak_import(data, folder)
    assert result["report"]["rejected"] == []
    assert result["peak_mb"] < LIMIT_MB, result["peak_mb"]
    assert result["peak_mb"] - small["peak_mb"] < FLAT_MB, (result["peak_mb"], small["peak_mb"])
    again = peak_import(data, folder)  # every message already there: looked up, none added
    assert again["report"]["rejected"] == [] and again["report"]["already_present"] == 1  # the chat text
    assert again["peak_mb"] - small["peak_mb"] < FLAT_MB, (again["peak_mb"], small["peak_mb"])
    with sqlite3.connect(data / "library.db") as db:
        assert db.execute("SELECT count(*), count(DISTINCT match_key) FROM message").fetchone() == (n, n)
        last = db.execute("SELECT sender, text FROM message ORDER BY id DESC LIMIT 1").fetchone()
    assert last == ("Long Customer", _words(n - 1))
