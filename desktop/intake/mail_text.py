"""Text helpers for the mail readers: guarded header parsing, charsets, HTML to text, names and addresses.

Everything here takes hostile text and returns something safe to show; nothing raises on bad input except the
header guard, which raises ``ValueError`` when a message exceeds its limits (the reader turns that into a
``MailError``).
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from email.header import decode_header
from email.policy import EmailPolicy
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

MAX_HEADER_CHARS = 64 * 1024
MAX_MIME_HEADER_CHARS = 2048
MAX_MIME_HEADER_TOTAL = 128 * 1024
MAX_MIME_SPECIALS = 100
MAX_HEADER_FIELDS = 20_000
MAX_PARENS = 100
MAX_IDS = 100
MAX_ADDRESSES = 500
MAX_HTML_CHARS = 5_000_000

# Address headers are returned as raw text and parsed with ``email.utils`` (linear), because the structured
# parser of ``policy.default`` is quadratic on hostile address lists (32 KB of quoted strings: over 10 s).
ADDRESS_HEADERS = {"from", "to", "cc", "bcc", "sender", "reply-to"}
_MIME_SPECIALS = re.compile(r'["()\\;]')
_BOUNDARY = re.compile(r'boundary\s*=\s*"?([^";\s]{1,200})', re.IGNORECASE)

# ---------------------------------------------------------------------------------------------------------------
# Header guard


class HeaderGuard:
    """Counts and trims header values while the stdlib parser reads them (see ``guarded_policy``).

    The stdlib header parser costs up to ~50 us per character on hostile structured values (runs of quoted
    strings, parameters, nested comments) and recurses on nested comments. So Content-* values are cut at
    ``MAX_MIME_HEADER_CHARS``, reduced to their type (and boundary) beyond ``MAX_MIME_SPECIALS`` special
    characters, and limited to ``MAX_MIME_HEADER_TOTAL`` per message; other values are cut at
    ``MAX_HEADER_CHARS`` and lose their parentheses beyond ``MAX_PARENS``.
    """

    def __init__(self) -> None:
        self.fields = 0
        self.mime_total = 0
        self.warnings: list[str] = []
        self._cut: set[str] = set()

    def check(self, name: str, value: str) -> str:
        """Return the value to keep: 8-bit text decoded (UTF-8, else cp1252), long or complex values cut."""
        self.fields += 1
        if self.fields > MAX_HEADER_FIELDS:
            raise ValueError(f"it has more than {MAX_HEADER_FIELDS:,} header lines")
        value = fix_8bit(value)
        key = name.strip().lower()
        mime = key.startswith("content-")
        limit = MAX_MIME_HEADER_CHARS if mime else MAX_HEADER_CHARS
        cut = len(value) > limit
        value = value[:limit]
        if mime:
            self.mime_total += len(value)
            if self.mime_total > MAX_MIME_HEADER_TOTAL:
                raise ValueError(f"its MIME part headers exceed {MAX_MIME_HEADER_TOTAL // 1024} KB")
            if len(_MIME_SPECIALS.findall(value)) > MAX_MIME_SPECIALS:
                boundary = _BOUNDARY.search(value)
                value = value.split(";", 1)[0][:200] + (f'; boundary="{boundary.group(1)}"' if boundary else "")
                cut = True
        if value.count("(") > MAX_PARENS:  # nested comments make the stdlib parsers recurse until they fail
            value, cut = value.replace("(", " ").replace(")", " "), True
        if cut and key not in self._cut:
            self._cut.add(key)
            self.warnings.append(f"the {name.strip()[:40]} header is too long or too complex and was cut")
        return value


class _GuardedPolicy(EmailPolicy):
    """``email.policy.default`` whose header hooks run a ``HeaderGuard`` and leave address headers raw."""

    guard: HeaderGuard | None = None

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = super().header_source_parse(sourcelines)
        if self.guard is not None:
            value = self.guard.check(name, value)
        return name, value

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if name.lower() in ADDRESS_HEADERS and isinstance(value, str):
            return value
        return super().header_fetch_parse(name, value)


def guarded_policy() -> tuple[EmailPolicy, HeaderGuard]:
    """A fresh policy (same settings as ``email.policy.default``) and the guard it reports to."""
    guard = HeaderGuard()
    return _GuardedPolicy(guard=guard), guard


def fix_8bit(value: str) -> str:
    """Raw 8-bit header bytes arrive as surrogate escapes: decode them as UTF-8 (RFC 6532), else as cp1252."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


# ---------------------------------------------------------------------------------------------------------------
# Body text

_LATIN = {"", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "unknown-8bit"}


def decode_text(data: bytes, charset: str | None) -> str:
    """Decode a text part. Unknown or ASCII/Latin labels try UTF-8 first (the commonest wrong label)."""
    label = (charset or "").strip().strip('"').lower()
    text = None
    if label in _LATIN:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            label = "cp1252"
    if text is None:
        try:
            text = data.decode(label, "replace")
        except (LookupError, ValueError):  # unknown label, or a non-text codec such as "zlib"
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


