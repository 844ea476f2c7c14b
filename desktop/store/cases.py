"""Cases: summaries with their counts and response times, creation, field changes, merge and split moves."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound
from desktop.core.model import CaseKind, CaseStatus, CaseSummary, MediaRole, MessageKind
from desktop.core.records import CaseHandle, MergeRecord
from desktop.core.response import ResponsePolicy
from desktop.store.schema import Alert, Case, Customer, MediaItem, Message, Note, fit

FIELDS = ("title", "kind", "status", "policy_ref", "incident_date", "handler", "answered_at", "closed_at")
_TEXT = {"title": Case.title, "kind": Case.kind, "status": Case.status, "policy_ref": Case.policy_ref,
         "handler": Case.handler}


class CaseStore:
    def __init__(self, session: Session) -> None:
        self._s = session
        self.created: list[int] = []  # ids of the cases this unit of work created

    # finding ------------------------------------------------------------------------------------------------
    def id_of(self, ref: str) -> int:
        cid = self._s.scalar(select(Case.id).where(Case.ref == ref))
        if cid is None:
            raise NotFound(f"no case with reference {ref!r}")
        return cid

    def find(self, ref: str) -> CaseHandle | None:
        cid = self._s.scalar(select(Case.id).where(Case.ref == ref))
        return CaseHandle(cid, ref) if cid is not None else None

    def handle(self, case_id: int) -> CaseHandle:
        case = self._s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no case {case_id}")
        return CaseHandle(case.id, case.ref)

    def newest_open(self, customer_id: int) -> tuple[CaseHandle | None, datetime | None]:
        """The customer's newest open case and the wall-clock time of its last message."""
        case = self._s.scalar(select(Case).where(Case.customer_id == customer_id, Case.status != CaseStatus.CLOSED)
                              .order_by(Case.id.desc()).limit(1))
        if case is None:
            return None, None
        times = self._s.scalars(select(Message.sent_at).where(Message.case_id == case.id)).all()
        return CaseHandle(case.id, case.ref), max((t.replace(tzinfo=None) for t in times if t is not None),
                                                  default=None)

    def set_customer(self, case_ids: list[int], customer_id: int | None) -> None:
        if case_ids:
            self._s.execute(update(Case).where(Case.id.in_(case_ids)).values(customer_id=customer_id))

    def owners(self) -> dict[int, int | None]:
        """Case id -> customer id, for every case."""
        return dict(self._s.execute(select(Case.id, Case.customer_id)).all())

    def pick_rows(self) -> list[tuple]:
        """(ref, title, status, customer id, customer name, phone, e-mail, opened at, last item added at) of
        every case, for a case picker."""
        last = (select(MediaItem.case_id, func.max(MediaItem.added_at).label("last"))
                .group_by(MediaItem.case_id).subquery())
        q = (select(Case.ref, Case.title, Case.status, Case.customer_id, Customer.name, Customer.phone,
                    Customer.email, Case.opened_at, last.c.last)
             .outerjoin(Customer, Case.customer_id == Customer.id).outerjoin(last, last.c.case_id == Case.id)
             .order_by(Case.id))
        return [tuple(r) for r in self._s.execute(q)]

    # reading ------------------------------------------------------------------------------------------------
    def summaries(self, policy: ResponsePolicy, *, case_ids: list[int] | None = None,
                  customer_id: int | None = None, now: datetime | None = None) -> list[CaseSummary]:
        """Cases in id order, with media, set-aside and alert counts and the response times of their messages
        in working time (``policy``; a handler's "answered" mark counts as an answer at that moment)."""
        s = self._s
        q = select(Case, Customer).outerjoin(Customer, Case.customer_id == Customer.id).order_by(Case.id)
        if case_ids is not None:
            q = q.where(Case.id.in_(case_ids))
        if customer_id is not None:
            q = q.where(Case.customer_id == customer_id)
        if case_ids is None:
            q = q.where(Case.erased_at.is_(None))  # erased cases are tombstones: named by reference only
        rows = s.execute(q).all()
        ids = [case.id for case, _ in rows] if case_ids is not None or customer_id is not None else None

        def per_case(column, *where) -> Counter:  # noqa: ANN001
            cq = select(column, func.count()).where(*where).group_by(column)
            if ids is not None:
                cq = cq.where(column.in_(ids))
            return Counter(dict(s.execute(cq).all()))

        is_media = MediaItem.role == MediaRole.MEDIA.value
        media = per_case(MediaItem.case_id, MediaItem.blob_sha256.is_not(None), is_media)
        aside = per_case(MediaItem.case_id, MediaItem.set_aside.is_(True), is_media)
        alerts = per_case(Alert.case_id, Alert.dismissed.is_(False))
        mq = select(Message.case_id, Message.sent_at, Message.from_customer).where(
            Message.kind != MessageKind.SYSTEM)
        if ids is not None:
            mq = mq.where(Message.case_id.in_(ids))
        msgs: dict[int, list] = {}
        for case_id, t, fc in s.execute(mq):
            msgs.setdefault(case_id, []).append((t, fc))
        now = now or datetime.now(UTC)
        out = []
        for case, cust in rows:
            timed = msgs.get(case.id, [])
            if case.answered_at is not None:
                timed = [*timed, (case.answered_at, False)]
            r = policy.measure(timed, now=now, case_open=case.status != CaseStatus.CLOSED)
            original = {policy.calendar.instant(t): t for t, _ in timed if t is not None}

            def shown(t: datetime | None, original: dict = original) -> datetime | None:
                return original.get(t, t) if t is not None else None  # as stored (chat times stay naive)

            wait = r.open_wait
            out.append(CaseSummary(
                id=case.id, ref=case.ref, title=case.title, kind=case.kind, status=case.status,
                customer=(cust.name or cust.phone or cust.email) if cust else None,
                customer_id=case.customer_id, media=media.get(case.id, 0), opened_at=case.opened_at,
                closed_at=case.closed_at, policy_ref=case.policy_ref, incident_date=case.incident_date,
                handler=case.handler, answered_at=case.answered_at, first_message_at=shown(r.first_message_at),
                first_answer_at=shown(r.first_answer_at), first_answer_minutes=r.first_answer_minutes,
                waiting_since=shown(wait.since) if wait else None, due_at=r.due_at,
                set_aside=aside.get(case.id, 0), alerts=alerts.get(case.id, 0),
                overdue=[(shown(w.since), w.minutes or 0.0) for w in r.breaches],
                breaches=[w.to_json() for w in r.breaches],
            ))
        return out

    def summary(self, case_id: int, policy: ResponsePolicy) -> CaseSummary:
        found = self.summaries(policy, case_ids=[case_id])
        if not found:
            raise NotFound(f"no case {case_id}")
        return found[0]

    def fields(self, case_id: int) -> dict[str, object]:
        """The fields of ``FIELDS`` and the customer id of one case."""
        case = self._s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no case {case_id}")
        return {**{k: getattr(case, k) for k in FIELDS}, "customer_id": case.customer_id}

    # writing ------------------------------------------------------------------------------------------------
    def create(self, *, title: str, opened_at: datetime, customer_id: int | None = None,
               kind: str = CaseKind.CLAIM, ref: str | None = None) -> CaseHandle:
        """A new case; without ``ref`` it gets the next number of the year it opens (C-2026-0001, ...)."""
        case = Case(ref=ref or self._next_ref(opened_at.year), title=fit(Case.title, title) or "",
                    kind=str(kind), customer_id=customer_id, opened_at=opened_at)
        self._s.add(case)
        self._s.flush()
        self.created.append(case.id)
        return CaseHandle(case.id, case.ref)

    def _next_ref(self, year: int) -> str:
        prefix = f"C-{year}-"
        refs = self._s.scalars(select(Case.ref).where(Case.ref.like(f"{prefix}%"))).all()
        numbers = [int(r[len(prefix):]) for r in refs if r[len(prefix):].isdigit()]
        return f"{prefix}{(max(numbers) + 1) if numbers else 1:04d}"

    def set_fields(self, case_id: int, values: dict[str, object]) -> None:
        """Change fields named in ``FIELDS``; text is cut to its column."""
        unknown = set(values) - set(FIELDS)
        if unknown:
            raise ValueError(f"not a case field: {sorted(unknown)}")
        case = self._s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no case {case_id}")
        for key, value in values.items():
            if key in _TEXT and isinstance(value, str):
                value = fit(_TEXT[key], value)
            setattr(case, key, value)

    def move_contents(self, source_id: int, target_id: int, source_ref: str, target_ref: str) -> MergeRecord:
        """Media, messages, notes and alerts of one case into another; returns what moved (for an undo)."""
        s = self._s
        case = s.get(Case, source_id)
        assert case is not None
        rec = MergeRecord(
            source_ref, target_ref,
            list(s.scalars(select(MediaItem.id).where(MediaItem.case_id == source_id))),
            list(s.scalars(select(Message.id).where(Message.case_id == source_id))),
            list(s.scalars(select(Note.id).where(Note.case_id == source_id))),
            list(s.scalars(select(Alert.id).where(Alert.case_id == source_id))),
            list(s.scalars(select(Alert.id).where(Alert.other_case_id == source_id))),
            case.title, case.status, case.closed_at,
        )
        for table in (MediaItem, Message, Note):
            s.execute(update(table).where(table.case_id == source_id).values(case_id=target_id))
        s.execute(update(Alert).where(Alert.case_id == source_id).values(case_id=target_id))
        s.execute(update(Alert).where(Alert.other_case_id == source_id).values(other_case_id=target_id))
        return rec

    def move_back(self, rec: MergeRecord, source_id: int) -> None:
        """Put back exactly what ``move_contents`` moved."""
        s = self._s
        for table, ids in ((MediaItem, rec.media_ids), (Message, rec.message_ids), (Note, rec.note_ids)):
            if ids:
                s.execute(update(table).where(table.id.in_(ids)).values(case_id=source_id))
        if rec.alert_ids:
            s.execute(update(Alert).where(Alert.id.in_(rec.alert_ids)).values(case_id=source_id))
        if rec.other_alert_ids:
            s.execute(update(Alert).where(Alert.id.in_(rec.other_alert_ids)).values(other_case_id=source_id))
