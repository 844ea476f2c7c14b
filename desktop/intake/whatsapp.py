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
import functools
import itertools
import re
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath

from desktop.core.errors import RejectedInput
from desktop.intake.whatsapp_formats import (
    CHAT_NAME_RE,
    STYLES,
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

    Never raises. A BOM is removed, and so are NUL characters (a damaged export's zero bytes: ``binary_reason``
    lets a text through that holds a few). A UTF-8 file cut inside its last character (e.g. a head read for
    sniffing) still decodes as UTF-8.
    """
    return _decoded(data)[0].replace("\x00", "")


def _decoded(data: bytes) -> tuple[str, bool]:
    """(the text, NULs kept; whether it is Unicode: UTF-8 or UTF-16, not the cp1252 that any bytes decode as)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), True
    if (utf16 := _utf16_without_bom(data)) is not None:  # before UTF-8: plain ASCII in UTF-16 is valid UTF-8
        return data.decode(utf16, errors="replace"), True
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return data.decode("utf-8", errors="replace"), True
    return data.decode("latin-1").translate(_CP1252_TABLE), False


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when the first 4096 bytes are mostly zeros at odd / even places (plain ASCII
    written as UTF-16 without a BOM), else None."""
    sample = head[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even < odd // 8:
            return "utf-16-le"
        if even > len(sample) // 4 and odd < even // 8:
            return "utf-16-be"
    return None


def chat_encoding(chunks: Iterable[bytes]) -> tuple[str, int]:
    """``(codec, bytes to skip)`` with which ``decode_chunks`` decodes the concatenation of ``chunks`` exactly
    as ``decode_chat_bytes`` decodes it whole; the chunks are read once (a long chat is not held)."""
    it = iter(chunks)
    parts: list[bytes] = []
    size = 0
    for c in it:  # the head: BOMs and the UTF-16 sample (4096 bytes)
        parts.append(c)
        size += len(c)
        if size >= 4096:
            break
    head = b"".join(parts)
    del parts
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    if (utf16 := _utf16_without_bom(head)) is not None:
        return utf16, 0
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    fed, pending, cur = 0, 0, b""  # bytes decoded before the current call, of them still buffered, its input
    try:
        for cur in itertools.chain((head,), it):
            pending = len(dec.getstate()[0])
            dec.decode(cur)
            fed += len(cur)
        cur = b""
        pending = len(dec.getstate()[0])
        dec.decode(b"", True)
        return "utf-8", 0
    except UnicodeDecodeError as e:  # the decoder saw its buffered bytes and then the current input
        start = fed - pending + e.start
        total = fed + len(cur) + sum(len(c) for c in it)
        if e.reason == "unexpected end of data" and start >= total - 3:
            return "utf-8", 0  # cut inside its last character: still UTF-8 (the cut becomes U+FFFD)
    return "cp1252", 0


def decode_chunks(chunks: Iterable[bytes], encoding: tuple[str, int], nuls: SkippedNuls | None = None
                  ) -> Iterator[str]:
    """The text of ``chunks`` piece by piece, in the ``encoding`` ``chat_encoding`` chose (errors replaced), without
    NUL characters, as ``decode_chat_bytes`` gives it; ``nuls`` counts those taken out."""
    (nuls or SkippedNuls()).begin()
    for piece in _decoded_chunks(chunks, encoding):
        if "\x00" in piece:
            if nuls is not None:
                nuls.seen += piece.count("\x00")
            piece = piece.replace("\x00", "")
        yield piece


def _decoded_chunks(chunks: Iterable[bytes], encoding: tuple[str, int]) -> Iterator[str]:
    codec, skip = encoding
    if codec == "cp1252":
        for c in chunks:
            yield c.decode("latin-1").translate(_CP1252_TABLE)
        return
    dec = codecs.getincrementaldecoder(codec)("replace")
    for c in chunks:
        if skip:
            c, skip = c[skip:], max(0, skip - len(c))
        yield dec.decode(c)
    yield dec.decode(b"", True)


class SkippedNuls:
    """The NUL characters a chat's text held (zero bytes of a damaged export), taken out as it is decoded: the
    most any one pass over the file saw (the parser reads a long chat more than once)."""

    def __init__(self) -> None:
        self.count = 0
        self.seen = 0

    def begin(self) -> None:
        self.count, self.seen = max(self.count, self.seen), 0

    @property
    def total(self) -> int:
        return max(self.count, self.seen)


def skipped_words(n: int) -> str:
    """What the report says of a chat read without its ``n`` NUL characters."""
    what = "a zero byte" if n == 1 else f"{n:,} zero bytes"
    return f"the chat had damaged bytes that were skipped ({what}); the rest was read"


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


NUL_SHARE = 200  # a chat's text may hold one NUL in this many characters (a damaged export), no more


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not the text of a chat (``"... holds binary data ..."``), or None for text.

    UTF-16 text is text. Otherwise a known file signature, more than 1 % control characters (other than tab,
    line breaks and form feed) in the first 64 KiB, or NULs there, means binary, except a few NULs (at most one
    character in ``NUL_SHARE``) in a text that is UTF-8 or UTF-16 all the same: the zero bytes of a damaged
    export, which the reader skips (``decode_chat_bytes``).
    """
    head = data[:65536]
    if not head or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"the chat file holds binary data, not text (it looks like {what})"
    if head[4:8] == b"ftyp":
        return "the chat file holds binary data, not text (it looks like a video)"
    if head[257:262] == b"ustar":
        return "the chat file holds binary data, not text (it looks like a TAR archive)"
    text, unicode = _decoded(head)
    if (nuls := text.count("\x00")):
        if not unicode or nuls * NUL_SHARE > len(text):
            return "the chat file holds binary data, not text"
        text = text.replace("\x00", "")
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
#
# A chat is read in two streaming passes over its lines, so that a long one is never held: the first (``_survey``)
# matches every line's header once and keeps only what the file-wide decisions need (how often each header shape
# occurs, the date evidence, the names iOS writes before ": <LRM>") and one 8-byte mark per line (its header, if
# any) in a spooled file; the second (``ChatScan.entries``) reads the lines again beside their marks and yields the
# entries one by one. The first pass guesses the main shape from the first header and collects the evidence for it;
# should another shape win, or lines of other shapes need their senders checked, it runs again for the winner.


