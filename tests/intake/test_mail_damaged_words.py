"""A damaged Outlook .msg is named in plain words: "not a readable Outlook message: ..." (cut short, or damaged
inside), never in the library's words (``OleFileError: incorrect OLE FAT, sector index out of range``)."""

from __future__ import annotations

import random
import re

import pytest

from desktop.intake.mail import MailError, read_mail
from tests.intake.mailgen import MsgAttachmentSpec, MsgSpec, make_jpeg, msg_bytes

LIBRARY_WORDS = re.compile(r"Error\b|OLE|DirEntry|FAT|sector|olefile|extract_msg", re.IGNORECASE)


def _good() -> bytes:
    return msg_bytes(MsgSpec("Schade", "Jan", "jan@example.nl", "body " * 300,
                             attachments=[MsgAttachmentSpec("a.jpg", make_jpeg(), "image/jpeg")]))


@pytest.mark.parametrize("cut", [8, 100, 512, 1024, 0.5])
def test_a_cut_msg_says_it_ends_early(tmp_path, cut):
    good = _good()
    n = int(len(good) * cut) if isinstance(cut, float) else cut
    path = tmp_path / "claim.msg"
    path.write_bytes(good[:n])
    with pytest.raises(MailError) as err:
        read_mail(path)
    assert err.value.message == "not a readable Outlook message: the file ends early (it was probably cut short)"
    assert str(path) in str(err.value)


def test_damage_inside_a_msg_is_named_without_the_library_s_words(tmp_path):
    good = _good()
    rnd = random.Random(11)
    failed = 0
    for i in range(40):
        bad = bytearray(good)
        for _ in range(rnd.choice((1, 8, 64))):
            bad[rnd.randrange(8, len(bad))] = rnd.randrange(256)
        path = tmp_path / f"m{i}.msg"
        path.write_bytes(bytes(bad))
        try:
            mail = read_mail(path)
        except MailError as e:
            failed += 1
            assert e.message.startswith("not a readable Outlook message: "), e.message
            assert not LIBRARY_WORDS.search(e.message), e.message
        else:
            for w in mail.warnings:
                assert not LIBRARY_WORDS.search(w), w
    assert failed >= 10  # the damage is real: most of these do not open


def test_garbage_after_an_ole_header_is_damaged(tmp_path):
    good = _good()
    rnd = random.Random(5)
    path = tmp_path / "claim.msg"
    path.write_bytes(good[:512] + bytes(rnd.randrange(256) for _ in range(len(good) - 512)))
    with pytest.raises(MailError) as err:
        read_mail(path)
    assert err.value.message == "not a readable Outlook message: the file is damaged (its inner structure cannot be read)"


def test_a_msg_that_is_neither_outlook_nor_mail_says_so(tmp_path):
    path = tmp_path / "claim.msg"
    path.write_bytes(b"hello, this is a plain note saved as .msg\n")
    with pytest.raises(MailError) as err:
        read_mail(path)
    assert err.value.message.startswith("not a readable Outlook message: ")
