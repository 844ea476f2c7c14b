"""A customer's data as rows: what an export reads and an erasure deletes (``desktop.core.rights``), and the
tombstones erasures leave.

``erase`` deletes the rows of a scope and everything that only points at them (alerts, duplicate rulings,
originals no remaining item uses, sources no remaining row came from), empties the cases it leaves without
content into tombstones (reference, kind, dates; no title, no customer), and runs ``scrub`` over the free text
that stays (case titles, notes, source paths), so a name typed there goes too. Audit events are scrubbed by
``AuditLog.scrub``; the files of the originals are removed by the caller after the commit.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from desktop.core.model import CaseStatus
from desktop.core.rights import DataScope, ErasureReceipt
from desktop.store.duplicates import DuplicateStore
from desktop.store.response_cache import forget
from desktop.store.schema import (
    Alert,
    Blob,
    Case,
    Customer,
    DupDecision,
    Erasure,
    MediaItem,
    Message,
    Note,
    Source,
)


class ErasureStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    # what is theirs -------------------------------------------------------------------------------------------
    def customer_scope(self, customer_id: int) -> DataScope:
        """The customer's cases, their messages and media anywhere, the unattributed ones in their cases, and
        the notes on their cases."""
        s = self._s
        own = list(s.scalars(select(Case.id).where(Case.customer_id == customer_id, Case.erased_at.is_(None))
                             .order_by(Case.id)))

        def rows(table) -> list[int]:  # noqa: ANN001
            theirs = table.customer_id == customer_id
            loose = (table.customer_id.is_(None)) & table.case_id.in_(own)
            return list(s.scalars(select(table.id).where(or_(theirs, loose)).order_by(table.id)))

        messages, media = rows(Message), rows(MediaItem)
        notes = list(s.scalars(select(Note.id).where(Note.case_id.in_(own)).order_by(Note.id)))
        held = set(s.scalars(select(Message.case_id).where(Message.id.in_(messages))))
        held |= set(s.scalars(select(MediaItem.case_id).where(MediaItem.id.in_(media))))
        return DataScope(own, messages, media, notes, sorted(held - set(own)))

    def case_scope(self, case_ids: list[int]) -> DataScope:
        """Everything in these cases (a retention purge)."""
        s = self._s
        return DataScope(
            list(case_ids),
            list(s.scalars(select(Message.id).where(Message.case_id.in_(case_ids)).order_by(Message.id))),
            list(s.scalars(select(MediaItem.id).where(MediaItem.case_id.in_(case_ids)).order_by(MediaItem.id))),
            list(s.scalars(select(Note.id).where(Note.case_id.in_(case_ids)).order_by(Note.id))),
        )

    def customer_texts(self, scope: DataScope, min_length: int = 12) -> list[str]:
        """The texts of the scope's messages that are long enough to be the customer's own words, not a word
        anyone writes ("OK", "Thanks"): what must not survive elsewhere (audit details, logs)."""
        q = select(Message.text, Message.subject).where(Message.id.in_(scope.message_ids))
        out = []
        for text, subject in self._s.execute(q):
            out += [t for t in (text, subject) if t and len(t.strip()) >= min_length]
        return out

    def senders(self, scope: DataScope) -> set[str]:
        """The names the scope's messages and media were sent under."""
        q1 = select(Message.sender).where(Message.id.in_(scope.message_ids), Message.from_customer.is_(True))
        q2 = select(MediaItem.sender).where(MediaItem.id.in_(scope.media_ids))
        return {x for x in [*self._s.scalars(q1), *self._s.scalars(q2)] if x}

    # erasing --------------------------------------------------------------------------------------------------
    def erase(self, scope: DataScope, *, customer_id: int | None, at: datetime,
              scrub: Callable[[str], str]) -> tuple[Counter[str], list[str], int, bool]:
        """Delete the scope's rows (see the module docstring). Returns the counts, the SHA-256 of the originals
        no item uses any more (their rows are gone; the caller removes the files), how many originals stay
        because other items use them, and whether the customer's row was deleted."""
        s, counts = self._s, Counter[str]()
        media, messages, notes = scope.media_ids, scope.message_ids, scope.note_ids
        shas = set(s.scalars(select(MediaItem.blob_sha256).where(MediaItem.id.in_(media),
                                                                 MediaItem.blob_sha256.is_not(None))))
        sources = set(s.scalars(select(MediaItem.source_id).where(MediaItem.id.in_(media))))
        sources |= set(s.scalars(select(Message.source_id).where(Message.id.in_(messages))))
        counts["alerts"] = s.execute(delete(Alert).where(or_(Alert.media_item_id.in_(media),
                                                             Alert.other_media_item_id.in_(media)))).rowcount
        s.execute(update(MediaItem).where(MediaItem.duplicate_of_id.in_(media))
                  .values(duplicate_of_id=None, duplicate_kind=None, set_aside=False))
        s.execute(update(MediaItem).where(MediaItem.message_id.in_(messages), MediaItem.id.not_in(media))
                  .values(message_id=None))
        s.execute(update(Note).where(Note.media_item_id.in_(media), Note.id.not_in(notes)).values(media_item_id=None))
        counts["notes"] = s.execute(delete(Note).where(Note.id.in_(notes))).rowcount
        counts["media"] = s.execute(delete(MediaItem).where(MediaItem.id.in_(media))).rowcount
        touched = set(scope.case_ids) | set(s.scalars(select(Message.case_id).where(Message.id.in_(messages))))
        forget(s.connection(), sorted(touched))  # the case list's response times: none of an erased message stays
        counts["messages"] = s.execute(delete(Message).where(Message.id.in_(messages))).rowcount
        used = set(s.scalars(select(MediaItem.blob_sha256).where(MediaItem.blob_sha256.in_(shas))))
        gone = sorted(shas - used)
        s.execute(delete(DupDecision).where(or_(DupDecision.sha_a.in_(gone), DupDecision.sha_b.in_(gone))))
        DuplicateStore(s).forget_proofs(gone)  # the engine's kept verdicts of these originals
        s.execute(delete(Blob).where(Blob.sha256.in_(gone)))
        counts["sources"] = self._drop_sources(sources, scrub)
        counts["cases"] = self._empty_cases(scope.case_ids, at, customer_id)
        for case in s.scalars(select(Case).where(Case.title != "")):
            case.title = scrub(case.title)
        for note in s.scalars(select(Note)):
            note.text = scrub(note.text)
        removed = customer_id is not None and self._drop_customer(customer_id)
        return counts, gone, len(shas) - len(gone), removed

    def _drop_sources(self, ids: set[int], scrub: Callable[[str], str]) -> int:
        s, dropped = self._s, 0
        for src in s.scalars(select(Source).where(Source.id.in_(ids))):
            in_use = s.scalar(select(func.count()).select_from(Message).where(Message.source_id == src.id)) or \
                s.scalar(select(func.count()).select_from(MediaItem).where(MediaItem.source_id == src.id))
            if in_use:
                src.path = scrub(src.path)
            else:
                s.delete(src)
                dropped += 1
        return dropped

    def _empty_cases(self, case_ids: list[int], at: datetime, customer_id: int | None) -> int:
        """Cases left without content become tombstones; the others lose this customer."""
        s, emptied = self._s, 0
        for case in s.scalars(select(Case).where(Case.id.in_(case_ids))):
            left = any(s.scalar(select(func.count()).select_from(t).where(t.case_id == case.id))
                       for t in (MediaItem, Message, Note))
            if left:
                if customer_id is not None and case.customer_id == customer_id:
                    case.customer_id = None
                continue
            case.title, case.policy_ref, case.incident_date, case.customer_id = "", None, None, None
            case.hold_reason = case.held_at = case.held_by = None
            case.status, case.closed_at = CaseStatus.CLOSED.value, case.closed_at or at
            case.erased_at = at
            emptied += 1
        return emptied

    def _drop_customer(self, customer_id: int) -> bool:
        """The customer's row, when nothing refers to it any more."""
        s = self._s
        for table in (Case, Message, MediaItem):
            if s.scalar(select(func.count()).select_from(table).where(table.customer_id == customer_id)):
                return False
        return bool(s.execute(delete(Customer).where(Customer.id == customer_id)).rowcount)

    def customer_since(self, customer_id: int) -> datetime | None:
        return self._s.scalar(select(Customer.created_at).where(Customer.id == customer_id))

    def case_refs(self) -> list[str]:
        return list(self._s.scalars(select(Case.ref)))

    # tombstones -----------------------------------------------------------------------------------------------
    def add_tombstone(self, receipt: ErasureReceipt, case_ref: str | None = None) -> None:
        self._s.add(Erasure(customer_id=receipt.customer_id, case_ref=case_ref, erased_at=receipt.erased_at,
                            actor=receipt.by, reason=receipt.reason, basis=receipt.basis,
                            receipt=json.dumps(receipt.to_json(), ensure_ascii=False)))

    def tombstones(self, customer_id: int) -> list[ErasureReceipt]:
        """The receipts of the erasures of this customer (or of cases of theirs), oldest first."""
        q = select(Erasure.receipt).where(Erasure.customer_id == customer_id).order_by(Erasure.id)
        return [ErasureReceipt.from_json(json.loads(r)) for r in self._s.scalars(q)]
