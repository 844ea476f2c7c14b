"""The case picker of the import dialog: which case should these files go to?

Open cases first, then the most recently active (newest item added, else opened); matching the typed text in the
reference, the title or the customer's name, phone number or e-mail address (case-insensitive, every word). Each
case comes with its customer's other cases, so the picker can offer the customer's history too.
"""

from __future__ import annotations

from desktop.core.capture_time import wall_clock
from desktop.core.model import CaseStatus
from desktop.core.records import PickedCase
from desktop.services.library import Library

__all__ = ["PickedCase", "pick_cases"]


def pick_cases(lib: Library, text: str = "", limit: int = 20) -> list[PickedCase]:
    with lib.unit() as uow:
        rows = uow.cases.pick_rows()
    words = text.casefold().split()
    by_customer: dict[int, list[tuple]] = {}
    found = []
    for row in rows:
        ref, title, status, customer_id, name, phone, email, opened, last = row
        active = wall_clock(max((t for t in (opened, last) if t is not None), key=wall_clock))
        entry = (status == CaseStatus.CLOSED, -active.timestamp(), ref, title, status, customer_id,
                 name or phone or email, active)
        if customer_id is not None:
            by_customer.setdefault(customer_id, []).append(entry)
        haystack = " ".join(str(v) for v in (ref, title, name, phone, email) if v).casefold()
        if all(w in haystack for w in words):
            found.append(entry)
    found.sort()
    out = []
    for _closed, _age, ref, title, status, customer_id, customer, active in found[: max(0, limit)]:
        others = sorted(by_customer.get(customer_id, []), key=lambda e: e[1]) if customer_id is not None else []
        out.append(PickedCase(ref, title, status, customer, customer_id, active,
                              [e[2] for e in others if e[2] != ref]))
    return out
