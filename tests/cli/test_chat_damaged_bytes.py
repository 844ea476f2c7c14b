"""A WhatsApp chat text with a few NUL bytes in it (a damaged export) is read, the NULs skipped and said so.

It was refused whole ('the chat file holds binary data, not text') and kept as a container only: none of its
messages, and its photo a loose file. A real binary file named as a chat is still refused, and UTF-16 chats (whose
bytes are half zeros) still read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.intake.whatsapp import binary_reason
from tests.cli.test_faults import casedesk, clean_terminal, shown_name
from tests.gen import jpeg

CHAT = "WhatsApp Chat with Ann Jones.txt"
SKIPPED = "the chat had damaged bytes that were skipped (3 zero bytes); the rest was read"


def chat_lines(n: int = 40) -> list[str]:
    lines = [f"{1 + i % 28:02d}/03/2024, 10:{i % 60:02d} - {'Ann Jones' if i % 2 else 'Claims desk'}: message {i}\n"
             for i in range(n)]
    lines[5] = "05/03/2024, 10:05 - Ann Jones: IMG-20240305-WA0001.jpg (file attached)\n"
    return lines


def damaged_export(folder: Path) -> Path:
    """A real export folder: the chat text with three NUL bytes in its middle (two inside a message, one between
    two lines), and the photo it names."""
    data = "".join(chat_lines()).encode()
    word = data.find(b"message 12") + 4
    line = data.find(b"\n", data.find(b"message 20")) + 1
    body = data[:word] + b"\x00\x00" + data[word:line] + b"\x00" + data[line:]
    folder.mkdir(parents=True)
    (folder / CHAT).write_bytes(body)
    jpeg(folder / "IMG-20240305-WA0001.jpg", seed=4)
    return folder


def test_a_chat_with_a_few_nul_bytes_is_read_and_the_skipped_bytes_are_named(tmp_path):
    src = damaged_export(tmp_path / "export")
    assert (src / CHAT).read_bytes().count(b"\x00") == 3
    data = tmp_path / "lib"
    proc = casedesk(data, "import", str(src), "--json")
    clean_terminal(proc.stderr)
    assert proc.returncode == 1, proc.stderr  # done, with a problem named
    out = json.loads(proc.stdout)
    problems = {shown_name(r["path"]): r for r in out["rejected"]}
    assert problems == {CHAT: {"path": problems[CHAT]["path"], "reason": SKIPPED, "kept": True}}, problems
    assert out["imported"] == 1 and out["cases"]  # the photo, on its message
    messages = json.loads(casedesk(data, "messages", "--case", out["cases"][0], "--json").stdout)
    texts = [m["text"] for m in messages]
    assert len(texts) == 40
    assert "message 12" in texts and not any("\x00" in t for t in texts)
    media = json.loads(casedesk(data, "media", "--all", "--json").stdout)
    photo = next(m for m in media if m["name"] == "IMG-20240305-WA0001.jpg")
    assert photo["kind"] == "image" and photo["received_at"] is not None  # on its message, not a loose file
    container = next(m for m in media if m["name"] == CHAT)
    assert container["flags"] == [SKIPPED]

    terminal = casedesk(tmp_path / "lib2", "import", str(src))
    assert f"Kept, with a problem: {src} › {CHAT}: {SKIPPED}" in terminal.stdout or \
        f"Kept, with a problem: {src / CHAT}: {SKIPPED}" in terminal.stdout, terminal.stdout


def test_a_utf16_chat_with_a_damaged_character_is_read(tmp_path):
    src = tmp_path / "export"
    src.mkdir()
    text = "".join(chat_lines())
    data = text.encode("utf-16")  # with its BOM
    data = data[:400] + b"\x00\x00" + data[400:]  # one NUL character
    (src / CHAT).write_bytes(data)
    proc = casedesk(tmp_path / "lib", "import", str(src / CHAT), "--json")
    out = json.loads(proc.stdout)
    assert [r["reason"] for r in out["rejected"]] == [SKIPPED.replace("3 zero bytes", "a zero byte")]
    messages = json.loads(casedesk(tmp_path / "lib", "messages", "--case", out["cases"][0], "--json").stdout)
    assert len(messages) == 40


def test_a_real_binary_named_as_a_chat_is_still_refused(tmp_path):
    src = tmp_path / "export"
    src.mkdir()
    (src / CHAT).write_bytes(Path(sys.executable).resolve().read_bytes()[:200_000])  # a program
    proc = casedesk(tmp_path / "lib", "import", str(src), "--json")
    out = json.loads(proc.stdout)
    assert [r["reason"] for r in out["rejected"]] == ["the chat file holds binary data, not text"], out
    assert out["cases"]  # kept as it came, in a case of its own
    assert binary_reason(b"".join(s.encode() for s in chat_lines()) + bytes(512)) is not None  # a zero block
    import io
    import tarfile
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:  # a chat text packed in a TAR: mostly text, a few NULs
        payload = ("".join(chat_lines(4000))).encode()
        info = tarfile.TarInfo(CHAT)
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    assert binary_reason(buf.getvalue()) is not None
