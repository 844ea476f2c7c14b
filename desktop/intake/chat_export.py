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
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from desktop.core.parties import ChatParties
from desktop.intake.folder import file_id
from desktop.intake.whatsapp import (
    Chat,
    ChatEntry,
    ChatParseError,
    ChatScan,
    SkippedNuls,
    binary_reason,
    chat_encoding,
    chat_name_from_filename,
    decode_chunks,
    iter_lines,
    looks_like_chat,
    parse_chat_lines,
    split_lines,
)
from desktop.intake.whatsapp_formats import strip_bidi
from desktop.intake.whatsapp_parties import PartiesReader, chat_parties

HEAD_BYTES = 8192
BINARY_HEAD = 65536  # what ``binary_reason`` reads of a file
READ_CHUNK = 1 << 20
SPOOL_BATCH = 1000  # entries per pickled list in a streamed export's spool
SPOOL_IN_MEMORY = 1 << 18  # a short chat's spool stays in memory (many chats in one import: each at most this)
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
    count: int = 0  # entries (``chat.entries`` stays empty when the export was streamed)
    skipped_nuls: int = 0  # NUL characters taken out of the text (zero bytes of a damaged export)
    _spool: IO[bytes] | None = field(default=None, repr=False)  # a streamed export's entries, pickled in batches

    def entries(self) -> Iterator[ChatEntry]:
        """The entries in file order: ``chat.entries``, or those of a streamed export read back from its spool
        (new objects each time; ``linked`` and ``missing`` name theirs by ``ChatEntry.index``)."""
        if self._spool is None:
            yield from self.chat.entries
            return
        spool = self._spool
        spool.seek(0)
        while True:
            try:
                batch = pickle.load(spool)
            except EOFError:
                return
            for fields in batch:
                yield ChatEntry(*fields)

    def close(self) -> None:
        """Let go of a streamed export's spool."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None


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
    message header (``whatsapp.NO_MESSAGES``). Every entry is held (``chat.entries``); an import streams them
    instead (``stream_chat_export``).
    """
    try:
        data = chat_file.read_bytes()
    except OSError as e:
        raise ChatParseError(f"chat file cannot be read ({e.strerror or e})", str(chat_file)) from None
    if (why := binary_reason(data)) is not None:
        raise ChatParseError(why, str(chat_file))
    chat_name, source = _chat_name(chat_file, chat_name)
    nuls = SkippedNuls()
    text = "".join(decode_chunks([data], chat_encoding([data]), nuls))
    del data  # a long chat is held once at a time: bytes, then text, then lines, then entries
    lines = split_lines(text.removeprefix("\ufeff"))
    del text
    try:
        chat = parse_chat_lines(lines, chat_name=chat_name, default_order=default_order)
    except ChatParseError as e:
        raise ChatParseError(e.message, str(chat_file)) from None
    export = ChatExport(chat, chat_file, chat_name_source=source, count=len(chat.entries),
                        skipped_nuls=nuls.total)
    export.parties = chat_parties(chat, partner_source=source, region=region)
    _pair(export, chat.entries)
    return export


def stream_chat_export(chat_file: Path, *, chat_name: str | None = None, default_order: str = "DMY",
                       region: str = "NL", on_entry: Callable[[ChatEntry], object] | None = None,
                       spool_dir: Path | None = None) -> ChatExport:
    """``read_chat_export`` without holding the chat: the file is read in chunks (its encoding, the parser's
    passes), each entry is seen once here (``on_entry``, the parties, its attachment paired) and pickled into a
    spool that ``ChatExport.entries`` reads back; ``chat.entries`` stays empty, ``count`` says how many there are.
    Only the attachments' entries (``linked``, ``missing``) are held. Gives what ``read_chat_export`` gives, and
    raises what it raises; ``close`` the export when done.

    A long chat's spools (its entries, the parser's marks per line) grow into anonymous files in ``spool_dir``
    (an import's own scratch folder: the messages are customer data), else in the system's temporary folder; a
    short chat's stay in memory."""
    def chunks() -> Iterator[bytes]:
        try:
            with chat_file.open("rb") as f:
                while block := f.read(READ_CHUNK):
                    yield block
        except OSError as e:
            raise ChatParseError(f"chat file cannot be read ({e.strerror or e})", str(chat_file)) from None

    head = b""
    for block in chunks():
        head = block[:BINARY_HEAD]
        break
    if (why := binary_reason(head)) is not None:
        raise ChatParseError(why, str(chat_file))
    del head
    chat_name, source = _chat_name(chat_file, chat_name)
    encoding = chat_encoding(chunks())
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, dir=spool_dir)
    nuls = SkippedNuls()
    try:
        scan = ChatScan(lambda: iter_lines(decode_chunks(chunks(), encoding, nuls)), chat_name=chat_name,
                        default_order=default_order, spool_dir=spool_dir)
        try:
            export = ChatExport(scan.chat, chat_file, chat_name_source=source, _spool=spool)
            parties = PartiesReader(region)
            files = export_files(chat_file)
            index = FileIndex(files)
            used: set[Path] = set()
            batch: list[tuple] = []
            for entry in scan.entries():
                export.count += 1
                parties.add(entry)
                if on_entry is not None:
                    on_entry(entry)
                _pair_one(export, index, used, entry)
                batch.append((entry.index, entry.t, entry.sender, entry.kind, entry.text, entry.file, entry.lines,
                              entry.caption, entry.line_no))
                if len(batch) >= SPOOL_BATCH:
                    pickle.dump(batch, spool, pickle.HIGHEST_PROTOCOL)
                    batch.clear()
            if batch:
                pickle.dump(batch, spool, pickle.HIGHEST_PROTOCOL)
        finally:
            scan.close()
    except ChatParseError as e:
        spool.close()
        raise ChatParseError(e.message, str(chat_file)) from None
    except BaseException:
        spool.close()
        raise
    export.parties = parties.result(scan.chat, partner_source=source)
    export.unlinked = [p for p in files if p not in used]
    export.skipped_nuls = nuls.total
    return export


def _chat_name(chat_file: Path, chat_name: str | None) -> tuple[str | None, str | None]:
    """(chat name, where it came from): the caller's, else the one in the file's name, else its folder's."""
    source = "given" if chat_name else None
    if chat_name is None and (chat_name := chat_name_from_filename(chat_file.name)):
        source = "file"
    if chat_name is None and (chat_name := chat_name_from_filename(chat_file.parent.name)):
        source = "folder"
    return chat_name, source


def _pair(export: ChatExport, entries: Iterable[ChatEntry]) -> None:
    """Each attachment of ``entries`` on its file beside the chat (``linked``) or ``missing``; ``unlinked``."""
    files = export_files(export.chat_file)
    index = FileIndex(files)
    used: set[Path] = set()
    for entry in entries:
        _pair_one(export, index, used, entry)
    export.unlinked = [p for p in files if p not in used]


def _pair_one(export: ChatExport, index: FileIndex, used: set[Path], entry: ChatEntry) -> None:
    if entry.kind != "attachment" or entry.file is None:
        return
    path = index.find(entry.file)
    if path is None:
        export.missing.append(entry)
    else:
        export.linked.append((entry, path))
        used.add(path)


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
