"""WhatsApp exports on disk: find the chat text in an (already extracted) folder and pair its attachment
lines with the files beside it.

An export "with media" is one folder (or ZIP, extracted by ``desktop.intake.archive``) holding the chat text
and every media file at its root. Names from the chat are only ever compared with names that exist in the
folder listing; a name from the chat is never turned into a path, so a hostile chat line cannot point
outside the export.

Names are matched in steps, each only when the previous found nothing: exact; NFC with bidi marks removed
and white space (NBSP, NNBSP, runs of spaces) collapsed; the same case-insensitively; the same with the
characters that ``archive`` replaces on extraction (``<>:"|?*`` and controls) read as ``_``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.parties import ChatParties
from desktop.intake.folder import file_id
from desktop.intake.whatsapp import (
    Chat,
    ChatEntry,
    ChatParseError,
    binary_reason,
    chat_name_from_filename,
    decode_chat_bytes,
    looks_like_chat,
    parse_chat_lines,
    split_lines,
)
from desktop.intake.whatsapp_formats import strip_bidi
from desktop.intake.whatsapp_parties import chat_parties

HEAD_BYTES = 8192
_IGNORED = {".ds_store", "thumbs.db", "desktop.ini"}
_ARCHIVE_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


@dataclass
class ChatExport:
    """A chat and the files of its export folder."""

    chat: Chat
    chat_file: Path
    linked: list[tuple[ChatEntry, Path]] = field(default_factory=list)  # attachment entry -> file on disk
    missing: list[ChatEntry] = field(default_factory=list)  # named in the chat, not in the export
    unlinked: list[Path] = field(default_factory=list)  # files in the export the chat never names
    parties: ChatParties | None = None  # who takes part, for desktop.core.parties.assign_roles
    chat_name_source: str | None = None  # where chat.chat_name came from: "given" | "file" | "folder"


def is_ignored_name(name: str) -> bool:
    """Files that are never media of an export: AppleDouble ``._x``, Finder/Explorer metadata."""
    return name.startswith("._") or name.lower() in _IGNORED


def find_chat_exports(root: Path, skip: set[tuple[int, int]] = frozenset()) -> list[Path]:
    """Chat ``.txt`` files below ``root`` (or ``root`` itself if it is one), in a stable order.

    An export keeps one chat per folder; should a folder hold several chat texts (two exports unpacked into one
    folder), all are returned and the import gives each only the files it names (``desktop.services.planning``).
    ``__MACOSX`` and hidden folders are skipped, and the folders ``skip`` names (``(device, inode)``: the
    library's own); links are not followed.
    """
    if root.is_file():
        return [root] if _is_chat_file(root) else []
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX" and not d.startswith(".")
                             and not (skip and file_id(Path(dirpath) / d) in skip))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name.lower().endswith(".txt") and not is_ignored_name(name) and _is_chat_file(p):
                found.append(p)
    return found


def _is_chat_file(p: Path) -> bool:
    if p.is_symlink() or not p.is_file():
        return False
    try:
        with p.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError:
        return False
    return looks_like_chat(p.name, head)


def read_chat_export(chat_file: Path, *, chat_name: str | None = None, default_order: str = "DMY",
                     region: str = "NL") -> ChatExport:
    """Parse ``chat_file`` and pair its attachments with the regular files beside it (not below).

    ``chat_name`` (the caller's, e.g. from the ZIP's name) defaults to the name in the chat file's name, else in
    its folder's name (an extracted ``WhatsApp Chat - X.zip``). ``region`` reads phone numbers written without
    a country code. Raises ``ChatParseError`` when the file cannot be read, holds binary data, or has no
    message header (``whatsapp.NO_MESSAGES``).
    """
    try:
        data = chat_file.read_bytes()
    except OSError as e:
        raise ChatParseError(f"chat file cannot be read ({e.strerror or e})", str(chat_file)) from None
    if (why := binary_reason(data)) is not None:
        raise ChatParseError(why, str(chat_file))
    source = "given" if chat_name else None
    if chat_name is None and (chat_name := chat_name_from_filename(chat_file.name)):
        source = "file"
    if chat_name is None and (chat_name := chat_name_from_filename(chat_file.parent.name)):
        source = "folder"
    text = decode_chat_bytes(data)
    del data  # a long chat is held once at a time: bytes, then text, then lines, then entries
    lines = split_lines(text.removeprefix("\ufeff"))
    del text
    try:
        chat = parse_chat_lines(lines, chat_name=chat_name, default_order=default_order)
    except ChatParseError as e:
        raise ChatParseError(e.message, str(chat_file)) from None

    files = export_files(chat_file)
    index = FileIndex(files)
    export = ChatExport(chat, chat_file, chat_name_source=source)
    export.parties = chat_parties(chat, partner_source=source, region=region)
    used: set[Path] = set()
    for entry in chat.entries:
        if entry.kind != "attachment" or entry.file is None:
            continue
        path = index.find(entry.file)
        if path is None:
            export.missing.append(entry)
        else:
            export.linked.append((entry, path))
            used.add(path)
    export.unlinked = [p for p in files if p not in used]
    return export


def export_files(chat_file: Path) -> list[Path]:
    """Regular files beside ``chat_file``, without the chat itself and metadata files, sorted by name."""
    out = []
    try:
        entries = sorted(os.scandir(chat_file.parent), key=lambda e: e.name)
    except OSError:
        return out
    for e in entries:
        if e.name == chat_file.name or is_ignored_name(e.name):
            continue
        try:
            if e.is_file(follow_symlinks=False):
                out.append(Path(e.path))
        except OSError:
            continue
    return out


def _space_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", strip_bidi(name)).split())


_KEYS: tuple[Callable[[str], str], ...] = (
    lambda s: s,
    _space_key,
    lambda s: _space_key(s).casefold(),
    lambda s: _ARCHIVE_UNSAFE.sub("_", _space_key(s)).casefold(),
)


class FileIndex:
    """Look up names written in a chat among a fixed list of files, by ever looser keys."""

    def __init__(self, files: list[Path]) -> None:
        self._maps: list[dict[str, Path]] = []
        for key in _KEYS:
            m: dict[str, Path] = {}
            for p in files:
                m.setdefault(key(p.name), p)
            self._maps.append(m)

    def find(self, name: str) -> Path | None:
        """The listed file that ``name`` refers to, or None."""
        for key, m in zip(_KEYS, self._maps, strict=True):
            hit = m.get(key(name))
            if hit is not None:
                return hit
        return None
