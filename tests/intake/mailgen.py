"""Test helpers that build e-mail files: .eml through the stdlib, Outlook .msg through a small CFB writer.

extract-msg reads .msg files but cannot write them, so this module writes the OLE Compound File Binary
container itself, from the published specifications:

- [MS-CFB] (version 3 files, 512-byte sectors): a 512-byte header with the DIFAT array, a FAT of sector
  chains, a mini stream (64-byte mini sectors, for streams under 4096 bytes) with its mini FAT, and 128-byte
  directory entries whose siblings form a red-black tree ordered by (name length, upper-cased name).
- [MS-OXMSG]: the message is a storage tree of ``__substg1.0_TTTTtttt`` property streams, a
  ``__properties_version1.0`` stream of 16-byte fixed-size entries, ``__recip_version1.0_#N`` and
  ``__attach_version1.0_#N`` storages, and a ``__nameid_version1.0`` storage at the root.

Only what the tests need is supported: no DIFAT sectors (files up to about 7 MB), one level of embedded message.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from PIL import Image

# ---------------------------------------------------------------------------------------------------------------
# Small media


def make_jpeg(width: int = 64, height: int = 48, color: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A real, decodable JPEG made with Pillow."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "JPEG", quality=80)
    return buf.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# ---------------------------------------------------------------------------------------------------------------
# .eml


def simple_eml(
    sender: str,
    to: str,
    subject: str,
    date: datetime | None,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: list[str] | None = None,
    body: str = "Hello",
    attachments: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """A text e-mail with the given threading headers, and ``attachments`` (JPEGs: (file name, bytes)) if any."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    if date is not None:
        msg["Date"] = format_datetime(date)
    if message_id:
        msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = " ".join(references)
    msg.set_content(body)
    for name, data in attachments or []:
        msg.add_attachment(data, maintype="image", subtype="jpeg", filename=name)
    return msg.as_bytes()


# ---------------------------------------------------------------------------------------------------------------
# [MS-CFB] writer

_SECTOR = 512
_MINI = 64
_CUTOFF = 4096
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MSG_ROOT_CLSID = bytes.fromhex("0B0D020000000000C000000000000046")  # {00020D0B-...-46}, IMessage


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    clsid: bytes = bytes(16)
    sid: int = 0
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    black: bool = True
    start: int = _END
    depth: int = 0


def _cfb_key(name: str) -> tuple[int, str]:
    """[MS-CFB] 2.6.4: shorter names sort first, then upper-cased code points."""
    return (len(name), name.upper())


def _flatten(tree: dict, parent: _Entry, out: list[_Entry]) -> None:
    for name, value in tree.items():
        if len(name) > 31:
            raise ValueError(f"CFB names have at most 31 characters: {name}")
        if isinstance(value, dict):
            entry = _Entry(name, 1)
            out.append(entry)
            _flatten(value, entry, out)
        else:
            entry = _Entry(name, 2, bytes(value))
            out.append(entry)
        parent.children.append(entry)


def _link_siblings(entries: list[_Entry], depth: int = 0) -> int:
    """Median-split binary search tree over sorted siblings; returns the stream id of its root."""
    if not entries:
        return _NOSTREAM
    mid = len(entries) // 2
    node = entries[mid]
    node.depth = depth
    node.left = _link_siblings(entries[:mid], depth + 1)
    node.right = _link_siblings(entries[mid + 1 :], depth + 1)
    return node.sid


def _colour(entries: list[_Entry]) -> None:
    """A median-split tree has all its null links on two adjacent levels: colouring the deepest level red and
    every other node black gives equal black heights and no red child of a red node (a valid red-black tree)."""
    deepest = max(e.depth for e in entries)
    for entry in entries:
        entry.black = entry.depth != deepest or deepest == 0


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else _END


def _pad(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)


