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
from the HTML body. Apple Mail sends ordinary photos as inline parts, so consumers must not drop inline parts
(``desktop.core.mail_media.is_case_media`` tells logos and tracking pixels from photos).

Nothing a customer sent is dropped: every part that ``iter_attachments()`` of the stdlib returns is an attachment
here, whatever its content: delivery reports (``message/delivery-status``, ``text/rfc822-headers``, the returned
``message/rfc822``), a forwarded e-mail (kept as ``.eml`` and also opened), a second text part of the body, a
part without a name (named by ``mail_parts.default_name``). ``MailAttachment.flags`` says what is odd about a
part ("name says PDF, content is ZIP", cut short, broken base64) and ``MailMessage.damaged`` what is wrong with
the e-mail as a whole ("damaged e-mail: ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path

from desktop.core.errors import RejectedInput
from desktop.intake.mail_parts import content_flag, default_name
from desktop.intake.mail_text import (
    parse_address,
    parse_addresses,
    parse_ids,
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
EARLIEST_MAIL = datetime(1971, 1, 1, tzinfo=UTC)  # the first e-mail was sent late in 1971: a date before is wrong
CLOCK_SLACK = timedelta(days=1)  # a sender's clock or time zone this far ahead of ours is believed
DATE_PROBLEM = "the e-mail's date ("  # how ``judged_date``'s warnings begin
NO_TIME = ": the message has no time"  # and how those end that leave it without a time
MAX_MULTIPARTS = 200  # the stdlib parser is quadratic in nesting depth (900 levels: seconds; 1000: RecursionError)
MAX_BODY_CHARS = 1_000_000
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
HEAD_BYTES = 64 * 1024


class MailError(RejectedInput):
    """An input file is not an e-mail we can read; the message says why, in words a claims handler understands."""


@dataclass
class MailAttachment:
    """One attachment. ``filename`` is a sanitised display name: never use it as a path.

    Read with a spool folder (``read_mail(path, spool)``), the decoded content is the file ``path`` and is not held
    in memory; otherwise it is ``content``. ``data`` gives the bytes either way.
    """

    filename: str
    content_type: str
    inline: bool
    content_id: str | None
    origin: str = "attachment"  # "attachment" | "report" (delivery/read report part) | "forwarded" (a forwarded
    #                             e-mail, also opened) | "body-part" (a text part of the body) | "in-forwarded"
    flags: list[str] = field(default_factory=list)  # "name says PDF, content is ZIP", "cut short", ...
    damaged: bool = False  # cut short or badly encoded: its content is not what was sent
    size: int = 0
    path: Path | None = None
    content: bytes | None = None

    @property
    def data(self) -> bytes:
        if self.content is not None:
            return self.content
        assert self.path is not None
        return self.path.read_bytes()


@dataclass(frozen=True)
class Stored:
    """Content already decoded into a file of the spool folder."""

    path: Path
    size: int
    head: bytes  # the first bytes, to tell the content by its signature


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
    cc: list[str] = field(default_factory=list)
    auto: bool = False  # a delivery or read report, or marked Auto-Submitted: written by a mail system
    report_type: str | None = None  # "delivery-status" | "disposition-notification" | ... (multipart/report)
    damaged: str | None = None  # "damaged e-mail: ..." when the file is cut short or its structure broken


# ---------------------------------------------------------------------------------------------------------------
# Detection

_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,200}[ \t]*:")
_CORE_HEADERS = {b"from", b"message-id", b"received", b"return-path", b"delivered-to"}


_BLANK_LINES = re.compile(rb"^(?:[ \t]*\r?\n)+")


def strip_leading_blank_lines(raw: bytes) -> bytes:
    """``raw`` without the empty or whitespace-only lines some tools write before the headers."""
    return _BLANK_LINES.sub(b"", raw, count=1)


def looks_like_rfc822(head: bytes) -> bool:
    """True if ``head`` starts with an RFC 5322 header section that names a mail header (From, Received, ...).

    The first line must be a header field; at least two fields must follow each other, including From,
    Message-ID, Received, Return-Path or Delivered-To, or Subject with Date, To or MIME-Version.
    """
    head = strip_leading_blank_lines(head.removeprefix(b"\xef\xbb\xbf"))
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


def read_mail(path: Path, spool: Path | None = None) -> MailMessage:
    """Read an .eml or .msg file, whatever its extension. With ``spool`` (a private folder), attachments are
    decoded into files there and memory stays flat whatever their size; without, they are held in memory."""
    path = Path(path)
    head = read_bytes(path, HEAD_BYTES)
    if not head:
        raise MailError("not an e-mail: the file is empty", str(path))
    if head.startswith(OLE_MAGIC):  # read_msg tells a damaged Outlook file from another Office file
        return read_msg(path, spool)
    if looks_like_rfc822(head) or path.suffix.lower() == ".eml":  # read_eml tells a cut e-mail from another file
        return read_eml(path, spool)
    if path.suffix.lower() == ".msg":
        raise MailError("not a readable Outlook message: the file does not start as an Outlook file does (nor as "
                        "an e-mail)", str(path))
    raise MailError("not an e-mail: no mail headers (From, Date, Subject ...) at the start of the file", str(path))


def read_msg(path: Path, spool: Path | None = None) -> MailMessage:
    """Read an Outlook .msg file (see ``desktop.intake.mail_msg``)."""
    from desktop.intake.mail_msg import read_outlook

    return read_outlook(Path(path), spool)


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
    """Collects attachments under the count and size limits, warning once per limit. With a ``folder``, every
    attachment's content is written there (``att-0001``, ...) and not kept in memory."""

    def __init__(self, warnings: list[str], folder: Path | None = None) -> None:
        self.items: list[MailAttachment] = []
        self.total = 0
        self.skipped = 0
        self.warnings = warnings
        self.folder = folder
        self._files = 0

    def new_path(self) -> Path:
        """A fresh file name in the folder, for content decoded straight to disk."""
        assert self.folder is not None
        self._files += 1
        return self.folder / f"att-{self._files:04d}"

    def add(self, name: str | None, content: bytes | Stored, content_type: str, inline: bool, cid: str | None, *,
            origin: str = "attachment", flags: list[str] | None = None, damaged: bool = False,
            default: str | None = None) -> MailAttachment | None:
        """Keep one part; ``default`` names it when ``name`` is empty. None when a limit was reached."""
        size = content.size if isinstance(content, Stored) else len(content)
        if len(self.items) >= MAX_ATTACHMENTS or self.total + size > MAX_ATTACHMENT_BYTES:
            self.skipped += 1
            if isinstance(content, Stored):
                content.path.unlink(missing_ok=True)
            return None
        self.total += size
        head = content.head if isinstance(content, Stored) else content[:64]
        number = len(self.items) + 1
        filename = sanitise_filename(name or default or default_name(content_type, head, number), number,
                                     content_type)
        flags = list(flags or [])
        if (why := content_flag(filename, head)) is not None:
            flags.append(why)
        att = MailAttachment(filename, content_type, inline, cid, origin, flags, damaged, size)
        if isinstance(content, Stored):
            att.path = content.path
        elif self.folder is not None:
            att.path = self.new_path()
            att.path.write_bytes(content)
        else:
            att.content = content
        self.items.append(att)
        return att

    def finish(self, *, load: bool = False) -> list[MailAttachment]:
        """The attachments kept; ``load`` reads their files into memory (the folder is about to go)."""
        if self.skipped:
            self.warnings.append(
                f"{self.skipped} attachment(s) skipped: at most {MAX_ATTACHMENTS} attachments and "
                f"{MAX_ATTACHMENT_BYTES // 2**20} MB per e-mail are read")
        if load:
            for att in self.items:
                if att.path is not None:
                    att.content, att.path = att.path.read_bytes(), None
        return self.items


def read_eml(path: Path, spool: Path | None = None) -> MailMessage:
    """Read an RFC 5322 / MIME file with ``email.policy.default`` (plus limits, see the module docstring)."""
    from desktop.intake.mail_eml import parse_eml

    return parse_eml(Path(path), spool)


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
    return judged_date(when, received_date(msg), warnings)


def received_date(msg: Message) -> datetime | None:
    """When the last mail server got the message: the date after the last ``;`` of the topmost Received header
    (each server adds its own on top), as an aware datetime; ``None`` when there is none or it cannot be read."""
    try:
        received = msg.get_all("Received")
        _, sep, stamp = str(received[0]).rpartition(";") if received else ("", "", "")
        when = parsedate_to_datetime(stamp.strip()) if sep else None
    except Exception:  # noqa: BLE001 - a hostile header: no time from it
        return None
    if when is None:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def judged_date(when: datetime, received: datetime | None, warnings: list[str],
                now: datetime | None = None) -> datetime | None:
    """``when`` (aware) if it can be true: not before the first e-mail (``EARLIEST_MAIL``) and at most
    ``CLOCK_SLACK`` after ``now``. Otherwise the time the mail server received it, if that can be true, else no
    time, with a warning (``DATE_PROBLEM``) that names the date and what was used instead: a message dated
    31/12/9999 would put its answer due in 63,000 days and sort after every other message."""
    now = now or datetime.now(UTC)

    def possible(t: datetime) -> bool:
        return EARLIEST_MAIL <= t <= now + CLOCK_SLACK

    if possible(when):
        return when
    why = "lies in the future" if when > now else "is before e-mail existed"
    said = f"{DATE_PROBLEM}{when:%Y-%m-%d %H:%M}) {why}"
    if received is not None and possible(received):
        warnings.append(f"{said}: the time the mail server received it is used ({received:%Y-%m-%d %H:%M})")
        return received
    warnings.append(said + NO_TIME)
    return None


def date_problems(mail: MailMessage) -> list[str]:
    """The warnings of ``judged_date`` among the mail's: worth a line in the import's report (the handler sees
    a time that is not the one the mail states)."""
    return [w for w in mail.warnings if w.startswith(DATE_PROBLEM)]


def mail_party(m: MailMessage, key: str | None = None):
    """What ``desktop.core.mail_roles.mail_roles`` needs from a read mail (``key`` defaults to the path)."""
    from desktop.core.mail_roles import MailParty

    return MailParty(key=key or str(m.path), sender=m.sender_email, sender_name=m.sender_name,
                     recipients=tuple(dict.fromkeys([*m.to, *m.cc])), message_id=m.message_id,
                     in_reply_to=m.in_reply_to, references=tuple(m.references), date=m.date, auto=m.auto)
