"""Kill ``casedesk import`` at random moments and check that the library recovers, with nothing left over.

    python bench/kill_bench.py [--runs 30] [--seed 7]

The input is a folder of 30 phone-size photos (``bench/corpus.py``), the shared camera fixtures' JPEGs (one of
them damaged), a WhatsApp export as a ZIP and a multipart e-mail. A clean import of it into a fresh library gives
the reference. Each run imports it into an empty library (so the first start, the schema's creation, is among
the moments hit) and is killed with SIGKILL after a random time between 0.05 s and 1.1 times the clean import's.
Then, in fresh processes: ``casedesk cases`` must work, importing the folder again must end with the reference's
media rows, ``verify`` must pass, and nothing may be left in the scratch folder, the store's temporaries or the
thumbnails' temporaries; the originals must be the reference's, no more. A run that fails keeps its library in
``bench/out/kills`` and prints what was wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "kills"
FIXTURES = Path(os.environ.get("CASEDESK_SHARED", ROOT.parent / "shared")) / "fixtures"


def make_input(folder: Path) -> Path:
    from bench.corpus import phone_jpegs

    folder.mkdir(parents=True, exist_ok=True)
    for p in phone_jpegs(ROOT / "bench" / "out" / "phone4000x3000", 30):
        shutil.copyfile(p, folder / p.name)
    for p in sorted((FIXTURES / "exif-samples" / "jpg").glob("*.jpg")):
        shutil.copyfile(p, folder / p.name)
    chat = FIXTURES / "whatsapp" / "casedesk-authored" / "android-nl-24h"
    if chat.is_dir():
        with zipfile.ZipFile(folder / "WhatsApp Chat met Jan.zip", "w") as z:
            for p in sorted(chat.rglob("*")):
                if p.is_file():
                    z.write(p, p.relative_to(chat))
    mail = ROOT / "tests" / "fixtures" / "mail" / "flanker" / "mailbox-full.eml"
    if mail.is_file():
        shutil.copyfile(mail, folder / mail.name)
    return folder


def casedesk(lib: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CASEDESK_HANDLER="bench")
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(lib), *args], capture_output=True,
                          text=True, timeout=300, env=env, cwd=ROOT)


def media_rows(lib: Path) -> int | None:
    p = casedesk(lib, "media", "--json")
    return len(json.loads(p.stdout)) if p.returncode == 0 else None


def originals(lib: Path) -> set[str]:
    return {p.name for p in (lib / "originals").glob("??/*") if p.is_file()}


def leftovers(lib: Path) -> list[str]:
    found = [*(lib / "tmp").glob("*"), *(lib / "originals" / ".incoming").glob("*"), *(lib / "thumbs").glob("??/.*")]
    return sorted(str(p.relative_to(lib)) for p in found)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    shutil.rmtree(OUT, ignore_errors=True)
    inp = make_input(OUT / "input")
    ref = OUT / "reference"
    t0 = time.perf_counter()
    done = casedesk(ref, "import", str(inp))
    full = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"the clean import failed: {done.stderr}")
    n_ref, blobs_ref = media_rows(ref), originals(ref)
    print(f"clean import {full:.2f} s: {n_ref} media rows, {len(blobs_ref)} originals")
    failed = 0
    env = dict(os.environ, PYTHONPATH=str(ROOT), CASEDESK_HANDLER="bench")
    for i in range(args.runs):
        lib = OUT / f"run{i:02d}"
        at = rng.uniform(0.05, 1.1 * full)
        proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(lib), "import", str(inp)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        wrong = []
        if (p := casedesk(lib, "cases", "--json")).returncode != 0:
            wrong.append(f"cases: exit {p.returncode}: {p.stderr.strip()[-300:]}")
        if (p := casedesk(lib, "import", str(inp))).returncode not in (0, 1):
            wrong.append(f"import again: exit {p.returncode}: {p.stderr.strip()[-300:]}")
        if (n := media_rows(lib)) != n_ref:
            wrong.append(f"{n} media rows, not {n_ref}")
        if (p := casedesk(lib, "verify")).returncode != 0:
            wrong.append(f"verify: exit {p.returncode}: {(p.stdout + p.stderr).strip()[-300:]}")
        if left := leftovers(lib):
            wrong.append(f"left over: {left[:5]}")
        if (blobs := originals(lib)) != blobs_ref:
            wrong.append(f"originals: {len(blobs - blobs_ref)} more, {len(blobs_ref - blobs)} fewer")
        print(f"{i:2d} killed after {at:.2f} s: {'recovered' if not wrong else 'NOT RECOVERED'}")
        for w in wrong:
            print("     " + w)
        failed += bool(wrong)
        if not wrong:
            shutil.rmtree(lib)
    print(f"recovered {args.runs - failed} of {args.runs}")


if __name__ == "__main__":
    main()
