"""An import with thousands of problems (a ZIP of empty files) prints the first 20 one by one and counts the rest
by reason; ``--json`` keeps every entry. It used to print one line per file: 20,000 lines to the terminal."""

from __future__ import annotations

import json
import zipfile

from desktop.cli.cmd_import import SHOWN, report_lines
from desktop.core.model import Problem
from tests.cli.test_faults import casedesk, clean_terminal


def test_a_zip_of_many_empty_and_unreadable_files_is_summarised(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(400):
            z.writestr(f"empty{i:04d}.jpg", b"")
        for i in range(60):
            z.writestr(f"note{i:03d}.jpg", f"not a photo {i}\n")
    proc = casedesk(tmp_path / "lib", "import", str(archive))
    clean_terminal(proc.stderr)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    listed = [ln for ln in lines if ln.startswith("Kept, with a problem: ")]
    assert len(listed) == SHOWN
    assert "... and 440 more file(s) with a problem, by reason (--json lists each one):" in lines
    assert "  380 kept, with a problem: empty file" in lines
    assert "  60 kept, with a problem: not a picture: the file is text" in lines
    assert len(lines) < 40

    again = casedesk(tmp_path / "lib2", "import", "--json", str(archive))
    report = json.loads(again.stdout)
    assert len(report["rejected"]) == 460
    assert sum(r["reason"] == "empty file" for r in report["rejected"]) == 400


def test_a_few_problems_are_all_listed_and_many_reasons_are_capped():
    few = [Problem(f"a{i}.jpg", "empty file", kept=True) for i in range(SHOWN)]
    assert report_lines([], few) == [f"Kept, with a problem: a{i}.jpg: empty file" for i in range(SHOWN)]
    many = few + [Problem(f"b{i}.jpg", f"reason {i % 15}") for i in range(150)]
    lines = report_lines([f"IMG-{i}.jpg" for i in range(25)], many)
    assert lines[SHOWN] == "... and 5 more missing from the export (--json lists each one)"
    assert lines[-1] == "  50 with 5 other reasons"
    assert "  10 rejected: reason 0" in lines
    assert len(lines) == SHOWN + 1 + SHOWN + 1 + 10 + 1
