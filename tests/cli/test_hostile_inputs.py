"""Hostile and damaged inputs through ``casedesk import``, as a handler meets them: each is named with why, the
rest of the batch goes on, what the customer sent is kept, and nothing is written outside the library."""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
from pathlib import Path

from PIL import Image

from tests.cli.test_faults import casedesk, clean_terminal, shown_name
from tests.gen import jpeg

CHAT = ("14/03/2024, 10:12 - Jan Jansen: Hallo, mijn wasmachine lekt\n"
        "14/03/2024, 10:13 - Jan Jansen: IMG-20240314-WA0001.jpg (bestand bijgevoegd)\n"
        "14/03/2024, 10:20 - Casedesk BV: Dank u, we kijken ernaar\n")


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``root`` with its size and modification time."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            st = os.lstat(os.path.join(dirpath, f))
            out[os.path.join(dirpath, f)] = (st.st_size, st.st_mtime_ns)
    return out


def _media(lib: Path) -> list[dict]:
    proc = casedesk(lib, "media", "--all", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _messages(lib: Path) -> list[dict]:
    return json.loads(casedesk(lib, "messages", "--json").stdout)


def test_chat_in_utf16_without_bom_is_imported_as_a_chat(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        export = tmp_path / codec
        export.mkdir()
        (export / "chat.txt").write_bytes(CHAT.encode(codec))
        jpeg(export / "IMG-20240314-WA0001.jpg")
        lib = tmp_path / f"lib-{codec}"
        proc = casedesk(lib, "import", str(export))
        clean_terminal(proc.stderr)
        assert proc.returncode == 0, proc.stdout
        assert "binary" not in proc.stdout
        messages = _messages(lib)
        assert [m["sender"] for m in messages] == ["Jan Jansen", "Jan Jansen", "Casedesk BV"], codec
        assert len(messages[1]["attachments"]) == 1


def test_damaged_tiff_is_kept_and_reported(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = io.BytesIO()
    Image.effect_noise((200, 150), 40).convert("RGB").save(good, "TIFF")
    rnd = random.Random(3)
    (inbox / "scan.tif").write_bytes(good.getvalue()[:16] + rnd.randbytes(3000))
    (inbox / "cut.tiff").write_bytes(good.getvalue()[: len(good.getvalue()) // 3])
    jpeg(inbox / "photo.jpg")
    lib = tmp_path / "lib"
    proc = casedesk(lib, "import", str(inbox))
    clean_terminal(proc.stderr)
    assert proc.returncode == 1
    lines = {shown_name(ln.split(": ")[1]): ln for ln in proc.stdout.splitlines() if ln.startswith("Kept, with")}
    assert lines["scan.tif"].endswith("scan.tif: damaged TIFF picture (Missing dimensions)"), lines
    assert lines["cut.tiff"].endswith("cut.tiff: truncated TIFF")
    items = {m["name"]: m for m in _media(lib)}
    assert items["scan.tif"]["kind"] == "other" and items["scan.tif"]["sha256"]
    assert items["scan.tif"]["flags"] == ["damaged TIFF picture (Missing dimensions)"]
    assert items["photo.jpg"]["kind"] == "image"


def test_attachment_named_as_a_path_is_a_missing_file_by_its_name_and_nothing_leaves_the_library(tmp_path):
    outside = tmp_path / "x.jpg"  # two folders above the export: never to be taken
    jpeg(outside, seed=9)
    inbox = tmp_path / "a" / "b"
    inbox.mkdir(parents=True)
    chat = ("14/03/2024, 10:12 - Jan Jansen: Hallo\n"
            "14/03/2024, 10:13 - Jan Jansen: ../../x.jpg (bestand bijgevoegd)\n"
            "14/03/2024, 10:14 - Jan Jansen: <attached: ../../../etc/passwd>\n"
            "14/03/2024, 10:20 - Casedesk BV: Dank u\n")
    archive = inbox / "WhatsApp Chat with Jan Jansen.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("WhatsApp Chat with Jan Jansen.txt", chat)
        z.writestr("../../x.jpg", b"\xff\xd8\xff not a photo")
    lib = tmp_path / "lib"
    lib.mkdir()
    before = {k: v for k, v in _tree(tmp_path).items() if not k.startswith(str(lib))}
    proc = casedesk(lib, "import", str(archive))
    clean_terminal(proc.stderr)
    after = {k: v for k, v in _tree(tmp_path).items() if not k.startswith(str(lib))}
    assert after == before  # nothing written, nothing changed outside the library
    lines = proc.stdout.splitlines()
    assert "Missing from the export: x.jpg" in lines and "Missing from the export: passwd" in lines
    assert not any("../" in ln for ln in lines if ln.startswith("Missing"))
    assert any("x.jpg: ZIP entry escapes the archive; not extracted" in ln for ln in lines)
    items = _media(lib)
    missing = sorted(m["name"] for m in items if m["kind"] == "missing")
    assert missing == ["passwd", "x.jpg"]
    assert all(m["flags"] == ["missing-file"] for m in items if m["kind"] == "missing")
    assert not any(m["kind"] == "image" for m in items)  # the x.jpg outside the export was not taken
    assert "../../x.jpg (bestand bijgevoegd)" in [m["text"] for m in _messages(lib)]


def test_a_name_with_a_line_break_stays_on_its_problem_s_line(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "claim\nfoto.jpg").write_text("not a photo")
    (inbox / "bell\x07\x1b[2J.jpg").write_text("not a photo either")
    proc = casedesk(tmp_path / "lib", "import", str(inbox))
    clean_terminal(proc.stderr)
    lines = proc.stdout.splitlines()
    assert f"Kept, with a problem: {inbox} › claim foto.jpg: not a picture: the file is text" in lines, lines
    assert f"Kept, with a problem: {inbox} › bell\ufffd\ufffd[2J.jpg: not a picture: the file is text" in lines
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
