"""E-mails (.eml, .msg): who wrote each one, which thread and case it belongs to, and every part it carried.

The whole batch is read first and judged together (``desktop.core.mail_roles``): a customer's mail makes or joins
their case; the organisation's reply is an answer in the customer's thread (never a customer of its own); a
delivery report is a system message there. Every attachment is kept as an original, whatever it holds: case
media unless it is a part of a report, a forwarded e-mail (whose contents are opened), a second text part, or an
inline logo, spacer or tracking pixel (``is_case_media``). The ``.eml`` / ``.msg`` file itself is kept as the
message's container. A damaged e-mail is reported as one, and so are its parts that cannot be read.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from desktop.core.errors import LibraryWriteError, is_disk_full
from desktop.core.grouping import starts_new_case
from desktop.core.mail_media import MIN_BYTES, decoration_reason, is_case_media
from desktop.core.mail_roles import MailParty, MailRole, mail_roles
from desktop.core.model import MediaRole, MessageKind, Problem, SourceKind
from desktop.core.records import CaseHandle
from desktop.core.team import TeamSettings
from desktop.intake.mail import (
    OLE_MAGIC,
    MailAttachment,
    MailError,
    MailMessage,
    date_problems,
    mail_party,
    read_mail,
)
from desktop.services.analyse import Analysed
from desktop.services.customers import resolve_customer
from desktop.services.planning import MailUnit
from desktop.services.writer import ImportWriter

log = logging.getLogger(__name__)

NOT_CASE_MEDIA = frozenset({"report", "forwarded", "body-part"})  # kept as originals, not shown as case media


@dataclass
class MailPlan:
    unit: MailUnit
    mail: MailMessage | None  # None when the file cannot be read as an e-mail
    problem: str | None = None
    written: list[tuple[Path, str]] | None = None
    quiet: dict[Path, str] = field(default_factory=dict)  # probe problems of parts that are not case media

    def files(self, scratch: Path) -> list[tuple[Path, str]]:
        """The file itself, then the attachments as scratch files named by position (``read`` decoded them
        there, in chunks): a mail's file names are never paths."""
        if self.written is None:
            self.written = []
            if self.mail is not None:
                folder = spool_folder(scratch, self.unit)
                folder.mkdir(parents=True, exist_ok=True)
                for i, att in enumerate(self.mail.attachments):
                    p = att.path
                    if p is None:
                        p = folder / f"mem-{i:04d}"
                        p.write_bytes(att.data)
                    self.written.append((p, att.filename))
        return [(self.unit.path, self.unit.path.name), *self.written]

    def parts(self) -> list[tuple[MailAttachment, Path, str]]:
        assert self.mail is not None
        return [(att, p, n) for att, (p, n) in zip(self.mail.attachments, self.written or [], strict=True)]

    def explain(self, analysed: dict[Path, Analysed]) -> None:
        """A part of a damaged e-mail that cannot be read is called what it is: cut short, not "not a picture";
        the file itself is kept as it arrived, not probed as media."""
        if (an := analysed.get(self.unit.path)) is not None and an.kept:
            an.problem = None
        if self.mail is None:
            return
        for att, p, name in self.parts():
            an = analysed.get(p)
            if an is None or not an.problem:
                continue
            if att.damaged or self.mail.damaged:
                an.problem = self.mail.damaged or f"damaged e-mail: {name} is cut short"
            elif att.flags:  # the reader saw it first: "name says PDF, content is ZIP"
                an.problem = att.flags[0]
            elif att.origin in NOT_CASE_MEDIA or (att.inline and att.size < MIN_BYTES):
                self.quiet[p] = an.problem  # a report part or an e-mail's decoration: kept, not worth a report
                an.problem = None


def spool_folder(scratch: Path, unit: MailUnit) -> Path:
    return scratch / ("mail-" + hashlib.sha256(str(unit.path).encode()).hexdigest()[:16])


