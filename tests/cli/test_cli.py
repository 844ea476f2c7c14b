"""The command line as a user runs it: a real process, a real library, JSON parsed back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]


def casedesk(*args: str, data_dir: Path, check: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_import_cases_media_json_and_exit_codes(tmp_path):
    data = tmp_path / "lib"
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33", make="Nikon", model="D70")
    (src / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 10)
    proc = casedesk("import", str(src), "--json", data_dir=data)
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert out["imported"] == 2 and out["already_present"] == 0 and len(out["cases"]) == 1  # the broken one kept
    assert [(r["path"].endswith("broken.jpg"), r["kept"]) for r in out["rejected"]] == [(True, True)]
    assert "Traceback" not in proc.stderr

    again = casedesk("import", str(src / "a.jpg"), "--json", data_dir=data)
    assert again.returncode == 0 and json.loads(again.stdout)["already_present"] == 1

    cases = json.loads(casedesk("cases", "--json", data_dir=data, check=True).stdout)
    assert [set(c) >= {"ref", "title", "customer", "status", "media", "opened_at"} for c in cases] == [True]
    assert cases[0]["media"] == 2 and cases[0]["status"] == "new"

    media = json.loads(casedesk("media", "--case", cases[0]["ref"], "--json", data_dir=data, check=True).stdout)
    m = media[0]
    assert set(m) >= {"case", "name", "sha256", "kind", "width", "height", "duration_s", "taken_at",
                      "taken_at_source", "received_at", "sender", "camera", "gps", "duplicate_of",
                      "duplicate_kind", "flags"}
    assert (m["name"], m["kind"], m["taken_at"], m["taken_at_source"], m["camera"]) == (
        "a.jpg", "image", "2024-03-14T10:12:33", "exif", "Nikon D70")
    broken = next(x for x in media if x["name"] == "broken.jpg")
    assert broken["kind"] == "other" and broken["flags"] == [out["rejected"][0]["reason"]]

    table = casedesk("cases", data_dir=data, check=True).stdout
    assert cases[0]["ref"] in table
    assert casedesk("media", "--case", "C-1999-9999", data_dir=data).returncode == 2
    assert casedesk("import", str(tmp_path / "nothing-here"), data_dir=data).returncode == 2
    assert casedesk("frobnicate", data_dir=data).returncode == 2


def test_verify_exit_code(tmp_path):
    data = tmp_path / "lib"
    casedesk("import", str(jpeg(tmp_path / "a.jpg", seed=3)), data_dir=data, check=True)
    assert casedesk("verify", data_dir=data).returncode == 0
    blob = next((data / "originals").glob("??/*"))
    os.chmod(blob, 0o644)
    blob.write_bytes(b"tampered")
    proc = casedesk("verify", "--json", data_dir=data)
    assert proc.returncode == 1 and json.loads(proc.stdout)["modified"] == [blob.name]


def test_no_display_explains_the_command_line(tmp_path):
    proc = casedesk(data_dir=tmp_path / "lib")
    assert proc.returncode == 0
    assert "casedesk import" in proc.stderr and "no display" in proc.stderr


@pytest.mark.slow
def test_sigkill_during_import_leaves_library_consistent(tmp_path):
    data = tmp_path / "lib"
    src = tmp_path / "many"
    for i in range(160):
        jpeg(src / f"p{i:03d}.jpg", seed=i, size=(1600, 1200), taken=f"2024:03:14 10:{i // 60:02d}:{i % 60:02d}")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    cmd = [sys.executable, "-m", "desktop", "--data-dir", str(data), "import", str(src), "--json"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if len(list((data / "originals").glob("??/*"))) >= 20:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert casedesk("verify", data_dir=data).returncode == 0
    media = json.loads(casedesk("media", "--json", data_dir=data, check=True).stdout)
    assert media == []  # the transaction never committed: as before
    out = json.loads(casedesk("import", str(src), "--json", data_dir=data, check=True).stdout)
    assert out["imported"] == 160 and out["rejected"] == []
    assert casedesk("verify", data_dir=data).returncode == 0
    again = json.loads(casedesk("import", str(src), "--json", data_dir=data, check=True).stdout)
    assert again["imported"] == 0 and again["already_present"] == 160


def test_demo_without_display_builds_and_explains(tmp_path):
    data = tmp_path / "demo"
    proc = casedesk("demo", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    assert "no display" in proc.stderr and "casedesk export" in proc.stderr
    cases = json.loads(casedesk("cases", "--json", data_dir=data, check=True).stdout)
    assert len(cases) == 4 and {c["customer"] for c in cases} >= {"Sophie Bakker", "Daan Visser", "Mehmet Yilmaz"}
    groups = json.loads(casedesk("duplicates", "--json", data_dir=data, check=True).stdout)
    assert {g["kind"] for g in groups} >= {"exact", "same"}
    sla = json.loads(casedesk("sla", "--json", data_dir=data, check=True).stdout)
    rows = {(r["kind"], r["handler"]): r for r in sla["rows"]}
    assert sla["norm_minutes"] == 60 and rows[("*", "*")]["cases"] == 3 == rows[("*", "*")]["answered"]
    assert rows[("claim", "Anna de Boer")]["median_minutes"] == 95 and rows[("claim", "Anna de Boer")]["within_norm"] == 0
    assert rows[("complaint", "Piet Jansen")]["median_minutes"] == 40
    assert rows[("*", "*")]["within_norm"] == round(2 / 3, 4)
    assert json.loads(casedesk("sla", "--from", "2026-11-19", "--json", data_dir=data, check=True).stdout)[
        "rows"][-1]["cases"] == 1  # only the complaint's first message is on or after the 19th
    assert casedesk("sla", "--from", "19-11-2026", data_dir=data).returncode == 2


def test_handler_names_every_change_and_is_not_the_case_handler(tmp_path, monkeypatch):
    from desktop.services.audit import list_events
    from desktop.services.cases import get_case
    from desktop.services.library import open_library

    data = tmp_path / "lib"
    jpeg(tmp_path / "in" / "a.jpg", seed=1)
    monkeypatch.setenv("CASEDESK_HANDLER", "Piet Jansen")
    out = json.loads(casedesk("--handler", "Anna de Boer", "import", str(tmp_path / "in"), "--json",
                              data_dir=data, check=True).stdout)
    ref = out["cases"][0]
    casedesk("case", "set", ref, "--handler", "Jan Smit", "--status", "in-progress", data_dir=data, check=True)
    casedesk("case", "note", ref, "Called the customer", data_dir=data, check=True)
    # after the command, --handler filters by the case's handler; before it, it names who acts
    assert json.loads(casedesk("cases", "--handler", "x", "--json", data_dir=data, check=True).stdout) == []
    [listed] = json.loads(casedesk("cases", "--handler", "jan smit", "--json", data_dir=data, check=True).stdout)
    assert (listed["ref"], listed["handler"]) == (ref, "Jan Smit")
    with open_library(data) as lib:
        assert get_case(lib, ref).handler == "Jan Smit"  # the case's own field
        actors = {e.action: e.actor for e in list_events(lib, ref)}
    assert actors == {"case-created": "Anna de Boer", "import": "Anna de Boer", "case-updated": "Piet Jansen",
                      "note-added": "Piet Jansen"}
