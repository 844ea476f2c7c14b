"""A read-only library is refused in one sentence before any work starts, never 'unexpected error: OSError'.

The library is a copy made read-only with chmod. Root ignores permission bits, so when the tests run as root the
command runs without the capabilities that let root write anyway (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
CAP_FOWNER, dropped from its bounding set with prctl): the permission bits then hold for it as for any user.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def _drop_root_overrides() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def casedesk(data: Path, *args: str, as_user: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=_drop_root_overrides if as_user else None)


def read_only(tree: Path) -> None:
    for p in [tree, *tree.rglob("*")]:
        mode = p.stat().st_mode
        p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def writable(tree: Path) -> None:
    for p in [tree, *tree.rglob("*")]:
        p.chmod(p.stat().st_mode | stat.S_IWUSR)


@pytest.fixture
def library_copy(tmp_path):
    if os.geteuid() == 0:
        try:
            subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_root_overrides, check=True)
        except (subprocess.SubprocessError, OSError) as e:
            pytest.skip(f"running as root without CAP_SETPCAP, permission bits cannot be made to hold ({e})")
    data = tmp_path / "lib"
    assert casedesk(data, "import", str(jpeg(tmp_path / "a.jpg", seed=7)), "--json").returncode == 0
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    yield copy
    writable(copy)


@pytest.mark.parametrize("command", [["cases", "--json"], ["import", "PHOTO"], ["verify"]])
def test_read_only_library_is_refused_in_one_sentence(library_copy, tmp_path, command):
    probe = casedesk(library_copy, "cases", "--json", as_user=True)
    assert probe.returncode == 0, probe.stderr  # writable, the same process conditions open it
    read_only(library_copy)
    photo = jpeg(tmp_path / "b.jpg", seed=8)
    proc = casedesk(library_copy, *[str(photo) if a == "PHOTO" else a for a in command], as_user=True)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"casedesk: the library at {library_copy} is read-only: {library_copy} cannot be written "
                     "(Permission denied); make it writable, or copy it to a writable folder and open the copy "
                     "with --data-dir"], proc.stderr


def test_a_read_only_database_file_is_named(library_copy):
    db = library_copy / "library.db"
    db.chmod(0o444)
    proc = casedesk(library_copy, "cases", "--json", as_user=True)
    assert proc.returncode == 2
    assert f"is read-only: {db} cannot be written (Permission denied)" in proc.stderr, proc.stderr
    db.chmod(0o644)
    again = casedesk(library_copy, "cases", "--json", as_user=True)
    assert again.returncode == 0 and len(json.loads(again.stdout)) == 1, again.stderr