def split_lines(text: str) -> list[str]:
    """Physical lines: split on CRLF, LF and CR only; a final line break does not start another line."""
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def _split_breaks(s: str) -> list[str]:
    """``_LINE_BREAK.split(s)``, faster: CRLF pairs are found left to right as the pattern finds them."""
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return s.split("\n")


def iter_lines(pieces: Iterable[str]) -> Iterator[str]:
    """``split_lines`` of the concatenated ``pieces`` with a leading BOM removed, one line at a time."""
    pend: list[str] = []  # the pieces of the line not ended yet
    cr = False  # the last piece ended with CR: a line break, with or without the LF that may follow
    first = True
    for s in pieces:
        if not s:
            continue
        if first:
            s, first = s.removeprefix("\ufeff"), False
            if not s:
                continue
        if cr:
            yield "".join(pend)
            pend, cr = [], False
            if s[0] == "\n":
                s = s[1:]
                if not s:
                    continue
        if s[-1] == "\r":
            s, cr = s[:-1], True
        parts = _split_breaks(s)
        if len(parts) == 1:
            pend.append(parts[0])
            continue
        if pend:
            pend.append(parts[0])
            parts[0] = "".join(pend)
        pend = [parts.pop()]
        yield from parts
    last = "".join(pend)
    if cr or last:
        yield last


def parse_chat(text: str, *, chat_name: str | None = None, default_order: str = "DMY") -> Chat:
    """Parse the decoded text of a chat export. See the module docstring for the rules."""
    return parse_chat_lines(split_lines(text.removeprefix("\ufeff")), chat_name=chat_name,
                            default_order=default_order)


