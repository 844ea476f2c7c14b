"""Ctrl-C on the command line, as a user presses it: a real SIGINT to a real `casedesk import`.

An import is either in (exit 0, every file) or cancelled (exit 2, the library as before, nothing stored, no
scratch left), whenever the Ctrl-C comes: while the files are analysed (the first Ctrl-C stops at the next file,
a second one at once) or after the import was saved (the saved import is reported, not "interrupted").
The moment is taken from what the process shows (its progress bar on a pseudo-terminal, its printed report),
not from a timer.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]
FILES = 60


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _photos(folder: Path) -> Path:
    for i in range(FILES):
        jpeg(folder / f"p{i:02d}.jpg", seed=i, size=(640, 480))
    return folder


def _state(data: Path) -> tuple[int, list[Path], list[Path]]:
    """Media items in the library, originals stored, what is left in the scratch folder."""
    out = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "media", "--json"], cwd=ROOT,
                         env=_env(), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    stored = [p for p in (data / "originals").rglob("*") if p.is_file() and not p.name.startswith(".")]
    scratch = list((data / "tmp").iterdir()) if (data / "tmp").exists() else []
    return len(json.loads(out.stdout)), stored, scratch


def _start_import(data: Path, src: Path) -> tuple[subprocess.Popen, int]:
    """`casedesk import` with its stderr on a pseudo-terminal, so that it shows its progress bar."""
    subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "cases"], cwd=ROOT, env=_env(),
                   capture_output=True, timeout=120, check=True)  # the library exists: the import starts at once
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data), "import", str(src)],
                            cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    return proc, master


def _read_until(master: int, proc: subprocess.Popen, percent: float) -> str:
    """What the progress bar showed until it passed ``percent``."""
    shown = ""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                shown += os.read(master, 4096).decode(errors="replace")
            except OSError:  # the process closed its end
                break
            done = [float(x) for x in re.findall(r"(\d+\.\d)%", shown)]
            if done and done[-1] >= percent:
                return shown
    raise AssertionError(f"the import never reached {percent} %: {shown[-300:]!r}")


def _drain(master: int) -> str:
    shown = ""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            return shown
        if not chunk:
            return shown
        shown += chunk.decode(errors="replace")


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_while_the_files_are_analysed_cancels_the_import(tmp_path, presses):
    src, data = _photos(tmp_path / "in"), tmp_path / "lib"
    proc, master = _start_import(data, src)
    try:
        _read_until(master, proc, 15.0)
        for _ in range(presses):
            proc.send_signal(signal.SIGINT)
            time.sleep(0.05)  # a person's two presses are apart, too
        out, _ = proc.communicate(timeout=120)
        shown = _drain(master)
    finally:
        os.close(master)
    assert proc.returncode == 2, (proc.returncode, out, shown)
    assert "Import cancelled; the library is unchanged." in shown
    if presses == 1:
        assert "Ctrl-C again to stop at once" in shown
    assert "Traceback" not in shown and "Imported" not in out
    media, stored, scratch = _state(data)
    assert (media, stored, scratch) == (0, [], [])


def test_ctrl_c_after_the_import_was_saved_changes_nothing(tmp_path):
    src, data = _photos(tmp_path / "in"), tmp_path / "lib"
    proc, master = _start_import(data, src)
    try:
        first = proc.stdout.readline()  # printed after the commit
        assert first.startswith(f"Imported {FILES} file(s)"), first
        try:
            proc.send_signal(signal.SIGINT)
        except ProcessLookupError:  # already gone: nothing to interrupt
            pass
        rest, _ = proc.communicate(timeout=120)
        shown = _drain(master)
    finally:
        os.close(master)
    assert proc.returncode == 0, (proc.returncode, rest, shown)  # not "interrupted", not death by signal (-2)
    assert "interrupted" not in shown and "Traceback" not in shown
    media, stored, _ = _state(data)
    assert media == FILES and len(stored) == FILES
