"""E-mails (.eml, .msg): the sender is the customer, the subject the case title, threads stay together."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from desktop.core.grouping import starts_new_case
from desktop.core.model import MessageKind, Problem, SourceKind
from desktop.core.records import CaseHandle
from desktop.core.team import TeamSettings
from desktop.intake.mail import MailError, MailMessage, read_mail
from desktop.services.analyse import Analysed
from desktop.services.customers import find_or_create
from desktop.services.planning import MailUnit
from desktop.services.writer import ImportWriter


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


def write(w: ImportWriter, plan: MailPlan, analysed: dict[Path, Analysed], team: TeamSettings,
          fixed_case: CaseHandle | None) -> None:
    uow = w.uow
    mail = plan.mail
    customer = find_or_create(uow, name=mail.sender_name, email=mail.sender_email)
    key = hashlib.sha256(f"{mail.message_id}|{mail.sender_email}|{mail.date}|{mail.subject}".encode(
        "utf-8", "surrogatepass")).hexdigest()
    found = uow.messages.by_key(key)
    source = w.source(SourceKind.EMAIL, plan.unit.display)
    if found is None:
        case = fixed_case or _thread_case(w, mail, customer) or _customer_case(w, customer, mail, team)
        if case is None:
            case = w.new_case(mail.subject or f"E-mail from {mail.sender_name or mail.sender_email}", customer)
        msg_id = uow.messages.add(
            case_id=case.id, source_id=source, customer_id=customer, sent_at=mail.date,
            sender=mail.sender_name or mail.sender_email, from_customer=True, kind=MessageKind.EMAIL,
            subject=mail.subject, text=mail.body_text, match_key=key, external_id=mail.message_id)
        w.touched_cases[case.id] = case
    else:
        msg_id, case_id = found
        case = w.case(case_id)
    for path, name in plan.written or []:
        an = analysed.get(path)
        if an is None or an.problem:
            continue
        w.add_media(case, an, name, source=source, received_at=mail.date,
                    sender=mail.sender_name or mail.sender_email, message_id=msg_id, customer_id=customer)


def _thread_case(w: ImportWriter, mail: MailMessage, customer_id: int) -> CaseHandle | None:
    """The case of the thread this mail answers, if it is this customer's: a cited Message-ID of another
    customer's mail must not pull this mail into their case."""
    ids = [i for i in [mail.in_reply_to, *mail.references] if i]
    if not ids:
        return None
    case_id = w.uow.messages.case_of_thread(ids, customer_id)
    return w.case(case_id) if case_id is not None else None


def _customer_case(w: ImportWriter, customer_id: int, mail: MailMessage, team: TeamSettings) -> CaseHandle | None:
    case, last = w.open_case(customer_id)
    when = mail.date.replace(tzinfo=None) if mail.date else None
    if case is None or starts_new_case(last, when, timedelta(days=team.case_gap_days)):
        return None
    return case
