"""Read an .eml file (RFC 5322 / MIME) into a ``MailMessage``: the walk over its parts.

The body is the text/plain parts (else the HTML ones as text) plus the text of forwarded e-mails; every other
part is kept as an attachment, and so is every part the stdlib's ``iter_attachments()`` returns (see
``desktop.intake.mail``). Limits and error handling are described there.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

from desktop.core.errors import is_disk_full
from desktop.intake.mail import (
    HEAD_BYTES,
    MAX_ATTACHMENT_BYTES,
    MAX_BODY_CHARS,
    MAX_DEPTH,
    MAX_MULTIPARTS,
    AttachmentSink,
    MailError,
    MailMessage,
    Stored,
    check_size,
    header_record,
    looks_like_rfc822,
    safe_header,
    strip_leading_blank_lines,
)
from desktop.intake.mail_parts import default_name, part_damage
from desktop.intake.mail_spool import Spool
from desktop.intake.mail_text import (
    decode_text,
    guarded_policy,
    html_to_text,
    parse_addresses,
    referenced_cids,
)

_MULTIPART = re.compile(rb"^content-type:[ \t]*(?:multipart/|message/rfc822)", re.IGNORECASE | re.MULTILINE)
_CUT = {"CloseBoundaryNotFoundDefect", "StartBoundaryNotFoundDefect"}
CUT_SHORT = "the e-mail ends inside this part: it was probably cut short"
TEXT_PART_CHARS = 4 * MAX_BODY_CHARS  # a text part's encoded size read back from the spool, at most
MAX_ATTACHMENT_CHARS = 2 * MAX_ATTACHMENT_BYTES  # the same for a rare large part that is not base64


@dataclass
class _Leaf:
    part: Message
    related: bool = False  # inside multipart/related
    origin: str = "attachment"
    in_report: bool = False  # inside multipart/report
    nested: bool = False  # inside a forwarded e-mail


@dataclass
class _Walk:
    warnings: list[str]
    sink: AttachmentSink
    spool: Spool
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    forwarded: list[str] = field(default_factory=list)
    cid_html: list[str] = field(default_factory=list)  # every HTML part, forwarded ones too, for cid: references
    leaves: list[_Leaf] = field(default_factory=list)
    defects: set[str] = field(default_factory=set)
    body_damaged: bool = False  # a text part of the body has broken base64


def parse_eml(path: Path, spool: Path | None = None) -> MailMessage:
    """The e-mail at ``path``; attachments decoded into ``spool`` (or, without one, held in memory)."""
    check_size(path)
    if spool is not None:
        spool.mkdir(parents=True, exist_ok=True)
        return _parse(path, Spool(spool), load=False)
    with tempfile.TemporaryDirectory(prefix="casedesk-mail-") as tmp:
        return _parse(path, Spool(Path(tmp)), load=True)


def _read_reduced(path: Path, spool: Spool) -> bytes:
    """The file with long base64 runs spooled out (``desktop.intake.mail_spool``), checked to be an e-mail."""
    try:
        with path.open("rb") as fh:
            first = strip_leading_blank_lines(fh.read(HEAD_BYTES).removeprefix(b"\xef\xbb\xbf"))
            if not first:
                raise MailError("not an e-mail: the file is empty", str(path))
            if not looks_like_rfc822(first):
                if path.suffix.lower() == ".eml" and re.match(rb"^[!-9;-~]{1,40}:", first) \
                        and b"\n\n" not in first and b"\r\n\r\n" not in first:
                    raise MailError("damaged e-mail: the file ends inside its headers (cut short?)", str(path))
                raise MailError("not an e-mail: no mail headers (From, Date, Subject ...) at the start of the file",
                                str(path))
            return spool.reduce(fh, first)
    except OSError as exc:
        if is_disk_full(exc):  # the spool cannot be written: not this e-mail's fault
            raise
        raise MailError(f"cannot read the e-mail file: {exc.strerror or exc}", str(path)) from exc


def _parse(path: Path, spool: Spool, *, load: bool) -> MailMessage:
    try:
        raw = _read_reduced(path, spool)
        return _parse_reduced(path, raw, spool, load=load)
    finally:
        spool.remove()


def _parse_reduced(path: Path, raw: bytes, spool: Spool, *, load: bool) -> MailMessage:
    if len(_MULTIPART.findall(raw)) > MAX_MULTIPARTS:
        raise MailError(f"e-mail cannot be read safely: more than {MAX_MULTIPARTS} nested MIME parts", str(path))
    policy, guard = guarded_policy()
    try:
        msg = BytesParser(policy=policy).parsebytes(raw)
    except RecursionError as exc:
        raise MailError("damaged e-mail: its parts are nested too deeply", str(path)) from exc
    except ValueError as exc:  # the guard's limits
        raise MailError(f"e-mail cannot be read safely: {exc}", str(path)) from exc
    except Exception as exc:  # noqa: BLE001 - the stdlib parser choking on hostile input
        logging.getLogger(__name__).info("e-mail %s does not parse: %s: %s", path, type(exc).__name__, exc)
        raise MailError("damaged e-mail: its structure cannot be read", str(path)) from exc
    warnings = list(guard.warnings)
    walk = _Walk(warnings, AttachmentSink(warnings, spool.folder), spool)
    _walk(msg, walk, depth=0, nested=False)
    cids = referenced_cids(walk.cid_html)
    taken = [_take_attachment(leaf, cids, walk) for leaf in walk.leaves]
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
    damaged = _damage(msg, walk, [a for a in taken if a is not None])
    if damaged is None and b"\n\n" not in raw and b"\r\n\r\n" not in raw and not raw.endswith(b"\n"):
        damaged = "damaged e-mail: the file ends inside its headers (it was probably cut short)"
    report = msg.get_param("report-type") if msg.get_content_type() == "multipart/report" else None
    return MailMessage(path=path, body_text=body, attachments=walk.sink.finish(load=load), warnings=warnings,
                       cc=parse_addresses(safe_header(msg, "Cc", warnings)), auto=_automatic(msg, report),
                       report_type=str(report).lower() if report else None, damaged=damaged, **headers)


def _damage(msg: Message, walk: _Walk, taken: list) -> str | None:
    """"damaged e-mail: ..." for a file cut short or with broken parts; the last part gets the cut flag."""
    if walk.defects & _CUT or (msg.get_content_maintype() == "multipart" and not msg.is_multipart()):
        if taken and walk.leaves and walk.leaves[-1].part is not None:
            last = taken[-1]
            last.flags.append(CUT_SHORT)
            last.damaged = True
        return "damaged e-mail: it ends before its last part is complete (the file was probably cut short)"
    if any(a.damaged for a in taken):
        return "damaged e-mail: an attachment is badly encoded"
    if walk.body_damaged:
        return "damaged e-mail: its text is badly encoded"
    return None


def _automatic(msg: Message, report: object) -> bool:
    auto = (safe_header(msg, "Auto-Submitted", []) or "").strip().lower()
    return bool(report) or (auto not in ("", "no")) or msg.get("X-Failed-Recipients") is not None \
        or msg.get("X-Autoreply") is not None or (msg.get("Precedence") or "").strip().lower() == "auto_reply"


def _attachment_ids(part: Message) -> set[int]:
    """The parts ``iter_attachments()`` returns for a multipart (ids), or none when the stdlib fails."""
    try:
        return {id(p) for p in part.iter_attachments()}  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - hostile structures
        return set()


def _walk(part: Message, walk: _Walk, depth: int, nested: bool, related: bool = False, listed: bool = False,
          in_report: bool = False) -> None:
    """Sort the parts: body text, attachments to take later, forwarded messages. ``listed``: the parent's
    ``iter_attachments()`` returns this part."""
    if depth > MAX_DEPTH:
        walk.warnings.append(f"parts nested deeper than {MAX_DEPTH} levels were skipped")
        return
    walk.defects.update(type(d).__name__ for d in getattr(part, "defects", []))
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        walk.leaves.append(_Leaf(part, False, "report" if in_report else "forwarded", in_report, nested))
        _forwarded(part, walk, depth, nested)
    elif part.is_multipart():
        if part.get_content_maintype() != "multipart":  # message/delivery-status and other report parts
            walk.leaves.append(_Leaf(part, related, "report", in_report, nested))
            return
        ids = _attachment_ids(part)
        report = in_report or ctype == "multipart/report"
        for sub in part.get_payload():
            if isinstance(sub, Message):
                _walk(sub, walk, depth + 1, nested, related or ctype == "multipart/related", id(sub) in ids, report)
    elif ctype in ("text/plain", "text/html") and not _is_attachment(part):
        text = decode_text(_payload(part, walk), _charset(part))
        if part_damage(part) is not None:
            walk.body_damaged = True
        (walk.plain if ctype == "text/plain" else walk.html).append(text)
        if ctype == "text/html":
            walk.cid_html.append(text)
        if listed and text.strip():  # a second text part the stdlib counts as an attachment: keep it too
            walk.leaves.append(_Leaf(part, related, "body-part", in_report, nested))
    else:
        origin = "report" if in_report and (ctype.startswith("message/") or ctype == "text/rfc822-headers") \
            else "attachment"
        walk.leaves.append(_Leaf(part, related, origin, in_report, nested))


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


def _payload(part: Message, walk: _Walk, limit: int = TEXT_PART_CHARS) -> bytes:
    """The decoded content of a leaf part, in memory (spooled runs put back, at most ``limit`` characters)."""
    raw = getattr(part, "_payload", None)  # the stdlib's undecoded payload
    if walk.spool.holds_tokens(raw):
        assert isinstance(raw, str)
        text, cut = walk.spool.restore(raw, limit)
        if cut:
            walk.warnings.append(f"a {part.get_content_type()} part was cut at {limit:,} characters")
        part.set_payload(text)
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - broken transfer encodings
        walk.warnings.append(f"a {part.get_content_type()} part could not be decoded")
        return b""
    return data if isinstance(data, bytes) else b""


def _inner(part: Message) -> Message | None:
    payload = part.get_payload()
    return payload[0] if isinstance(payload, list) and payload and isinstance(payload[0], Message) else None


def _forwarded(part: Message, walk: _Walk, depth: int, nested: bool) -> None:
    """Open a forwarded e-mail one level deep: its text goes to the body, its parts are taken."""
    inner = _inner(part)
    if inner is None:
        return
    if nested:
        walk.warnings.append("a forwarded e-mail inside a forwarded e-mail is kept as an attachment, not opened")
        return
    sub = _Walk(walk.warnings, walk.sink, walk.spool, leaves=walk.leaves, cid_html=walk.cid_html,
                defects=walk.defects)
    _walk(inner, sub, depth + 1, nested=True)
    headers = header_record(inner, [])
    text = "\n\n".join(t for t in sub.plain if t.strip()) or "\n\n".join(html_to_text(h) for h in sub.html)
    who = " ".join(x for x in (headers["sender_name"], f"<{headers['sender_email']}>" if headers["sender_email"]
                                else None) if x)
    date = headers["date"].isoformat() if headers["date"] else ""
    walk.forwarded.append(f"---------- Attached e-mail ----------\nFrom: {who}\nDate: {date}\n"
                          f"Subject: {headers['subject']}\n\n{text.strip()}")
    walk.forwarded.extend(sub.forwarded)


def _message_bytes(part: Message, walk: _Walk) -> bytes:
    """The content of a message/* part as bytes, written with the compat32 policy so that headers are copied
    as they are, not re-parsed (see ``mail_text.HeaderGuard``): a forwarded e-mail as .eml, the header blocks
    of a delivery report one after the other."""
    payload = part.get_payload()
    if not (isinstance(payload, list) and payload and all(isinstance(p, Message) for p in payload)):
        return _payload(part, walk)
    chunks = []
    for block in payload:
        buf = io.BytesIO()
        try:
            BytesGenerator(buf, mangle_from_=False, policy=compat32.clone(max_line_length=0)).flatten(block)
        except Exception:  # noqa: BLE001 - re-serialising a hostile message
            walk.warnings.append(f"a {part.get_content_type()} part could not be kept whole")
            continue
        chunks.append(buf.getvalue())
    return b"\n".join(chunks)


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename() or part.get_param("name") or None  # type: ignore[return-value]
    except Exception:  # noqa: BLE001
        return None


def _take_attachment(leaf: _Leaf, cids: set[str], walk: _Walk):
    part = leaf.part
    ctype = part.get_content_type()
    cid = safe_header(part, "Content-ID", walk.warnings)
    cid = cid.strip().strip("<>").strip() or None if cid else None
    try:
        disposition = part.get_content_disposition()
    except Exception:  # noqa: BLE001
        disposition = None
    content = _content(part, ctype, walk)
    head = content.head if isinstance(content, Stored) else content
    referenced = bool(cid and cid.lower() in cids)
    inline = disposition == "inline" or referenced or (leaf.related and disposition is None and cid is not None)
    if ctype == "application/ms-tnef":
        walk.warnings.append("winmail.dat (Outlook TNEF) attachment kept as is, not unpacked")
    subject = None
    if ctype == "message/rfc822" and (inner := _inner(part)) is not None:
        subject = safe_header(inner, "Subject", [])
    origin = "in-forwarded" if leaf.nested and leaf.origin == "attachment" else leaf.origin
    damage = part_damage(part)
    number = len(walk.sink.items) + 1
    return walk.sink.add(_filename(part), content, ctype, inline, cid, origin=origin,
                         flags=[damage] if damage else [], damaged=damage is not None,
                         default=default_name(ctype, head, number, subject=subject, in_report=leaf.in_report))


def _content(part: Message, ctype: str, walk: _Walk) -> bytes | Stored:
    """An attachment's content: in memory when small, else decoded from the spool into its file in chunks."""
    if ctype.startswith("message/"):
        data = _message_bytes(part, walk)
        if not walk.spool.holds_tokens(data):
            return data
        path = walk.sink.new_path()
        with path.open("wb") as out:
            size = walk.spool.expand(data, out)
        return Stored(path, size, _head(path))
    raw = getattr(part, "_payload", None)
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    if not walk.spool.holds_tokens(raw) or cte != "base64":
        return _payload(part, walk, limit=MAX_ATTACHMENT_CHARS)
    assert isinstance(raw, str)
    path = walk.sink.new_path()
    with path.open("wb") as out:
        size, head, defects = walk.spool.decode_base64(raw, out)
    for defect in defects:
        part.policy.handle_defect(part, defect)
    return Stored(path, size, head)


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(64)