def read(unit: MailUnit, problems: list[Problem], scratch: Path | None = None) -> MailPlan:
    """The e-mail of ``unit``, its attachments decoded into the import's scratch folder (memory stays flat)."""
    try:
        mail = read_mail(unit.path, spool_folder(scratch, unit) if scratch is not None else None)
    except MailError as e:
        problems.append(Problem(unit.display, e.message, kept=True))
        return MailPlan(unit, None, e.message)
    except Exception as e:  # a hostile mail never stops the batch
        if is_disk_full(e):
            raise
        why = _unexpected(unit.path, e, scratch)
        problems.append(Problem(unit.display, why, kept=True))
        return MailPlan(unit, None, why)
    if mail.damaged:
        problems.append(Problem(unit.display, mail.damaged, kept=True))
    problems.extend(Problem(unit.display, why, kept=True) for why in date_problems(mail))  # a date not believed
    return MailPlan(unit, mail)


def _unexpected(path: Path, e: Exception, scratch: Path | None) -> str:
    """Why an e-mail the reader stopped on without saying why cannot be read, in the reader's own words for a
    damaged file; the exception goes to the log. A scratch folder that cannot be written is not the e-mail's
    fault: it stops the import, as any failure to write the library does."""
    log.info("e-mail reader stopped: %s: %s", type(e).__name__, " ".join(str(e).split())[:200], exc_info=True)
    if isinstance(e, OSError):
        where = Path(str(e.filename)) if e.filename else None
        if where is not None and scratch is not None and where.is_relative_to(scratch):
            raise LibraryWriteError(f"the library's scratch folder cannot be written ({e.strerror or e}): "
                                    "nothing was imported") from e
        return f"cannot read the e-mail file: {e.strerror or 'the system refused to read it'}"
    try:
        with path.open("rb") as f:
            outlook = f.read(len(OLE_MAGIC)) == OLE_MAGIC
    except OSError:
        outlook = path.suffix.lower() == ".msg"
    if outlook:
        return "not a readable Outlook message: the file is damaged (its inner structure cannot be read)"
    return "damaged e-mail: its structure cannot be read"


def read_all(units: list[MailUnit], problems: list[Problem], scratch: Path | None = None) -> list[MailPlan]:
    return [read(u, problems, scratch) for u in units]


def message_key(mail: MailMessage) -> str:
    return hashlib.sha256(f"{mail.message_id}|{mail.sender_email}|{mail.date}|{mail.subject}".encode(
        "utf-8", "surrogatepass")).hexdigest()


def party_json(p: MailParty) -> dict:
    """What ``mail_roles`` needs, kept with the mail's source so a settings change can decide again."""
    return {"sender": p.sender, "sender_name": p.sender_name, "recipients": list(p.recipients),
            "message_id": p.message_id, "in_reply_to": p.in_reply_to, "references": list(p.references),
            "date": p.date.isoformat() if p.date else None, "auto": p.auto}


def write_all(w: ImportWriter, plans: list[MailPlan], analysed: dict[Path, Analysed], team: TeamSettings,
              fixed_case: CaseHandle | None) -> None:
    """Every mail of the batch, oldest first, so a thread's first mail makes the case its replies join."""
    readable = [p for p in plans if p.mail is not None]
    parties = {id(p): mail_party(p.mail, key=str(i)) for i, p in enumerate(readable) if p.mail is not None}
    roles = mail_roles(list(parties.values()), team.org(), known_customers=w.uow.customers.emails(),
                       known_org=w.uow.messages.org_addresses())
    order = sorted(readable, key=lambda p: (p.mail is None or p.mail.date is None,
                                            p.mail.date.timestamp() if p.mail and p.mail.date else 0.0))
    for plan in order:
        party = parties[id(plan)]
        write(w, plan, party, roles[party.key], analysed, team, fixed_case)
    for plan in plans:
        if plan.mail is None:
            _write_unreadable(w, plan, analysed, fixed_case)


