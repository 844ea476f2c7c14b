"""The command line for conversations: every real mail and chat fixture imported and verified, the team
settings shown and changed, customers found and merged, and the JSON each prints."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop.intake.mail import read_mail
from tests.cli.test_cli import casedesk
from tests.conftest import FIXTURES
from tests.intake.mailgen import simple_eml

TESTS = Path(__file__).resolve().parents[1]
MAIL = TESTS / "fixtures" / "mail"


def chat_texts() -> list[Path]:
    out = [p for p in sorted((FIXTURES / "whatsapp").rglob("*.txt")) if "LICENSE" not in p.name]
    return out + [p for p in sorted((TESTS / "fixtures" / "whatsapp-external").rglob("*.txt"))
                  if "LICENSE" not in p.name]


def test_every_real_mail_and_chat_is_kept_and_counted_by_verify(tmp_path):
    data = tmp_path / "lib"
    mails = sorted(MAIL.rglob("*.eml"))
    folders = []
    for i, p in enumerate(chat_texts()):  # each chat text as the folder export it came in
        (tmp_path / "chats" / f"e{i}").mkdir(parents=True)
        shutil.copy(p, tmp_path / "chats" / f"e{i}" / p.name)
        folders.append(tmp_path / "chats" / f"e{i}")
    proc = casedesk("import", *map(str, mails), *map(str, folders), "--json", data_dir=data)
    assert proc.returncode == 1, proc.stderr  # done, with problems reported (damaged mails, empty chats)
    out = json.loads(proc.stdout)
    assert out["rejected"] and all(r["kept"] for r in out["rejected"])
    assert any(r["reason"].startswith("damaged e-mail") for r in out["rejected"])
    expected = {hashlib.sha256(p.read_bytes()).hexdigest() for p in [*mails, *chat_texts()]}
    for p in mails:
        expected |= {hashlib.sha256(a.data).hexdigest() for a in read_mail(p).attachments}
    verify = casedesk("verify", "--json", data_dir=data)
    report = json.loads(verify.stdout)
    assert verify.returncode == 0 and report.pop("audit")["ok"] and report == {
        "checked": len(expected), "missing": [], "modified": [], "unreferenced": [], "ok": True}
    kept = json.loads(casedesk("media", "--all", "--json", data_dir=data, check=True).stdout)
    assert {m["sha256"] for m in kept if m["sha256"]} == expected  # (and the files a chat names but lacks)
    assert {m["role"] for m in kept} == {"media", "original", "container"}
    case_media = json.loads(casedesk("media", "--json", data_dir=data, check=True).stdout)
    assert {m["role"] for m in case_media} == {"media"} and len(case_media) < len(kept)
    again = casedesk("import", *map(str, mails), *map(str, folders), "--json", data_dir=data)
    assert again.returncode == 1 and json.loads(again.stdout)["imported"] == 0
    cases = json.loads(casedesk("cases", "--json", data_dir=data, check=True).stdout)
    assert all({"first_answer_at", "first_answer_minutes", "breaches", "due_at", "first_message_at",
                "waiting_since", "overdue"} <= set(c) for c in cases)


def test_settings_show_and_set(tmp_path):
    data = tmp_path / "lib"
    shown = json.loads(casedesk("settings", "show", "--json", data_dir=data, check=True).stdout)
    assert shown["calendar_timezone"] == "Europe/Amsterdam" and shown["calendar_workdays"] == [0, 1, 2, 3, 4]
    assert shown["answer_norm_minutes"] == 60 and "org_domains" in shown
    changed = json.loads(casedesk("settings", "set", "org-names", "Claims Desk", "Marieke de Wit", "--json",
                                  data_dir=data, check=True).stdout)
    assert changed["after"] == {"business_names": ["Claims Desk", "Marieke de Wit"]}
    assert changed["before"]["business_names"] == shown["business_names"]
    assert casedesk("settings", "set", "calendar-workdays", "0", "1", "2", "3", data_dir=data).returncode == 0
    assert casedesk("settings", "set", "answer-norm-minutes", "45", data_dir=data).returncode == 0
    now = json.loads(casedesk("settings", "show", "--json", data_dir=data, check=True).stdout)
    assert (now["calendar_workdays"], now["answer_norm_minutes"]) == ([0, 1, 2, 3], 45)
    bad = casedesk("settings", "set", "calendar-timezone", "Mars/Olympus", data_dir=data)
    assert bad.returncode == 2 and "time zone" in bad.stderr
    assert casedesk("settings", "set", "calendar-country", "XX", data_dir=data).returncode == 2
    assert casedesk("settings", "set", "calendar-end", "07:00", data_dir=data).returncode == 2
    assert casedesk("settings", "set", "no-such-thing", "1", data_dir=data).returncode == 2
    table = casedesk("settings", "show", data_dir=data, check=True).stdout
    assert "org-names" in table and "Marieke de Wit" in table


def test_customers_find_and_merge(tmp_path):
    data = tmp_path / "lib"
    chat = tmp_path / "chat"
    chat.mkdir()
    src = FIXTURES / "whatsapp/casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt"
    shutil.copy(src, chat / src.name)
    mail = tmp_path / "m.eml"
    mail.write_bytes(simple_eml("Sanne de Vries <sanne@example.nl>", "schade@verzekeraar.example", "Keuken",
                                datetime(2024, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))), message_id="<s@x>"))
    casedesk("import", str(chat), str(mail), data_dir=data, check=True)
    found = json.loads(casedesk("customers", "--find", "06 1234 5678", "--json", data_dir=data, check=True).stdout)
    assert [c["phone"] for c in found] == ["+31612345678"]
    by_mail = json.loads(casedesk("customers", "--find", "sanne@", "--json", data_dir=data, check=True).stdout)
    assert [c["email"] for c in by_mail] == ["sanne@example.nl"]
    rec = json.loads(casedesk("customer", "merge", str(found[0]["id"]), str(by_mail[0]["id"]), "--json",
                              data_dir=data, check=True).stdout)
    assert rec["source_id"] == found[0]["id"] and rec["case_ids"]
    [one] = json.loads(casedesk("customers", "--json", data_dir=data, check=True).stdout)
    assert one["id"] == by_mail[0]["id"] and one["other_phones"] == ["+31612345678"] and len(one["cases"]) == 2
    assert casedesk("customer", "merge", "1", "1", data_dir=data).returncode == 2
    assert casedesk("customer", "unmerge", str(found[0]["id"]), data_dir=data).returncode == 0
    assert len(json.loads(casedesk("customers", "--json", data_dir=data, check=True).stdout)) == 2
    assert casedesk("customer", "unmerge", str(found[0]["id"]), data_dir=data).returncode == 2