def parse_chat_lines(lines: list[str], *, chat_name: str | None = None, default_order: str = "DMY") -> Chat:
    """``parse_chat`` of a text already split into ``split_lines``, with its entries in a list."""
    scan = ChatScan(lambda: iter(lines), chat_name=chat_name, default_order=default_order)
    scan.chat.entries = list(scan.entries())
    return scan.chat


_ORDER_BITS = {"DMY": 1, "MDY": 2, "YMD": 4}
_PROOFS = (None, "DMY", "MDY", "YMD")
_STYLE_NO = {s: i for i, s in enumerate(STYLES)}
_MAIN = 1  # a line's mark: 0 no header, 1 a header of the main shape, 2 + style number a header of another shape


def _digits(d: str) -> int:
    """A date number of 1, 2 or 4 digits as one int that keeps its length (``"07"`` is not ``"7"``)."""
    v = int(d)
    return v if len(d) == 1 else 10 + v if len(d) == 2 else 110 + v


def _undigits(e: int) -> tuple[int, int]:
    """(length, value) of ``_digits``."""
    return (1, e) if e < 10 else (2, e - 10) if e < 110 else (4, e - 110)


def _date_code(fields: tuple[str, str, str]) -> int:
    d1, d2, d3 = fields  # d1, d3: 1, 2 or 4 digits (match_header refuses 3); d2: 1 or 2
    return (_digits(d1) << 21) | (int(d2) << 14) | _digits(d3)


def _ymd(code: int, order: str) -> tuple[int, int, int] | None:
    """The date a header's three numbers give in ``order``, None when impossible."""
    (la, a), b, (lc, c) = _undigits(code >> 21), (code >> 14) & 127, _undigits(code & 16383)
    if order == "YMD":
        if la != 4:
            return None
        y, mo, d = a, b, c
    else:
        if la > 2 or lc not in (2, 4):
            return None
        d, mo = (a, b) if order == "DMY" else (b, a)
        y = c + 2000 if lc == 2 else c
    try:
        datetime(y, mo, d)
    except ValueError:
        return None
    return y, mo, d


def _date_class(code: int) -> int:
    """``proof * 8 + orders``: what a date proves (0 nothing, 1 DMY, 2 MDY, 3 YMD) and the orders in which it is a
    possible date (``_ORDER_BITS``)."""
    la, a = _undigits(code >> 21)
    proof = 3 if la == 4 else 1 if a > 12 else 2 if (code >> 14) & 127 > 12 else 0
    return proof * 8 + sum(bit for order, bit in _ORDER_BITS.items() if _ymd(code, order) is not None)


class _Bounded(dict):
    """A cache that starts over when full (a hostile file may write a million dates)."""

    def full(self) -> bool:
        if len(self) >= 65536:
            self.clear()
        return False


class _Evidence:
    """What a set of header lines says about the date order: per date class, how many lines and the first."""

    __slots__ = ("count", "first", "lrm")

    def __init__(self) -> None:
        self.count = [0] * 32
        self.first = [-1] * 32
        self.lrm: dict[str, int] = {}  # name written before ": <LRM>" -> the orders of its lines' dates

    def merge(self, other: _Evidence) -> None:
        for k in range(32):
            self.count[k] += other.count[k]
            if other.first[k] >= 0 and (self.first[k] < 0 or other.first[k] < self.first[k]):
                self.first[k] = other.first[k]
        for name, bits in other.lrm.items():
            self.lrm[name] = self.lrm.get(name, 0) | bits

    def headers(self) -> int:
        return sum(self.count)

    def valid(self, order: str) -> int:
        bit = _ORDER_BITS[order]
        return sum(n for k, n in enumerate(self.count) if k & bit)

    def first_valid(self, order: str) -> int | None:
        bit = _ORDER_BITS[order]
        lines = [f for k, f in enumerate(self.first) if k & bit and f >= 0]
        return min(lines) if lines else None

    def proofs(self) -> list[tuple[int, str]]:
        """(first line, order) of each order some date proves, in file order."""
        found: dict[str, int] = {}
        for k, f in enumerate(self.first):
            if f >= 0 and k >> 3:
                p = _PROOFS[k >> 3]
                found[p] = min(f, found.get(p, f))
        return sorted((f, p) for p, f in found.items())


