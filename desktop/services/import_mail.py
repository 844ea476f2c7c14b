"""E-mails (.eml, .msg): the sender is the customer, the subject the case title, threads stay together."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.core.grouping import starts_new_case
from desktop.core.model import Problem
from desktop.intake.mail import MailError, MailMessage, read_mail
from desktop.services.analyse import Analysed
from desktop.services.customers import find_or_create
from desktop.services.planning import MailUnit
from desktop.services.writer import ImportWriter, clip
from desktop.settings import Preferences
from desktop.store.schema import Case, Message


@dataclass
class MailPlan:
    unit: MailUnit
    mail: MailMessage
    written: list[tuple[Path, str]] | None = None

    def files(self, scratch: Path) -> list[tuple[Path, str]]:
        """Attachments written to scratch files named by position: a mail's file names are never paths."""
        if self.written is None:
            folder = scratch / ("mail-" + hashlib.sha256(str(self.unit.path).encode()).hexdigest()[:16])
            folder.mkdir(parents=True, exist_ok=True)
            self.written = []
            for i, att in enumerate(self.mail.attachments):
                p = folder / f"att-{i:04d}"
                p.write_bytes(att.data)
                self.written.append((p, att.filename))
        return self.written


def read(unit: MailUnit, problems: list[Problem]) -> MailPlan | None:
    try:
        return MailPlan(unit, read_mail(unit.path))
    except MailError as e:
        problems.append(Problem(unit.display, e.message))
    except Exception as e:  # a hostile mail never stops the batch
        problems.append(Problem(unit.display, f"e-mail cannot be read ({type(e).__name__})"))
    return None


def write(w: ImportWriter, plan: MailPlan, analysed: dict[Path, Analysed], prefs: Preferences,
          fixed_case: Case | None) -> None:
    s = w.s
    mail = plan.mail
    customer = find_or_create(s, name=mail.sender_name, email=mail.sender_email)
    key = hashlib.sha256(f"{mail.message_id}|{mail.sender_email}|{mail.date}|{mail.subject}".encode(
        "utf-8", "surrogatepass")).hexdigest()
    msg = s.scalar(select(Message).where(Message.match_key == key))
    if msg is None:
        case = fixed_case or _thread_case(s, mail, customer.id) or _customer_case(w, customer.id, mail, prefs)
        if case is None:
            case = w.new_case(mail.subject or f"E-mail from {mail.sender_name or mail.sender_email}", customer.id)
        source = w.source("email", plan.unit.display)
        msg = Message(case_id=case.id, source_id=source.id, customer_id=customer.id, sent_at=mail.date,
                      sender=clip(mail.sender_name or mail.sender_email, 300), from_customer=True, kind="email",
                      subject=mail.subject, text=mail.body_text, match_key=key,
                      external_id=clip(mail.message_id, 500))
        s.add(msg)
        s.flush()
        w.touched_cases[case.id] = case
    else:
        source = w.source("email", plan.unit.display)
    case = s.get(Case, msg.case_id)
    for path, name in plan.written or []:
        an = analysed.get(path)
        if an is None or an.problem:
            continue
        w.add_media(case, an, name, source=source, received_at=mail.date,
                    sender=mail.sender_name or mail.sender_email, message=msg, customer_id=customer.id)


def _thread_case(s, mail: MailMessage, customer_id: int) -> Case | None:
    """The case of the thread this mail answers, if it is this customer's: a cited Message-ID of another
    customer's mail must not pull this mail into their case."""
    ids = [i for i in [mail.in_reply_to, *mail.references] if i]
    if not ids:
        return None
    msg = s.scalar(select(Message).where(Message.external_id.in_(ids), Message.customer_id == customer_id)
                   .order_by(Message.id.desc()).limit(1))
    return s.get(Case, msg.case_id) if msg else None


def _customer_case(w: ImportWriter, customer_id: int, mail: MailMessage, prefs: Preferences) -> Case | None:
    case, last = w.open_case(customer_id)
    when = mail.date.replace(tzinfo=None) if mail.date else None
    if case is None or starts_new_case(last, when, timedelta(days=prefs.case_gap_days)):
        return None
    return case
