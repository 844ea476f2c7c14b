"""A long import holds no write lock while it analyses: a case edit from another connection goes through at once.

The import runs in a real process and stops in the middle of its analysis (its progress callback waits for a file
the test writes); meanwhile the test edits a case, first through a bare SQLite connection that waits at most half a
second for a lock (so a held write lock fails the edit instead of delaying it), then through the service the window
calls. Both succeed while the import is still analysing; the import then finishes with all its files.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from desktop.core.model import CaseStatus
from desktop.services.case_edit import update_case
from desktop.services.cases import list_cases
from desktop.services.importing import import_paths
from desktop.services.library import open_library
from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]
FILES = 30

IMPORT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.services.importing import import_paths
    from desktop.services.library import open_library

    data, src, marker, go = sys.argv[1:5]

    def progress(done, total, message=""):
        # the analysis reports 0..900 of 1000; stop once most files are analysed (batches handed over)
        if 600 <= done < 900 and not Path(marker).exists():
            Path(marker).write_text("analysing")
            deadline = time.monotonic() + 120
            while not Path(go).exists() and time.monotonic() < deadline:
                time.sleep(0.02)

    with open_library(data) as lib:
        report = import_paths(lib, [src], case_ref="C-2024-0100", progress=progress)
    print(report.imported, ",".join(report.cases))
""")


def test_a_case_edit_during_an_import_does_not_wait_for_it(tmp_path):
    data, first, src = tmp_path / "lib", tmp_path / "first", tmp_path / "in"
    jpeg(first / "x.jpg", seed=99, taken="2024:01:02 09:00:00")
    for i in range(FILES):
        jpeg(src / f"IMG_{i:03d}.jpg", size=(320, 240), seed=i, taken=f"2024:03:14 10:{i:02d}:00")
    with open_library(data) as lib:
        assert import_paths(lib, [first], case_ref="C-2024-0001").imported == 1
    marker, go = tmp_path / "analysing", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-c", IMPORT, str(data), str(src), str(marker), str(go)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), proc.communicate()[1] if proc.poll() is not None else "the import never analysed"

        conn = sqlite3.connect(data / "library.db", timeout=0.5)  # a held write lock: "database is locked"
        try:
            conn.execute("UPDATE case_ SET title = 'edited beside an import' WHERE ref = 'C-2024-0001'")
            conn.commit()
        finally:
            conn.close()
        with open_library(data) as lib:
            update_case(lib, "C-2024-0001", status=CaseStatus.IN_PROGRESS)
            assert proc.poll() is None  # the import is still analysing: the edit did not wait for its end
    finally:
        go.write_text("go")
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.split() == [str(FILES), "C-2024-0100"]
    with open_library(data) as lib:
        cases = {c.ref: c for c in list_cases(lib)}
    assert (cases["C-2024-0001"].title, cases["C-2024-0001"].status) == ("edited beside an import", CaseStatus.IN_PROGRESS)
    assert cases["C-2024-0100"].media == FILES
