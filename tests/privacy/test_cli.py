"""The privacy commands on the command line: their JSON, their exit codes, and light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.cli.test_startup import blocked
from tests.privacy.world import build

ROOT = Path(__file__).resolve().parents[2]


def casedesk(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "--handler", "Anna", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def test_commands_and_their_json(lib, tmp_path):
    emma, lars = build(lib, tmp_path, close=False)
    data = lib.paths.data_dir
    lib.close()
    out = casedesk(data, "customer", "export", str(emma.id), "-o", str(tmp_path / "e.zip"), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["cases"] == emma.cases
    refused = casedesk(data, "customer", "erase", str(emma.id), "--reason", "asked")
    assert refused.returncode == 2 and "is still open" in refused.stderr and refused.stdout == ""
    assert casedesk(data, "case", "set", emma.cases[0], "--status", "closed").returncode == 0
    held = casedesk(data, "case", "hold", emma.cases[0], "--reason", "court case", "--json")
    assert json.loads(held.stdout)["hold"]["held_by"] == "Anna"
    assert casedesk(data, "case", "release", emma.cases[0]).returncode == 0
    refused = casedesk(data, "customer", "erase", str(emma.id), "--reason", "asked")
    assert refused.returncode == 2 and "--override-retention" in refused.stderr
    erased = casedesk(data, "customer", "erase", str(emma.id), "--reason", "asked", "--override-retention",
                      "GDPR art. 17(1)(b)", "--json")
    assert erased.returncode == 0, erased.stderr
    receipt = json.loads(erased.stdout)
    assert set(receipt) >= {"customer", "cases", "erased_at", "by", "reason", "basis", "counts", "originals"}
    assert receipt["by"] == "Anna" and receipt["cases"] == emma.cases
    assert len(receipt["originals"]) == 2  # her own photo and her chat text (the shared photo stays for Lars)
    audit = json.loads(casedesk(data, "audit", "--customer", str(emma.id), "--json").stdout)
    assert audit[-1]["action"] == "customer-erased" and set(audit[0]) >= {"at", "actor", "action", "case",
                                                                          "details"}
    assert json.loads(casedesk(data, "audit", "--case", lars.cases[0], "--json").stdout)[0]["case"] == lars.cases[0]
    assert json.loads(casedesk(data, "retention", "--json").stdout) == []
    purge = casedesk(data, "retention", "purge")
    assert purge.returncode == 2 and "add --yes" in purge.stderr
    assert json.loads(casedesk(data, "retention", "purge", "--yes", "--json").stdout) == []
    verify = json.loads(casedesk(data, "verify", "--json").stdout)
    assert verify["ok"] and verify["audit"]["ok"] and len(verify["audit"]["head"]) == 64


def test_case_file_with_the_audit_appendix(lib, tmp_path):
    emma, _ = build(lib, tmp_path, close=False)
    data = lib.paths.data_dir
    lib.close()
    out = casedesk(data, "export", emma.cases[0], "-o", str(tmp_path / "c.pdf"), "--with-audit", "--no-pdfa")
    assert out.returncode == 0, out.stderr
    reader = PdfReader(tmp_path / "c.pdf")
    assert [o.title for o in reader.outline][-1] == "History (audit trail)"
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Case created" in last and "Imported" in last and "Note added" in last and "Hash of the newest" in last


def test_audit_and_retention_listings_load_no_heavy_module(lib, tmp_path):
    build(lib, tmp_path, close=False)
    data = str(lib.paths.data_dir)
    lib.close()
    for command in (["audit", "--json"], ["retention", "--json"], ["verify", "--json"]):
        proc = blocked("--data-dir", data, *command)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.splitlines()[-1] == "TRIED ", (command, proc.stderr)