class _Marks:
    """One int64 per line, spooled to a temporary file (in memory while small)."""

    def __init__(self, spool_dir: Path | None = None) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=1 << 22, dir=spool_dir)
        self.buf = array("q")

    def flush(self) -> None:
        self._file.write(self.buf.tobytes())
        del self.buf[:]

    def __iter__(self) -> Iterator[int]:
        self.flush()
        self._file.seek(0)
        while block := self._file.read(1 << 19):
            yield from array("q", block)

    def close(self) -> None:
        self._file.close()


class _Survey:
    """The first pass's findings for one main shape (``shape``; guessed from the first header when None)."""

    def __init__(self, shape: tuple | None, senders: bool, spool_dir: Path | None = None) -> None:
        self.shape = shape
        self.shapes: Counter[tuple] = Counter()  # every line's header shape, before any decision
        self.main = _Evidence()
        self.others: dict[str | None, _Evidence] = {}  # lines in another shape, by their sender
        self.other_lines = 0
        self.senders: set[str] | None = set() if senders else None  # who writes under the main shape
        self.line_count = 0
        self.content = False  # a line that is not white space
        self.marks = _Marks(spool_dir)
        self.guessed = shape is None
        self.given_up = False  # no header in the first lines: no guess, a second pass decides

    def run(self, lines: Iterable[str]) -> _Survey:
        pending: list[str] = []  # lines before the first header, while the shape is still a guess
        classes: _Bounded = _Bounded()
        norms: _Bounded = _Bounded()
        shapes, marks, main = self.shapes, self.marks, self.main
        count, first = main.count, main.first
        buf = marks.buf
        shape = self.shape
        style = clock24 = None
        if shape is not None:
            style, clock24 = shape[0], not shape[-1]
        fast = self.senders is None  # a main-shape line needs no more than its date and LRM name
        content = False
        i = -1
        for i, ln in enumerate(lines):
            if not content and ln.strip():
                content = True
            h = match_header(ln)
            if h is not None:
                shapes[h.signature] += 1
                if shape is None and not self.given_up:
                    shape = self.shape = h.signature
                    style, clock24 = shape[0], not shape[-1]
                    for k, p in enumerate(pending):
                        self._line(i - len(pending) + k, p, None, style, clock24, classes, norms, buf)
                    pending = []
                if fast and h.signature == shape:  # the usual line: inline ``_line``
                    found = classes.get(h.fields)
                    if found is None:
                        classes.full()
                        code = _date_code(h.fields)
                        found = classes[h.fields] = (code, _date_class(code))
                    code, cls = found
                    count[cls] += 1
                    if first[cls] < 0:
                        first[cls] = i
                    end = h.end
                    k = ln.find(": \u200e", end)
                    if k > end:
                        self._lrm(main, ln[end:k], cls, norms)
                    buf.append(((((code << 17) | (h.hour * 3600 + h.minute * 60 + h.second)) << 7 | end) << 3)
                               | _MAIN)
                    if len(buf) >= 65536:
                        marks.flush()
                    continue
            if shape is None:
                if self.given_up:
                    continue
                pending.append(ln)
                if len(pending) > 4096:
                    self.given_up, pending = True, []
                continue
            self._line(i, ln, h, style, clock24, classes, norms, buf)
            if len(buf) >= 65536:
                marks.flush()
        buf.extend([0] * len(pending))  # no header at all: nothing starts a message
        self.line_count = i + 1
        self.content = content
        return self

    @staticmethod
    def _lrm(ev: _Evidence, raw: str, cls: int, norms: _Bounded) -> None:
        name = norms.get(raw)
        if name is None:
            norms.full()
            name = norms[raw] = _norm(raw)
        ev.lrm[name] = ev.lrm.get(name, 0) | (cls & 7)

    def _line(self, i, ln, h, style, clock24, classes, norms, buf) -> None:
        shape = self.shape
        if h is not None and h.signature == shape:
            fh = h
        else:  # in a file without AM/PM a line reads as a 24 h header ("21:25:15 am Ende: hi")
            fh = match_header(ln, (style,), clock24=clock24)
            if fh is not None and fh.signature != shape:
                fh = None
        if fh is not None:
            ev, kind = self.main, _MAIN
            if self.senders is not None:
                raw, _ = _split_sender(ln[fh.end :], set())
                if raw is not None:
                    self.senders.add(_norm(raw))
        elif h is not None:
            fh = h
            self.other_lines += 1
            raw, _ = _split_sender(ln[h.end :], set())
            who = _norm(raw) if raw is not None else None
            ev = self.others.get(who)
            if ev is None:
                ev = self.others[who] = _Evidence()
            kind = 2 + _STYLE_NO[h.style]
        else:
            buf.append(0)
            return
        fields = fh.fields
        found = classes.get(fields)
        if found is None:
            classes.full()
            code = _date_code(fields)
            found = classes[fields] = (code, _date_class(code))
        code, cls = found
        ev.count[cls] += 1
        if ev.first[cls] < 0:
            ev.first[cls] = i
        end = fh.end
        k = ln.find(": \u200e", end)
        if k > end:
            self._lrm(ev, ln[end:k], cls, norms)
        buf.append(((((code << 17) | (fh.hour * 3600 + fh.minute * 60 + fh.second)) << 7 | end) << 3) | kind)

    def usable(self) -> bool:
        """Whether the guess was the winner and no line of another shape needs the senders of the main one."""
        if not self.shapes:
            return True
        return (not self.given_up and self.shape == self.shapes.most_common(1)[0][0]
                and (self.other_lines == 0 or self.senders is not None))


