"""Tests for the e-mail readers and threading, on real files written to tmp_path."""

from __future__ import annotations

import io
import random
import time
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import extract_msg
import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from desktop.core.errors import RejectedInput
from desktop.intake import mail
from desktop.intake.mail import (
    MailError,
    MailMessage,
    is_mail_file,
    read_eml,
    read_mail,
    read_msg,
    thread_messages,
)
from desktop.intake.mail_text import html_to_text, sanitise_filename
from desktop.intake.mail_threads import normalise_subject
from tests.intake.mailgen import (
    PDF_BYTES,
    MsgAttachmentSpec,
    MsgSpec,
    cfb_bytes,
    claim_eml,
    make_jpeg,
    msg_bytes,
    simple_eml,
)

CET = timezone(timedelta(hours=1))


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(buf, "PNG")
    return buf.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------------------------
# .eml


def test_eml_claim_sender_subject_time_attachments(tmp_path: Path) -> None:
    jpeg, png = make_jpeg(), _png()
    path = _write(tmp_path, "claim.eml", claim_eml(jpeg, png))

    msg = read_mail(path)

    assert msg.sender_name == "Jansen, Jan"
    assert msg.sender_email == "jan.jansen@example.nl"
    assert msg.to == ["claims@insurer.example", "other@insurer.example"]
    assert msg.subject == "Waterschade keuken – wasmachine"
    assert msg.date == datetime(2024, 3, 14, 10, 12, 33, tzinfo=CET)
    assert msg.date.utcoffset() == timedelta(hours=1)
    assert msg.message_id == "claim-1@mail.example.nl"
    assert "keuken onder water" in msg.body_text
    names = [a.filename for a in msg.attachments]
    assert names == ["logo.png", "IMG_20240314_101233.jpg", "offerte.pdf", "passwd", "x.jpg", "factuurgpj.exe",
                     "schade büro.jpg", "attachment-8.jpg"]
    logo, photo, pdf = msg.attachments[:3]
    assert (logo.inline, logo.content_id, logo.content_type, logo.data) == (True, "logo123@mail", "image/png", png)
    assert (photo.inline, photo.content_type, photo.data) == (False, "image/jpeg", jpeg)
    assert (pdf.content_type, pdf.data) == ("application/pdf", PDF_BYTES)
    assert Image.open(io.BytesIO(photo.data)).size == (64, 48)
    for att in msg.attachments:
        assert "/" not in att.filename and "\\" not in att.filename and ".." not in att.filename
        assert "\u202e" not in att.filename
    assert msg.warnings == []


def test_sanitise_filename_cases() -> None:
    assert sanitise_filename("../../etc/passwd", 1, "image/jpeg") == "passwd"
    assert sanitise_filename("C:\\evil\\x.jpg", 1, "image/jpeg") == "x.jpg"
    assert sanitise_filename("C:x.jpg", 1, "image/jpeg") == "C_x.jpg"
    assert sanitise_filename("a\x00b\x1f\u200bc.jpg", 1, "image/jpeg") == "abc.jpg"
    assert sanitise_filename("CON.txt", 1, "text/plain") == "_CON.txt"
    assert sanitise_filename("  ", 3, "application/pdf") == "attachment-3.pdf"
    assert sanitise_filename(None, 4, "application/x-unknown-thing") == "attachment-4.bin"
    assert len(sanitise_filename("x" * 5000 + ".jpeg", 1, "image/jpeg")) <= 150
    assert sanitise_filename("x" * 5000 + ".jpeg", 1, "image/jpeg").endswith(".jpeg")


