"""E-mails through the import service with a new library's settings: every part kept (real mails from other
projects, tests/fixtures/mail, and generated ones), decoration not case media, damage reported as damage, and the
organisation's reply an answer in the customer's thread."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

from PIL import Image

from desktop.core.model import MediaRole
from desktop.intake.mail import read_mail
from desktop.services.cases import list_cases, list_customers, list_media, list_messages
from desktop.services.importing import import_paths
from desktop.services.verify import verify_store
from tests.intake.mailgen import make_jpeg, simple_eml

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
CET = timezone(timedelta(hours=1))


def items(lib) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in list_media(lib, everything=True):
        out.setdefault(m.name, []).append(m)
    return out


def test_a_delivery_report_keeps_both_parts_as_a_system_message(lib):
    report = import_paths(lib, [MAIL / "mikel-mail/report_422.eml", MAIL / "nodemailer-mailparser/delivery-status.eml"])
    assert report.rejected == []
    kept = items(lib)
    assert {m.role for m in kept["delivery-status.txt"]} == {MediaRole.ORIGINAL} and len(kept["delivery-status.txt"]) == 2
    assert [m.role for m in kept["original-headers.txt"]] == [MediaRole.ORIGINAL]
    assert [m.role for m in kept["undelivered-message.eml"]] == [MediaRole.ORIGINAL]
    assert all(m.kind == "system" and not m.from_customer for m in list_messages(lib))
    assert sum(c.media for c in list_cases(lib)) == 0  # nothing of a bounce is case media
    assert list_customers(lib) == []  # nor is whoever the bounce is addressed to a customer
    assert report.containers == 2 and report.imported == 4


def test_a_nameless_part_and_an_inline_thumbnail_are_kept(lib):
    import_paths(lib, [MAIL / "mikel-mail/attachment_without_a_filename.eml",
                       MAIL / "mikel-mail/attachment_missing_filename.eml"])
    kept = items(lib)
    [script] = kept["attachment-1.txt"]
    assert script.role == MediaRole.MEDIA  # a real attachment without a name
    [thumb] = kept["attachment-1.jpg"]  # inline, 227 bytes: kept, not case media
    assert thumb.role == MediaRole.ORIGINAL and any("227 bytes" in f for f in thumb.flags)


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("polis.pdf", b"%PDF-1.4 not really")
    return buf.getvalue()


def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((w, h), 64).convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def claim_mail(tmp_path: Path) -> Path:
    """A customer mail with a photo inline, a signature logo, a social icon, a tracking pixel, a "PDF" that is a
    ZIP and a nameless photo attachment."""
    m = EmailMessage()
    m["From"] = "Piet Jansen <piet.jansen@gmail.com>"
    m["To"] = "schade@polder-verzekeringen.example"
    m["Subject"] = "Stormschade dak"
    m["Date"] = "Mon, 03 Jun 2024 09:05:00 +0200"
    m["Message-ID"] = "<storm-1@gmail.com>"
    m.set_content("Zie de foto's.")
    m.add_alternative('<p>Zie foto</p><img src="cid:photo@x"><img src="cid:logo@x"><img src="cid:icon@x">'
                      '<img src="cid:px@x" width="1" height="1">', subtype="html")
    body = m.get_body(("html",))
    pixel = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
    for data, sub, cid in ((make_jpeg(1600, 1200), "jpeg", "photo@x"), (_png(240, 60), "png", "logo@x"),
                           (_png(50, 50), "png", "icon@x"), (pixel, "gif", "px@x")):
        body.add_related(data, "image", sub, cid=f"<{cid}>")
    m.add_attachment(_zip_bytes(), "application", "pdf", filename="polis.pdf")
    m.add_attachment(make_jpeg(800, 600, (10, 120, 30)), "image", "jpeg")
    path = tmp_path / "storm.eml"
    path.write_bytes(m.as_bytes())
    return path


def test_every_part_is_kept_and_only_photos_are_case_media(lib, tmp_path):
    path = claim_mail(tmp_path)
    report = import_paths(lib, [path])
    assert [(Path(p.path).name, p.reason, p.kept) for p in report.rejected] == [
        ("storm.eml › polis.pdf", "name says PDF, content is ZIP", True)]
    assert report.containers == 1
    parts = [m for m in list_media(lib, everything=True) if m.role != MediaRole.CONTAINER]
    assert len(parts) == len(read_mail(path).attachments) == 6
    media = list_media(lib)
    assert sorted((m.kind, m.width) for m in media) == [("image", 800), ("image", 1600), ("other", None)]
    [fake_pdf] = [m for m in media if m.name == "polis.pdf"]
    assert fake_pdf.flags == ["name says PDF, content is ZIP"] and fake_pdf.kind == "other"
    decoration = [m for m in parts if m.role == MediaRole.ORIGINAL]
    assert len(decoration) == 3 and all(any("logo, icon or tracking pixel" in f for f in m.flags) for m in decoration)
    [container] = [m for m in list_media(lib, everything=True) if m.role == MediaRole.CONTAINER]
    assert container.name == "storm.eml" and container.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    [case] = list_cases(lib)
    assert case.media == 3
    assert verify_store(lib).checked == 7


def test_a_truncated_eml_is_reported_as_a_damaged_email(lib, tmp_path):
    m = EmailMessage()
    m["From"] = "Piet Jansen <piet.jansen@gmail.com>"
    m["To"] = "schade@polder-verzekeringen.example"
    m["Subject"] = "Foto keuken"
    m["Date"] = "Mon, 03 Jun 2024 09:05:00 +0200"
    m.set_content("Hierbij.")
    m.add_attachment(make_jpeg(800, 600), "image", "jpeg", filename="keuken.jpg")
    raw = m.as_bytes()
    path = tmp_path / "cut.eml"
    path.write_bytes(raw[: raw.index(b"Content-Disposition: attachment") + 400])
    report = import_paths(lib, [path, MAIL / "flanker/missing-final-boundary.eml"])
    reasons = {Path(p.path).name: p for p in report.rejected}
    assert reasons["cut.eml"].reason.startswith("damaged e-mail:") and reasons["cut.eml"].kept
    assert reasons["missing-final-boundary.eml"].reason.startswith("damaged e-mail:")
    part = next(p for p in report.rejected if p.path.endswith("keuken.jpg"))
    assert part.reason.startswith("damaged e-mail") and "picture" not in part.reason and part.kept
    [keuken] = items(lib)["keuken.jpg"]
    assert keuken.kind == "other" and any(f.startswith("damaged e-mail") for f in keuken.flags)


def test_the_insurers_reply_is_an_answer_in_the_customers_thread(lib, tmp_path):
    customer = simple_eml("Piet Jansen <piet.jansen@gmail.com>", "schade@polder-verzekeringen.example",
                          "Stormschade dak", datetime(2024, 6, 3, 9, 5, tzinfo=CET), message_id="<storm-1@gmail.com>")
    reply = simple_eml("Schadeservice Polder Verzekeringen <schade@polder-verzekeringen.example>",
                       "Piet Jansen <piet.jansen@gmail.com>", "Re: Stormschade dak",
                       datetime(2024, 6, 3, 9, 50, tzinfo=CET), message_id="<r1@polder-verzekeringen.example>",
                       in_reply_to="<storm-1@gmail.com>", references=["<storm-1@gmail.com>"])
    (tmp_path / "b-reply.eml").write_bytes(reply)  # listed first: the batch is judged as a whole
    (tmp_path / "a-customer.eml").write_bytes(customer)
    import_paths(lib, [tmp_path / "b-reply.eml", tmp_path / "a-customer.eml"])
    [cust] = list_customers(lib)
    assert cust.email == "piet.jansen@gmail.com"
    [case] = list_cases(lib)
    msgs = list_messages(lib, case_ref=case.ref)
    assert [(m.sender, m.from_customer) for m in msgs] == [("Piet Jansen", True),
                                                           ("Schadeservice Polder Verzekeringen", False)]
    assert case.first_answer_minutes == 45


def test_a_later_reply_from_the_organisation_joins_the_thread(lib, tmp_path):
    """The customer's mail today, the answer from a personal address of the insurer next week: the library
    knows the customer, the reply cites the thread, the sender is not a new customer."""
    first = tmp_path / "1.eml"
    first.write_bytes(simple_eml("Ana Costa <ana@example.org>", "claims@insurer.example", "Broken window",
                                 datetime(2024, 6, 4, 10, 0, tzinfo=CET), message_id="<a1@example.org>"))
    import_paths(lib, [first])
    later = tmp_path / "2.eml"
    later.write_bytes(simple_eml("Joris Bakker <joris.bakker@insurer.example>", "ana@example.org",
                                 "Re: Broken window", datetime(2024, 6, 4, 11, 0, tzinfo=CET),
                                 message_id="<j1@insurer.example>", in_reply_to="<a1@example.org>",
                                 references=["<a1@example.org>"]))
    import_paths(lib, [later])
    assert [c.email for c in list_customers(lib)] == ["ana@example.org"]
    [case] = list_cases(lib)
    assert [m.from_customer for m in list_messages(lib)] == [True, False] and case.first_answer_minutes == 60


def test_org_addresses_in_settings_reevaluate_stored_mails(lib, tmp_path):
    from desktop.services.settings import undo_settings_change, update_team_settings

    a = tmp_path / "a.eml"
    a.write_bytes(simple_eml("Ana Costa <ana@example.org>", "joris@insurer.example", "Broken window",
                             datetime(2024, 6, 4, 10, 0, tzinfo=CET), message_id="<a1@example.org>"))
    b = tmp_path / "b.eml"  # not a reply, sent to nobody the batch knows: taken for a customer's mail
    b.write_bytes(simple_eml("Joris <joris@insurer.example>", "team@insurer.example", "Window: expert booked",
                             datetime(2024, 6, 4, 10, 30, tzinfo=CET), message_id="<j1@insurer.example>"))
    import_paths(lib, [a, b])
    assert all(m.from_customer for m in list_messages(lib))
    change = update_team_settings(lib, org_domains=["insurer.example"])
    assert [m.from_customer for m in list_messages(lib)] == [True, False] and change.roles.messages == 1
    undo_settings_change(lib, change)
    assert all(m.from_customer for m in list_messages(lib))


def test_every_real_mail_is_kept_whole(lib):
    """Every fixture mail: the file and every part the reader returns are originals of the library, counted by
    verify; only damage is reported, and it is kept."""
    paths = sorted(MAIL.rglob("*.eml"))
    report = import_paths(lib, paths)
    assert all(p.kept for p in report.rejected) and {Path(p.path).name for p in report.rejected} == {
        "broken-base64.eml", "missing-final-boundary.eml"}
    expected = {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    for p in paths:
        expected |= {hashlib.sha256(a.data).hexdigest() for a in read_mail(p).attachments}
    stored = {m.sha256 for m in list_media(lib, everything=True)}
    assert stored == expected
    result = verify_store(lib)
    assert result.ok and result.checked == len(expected)
    assert import_paths(lib, paths).imported == 0
