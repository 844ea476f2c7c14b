"""Read customer e-mails (.eml, Outlook .msg) into plain records.

Pure reading: no database, no Qt, nothing written to disk. Every reader raises only ``MailError`` for bad input;
damage that still leaves a usable message (a broken part, an unreadable header, a skipped attachment) is reported
in ``MailMessage.warnings`` instead.

Limits (hostile input must stay cheap):

- files larger than ``MAX_FILE_BYTES`` are rejected (``MailError``);
- at most ``MAX_ATTACHMENTS`` attachments and ``MAX_ATTACHMENT_BYTES`` decoded bytes in total are kept; the rest
  are skipped with a warning, so the message itself and its first attachments are not lost;
- header values are cut or simplified when too long or too complex, and a message whose MIME headers together are
  too large or that has too many header fields is rejected: the stdlib header parser is quadratic on hostile
  structured values (see ``mail_text.HeaderGuard``; a hostile file costs about a second at most);
- more than ``MAX_MULTIPARTS`` multipart/message parts are rejected; parts nested deeper than ``MAX_DEPTH`` are
  skipped with a warning; a message/rfc822 attachment (a forwarded
  e-mail) is opened one level deep: its text is appended to the body and its attachments are taken; a forwarded
  e-mail inside that is kept as an ``.eml`` attachment, not opened.

``MailAttachment.inline`` is True for parts with ``Content-Disposition: inline`` or whose Content-ID is referenced
from the HTML body. Apple Mail sends ordinary photos as inline parts, so consumers must not drop inline parts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

from desktop.core.errors import RejectedInput
from desktop.intake.mail_text import (
    decode_text,
    guarded_policy,
    html_to_text,
    parse_address,
    parse_addresses,
    parse_ids,
    referenced_cids,
    sanitise_filename,
    tidy_subject,
)
from desktop.intake.mail_threads import normalise_subject, thread_messages

__all__ = [
    "MailAttachment", "MailMessage", "MailError", "is_mail_file", "read_mail", "read_eml", "read_msg",
    "thread_messages", "normalise_subject",
]

MAX_FILE_BYTES = 300 * 1024 * 1024  # 200 MB of attachments, base64-encoded, plus text
MAX_ATTACHMENTS = 200
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 20
MAX_MULTIPARTS = 200  # the stdlib parser is quadratic in nesting depth (900 levels: seconds; 1000: RecursionError)
MAX_BODY_CHARS = 1_000_000
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
HEAD_BYTES = 64 * 1024


class MailError(RejectedInput):
    """An input file is not an e-mail we can read; the message says why, in words a claims handler understands."""


@dataclass
class MailAttachment:
    """One attachment. ``filename`` is a sanitised display name: never use it as a path."""

    filename: str
    data: bytes
    content_type: str
    inline: bool
    content_id: str | None


@dataclass
class MailMessage:
    """One e-mail as plain data. ``date`` is aware (or None with a warning); ``sender_email`` is lower-case."""

    path: Path
    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    subject: str
    sender_name: str | None
    sender_email: str | None
    to: list[str]
    date: datetime | None
    body_text: str
    attachments: list[MailAttachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------
# Detection

_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,200}[ \t]*:")
_CORE_HEADERS = {b"from", b"message-id", b"received", b"return-path", b"delivered-to"}


def looks_like_rfc822(head: bytes) -> bool:
    """True if ``head`` starts with an RFC 5322 header section that names a mail header (From, Received, ...).

    The first line must be a header field; at least two fields must follow each other, including From,
    Message-ID, Received, Return-Path or Delivered-To, or Subject with Date, To or MIME-Version.
    """
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")
    lines = head.split(b"\n")
    if lines and lines[0].startswith(b"From "):  # mbox separator line
        lines = lines[1:]
    names: set[bytes] = set()
    for i, line in enumerate(lines[:500]):
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t") and i > 0:
            continue
        if not _HEADER_LINE.match(line):
            if i == 0:
                return False
            break  # a malformed line (or the end of the head) ends the headers, as for the stdlib parser
        names.add(line.split(b":", 1)[0].strip().lower())
    if len(names) < 2:
        return False
    return bool(names & _CORE_HEADERS) or (b"subject" in names and bool(names & {b"date", b"to", b"mime-version"}))


def is_mail_file(path: Path, head: bytes) -> str | None:
    """``"eml"``, ``"msg"`` or None, decided by content (``head`` = the first bytes of the file), not extension."""
    if head.startswith(OLE_MAGIC):
        from desktop.intake.mail_msg import is_outlook_message

        return "msg" if is_outlook_message(path) else None
    return "eml" if looks_like_rfc822(head) else None


def read_mail(path: Path) -> MailMessage:
    """Read an .eml or .msg file, whatever its extension."""
    path = Path(path)
    head = read_bytes(path, HEAD_BYTES)
    if not head:
        raise MailError("not an e-mail: the file is empty", str(path))
    if head.startswith(OLE_MAGIC):  # read_msg tells a damaged Outlook file from another Office file
        return read_msg(path)
    if looks_like_rfc822(head):
        return read_eml(path)
    raise MailError("not an e-mail: no mail headers (From, Date, Subject ...) at the start of the file", str(path))


def read_msg(path: Path) -> MailMessage:
    """Read an Outlook .msg file (see ``desktop.intake.mail_msg``)."""
    from desktop.intake.mail_msg import read_outlook

    return read_outlook(Path(path))


def check_size(path: Path) -> int:
    """The file size; ``MailError`` if it is above ``MAX_FILE_BYTES`` or cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MailError(f"cannot read the e-mail file: {exc.strerror or exc}", str(path)) from exc
    if size > MAX_FILE_BYTES:
        raise MailError(f"e-mail file is too large ({size // 2**20} MB, limit {MAX_FILE_BYTES // 2**20} MB)",
                        str(path))
    return size


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The first ``limit`` bytes, or the whole file within the size limit; ``MailError`` on I/O errors."""
    if limit is None:
        check_size(path)
    try:
        with path.open("rb") as fh:
            return fh.read(limit if limit is not None else MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise MailError(f"cannot read the e-mail file: {exc.strerror or exc}", str(path)) from exc


# ---------------------------------------------------------------------------------------------------------------
# .eml


class AttachmentSink:
    """Collects attachments under the count and size limits, warning once per limit."""

    def __init__(self, warnings: list[str]) -> None:
        self.items: list[MailAttachment] = []
        self.total = 0
        self.skipped = 0
        self.warnings = warnings

    def add(self, name: str | None, data: bytes, content_type: str, inline: bool, cid: str | None) -> None:
        if len(self.items) >= MAX_ATTACHMENTS or self.total + len(data) > MAX_ATTACHMENT_BYTES:
            self.skipped += 1
            return
        self.total += len(data)
        filename = sanitise_filename(name, len(self.items) + 1, content_type)
        self.items.append(MailAttachment(filename, data, content_type, inline, cid))

    def finish(self) -> list[MailAttachment]:
        if self.skipped:
            self.warnings.append(
                f"{self.skipped} attachment(s) skipped: at most {MAX_ATTACHMENTS} attachments and "
                f"{MAX_ATTACHMENT_BYTES // 2**20} MB per e-mail are read")
        return self.items


_MULTIPART = re.compile(rb"^content-type:[ \t]*(?:multipart/|message/rfc822)", re.IGNORECASE | re.MULTILINE)


@dataclass
class _Walk:
    warnings: list[str]
    sink: AttachmentSink
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    forwarded: list[str] = field(default_factory=list)
    cid_html: list[str] = field(default_factory=list)  # every HTML part, forwarded ones too, for cid: references
    leaves: list[tuple[Message, bool]] = field(default_factory=list)  # (part, in multipart/related)
    defects: set[str] = field(default_factory=set)


def read_eml(path: Path) -> MailMessage:
    """Read an RFC 5322 / MIME file with ``email.policy.default`` (plus limits, see the module docstring)."""
    path = Path(path)
    raw = read_bytes(path)
    if not raw:
        raise MailError("not an e-mail: the file is empty", str(path))
    if not looks_like_rfc822(raw[:HEAD_BYTES]):
        raise MailError("not an e-mail: no mail headers (From, Date, Subject ...) at the start of the file", str(path))
    if len(_MULTIPART.findall(raw)) > MAX_MULTIPARTS:
        raise MailError(f"e-mail cannot be read safely: more than {MAX_MULTIPARTS} nested MIME parts", str(path))
    policy, guard = guarded_policy()
    try:
        msg = BytesParser(policy=policy).parsebytes(raw)
    except RecursionError as exc:
        raise MailError("e-mail is damaged: its parts are nested too deeply", str(path)) from exc
    except ValueError as exc:  # the guard's limits
        raise MailError(f"e-mail cannot be read safely: {exc}", str(path)) from exc
    except Exception as exc:  # noqa: BLE001 - the stdlib parser choking on hostile input
        raise MailError(f"e-mail is damaged: {type(exc).__name__}", str(path)) from exc
    warnings = list(guard.warnings)
    walk = _Walk(warnings, AttachmentSink(warnings))
    _walk(msg, walk, depth=0, nested=False)
    cids = referenced_cids(walk.cid_html)
    for part, related in walk.leaves:
        _take_attachment(part, related, cids, walk)
    headers = header_record(msg, warnings)
    body = "\n\n".join(t for t in walk.plain if t.strip())
    if not body and walk.html:
        body = "\n\n".join(html_to_text(h) for h in walk.html)
    body = "\n\n".join([body.strip(), *walk.forwarded]).strip()
    if len(body) > MAX_BODY_CHARS:
        body = body[:MAX_BODY_CHARS]
        warnings.append(f"body text cut at {MAX_BODY_CHARS:,} characters")
    if walk.defects:
        warnings.append("MIME structure is damaged (" + ", ".join(sorted(walk.defects)[:5]) + "); read what could be read")
    return MailMessage(path=path, body_text=body, attachments=walk.sink.finish(), warnings=warnings, **headers)


def header_record(msg: Message, warnings: list[str]) -> dict:
    """The header fields of ``MailMessage`` from a parsed header block (also used for Outlook transport headers)."""
    sender_name, sender_email = parse_address(safe_header(msg, "From", warnings) or safe_header(msg, "Sender", warnings))
    if sender_email is None:
        warnings.append("no sender e-mail address")
    ids = parse_ids(safe_header(msg, "Message-ID", warnings))
    reply = parse_ids(safe_header(msg, "In-Reply-To", warnings))
    return {
        "message_id": ids[0] if ids else None,
        "in_reply_to": reply[0] if reply else None,
        "references": parse_ids(safe_header(msg, "References", warnings)),
        "subject": tidy_subject(safe_header(msg, "Subject", warnings) or ""),
        "sender_name": sender_name,
        "sender_email": sender_email,
        "to": parse_addresses(safe_header(msg, "To", warnings)),
        "date": header_date(msg, warnings),
    }


def safe_header(msg: Message, name: str, warnings: list[str]) -> str | None:
    """A header's decoded text, or None. The stdlib header parser has crashed on hostile values before."""
    try:
        value = msg.get(name)
        return None if value is None else str(value)
    except Exception:  # noqa: BLE001 - any parser failure on hostile input becomes a warning
        warnings.append(f"the {name} header could not be read")
        return None


