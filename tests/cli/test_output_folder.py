"""``-o exports/`` names a folder: one that does not exist is a usage error before any work. It used to be
written as a file called ``exports`` (and the next case's export replaced it)."""

from __future__ import annotations

from tests.cli.test_faults import casedesk, clean_terminal
from tests.gen import jpeg


def test_output_ending_in_a_slash_is_a_folder(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    jpeg(inbox / "photo.jpg")
    lib = tmp_path / "lib"
    assert casedesk(lib, "import", str(inbox)).returncode == 0
    target = tmp_path / "exports"
    proc = casedesk(lib, "export", "C-2026-0001", "-o", f"{target}/")
    assert proc.returncode == 2
    assert f"no such folder: {target}/" in proc.stderr
    assert not target.exists()
    proc = casedesk(lib, "customer", "export", "1", "-o", f"{target}/")
    assert proc.returncode == 2 and "no such folder" in proc.stderr, proc.stderr
    assert not target.exists()
    target.mkdir()
    proc = casedesk(lib, "export", "C-2026-0001", "-o", f"{target}/")
    clean_terminal(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in target.iterdir()] == ["C-2026-0001.pdf"]
