"""WhatsApp chat export parser (Android and iOS, any locale in ``whatsapp_formats``).

``parse_chat`` turns the text of an exported chat into ``ChatEntry`` records, one per message or system
notice, in file order (never sorted: exports are not always in time order).

How a file is read:

1. Lines are split only on ``\\r\\n``, ``\\n`` and ``\\r`` (not on U+2028 and friends).
2. Every line that starts with a header of a known format is a candidate. One export uses one header shape
   throughout, so the most frequent shape wins and its lines start entries; a line in another shape starts an
   entry only when its sender also writes under the main shape (other parsers' test files mix shapes). The
   rest (blank lines, lines that merely begin with a date, a line pasted from another chat) is continuation
   text of the entry before it. No line is ever dropped.
3. The date order (DMY / MDY / YMD) is decided once for the whole file: a first field > 12 proves day-first,
   a second field > 12 month-first, a 4-digit first field year-first. If nothing proves it, ``default_order``
   is used and a warning says so. A header whose date is impossible in that order becomes continuation text.
4. Lines before the first header (rare: a hand-edited file) are kept in ``Chat.preamble``, not in an entry,
   and a warning says how many there were.

``parse_chat`` raises only ``ChatParseError``: for text that has content but not a single header line
with a possible date (``NO_MESSAGES``). An empty (or whitespace-only) text is a valid chat without entries.
``binary_reason`` tells a chat file that holds binary data (a photo or a database renamed ``.txt``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from desktop.core.errors import RejectedInput
from desktop.intake.whatsapp_formats import (
    CHAT_NAME_RE,
    Header,
    find_attachment,
    match_header,
    placeholder_kind,
    strip_bidi,
)

ORDERS = ("DMY", "MDY", "YMD")
KINDS = ("text", "attachment", "media_omitted", "deleted", "system")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


NO_MESSAGES = "no messages recognised: not a WhatsApp export, or a date format Casedesk does not know yet"


class ChatParseError(RejectedInput):
    """The text is not a WhatsApp chat export (no message header at all), or the file holds binary data."""


@dataclass(slots=True)  # one per message of a chat that may have 300,000: no __dict__ each
class ChatEntry:
    """One message or system notice."""

    index: int  # 0-based entry number in file order (never sorted)
    t: datetime  # naive local wall-clock time as written
    sender: str | None  # bidi marks stripped; None for Android/old-iOS system notices
    kind: str  # "text" | "attachment" | "media_omitted" | "deleted" | "system"
    text: str  # everything after "Sender: ", continuation lines joined with "\n" (raw, marks kept)
    file: str | None  # attachment file name as written (bidi marks stripped, normalisation as in the file)
    lines: int  # physical lines, continuation lines included
    caption: str | None = None  # attachment: following text lines (Android) or the iOS document title
    line_no: int = 0  # 0-based physical line where the entry starts


@dataclass
class Chat:
    """A parsed export. ``date_order`` and ``header_style`` are None only for a chat without entries."""

    entries: list[ChatEntry]
    date_order: str | None  # "DMY" | "MDY" | "YMD" used for every ``t``
    date_order_from_file: str | None  # what the file proves; None if every date is ambiguous
    header_style: str | None  # "dash" (Android) | "bracketed" (iOS) | "colon" (old iOS) | "bare" (hr/hu)
    chat_name: str | None  # from the file/ZIP name when known
    warnings: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)  # physical lines before the first header
    line_count: int = 0  # physical lines in the text
    order_line: int | None = None  # 0-based physical line that proved ``date_order_from_file``


# --- bytes and names ------------------------------------------------------------------------------------

_CP1252 = {b: bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0xA0)}
_CP1252_TABLE = {b: (ch if ch != "\ufffd" else chr(b)) for b, ch in _CP1252.items()}


def decode_chat_bytes(data: bytes) -> str:
    """Decode an export: UTF-8 (BOM or not), UTF-16 with BOM (or plainly UTF-16 without), else cp1252.

    Never raises. A BOM is removed. A UTF-8 file cut inside its last character (e.g. a head read for
    sniffing) still decodes as UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return data.decode("utf-8", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even < odd // 8:
            return data.decode("utf-16-le", errors="replace")
        if even > len(sample) // 4 and odd < even // 8:
            return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1").translate(_CP1252_TABLE)


def chat_name_from_filename(name: str) -> str | None:
    """The chat name in an export's file name, else None.

    ``WhatsApp Chat with X.txt`` and its localised forms (Android), ``WhatsApp Chat - X.zip`` (iOS ZIP); a
    browser's download suffix `` (1)`` is dropped. ``_chat.txt`` and other names give None. The result is
    NFC with bidi marks removed.
    """
    base = PurePath(name.replace("\\", "/")).name
    if base.lower().endswith((".txt", ".zip")):
        base = base[:-4]
    base = unicodedata.normalize("NFC", strip_bidi(base))
    m = CHAT_NAME_RE.match(base) or CHAT_NAME_RE.match(base.replace("_", " "))  # "WhatsApp_Chat_with_X"
    if not m:
        return None
    return m["name"].strip() or None


def is_export_name(name: str) -> bool:
    """Whether a file is named like a chat export's text: ``_chat.txt`` or ``WhatsApp Chat with X.txt``."""
    base = PurePath(name.replace("\\", "/")).name
    if not base.lower().endswith(".txt") or base.startswith("._"):
        return False
    return base.lower() == "_chat.txt" or chat_name_from_filename(base) is not None


# Magic numbers of what users rename to .txt or what a broken export holds instead of text.
_MAGIC = (
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"), (b"SQLite format 3", "a database"),
    (b"OggS", "an audio file"), (b"RIFF", "a media file"), (b"\x1aE\xdf\xa3", "a video"),
    (b"\xd0\xcf\x11\xe0", "an Office file"), (b"\x1f\x8b", "a compressed file"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not the text of a chat (``"... holds binary data ..."``), or None for text.

    UTF-16 text is text. Otherwise a known file signature, a NUL byte or more than 1 % control characters
    (other than tab, line breaks and form feed) in the first 64 KiB means binary.
    """
    head = data[:65536]
    if not head or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"the chat file holds binary data, not text (it looks like {what})"
    if head[4:8] == b"ftyp":
        return "the chat file holds binary data, not text (it looks like a video)"
    text = decode_chat_bytes(head)
    if "\x00" in text:
        return "the chat file holds binary data, not text"
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c") + text.count("\ufffd")
    if controls > max(2, len(text) // 100):
        return "the chat file holds binary data, not text"
    return None


def looks_like_chat(name: str, head: bytes) -> bool:
    """Whether a file is a WhatsApp chat text: a ``.txt`` name and a header line among the first lines.

    A file named like an export's text (``_chat.txt``, ``WhatsApp Chat with X.txt``) always counts, whatever
    it holds: an empty one is an export of an empty chat, and one without a recognisable header must be read
    as a chat so that the reader can say what is wrong with it (``NO_MESSAGES``, ``binary_reason``) instead of
    the file passing silently as a loose text file.
    """
    base = PurePath(name.replace("\\", "/")).name
    if not base.lower().endswith(".txt") or base.startswith("._"):
        return False
    if is_export_name(base):
        return True
    text = decode_chat_bytes(head[:8192])
    if not text.strip():
        return False
    lines = [ln for ln in _LINE_BREAK.split(text)[:40] if ln.strip()]
    return any(match_header(ln) is not None for ln in lines[:20])


# --- parsing --------------------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Physical lines: split on CRLF, LF and CR only; a final line break does not start another line."""
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def parse_chat(text: str, *, chat_name: str | None = None, default_order: str = "DMY") -> Chat:
    """Parse the decoded text of a chat export. See the module docstring for the rules."""
    return parse_chat_lines(split_lines(text.removeprefix("\ufeff")), chat_name=chat_name,
                            default_order=default_order)


def parse_chat_lines(lines: list[str], *, chat_name: str | None = None, default_order: str = "DMY") -> Chat:
    """``parse_chat`` of a text already split into ``split_lines``; the list is used up (each line is let go once
    its entry is made, so a long chat is not held twice: the caller drops its text before)."""
    if default_order not in ORDERS:
        raise ValueError(f"default_order must be one of {ORDERS}")
    chat = Chat([], None, None, None, chat_name, line_count=len(lines))

    fields: dict[tuple[str, str, str], tuple[str, str, str]] = {}  # one tuple per date written, shared
    first_pass = [match_header(ln, fields=fields) for ln in lines]
    shapes = Counter(h.signature for h in first_pass if h is not None)
    if not shapes:
        if any(ln.strip() for ln in lines):
            raise ChatParseError(NO_MESSAGES)
        chat.preamble = list(lines)
        return chat
    shape = shapes.most_common(1)[0][0]
    style = shape[0]
    clock24 = not shape[-1]
    headers: list[Header | None] = [
        h if h is not None and h.signature == shape else match_header(ln, (style,), clock24=clock24, fields=fields)
        for h, ln in zip(first_pass, lines, strict=True)
    ]
    headers = [h if h is not None and h.signature == shape else None for h in headers]
    _accept_other_shapes(lines, first_pass, headers)
    other = sum(1 for h, h2 in zip(first_pass, headers, strict=True) if h is not None and h2 is None)
    del first_pass  # a header object per line: not held through the rest

    order, proven, chat.order_line = _decide_order(headers, default_order, chat.warnings)
    clock: dict[tuple, datetime | None] = {}  # one datetime per time written (exports give minutes: many repeat)
    times: list[datetime | None] = [None if h is None else _shared_time(h, order, clock) for h in headers]
    del clock
    bad = sum(1 for h, t in zip(headers, times, strict=True) if h is not None and t is None)
    if bad:
        chat.warnings.append(f"{bad} header line(s) have an impossible {order} date; kept as message text")
    if other:
        chat.warnings.append(f"{other} line(s) look like headers of another format; kept as message text")

    starts = [i for i, t in enumerate(times) if t is not None]
    if not starts:
        raise ChatParseError(NO_MESSAGES)
    chat.preamble = lines[: starts[0]]
    if chat.preamble:
        chat.warnings.append(f"{len(chat.preamble)} line(s) before the first message; kept as preamble")
    chat.date_order, chat.date_order_from_file, chat.header_style = order, proven, style

    lrm_names = _lrm_names(lines, headers, times)
    known = lrm_names | ({_norm(chat_name)} if chat_name else set())
    del fields
    names: dict[str, str] = {}  # one string per sender, shared by their messages
    bounds = starts[1:] + [len(lines)]
    for n, (i, j) in enumerate(zip(starts, bounds, strict=True)):
        h, t = headers[i], times[i]
        assert h is not None and t is not None
        chat.entries.append(_entry(n, t, h, lines[i], lines[i + 1 : j], i, known, lrm_names, chat_name, names))
        headers[i] = None
        for k in range(i, j):  # the entry holds the text now
            lines[k] = ""
    return chat


def _accept_other_shapes(lines: list[str], first_pass: list[Header | None], headers: list[Header | None]) -> None:
    """A line in another header shape starts a message when its sender also writes under the main shape
    (test files of other parsers mix shapes; a line pasted from another chat has other senders)."""
    if not any(h is not None and h2 is None for h, h2 in zip(first_pass, headers, strict=True)):
        return
    senders = set()
    for ln, h in zip(lines, headers, strict=True):
        if h is not None:
            raw, _ = _split_sender(ln[h.end :], set())
            if raw is not None:
                senders.add(_norm(raw))
    senders.discard("")
    for i, (ln, h, h2) in enumerate(zip(lines, first_pass, headers, strict=True)):
        if h is not None and h2 is None:
            raw, _ = _split_sender(ln[h.end :], set())
            if raw is not None and _norm(raw) in senders:
                headers[i] = h


def _decide_order(
    line_headers: list[Header | None], default: str, warnings: list[str]
) -> tuple[str, str | None, int | None]:
    """(order used, order proven by the file or None, line of the proof or None)."""
    proven: list[str] = []
    proof_lines: list[int] = []
    valid: Counter[str] = Counter()
    headers = [h for h in line_headers if h is not None]
    for i, h in enumerate(line_headers):
        if h is None:
            continue
        d1, d2, _ = h.fields
        if len(d1) == 4:
            proof = "YMD"
        elif int(d1) > 12:
            proof = "DMY"
        elif int(d2) > 12:
            proof = "MDY"
        else:
            proof = None
        if proof and proof not in proven:
            proven.append(proof)
            proof_lines.append(i)
        for order in ORDERS:
            valid[order] += _datetime(h, order) is not None
    if len(proven) == 1:
        return proven[0], proven[0], proof_lines[0]
    if proven:
        best = max(proven, key=lambda o: (valid[o], -proven.index(o)))
        warnings.append(f"dates in the file contradict each other ({', '.join(proven)}); used {best}")
        return best, best, proof_lines[proven.index(best)]
    best = default if valid[default] == len(headers) else max(ORDERS, key=lambda o: (valid[o], o == default))
    warnings.append(f"date order not decided by the file; assumed {best}")
    return best, None, None


def _shared_time(h: Header, order: str, clock: dict[tuple, datetime | None]) -> datetime | None:
    key = (h.fields, h.hour, h.minute, h.second)
    if key not in clock:
        clock[key] = _datetime(h, order)
    return clock[key]


def _datetime(h: Header, order: str) -> datetime | None:
    a, b, c = h.fields
    if order == "YMD":
        if len(a) != 4:
            return None
        y, mo, d = int(a), int(b), int(c)
    else:
        if len(a) > 2 or len(c) not in (2, 4):
            return None
        d, mo = (int(a), int(b)) if order == "DMY" else (int(b), int(a))
        y = int(c) + 2000 if len(c) == 2 else int(c)
    try:
        return datetime(y, mo, d, h.hour, h.minute, h.second)
    except ValueError:
        return None


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", strip_bidi(s)).split()).casefold()


def _lrm_names(lines, headers, times) -> set[str]:
    """Normalised names that iOS writes before ``: <LRM>`` (its system notices and attachments look like
    that). They may contain ": " (a group subject), so they are tried as sender prefixes."""
    known: set[str] = set()
    for ln, h, t in zip(lines, headers, times, strict=True):
        if h is not None and t is not None:
            k = ln.find(": \u200e", h.end)
            if k > h.end:
                known.add(_norm(ln[h.end : k]))
    known.discard("")
    return known


def _split_sender(rest: str, known: set[str]) -> tuple[str | None, str]:
    """``(raw sender or None, text)`` of a header's remainder."""
    colons: list[int] = []
    k = rest.find(":")
    while k != -1 and len(colons) < 12:
        colons.append(k)
        k = rest.find(":", k + 1)
    split = None
    for k in colons:
        nxt = rest[k + 1 : k + 2]
        prev = rest[k - 1 : k]
        if rest.startswith("//", k + 1) or (prev.isdigit() and nxt.isdigit()) or nxt.isalnum():
            continue
        split = k
        break
    for k in reversed(colons):  # prefer the longest known name ("Complaint: Hotel Miramar")
        if (split is None or k > split) and rest[k + 1 : k + 2] in (" ", "") and _norm(rest[:k]) in known:
            split = k
            break
    if split is None:
        return None, rest
    raw = rest[:split]
    if not strip_bidi(raw).strip() or _unbalanced_quotes(raw):
        return None, rest  # a colon inside a quoted group subject: a system notice
    text = rest[split + 2 :] if rest[split + 1 : split + 2] == " " else rest[split + 1 :]
    return raw, text


def _unbalanced_quotes(s: str) -> bool:
    """A name that opens a quote it does not close (the colon is inside a quoted subject)."""
    curly = s.count("“") + s.count("”") + s.count("„")
    return s.count('"') % 2 == 1 or curly % 2 == 1 or s.count("«") != s.count("»")


def _entry(n, t, h: Header, line, cont, line_no, known, lrm_names, chat_name, names) -> ChatEntry:
    rest = line[h.end :]
    raw_sender, first = _split_sender(rest, known)
    sender = strip_bidi(raw_sender).strip() if raw_sender is not None else None
    if sender is not None:
        sender = names.setdefault(sender, sender)
    text = "\n".join([first, *cont])
    kind, file, caption = "text", None, None
    if sender is None:
        kind = "system"
    elif (att := find_attachment(first)) is not None:
        kind, file = "attachment", att[0]
        caption = "\n".join(cont) if cont else att[1]
    elif (ph := placeholder_kind(first)) is not None:
        kind = ph
    elif first.startswith("\u200e") and h.style == "bracketed":
        # iOS writes notices as if sent by the chat (group) name, text starting with LRM.
        if chat_name is None or _norm(sender) == _norm(chat_name) or _norm(chat_name) not in lrm_names:
            kind = "system"
    return ChatEntry(n, t, sender, kind, text, file, 1 + len(cont), caption, line_no)
