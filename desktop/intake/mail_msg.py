"""Read Outlook .msg files (OLE compound files, [MS-OXMSG]) with extract-msg.

Where the .msg carries the original Internet headers (PR_TRANSPORT_MESSAGE_HEADERS), they decide sender, ids and
date, as for an .eml; otherwise the MAPI properties do (PR_SENDER_SMTP_ADDRESS / PR_SENDER_EMAIL_ADDRESS /
PR_SENDER_NAME, PR_INTERNET_MESSAGE_ID, PR_CLIENT_SUBMIT_TIME, then PR_MESSAGE_DELIVERY_TIME). Subject and body
always come from the properties. An embedded message (msg in msg) is opened one level deep like a forwarded .eml;
deeper ones, web links and OLE objects are skipped with a warning.
"""

from __future__ import annotations

import logging
import mimetypes
from datetime import UTC, datetime
from email.parser import Parser
from pathlib import Path
from typing import Any

from desktop.intake.mail import (
    MAX_BODY_CHARS,
    NO_TIME,
    OLE_MAGIC,
    AttachmentSink,
    MailError,
    MailMessage,
    check_size,
    header_record,
    judged_date,
    read_bytes,
)
from desktop.intake.mail_text import (
    clean_text,
    decode_text,
    guarded_policy,
    html_to_text,
    parse_ids,
    referenced_cids,
    tidy_subject,
    valid_email,
)

log = logging.getLogger(__name__)


def _open(path: Path) -> Any:
    """Open with extract-msg, tolerant of broken attachments and RTF; any failure means a damaged file."""
    import extract_msg
    from extract_msg.enums import ErrorBehavior

    tolerant = (ErrorBehavior.ATTACH_SUPPRESS_ALL | ErrorBehavior.RTFDE | ErrorBehavior.STANDARDS_VIOLATION
                | ErrorBehavior.NAMED_NAME_STREAM)
    return extract_msg.openMsg(str(path), strict=False, delayAttachments=True, errorBehavior=tolerant)


def is_outlook_message(path: Path) -> bool:
    """True if ``path`` is an OLE file that extract-msg recognises as a message (it has a message class)."""
    try:
        msg = _open(path)
    except Exception:  # noqa: BLE001 - not an OLE file, or a damaged one
        return False
    try:
        return bool(msg.classType)
    except Exception:  # noqa: BLE001
        return False
    finally:
        _close(msg)


def _close(msg: Any) -> None:
    try:
        msg.close()
    except Exception:  # noqa: BLE001
        log.debug("closing a .msg failed", exc_info=True)


def read_outlook(path: Path, spool: Path | None = None) -> MailMessage:
    """Read an Outlook .msg into a ``MailMessage``; ``MailError`` if it is not one or is damaged. With ``spool``,
    attachments are written there (extract-msg itself reads the whole file into memory)."""
    head = read_bytes(path, 8)
    if not head:
        raise MailError("not an e-mail: the file is empty", str(path))
    if not head.startswith(OLE_MAGIC):
        raise MailError("not an Outlook message: the file is not an OLE compound file", str(path))
    check_size(path)
    try:
        msg = _open(path)
    except Exception as exc:  # noqa: BLE001 - extract-msg/olefile raise many types for broken files
        raise _damaged(path, exc) from exc
    try:
        try:
            kind = msg.classType
        except Exception as exc:  # noqa: BLE001
            raise _damaged(path, exc) from exc
        if not kind:
            raise MailError("not an e-mail: an Office file, but not an Outlook message", str(path))
        warnings: list[str] = []
        record = _message_fields(msg, warnings)
        if spool is not None:
            spool.mkdir(parents=True, exist_ok=True)
        sink = AttachmentSink(warnings, spool)
        forwarded: list[str] = []
        _attachments(msg, sink, warnings, forwarded, nested=False)
        body = "\n\n".join([record.pop("body"), *forwarded]).strip()
        if len(body) > MAX_BODY_CHARS:
            body = body[:MAX_BODY_CHARS]
            warnings.append(f"body text cut at {MAX_BODY_CHARS:,} characters")
        return MailMessage(path=path, body_text=body, attachments=sink.finish(), warnings=warnings, **record)
    finally:
        _close(msg)


DAMAGED = "not a readable Outlook message"


