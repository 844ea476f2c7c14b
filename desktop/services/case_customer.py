"""Giving a case its customer: ``set_case_customer(lib, ref, "12" | "+31 6 1234 5678" | "ann@example.org")``.

The customer is found by id, by phone number in any notation (normalised to E.164 with ``phonenumbers``, in the
team's default region) or by e-mail address (case aside); a customer merged into another stands for that one.
No match, or more than one, is a clear refusal naming what was looked for. The change is one unit of work,
journaled (``casedesk undo`` puts the previous customer back), audited, and adds 1 to the case's version.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import NotFound, UsageError
from desktop.core.model import MAX_ID, AuditAction
from desktop.core.records import CustomerInfo
from desktop.services import journal
from desktop.services.customers import to_e164
from desktop.services.library import Library

__all__ = ["CaseCustomer", "find_customer", "set_case_customer"]


@dataclass(frozen=True)
class CaseCustomer:
    """What ``set_case_customer`` did."""

    ref: str
    customer_id: int
    customer: str  # name, phone or e-mail, whichever the customer has first
    previous_id: int | None
    changed: bool

    def to_json(self) -> dict:
        return {"case": self.ref, "customer_id": self.customer_id, "customer": self.customer,
                "previous_customer_id": self.previous_id, "changed": self.changed}


def _shown(c: CustomerInfo) -> str:
    return c.name or c.phone or c.email or f"customer {c.id}"


def find_customer(customers: list[CustomerInfo], who: str, region: str = "NL") -> CustomerInfo:
    """The one customer ``who`` names (an id, a phone number, an e-mail address)."""
    text = who.strip()
    if not text:
        raise UsageError("name the customer: an id, a phone number or an e-mail address")
    by_id = {c.id: c for c in customers}

    def final(c: CustomerInfo) -> CustomerInfo:
        seen = set()
        while c.merged_into is not None and c.merged_into in by_id and c.id not in seen:
            seen.add(c.id)
            c = by_id[c.merged_into]
        return c

    if text.isdigit() and int(text) in by_id and len(text) < 7:
        return final(by_id[int(text)])
    hits: dict[int, CustomerInfo] = {}
    if "@" in text:
        wanted = text.lower()
        for c in customers:
            if wanted in (e.lower() for e in [c.email, *c.emails] if e):
                hits.setdefault(final(c).id, final(c))
        what = f"the e-mail address {text}"
    else:
        phone = to_e164(text, region)
        if phone is None:
            raise NotFound(f"{text!r} is no customer id, phone number or e-mail address")
        for c in customers:
            if phone in [p for p in [c.phone, *c.phones] if p]:
                hits.setdefault(final(c).id, final(c))
        what = f"the phone number {phone}"
    if not hits:
        raise NotFound(f"no customer has {what} (casedesk customers --find TEXT lists customers)")
    if len(hits) > 1:
        names = ", ".join(f"{c.id} ({_shown(c)})" for c in sorted(hits.values(), key=lambda c: c.id))
        raise UsageError(f"{len(hits)} customers have {what}: {names}; name one by its id")
    return next(iter(hits.values()))


def set_case_customer(lib: Library, ref: str, who: str) -> CaseCustomer:
    """Make the customer ``who`` names the customer of case ``ref``."""
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        customers = uow.customers.all()
        if who.strip().isdigit() and int(who) <= MAX_ID and int(who) not in {c.id for c in customers}:
            merged = uow.customers.get(int(who))  # a customer merged into another stands for that one
            customers += [merged] if merged is not None else []
        customer = find_customer(customers, who, lib.team.default_region)
        before = uow.cases.fields(cid).get("customer_id")
        if before == customer.id:
            return CaseCustomer(ref, customer.id, _shown(customer), before, False)
        with journal.track(uow, "case-customer", case_id=cid, ref=ref, customer=_shown(customer)) as t:
            t.watch("case_", [cid], ["customer_id"])
            uow.cases.set_customer([cid], customer.id)
            version = uow.cases.set_fields(cid, {})
        uow.audit.record(AuditAction.CASE_UPDATED, cid, before={"customer_id": before},
                         after={"customer_id": customer.id}, version=version)
    return CaseCustomer(ref, customer.id, _shown(customer), before, True)
