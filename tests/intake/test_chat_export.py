"""Chat exports on disk: finding the chat text and pairing attachment lines with the files beside it."""

from __future__ import annotations

import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from desktop.intake.chat_export import find_chat_exports, read_chat_export
from desktop.intake.whatsapp import ChatParseError
from tests.intake.test_whatsapp import EXPECTED, FIXTURES, needs_fixtures


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 40, 40)).save(buf, "JPEG", quality=70)
    return buf.getvalue()


JPEG = _jpeg()


def write_media(folder: Path, name: str) -> Path:
    p = folder / name
    p.write_bytes(JPEG if name.lower().endswith(".jpg") else b"\x00media:" + name.encode())
    return p


def build_export(tmp_path: Path, rel: str, *, skip: set[str] = frozenset(), nfc: bool = False) -> Path:
    """A folder like an extracted "export with media": the chat text plus one file per attachment name."""
    folder = tmp_path / "export"
    folder.mkdir()
    chat = folder / Path(rel).name
    shutil.copyfile(FIXTURES / rel, chat)
    for a in EXPECTED[rel].get("attachments", []):
        name = unicodedata.normalize("NFC", a["file"]) if nfc else a["file"]
        if a["file"] not in skip and not (folder / name).exists():
            write_media(folder, name)
    return chat


WITH_MEDIA = sorted(k for k, v in EXPECTED.items() if v.get("attachments"))


@needs_fixtures
@pytest.mark.parametrize("rel", WITH_MEDIA)
def test_every_attachment_maps_to_its_file(tmp_path, rel):
    export = read_chat_export(build_export(tmp_path, rel))
    exp = EXPECTED[rel]["attachments"]
    assert [(e.file, p.name) for e, p in export.linked] == [(a["file"], a["file"]) for a in exp]
    assert export.missing == [] and export.unlinked == []
    assert all(p.parent == export.chat_file.parent for _, p in export.linked)


@needs_fixtures
def test_missing_and_unlinked(tmp_path):
    rel = "casedesk-authored/android-en-us-12h/WhatsApp Chat with Emma de Vries.txt"
    chat = build_export(tmp_path, rel, skip={"VID-20240302-WA0003.mp4"})
    extra = write_media(chat.parent, "IMG-20240315-WA0009.jpg")
    (chat.parent / "__MACOSX").mkdir()
    write_media(chat.parent / "__MACOSX", "._IMG-20240302-WA0001.jpg")
    write_media(chat.parent, "._IMG-20240302-WA0001.jpg")
    write_media(chat.parent, ".DS_Store")
    export = read_chat_export(chat)
    assert export.chat.chat_name == "Emma de Vries"
    assert [e.file for e in export.missing] == ["VID-20240302-WA0003.mp4"]
    assert export.unlinked == [extra]
    assert len(export.linked) == 5


@needs_fixtures
def test_nfd_names_in_chat_match_nfc_files(tmp_path):
    rel = "skowalak-whatsapp-to-sqlite/WhatsApp Chat mit Die üblichen Verdächtigen.txt"
    export = read_chat_export(build_export(tmp_path, rel, nfc=True))
    assert export.missing == [] and export.unlinked == []
    nfd = [(e.file, p.name) for e, p in export.linked if e.file != p.name]
    assert ("Abiballkarten fu\u0308r Lehrer.pdf.pdf", "Abiballkarten für Lehrer.pdf.pdf") in nfd
    briefs = [p for e, p in export.linked if e.file == "Brief.pdf"]
    assert len(briefs) == 2 and briefs[0] == briefs[1]  # the same file named twice


