"""WhatsApp chat exports: the customer, every message, and every attachment on its message.

A later export of the same chat is cumulative: messages already present (same sender, time and text) are
skipped, so only the new part is added. A file named in the chat but absent is recorded as missing media.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.core.grouping import starts_new_case
from desktop.core.model import Problem
from desktop.intake.chat_export import ChatExport, read_chat_export
from desktop.intake.whatsapp import ChatEntry, ChatParseError
from desktop.services.analyse import Analysed
from desktop.services.customers import clean_name, find_or_create, to_e164
from desktop.services.planning import ChatUnit
from desktop.services.writer import ImportWriter, clip
from desktop.settings import Preferences
from desktop.store.schema import Case, MediaItem, Message


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


def read(unit: ChatUnit, lib, problems: list[Problem]) -> ChatPlan | None:
    try:
        export = read_chat_export(unit.chat_file, chat_name=unit.chat_name, default_order=_default_order(lib))
    except ChatParseError as e:
        problems.append(Problem(unit.display, e.message))
        return None
    except (OSError, UnicodeError) as e:
        problems.append(Problem(unit.display, f"chat cannot be read ({e})"))
        return None
    return ChatPlan(unit, export)


def _default_order(lib) -> str:
    return "MDY" if lib.prefs.default_region.upper() in {"US", "PH", "CA"} else "DMY"


def match_key(entry: ChatEntry, occurrence: int = 0) -> str:
    """Identity of a message across exports: sender, time, text, and which identical one it is in the file."""
    raw = f"{clean_name(entry.sender) or ''}|{entry.t.isoformat()}|{entry.text}|{occurrence}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def customer_identity(chat: ChatExport, business: set[str]) -> tuple[str | None, str | None]:
    """(customer name, case title). The chat partner, never the business."""
    senders: list[str] = []
    for e in chat.chat.entries:
        name = clean_name(e.sender)
        if name and e.kind != "system" and name.casefold() not in business and name not in senders:
            senders.append(name)
    chat_name = clean_name(chat.chat.chat_name)
    if chat_name and (chat_name in senders or to_e164(chat_name)) and chat_name.casefold() not in business:
        return chat_name, f"WhatsApp: {chat_name}"
    if senders:
        title = f"WhatsApp: {chat_name}" if chat_name else f"WhatsApp: {senders[0]}"
        return senders[0], title
    return chat_name, f"WhatsApp: {chat_name or 'chat'}"


def write(w: ImportWriter, plan: ChatPlan, analysed: dict[Path, Analysed], prefs: Preferences,
          fixed_case: Case | None) -> None:
    s = w.s
    business = {b.casefold() for b in prefs.business_names}
    name, title = customer_identity(plan.export, business)
    phone = to_e164(name, prefs.default_region)
    customer = find_or_create(s, name=name, phone=phone)
    source = w.source("whatsapp", plan.unit.display, chat_key=f"whatsapp:{customer.id}")
    existing = {m.match_key: m for m in s.scalars(select(Message).where(Message.customer_id == customer.id))}
    gap = timedelta(days=prefs.case_gap_days)
    case, last = w.open_case(customer.id) if fixed_case is None else (fixed_case, None)
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
                case = w.new_case(title, customer.id)
            assert case is not None
            sender = clean_name(entry.sender)
            msg = Message(case_id=case.id, source_id=source.id, customer_id=customer.id, sent_at=entry.t,
                          sender=clip(sender, 300), from_customer=bool(sender) and sender.casefold() not in business
                          and entry.kind != "system", kind=entry.kind, text=entry.text, match_key=key)
            s.add(msg)
            s.flush()
            existing[key] = msg
            w.touched_cases[case.id] = case
        last = entry.t if last is None or entry.t > last else last
        target = s.get(Case, msg.case_id)
        if entry.kind != "attachment" or not entry.file:
            continue
        if id(entry) in linked:
            an = analysed.get(linked[id(entry)])
            if an is None or an.problem:
                continue
            placeholder = s.scalar(select(MediaItem).where(MediaItem.message_id == msg.id,
                                                          MediaItem.blob_sha256.is_(None)))
            if placeholder is not None:
                s.delete(placeholder)
            w.add_media(target, an, entry.file, source=source, received_at=entry.t,
                        sender=clean_name(entry.sender), message=msg, customer_id=customer.id)
        elif id(entry) in missing:
            w.add_missing(target, entry.file, source=source, received_at=entry.t,
                          sender=clean_name(entry.sender), message=msg, customer_id=customer.id)
    for p in plan.unlinked():
        an = analysed.get(p)
        if an is None or an.problem:
            continue
        if case is None:
            case = fixed_case or w.new_case(title, customer.id)
        w.add_media(case, an, p.name, source=source, customer_id=customer.id)