def test_eml_encoded_word_and_rfc2231_names_and_forwarded_message(tmp_path: Path) -> None:
    jpeg = make_jpeg(color=(0, 0, 200))
    inner = EmailMessage()
    inner["From"] = "Klant <klant@example.com>"
    inner["Subject"] = "Foto's van de schade"
    inner["Date"] = "Mon, 04 Mar 2024 08:00:00 +0000"
    inner.set_content("Hier de foto's.")
    inner.add_attachment(jpeg, "image", "jpeg", filename="binnen.jpg")
    inner_of_inner = EmailMessage()
    inner_of_inner["From"] = "deep@example.com"
    inner_of_inner.set_content("deep")
    inner.add_attachment(inner_of_inner)
    outer = EmailMessage()
    outer["From"] = "Collega <collega@insurer.example>"
    outer["Subject"] = "Fwd: Foto's van de schade"
    outer["Date"] = "Tue, 05 Mar 2024 09:00:00 +0100"
    outer.set_content("Zie bijlage.")
    outer.add_attachment(inner)
    raw = outer.as_bytes()
    # An Outlook-style encoded word inside a quoted parameter, and an RFC 2231 name.
    outer2 = EmailMessage()
    outer2["From"] = "a@example.com"
    outer2["Subject"] = "=?utf-8?B?U2NoYWRlIMOk?="
    outer2.set_content("x")
    outer2.add_attachment(jpeg, "image", "jpeg", filename="placeholder.jpg")
    raw2 = outer2.as_bytes().replace(b'filename="placeholder.jpg"', b'filename="=?utf-8?B?w6lww6kuanBn?="')
    raw2 = raw2.replace(b"Content-Type: image/jpeg", b"Content-Type: image/jpeg; name*=utf-8''%C3%A9t%C3%A9.jpg")

    fwd = read_eml(_write(tmp_path, "fwd.eml", raw))
    assert fwd.sender_email == "collega@insurer.example"
    assert "Zie bijlage." in fwd.body_text and "Hier de foto's." in fwd.body_text
    assert "From: Klant <klant@example.com>" in fwd.body_text
    # the forwarded e-mail itself is kept (named by its subject) and opened; the one inside it is kept only
    assert [(a.filename, a.origin) for a in fwd.attachments] == [
        ("Foto's van de schade.eml", "forwarded"), ("binnen.jpg", "in-forwarded"),
        ("forwarded-message.eml", "forwarded")]
    assert fwd.attachments[0].data.startswith(b"From: Klant") and b"binnen.jpg" in fwd.attachments[0].data
    assert fwd.attachments[1].data == jpeg
    assert fwd.attachments[2].content_type == "message/rfc822"
    assert any("inside a forwarded e-mail" in w for w in fwd.warnings)

    named = read_eml(_write(tmp_path, "named.eml", raw2))
    assert named.subject == "Schade ä"
    assert [a.filename for a in named.attachments] == ["épé.jpg"]


def test_html_only_body_and_charsets(tmp_path: Path) -> None:
    raw = (b"From: x@example.com\nSubject: html\nDate: Tue, 05 Mar 2024 09:00:00 +0100\nMIME-Version: 1.0\n"
           b"Content-Type: text/html; charset=x-no-such-charset\n\n"
           b"<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Schade&nbsp;aan "
           b"de <b>vloer</b></p><ul><li>tegels</li><li>kast</li></ul><p>Groet,<br>Jan \xc3\xa9</p></body></html>")
    msg = read_eml(_write(tmp_path, "h.eml", raw))
    assert msg.body_text == "Schade aan de vloer\n\n- tegels\n- kast\n\nGroet,\nJan é"
    latin = (b"From: x@example.com\nSubject: latin\nContent-Type: text/plain; charset=utf-8\n\nCaf\xe9 d\xe9g\xe2t\n")
    assert "Caf\ufffd" in read_eml(_write(tmp_path, "l.eml", latin)).body_text
    mislabelled = b"From: x@example.com\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n\nd\xc3\xa9g\xc3\xa2t\n"
    assert read_eml(_write(tmp_path, "m.eml", mislabelled)).body_text == "dégât"
    codec = b"From: x@example.com\nSubject: s\nContent-Type: text/plain; charset=zlib\n\nplain\n"
    assert read_eml(_write(tmp_path, "z.eml", codec)).body_text == "plain"
    raw8 = "From: Jörg <joerg@example.de>\nSubject: Schäden\nDate: nonsense\n\nx\n".encode()
    msg = read_eml(_write(tmp_path, "8bit.eml", raw8))
    assert (msg.sender_name, msg.subject, msg.date) == ("Jörg", "Schäden", None)
    assert any("Date header not understood" in w for w in msg.warnings)
    assert "<b>" not in html_to_text("<p>a<b>b</b></p><!-- c --><![CDATA[x]]>")


