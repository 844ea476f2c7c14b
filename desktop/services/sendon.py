"""Sending a case on: e-mail drafts (.eml) the handler opens in their mail client, checks and sends.

``send_case_file`` writes a draft with the PDF case file attached and the case reference in the subject (for the
claims department); ``ask_for_photos`` a short request to the customer's address, in English or Dutch. Both carry
``X-Unsent: 1``, so Outlook, Thunderbird and Apple Mail open them as drafts. Nothing is sent from here.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from desktop.core.errors import UsageError
from desktop.core.labels import label
from desktop.core.model import AuditAction, CaseKind
from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.services.language import preferred_language
from desktop.services.library import Library
from desktop.services.targets import writing

__all__ = ["Draft", "ask_for_photos", "send_case_file"]

_TEXT = {
    "en": {
        "file_subject": "Case file {ref}: {title}",
        "file_body": "Hello,\n\nPlease find attached the case file of {ref} ({title}): {included} of the {received} "
                     "files received are in it.\n\nKind regards,\n{handler}\n",
        "ask_subject": "Your case {ref}: could you send more photos?",
        "ask_body": "Dear {name},\n\nThank you for what you sent us for case {ref} ({title}). To handle your {kind} "
                    "we need a few more photos. Could you send us:\n\n"
                    "- an overview of the damaged area, taken from a few steps back;\n"
                    "- close-ups of the damage;\n"
                    "- the type plate or the receipt of the damaged item, if you have it.\n\n"
                    "You can reply to this e-mail with the photos attached.\n\nKind regards,\n{handler}\n",
        "customer": "customer",
    },
    "nl": {
        "file_subject": "Dossier {ref}: {title}",
        "file_body": "Hallo,\n\nBijgaand het dossier van {ref} ({title}): {included} van de {received} ontvangen "
                     "bestanden staan erin.\n\nMet vriendelijke groet,\n{handler}\n",
        "ask_subject": "Uw dossier {ref}: wilt u ons meer foto's sturen?",
        "ask_body": "Beste {name},\n\nDank u voor wat u ons stuurde voor dossier {ref} ({title}). Om uw {kind} te "
                    "behandelen hebben we nog een paar foto's nodig. Wilt u ons sturen:\n\n"
                    "- een overzichtsfoto van de schade, genomen op een paar passen afstand;\n"
                    "- close-ups van de schade;\n"
                    "- het typeplaatje of de aankoopbon van het beschadigde voorwerp, als u die heeft.\n\n"
                    "U kunt deze e-mail beantwoorden met de foto's als bijlage.\n\nMet vriendelijke groet,\n"
                    "{handler}\n",
        "customer": "klant",
    },
}


@dataclass(frozen=True)
class Draft:
    path: Path
    to: str | None
    subject: str
    attachments: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"file": str(self.path), "to": self.to, "subject": self.subject, "attachments": self.attachments}


def _lang(lib: Library, lang: str | None) -> str:
    chosen = lang or preferred_language(lib)
    if chosen not in _TEXT:
        raise UsageError(f"no e-mail text in {chosen!r}: choose en or nl")
    return chosen


def _write(msg: EmailMessage, out: Path) -> None:
    out = Path(out)
    if not out.name or out.is_dir():
        raise UsageError(f"cannot write the draft to {str(out) or 'an empty name'}: give a file name, e.g. draft.eml")
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: the folder {out.parent} does not exist")
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")

    def write() -> None:
        try:
            tmp.write_bytes(msg.as_bytes(policy=SMTP))  # CRLF line ends, as mail clients expect
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)

    writing(out, "the draft", write)


def _draft(subject: str, to: str | None, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    if to:
        if any(c in to for c in "\r\n\0"):  # a line break would start another header (a Bcc: of someone's)
            raise UsageError(f"not an e-mail address: {to!r} (it holds a line break)")
        msg["To"] = to
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    return msg


def send_case_file(lib: Library, ref: str, out: Path, *, to: str | None = None, lang: str | None = None,
                   progress: Progress = null_progress, cancel: CancelToken | None = None) -> Draft:
    """A draft to ``to`` with the case file of ``ref`` (in ``lang``, default the handler's) attached."""
    from desktop.report.data import ReportOptions
    from desktop.services.cases import get_case
    from desktop.services.exporting import export_case

    lang = _lang(lib, lang)
    case = get_case(lib, ref)
    text = _TEXT[lang]
    with lib.workspace() as scratch:
        pdf = export_case(lib, ref, scratch / f"{ref}.pdf", ReportOptions(lang=lang), progress, cancel)
        data = pdf.read_bytes()
    with lib.unit() as uow:
        included = sum(1 for m in uow.media.infos(case_id=case.id) if m.sha256 and m.included and not m.set_aside)
    subject = text["file_subject"].format(ref=ref, title=case.title)
    msg = _draft(subject, to, text["file_body"].format(ref=ref, title=case.title, included=included,
                                                       received=case.media, handler=lib.handler))
    msg.add_attachment(data, maintype="application", subtype="pdf", filename=f"{ref}.pdf")
    _write(msg, out)
    _audit(lib, case.id, out, "case file", to)
    return Draft(Path(out), to, subject, [f"{ref}.pdf"])


def ask_for_photos(lib: Library, ref: str, out: Path, *, to: str | None = None, lang: str | None = None) -> Draft:
    """A draft to the customer of ``ref`` (or ``to``) asking for more photos."""
    from desktop.services.cases import get_case

    lang = _lang(lib, lang)
    case = get_case(lib, ref)
    with lib.unit() as uow:
        customer = uow.customers.get(case.customer_id) if case.customer_id is not None else None
    address = to or (customer.email if customer else None)
    if not address:
        raise UsageError(f"the customer of {ref} has no e-mail address known: give one with --to")
    text = _TEXT[lang]
    subject = text["ask_subject"].format(ref=ref)
    name = (customer.name if customer else None) or text["customer"]
    kind = label(CaseKind, case.kind, lang).lower()
    msg = _draft(subject, address, text["ask_body"].format(name=name, ref=ref, title=case.title, kind=kind,
                                                           handler=lib.handler))
    _write(msg, out)
    _audit(lib, case.id, out, "ask for photos", address)
    return Draft(Path(out), address, subject)


def _audit(lib: Library, case_id: int, out: Path, what: str, to: str | None) -> None:
    with lib.unit(write=True) as uow:
        uow.audit.record(AuditAction.DRAFT_WRITTEN, case_id, file=str(out), draft=what, to=to)
