"""The data folder is the handler's alone: modes of everything a library holds, and scratch space of an import
killed halfway removed at the next start (at once, not hours later), while a running import keeps its own."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def casedesk(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def modes(data: Path) -> dict[str, int]:
    return {str(p.relative_to(data)) or ".": stat.S_IMODE(p.lstat().st_mode) for p in [data, *data.rglob("*")]}


def test_a_new_library_is_private(tmp_path):
    data = tmp_path / "lib"
    photo = jpeg(tmp_path / "in" / "a.jpg", seed=1)
    assert casedesk(data, "import", str(photo), "--json").returncode == 0
    assert casedesk(data, "verify").returncode == 0
    with Library(AppPaths(data)) as lib:
        lib.save_prefs()
        found = modes(data)  # while it is open: the WAL and SHM files exist
    # the log file is created at its first line (none here); tests/cli/test_faults.py writes one
    for name in ("library.db", "library.db-wal", "library.db-shm", "logs", "preferences.json"):
        assert name in found, sorted(found)
    for name, mode in found.items():
        if (data / name).is_dir():
            assert mode == 0o700, (name, oct(mode))
        elif name.startswith("originals/"):
            assert mode == 0o400, (name, oct(mode))  # read-only and private
        else:
            assert mode & 0o077 == 0, (name, oct(mode))


def test_an_open_library_is_made_private_and_read_only_stays_read_only(tmp_path):
    data = tmp_path / "lib"
    with Library(AppPaths(data)) as lib:
        from desktop.services.importing import import_paths

        import_paths(lib, [jpeg(tmp_path / "in" / "a.jpg", seed=2)])
        lib.save_prefs()
    for p in [data, *data.rglob("*")]:  # as a library from before this rule: open to everybody
        p.chmod(p.stat().st_mode | (0o055 if p.is_dir() else 0o044))
    assert modes(data)["."] == 0o755 and modes(data)["library.db"] == 0o644
    Library(AppPaths(data)).close()
    after = modes(data)
    assert all(mode & 0o077 == 0 for mode in after.values()), after
    assert after["."] == 0o700 and after["library.db"] == 0o600 and after["preferences.json"] == 0o600
    assert [m for n, m in after.items() if n.startswith("originals/") and len(n) > 40] == [0o400]


KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from desktop.services.library import Library
    from desktop.settings import AppPaths
    lib = Library(AppPaths(Path(sys.argv[1])))
    with lib.workspace() as scratch:
        (scratch / "WhatsApp Chat with Emma.txt").write_text("14-03-2024 10:12 - Emma: hello")
        print(scratch, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
""")


def test_scratch_of_a_killed_import_is_removed_at_the_next_start(tmp_path):
    data = tmp_path / "lib"
    Library(AppPaths(data)).close()
    proc = subprocess.run([sys.executable, "-c", KILLED, str(data)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL
    scratch = Path(proc.stdout.strip())
    assert (scratch / "WhatsApp Chat with Emma.txt").exists()  # left behind by the killed process
    Library(AppPaths(data)).close()
    assert not scratch.exists() and list((data / "tmp").iterdir()) == []


def test_a_running_import_keeps_its_scratch(tmp_path):
    data = tmp_path / "lib"
    with Library(AppPaths(data)) as lib, lib.workspace() as scratch:
        (scratch / "chat.txt").write_text("in use")
        Library(AppPaths(data)).close()  # another desk (or window) starting meanwhile
        assert (scratch / "chat.txt").exists()
    assert not scratch.exists()
