"""Messages of chats and e-mails: the conversation of a case, and the keys that recognise them in re-exports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.core.model import MediaRole, MessageKind
from desktop.core.records import MessageInfo
from desktop.store import tables
from desktop.store.schema import Case, MediaItem, Message, fit
from desktop.store.types import collector_paused, plain_rows

_INSERT = insert(tables.message)
_COLS = tables.message.c  # Core columns: their lengths read without the ORM attribute's lookup (12 us a call)


def _row(*, case_id: int, source_id: int, customer_id: int | None, sent_at: datetime | None, sender: str | None,
         from_customer: bool, kind: str, text: str, match_key: str, subject: str | None = None,
         external_id: str | None = None, address: str | None = None) -> dict:
    """A message's row for ``_INSERT``: names cut to their columns."""
    return dict(case_id=case_id, source_id=source_id, customer_id=customer_id, sent_at=sent_at,
                sender=fit(_COLS.sender, sender), from_customer=from_customer, kind=str(kind), subject=subject,
                text=text, match_key=match_key, external_id=fit(_COLS.external_id, external_id),
                address=fit(_COLS.address, address))


class MessageStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def infos(self, *, case_id: int | None = None, customer_id: int | None = None) -> list[MessageInfo]:
        """Messages in id order with the SHA-256 of the files sent with them (not the .eml they came in).

        Read as the driver's own rows (``plain_rows``), each time written parsed once and shared by the messages
        that carry it, with the cyclic collector paused while they are made: a case of 200,000 messages took
        1.6 s here, most of it in SQLAlchemy's row objects and in collections finding nothing to free."""
        conn = self._s.connection()
        q = (select(Message.id, Case.ref, Message.sent_at, Message.sender, Message.from_customer, Message.kind,
                    Message.subject, Message.text)  # columns, not ORM objects
             .join(Case, Message.case_id == Case.id).order_by(Message.id))
        if case_id is not None:
            q = q.where(Message.case_id == int(case_id))
        if customer_id is not None:
            q = q.where(Message.customer_id == int(customer_id))
        with collector_paused():
            rows = plain_rows(conn, q)
            if not rows:
                return []
            aq = (select(MediaItem.message_id, MediaItem.blob_sha256).join(Message, MediaItem.message_id == Message.id)
                  .where(MediaItem.blob_sha256.is_not(None), MediaItem.role != MediaRole.CONTAINER.value)
                  .order_by(MediaItem.id))
            if case_id is not None:
                aq = aq.where(Message.case_id == case_id)
            if customer_id is not None:
                aq = aq.where(Message.customer_id == customer_id)
            att: dict[int, list[str]] = {}
            for mid, sha in conn.execute(aq):
                att.setdefault(mid, []).append(sha)
            times: dict[str | None, datetime | None] = {None: None, "": None}
            iso, nothing = datetime.fromisoformat, []
            out = []
            add = out.append
            for mid, ref, sent, sender, from_customer, kind, subject, text in rows:
                at = times.get(sent, nothing)
                if at is nothing:
                    at = times[sent] = iso(sent)
                add(MessageInfo(mid, ref, at, sender, bool(from_customer), kind, subject, text, att.get(mid, [])))
            return out

    def texts(self) -> list[tuple[str, str]]:
        """(case reference, searchable text) of every message."""
        q = select(Case.ref, Message.sender, Message.subject, Message.text).join(Case, Message.case_id == Case.id)
        return [(ref, f"{sender or ''} {subject or ''} {text}")
                for ref, sender, subject, text in self._s.execute(q.order_by(Message.id))]

    # an import's lookups ------------------------------------------------------------------------------------
    def keys_of_customer(self, customer_id: int) -> dict[str, tuple[int, int]]:
        """match key -> (message id, case id) of every message of a customer."""
        q = select(Message.match_key, Message.id, Message.case_id).where(Message.customer_id == customer_id)
        return {key: (mid, cid) for key, mid, cid in self._s.execute(q)}

    def by_key(self, match_key: str) -> tuple[int, int] | None:
        """(message id, case id) of the message with this match key."""
        row = self._s.execute(select(Message.id, Message.case_id).where(Message.match_key == match_key)
                              .limit(1)).first()
        return (row[0], row[1]) if row else None

    def case_of_thread(self, external_ids: list[str], customer_id: int | None) -> int | None:
        """The case of this customer's (any customer's, for None) newest message with one of these e-mail
        Message-IDs."""
        q = select(Message.case_id).where(Message.external_id.in_(external_ids))
        if customer_id is not None:
            q = q.where(Message.customer_id == customer_id)
        return self._s.scalar(q.order_by(Message.id.desc()).limit(1))

    def org_addresses(self) -> frozenset[str]:
        """E-mail addresses the library knows as the organisation's: senders of answers."""
        q = select(Message.address).where(Message.address.is_not(None), Message.from_customer.is_(False),
                                          Message.kind == MessageKind.EMAIL).distinct()
        return frozenset(a for a in self._s.scalars(q) if a)

    def add(self, *, case_id: int, source_id: int, customer_id: int | None, sent_at: datetime | None,
            sender: str | None, from_customer: bool, kind: str, text: str, match_key: str,
            subject: str | None = None, external_id: str | None = None, address: str | None = None) -> int:
        # one INSERT, no ORM object: a chat of 35,000 messages took 19 s through the ORM's add-and-flush (and its
        # objects the memory), 1.5 s so
        row = _row(case_id=case_id, source_id=source_id, customer_id=customer_id, sent_at=sent_at, sender=sender,
                   from_customer=from_customer, kind=kind, text=text, match_key=match_key, subject=subject,
                   external_id=external_id, address=address)
        return int(self._s.execute(_INSERT, row).inserted_primary_key[0])  # compiled once, parameters bound

    def add_many(self, rows: list[dict]) -> None:
        """``add`` of many messages (each a dict of ``add``'s arguments) in one executemany: a chat of 200,000
        messages spent 23 s in single INSERTs, most of it in each statement's round through the engine."""
        if rows:
            self._s.execute(_INSERT, [_row(**r) for r in rows])

    def id_of(self, source_id: int, match_key: str) -> int | None:
        """The message an import source added under ``match_key`` (unique within one import)."""
        return self._s.scalar(select(Message.id).where(Message.source_id == source_id, Message.match_key == match_key)
                              .order_by(Message.id.desc()).limit(1))

    # who wrote it: re-decided after a settings change --------------------------------------------------------
    def of_source(self, source_id: int) -> list[tuple[int, str | None, str, bool, int | None, int]]:
        """(id, sender, kind, from_customer, customer id, case id) of the messages an import source added."""
        q = select(Message.id, Message.sender, Message.kind, Message.from_customer, Message.customer_id,
                   Message.case_id).where(Message.source_id == source_id).order_by(Message.id)
        return [tuple(r) for r in self._s.execute(q)]  # type: ignore[misc]

    def set_from_customer(self, message_ids: list[int], value: bool) -> None:
        if message_ids:
            self._s.execute(update(Message).where(Message.id.in_(message_ids)).values(from_customer=value))

    def set_customer(self, message_ids: list[int], customer_id: int | None) -> None:
        if message_ids:
            self._s.execute(update(Message).where(Message.id.in_(message_ids)).values(customer_id=customer_id))

    # splitting ----------------------------------------------------------------------------------------------
    def case_of(self, message_id: int) -> int | None:
        return self._s.scalar(select(Message.case_id).where(Message.id == message_id))

    def times(self, case_id: int) -> list[tuple[int, datetime | None]]:
        """(id, sent at) of the messages of a case."""
        return list(self._s.execute(select(Message.id, Message.sent_at).where(Message.case_id == case_id)
                                    .order_by(Message.id)))

    def move(self, message_ids: list[int], case_id: int) -> None:
        if message_ids:
            self._s.execute(update(Message).where(Message.id.in_(message_ids)).values(case_id=case_id))
