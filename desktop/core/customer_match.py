"""Which known customer a new chat or e-mail belongs to.

A chat exported once under the customer's number ("WhatsApp Chat with +31 6 12345678") and later, after the
number was saved, under the name ("WhatsApp Chat with Sanne Jansen") is the same customer when the number
appears in the later export: as a sender in part of it, in a notice ("... changed to +31 6 ..."), or written in a
message. The rules, first match wins (``rule`` names it):

``phone``   the export's partner number, or the customer's number as a sender, is a known customer's number;
``email``   the same e-mail address;
``number-in-chat``  exactly one known customer's number appears among the export's numbers;
``name``    exactly one known customer has the same name and no other number or address that contradicts.
Nothing else matches: a new customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.parties import name_key


@dataclass(frozen=True)
class KnownCustomer:
    id: int
    name: str | None = None
    phone: str | None = None  # E.164
    email: str | None = None  # lower case


def match_customer(known: Sequence[KnownCustomer], *, name: str | None = None, phone: str | None = None,
                   email: str | None = None, phones_seen: Sequence[str] = ()) -> tuple[int | None, str]:
    """``(customer id or None, rule)`` for material from ``name`` / ``phone`` / ``email`` whose text mentions
    ``phones_seen`` (E.164)."""
    if phone:
        for k in known:
            if k.phone == phone:
                return k.id, "phone"
    if email:
        e = email.strip().lower()
        for k in known:
            if k.email and k.email.lower() == e:
                return k.id, "email"
    seen = set(phones_seen)
    hits = [k for k in known if k.phone and k.phone in seen and k.phone != phone]
    if len(hits) == 1:  # also a customer who changed numbers: "+31 6 1... changed to +31 6 2..."
        return hits[0].id, "number-in-chat"
    key = name_key(name)
    if key:
        same = [k for k in known if name_key(k.name) == key and not (phone and k.phone and k.phone != phone)
                and not (email and k.email and k.email.lower() != email.lower())]
        if len(same) == 1:
            return same[0].id, "name"
    return None, "new"