def _damaged(path: Path, exc: BaseException) -> MailError:
    """Why an Outlook file does not open, in words: cut short (shorter than its header, or not whole sectors, or
    olefile's "incomplete OLE sector"), else damaged inside. The library's own words (its exception class and
    terms like "OLE FAT" or "DirEntry") go to the log, not to the handler."""
    log.info("Outlook file %s does not open: %s: %s", path, type(exc).__name__, clean_text(str(exc), 200))
    try:
        size = path.stat().st_size
        head = read_bytes(path, 32)
    except (OSError, MailError):
        size, head = 0, b""
    sector = 1 << int.from_bytes(head[30:32], "little") if len(head) >= 32 else 512
    cut = size < 512 or (sector in (512, 4096) and size % sector != 0) or "incomplete" in str(exc).lower()
    if cut:
        return MailError(f"{DAMAGED}: the file ends early (it was probably cut short)", str(path))
    return MailError(f"{DAMAGED}: the file is damaged (its inner structure cannot be read)", str(path))


def _get(warnings: list[str], what: str, func: Any, *args: Any) -> Any:
    """Call an extract-msg accessor; a failure becomes a warning and None."""
    try:
        return func(*args)
    except Exception as exc:  # noqa: BLE001 - hostile property streams
        log.info("Outlook accessor for %s failed: %s: %s", what, type(exc).__name__, clean_text(str(exc), 200))
        warnings.append(f"{what} could not be read: that part of the Outlook file is damaged")
        return None


_NAMES = {"0037": "the subject", "0C1A": "the sender name", "0042": "the sender name", "1000": "the text body",
          "007D": "the Internet headers", "5D01": "the sender address", "0C1F": "the sender address",
          "5D02": "the sender address", "0065": "the sender address", "1035": "the Message-ID",
          "1042": "the In-Reply-To", "1039": "the References", "3707": "an attachment name",
          "3704": "an attachment name", "3001": "an attachment name", "370E": "an attachment type",
          "3712": "a Content-ID"}


def _string(obj: Any, prop: str, warnings: list[str]) -> str | None:
    """A string property of a message or attachment, Unicode (001F) or 8-bit (001E), decoded with replacement
    so an odd byte count or a wrong code page does not lose the whole value."""
    what = _NAMES.get(prop, f"property {prop}")
    raw = _get(warnings, what, obj.getStream, f"__substg1.0_{prop}001F")
    if isinstance(raw, bytes):
        return raw.decode("utf-16-le", "replace").rstrip("\x00")
    raw = _get(warnings, what, obj.getStream, f"__substg1.0_{prop}001E")
    if not isinstance(raw, bytes):
        return None
    owner = getattr(obj, "msg", obj)
    encoding = _get([], what, lambda: owner.stringEncoding) or "cp1252"
    try:
        return raw.decode(encoding, "replace").rstrip("\x00")
    except LookupError:
        return raw.decode("cp1252", "replace").rstrip("\x00")


def _message_fields(msg: Any, warnings: list[str]) -> dict[str, Any]:
    """Header fields plus ``body`` from one message (top level or embedded)."""
    raw_headers = _string(msg, "007D", warnings)
    policy, guard = guarded_policy()
    if raw_headers:
        raw_headers = raw_headers.removeprefix("Microsoft Mail Internet Headers Version 2.0").lstrip()
        try:
            headers = Parser(policy=policy).parsestr(raw_headers[:1_000_000], headersonly=True)
        except Exception:  # noqa: BLE001
            headers = Parser(policy=policy).parsestr("")
            warnings.append("the Internet headers stored in the Outlook file could not be read")
    else:
        headers = Parser(policy=policy).parsestr("")
    header_warnings: list[str] = []
    record = header_record(headers, header_warnings)
    if raw_headers:  # missing sender/date are judged after the MAPI fallbacks below
        refallback = ("no sender", "no readable Date", "Date header not understood")
        warnings.extend(w for w in guard.warnings + header_warnings
                        if not w.startswith(refallback) and not w.endswith(NO_TIME))
    record["subject"] = tidy_subject(_string(msg, "0037", warnings) or record["subject"])
    if not record["sender_email"]:
        for prop in ("5D01", "0C1F", "5D02", "0065"):
            email = valid_email(_string(msg, prop, warnings) or "")
            if email:
                record["sender_email"] = email
                break
        else:
            warnings.append("no sender e-mail address")
    if not record["sender_name"]:
        record["sender_name"] = clean_text(_string(msg, "0C1A", warnings) or _string(msg, "0042", warnings) or "",
                                           200) or None
    if not record["message_id"]:
        ids = parse_ids(_string(msg, "1035", warnings))
        record["message_id"] = ids[0] if ids else None
    if not record["in_reply_to"]:
        ids = parse_ids(_string(msg, "1042", warnings))
        record["in_reply_to"] = ids[0] if ids else None
    if not record["references"]:
        record["references"] = parse_ids(_string(msg, "1039", warnings))
    if not record["to"]:
        record["to"] = _recipients(msg, warnings)
    if record["date"] is None:
        record["date"] = _mapi_date(msg, warnings)
    record["body"] = _body(msg, warnings)
    return record


