"""Who wrote what, decided again for everything already imported (after the organisation's settings change).

Every chat import keeps what the export said about its participants with its source (``parties_to_json``), and
every e-mail what decides its role (``party_json``), so nothing has to be read again:

* chats: ``assign_roles`` with the new settings gives every message its ``from_customer``; when it names another
  customer than before (a group in which the first writer turned out to be a colleague), that customer (known or
  new) takes the source's messages and media and the cases the old customer had through them;
* e-mails: ``mail_roles`` over every stored mail gives ``from_customer`` (an answer from an address now known as
  the organisation's). Which case and customer a mail belongs to stays as imported.

``RoleChanges`` lists every value replaced, so ``undo_role_changes`` puts them back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.mail_roles import MailParty, mail_roles
from desktop.core.model import MessageKind, SourceKind
from desktop.core.parties import assign_roles, name_key, parties_from_json
from desktop.core.team import TeamSettings
from desktop.services.customers import chat_customer
from desktop.store.unit import UnitOfWork


@dataclass
class RoleChanges:
    """What a re-evaluation changed: old values, to put back."""

    from_customer: list[tuple[int, bool]] = field(default_factory=list)  # (message id, old value)
    message_customer: list[tuple[int, int | None]] = field(default_factory=list)  # (message id, old customer)
    media_customer: list[tuple[int, int | None]] = field(default_factory=list)
    case_customer: list[tuple[int, int | None]] = field(default_factory=list)
    source_meta: list[tuple[int, dict]] = field(default_factory=list)  # (source id, old meta)
    new_customers: list[int] = field(default_factory=list)  # made by this re-evaluation

    @property
    def messages(self) -> int:
        return len(self.from_customer)

    def to_json(self) -> dict:
        return {"from_customer": self.from_customer, "message_customer": self.message_customer,
                "media_customer": self.media_customer, "case_customer": self.case_customer,
                "source_meta": self.source_meta, "new_customers": self.new_customers}

    @classmethod
    def from_json(cls, d: dict) -> RoleChanges:
        pairs = lambda k: [(int(a), b) for a, b in d.get(k, [])]  # noqa: E731
        return cls(pairs("from_customer"), pairs("message_customer"), pairs("media_customer"),
                   pairs("case_customer"), pairs("source_meta"), [int(i) for i in d.get("new_customers", [])])


def reevaluate_roles(uow: UnitOfWork, team: TeamSettings) -> RoleChanges:
    """Decide again who wrote every stored chat and e-mail message under ``team``; returns what changed."""
    changes = RoleChanges()
    _chats(uow, team, changes)
    _mails(uow, team, changes)
    return changes


def _set_from_customer(uow: UnitOfWork, changes: RoleChanges, wanted: dict[int, bool], current: dict[int, bool]):
    for value in (True, False):
        ids = [mid for mid, fc in wanted.items() if fc == value and current[mid] != value]
        changes.from_customer += [(mid, current[mid]) for mid in ids]
        uow.messages.set_from_customer(ids, value)


def _chats(uow: UnitOfWork, team: TeamSettings, changes: RoleChanges) -> None:
    org = team.org()
    for source_id, meta in uow.imports.sources_with_meta(SourceKind.WHATSAPP):
        if "parties" not in meta:
            continue
        parties = parties_from_json(meta["parties"])
        roles = assign_roles(parties, org)
        rows = uow.messages.of_source(source_id)
        wanted = {mid: kind != MessageKind.SYSTEM and roles.from_customer(sender) for mid, sender, kind, *_ in rows}
        _set_from_customer(uow, changes, wanted, {mid: fc for mid, _s, _k, fc, *_ in rows})
        old = meta.get("customer_id")
        if name_key(roles.customer) == name_key(meta.get("customer_name")) or not roles.customer:
            continue
        known = {k.id for k in uow.customers.known()}
        new, _rule = chat_customer(uow, roles, parties, team.default_region)
        if new is None or new == old:
            continue
        if new not in known:
            changes.new_customers.append(new)
        changes.source_meta.append((source_id, dict(meta)))
        uow.imports.set_meta(source_id, {**meta, "customer_id": new, "customer_name": roles.customer,
                                         "rule": roles.rule})
        mids = [(mid, cust) for mid, _s, _k, _f, cust, _c in rows if cust == old]
        changes.message_customer += mids
        uow.messages.set_customer([m for m, _ in mids], new)
        items = [(i, c) for i, c in uow.media.customers_of_source(source_id) if c == old]
        changes.media_customer += items
        uow.media.set_customer([i for i, _ in items], new)
        owners = uow.cases.owners()
        cases = sorted({case for *_, case in rows if owners.get(case) == old})
        changes.case_customer += [(c, old) for c in cases]
        uow.cases.set_customer(cases, new)


def _mails(uow: UnitOfWork, team: TeamSettings, changes: RoleChanges) -> None:
    stored = [(sid, meta["mail"]) for sid, meta in uow.imports.sources_with_meta(SourceKind.EMAIL) if "mail" in meta]
    if not stored:
        return
    parties = [MailParty(key=str(sid), sender=m.get("sender"), sender_name=m.get("sender_name"),
                         recipients=tuple(m.get("recipients") or ()), message_id=m.get("message_id"),
                         in_reply_to=m.get("in_reply_to"), references=tuple(m.get("references") or ()),
                         date=datetime.fromisoformat(m["date"]) if m.get("date") else None,
                         auto=bool(m.get("auto"))) for sid, m in stored]
    roles = mail_roles(parties, team.org(), known_customers=uow.customers.emails())
    wanted: dict[int, bool] = {}
    current: dict[int, bool] = {}
    for sid, _m in stored:
        role = roles[str(sid)]
        for mid, _sender, kind, fc, *_ in uow.messages.of_source(sid):
            if kind == MessageKind.EMAIL:
                wanted[mid], current[mid] = role.role == "customer", fc
    _set_from_customer(uow, changes, wanted, current)


def undo_role_changes(uow: UnitOfWork, changes: RoleChanges) -> None:
    """Put back every value ``reevaluate_roles`` replaced."""
    for mid, fc in changes.from_customer:
        uow.messages.set_from_customer([mid], fc)
    for mid, cust in changes.message_customer:
        uow.messages.set_customer([mid], cust)
    for iid, cust in changes.media_customer:
        uow.media.set_customer([iid], cust)
    for cid, cust in changes.case_customer:
        uow.cases.set_customer([cid], cust)
    for sid, meta in changes.source_meta:
        uow.imports.set_meta(sid, meta)
    uow.customers.remove_unused(changes.new_customers)
