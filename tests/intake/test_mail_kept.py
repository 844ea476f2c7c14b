"""Nothing a customer sent is dropped: every part iter_attachments() returns is kept, whatever it holds; names
for nameless parts, a flag when a name lies about the content, damage reported as damage. Real e-mails from other
projects' test suites (tests/fixtures/mail, see SOURCES.md) and generated ones."""

from __future__ import annotations

import base64
import io
import zipfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.mail_media import is_case_media
from desktop.core.mail_roles import mail_roles
from desktop.intake.mail import MailError, mail_party, read_mail
from desktop.intake.mail_eml import CUT_SHORT
from desktop.intake.mail_parts import content_flag, default_name, sniff
from tests.intake.mailgen import make_jpeg

MAIL_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
TUNED = ["mikel-mail", "nodemailer-mailparser"]  # tuned on; "flanker" is held out (tests/fixtures/mail/SOURCES.md)


def fixture_files(source: str) -> list[Path]:
    return sorted((MAIL_FIXTURES / source).glob("*.eml"))


def stdlib_attachments(path: Path) -> list:
    return list(BytesParser(policy=policy.default).parsebytes(path.read_bytes()).iter_attachments())


@pytest.mark.parametrize("path", [p for s in TUNED for p in fixture_files(s)], ids=lambda p: p.name)
def test_every_stdlib_attachment_is_kept(path):
    parts = stdlib_attachments(path)
    kept = read_mail(path).attachments
    kept_types = [a.content_type for a in kept]
    for part in parts:
        assert part.get_content_type() in kept_types, (path.name, part.get_content_type())
    assert all(a.filename and "/" not in a.filename for a in kept)


def test_fixture_details():
    dsn = read_mail(MAIL_FIXTURES / "mikel-mail/report_422.eml")
    assert (dsn.auto, dsn.report_type) == (True, "delivery-status")
    assert [(a.filename, a.origin) for a in dsn.attachments] == [("delivery-status.txt", "report"),
                                                                 ("original-headers.txt", "report")]
    assert b"Final-Recipient: RFC822; fraser@oooooooo.com.au" in dsn.attachments[0].data
    ses = read_mail(MAIL_FIXTURES / "nodemailer-mailparser/delivery-status.eml")
    assert [a.filename for a in ses.attachments] == ["delivery-status.txt", "undelivered-message.eml"]
    assert b"Subject: Example Subject" in ses.attachments[1].data
    nameless = read_mail(MAIL_FIXTURES / "mikel-mail/attachment_without_a_filename.eml")
    assert [(a.filename, a.data) for a in nameless.attachments] == [("attachment-1.txt", b'puts "Hello, world!"\r\ngets\r\n')]
    fwd = read_mail(MAIL_FIXTURES / "mikel-mail/attachment_message_rfc822.eml")
    assert [(a.filename, a.origin) for a in fwd.attachments] == [("ForwardedMessage.eml", "forwarded"),
                                                                 ("broken.pdf", "in-forwarded")]
    assert "Just attaching another PDF" in fwd.body_text


def _mail(*parts, subject="Schade", html: str | None = None) -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Piet Jansen <piet@gmail.com>"
    m["To"] = "schade@polder.example"
    m["Subject"] = subject
    m["Date"] = "Thu, 14 Mar 2024 10:12:00 +0100"
    m["Message-ID"] = "<m1@gmail.com>"
    m.set_content("Hierbij de foto's.")
    if html:
        m.add_alternative(html, subtype="html")
    for p in parts:
        p(m)
    return m


def _write(tmp_path: Path, m: EmailMessage | bytes, name="m.eml") -> Path:
    p = tmp_path / name
    p.write_bytes(m if isinstance(m, bytes) else m.as_bytes())
    return p


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("factuur.pdf", b"%PDF-1.4 not really")
    return buf.getvalue()


def test_pdf_that_is_a_zip_is_kept_with_a_flag(tmp_path):
    m = _mail(lambda m: m.add_attachment(_zip(), "application", "pdf", filename="factuur.pdf"))
    (att,) = read_mail(_write(tmp_path, m)).attachments
    assert att.filename == "factuur.pdf" and att.data == _zip()
    assert att.flags == ["name says PDF, content is ZIP"] and not att.damaged


