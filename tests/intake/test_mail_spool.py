"""Large e-mails read with their long base64 runs spooled to disk give what the stdlib gives reading them whole.

The oracle is the stdlib itself on the whole file (``email.message_from_bytes`` and ``get_payload(decode=True)``,
``email._encoded_words.decode_b`` for the chunked base64 decoder).
"""

from __future__ import annotations

import base64
import io
import os
import random
from email import message_from_bytes, policy
from email._encoded_words import decode_b
from email.message import EmailMessage
from pathlib import Path

import pytest

from desktop.intake.mail import read_mail
from desktop.intake.mail_spool import RUN_BYTES, Spool, _Base64Stream
from tests.gen import mail_with_attachment


def stdlib_attachments(raw: bytes) -> list[bytes]:
    msg = message_from_bytes(raw, policy=policy.default)
    return [p.get_payload(decode=True) for p in msg.iter_attachments()]


def test_big_attachments_are_decoded_exactly(tmp_path):
    pdf = b"%PDF-1.4\n" + os.urandom(3 * RUN_BYTES)
    png = b"\x89PNG\r\n\x1a\n" + os.urandom(RUN_BYTES // 2)  # stays in memory: shorter than a run
    m = EmailMessage()
    m["From"], m["Subject"], m["Date"] = "Piet <piet@example.nl>", "Schade", "Thu, 14 Mar 2024 10:12:33 +0100"
    m.set_content("Zie bijlagen.")
    m.add_attachment(pdf, maintype="application", subtype="pdf", filename="rapport.pdf")
    m.add_attachment(png, maintype="image", subtype="png", filename="foto.png")
    path = tmp_path / "m.eml"
    path.write_bytes(m.as_bytes())
    msg = read_mail(path)
    assert [(a.filename, a.content_type, a.data, a.damaged, a.flags) for a in msg.attachments] == [
        ("rapport.pdf", "application/pdf", pdf, False, []), ("foto.png", "image/png", png, False, [])]
    assert [a.data for a in msg.attachments] == stdlib_attachments(path.read_bytes())
    assert msg.body_text == "Zie bijlagen." and msg.damaged is None and msg.warnings == []


def test_with_a_spool_folder_attachments_are_files(tmp_path):
    data = os.urandom(5 * RUN_BYTES)
    path = mail_with_attachment(tmp_path / "m.eml", data, "scan.pdf")
    spool = tmp_path / "spool"
    (att,) = read_mail(path, spool).attachments
    assert att.content is None and att.path is not None and att.path.parent == spool
    assert att.size == len(data) and att.path.read_bytes() == data
    assert sorted(p.name for p in spool.iterdir()) == [att.path.name]  # the spooled runs are gone


def test_a_cut_base64_attachment_is_marked_damaged(tmp_path):
    data = b"%PDF-1.4\n" + os.urandom(3 * RUN_BYTES)
    raw = mail_with_attachment(tmp_path / "whole.eml", data, "a.pdf").read_bytes()
    body_end = raw.rindex(b"\n--")
    cut = raw[:body_end - 3] + raw[body_end:]  # three characters short: the last quad is broken
    path = tmp_path / "cut.eml"
    path.write_bytes(cut)
    (att,) = read_mail(path).attachments
    (expected,) = stdlib_attachments(cut)
    assert att.damaged and att.flags == ["damaged encoding: the part's base64 is broken or cut short"]
    assert att.data == expected


def test_bad_characters_in_a_long_run(tmp_path):
    data = os.urandom(3 * RUN_BYTES)
    raw = mail_with_attachment(tmp_path / "a.eml", data, "a.bin", "application/octet-stream").read_bytes()
    at = raw.index(b"\n", raw.index(b"Content-Disposition")) + 2000
    bad = raw[:at] + b"*" + raw[at + 1:]  # one character outside the alphabet, inside a line
    path = tmp_path / "bad.eml"
    path.write_bytes(bad)
    (att,) = read_mail(path).attachments
    assert att.damaged and att.data == stdlib_attachments(bad)[0]


def test_forwarded_email_with_a_big_attachment(tmp_path):
    photo = b"\xff\xd8\xff\xe0" + os.urandom(2 * RUN_BYTES)
    inner = EmailMessage()
    inner["From"], inner["Subject"] = "Klant <klant@example.nl>", "Foto's lekkage"
    inner["Date"] = "Wed, 13 Mar 2024 09:00:00 +0100"
    inner.set_content("Hierbij de foto.")
    inner.add_attachment(photo, maintype="image", subtype="jpeg", filename="lek.jpg")
    outer = EmailMessage()
    outer["From"], outer["Subject"] = "Agent <agent@example.nl>", "Fwd: Foto's lekkage"
    outer["Date"] = "Thu, 14 Mar 2024 10:00:00 +0100"
    outer.set_content("Doorgestuurd.")
    outer.add_attachment(inner)
    path = tmp_path / "fwd.eml"
    path.write_bytes(outer.as_bytes())
    msg = read_mail(path)
    fwd, jpg = msg.attachments
    assert fwd.origin == "forwarded" and jpg.origin == "in-forwarded" and jpg.data == photo
    assert message_from_bytes(fwd.data, policy=policy.default).get_body(("plain",)) is not None
    reread = message_from_bytes(fwd.data, policy=policy.default)
    assert [p.get_payload(decode=True) for p in reread.iter_attachments()] == [photo]
    assert "Hierbij de foto." in msg.body_text


def test_one_long_line_and_quoted_printable(tmp_path):
    data = os.urandom(3 * RUN_BYTES)
    one_line = base64.b64encode(data)
    text = ("Beste,\n" + "a" * 70 + "=\n") * 2000  # soft line breaks: lines of base64 letters and '='
    raw = (b"From: Piet <piet@example.nl>\nSubject: x\nDate: Thu, 14 Mar 2024 10:12:33 +0100\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/mixed; boundary=BB\n\n--BB\nContent-Type: text/plain\n\nHoi\n"
           b"--BB\nContent-Type: application/octet-stream; name=a.bin\nContent-Transfer-Encoding: base64\n\n"
           + one_line + b"\n--BB\nContent-Type: text/plain; name=b.txt\nContent-Disposition: attachment\n"
           b"Content-Transfer-Encoding: quoted-printable\n\n" + text.encode() + b"\n--BB--\n")
    path = tmp_path / "m.eml"
    path.write_bytes(raw)
    a, b = read_mail(path).attachments
    assert a.data == data
    assert [a.data, b.data] == stdlib_attachments(raw)


def test_a_forged_token_is_just_text(tmp_path):
    forged = b"CDSPOOL0123456789ABCDEFN000000\n" * (RUN_BYTES // 16)
    raw = (b"From: Piet <piet@example.nl>\nSubject: x\nDate: Thu, 14 Mar 2024 10:12:33 +0100\n\n" + forged)
    path = tmp_path / "m.eml"
    path.write_bytes(raw)
    assert read_mail(path).body_text == forged.decode().strip()


@pytest.mark.parametrize("seed", range(40))
def test_chunked_base64_matches_the_stdlib(seed, tmp_path):
    rnd = random.Random(seed)
    encoded = base64.b64encode(rnd.randbytes(rnd.randrange(0, 3000)))
    damage = rnd.randrange(5)
    if damage == 1 and encoded:
        encoded = encoded[: rnd.randrange(len(encoded))]  # cut anywhere
    elif damage == 2 and encoded:
        at = rnd.randrange(len(encoded))
        encoded = encoded[:at] + rnd.choice([b"*", b"!", b" ", b"\xe9"]) + encoded[at:]
    elif damage == 3:
        encoded = encoded.rstrip(b"=")
    expected, defects = decode_b(encoded)
    if any(type(d).__name__ == "InvalidBase64LengthDefect" for d in defects):
        expected = None  # the stdlib returns the undecodable text itself; only the defect must agree
    out = io.BytesIO()
    dec = _Base64Stream(out)
    pos = 0
    while pos < len(encoded):
        step = rnd.randrange(1, 700)
        dec.feed(encoded[pos:pos + step])
        pos += step
    size, head, got = dec.finish()
    assert sorted(type(d).__name__ for d in got) == sorted(type(d).__name__ for d in defects)
    if expected is not None:
        assert out.getvalue() == expected and size == len(expected) and head == expected[:64]


def test_reduce_keeps_everything_but_long_runs(tmp_path):
    lines = [b"From: a@b.nl\r\n", b"\r\n"] + [b"QUJD" * 19 + b"\r\n"] * 2000 + [b"tail\r\n"]
    raw = b"".join(lines)
    spool = Spool(tmp_path)
    reduced = spool.reduce(io.BytesIO(raw[100:]), raw[:100])
    assert len(reduced) < 200 and len(spool.files) == 1
    out = io.BytesIO()
    spool.expand(reduced, out)
    assert out.getvalue() == raw
    spool.remove()
    assert list(Path(tmp_path).iterdir()) == []