def test_broken_mime_still_reads_what_it_can(tmp_path: Path) -> None:
    jpeg = make_jpeg()
    import base64

    raw = (b"From: x@example.com\nSubject: broken\nDate: Tue, 05 Mar 2024 09:00:00 -0000\n"
           b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nhello\n--XX\n"
           b"Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n"
           b"Content-Disposition: attachment; filename=a.jpg\n\n" + base64.encodebytes(jpeg) + b"\n--XX\n"
           b"Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n!!!not base64@@@\n")  # no closing
    msg = read_eml(_write(tmp_path, "b.eml", raw))
    assert msg.body_text == "hello"
    assert msg.attachments[0].data == jpeg
    assert msg.date == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert any("no time zone" in w for w in msg.warnings)
    assert any("MIME structure is damaged" in w for w in msg.warnings)


def test_attachment_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    many = EmailMessage()
    many["From"] = "x@example.com"
    many["Subject"] = "many"
    many.set_content("x")
    for i in range(mail.MAX_ATTACHMENTS + 5):
        many.add_attachment(b"%d" % i, "application", "octet-stream", filename=f"f{i}.bin")
    msg = read_eml(_write(tmp_path, "many.eml", many.as_bytes()))
    assert len(msg.attachments) == mail.MAX_ATTACHMENTS
    assert any("5 attachment(s) skipped" in w for w in msg.warnings)

    monkeypatch.setattr(mail, "MAX_ATTACHMENT_BYTES", 1500)
    msg = read_eml(_write(tmp_path, "big.eml", claim_eml(make_jpeg(), _png())))
    assert sum(len(a.data) for a in msg.attachments) <= 1500
    assert any("skipped" in w for w in msg.warnings)


def test_huge_headers_are_cut(tmp_path: Path) -> None:
    start = time.monotonic()
    huge_to = b"To: " + b", ".join([b'"x(" <a@b.example>'] * 4000) + b"\n"
    raw = b"From: x@example.com\nSubject: " + b"=?utf-8?q?a?= " * 20_000 + b"\n" + huge_to + b"\nbody\n"
    msg = read_eml(_write(tmp_path, "huge.eml", raw))
    assert any("Subject header is too long or too complex" in w for w in msg.warnings)
    assert any("To header is too long or too complex" in w for w in msg.warnings)
    assert len(msg.subject) <= 998 and msg.to[0] == "a@b.example" and msg.body_text == "body"
    assert time.monotonic() - start < 3


def test_mime_header_bomb_is_rejected(tmp_path: Path) -> None:
    params = b"; ".join([b"a=b"] * 1000)
    parts = b"".join(b"--B\nContent-Type: text/plain; " + params + b"\n\nx\n" for _ in range(100))
    bomb = b"From: x@example.com\nSubject: s\nContent-Type: multipart/mixed; boundary=B\n\n" + parts + b"--B--\n"
    with pytest.raises(MailError, match="MIME part headers exceed"):
        read_eml(_write(tmp_path, "bomb.eml", bomb))


def test_deep_nesting_is_cut_or_rejected(tmp_path: Path) -> None:
    def nested(depth: int) -> bytes:
        return b"From: x@example.com\nSubject: deep\n" + b"".join(
            b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(depth)) + b"\n\nx\n"

    msg = read_eml(_write(tmp_path, "deep.eml", nested(mail.MAX_DEPTH + 10)))
    assert any("nested deeper" in w for w in msg.warnings)
    with pytest.raises(MailError, match="nested MIME parts"):
        read_eml(_write(tmp_path, "deeper.eml", nested(mail.MAX_MULTIPARTS + 1)))


# ---------------------------------------------------------------------------------------------------------------
# Detection and bad input