_SKIP = {"script", "style", "head", "title", "template", "noscript", "svg"}
_BLOCK = {"p", "div", "br", "tr", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "hr", "section", "article", "header", "footer", "address", "dl", "dt", "dd", "form", "center"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "pre":
            self.pre += 1
        if tag == "li":
            self.out.append("\n- ")
        elif tag in ("td", "th"):
            self.out.append("  ")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCK and tag not in ("br", "li"):
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "hr"):
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body (stdlib ``html.parser``; tolerant of broken markup)."""
    html = html[:MAX_HTML_CHARS]
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
        text = "".join(parser.out)
    except Exception:  # noqa: BLE001 - html.parser has raised on odd markup; fall back to stripping tags
        text = re.sub(r"<[^>]*>", " ", html)
    lines = [line.strip() for line in text.replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_CID = re.compile(r"""cid:([^"'\s>)]+)""", re.IGNORECASE)


def referenced_cids(htmls: list[str]) -> set[str]:
    """Lower-cased Content-IDs referenced as ``cid:`` URLs from HTML bodies."""
    return {unquote(m).strip("<>").lower() for html in htmls for m in _CID.findall(html[:MAX_HTML_CHARS])}


# ---------------------------------------------------------------------------------------------------------------
# Names, subjects, addresses, ids


def clean_text(text: str, limit: int) -> str:
    """Drop control/format/unassigned characters (bidi overrides, zero-width), collapse whitespace, cap length."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    return " ".join(text.split())[:limit]


def tidy_subject(subject: str) -> str:
    """A subject fit for display."""
    return clean_text(subject, 998)


_WINDOWS_BAD = re.compile(r'[<>:"|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_EXT = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/heic": ".heic",
        "application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html", "message/rfc822": ".eml",
        "video/mp4": ".mp4", "video/quicktime": ".mov", "audio/ogg": ".ogg", "application/ms-tnef": ".dat"}


def sanitise_filename(name: str | None, number: int, content_type: str) -> str:
    """A display name: last path component only, no control/bidi/reserved characters, never empty."""
    text = unicodedata.normalize("NFC", name or "")
    text = clean_text(text.replace("\\", "/").rsplit("/", 1)[-1], 100_000)
    text = _WINDOWS_BAD.sub("_", text).strip(" .")
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if stem.upper() in _RESERVED:
        stem = "_" + stem
    ext = ext[:16]
    text = (stem[: 149 - len(ext)] + (dot + ext if ext else "")).strip(" .")
    if text:
        return text
    suffix = _EXT.get(content_type) or mimetypes.guess_extension(content_type, strict=False) or ".bin"
    return f"attachment-{number}{suffix}"


_ADDR = re.compile(r"^[^@\s<>()\[\]\\,;:\"]+@[^@\s<>()\[\]\\,;:\"]+\.[^@\s<>()\[\]\\,;:\"]+$|^[^@\s<>]+@localhost$")


def valid_email(addr: str) -> str | None:
    """The lower-cased addr-spec, or None if it does not look like one."""
    addr = addr.strip().strip("<>").lower()
    return addr if len(addr) <= 254 and _ADDR.match(addr) else None


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words (``=?utf-8?q?...?=``); unknown charsets decode with replacement."""
    if "=?" not in text:
        return text
    try:
        chunks = decode_header(text)
    except Exception:  # noqa: BLE001 - malformed encoded words: show them as they are
        return text
    return "".join(chunk if isinstance(chunk, str) else
                   chunk.decode("raw-unicode-escape", "replace") if charset is None else decode_text(chunk, charset)
                   for chunk, charset in chunks)


def parse_address(value: str | None) -> tuple[str | None, str | None]:
    """(display name, lower-cased e-mail) from a raw From-like header value."""
    if not value:
        return None, None
    pairs = [(n, a) for n, a in getaddresses([value]) if n or a] or [parseaddr(value)]
    name, addr = pairs[0]
    email = valid_email(addr)
    if email is None and "@" in value:  # e.g. an unbalanced quote: pick the first thing that looks like an address
        found = re.search(r"[^\s<>\"',;:()]+@[^\s<>\"',;:()]+", value)
        email = valid_email(found.group(0)) if found else None
    name = clean_text(decode_words(name).strip().strip("\"'"), 200) or None
    if name is None and email is None:
        name = clean_text(decode_words(value), 200) or None
    return name, email


def parse_addresses(value: str | None) -> list[str]:
    """Lower-cased, de-duplicated addr-specs from a raw To-like header value."""
    if not value:
        return []
    seen: dict[str, None] = {}
    for _name, addr in getaddresses([value]):
        email = valid_email(addr)
        if email:
            seen.setdefault(email)
        if len(seen) >= MAX_ADDRESSES:
            break
    return list(seen)


_ID = re.compile(r"<([^<>\s]{1,998})>")


def parse_ids(value: str | None) -> list[str]:
    """Message-IDs without angle brackets; bare ids (no brackets) are accepted when they contain '@'."""
    if not value:
        return []
    ids = _ID.findall(value) or [t.strip("<>") for t in value.split() if "@" in t and len(t) <= 998]
    ids = [clean_text(i, 998) for i in ids if clean_text(i, 998)]
    return ids if len(ids) <= MAX_IDS else ids[:1] + ids[-(MAX_IDS - 1):]