def header_date(msg: Message, warnings: list[str]) -> datetime | None:
    """The Date header as an aware datetime; a date without zone (``-0000``) is taken as UTC."""
    try:
        value = msg.get("Date")
        when = getattr(value, "datetime", None)
    except Exception:  # noqa: BLE001
        value, when = "?", None
    if when is None:
        warnings.append("no readable Date header" if value is None else f"Date header not understood: {str(value)[:80]!r}")
        return None
    if when.tzinfo is None:
        warnings.append("Date header has no time zone; taken as UTC")
        when = when.replace(tzinfo=UTC)
    return when


def _walk(part: Message, walk: _Walk, depth: int, nested: bool, related: bool = False) -> None:
    """Sort the parts: body text, attachments to take later, forwarded messages."""
    if depth > MAX_DEPTH:
        walk.warnings.append(f"parts nested deeper than {MAX_DEPTH} levels were skipped")
        return
    walk.defects.update(type(d).__name__ for d in getattr(part, "defects", []))
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        _forwarded(part, walk, depth, nested)
    elif part.is_multipart():
        if part.get_content_maintype() != "multipart":
            walk.warnings.append(f"a part of type {ctype} was skipped")
            return
        for sub in part.get_payload():
            if isinstance(sub, Message):
                _walk(sub, walk, depth + 1, nested, related or ctype == "multipart/related")
    elif ctype in ("text/plain", "text/html") and not _is_attachment(part):
        text = decode_text(_payload(part, walk), _charset(part))
        (walk.plain if ctype == "text/plain" else walk.html).append(text)
        if ctype == "text/html":
            walk.cid_html.append(text)
    else:
        walk.leaves.append((part, related))