def test_detection_by_content_not_extension(tmp_path: Path) -> None:
    eml = _write(tmp_path, "message.txt", simple_eml("a@example.com", "b@example.com", "Hi", None))
    msg = _write(tmp_path, "message.bin", msg_bytes(MsgSpec("s", "n", "n@example.com", "b")))
    doc = _write(tmp_path, "report.msg", cfb_bytes({"WordDocument": b"\0" * 100}))
    jpg = _write(tmp_path, "photo.eml", make_jpeg())
    assert is_mail_file(eml, eml.read_bytes()[:4096]) == "eml"
    assert is_mail_file(msg, msg.read_bytes()[:4096]) == "msg"
    assert is_mail_file(doc, doc.read_bytes()[:4096]) is None
    assert is_mail_file(jpg, jpg.read_bytes()[:4096]) is None
    assert is_mail_file(eml, b"From a@b Sat Jan  3 01:05:34 1996\nFrom: a@b.example\nSubject: x\n\n") == "eml"
    assert is_mail_file(eml, b"HTTP/1.1 200 OK\nDate: x\nContent-Type: text/html\n\n") is None
    assert read_mail(eml).subject == "Hi"
    assert read_mail(msg).subject == "s"
    with pytest.raises(MailError, match="not an Outlook message"):
        read_mail(doc)


@pytest.mark.parametrize(
    ("name", "data", "reader", "message"),
    [
        ("empty.eml", b"", read_mail, "not an e-mail: the file is empty"),
        ("empty.msg", b"", read_msg, "not an e-mail: the file is empty"),
        ("random.eml", random.Random(1).randbytes(5000), read_eml, "not an e-mail: no mail headers"),
        ("random.eml", random.Random(2).randbytes(5000), read_mail, "not an e-mail: no mail headers"),
        ("text.msg", b"From: a@b.example\nSubject: x\n\n", read_msg, "not an Outlook message"),
        ("missing.eml", None, read_mail, "cannot read the e-mail file"),
    ],
)
def test_bad_inputs_raise_mail_error(tmp_path: Path, name: str, data: bytes | None, reader, message: str) -> None:
    path = tmp_path / name if data is None else _write(tmp_path, name, data)
    with pytest.raises(MailError, match=message) as info:
        reader(path)
    assert isinstance(info.value, RejectedInput)
    assert str(path) in str(info.value)


