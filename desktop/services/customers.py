"""Who the customer is: phone numbers in E.164, e-mail addresses in lower case, names as a last resort."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.writer import now_local
from desktop.store.schema import Customer

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


def find_or_create(
    s: Session, *, name: str | None = None, phone: str | None = None, email: str | None = None
) -> Customer:
    """The customer with this phone or e-mail (or, lacking both, this exact name); created if new."""
    name = clean_name(name)
    name = name[:200] if name else None
    email = email.strip().lower()[:320] if email else None
    cust = None
    if phone:
        cust = s.scalar(select(Customer).where(Customer.phone == phone))
    if cust is None and email:
        cust = s.scalar(select(Customer).where(Customer.email == email))
    if cust is None and name and not phone and not email:
        cust = s.scalar(select(Customer).where(Customer.name == name, Customer.phone.is_(None),
                                               Customer.email.is_(None)).limit(1))
    if cust is None:
        cust = Customer(name=name, phone=phone, email=email, created_at=now_local())
        s.add(cust)
        s.flush()
        return cust
    if name and (not cust.name or cust.name == cust.phone):
        cust.name = name
    if phone and not cust.phone:
        cust.phone = phone
    if email and not cust.email:
        cust.email = email
    return cust
