"""Customers: found by phone number or e-mail address (or, lacking both, by name), with their cases; merged.

A customer merged into another keeps its row (``merged_into_id``): its phone number and e-mail address still find
the customer it was merged into, and the merge can be undone exactly. Listings leave merged rows out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.core.customer_match import KnownCustomer
from desktop.core.errors import NotFound
from desktop.core.records import CustomerInfo, CustomerMergeRecord
from desktop.store.schema import Case, Customer, MediaItem, Message, fit


class CustomerStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def all(self) -> list[CustomerInfo]:
        return self._infos(select(Customer).where(Customer.merged_into_id.is_(None)).order_by(Customer.id), None)

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
        aliases: dict[int, list[Customer]] = {}
        for alias in self._s.scalars(select(Customer).where(Customer.merged_into_id.is_not(None))
                                     .order_by(Customer.id)):
            aliases.setdefault(alias.merged_into_id or 0, []).append(alias)
        out = []
        for c in self._s.scalars(q):
            merged = aliases.get(c.id, [])
            out.append(CustomerInfo(c.id, c.name, c.phone, c.email, refs.get(c.id, []),
                                    phones=[a.phone for a in merged if a.phone],
                                    emails=[a.email for a in merged if a.email],
                                    merged_into=c.merged_into_id))
        return out

    def known(self) -> list[KnownCustomer]:
        """Every customer for ``desktop.core.customer_match``; a merged row stands for the one it was merged into
        (so its number and address still find that customer)."""
        rows = self._s.execute(select(Customer.id, Customer.name, Customer.phone, Customer.email,
                                      Customer.merged_into_id)).all()
        target = {r.id: r.merged_into_id for r in rows}

        def final(cid: int) -> int:
            seen = set()
            while target.get(cid) is not None and cid not in seen:
                seen.add(cid)
                cid = target[cid]  # type: ignore[assignment]
            return cid

        return [KnownCustomer(final(r.id), r.name, r.phone, r.email) for r in rows]

    def emails(self) -> frozenset[str]:
        """Every customer e-mail address the library knows (merged records included)."""
        return frozenset(e for e in self._s.scalars(select(Customer.email).where(Customer.email.is_not(None))) if e)

    def active(self, customer_id: int) -> int:
        """The customer a (possibly merged) customer id stands for now."""
        seen: set[int] = set()
        while customer_id not in seen:
            seen.add(customer_id)
            nxt = self._s.scalar(select(Customer.merged_into_id).where(Customer.id == customer_id))
            if nxt is None:
                break
            customer_id = nxt
        return customer_id

    def create(self, *, name: str | None, phone: str | None, email: str | None, now: datetime) -> int:
        cust = Customer(name=fit(Customer.name, name), phone=phone, email=fit(Customer.email, email), created_at=now)
        self._s.add(cust)
        self._s.flush()
        return cust.id

    def complete(self, customer_id: int, *, name: str | None, phone: str | None, email: str | None,
                 name_is_number: bool = False) -> None:
        """A known customer gains what was missing: a name where there was none (or only their number, when
        ``name_is_number``), a phone number or an e-mail address nobody else has."""
        cust = self._s.get(Customer, customer_id)
        if cust is None:
            raise NotFound(f"no customer {customer_id}")
        if name and (not cust.name or name_is_number):
            cust.name = fit(Customer.name, name)
        if phone and not cust.phone and self._free(Customer.phone, phone):
            cust.phone = phone
        if email and not cust.email and self._free(Customer.email, email):
            cust.email = fit(Customer.email, email)

    def _free(self, column, value: str) -> bool:  # noqa: ANN001
        return self._s.scalar(select(Customer.id).where(column == value).limit(1)) is None

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
                                                   Customer.email.is_(None), Customer.merged_into_id.is_(None))
                            .limit(1))
        if cust is None:
            return self.create(name=name, phone=phone, email=email, now=now)
        cid = self.active(cust.id)
        self.complete(cid, name=name, phone=phone, email=email, name_is_number=False)
        return cid

    def remove_unused(self, customer_ids: list[int]) -> None:
        """Delete customers nothing refers to any more (made by a change that was undone)."""
        s = self._s
        for cid in customer_ids:
            used = any(s.scalar(select(t.id).where(t.customer_id == cid).limit(1)) is not None
                       for t in (Case, Message, MediaItem)) or s.scalar(
                select(Customer.id).where(Customer.merged_into_id == cid).limit(1)) is not None
            cust = s.get(Customer, cid)
            if cust is not None and not used:
                s.delete(cust)

    # merging ------------------------------------------------------------------------------------------------
    def merge(self, source_id: int, target_id: int) -> CustomerMergeRecord:
        """Everything of ``source_id`` (cases, messages, media items) to ``target_id``; the source row stays,
        marked merged. Returns what moved, for ``unmerge``."""
        s = self._s
        src, dst = s.get(Customer, source_id), s.get(Customer, target_id)
        if src is None or dst is None:
            raise NotFound(f"no customer {source_id if src is None else target_id}")
        rec = CustomerMergeRecord(
            source_id, target_id,
            list(s.scalars(select(Case.id).where(Case.customer_id == source_id).order_by(Case.id))),
            list(s.scalars(select(Message.id).where(Message.customer_id == source_id).order_by(Message.id))),
            list(s.scalars(select(MediaItem.id).where(MediaItem.customer_id == source_id).order_by(MediaItem.id))),
            target_name=dst.name,
        )
        for table, ids in ((Case, rec.case_ids), (Message, rec.message_ids), (MediaItem, rec.media_ids)):
            if ids:
                s.execute(update(table).where(table.id.in_(ids)).values(customer_id=target_id))
        if not dst.name and src.name:
            dst.name = src.name
        src.merged_into_id = target_id
        return rec

    def unmerge(self, rec: CustomerMergeRecord) -> None:
        """Put back exactly what ``merge`` moved."""
        s = self._s
        src, dst = s.get(Customer, rec.source_id), s.get(Customer, rec.target_id)
        if src is None or dst is None:
            raise NotFound(f"no customer {rec.source_id if src is None else rec.target_id}")
        for table, ids in ((Case, rec.case_ids), (Message, rec.message_ids), (MediaItem, rec.media_ids)):
            if ids:
                s.execute(update(table).where(table.id.in_(ids)).values(customer_id=rec.source_id))
        dst.name = rec.target_name
        src.merged_into_id = None