def test_truncated_msg_is_damaged(tmp_path: Path) -> None:
    spec = MsgSpec("Schade", "Jan", "jan@example.nl", "body " * 2000, attachments=[
        MsgAttachmentSpec("a.jpg", make_jpeg(200, 200), "image/jpeg")])
    data = msg_bytes(spec)
    for cut in (600, len(data) // 2, len(data) - 700):
        path = _write(tmp_path, f"cut{cut}.msg", data[:cut])
        with pytest.raises(MailError, match="not a readable Outlook message: the file ends early"):
            read_mail(path)


_HOSTILE = st.lists(st.sampled_from(list('"\\()<>@,;:[]=?*%\'. \t-_/aZ9é\u202e\x00') + [
    "=?utf-8?q?", "=?x-bad?b?", "?=", "filename*0*=", "utf-8''", "%C3", "boundary=B", "\n ", "\r\n"]),
    max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzzed_files_give_a_message_or_mail_error(tmp_path_factory: pytest.TempPathFactory, data) -> None:
    base = data.draw(st.sampled_from(["eml", "msg", "headers"]))
    if base == "headers":
        names = ["From", "To", "Subject", "Date", "Message-ID", "References", "Content-Type", "Content-Disposition"]
        head = "".join(f"{n}: {data.draw(_HOSTILE)}\n" for n in names)
        part = f"--B\nContent-Type: {data.draw(_HOSTILE)}\nContent-Disposition: {data.draw(_HOSTILE)}\n\nx\n"
        raw = bytearray(f"From: a@b.example\nSubject: s\n{head}\n{part}--B--\n".encode("utf-8", "surrogatepass"))
    elif base == "eml":
        raw = bytearray(claim_eml(make_jpeg(16, 16), _png()))
    else:
        raw = bytearray(msg_bytes(MsgSpec("S", "N", "n@example.com", "b", attachments=[
            MsgAttachmentSpec("a.jpg", make_jpeg(16, 16), "image/jpeg")])))
    for _ in range(data.draw(st.integers(0 if base == "headers" else 1, 20))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    raw = raw[: data.draw(st.integers(1, len(raw)))]
    path = tmp_path_factory.mktemp("fuzz") / f"f.{base}"
    path.write_bytes(bytes(raw))
    try:
        result = read_mail(path)
    except MailError:
        return
    assert isinstance(result, MailMessage)
    for att in result.attachments:
        assert att.filename and "/" not in att.filename and "\\" not in att.filename and "\u202e" not in att.filename


# ---------------------------------------------------------------------------------------------------------------
# .msg


def _claim_msg_spec(jpeg: bytes, headers: str | None = None) -> MsgSpec:
    return MsgSpec(
        subject="Waterschade keuken",
        sender_name="Jan Jansen",
        sender_email="Jan.Jansen@Example.NL",
        body="De wasmachine lekte.\r\nZie foto.",
        sent=datetime(2024, 3, 14, 10, 12, 33, tzinfo=CET),
        headers=headers,
        to=[("Claims", "claims@insurer.example")],
        attachments=[MsgAttachmentSpec("IMG_20240314_101233.jpg", jpeg, "image/jpeg"),
                     MsgAttachmentSpec("../..\\evil.pdf", PDF_BYTES, "application/pdf")],
    )


def test_generated_msg_is_valid_for_olefile_and_extract_msg(tmp_path: Path) -> None:
    jpeg = make_jpeg()
    path = _write(tmp_path, "claim.msg", msg_bytes(_claim_msg_spec(jpeg)))
    with olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT) as ole:
        assert ole.exists("__attach_version1.0_#00000000/__substg1.0_37010102")
    with extract_msg.openMsg(str(path)) as msg:
        assert msg.subject == "Waterschade keuken"
        assert msg.sender == "Jan Jansen <Jan.Jansen@Example.NL>"
        assert msg.date == datetime(2024, 3, 14, 9, 12, 33, tzinfo=UTC)
        assert msg.attachments[0].data == jpeg
        assert msg.attachments[0].longFilename == "IMG_20240314_101233.jpg"


def test_read_msg_sender_subject_time_attachment(tmp_path: Path) -> None:
    jpeg = make_jpeg(color=(10, 200, 10))
    msg = read_msg(_write(tmp_path, "claim.msg", msg_bytes(_claim_msg_spec(jpeg))))
    assert (msg.sender_name, msg.sender_email) == ("Jan Jansen", "jan.jansen@example.nl")
    assert msg.subject == "Waterschade keuken"
    assert msg.date == datetime(2024, 3, 14, 10, 12, 33, tzinfo=CET)
    assert msg.to == ["claims@insurer.example"]
    assert msg.body_text == "De wasmachine lekte.\nZie foto."
    assert [a.filename for a in msg.attachments] == ["IMG_20240314_101233.jpg", "evil.pdf"]
    assert msg.attachments[0].data == jpeg and msg.attachments[0].content_type == "image/jpeg"
    assert Image.open(io.BytesIO(msg.attachments[0].data)).format == "JPEG"
    assert msg.warnings == []


def test_msg_transport_headers_and_embedded_message(tmp_path: Path) -> None:
    jpeg_inner, jpeg_deep = make_jpeg(color=(1, 2, 3)), make_jpeg(color=(9, 9, 9))
    deep = MsgSpec("deep", "D", "d@example.com", "deep", attachments=[MsgAttachmentSpec("deep.jpg", jpeg_deep)])
    inner = MsgSpec("Foto's", "Klant", "klant@example.com", "Hier de foto's.",
                    sent=datetime(2024, 3, 4, 8, 0, tzinfo=UTC),
                    attachments=[MsgAttachmentSpec("binnen.jpg", jpeg_inner, "image/jpeg"),
                                 MsgAttachmentSpec("deep.msg", embedded=deep)])
    headers = ("Microsoft Mail Internet Headers Version 2.0\r\nFrom: Collega <collega@insurer.example>\r\n"
               "Date: Tue, 05 Mar 2024 09:00:00 +0100\r\nMessage-ID: <fwd-2@insurer.example>\r\n"
               "In-Reply-To: <claim-1@mail.example.nl>\r\nReferences: <claim-1@mail.example.nl>\r\n\r\n")
    spec = MsgSpec("FW: Foto's", "ignored", "ignored@example.com", "Zie bijlage.", headers=headers,
                   attachments=[MsgAttachmentSpec("Foto's.msg", embedded=inner)])
    msg = read_msg(_write(tmp_path, "fwd.msg", msg_bytes(spec)))
    assert msg.sender_email == "collega@insurer.example"
    assert msg.date == datetime(2024, 3, 5, 9, 0, tzinfo=CET)
    assert (msg.message_id, msg.in_reply_to) == ("fwd-2@insurer.example", "claim-1@mail.example.nl")
    assert "Hier de foto's." in msg.body_text and "From: Klant <klant@example.com>" in msg.body_text
    assert [a.data for a in msg.attachments] == [jpeg_inner]
    assert any("inside an attached Outlook message" in w for w in msg.warnings)


def test_msg_html_body_inline_image_and_no_date(tmp_path: Path) -> None:
    png = _png()
    spec = MsgSpec("Foto", "Jan", "jan@example.nl", "", html='<p>Zie <b>foto</b></p><img src="cid:img1@x">',
                   attachments=[MsgAttachmentSpec("image001.png", png, "image/png", content_id="img1@x")])
    msg = read_msg(_write(tmp_path, "html.msg", msg_bytes(spec)))
    assert msg.body_text == "Zie foto"
    assert [(a.filename, a.inline, a.content_id, a.data) for a in msg.attachments] == [
        ("image001.png", True, "img1@x", png)]
    assert msg.date is None and "no sent or received time in the Outlook file" in msg.warnings


# ---------------------------------------------------------------------------------------------------------------
# Threads


def test_thread_of_three_plus_unrelated(tmp_path: Path) -> None:
    t0 = datetime(2024, 3, 14, 10, 0, tzinfo=CET)
    files = {
        "a.eml": simple_eml("Jan <jan@example.nl>", "claims@insurer.example", "Waterschade", t0, "<a@x>"),
        "b.eml": simple_eml("claims@insurer.example", "jan@example.nl", "RE: Waterschade", t0 + timedelta(hours=2),
                            "<b@y>", in_reply_to="<a@x>", references=["<a@x>"]),
        "c.eml": simple_eml("jan@example.nl", "claims@insurer.example", "AW: Re: Waterschade",
                            t0 + timedelta(days=1), "<c@x>", in_reply_to="<b@y>", references=["<a@x>", "<b@y>"]),
        "d.eml": simple_eml("piet@example.nl", "claims@insurer.example", "Waterschade", t0 + timedelta(hours=1),
                            "<d@z>"),
    }
    read = {name: read_eml(_write(tmp_path, name, data)) for name, data in files.items()}
    shuffled = [read["c.eml"], read["d.eml"], read["a.eml"], read["b.eml"]]
    threads = thread_messages(shuffled)
    assert [[m.path.name for m in t] for t in threads] == [["a.eml", "b.eml", "c.eml"], ["d.eml"]]


def test_thread_fallback_by_subject_and_correspondent(tmp_path: Path) -> None:
    t0 = datetime(2024, 3, 14, 10, 0, tzinfo=UTC)
    first = read_eml(_write(tmp_path, "1.eml", simple_eml("jan@example.nl", "claims@insurer.example",
                                                          "Schade 123", t0, "<1@x>")))
    no_headers = read_eml(_write(tmp_path, "2.eml", simple_eml("claims@insurer.example", "jan@example.nl",
                                                               "Doorst: Antw: Schade 123", t0 + timedelta(hours=1))))
    other = read_eml(_write(tmp_path, "3.eml", simple_eml("kees@example.nl", "claims@insurer.example",
                                                          "WG: Schade 123", t0 + timedelta(hours=2))))
    undated = read_eml(_write(tmp_path, "4.eml", simple_eml("jan@example.nl", "claims@insurer.example",
                                                            "Fwd: schade 123", None)))
    threads = thread_messages([other, undated, no_headers, first])
    assert [[m.path.name for m in t] for t in threads] == [["1.eml", "2.eml", "4.eml"], ["3.eml"]]
    assert undated.date is None and any("Date" in w for w in undated.warnings)


def test_thread_across_msg_and_eml(tmp_path: Path) -> None:
    t0 = datetime(2024, 3, 14, 10, 0, tzinfo=UTC)
    eml = read_eml(_write(tmp_path, "a.eml", simple_eml("jan@example.nl", "c@insurer.example", "Claim", t0,
                                                        "<claim-1@mail.example.nl>")))
    headers = "Message-ID: <m@x>\r\nIn-Reply-To: <claim-1@mail.example.nl>\r\n\r\n"
    msg = read_msg(_write(tmp_path, "b.msg", msg_bytes(MsgSpec("Antwoord", "C", "c@insurer.example", "ok",
                                                                sent=t0 + timedelta(hours=1), headers=headers))))
    assert [[m.path.name for m in t] for t in thread_messages([msg, eml])] == [["a.eml", "b.msg"]]


def test_normalise_subject() -> None:
    assert normalise_subject("Re: AW: Fwd: WG: Antw: Doorst: FW: Schade  Keuken") == "schade keuken"
    assert normalise_subject("RE[2]: [EXT] Re: x") == "x"
    assert normalise_subject("Reparatie") == "reparatie"


def test_a_date_that_cannot_be_true_gives_way_to_the_servers_or_none(tmp_path: Path) -> None:
    """31/12/9999 put the answer due in 63,211 days; a date before e-mail existed is as wrong. The topmost Received
    header (the last server's time) stands in for it, else the message has no time; either way a warning says so."""
    received = b"Received: from mx.example.com by mail.insurer.example; Tue, 01 Dec 2026 10:00:00 +0100\n"
    body = b"From: Emma <emma@example.com>\nSubject: schade\nDate: %s\n\nhallo\n"
    future = read_eml(_write(tmp_path, "f.eml", received + body % b"Fri, 31 Dec 9999 23:59:00 +0000"))
    assert future.date == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert mail.date_problems(future) == ["the e-mail's date (9999-12-31 23:59) lies in the future: the time the mail "
                                          "server received it is used (2026-12-01 10:00)"]
    bare = read_eml(_write(tmp_path, "b.eml", body % b"Mon, 01 Jan 1900 00:00:00 +0000"))
    assert bare.date is None
    assert mail.date_problems(bare) == ["the e-mail's date (1900-01-01 00:00) is before e-mail existed: the message "
                                        "has no time"]
    hostile = read_eml(_write(tmp_path, "h.eml", b"Received: x; not a date\n" + body % b"Fri, 31 Dec 9999 23:59:00 +0000"))
    assert hostile.date is None and len(mail.date_problems(hostile)) == 1
    ordinary = read_eml(_write(tmp_path, "o.eml", received + body % b"Tue, 01 Dec 2026 09:58:00 +0100"))
    assert ordinary.date == datetime(2026, 12, 1, 8, 58, tzinfo=UTC) and mail.date_problems(ordinary) == []
    # a sender's clock a few hours ahead is believed; two days is not
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    warnings: list[str] = []
    assert mail.judged_date(now + timedelta(hours=20), None, warnings, now) == now + timedelta(hours=20)
    assert mail.judged_date(now + timedelta(days=2), None, warnings, now) is None and len(warnings) == 1


def test_an_outlook_file_dated_in_the_future_has_no_time(tmp_path: Path) -> None:
    path = _write(tmp_path, "f.msg", msg_bytes(MsgSpec("schade", "Emma", "emma@example.com", "hallo",
                                                       sent=datetime(4000, 1, 1, tzinfo=UTC))))
    m = read_msg(path)
    assert m.date is None
    assert mail.date_problems(m) == ["the e-mail's date (4000-01-01 00:00) lies in the future: the message has no time"]
