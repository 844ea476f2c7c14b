"""Response times from the conversation itself: who waited, since when, and for how many working minutes.

``case_response`` (working time, a ``ServiceCalendar``) is the measure; ``response_times`` (wall-clock time) is
the older one, kept for its callers until they move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.core.calendar import ServiceCalendar
from desktop.core.capture_time import wall_clock


@dataclass
class ResponseTimes:
    first_message_at: datetime | None = None
    first_answer_at: datetime | None = None
    waiting_since: datetime | None = None  # oldest customer message not answered yet
    overdue: list[tuple[datetime, timedelta]] = field(default_factory=list)  # waited longer than the norm


def response_times(
    messages: list[tuple[datetime | None, bool]], norm: timedelta, now: datetime | None = None
) -> ResponseTimes:
    """``messages`` are (sent_at, from_customer) in any order; system messages should be left out."""
    timed = sorted(((wall_clock(t), fc) for t, fc in messages if t is not None), key=lambda x: x[0])
    rt = ResponseTimes()
    pending: datetime | None = None
    for t, from_customer in timed:
        if from_customer:
            if rt.first_message_at is None:
                rt.first_message_at = t
            if pending is None:
                pending = t
        else:
            if rt.first_message_at is not None and rt.first_answer_at is None:
                rt.first_answer_at = t
            if pending is not None:
                if t - pending > norm:
                    rt.overdue.append((pending, t - pending))
                pending = None
    rt.waiting_since = pending
    if pending is not None and now is not None and wall_clock(now) - pending > norm:
        rt.overdue.append((pending, wall_clock(now) - pending))
    return rt


# --- in working time ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wait:
    """A customer waiting for an answer: from their message until the organisation's next message."""

    since: datetime  # the customer's message that opened the wait (calendar zone)
    due_at: datetime  # ``since`` + the norm in working minutes
    answered_at: datetime | None  # the organisation's next message, None while unanswered
    minutes: float | None  # working minutes to the answer; for the open wait, working minutes until now
    first: bool  # the wait for the first answer
    open: bool = False  # unanswered, the case open and the wait live (see ``case_response``)
    norm_minutes: float = 60.0

    @property
    def breached(self) -> bool:
        return self.minutes is not None and self.minutes > self.norm_minutes

    def to_json(self) -> dict:
        return {"message_at": _iso(self.since), "due_at": _iso(self.due_at), "answered_at": _iso(self.answered_at),
                "working_minutes": None if self.minutes is None else round(self.minutes),
                "first_answer": self.first, "open": self.open}


@dataclass
class CaseResponse:
    """Response times of one case in working time."""

    first_message_at: datetime | None = None  # the customer's first message
    first_answer_at: datetime | None = None  # the organisation's first message after it
    first_answer_minutes: float | None = None  # working minutes between the two
    waits: list[Wait] = field(default_factory=list)  # every wait, in time order
    due_at: datetime | None = None  # when the open wait must be answered; None without an open wait
    unanswered_since: datetime | None = None  # last customer message left unanswered (open or not)

    @property
    def breaches(self) -> list[Wait]:
        """Waits longer than the norm: answered late, or open and past due."""
        return [w for w in self.waits if w.breached]

    @property
    def open_wait(self) -> Wait | None:
        return next((w for w in self.waits if w.open), None)

    def to_json(self) -> dict:
        return {"first_message_at": _iso(self.first_message_at), "first_answer_at": _iso(self.first_answer_at),
                "first_answer_minutes": None if self.first_answer_minutes is None else round(self.first_answer_minutes),
                "breaches": [w.to_json() for w in self.breaches], "due_at": _iso(self.due_at)}


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t is not None else None


def case_response(messages: Iterable[tuple[datetime | None, bool]], calendar: ServiceCalendar, *,
                  norm_minutes: float = 60.0, now: datetime | None = None, case_open: bool = True,
                  live_for: timedelta = timedelta(days=7)) -> CaseResponse:
    """Response times of a case from its messages ``(sent_at, from_customer)`` (system notices left out).

    A wait opens at a customer message when none is open and closes at the organisation's next message; every
    wait is measured against ``norm_minutes`` working minutes. The last wait, if unanswered, is *open* (it has
    ``due_at`` and, past due, is a breach measured until ``now``) only while the case is open, ``now`` is known,
    and the customer's message is at most ``live_for`` old (pass the case gap: an old chat imported today ends
    in silence, not in years of overdue). Otherwise it is reported as ``unanswered_since`` only.
    """
    timed = sorted(((calendar.instant(t), fc) for t, fc in messages if t is not None), key=lambda x: x[0])
    out = CaseResponse()
    since: datetime | None = None
    for t, from_customer in timed:
        if from_customer:
            if out.first_message_at is None:
                out.first_message_at = t
            if since is None:
                since = t
            continue
        if since is None:
            continue  # the organisation writes first, or again: no one is waiting
        minutes = calendar.working_minutes(since, t)
        first = out.first_answer_at is None
        if first:
            out.first_answer_at, out.first_answer_minutes = t, minutes
        out.waits.append(Wait(since, calendar.add_working_minutes(since, norm_minutes), t, minutes, first,
                              norm_minutes=norm_minutes))
        since = None
    if since is not None:
        out.unanswered_since = since
        first = out.first_answer_at is None
        due = calendar.add_working_minutes(since, norm_minutes)
        live = now is not None and case_open and calendar.instant(now) - since <= live_for
        if live:
            assert now is not None
            out.due_at = due
            out.waits.append(Wait(since, due, None, calendar.working_minutes(since, now), first, open=True,
                                  norm_minutes=norm_minutes))
    return out