def _is_attachment(part: Message) -> bool:
    try:
        return part.get_content_disposition() == "attachment" or bool(part.get_filename())
    except Exception:  # noqa: BLE001
        return True


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:  # noqa: BLE001
        return None


def _payload(part: Message, walk: _Walk) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - broken transfer encodings
        walk.warnings.append(f"a {part.get_content_type()} part could not be decoded")
        return b""
    return data if isinstance(data, bytes) else b""


def _forwarded(part: Message, walk: _Walk, depth: int, nested: bool) -> None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload and isinstance(payload[0], Message) else None
    if inner is None:
        walk.leaves.append((part, False))
        return
    if nested:
        walk.warnings.append("a forwarded e-mail inside a forwarded e-mail is kept as an attachment, not opened")
        walk.leaves.append((part, False))
        return
    sub = _Walk(walk.warnings, walk.sink, leaves=walk.leaves, cid_html=walk.cid_html, defects=walk.defects)
    _walk(inner, sub, depth + 1, nested=True)
    headers = header_record(inner, [])
    text = "\n\n".join(t for t in sub.plain if t.strip()) or "\n\n".join(html_to_text(h) for h in sub.html)
    who = " ".join(x for x in (headers["sender_name"], f"<{headers['sender_email']}>" if headers["sender_email"]
                                else None) if x)
    date = headers["date"].isoformat() if headers["date"] else ""
    walk.forwarded.append(f"---------- Attached e-mail ----------\nFrom: {who}\nDate: {date}\n"
                          f"Subject: {headers['subject']}\n\n{text.strip()}")
    walk.forwarded.extend(sub.forwarded)