def cfb_bytes(tree: dict, root_clsid: bytes = bytes(16)) -> bytes:
    """Write a compound file. ``tree`` maps names to bytes (a stream) or to a dict (a storage)."""
    root = _Entry("Root Entry", 5, clsid=root_clsid)
    entries = [root]
    _flatten(tree, root, entries)
    for sid, entry in enumerate(entries):
        entry.sid = sid
    for entry in entries:
        if entry.children:
            ordered = sorted(entry.children, key=lambda e: _cfb_key(e.name))
            entry.child = _link_siblings(ordered)
            _colour(ordered)

    # Mini stream for small streams; regular sectors for big ones.
    mini_data, mini_fat = bytearray(), []
    big = [e for e in entries if e.kind == 2 and len(e.data) >= _CUTOFF]
    for entry in entries:
        if entry.kind == 2 and 0 < len(entry.data) < _CUTOFF:
            first, count = len(mini_data) // _MINI, -(-len(entry.data) // _MINI)
            entry.start = first
            mini_fat.extend([0] * count)
            _chain(mini_fat, first, count)
            mini_data += _pad(entry.data, _MINI)
    sectors: list[bytes] = []
    fat_chains: list[tuple[int, int]] = []

    def place(data: bytes) -> int:
        first, count = len(sectors), -(-len(data) // _SECTOR)
        padded = _pad(data, _SECTOR)
        sectors.extend(padded[i : i + _SECTOR] for i in range(0, len(padded), _SECTOR))
        fat_chains.append((first, count))
        return first

    for entry in big:
        entry.start = place(entry.data)
    root.start = place(bytes(mini_data)) if mini_data else _END
    mini_fat += [_FREE] * (-len(mini_fat) % (_SECTOR // 4))
    n_mini_fat = len(mini_fat) * 4 // _SECTOR
    first_mini_fat = place(struct.pack(f"<{len(mini_fat)}I", *mini_fat)) if mini_fat else _END
    dir_bytes = b"".join(_dir_entry(e, len(mini_data)) for e in entries)
    dir_bytes += _dir_entry(None, 0) * (-len(entries) % 4)
    first_dir = place(dir_bytes)

    n_fat = 1
    while n_fat * 128 < len(sectors) + n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("file too large for this writer (needs DIFAT sectors)")
    fat = [_FREE] * (n_fat * 128)
    for first, count in fat_chains:
        _chain(fat, first, count)
    fat_start = len(sectors)
    for i in range(n_fat):
        fat[fat_start + i] = _FATSECT
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(fat_bytes[i : i + _SECTOR] for i in range(0, len(fat_bytes), _SECTOR))

    difat = [fat_start + i for i in range(n_fat)] + [_FREE] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _MAGIC, bytes(16), 0x003E, 0x0003, 0xFFFE, 9, 6, bytes(6),
        0, n_fat, first_dir, 0, _CUTOFF, first_mini_fat, n_mini_fat, _END, 0,
    ) + struct.pack("<109I", *difat)
    return header + b"".join(sectors)


def _dir_entry(entry: _Entry | None, mini_size: int) -> bytes:
    if entry is None:
        return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, bytes(16), 0, 0, 0, 0, 0)
    name = entry.name.encode("utf-16-le") + b"\0\0"
    size = mini_size if entry.kind == 5 else len(entry.data)
    start = entry.start if entry.kind != 1 else 0
    if entry.kind == 2 and not entry.data:
        start = _END
    return struct.pack(
        "<64sHBBIII16sIQQIQ", name, len(name), entry.kind, 1 if entry.black else 0,
        entry.left, entry.right, entry.child, entry.clsid, 0, 0, 0, start, size,
    )


# ---------------------------------------------------------------------------------------------------------------
# [MS-OXMSG] message builder

PT_LONG, PT_BOOLEAN, PT_SYSTIME, PT_UNICODE, PT_BINARY, PT_OBJECT = 0x0003, 0x000B, 0x0040, 0x001F, 0x0102, 0x000D


def filetime(when: datetime) -> int:
    """100-ns intervals since 1601-01-01 UTC (PT_SYSTIME)."""
    delta = when.astimezone(UTC) - datetime(1601, 1, 1, tzinfo=UTC)
    return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


@dataclass
class MsgAttachmentSpec:
    """One attachment: by value (``data``) or an embedded message (``embedded``)."""

    filename: str
    data: bytes = b""
    mime: str = "application/octet-stream"
    content_id: str | None = None
    embedded: MsgSpec | None = None


@dataclass
class MsgSpec:
    """What goes into a generated .msg."""

    subject: str
    sender_name: str
    sender_email: str
    body: str
    sent: datetime | None = None
    headers: str | None = None
    html: str | None = None
    to: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[MsgAttachmentSpec] = field(default_factory=list)


def _props(fixed: dict[tuple[int, int], int], variable: dict[tuple[int, int], bytes], header: bytes) -> bytes:
    """A __properties_version1.0 stream: fixed-size values inline, variable ones as (size, reserved)."""
    out = bytearray(header)
    for (pid, ptype), value in sorted(fixed.items()):
        raw = struct.pack("<Q", value) if ptype == PT_SYSTIME else struct.pack("<I4x", value)
        out += struct.pack("<II", (pid << 16) | ptype, 6) + raw
    for (pid, ptype), data in sorted(variable.items()):
        size = 0xFFFFFFFF if ptype == PT_OBJECT else len(data)
        out += struct.pack("<IIII", (pid << 16) | ptype, 6, size, 0)
    return bytes(out)


def _text(value: str) -> bytes:
    return value.encode("utf-16-le") + b"\0\0"


def _message_tree(spec: MsgSpec, embedded: bool) -> dict:
    streams: dict[tuple[int, int], bytes] = {
        (0x001A, PT_UNICODE): _text("IPM.Note"),
        (0x0037, PT_UNICODE): _text(spec.subject),
        (0x0C1A, PT_UNICODE): _text(spec.sender_name),
        (0x0C1F, PT_UNICODE): _text(spec.sender_email),
        (0x0C1E, PT_UNICODE): _text("SMTP"),
        (0x5D01, PT_UNICODE): _text(spec.sender_email),
        (0x1000, PT_UNICODE): _text(spec.body),
    }
    if spec.headers:
        streams[(0x007D, PT_UNICODE)] = _text(spec.headers)
    if spec.html:
        streams[(0x1013, PT_BINARY)] = spec.html.encode("utf-8")
    fixed = {(0x0E07, PT_LONG): 1, (0x340D, PT_LONG): 0x00040000}  # MSGFLAG_READ; STORE_UNICODE_OK
    if spec.sent:
        fixed[(0x0039, PT_SYSTIME)] = filetime(spec.sent)
        fixed[(0x0E06, PT_SYSTIME)] = filetime(spec.sent)
    counts = struct.pack("<IIII", len(spec.to), len(spec.attachments), len(spec.to), len(spec.attachments))
    header = bytes(8) + counts + (b"" if embedded else bytes(8))
    tree: dict = {f"__substg1.0_{pid:04X}{pt:04X}": data[:-2] if pt == PT_UNICODE else data
                  for (pid, pt), data in streams.items()}
    # String streams carry no terminator; the size in the property entry counts it ([MS-OXMSG] 2.1.2).
    tree["__properties_version1.0"] = _props(fixed, streams, header)
    for i, (name, addr) in enumerate(spec.to):
        rs = {(0x3001, PT_UNICODE): _text(name), (0x3003, PT_UNICODE): _text(addr),
              (0x39FE, PT_UNICODE): _text(addr), (0x3002, PT_UNICODE): _text("SMTP")}
        rtree: dict = {f"__substg1.0_{p:04X}{t:04X}": d[:-2] for (p, t), d in rs.items()}
        rtree["__properties_version1.0"] = _props({(0x0C15, PT_LONG): 1, (0x3000, PT_LONG): i}, rs, bytes(8))
        tree[f"__recip_version1.0_#{i:08X}"] = rtree
    for i, att in enumerate(spec.attachments):
        tree[f"__attach_version1.0_#{i:08X}"] = _attachment_tree(att, i)
    if not embedded:
        tree["__nameid_version1.0"] = {"__substg1.0_00020102": b"", "__substg1.0_00030102": b"",
                                       "__substg1.0_00040102": b""}
    return tree


def _attachment_tree(att: MsgAttachmentSpec, index: int) -> dict:
    strings = {(0x3707, PT_UNICODE): _text(att.filename), (0x3001, PT_UNICODE): _text(att.filename),
               (0x370E, PT_UNICODE): _text(att.mime)}
    if att.content_id:
        strings[(0x3712, PT_UNICODE)] = _text(att.content_id)
    tree: dict = {f"__substg1.0_{p:04X}{t:04X}": d[:-2] for (p, t), d in strings.items()}
    variable = dict(strings)
    if att.embedded is not None:
        method = 5  # ATTACH_EMBEDDED_MSG
        tree["__substg1.0_3701000D"] = _message_tree(att.embedded, embedded=True)
        variable[(0x3701, PT_OBJECT)] = b""
    else:
        method = 1  # ATTACH_BY_VALUE
        tree["__substg1.0_37010102"] = att.data
        variable[(0x3701, PT_BINARY)] = att.data
    fixed = {(0x3705, PT_LONG): method, (0x0E21, PT_LONG): index, (0x0E20, PT_LONG): len(att.data)}
    tree["__properties_version1.0"] = _props(fixed, variable, bytes(8))
    return tree


def msg_bytes(spec: MsgSpec) -> bytes:
    """A complete Outlook .msg file for ``spec``."""
    return cfb_bytes(_message_tree(spec, embedded=False), root_clsid=MSG_ROOT_CLSID)


def claim_eml(jpeg: bytes, inline_png: bytes) -> bytes:
    """A customer e-mail as a phone mail app sends it: text + HTML with an inline image, a photo, a PDF, and
    attachments whose names try path traversal, a Windows path, a bidi override and RFC 2231 encoding."""
    msg = EmailMessage()
    msg["From"] = '"Jansen, Jan" <Jan.Jansen@Example.NL>'
    msg["To"] = "Claims <claims@insurer.example>, other@insurer.example"
    msg["Subject"] = "Waterschade keuken – wasmachine"
    msg["Date"] = "Thu, 14 Mar 2024 10:12:33 +0100"
    msg["Message-ID"] = "<claim-1@mail.example.nl>"
    msg.set_content("Beste,\n\nDe wasmachine heeft de keuken onder water gezet.\n")
    msg.add_alternative('<html><body><p>Beste,</p><p>De wasmachine heeft de keuken onder water gezet.</p>'
                        '<img src="cid:logo123@mail"></body></html>', subtype="html")
    msg.get_payload()[1].add_related(inline_png, "image", "png", cid="<logo123@mail>", filename="logo.png",
                                     disposition="inline")
    msg.add_attachment(jpeg, "image", "jpeg", filename="IMG_20240314_101233.jpg")
    msg.add_attachment(PDF_BYTES, "application", "pdf", filename="offerte.pdf")
    msg.add_attachment(jpeg, "image", "jpeg", filename="../../etc/passwd")
    msg.add_attachment(jpeg, "image", "jpeg", filename="C:\\evil\\x.jpg")
    msg.add_attachment(b"MZ", "application", "octet-stream", filename="factuur\u202egpj.exe")
    msg.add_attachment(jpeg, "image", "jpeg", filename="schade büro.jpg")  # the stdlib writes RFC 2231
    msg.add_attachment(jpeg, "image", "jpeg", filename="..")
    return msg.as_bytes()
