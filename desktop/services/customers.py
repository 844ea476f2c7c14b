"""Who the customer is: phone numbers in E.164, e-mail addresses in lower case, names as a last resort."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from desktop.core.clock import now_local
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
