"""Cases: summaries with their counts and response times, creation, field changes, merge and split moves.

Case numbers come from the team's format (``desktop.core.numbering``) and a counter per scope, advanced in a
statement of its own (PostgreSQL: its own autocommitted connection; SQLite: writers queue anyway), so two desks
creating cases at once never wait for each other nor get the same number; a number someone took by hand is
skipped inside a savepoint, never by rolling back the import. Every field change adds 1 to the case's
``version``; a change made against a version that is no longer current is refused (``set_fields``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, or_, select, union, update
from sqlalchemy import case as sql_case
from sqlalchemy import case as when
from sqlalchemy.exc import IntegrityError

from desktop.core.clock import now_local
from desktop.core.errors import DatabaseError, NotFound
from desktop.core.model import CaseKind, CaseStatus, CaseSummary, MediaRole
from desktop.core.numbering import Scope, scope
from desktop.core.records import CaseHandle, MergeRecord, OpinionInfo
from desktop.core.response import ResponsePolicy
from desktop.store import response_cache, tables
from desktop.store.settings import SettingsStore
from desktop.store.tables import fit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.store.schema import Opinion
    from desktop.store.unit import UnitOfWork

# Core columns: the reads below (the case list above all) need no ORM, so ``casedesk cases`` never imports it
Case = tables.case_.c
Customer = tables.customer.c
MediaItem = tables.media_item.c
Message = tables.message.c
Note = tables.note.c
Alert = tables.alert.c
Opinion_ = tables.opinion.c

FIELDS = ("title", "kind", "status", "policy_ref", "incident_date", "handler", "answered_at", "closed_at")
_TEXT = {"title": Case.title, "kind": Case.kind, "status": Case.status, "policy_ref": Case.policy_ref,
         "handler": Case.handler}


ALLOCATION_TRIES = 1000


_ALERT_ITEM, _OTHER_ITEM = tables.media_item.alias("alert_item"), tables.media_item.alias("other_item")


class CaseStore:
    """Reads run on the unit's connection in SQLAlchemy Core; writes of ORM objects go through its session."""

    def __init__(self, unit: UnitOfWork, actor: str | None = None) -> None:
        self._u = unit
        self.created: list[int] = []  # ids of the cases this unit of work created
        self.actor = actor
        self._floors: dict[str, int] = {}
        # (case id, key, measured) of the response times ``summaries`` had to measure: for ``response_cache.keep``
        self.measured: list[tuple[int, str, str]] = []

    @property
    def _s(self) -> Session:
        return self._u.session

    @property
    def _c(self) -> Connection:
        return self._u.core()

    # finding ------------------------------------------------------------------------------------------------
    def id_of(self, ref: str) -> int:
        cid = self._c.scalar(select(Case.id).where(Case.ref == ref))
        if cid is None:
            raise NotFound(f"no case with reference {ref!r}")
        return cid

    def find(self, ref: str) -> CaseHandle | None:
        cid = self._c.scalar(select(Case.id).where(Case.ref == ref))
        return CaseHandle(cid, ref) if cid is not None else None

    def handle(self, case_id: int) -> CaseHandle:
        row = self._c.execute(select(Case.id, Case.ref).where(Case.id == case_id)).first()
        if row is None:
            raise NotFound(f"no case {case_id}")
        return CaseHandle(row.id, row.ref)

    def newest_open(self, customer_id: int) -> tuple[CaseHandle | None, datetime | None]:
        """The customer's newest open case and the wall-clock time of its last message."""
        case = self._c.execute(select(Case.id, Case.ref).where(Case.customer_id == customer_id,
                                                                Case.status != CaseStatus.CLOSED)
                               .order_by(Case.id.desc()).limit(1)).first()
        if case is None:
            return None, None
        times = self._c.scalars(select(Message.sent_at).where(Message.case_id == case.id))  # read as they come:
        # a case of a long chat holds 357,000 (40 MB as one list)
        return CaseHandle(case.id, case.ref), max((t.replace(tzinfo=None) for t in times if t is not None),
                                                  default=None)

    def set_customer(self, case_ids: list[int], customer_id: int | None) -> None:
        if case_ids:
            orm = _orm()
            self._s.execute(update(orm.Case).where(orm.Case.id.in_(case_ids)).values(customer_id=customer_id))

    def search(self, text: str) -> list[int]:
        """Ids of the cases whose reference, title, customer (name, phone, e-mail), policy number, messages
        (sender, subject, text) or notes contain ``text``, ignoring case; one query, no text loaded."""
        needle = text.strip()
        if not needle:
            return []
        def like(word: str) -> str:
            return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

        conn = self._c
        sqlite = conn.dialect.name == "sqlite"
        # SQLite's LIKE ignores the case of ASCII letters only: other letters are tried in their usual cases
        spellings = sorted({needle, needle.lower(), needle.upper(), needle.capitalize(), needle.title()})

        def has(column):  # noqa: ANN001, ANN202
            if not sqlite:
                return column.ilike(like(needle), escape="\\")
            if needle.isascii():
                return column.like(like(needle), escape="\\")
            return or_(*(column.like(like(w), escape="\\") for w in spellings))

        cases = select(Case.id).outerjoin(tables.customer, Case.customer_id == Customer.id).where(or_(
            has(Case.ref), has(Case.title), has(Case.policy_ref), has(Customer.name), has(Customer.phone),
            has(Customer.email)))
        messages = select(Message.case_id).where(or_(has(Message.text), has(Message.subject), has(Message.sender)))
        notes = select(Note.case_id).where(has(Note.text))
        return sorted(set(conn.scalars(union(cases, messages, notes))))

    def refs(self, case_ids: list[int]) -> list[str]:
        """The references of these cases, in id order."""
        out: list[str] = []
        for start in range(0, len(case_ids), 500):
            out += self._c.scalars(select(Case.ref).where(Case.id.in_(case_ids[start:start + 500]))
                                   .order_by(Case.id)).all()
        return out

    def owners(self, case_ids: list[int] | None = None) -> dict[int, int | None]:
        """Case id -> customer id, for these cases (default: every case)."""
        q = select(Case.id, Case.customer_id)
        if case_ids is None:
            return dict(self._c.execute(q).all())
        out: dict[int, int | None] = {}
        for start in range(0, len(case_ids), 500):
            out.update(self._c.execute(q.where(Case.id.in_(case_ids[start:start + 500]))).all())
        return out

    def pick_rows(self) -> list[tuple]:
        """(ref, title, status, customer id, customer name, phone, e-mail, opened at, last item added at) of
        every case, for a case picker."""
        last = (select(MediaItem.case_id, func.max(MediaItem.added_at).label("last"))
                .group_by(MediaItem.case_id).subquery())
        q = (select(Case.ref, Case.title, Case.status, Case.customer_id, Customer.name, Customer.phone,
                    Customer.email, Case.opened_at, last.c.last)
             .outerjoin(tables.customer, Case.customer_id == Customer.id).outerjoin(last, last.c.case_id == Case.id)
             .order_by(Case.id))
        return [tuple(r) for r in self._c.execute(q)]

    # reading ------------------------------------------------------------------------------------------------
    def summaries(self, policy: ResponsePolicy, *, case_ids: list[int] | None = None,
                  customer_id: int | None = None, handler: str | None = None, open_only: bool = False,
                  now: datetime | None = None) -> list[CaseSummary]:
        """Cases in id order, with media, set-aside and alert counts, the response times of their messages in
        working time (``policy``; a handler's "answered" mark counts as an answer at that moment) and their open
        second-opinion requests. Only cases assigned to ``handler``, when given; ``open_only``: not closed;
        without ``case_ids`` erased cases (tombstones) are left out."""
        conn = self._c  # plain rows, not ORM objects: 10,000 cases load in a few tens of milliseconds
        filters = []
        if case_ids is not None:
            filters.append(Case.id.in_(case_ids))
        else:
            filters.append(Case.erased_at.is_(None))  # erased cases are tombstones: named by reference only
        if customer_id is not None:
            filters.append(Case.customer_id == customer_id)
        if handler is not None:
            filters.append(func.lower(Case.handler) == handler.lower())
        if open_only:
            filters.append(Case.status != CaseStatus.CLOSED)
        q = (select(Case.id, Case.ref, Case.title, Case.kind, Case.status, Case.customer_id, Case.opened_at,
                    Case.closed_at, Case.policy_ref, Case.incident_date, Case.handler, Case.answered_at,
                    Case.version, Case.updated_at, Case.updated_by, Customer.name, Customer.phone, Customer.email)
             .outerjoin(tables.customer, Case.customer_id == Customer.id).where(*filters).order_by(Case.id))
        rows = conn.execute(q).all()
        narrowed = case_ids is not None or customer_id is not None or handler is not None or open_only
        subset = select(Case.id).where(*filters) if narrowed else None

        def only(query, column):  # noqa: ANN001, ANN202
            return query.where(column.in_(subset)) if subset is not None else query

        media: dict[int, int] = {}
        aside: dict[int, int] = {}
        counts = only(select(MediaItem.case_id, func.count(MediaItem.blob_sha256),
                             func.sum(sql_case((MediaItem.set_aside.is_(True), 1), else_=0)))
                      .where(MediaItem.role == MediaRole.MEDIA.value)  # case media only, not containers
                      .group_by(MediaItem.case_id), MediaItem.case_id)
        for case_id, with_original, set_aside in conn.execute(counts):  # one pass (ix_media_case_counts)
            media[case_id], aside[case_id] = with_original, int(set_aside or 0)
        t1, t2 = _ALERT_ITEM, _OTHER_ITEM  # alerts by their items' current cases, never a case's own
        m1, m2 = t1.c, t2.c
        alerts = dict(conn.execute(only(select(m1.case_id, func.count()).select_from(tables.alert)
                                        .join(t1, Alert.media_item_id == m1.id)
                                        .join(t2, Alert.other_media_item_id == m2.id)
                                        .where(Alert.dismissed.is_(False), m1.case_id != m2.case_id)
                                        .group_by(m1.case_id), m1.case_id)).all())
        times = response_cache.message_times(conn, subset)  # one string per case, from ix_message_case_times
        cache = policy.fingerprint != ""  # a policy that cannot say what it depends on: measured every time
        held = response_cache.kept(conn, subset) if cache and times else {}
        opinions: dict[int, list[OpinionInfo]] = {}
        for o in open_opinions(conn, [r.id for r in rows] if narrowed else None):
            opinions.setdefault(o.case_id, []).append(o)
        now = now or datetime.now(UTC)
        measure, decode, key, parse = (response_cache.measure, response_cache.decode, response_cache.key,
                                       response_cache.parse_times)
        open_wait = policy.open_wait
        fresh: list[tuple[int, str, str]] = []
        out = []
        closed = CaseStatus.CLOSED
        for (cid, ref, title, kind, status, customer_id, opened_at, closed_at, policy_ref, incident_date, handler,
             answered_at, version, updated_at, updated_by, name, phone, email) in rows:  # unpacked: no Row lookups
            joined = times.get(cid)
            if joined is None:  # no message with a time: only an answered mark, which answers no one
                m = response_cache.NOTHING
            else:
                k = key(policy, answered_at.isoformat() if answered_at is not None else None, joined) if cache else ""
                found = held.get(cid)
                if found is not None and found[0] == k:
                    m = decode(found[1], policy)
                else:
                    timed = parse(joined)
                    if answered_at is not None:
                        timed.append((answered_at, False))
                    m = measure(policy, timed)
                    text = response_cache.encode(m, policy) if cache else None
                    if text is not None:
                        fresh.append((cid, k, text))
            breaches, overdue = m.breaches, m.overdue
            wait = None if m.unanswered_since is None else \
                open_wait(m.unanswered_since, m.no_answer_yet, now=now, case_open=status != closed)
            if wait is not None and wait.breached:
                breaches, overdue = [*breaches, wait.to_json()], [*overdue, (m.unanswered_shown, wait.minutes or 0.0)]
            out.append(CaseSummary(
                id=cid, ref=ref, title=title, kind=kind, status=status,
                customer=(name or phone or email) if customer_id is not None else None,
                customer_id=customer_id, media=media.get(cid, 0), opened_at=opened_at,
                closed_at=closed_at, policy_ref=policy_ref, incident_date=incident_date,
                handler=handler, answered_at=answered_at, first_message_at=m.first_message_at,
                first_answer_at=m.first_answer_at, first_answer_minutes=m.first_answer_minutes,
                waiting_since=m.unanswered_shown if wait else None, due_at=wait.due_at if wait else None,
                set_aside=aside.get(cid, 0), alerts=alerts.get(cid, 0),
                overdue=list(overdue), breaches=list(breaches),
                version=version, updated_at=updated_at, updated_by=updated_by,
                opinions=opinions.get(cid, []),
            ))
        self.measured = fresh
        return out

    def summary(self, case_id: int, policy: ResponsePolicy) -> CaseSummary:
        found = self.summaries(policy, case_ids=[case_id])
        if not found:
            raise NotFound(f"no case {case_id}")
        return found[0]

    def fields(self, case_id: int) -> dict[str, object]:
        """The fields of ``FIELDS``, the customer id, and the version with who made it and when, as committed
        now (not as this session read them before)."""
        case = self._s.get(_orm().Case, case_id, populate_existing=True)
        if case is None:
            raise NotFound(f"no case {case_id}")
        return {**{k: getattr(case, k) for k in FIELDS}, "customer_id": case.customer_id, "ref": case.ref,
                "version": case.version, "updated_at": case.updated_at, "updated_by": case.updated_by}

    # writing ------------------------------------------------------------------------------------------------
    def create(self, *, title: str, opened_at: datetime, customer_id: int | None = None,
               kind: str = CaseKind.CLAIM, ref: str | None = None) -> CaseHandle:
        """A new case; without ``ref`` it gets the next number of the team's format for the year it opens
        (C-2026-0001, ...). With ``ref``, a case another desk created under that reference a moment ago is
        returned instead of a clash."""
        fields = {"title": fit(Case.title, title) or "", "kind": str(kind), "customer_id": customer_id,
                  "opened_at": opened_at}
        if ref is not None:
            created = self._insert(ref, fields)
            if created is None:
                found = self.find(ref)
                if found is None:
                    raise DatabaseError(f"case {ref} could not be created nor found; try again")
                return found
            return created
        sc = self._scope(opened_at.year)
        for _ in range(ALLOCATION_TRIES):
            created = self._insert(sc.ref(self._next_number(sc)), fields)
            if created is not None:
                return created
            self._floors[sc.key] = self._floor(sc)  # a number taken by hand or by an older desk: skip past it
        raise RuntimeError(f"no free case number in {sc.key} after {ALLOCATION_TRIES} tries")

    def _insert(self, ref: str, fields: dict[str, object]) -> CaseHandle | None:
        """The case under ``ref``, or None when that reference is taken (the savepoint keeps the rest)."""
        try:
            with self._s.begin_nested():
                case = _orm().Case(ref=ref, **fields)
                self._s.add(case)
                self._s.flush()
        except IntegrityError:
            return None
        self.created.append(case.id)
        return CaseHandle(case.id, case.ref)

    def _scope(self, year: int) -> Scope:
        team = SettingsStore(self._u).team()
        return scope(team.case_format, team.case_prefix, year)

    def _floor(self, sc: Scope) -> int:
        """The highest number in use in the scope (as this transaction sees the cases)."""
        refs = self._c.scalars(select(Case.ref).where(Case.ref.startswith(sc.head, autoescape=True))).all()
        return max((n for n in map(sc.number_of, refs) if n is not None), default=0)

    def _next_number(self, sc: Scope) -> int:
        """Advance the scope's counter (at least past ``_floor``) and return the number it hands out."""
        floor = self._floors.get(sc.key)
        if floor is None:
            floor = self._floors[sc.key] = self._floor(sc)
        here = self._c
        stmt = _counter_upsert(here.dialect.name, sc.key, floor)
        if here.dialect.name == "postgresql":  # outside this transaction: no desk waits for it
            with here.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                return int(conn.execute(stmt).scalar_one())
        return int(here.execute(stmt).scalar_one())

    def set_fields(self, case_id: int, values: dict[str, object], *, expected_version: int | None = None,
                   at: datetime | None = None) -> int | None:
        """Change fields named in ``FIELDS`` (text cut to its column) and add 1 to the version; returns the new
        version, or None (nothing changed) when ``expected_version`` is given and no longer the case's."""
        unknown = set(values) - set(FIELDS)
        if unknown:
            raise ValueError(f"not a case field: {sorted(unknown)}")
        Row = _orm().Case
        case = self._s.get(Row, case_id)
        if case is None:
            raise NotFound(f"no case {case_id}")
        fitted = {k: fit(_TEXT[k], v) if k in _TEXT and isinstance(v, str) else v for k, v in values.items()}
        stamp = {"updated_at": at or now_local(), "updated_by": fit(Case.updated_by, self.actor)}
        self._s.flush()
        stmt = update(Row).where(Row.id == case_id)
        if expected_version is None:  # whatever the version now is (a merge, a split)
            stmt = stmt.values(**fitted, **stamp, version=Row.version + 1)
        else:  # compare and set: a save made on a version someone else replaced changes nothing
            stmt = stmt.where(Row.version == expected_version).values(**fitted, **stamp, version=expected_version + 1)
        new = self._s.execute(stmt.returning(Row.version).execution_options(synchronize_session=False)).scalar()
        self._s.expire(case)
        return new

    def move_contents(self, source_id: int, target_id: int, source_ref: str, target_ref: str) -> MergeRecord:
        """Media, messages, notes and alerts of one case into another; returns what moved (for an undo)."""
        s, orm = self._s, _orm()
        MediaItem, Message, Note, Alert = orm.MediaItem, orm.Message, orm.Note, orm.Alert  # noqa: N806
        case = s.get(orm.Case, source_id)
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
        s, orm = self._s, _orm()
        MediaItem, Message, Note, Alert = orm.MediaItem, orm.Message, orm.Note, orm.Alert  # noqa: N806
        for table, ids in ((MediaItem, rec.media_ids), (Message, rec.message_ids), (Note, rec.note_ids)):
            if ids:
                s.execute(update(table).where(table.id.in_(ids)).values(case_id=source_id))
        if rec.alert_ids:
            s.execute(update(Alert).where(Alert.id.in_(rec.alert_ids)).values(case_id=source_id))
        if rec.other_alert_ids:
            s.execute(update(Alert).where(Alert.id.in_(rec.other_alert_ids)).values(other_case_id=source_id))