def _recipients(msg: Any, warnings: list[str]) -> list[str]:
    out: list[str] = []
    for rec in _get(warnings, "the recipients", lambda: list(getattr(msg, "recipients", []))) or []:
        if int(getattr(rec, "type", 1) or 1) != 1:  # MAPI_TO
            continue
        email = valid_email(_get(warnings, "a recipient", lambda r=rec: r.smtpAddress or r.email or "") or "")
        if email and email not in out:
            out.append(email)
    return out


def _mapi_date(msg: Any, warnings: list[str]) -> datetime | None:
    """The sent time, judged (``judged_date``) with the delivery time as the time the server received it; the
    delivery time when no sent time is stored."""
    times = []
    for prop in ("00390040", "0E060040"):  # PR_CLIENT_SUBMIT_TIME, PR_MESSAGE_DELIVERY_TIME
        value = _get(warnings, "the sent time", msg.getPropertyVal, prop)
        if isinstance(value, datetime) and type(value).__name__ != "NullDate" and 1970 < value.year < 4500:
            times.append(value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC))
    if not times:
        warnings.append("no sent or received time in the Outlook file")
        return None
    return judged_date(times[0], times[1] if len(times) > 1 else None, warnings)


def _body(msg: Any, warnings: list[str]) -> str:
    body = _string(msg, "1000", warnings)
    if not body or not body.strip():  # extract-msg can recover the text from the compressed RTF body
        body = _get(warnings, "the text body", lambda: getattr(msg, "body", None))
    if isinstance(body, bytes):
        body = decode_text(body, None)
    if isinstance(body, str) and body.strip():
        return body.replace("\r\n", "\n").replace("\x00", "").strip()
    html = _get(warnings, "the HTML body", lambda: getattr(msg, "htmlBody", None) or msg.getStream("__substg1.0_10130102"))
    if isinstance(html, bytes):
        return html_to_text(decode_text(html, None))
    return ""


def _attachments(msg: Any, sink: AttachmentSink, warnings: list[str], forwarded: list[str], nested: bool) -> None:
    atts = _get(warnings, "the attachments", lambda: list(msg.attachments)) or []
    html = _get(warnings, "the HTML body", msg.getStream, "__substg1.0_10130102")
    cids = referenced_cids([decode_text(html, None)]) if isinstance(html, bytes) else set()
    for att in atts:
        kind = type(att).__name__
        data = _get(warnings, "an attachment", lambda a=att: a.data)
        if kind == "EmbeddedMsgAttachment" and data is not None:
            if nested:
                warnings.append("an Outlook message inside an attached Outlook message was skipped")
                continue
            _embedded(data, sink, warnings, forwarded)
        elif isinstance(data, bytes):
            name = _string(att, "3707", warnings) or _string(att, "3704", warnings) or _string(att, "3001", warnings)
            mime = (_string(att, "370E", warnings) or (mimetypes.guess_type(name)[0] if name else None)
                    or "application/octet-stream")
            cid = (_string(att, "3712", warnings) or "").strip().strip("<>") or None
            hidden = bool(_get(warnings, "an attachment flag", lambda a=att: a.hidden))
            inline = bool(cid and (cid.lower() in cids or hidden))
            sink.add(name, data, clean_text(mime.lower(), 100), inline, cid)
        else:
            warnings.append(f"an attachment was skipped ({kind.replace('Attachment', '').lower() or 'unknown'} type)")


def _embedded(inner: Any, sink: AttachmentSink, warnings: list[str], forwarded: list[str]) -> None:
    """An attached Outlook message: its text joins the body, its attachments the list (one level)."""
    record = _message_fields(inner, [])
    who = " ".join(x for x in (record["sender_name"], f"<{record['sender_email']}>" if record["sender_email"]
                                else None) if x)
    date = record["date"].isoformat() if record["date"] else ""
    forwarded.append(f"---------- Attached e-mail ----------\nFrom: {who}\nDate: {date}\n"
                     f"Subject: {record['subject']}\n\n{record['body']}")
    _attachments(inner, sink, warnings, forwarded, nested=True)
