"""WhatsApp chat exports: the customer, every message, and every attachment on its message.

A later export of the same chat is cumulative: messages already present (same sender, time and text) are
skipped, so only the new part is added. A file named in the chat but absent is recorded as missing media.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from desktop.core.grouping import starts_new_case
from desktop.core.model import MessageKind, Problem, SourceKind
from desktop.core.records import CaseHandle
from desktop.core.team import TeamSettings
from desktop.intake.chat_export import ChatExport, read_chat_export
from desktop.intake.whatsapp import ChatEntry, ChatParseError
from desktop.services.analyse import Analysed
from desktop.services.customers import clean_name, find_or_create, to_e164
from desktop.services.planning import ChatUnit
from desktop.services.writer import ImportWriter


@dataclass
class ChatPlan:
    unit: ChatUnit
    export: ChatExport

    def unlinked(self) -> list[Path]:
        """Files the chat never names: part of the export only when a whole export (ZIP, folder) was given."""
        return self.export.unlinked if self.unit.whole_export else []

    def files(self) -> list[tuple[Path, str]]:
        out = [(path, entry.file or path.name) for entry, path in self.export.linked]
        out += [(p, p.name) for p in self.unlinked()]
        return out


def read(unit: ChatUnit, team: TeamSettings, problems: list[Problem]) -> ChatPlan | None:
    try:
        export = read_chat_export(unit.chat_file, chat_name=unit.chat_name, default_order=_default_order(team))
    except ChatParseError as e:
        problems.append(Problem(unit.display, e.message))
        return None
    except (OSError, UnicodeError) as e:
        problems.append(Problem(unit.display, f"chat cannot be read ({e})"))
        return None
    return ChatPlan(unit, export)


def _default_order(team: TeamSettings) -> str:
    return "MDY" if team.default_region.upper() in {"US", "PH", "CA"} else "DMY"


def match_key(entry: ChatEntry, occurrence: int = 0) -> str:
    """Identity of a message across exports: sender, time, text, and which identical one it is in the file."""
    raw = f"{clean_name(entry.sender) or ''}|{entry.t.isoformat()}|{entry.text}|{occurrence}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def customer_identity(chat: ChatExport, business: set[str]) -> tuple[str | None, str | None]:
    """(customer name, case title). The chat partner, never the business."""
    senders: list[str] = []
    for e in chat.chat.entries:
        name = clean_name(e.sender)
        if name and e.kind != MessageKind.SYSTEM and name.casefold() not in business and name not in senders:
            senders.append(name)
    chat_name = clean_name(chat.chat.chat_name)
    if chat_name and (chat_name in senders or to_e164(chat_name)) and chat_name.casefold() not in business:
        return chat_name, f"WhatsApp: {chat_name}"
    if senders:
        title = f"WhatsApp: {chat_name}" if chat_name else f"WhatsApp: {senders[0]}"
        return senders[0], title
    return chat_name, f"WhatsApp: {chat_name or 'chat'}"


def write(w: ImportWriter, plan: ChatPlan, analysed: dict[Path, Analysed], team: TeamSettings,
          fixed_case: CaseHandle | None) -> None:
    uow = w.uow
    business = {b.casefold() for b in team.business_names}
    name, title = customer_identity(plan.export, business)
    phone = to_e164(name, team.default_region)
    customer = find_or_create(uow, name=name, phone=phone)
    source = w.source(SourceKind.WHATSAPP, plan.unit.display, chat_key=f"whatsapp:{customer}")
    existing = uow.messages.keys_of_customer(customer)  # match key -> (message id, case id)
    gap = timedelta(days=team.case_gap_days)
    case, last = w.open_case(customer) if fixed_case is None else (fixed_case, None)
    linked = {id(e): p for e, p in plan.export.linked}
    missing = {id(e) for e in plan.export.missing}
    seen: dict[tuple, int] = {}
    for entry in plan.export.chat.entries:
        ident = (clean_name(entry.sender), entry.t, entry.text)
        seen[ident] = seen.get(ident, -1) + 1
        key = match_key(entry, seen[ident])
        msg = existing.get(key)
        if msg is None:
            if fixed_case is None and (case is None or starts_new_case(last, entry.t, gap)):
                case = w.new_case(title, customer)
            assert case is not None
            sender = clean_name(entry.sender)
            msg_id = uow.messages.add(
                case_id=case.id, source_id=source, customer_id=customer, sent_at=entry.t, sender=sender,
                from_customer=bool(sender) and sender.casefold() not in business and entry.kind != MessageKind.SYSTEM,
                kind=entry.kind, text=entry.text, match_key=key)
            msg = existing[key] = (msg_id, case.id)
            w.touched_cases[case.id] = case
        last = entry.t if last is None or entry.t > last else last
        msg_id, msg_case = msg
        if entry.kind != MessageKind.ATTACHMENT or not entry.file:
            continue
        target = w.case(msg_case)
        if id(entry) in linked:
            an = analysed.get(linked[id(entry)])
            if an is None or an.problem:
                continue
            uow.imports.drop_missing(msg_id)
            w.add_media(target, an, entry.file, source=source, received_at=entry.t,
                        sender=clean_name(entry.sender), message_id=msg_id, customer_id=customer)
        elif id(entry) in missing:
            w.add_missing(target, entry.file, source=source, received_at=entry.t,
                          sender=clean_name(entry.sender), message_id=msg_id, customer_id=customer)
    for p in plan.unlinked():
        an = analysed.get(p)
        if an is None or an.problem:
            continue
        if case is None:
            case = fixed_case or w.new_case(title, customer)
        w.add_media(case, an, p.name, source=source, customer_id=customer)
