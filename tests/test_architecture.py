"""The core runs headless: Qt stays under desktop.ui, and the layers import downwards only."""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency"
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" in proc.stdout and "0 broken" in proc.stdout


def test_cli_import_works_with_qt_blocked(tmp_path):
    from PIL import Image

    photo = tmp_path / "in" / "IMG_20240314_101233.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, quality=85)
    script = textwrap.dedent(f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
                    raise ImportError('Qt is blocked in this test: ' + name)
        sys.meta_path.insert(0, Block())
        from desktop.__main__ import main
        sys.exit(main(['--data-dir', {str(tmp_path / 'lib')!r}, 'import', {str(photo.parent)!r}, '--json']))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["imported"] == 1 and out["rejected"] == [] and len(out["cases"]) == 1
