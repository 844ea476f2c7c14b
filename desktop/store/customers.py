"""Customers: found by phone number or e-mail address (or, lacking both, by name), with their cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.records import CustomerInfo
from desktop.store.schema import Case, Customer, fit


class CustomerStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def all(self) -> list[CustomerInfo]:
        return self._infos(select(Customer).order_by(Customer.id), None)

    def get(self, customer_id: int) -> CustomerInfo | None:
        found = self._infos(select(Customer).where(Customer.id == customer_id), customer_id)
        return found[0] if found else None

    def _infos(self, q, customer_id: int | None) -> list[CustomerInfo]:  # noqa: ANN001
        cq = select(Case.customer_id, Case.ref).where(Case.customer_id.is_not(None)).order_by(Case.id)
        if customer_id is not None:
            cq = cq.where(Case.customer_id == customer_id)
        refs: dict[int, list[str]] = {}
        for cid, ref in self._s.execute(cq):
            refs.setdefault(cid, []).append(ref)
        return [CustomerInfo(c.id, c.name, c.phone, c.email, refs.get(c.id, [])) for c in self._s.scalars(q)]

    def find_or_create(self, *, name: str | None, phone: str | None, email: str | None, now: datetime) -> int:
        """The id of the customer with this phone or e-mail (or, lacking both, this exact name); created if new.
        ``name`` must be cleaned and ``email`` lower case already; a known customer gains what was missing."""
        s = self._s
        name, email = fit(Customer.name, name), fit(Customer.email, email)
        cust = None
        if phone:
            cust = s.scalar(select(Customer).where(Customer.phone == phone))
        if cust is None and email:
            cust = s.scalar(select(Customer).where(Customer.email == email))
        if cust is None and name and not phone and not email:
            cust = s.scalar(select(Customer).where(Customer.name == name, Customer.phone.is_(None),
                                                   Customer.email.is_(None)).limit(1))
        if cust is None:
            cust = Customer(name=name, phone=phone, email=email, created_at=now)
            s.add(cust)
            s.flush()
            return cust.id
        if name and (not cust.name or cust.name == cust.phone):
            cust.name = name
        if phone and not cust.phone:
            cust.phone = phone
        if email and not cust.email:
            cust.email = email
        return cust.id
