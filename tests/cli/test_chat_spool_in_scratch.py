"""A long chat's messages wait for the write in spools inside the import's own scratch folder, never in the
system's temporary folder: the messages are customer data, and the scratch folder is the library's (private, and
cleaned at the next start after a crash). The spools are anonymous files (gone with the process whatever happens).

Seen from outside, as it happens: the importing process's open files are looked at while it runs, with the system's
temporary folder pointed at a folder of the test's own (TMPDIR).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

from tests.cli.test_faults import ROOT

CHAT = "WhatsApp Chat with Ann Jones.txt"


def long_chat(path: Path, n: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            who = "Ann Jones" if i % 3 else "Claims desk"
            f.write(f"{1 + (i // 1440) % 28:02d}/03/2024, {(i // 60) % 24:02d}:{i % 60:02d} - {who}: "
                    f"message number {i} about the water in the kitchen\n")
    return path


def open_files(pid: int) -> set[str]:
    out = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                out.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
            except OSError:
                continue
    except OSError:
        pass
    return out


def import_watched(target: Path, data: Path, system_tmp: Path) -> tuple[str, set[str]]:
    """``casedesk import TARGET --json`` into ``data`` with the system's temporary folder at ``system_tmp`` (made
    empty here): its stdout, and every file the process had open while it ran."""
    system_tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["TMPDIR"] = str(system_tmp)
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data), "import", str(target),
                             "--json"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set[str] = set()
    while proc.poll() is None:
        seen |= open_files(proc.pid)
        time.sleep(0.005)
    stdout, stderr = proc.communicate()
    assert proc.returncode == 0, stderr
    return stdout, seen


def test_a_long_chat_spools_into_the_import_scratch_folder(tmp_path):
    chat = long_chat(tmp_path / "export" / CHAT, 30_000)
    system_tmp, data = tmp_path / "system-tmp", tmp_path / "lib"
    stdout, seen = import_watched(chat, data, system_tmp)
    assert json.loads(stdout)["cases"]
    in_system_tmp = [p for p in seen if p.startswith(str(system_tmp))]
    assert in_system_tmp == [], in_system_tmp
    spools = [p for p in seen if p.startswith(str(data / "tmp")) and p.endswith("(deleted)")]
    assert spools, sorted(seen)  # anonymous files in the library's scratch folder
    assert list(system_tmp.iterdir()) == []
    assert [p.name for p in (data / "tmp").iterdir() if p.name.startswith("import-")] == []  # cleaned up


def test_the_chats_of_a_zip_holding_several_spool_into_the_import_scratch_folder(tmp_path):
    """A ZIP holding two chats and an e-mail (a customer's Downloads folder, zipped): the pre-pass that reads which
    files the chats name, to tell the e-mail none names from an attachment, spooled a long chat into the system's
    temporary folder (it had no scratch folder of its own inside the ZIP)."""
    from datetime import datetime

    from tests.gen import zip_of
    from tests.intake.mailgen import simple_eml

    long = long_chat(tmp_path / "work" / CHAT, 30_000).read_bytes()
    other = b"18/05/2024, 09:00 - Piet Pieters: Goedemorgen\n"
    mail = simple_eml("Ana Costa <ana@example.org>", "claims@example.test", "Broken window",
                      datetime(2024, 5, 20, 10, 0, tzinfo=UTC), "<window@example.org>", body="See above.")
    zipped = zip_of(tmp_path / "Downloads.zip", [(CHAT, long), ("WhatsApp Chat with Piet Pieters.txt", other),
                                                 ("claim.eml", mail)])
    system_tmp, data = tmp_path / "system-tmp", tmp_path / "lib"
    stdout, seen = import_watched(zipped, data, system_tmp)
    assert len(json.loads(stdout)["cases"]) >= 2  # two chats, and the e-mail read as mail
    in_system_tmp = [p for p in seen if p.startswith(str(system_tmp))]
    assert in_system_tmp == [], in_system_tmp
    assert list(system_tmp.iterdir()) == []
