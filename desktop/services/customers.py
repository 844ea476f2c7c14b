"""Who the customer is: phone numbers in E.164, e-mail addresses in lower case, names as a last resort.

``resolve_customer`` ties new material to a known customer (``desktop.core.customer_match``: same number, same
address, a known number written in the chat, the same name) or creates one; ``find_customers`` looks customers up
by a phone number in any notation, an address or part of a name; ``merge_customers`` / ``unmerge_customers`` join
two records and take them apart again, exactly, each with an audit event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import phonenumbers

from desktop.core.clock import now_local
from desktop.core.customer_match import match_customer
from desktop.core.errors import NotFound, UsageError
from desktop.core.model import AuditAction
from desktop.core.parties import ChatParties, Roles, name_key
from desktop.core.records import CustomerInfo, CustomerMergeRecord
from desktop.intake.whatsapp_parties import phone_e164
from desktop.services.library import Library
from desktop.store.unit import UnitOfWork

_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-\u00a0\u202f]{6,}$")


def clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    n = unicodedata.normalize("NFC", _BIDI.sub("", name)).replace("\u00a0", " ").replace("\u202f", " ")
    n = n.strip().lstrip("~").strip()
    return n or None


def to_e164(text: str | None, region: str = "NL") -> str | None:
    """A phone number written any way ("+31 6 12345678", "06-12345678") as E.164, or None."""
    t = clean_name(text)
    if not t or not _PHONE_LIKE.match(t):
        return None
    try:
        num = phonenumbers.parse(t, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(num):
        return None
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def find_or_create(uow: UnitOfWork, *, name: str | None = None, phone: str | None = None,
                   email: str | None = None) -> int:
    """The id of the customer with this phone or e-mail (or, lacking both, this exact name); created if new."""
    return uow.customers.find_or_create(name=clean_name(name), phone=phone,
                                        email=email.strip().lower() if email else None, now=now_local())


def resolve_customer(uow: UnitOfWork, *, name: str | None = None, phone: str | None = None,
                     email: str | None = None, phones_seen: Sequence[str] = (),
                     region: str = "NL") -> tuple[int, str]:
    """``(customer id, rule)``: the known customer this material belongs to (rules of
    ``desktop.core.customer_match``), who gains a name, number or address they lacked; else a new customer."""
    name = clean_name(name)
    email = email.strip().lower() if email else None
    cid, rule = match_customer(uow.customers.known(), name=name, phone=phone, email=email, phones_seen=phones_seen)
    if cid is None:
        return uow.customers.create(name=name, phone=phone, email=email, now=now_local()), rule
    current = uow.customers.get(cid)
    named_by_number = bool(current and current.name and current.phone
                           and to_e164(current.name, region) == current.phone)
    better = bool(name) and not to_e164(name, region)  # a saved name replaces a number used as the name
    uow.customers.complete(cid, name=name, phone=phone, email=email, name_is_number=named_by_number and better)
    return cid, rule


def chat_customer(uow: UnitOfWork, roles: Roles, parties: ChatParties, region: str = "NL") -> tuple[int | None, str]:
    """The customer of a chat: a known one by number, a number written in the chat, or name; else new."""
    name = clean_name(roles.customer)
    if name is None:
        return None, "none"
    phone = (parties.partner_phone if roles.rule == "partner" else None) or phone_e164(name, region)
    return resolve_customer(uow, name=name, phone=phone, phones_seen=parties.phones, region=region)


def find_customers(lib: Library, text: str) -> list[CustomerInfo]:
    """Customers whose phone number is ``text`` in any notation (also by its last nine digits), whose e-mail
    address contains it, or whose name contains it (accents and case aside); merged records count for the
    customer they were merged into."""
    with lib.unit() as uow:
        return _find(uow.customers.all(), text, lib.team.default_region)


def _find(customers: list[CustomerInfo], text: str, region: str) -> list[CustomerInfo]:
    text = text.strip()
    if not text:
        raise UsageError("say what to look for: a phone number, an e-mail address or part of a name")
    phone = to_e164(text, region)
    digits = "".join(ch for ch in text if ch.isdigit())
    key = name_key(text)
    plain = _plain(key)
    out = []
    for c in customers:
        phones = [p for p in [c.phone, *c.phones] if p]
        emails = [e.lower() for e in [c.email, *c.emails] if e]
        by_phone = (phone is not None and phone in phones) or (
            len(digits) >= 6 and any(p.lstrip("+").endswith(digits[-9:]) for p in phones))
        by_email = ("@" in text or len(key) >= 3) and any(key in e for e in emails)
        by_name = bool(plain) and plain in _plain(name_key(c.name))
        if by_phone or by_email or by_name:
            out.append(c)
    return out


def _plain(key: str) -> str:
    """Letters without accents, words joined by one space."""
    decomposed = unicodedata.normalize("NFKD", key)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def merge_customers(lib: Library, source_id: int, target_id: int) -> CustomerMergeRecord:
    """Join customer ``source_id`` into ``target_id``: their cases, messages and media become the target's, and
    the source's number and address find the target from now on. Audited (one event per case moved); undo
    with ``unmerge_customers(lib, record)``."""
    if source_id == target_id:
        raise UsageError("a customer cannot be merged into itself")
    with lib.unit(write=True) as uow:
        for cid in (source_id, target_id):
            info = uow.customers.get(cid)
            if info is None:
                raise NotFound(f"no customer {cid}")
            if info.merged_into is not None:
                raise UsageError(f"customer {cid} was already merged into customer {info.merged_into}")
        rec = uow.customers.merge(source_id, target_id)
        for case_id in rec.case_ids or [None]:
            uow.audit.record(AuditAction.CUSTOMER_MERGED, case_id, **rec.to_json())
    return rec


def unmerge_customers(lib: Library, rec: CustomerMergeRecord) -> None:
    """Put back exactly what ``merge_customers`` moved."""
    with lib.unit(write=True) as uow:
        info = uow.customers.get(rec.source_id)
        if info is None or info.merged_into != rec.target_id:
            raise UsageError(f"customer {rec.source_id} is not merged into customer {rec.target_id}")
        uow.customers.unmerge(rec)
        for case_id in rec.case_ids or [None]:
            uow.audit.record(AuditAction.CUSTOMER_MERGE_UNDONE, case_id, **rec.to_json())


def last_merge_of(lib: Library, source_id: int) -> CustomerMergeRecord:
    """The record of the merge that put customer ``source_id`` where it is now (from the audit log)."""
    with lib.unit() as uow:
        info = uow.customers.get(source_id)
        if info is None:
            raise NotFound(f"no customer {source_id}")
        if info.merged_into is None:
            raise UsageError(f"customer {source_id} is not merged into another")
        for event in reversed(uow.audit.events()):
            d = event.detail
            if event.action == AuditAction.CUSTOMER_MERGED and d.get("source_id") == source_id \
                    and d.get("target_id") == info.merged_into:
                return CustomerMergeRecord.from_json(d)
    raise NotFound(f"no record of the merge of customer {source_id} in the audit log")