def write(w: ImportWriter, plan: MailPlan, party: MailParty, role: MailRole, analysed: dict[Path, Analysed],
          team: TeamSettings, fixed_case: CaseHandle | None) -> None:
    uow = w.uow
    mail = plan.mail
    assert mail is not None
    if role.role == "customer":
        customer: int | None = resolve_customer(uow, name=mail.sender_name, email=mail.sender_email)[0]
    elif role.customer:  # an answer or a report about this customer: never a customer of its own
        customer = resolve_customer(uow, email=role.customer)[0]
    else:
        customer = None
    key = message_key(mail)
    found = uow.messages.by_key(key)
    meta = {"mail": party_json(party), "role": role.role, "rule": role.rule, "customer_id": customer}
    source = w.source(SourceKind.EMAIL, plan.unit.display, meta=meta)
    sender = mail.sender_name or mail.sender_email
    if found is None:
        case = fixed_case or _thread_case(w, mail, customer) or _customer_case(w, customer, mail, team)
        if case is None:
            case = w.new_case(mail.subject or f"E-mail from {sender or 'unknown sender'}", customer)
        msg_id = uow.messages.add(
            case_id=case.id, source_id=source, customer_id=customer, sent_at=mail.date, sender=sender,
            from_customer=role.role == "customer",
            kind=MessageKind.SYSTEM if role.role == "system" else MessageKind.EMAIL, subject=mail.subject,
            text=mail.body_text, match_key=key, external_id=mail.message_id, address=mail.sender_email)
        w.touched_cases[case.id] = case
    else:
        msg_id, case_id = found
        case = w.case(case_id)
    common = {"source": source, "received_at": mail.date, "sender": sender, "message_id": msg_id,
              "customer_id": customer}
    an = analysed.get(plan.unit.path)
    if an is not None and an.kept:
        w.add_media(case, an, plan.unit.path.name, role=MediaRole.CONTAINER,
                    flags=[mail.damaged] if mail.damaged else None, **common)
    for att, path, name in plan.parts():
        an = analysed.get(path)
        if an is None or not an.kept:
            continue
        item_role, flags = _part_role(w, att, an)
        if path in plan.quiet:
            flags.append(plan.quiet[path])
        w.add_media(case, an, name, role=item_role, flags=flags, **common)


def _part_role(w: ImportWriter, att: MailAttachment, an: Analysed) -> tuple[MediaRole, list[str]]:
    """Case media or another original of the case, and the flags the part carries."""
    flags = list(att.flags)
    if att.origin in NOT_CASE_MEDIA:
        return MediaRole.ORIGINAL, flags
    assert an.sha256 is not None
    width, height = (an.probe.width, an.probe.height) if an.probe is not None else w.uow.imports.dimensions(
        an.sha256)
    if not is_case_media(inline=att.inline, size=att.size, width=width, height=height,
                         content_type=att.content_type):
        return MediaRole.ORIGINAL, [*flags, decoration_reason(size=att.size, width=width, height=height)]
    return MediaRole.MEDIA, flags


def _write_unreadable(w: ImportWriter, plan: MailPlan, analysed: dict[Path, Analysed],
                      fixed_case: CaseHandle | None) -> None:
    """A file that is not a readable e-mail: kept in a case of its own, the reason as its flag."""
    an = analysed.get(plan.unit.path)
    if an is None or not an.kept or an.sha256 is None:
        return
    name = plan.unit.path.name
    if fixed_case is None and w.media_exists(an.sha256, name, None, None):
        w.report.already_present += 1
        return
    source = w.source(SourceKind.EMAIL, plan.unit.display, meta={"unreadable": plan.problem})
    case = fixed_case or w.new_case(f"E-mail: {name}")
    w.add_media(case, an, name, source=source, role=MediaRole.CONTAINER, flags=[plan.problem or ""])


def _thread_case(w: ImportWriter, mail: MailMessage, customer_id: int | None) -> CaseHandle | None:
    """The case of the thread this mail answers, if it is this customer's: a cited Message-ID of another
    customer's mail must not pull this mail into their case."""
    ids = [i for i in [mail.in_reply_to, *mail.references] if i]
    if not ids:
        return None
    case_id = w.uow.messages.case_of_thread(ids, customer_id)
    return w.case(case_id) if case_id is not None else None


def _customer_case(w: ImportWriter, customer_id: int | None, mail: MailMessage,
                   team: TeamSettings) -> CaseHandle | None:
    if customer_id is None:
        return None
    case, last = w.open_case(customer_id)
    when = mail.date.replace(tzinfo=None) if mail.date else None
    if case is None or starts_new_case(last, when, timedelta(days=team.case_gap_days)):
        return None
    return case