def _forwarded_bytes(part: Message, walk: _Walk) -> bytes:
    """The forwarded e-mail of a message/rfc822 part as .eml bytes, written with the compat32 policy so that
    headers are copied as they are, not re-parsed (see ``mail_text.HeaderGuard``)."""
    payload = part.get_payload()
    if not (isinstance(payload, list) and payload and isinstance(payload[0], Message)):
        return _payload(part, walk)
    buf = io.BytesIO()
    try:
        BytesGenerator(buf, mangle_from_=False, policy=compat32.clone(max_line_length=0)).flatten(payload[0])
    except Exception:  # noqa: BLE001 - re-serialising a hostile message
        walk.warnings.append("a forwarded e-mail could not be kept")
        return b""
    return buf.getvalue()


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename() or part.get_param("name") or None  # type: ignore[return-value]
    except Exception:  # noqa: BLE001
        return None


def _take_attachment(part: Message, related: bool, cids: set[str], walk: _Walk) -> None:
    ctype = part.get_content_type()
    cid = safe_header(part, "Content-ID", walk.warnings)
    cid = cid.strip().strip("<>").strip() or None if cid else None
    try:
        disposition = part.get_content_disposition()
    except Exception:  # noqa: BLE001
        disposition = None
    data = _forwarded_bytes(part, walk) if ctype == "message/rfc822" else _payload(part, walk)
    referenced = bool(cid and cid.lower() in cids)
    inline = disposition == "inline" or referenced or (related and disposition is None and cid is not None)
    if ctype == "application/ms-tnef":
        walk.warnings.append("winmail.dat (Outlook TNEF) attachment kept as is, not unpacked")
    walk.sink.add(_filename(part), data, ctype, inline, cid)