def test_nfc_name_in_chat_matches_nfd_file_and_loose_names(tmp_path):
    (tmp_path / "WhatsApp Chat with Zoë.txt").write_text(
        "05/07/2024 18:03 - Zoë: Café.jpg (fichier joint)\n"
        "05/07/2024 18:04 - Zoë: \u200eReçu\u00a0hôtel.pdf (fichier joint)\n"
        "05/07/2024 18:05 - Zoë: Q&A: plan.pdf (fichier joint)\n"
        "05/07/2024 18:06 - Zoë: ../../etc/passwd (fichier joint)\n"
        "05/07/2024 18:07 - Zoë: \u200e<attached: 00000009-../secret.txt>\n",
        encoding="utf-8",
    )
    cafe = write_media(tmp_path, unicodedata.normalize("NFD", "Café.jpg"))
    recu = write_media(tmp_path, "Reçu hôtel.pdf")
    plan = write_media(tmp_path, "Q&A_ plan.pdf")  # as archive.py writes a name with ":"
    export = read_chat_export(tmp_path / "WhatsApp Chat with Zoë.txt")
    assert [p for _, p in export.linked] == [cafe, recu, plan]
    # a name written as a path is its last part (what is shown and stored), never a path
    assert [e.file for e in export.missing] == ["passwd", "secret.txt"]


@needs_fixtures
def test_ios_zip_layout_with_macosx_and_nested_zip(tmp_path):
    rel = "pustur-whatsapp-chat-parser-website/example-2024/_chat.txt"
    chat = build_export(tmp_path, rel)
    (chat.parent / "__MACOSX").mkdir()
    (chat.parent / "__MACOSX" / "._chat.txt").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 380)
    assert find_chat_exports(tmp_path) == [chat]
    export = read_chat_export(chat)
    assert export.chat.chat_name is None
    assert [p.name for _, p in export.linked][-1] == "00000004-whatsapp-chat-parser-example.zip"
    assert export.unlinked == []


@needs_fixtures
def test_chat_name_from_extracted_zip_folder(tmp_path):
    folder = tmp_path / "WhatsApp Chat - Hotel complaint Room 312"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "casedesk-authored/ios-en-us-12h-group/_chat.txt", folder / "_chat.txt")
    export = read_chat_export(folder / "_chat.txt")
    assert export.chat.chat_name == "Hotel complaint Room 312"
    assert [e.kind for e in export.chat.entries[:3]] == ["system"] * 3
    assert len(export.missing) == 6


@needs_fixtures
def test_find_chat_exports(tmp_path):
    a = tmp_path / "a"
    b = tmp_path / "b" / "inner"
    for d in (a, b, tmp_path / "__MACOSX", tmp_path / ".hidden"):
        d.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "casedesk-authored/ios-de-24h/_chat.txt", a / "_chat.txt")
    shutil.copyfile(FIXTURES / "casedesk-authored/android-en-gb-24h-bom-crlf/WhatsApp Chat with Oliver Smith.txt",
                    b / "WhatsApp Chat with Oliver Smith.txt")
    (b / "WhatsApp Chat with Andrew Ryan.txt").write_bytes(b"")  # empty export is still an export
    shutil.copyfile(a / "_chat.txt", tmp_path / "__MACOSX" / "_chat.txt")
    shutil.copyfile(a / "_chat.txt", tmp_path / ".hidden" / "_chat.txt")
    shutil.copyfile(a / "_chat.txt", a / "._chat.txt")
    (a / "notes.txt").write_text("shopping list\n", encoding="utf-8")
    write_media(a, "00000009-PHOTO-2023-10-27-22-42-29.jpg")
    found = find_chat_exports(tmp_path)
    assert found == [a / "_chat.txt", b / "WhatsApp Chat with Andrew Ryan.txt", b / "WhatsApp Chat with Oliver Smith.txt"]
    assert find_chat_exports(a / "_chat.txt") == [a / "_chat.txt"]
    assert find_chat_exports(a / "notes.txt") == []


def test_not_a_chat_raises_with_path(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("shopping list\nmilk\n", encoding="utf-8")
    with pytest.raises(ChatParseError) as err:
        read_chat_export(p)
    assert err.value.path == str(p)
    with pytest.raises(ChatParseError):
        read_chat_export(tmp_path / "gone.txt")
