"""The case list's response times, measured once per case and kept in ``case_response`` until what they were
measured from changes.

What the list shows of a case's response times is ``Measured`` (the part that does not depend on ``now``: first
message and answer, the answered waits that broke the norm, the customer message still unanswered) plus the wait
open at ``now``, which the list adds at every read (``ResponsePolicy.open_wait``: a few cases, cheap).

A kept row is valid by construction, not by invalidation: its ``key`` is a digest of everything ``Measured`` is
computed from, which the list reads in one aggregate query (``message_times``: per case, the time and side of
every message that counts, as one string, from the covering index ``ix_message_case_times``); the case's
answered mark; the policy's ``fingerprint`` (settings, holiday and zone data, the measuring code); and this
module's source. A row whose key differs from the digest of today's inputs is simply not used: the case is
measured again from that same string (``measure``), so what is kept is always a function of what its key
digests. Nothing has to remember to invalidate: a message inserted, deleted, moved, given another side, an
undo, a merge, an erasure, a settings change all change the digest. (An erasure deletes the rows of its cases as
well, so no time of an erased message stays behind: ``forget``.)

Rows are written after the list's read, in a short transaction of their own that waits at most a moment for
another desk's write lock (``keep``); a lost write (busy, a read-only database) costs a measurement next time.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, String, delete, func, select, type_coerce
from sqlalchemy import case as sql_case
from sqlalchemy.exc import SQLAlchemyError

from desktop.core.model import MessageKind
from desktop.core.response import ResponsePolicy
from desktop.store import tables

log = logging.getLogger(__name__)

Message = tables.message.c
Cached = tables.case_response.c
CHUNK = 500
BUSY_TIMEOUT_MS = 30_000  # the engine's own (``db.make_engine``), put back after a short wait


@dataclass(frozen=True)
class Measured:
    """A case's response times as the list shows them, without the wait open at ``now``. Times are shown as
    stored (a chat's naive time, an e-mail's own offset), except ``unanswered_since`` (the calendar's zone)."""

    first_message_at: datetime | None = None
    first_answer_at: datetime | None = None
    first_answer_minutes: float | None = None
    breaches: list[dict] = field(default_factory=list)  # answered waits over the norm (``Wait.to_json``)
    overdue: list[tuple[datetime, float]] = field(default_factory=list)  # their (message shown, minutes)
    unanswered_since: datetime | None = None  # the last customer message left unanswered (calendar zone)
    unanswered_shown: datetime | None = None  # the same as stored
    no_answer_yet: bool = True


NOTHING = Measured()  # a case without customer messages: nothing to measure


def measure(policy: ResponsePolicy, timed: list[tuple[datetime | None, bool]]) -> Measured:
    """``Measured`` of messages ``(sent_at, from_customer)`` (the answered mark included) under ``policy``."""
    r = policy.settle(timed)
    instant = policy.calendar.instant
    # shown as stored: a naive time (a chat's) is its instant without the zone; only an aware one (an e-mail's,
    # with its own offset) is looked up
    original = {instant(t): t for t, _ in timed if t is not None and t.tzinfo is not None}

    def shown(t: datetime | None) -> datetime | None:
        if t is None:
            return None
        return (original.get(t) if original else None) or t.replace(tzinfo=None)

    late = r.breaches
    return Measured(shown(r.first_message_at), shown(r.first_answer_at), r.first_answer_minutes,
                    [w.to_json() for w in late], [(shown(w.since), w.minutes or 0.0) for w in late],  # type: ignore[misc]
                    r.unanswered_since, shown(r.unanswered_since), r.first_answer_at is None)


# the inputs -----------------------------------------------------------------------------------------------------
def message_times(conn: Connection, subset=None) -> dict[int, str]:  # noqa: ANN001 - a select of case ids
    """Case id -> the time and side of each of its messages that counts (not a system notice, with a time), as
    ``<sent_at as stored><1: customer, 0: organisation>`` joined by commas, in the order of the covering index
    (kind, time, side): the one input of ``measure`` besides the answered mark. Cases without any are absent."""
    side = sql_case((Message.from_customer.is_(True), "1"), else_="0")
    item = type_coerce(Message.sent_at, String).concat(side)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        joined = func.string_agg(item, aggregate_order_by(",", Message.kind, Message.sent_at, Message.from_customer))
    else:  # SQLite: in the order of the index the aggregate scans
        joined = func.group_concat(item, ",")
    q = (select(Message.case_id, joined)
         .where(Message.kind != MessageKind.SYSTEM, Message.sent_at.is_not(None)).group_by(Message.case_id))
    if subset is not None:
        q = q.where(Message.case_id.in_(subset))
    return dict(conn.execute(q).all())


def parse_times(joined: str) -> list[tuple[datetime | None, bool]]:
    """``message_times``'s string as the ``(sent_at, from_customer)`` pairs it lists."""
    iso = datetime.fromisoformat
    return [(iso(x[:-1]) if len(x) > 1 else None, x[-1] == "1") for x in joined.split(",")]  # "": no time


_SOURCE: list[bytes] = []


def key(policy: ResponsePolicy, answered_at: str | None, joined: str) -> str:
    """The digest a kept row must carry to be used: of this module's source, the policy's fingerprint, the
    answered mark (as stored) and the message times."""
    if not _SOURCE:
        try:
            _SOURCE.append(hashlib.sha256(Path(__file__).read_bytes()).digest())
        except OSError:  # a frozen build: the policy's fingerprint names the version
            _SOURCE.append(b"frozen")
    h = hashlib.blake2b(_SOURCE[0], digest_size=16)
    h.update(policy.fingerprint.encode())
    h.update(b"\0" + (answered_at or "").encode() + b"\0")
    h.update(joined.encode())
    return h.hexdigest()


# kept rows ------------------------------------------------------------------------------------------------------
def _t(t: datetime | None, zone: object) -> str | None:
    """A time as text that gives back the same value: a naive time as ISO 8601; otherwise a letter (``z`` wall
    time in the calendar's zone, ``o`` with a fixed offset, ``n`` naive), ISO 8601 and the fold."""
    if t is None:
        return None
    if t.tzinfo is None:
        if not t.fold:
            return t.isoformat()
        kind = "n"
    elif t.tzinfo is zone:
        kind, t = "z", t.replace(tzinfo=None)
    elif isinstance(t.tzinfo, timezone):
        kind = "o"
    else:
        raise ValueError(f"a time in another zone: {t!r}")
    return f"{kind}{t.isoformat()}{t.fold}"


def _dt(s: str | None, zone: object, iso=datetime.fromisoformat) -> datetime | None:  # noqa: ANN001
    if s is None:
        return None
    kind = s[0]
    if kind <= "9":  # a digit: a naive time
        return iso(s)
    t = iso(s[1:-1])
    if kind == "z":
        return t.replace(tzinfo=zone, fold=int(s[-1]))  # type: ignore[arg-type]
    return t.replace(fold=1) if s[-1] == "1" else t


# the fields of ``Wait.to_json``, kept as a list of values (smaller to keep, quicker to read than objects)
_WAIT_FIELDS = ("message_at", "due_at", "answered_at", "working_minutes", "first_answer", "open")


def encode(m: Measured, policy: ResponsePolicy) -> str | None:
    """``m`` as the text of a kept row (None when it holds a value that could not be given back exactly)."""
    z = policy.calendar.zone
    if any(tuple(b) != _WAIT_FIELDS for b in m.breaches):
        return None
    try:
        return json.dumps([_t(m.first_message_at, z), _t(m.first_answer_at, z), m.first_answer_minutes,
                           [list(b.values()) for b in m.breaches], [[_t(t, z), minutes] for t, minutes in m.overdue],
                           _t(m.unanswered_since, z), _t(m.unanswered_shown, z), m.no_answer_yet],
                          separators=(",", ":"))
    except (ValueError, TypeError):
        return None


def decode(text: str, policy: ResponsePolicy, loads=json.loads) -> Measured:  # noqa: ANN001
    z = policy.calendar.zone
    fm, fa, minutes, breaches, overdue, since, shown, no_answer = loads(text)
    fields, iso = _WAIT_FIELDS, datetime.fromisoformat
    return Measured(_dt(fm, z), _dt(fa, z), minutes, [dict(zip(fields, b)) for b in breaches],  # noqa: B905
                    [(iso(t) if t[0] <= "9" else _dt(t, z), w) for t, w in overdue],
                    _dt(since, z), _dt(shown, z), no_answer)


def kept(conn: Connection, subset=None) -> dict[int, tuple[str, str]]:  # noqa: ANN001 - a select of case ids
    """Case id -> (key, measured) of the kept rows (of the cases in ``subset``)."""
    q = select(Cached.case_id, Cached.key, Cached.measured)
    if subset is not None:
        q = q.where(Cached.case_id.in_(subset))
    return {cid: (k, m) for cid, k, m in conn.execute(q)}


def keep(engine: Engine, rows: list[tuple[int, str, str]], *, wait_s: float = 0.25) -> bool:
    """Write ``(case id, key, measured)`` rows (replacing a case's older row) in a transaction of their own,
    waiting at most ``wait_s`` for another writer; False when they could not be written (they are measured again
    next time). Rows go in case order, so two desks writing at once wait for each other, never deadlock."""
    if not rows:
        return True
    rows = sorted(rows)
    dialect = engine.dialect.name
    try:
        with engine.connect() as conn:
            sqlite = dialect == "sqlite"
            try:
                if sqlite:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif dialect == "postgresql":
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(wait_s * 1000)}ms'")
                ins = tables.insert_for(dialect, tables.case_response)
                upsert = ins.on_conflict_do_update(index_elements=[Cached.case_id],
                                                   set_={"key": ins.excluded.key, "measured": ins.excluded.measured})
                conn.execute(upsert, [{"case_id": c, "key": k, "measured": m} for c, k, m in rows])  # executemany
                conn.commit()
            finally:
                if sqlite:
                    conn.rollback()
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except SQLAlchemyError as e:  # busy, a read-only file or role, a full disk: measured again next time
        log.info("the case list's response times were not kept (%s)", str(getattr(e, "orig", e)).strip()[:200])
        return False
    return True


def forget(conn: Connection, case_ids: list[int]) -> None:
    """Delete the kept rows of these cases (an erasure: no time of an erased message stays behind)."""
    for i in range(0, len(case_ids), CHUNK):
        conn.execute(delete(tables.case_response).where(Cached.case_id.in_(case_ids[i:i + CHUNK])))