class ChatScan:
    """A chat read from ``source`` (a function giving its lines anew each time it is called, e.g. from the file):
    ``chat`` holds what the whole file decides (order, style, warnings, line count; no entries), ``entries()``
    yields the entries in file order and fills ``chat.preamble``. Raises ``ChatParseError`` (``NO_MESSAGES``)."""

    def __init__(self, source: Callable[[], Iterable[str]], *, chat_name: str | None = None,
                 default_order: str = "DMY", spool_dir: Path | None = None) -> None:
        if default_order not in ORDERS:
            raise ValueError(f"default_order must be one of {ORDERS}")
        self._source = source
        survey = _Survey(None, senders=False, spool_dir=spool_dir).run(source())
        if not survey.usable():
            survey.marks.close()
            survey = _Survey(survey.shapes.most_common(1)[0][0], senders=True, spool_dir=spool_dir).run(source())
        self._survey = survey
        self.chat = chat = Chat([], None, None, None, chat_name, line_count=survey.line_count)
        self.count = 0  # entries
        self._accepted: set[str] = set()
        if not survey.shapes:
            if survey.content:
                raise ChatParseError(NO_MESSAGES)
            return
        style = survey.shape[0]
        evidence = survey.main
        senders = survey.senders or set()
        senders.discard("")
        other = survey.other_lines
        for who, ev in survey.others.items():  # their sender also writes under the main shape
            if who is not None and who in senders:
                self._accepted.add(who)
                evidence.merge(ev)
                other -= ev.headers()
        order, proven, chat.order_line = _decide_order(evidence, default_order, chat.warnings)
        bad = evidence.headers() - evidence.valid(order)
        if bad:
            chat.warnings.append(f"{bad} header line(s) have an impossible {order} date; kept as message text")
        if other:
            chat.warnings.append(f"{other} line(s) look like headers of another format; kept as message text")
        self.count = evidence.valid(order)
        if not self.count:
            raise ChatParseError(NO_MESSAGES)
        first = evidence.first_valid(order)
        if first:
            chat.warnings.append(f"{first} line(s) before the first message; kept as preamble")
        chat.date_order, chat.date_order_from_file, chat.header_style = order, proven, style
        bit = _ORDER_BITS[order]
        self._lrm = {name for name, bits in evidence.lrm.items() if bits & bit}
        self._lrm.discard("")

    def entries(self) -> Iterator[ChatEntry]:
        chat, survey = self.chat, self._survey
        preamble = chat.preamble
        lines = self._source()
        if chat.date_order is None:  # no header at all: white space only
            preamble.extend(lines)
            return
        order, chat_name, accepted = chat.date_order, chat.chat_name, self._accepted
        main_style = chat.header_style
        known = self._lrm | ({_norm(chat_name)} if chat_name else set())
        names: dict[str, str] = {}  # one string per sender, shared by their messages
        dates: _Bounded = _Bounded()
        times: _Bounded = _Bounded()  # one datetime per time written (exports give minutes: many repeat)
        n = 0
        head: tuple | None = None  # (time, end, style, line, line number) of the entry being read
        cont: list[str] = []
        try:
            for i, (ln, mark) in enumerate(zip(lines, survey.marks, strict=True)):
                if mark:
                    kind = mark & 7
                    end = (mark >> 3) & 127
                    if kind == _MAIN:
                        style = main_style
                    else:
                        raw, _ = _split_sender(ln[end:], set())
                        if raw is None or _norm(raw) not in accepted:
                            mark = 0
                        style = STYLES[kind - 2]
                if mark:
                    t = times.get(mark >> 10)
                    if t is None:
                        code, tod = mark >> 27, (mark >> 10) & 131071
                        ymd = dates.get(code, False)
                        if ymd is False:
                            dates.full()
                            ymd = dates[code] = _ymd(code, order)
                        if ymd is None:
                            mark = 0  # an impossible date in this order: continuation text
                        else:
                            times.full()
                            t = times[mark >> 10] = datetime(*ymd, tod // 3600, tod // 60 % 60, tod % 60)
                if mark:
                    if head is not None:
                        yield _entry(n, *head, cont, known, self._lrm, chat_name, names)
                        n += 1
                    head, cont = (t, end, style, ln, i), []
                elif head is None:
                    preamble.append(ln)
                else:
                    cont.append(ln)
        except ValueError as e:
            if "zip()" not in str(e):
                raise
            raise ChatParseError("the chat file changed while it was read") from None
        if head is not None:
            yield _entry(n, *head, cont, known, self._lrm, chat_name, names)

    def close(self) -> None:
        self._survey.marks.close()


def _decide_order(evidence: _Evidence, default: str, warnings: list[str]) -> tuple[str, str | None, int | None]:
    """(order used, order proven by the file or None, line of the proof or None)."""
    found = evidence.proofs()
    proven = [p for _, p in found]
    proof_lines = [f for f, _ in found]
    valid = {order: evidence.valid(order) for order in ORDERS}
    if len(proven) == 1:
        return proven[0], proven[0], proof_lines[0]
    if proven:
        best = max(proven, key=lambda o: (valid[o], -proven.index(o)))
        warnings.append(f"dates in the file contradict each other ({', '.join(proven)}); used {best}")
        return best, best, proof_lines[proven.index(best)]
    headers = evidence.headers()
    best = default if valid[default] == headers else max(ORDERS, key=lambda o: (valid[o], o == default))
    warnings.append(f"date order not decided by the file; assumed {best}")
    return best, None, None


def _norm(s: str) -> str:
    if len(s) <= 64:  # a sender's name, tried on each of their lines
        return _norm_short(s)
    return " ".join(unicodedata.normalize("NFC", strip_bidi(s)).split()).casefold()


@functools.lru_cache(maxsize=4096)
def _norm_short(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", strip_bidi(s)).split()).casefold()


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


def _entry(n, t, end, style, line, line_no, cont, known, lrm_names, chat_name, names) -> ChatEntry:
    rest = line[end:]
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
    elif first.startswith("\u200e") and style == "bracketed":
        # iOS writes notices as if sent by the chat (group) name, text starting with LRM.
        if chat_name is None or _norm(sender) == _norm(chat_name) or _norm(chat_name) not in lrm_names:
            kind = "system"
    return ChatEntry(n, t, sender, kind, text, file, 1 + len(cont), caption, line_no)
