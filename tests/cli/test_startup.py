"""The command line starts at once: ``--help`` and ``cases --json`` load no heavy module when the schema is current.

Each run is a real process in which an import hook refuses Pillow, numpy, PyAV, reportlab, extract-msg, Alembic and
Qt, and records every attempt: a command that needed any of them would fail instead of answering, and one that only
tried (inside a ``try``) is caught too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PIL", "numpy", "av", "reportlab", "extract_msg", "alembic", "PySide6", "shiboken6")

BLOCKED_MAIN = textwrap.dedent(f"""
    import atexit, sys
    HEAVY = {HEAVY!r}
    tried = set()
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split('.')[0] in HEAVY:
                tried.add(name.split('.')[0])
                raise ImportError('blocked in this test: ' + name)
    sys.meta_path.insert(0, Block())
    atexit.register(lambda: print('TRIED ' + ','.join(sorted(tried)), file=sys.stderr))
    from desktop.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


def blocked(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCKED_MAIN, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_help_loads_no_heavy_module():
    proc = blocked("--help")
    assert proc.returncode == 0, proc.stderr
    assert "import" in proc.stdout and "cases" in proc.stdout and "export" in proc.stdout
    assert proc.stderr.splitlines()[-1] == "TRIED ", proc.stderr  # not even an import attempt


def test_listings_on_a_current_library_load_no_heavy_module(tmp_path):
    data = tmp_path / "lib"
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33")
    jpeg(src / "b.jpg", seed=2, taken="2024:03:14 10:13:00")
    with Library(AppPaths(data)) as lib:  # creates the schema (Alembic runs here, in this process)
        report = import_paths(lib, [src], case_ref="C-2024-0042")
    assert report.imported == 2

    proc = blocked("--data-dir", str(data), "cases", "--json")
    assert proc.returncode == 0, proc.stderr
    cases = json.loads(proc.stdout)
    assert [(c["ref"], c["media"], c["status"]) for c in cases] == [("C-2024-0042", 2, "new")]
    assert proc.stderr.splitlines()[-1] == "TRIED ", proc.stderr  # not even an import attempt

    table = blocked("--data-dir", str(data), "cases")
    assert table.returncode == 0 and "C-2024-0042" in table.stdout, table.stderr

    media = blocked("--data-dir", str(data), "media", "--case", "C-2024-0042", "--json")
    assert media.returncode == 0, media.stderr
    assert sorted((m["name"], m["taken_at"]) for m in json.loads(media.stdout)) == [
        ("a.jpg", "2024-03-14T10:12:33"), ("b.jpg", "2024-03-14T10:13:00")]
    for listing in ("customers", "messages"):
        proc = blocked("--data-dir", str(data), listing, "--json")
        assert proc.returncode == 0 and json.loads(proc.stdout) == [], proc.stderr
        assert proc.stderr.splitlines()[-1] == "TRIED ", proc.stderr
    for listing in (["sla"], ["settings", "show"], ["customers", "--find", "06-12345678"]):
        proc = blocked("--data-dir", str(data), *listing, "--json")
        assert proc.returncode == 0 and json.loads(proc.stdout) is not None, proc.stderr
        assert proc.stderr.splitlines()[-1] == "TRIED ", proc.stderr


def test_a_library_without_schema_still_migrates_when_alembic_is_there(tmp_path):
    """The fast path is only a shortcut: a new library gets its schema from Alembic as before."""
    proc = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "new"), "cases", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
    again = blocked("--data-dir", str(tmp_path / "new"), "cases", "--json")
    assert again.returncode == 0 and json.loads(again.stdout) == [], again.stderr


def test_case_list_reads_without_the_orm(tmp_path):
    """``cases --json`` reads through SQLAlchemy Core: the ORM (its import and the mapping of every class) is the
    largest part of a start that is not SQLAlchemy itself."""
    data = tmp_path / "lib"
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33")
    with Library(AppPaths(data)) as lib:
        assert import_paths(lib, [src], case_ref="C-2024-0007").imported == 1
    script = textwrap.dedent("""
        import atexit, sys
        atexit.register(lambda: print('ORM ' + str('sqlalchemy.orm' in sys.modules), file=sys.stderr))
        from desktop.__main__ import main
        sys.exit(main(sys.argv[1:]))
    """)
    for args in (["cases", "--json"], ["cases", "--search", "C-2024", "--json"], ["--help"]):
        proc = subprocess.run([sys.executable, "-c", script, "--data-dir", str(data), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.splitlines()[-1] == "ORM False", (args, proc.stderr)
    listed = json.loads(subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "cases", "--json"],
                                       cwd=ROOT, capture_output=True, text=True, timeout=120).stdout)
    assert [(c["ref"], c["media"]) for c in listed] == [("C-2024-0007", 1)]


def test_an_import_of_photos_loads_no_video_library(tmp_path):
    """PyAV (50 ms of a start) is imported when a video or sound file needs it, not for a folder of photos."""
    script = BLOCKED_MAIN.replace(f"HEAVY = {HEAVY!r}", "HEAVY = ('av',)")
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33")
    jpeg(src / "b.jpg", seed=2, taken="2024:03:14 10:13:00")
    proc = subprocess.run([sys.executable, "-c", script, "--data-dir", str(tmp_path / "lib"), "import", str(src),
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["imported"] == 2
    assert proc.stderr.splitlines()[-1] == "TRIED ", proc.stderr


def test_the_app_keeps_its_compiled_modules_where_the_environment_says_not_to(tmp_path):
    """PYTHONDONTWRITEBYTECODE (a container default) would have every command compile the app's modules again."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "desktop", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert list(tmp_path.rglob("desktop/cli/main.*.pyc")), sorted(p.name for p in tmp_path.rglob("*.pyc"))[:5]
