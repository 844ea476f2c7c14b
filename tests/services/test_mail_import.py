"""E-mails through the import service: sender is the customer, subject the title, threads stay together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from desktop.services.cases import list_cases, list_customers, list_media, list_messages
from desktop.services.importing import import_paths
from tests.gen import jpeg
from tests.intake.mailgen import MsgAttachmentSpec, MsgSpec, claim_eml, make_jpeg, msg_bytes, simple_eml


def test_eml_with_attachments_and_hostile_names(lib, tmp_path):
    photo = jpeg(tmp_path / "p.jpg", seed=3, taken="2026:11:01 09:00:00").read_bytes()
    path = tmp_path / "claim.eml"
    path.write_bytes(claim_eml(photo, make_jpeg(16, 16)))
    before = sorted(p.name for p in tmp_path.iterdir())
    report = import_paths(lib, [path])
    assert report.rejected == [] or all("pdf" not in p.reason for p in report.rejected)
    [cust] = list_customers(lib)
    assert cust.email and "@" in cust.email
    [case] = list_cases(lib)
    media = list_media(lib)
    assert media and all(m.sender for m in media) and all(m.received_at is not None for m in media)
    assert all("/" not in m.name and "\\" not in m.name and ".." not in m.name.split("/") for m in media)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside the input
    [msg] = list_messages(lib)
    parts = [m for m in list_media(lib, everything=True) if m.role != "container"]
    assert msg.kind == "email" and set(msg.attachments) == {m.sha256 for m in parts}
    [logo] = [m for m in parts if m.name == "logo.png"]  # 16 x 16 inline: kept, not case media
    assert logo.role == "original" and any("logo" in f for f in logo.flags) and logo not in media
    assert case.title
    assert import_paths(lib, [path]).imported == 0


def test_thread_joins_one_case_and_msg_imports(lib, tmp_path):
    d = datetime(2026, 11, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    (tmp_path / "1.eml").write_bytes(simple_eml("Ana Costa <ana@example.org>", "claims@example.test",
                                                "Broken window", d, message_id="<a1@example.org>"))
    (tmp_path / "2.eml").write_bytes(simple_eml("Ana Costa <ana@example.org>", "claims@example.test",
                                                "Re: Broken window", d + timedelta(days=20),
                                                message_id="<a2@example.org>", in_reply_to="<a1@example.org>",
                                                references=["<a1@example.org>"]))
    spec = MsgSpec(subject="Storm damage garage", sender_name="Piet de Boer", sender_email="Piet@Example.NL",
                   body="Photos of the garage roof.", sent=datetime(2026, 11, 3, 14, 30, tzinfo=UTC),
                   attachments=[MsgAttachmentSpec("roof.jpg", jpeg(tmp_path / "r.jpg", seed=9).read_bytes(),
                                                  "image/jpeg")])
    (tmp_path / "garage.msg").write_bytes(msg_bytes(spec))
    report = import_paths(lib, [tmp_path / "1.eml", tmp_path / "2.eml", tmp_path / "garage.msg"])
    assert report.rejected == [], report.rejected
    cases = {c.customer: c for c in list_cases(lib)}
    assert set(cases) == {"Ana Costa", "Piet de Boer"}
    assert len(list_messages(lib, case_ref=cases["Ana Costa"].ref)) == 2  # 20 days apart, same thread
    assert cases["Piet de Boer"].title == "Storm damage garage"
    [roof] = list_media(lib, case_ref=cases["Piet de Boer"].ref)
    assert roof.name == "roof.jpg" and roof.sender == "Piet de Boer"
    assert roof.received_at == datetime(2026, 11, 3, 14, 30, tzinfo=UTC)
    assert {c.email for c in list_customers(lib)} == {"ana@example.org", "piet@example.nl"}


def test_broken_mail_reported(lib, tmp_path):
    bad = tmp_path / "broken.msg"
    bad.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100)
    report = import_paths(lib, [bad, jpeg(tmp_path / "ok.jpg", seed=1)])
    assert report.imported == 1
    assert [p.path.endswith("broken.msg") for p in report.rejected] == [True]


def test_an_email_dated_9999_is_placed_at_the_time_the_server_received_it(lib, tmp_path):
    """Its answer was due in 63,211 days and it sorted after every later mail; now the server's time stands in,
    and the import's report names the file and both times."""
    path = tmp_path / "kapot.eml"
    path.write_bytes(b"Received: from mx.example.com by mail.insurer.example; Tue, 01 Dec 2026 10:00:00 +0100\n"
                     + simple_eml("Emma de Vries <emma@example.com>", "claims@example.test", "Schade keuken",
                                  datetime(2026, 12, 1, 9, 0, tzinfo=UTC)).replace(
                         b"Date: Tue, 01 Dec 2026 09:00:00 +0000", b"Date: Fri, 31 Dec 9999 23:59:00 +0000"))
    assert b"9999" in path.read_bytes()
    report = import_paths(lib, [path])
    [problem] = report.rejected
    assert problem.path.endswith("kapot.eml") and problem.kept
    assert "9999-12-31" in problem.reason and "2026-12-01 10:00" in problem.reason
    [msg] = list_messages(lib)
    assert msg.sent_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 +01:00
    [case] = list_cases(lib)
    assert case.waiting_since is not None and case.waiting_since.year == 2026