def test_nameless_parts_get_names_from_their_content(tmp_path):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    m = _mail(lambda m: m.add_attachment(pdf, "application", "octet-stream"),
              lambda m: m.add_attachment(make_jpeg(), "image", "jpeg"))
    atts = read_mail(_write(tmp_path, m)).attachments
    assert [a.filename for a in atts] == ["attachment-1.pdf", "attachment-2.jpg"]
    assert [a.data for a in atts] == [pdf, make_jpeg()]


def test_generated_delivery_report_parts_are_kept(tmp_path):
    report = EmailMessage()
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.polder.example>"
    report["To"] = "schade@polder.example"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report["Auto-Submitted"] = "auto-replied"
    report.set_content("Your message could not be delivered.")
    report.make_mixed()
    report.set_param("report-type", "delivery-status")
    report.replace_header("Content-Type", report["Content-Type"].replace("multipart/mixed", "multipart/report"))
    raw = report.as_bytes()
    boundary = report.get_boundary().encode()
    status = (b"--" + boundary + b"\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.polder.example\n\n"
              b"Final-Recipient: rfc822; piet@gmail.com\nAction: failed\nStatus: 5.1.1\n\n"
              b"--" + boundary + b"\nContent-Type: text/rfc822-headers\n\nFrom: schade@polder.example\n"
              b"To: piet@gmail.com\nSubject: Uw schade\n\n--" + boundary + b"--\n")
    raw = raw.replace(b"--" + boundary + b"--", status)
    path = _write(tmp_path, raw)
    assert [p.get_content_type() for p in stdlib_attachments(path)] == ["message/delivery-status", "text/rfc822-headers"]
    m = read_mail(path)
    assert [(a.filename, a.origin) for a in m.attachments] == [("delivery-status.txt", "report"),
                                                               ("original-headers.txt", "report")]
    assert m.auto and m.report_type == "delivery-status"
    assert mail_roles([mail_party(m)])[str(path)].role == "system"


def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((w, h), 64).convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def test_inline_logos_spacers_and_pixels_are_not_case_media_but_photos_are(tmp_path):
    photo = make_jpeg(1200, 900)
    pixel = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")  # 1x1 GIF
    logo, icon = _png(240, 60), _png(50, 50)
    html = ('<p>Zie foto</p><img src="cid:photo@x"><img src="cid:logo@x"><img src="cid:icon@x">'
            '<img src="cid:px@x" width="1" height="1">')
    m = _mail(html=html)
    body = m.get_body(("html",))
    for data, sub, cid in ((photo, "jpeg", "photo@x"), (logo, "png", "logo@x"), (icon, "png", "icon@x"),
                           (pixel, "gif", "px@x")):
        body.add_related(data, "image", sub, cid=f"<{cid}>")
    atts = read_mail(_write(tmp_path, m)).attachments
    assert [(a.inline, a.content_id) for a in atts] == [(True, "photo@x"), (True, "logo@x"), (True, "icon@x"),
                                                        (True, "px@x")]
    verdicts = []
    for a in atts:
        w, h = Image.open(io.BytesIO(a.data)).size  # what the services learn by probing
        verdicts.append(is_case_media(inline=a.inline, size=a.size, width=w, height=h, content_type=a.content_type))
    assert verdicts == [True, False, False, False]
    attached_icon = _mail(lambda m: m.add_attachment(icon, "image", "png", filename="icoon.png"))
    (a,) = read_mail(_write(tmp_path, attached_icon, "b.eml")).attachments
    assert not a.inline and is_case_media(inline=False, size=a.size, width=50, height=50)


def test_truncated_eml_is_a_damaged_email(tmp_path):
    m = _mail(lambda m: m.add_attachment(make_jpeg(800, 600), "image", "jpeg", filename="keuken.jpg"))
    raw = m.as_bytes()
    cut = raw[: raw.index(b"Content-Disposition: attachment") + 400]
    msg = read_mail(_write(tmp_path, cut))
    assert msg.damaged is not None and msg.damaged.startswith("damaged e-mail:")
    (att,) = msg.attachments
    assert att.filename == "keuken.jpg" and att.damaged and CUT_SHORT in att.flags
    assert read_mail(_write(tmp_path, raw, "whole.eml")).damaged is None


