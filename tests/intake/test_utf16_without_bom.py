"""A chat text written as UTF-16 without a byte-order mark, all in plain ASCII: every other byte is a zero, and
those bytes are valid UTF-8 too (with NULs), so it used to be decoded as UTF-8 and refused as binary data."""

from __future__ import annotations

import pytest

from desktop.intake.whatsapp import (
    binary_reason,
    chat_encoding,
    decode_chat_bytes,
    decode_chunks,
    looks_like_chat,
    parse_chat,
)

TEXT = ("14/03/2024, 10:12 - Jan Jansen: Hallo, mijn wasmachine lekt\n"
        "14/03/2024, 10:13 - Jan Jansen: IMG-20240314-WA0001.jpg (bestand bijgevoegd)\n"
        "14/03/2024, 10:20 - Casedesk BV: Dank u, we kijken ernaar\n")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_ascii_chat_in_utf16_without_bom_is_text(tmp_path, codec):
    path = tmp_path / "chat.txt"
    path.write_bytes(TEXT.encode(codec))
    data = path.read_bytes()
    assert decode_chat_bytes(data) == TEXT
    assert binary_reason(data) is None
    assert looks_like_chat(path.name, data[:8192])
    chunks = [data[i : i + 7] for i in range(0, len(data), 7)]
    assert "".join(decode_chunks(chunks, chat_encoding(chunks))) == TEXT
    chat = parse_chat(decode_chat_bytes(data))
    assert [e.sender for e in chat.entries] == ["Jan Jansen", "Jan Jansen", "Casedesk BV"]


def test_utf8_and_binary_are_unchanged(tmp_path):
    assert decode_chat_bytes(TEXT.encode()) == TEXT
    assert binary_reason(bytes(range(256)) * 8) is not None
    assert binary_reason(b"\x00" * 4096) is not None  # zeros everywhere: neither UTF-16 nor text
