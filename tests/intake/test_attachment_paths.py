"""A chat line that names its attachment as a path (``../../x.jpg``, ``/etc/passwd``, ``..\\..\\win.jpg``) is a
damaged or hostile line: WhatsApp never writes folders. The attachment is its plain file name, never a path."""

from __future__ import annotations

from desktop.intake.whatsapp import decode_chat_bytes, parse_chat
from desktop.intake.whatsapp_formats import find_attachment

CHAT = ("14/03/2024, 10:13 - Jan: ../../x.jpg (bestand bijgevoegd)\n"
        "14/03/2024, 10:14 - Jan: /etc/passwd (file attached)\n"
        "14/03/2024, 10:15 - Jan: ..\\..\\win.jpg (file attached)\n"
        "14/03/2024, 10:16 - Jan: \u200e<attached: 00000009-../../secret.pdf>\n"
        "14/03/2024, 10:17 - Jan: ../.. (file attached)\n"
        "14/03/2024, 10:18 - Jan: IMG-20240314-WA0001.jpg (file attached)\n")


def test_attachment_named_as_a_path_is_its_file_name(tmp_path):
    path = tmp_path / "WhatsApp Chat with Jan.txt"
    path.write_text(CHAT, encoding="utf-8")
    chat = parse_chat(decode_chat_bytes(path.read_bytes()))
    files = [(e.kind, e.file) for e in chat.entries]
    assert files == [("attachment", "x.jpg"), ("attachment", "passwd"), ("attachment", "win.jpg"),
                     ("attachment", "secret.pdf"), ("text", None), ("attachment", "IMG-20240314-WA0001.jpg")]
    assert chat.entries[0].text == "../../x.jpg (bestand bijgevoegd)"  # the message stays as it was written


def test_plain_names_are_unchanged():
    assert find_attachment("IMG-1.jpg (file attached)") == ("IMG-1.jpg", None)
    assert find_attachment("Receipt.pdf • 1 page <attached: 00000009-Receipt.pdf>") == ("00000009-Receipt.pdf",
                                                                                       "Receipt.pdf")