def test_eml_cut_inside_its_headers(tmp_path):
    cut = read_mail(_write(tmp_path, b"From: Piet <piet@gmail.com>\nSubject: Scha", "cut.eml"))
    assert cut.sender_email == "piet@gmail.com" and cut.damaged.startswith("damaged e-mail: the file ends inside")
    with pytest.raises(MailError) as err:  # too little left to read it as an e-mail at all
        read_mail(_write(tmp_path, b"From: Piet <piet@gma", "cut2.eml"))
    assert err.value.message.startswith("damaged e-mail")


def test_broken_base64_attachment_is_flagged(tmp_path):
    m = _mail(lambda m: m.add_attachment(make_jpeg(), "image", "jpeg", filename="a.jpg"))
    raw = m.as_bytes()
    b64 = base64.encodebytes(make_jpeg()).splitlines()[1]
    raw = raw.replace(b64, b64[:-3] + b"*!", 1)
    msg = read_mail(_write(tmp_path, raw))
    (att,) = msg.attachments
    assert att.damaged and any("base64" in f for f in att.flags)
    assert msg.damaged == "damaged e-mail: an attachment is badly encoded"


def test_second_body_text_part_is_also_kept(tmp_path):
    m = _mail(lambda m: m.add_attachment(make_jpeg(), "image", "jpeg", filename="a.jpg", disposition="inline"),
              lambda m: m.attach(_text_part("En nog iets na de foto.")))
    path = _write(tmp_path, m)
    msg = read_mail(path)
    assert "En nog iets na de foto." in msg.body_text
    assert [(a.content_type, a.origin) for a in msg.attachments] == [("image/jpeg", "attachment"),
                                                                     ("text/plain", "body-part")]
    assert len(stdlib_attachments(path)) == 2


def _text_part(text: str) -> EmailMessage:
    p = EmailMessage()
    p.set_content(text)
    return p


def test_cc_and_roles_from_read_mails(tmp_path):
    first = _mail()
    reply = EmailMessage()
    reply["From"] = "Claims Desk <h.smit@polder.example>"
    reply["To"] = "piet@gmail.com"
    reply["Cc"] = "expert@bureau.example"
    reply["Subject"] = "RE: Schade"
    reply["In-Reply-To"] = "<m1@gmail.com>"
    reply["Date"] = "Thu, 14 Mar 2024 11:00:00 +0100"
    reply.set_content("Wij nemen contact op.")
    a, b = read_mail(_write(tmp_path, first, "a.eml")), read_mail(_write(tmp_path, reply, "b.eml"))
    assert b.cc == ["expert@bureau.example"] and not b.auto
    roles = mail_roles([mail_party(a), mail_party(b)])
    assert roles[str(a.path)].role == "customer"
    assert (roles[str(b.path)].role, roles[str(b.path)].customer) == ("organisation", "piet@gmail.com")


@pytest.mark.parametrize("name, data, flag", [
    ("factuur.pdf", _zip(), "name says PDF, content is ZIP"),
    ("photo.jpg", b"%PDF-1.4", "name says JPEG, content is PDF"),
    ("rapport.docx", _zip(), None),
    ("rapport.docx", b"%PDF-1.4", "name says DOCX, content is PDF"),
    ("clip.mov", b"\x00\x00\x00\x18ftypmp42", None),
    ("notes.txt", b"%PDF-1.4", None),
    ("IMG_1.HEIC", b"\x00\x00\x00\x18ftypheic", None),
    ("scan.pdf", b"plain text", None),
])
def test_content_flag(name, data, flag):
    assert content_flag(name, data) == flag


def test_default_names():
    assert default_name("message/delivery-status", b"", 3) == "delivery-status.txt"
    assert default_name("message/rfc822", b"", 2, subject="Re: schade") == "Re: schade.eml"
    assert default_name("message/rfc822", b"", 2, in_report=True) == "undelivered-message.eml"
    assert default_name("application/octet-stream", b"\xff\xd8\xff\xe0", 4) == "attachment-4.jpg"
    assert default_name("application/x-unknown", b"??", 5) == "attachment-5.bin"
    assert sniff(b"\x00\x00\x00\x18ftypheic") == "heic" and sniff(b"hello") is None