def _counter_upsert(dialect: str, key: str, floor: int):  # noqa: ANN202 - a dialect's Insert
    CaseCounter = tables.case_counter.c  # noqa: N806
    ins = tables.insert_for(dialect, tables.case_counter).values(scope=key, last=floor + 1)
    bumped = when((CaseCounter.last >= floor, CaseCounter.last + 1), else_=floor + 1)
    return ins.on_conflict_do_update(index_elements=[CaseCounter.scope], set_={"last": bumped}).returning(
        CaseCounter.last)


def open_opinions(conn: Connection, case_ids: list[int] | None) -> list[OpinionInfo]:
    """Unanswered second-opinion requests, oldest first (of these cases, when given)."""
    o = Opinion_
    q = (select(o.id, o.case_id, Case.ref, o.asked_by, o.asked_to, o.question, o.asked_at, o.answer,
                o.answered_by, o.answered_at)
         .join(tables.case_, o.case_id == Case.id).where(o.answered_at.is_(None)).order_by(o.id))
    if case_ids is not None:
        q = q.where(o.case_id.in_(case_ids))
    return [OpinionInfo(*row) for row in conn.execute(q)]


def _orm():  # noqa: ANN202 - the ORM classes, imported by the writes that need them (never by a read)
    from desktop.store import schema

    return schema


def opinion_info(o: Opinion, ref: str) -> OpinionInfo:
    return OpinionInfo(o.id, o.case_id, ref, o.asked_by, o.asked_to, o.question, o.asked_at, o.answer,
                       o.answered_by, o.answered_at)
