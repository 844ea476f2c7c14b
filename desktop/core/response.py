"""Response times from the conversation itself: who waited, since when, and for how many working minutes.

``case_response`` measures one case in working time (a ``ServiceCalendar``) against the norm of a
``ResponsePolicy``; ``first_wait_overdue`` tells the SLA report whether a case without answer counts against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.core.calendar import ServiceCalendar


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


def settled_response(messages: Iterable[tuple[datetime | None, bool]], calendar: ServiceCalendar, *,
                     norm_minutes: float = 60.0) -> CaseResponse:
    """The part of ``case_response`` that does not depend on ``now`` nor on the case being open: the first
    answer and every answered wait; a last customer message left unanswered is ``unanswered_since`` only."""
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
    out.unanswered_since = since
    return out


def open_wait(since: datetime | None, first: bool, calendar: ServiceCalendar, *, norm_minutes: float = 60.0,
              now: datetime | None = None, case_open: bool = True,
              live_for: timedelta = timedelta(days=7)) -> Wait | None:
    """The wait still open at ``now`` from the unanswered customer message at ``since`` (``first``: no answer
    came yet), or None when it is not live (see ``case_response``)."""
    if since is None or now is None or not case_open or calendar.instant(now) - since > live_for:
        return None
    return Wait(since, calendar.add_working_minutes(since, norm_minutes), None, calendar.working_minutes(since, now),
                first, open=True, norm_minutes=norm_minutes)


def case_response(messages: Iterable[tuple[datetime | None, bool]], calendar: ServiceCalendar, *,
                  norm_minutes: float = 60.0, now: datetime | None = None, case_open: bool = True,
                  live_for: timedelta = timedelta(days=7)) -> CaseResponse:
    """Response times of a case from its messages ``(sent_at, from_customer)`` (system notices left out).

    A wait opens at a customer message when none is open and closes at the organisation's next message; every
    wait is measured against ``norm_minutes`` working minutes. The last wait, if unanswered, is *open* (it has
    ``due_at`` and, past due, is a breach measured until ``now``) only while the case is open, ``now`` is known,
    and the customer's message is at most ``live_for`` old (pass the case gap: an old chat imported today ends
    in silence, not in years of overdue). Otherwise it is reported as ``unanswered_since`` only.

    It is ``settled_response`` (what a cache may keep) followed by ``open_wait`` (what depends on ``now``).
    """
    out = settled_response(messages, calendar, norm_minutes=norm_minutes)
    wait = open_wait(out.unanswered_since, out.first_answer_at is None, calendar, norm_minutes=norm_minutes,
                     now=now, case_open=case_open, live_for=live_for)
    if wait is not None:
        out.due_at = wait.due_at
        out.waits.append(wait)
    return out


@dataclass(frozen=True)
class ResponsePolicy:
    """How a team measures: its service calendar, the norm in working minutes, and how long an unanswered
    customer message keeps a wait open (the case gap)."""

    calendar: ServiceCalendar
    norm_minutes: float = 60.0
    live_for: timedelta = timedelta(days=7)
    # what the measurement depends on beyond the messages (the settings, the holiday and time-zone data, this
    # code), as a string that changes whenever any of it does (``desktop.services.calendar.response_policy``);
    # "" = unknown: nothing measured under this policy is kept (the case list's cache of response times)
    fingerprint: str = field(default="", compare=False)

    def settle(self, messages: Iterable[tuple[datetime | None, bool]]) -> CaseResponse:
        return settled_response(messages, self.calendar, norm_minutes=self.norm_minutes)

    def open_wait(self, since: datetime | None, first: bool, *, now: datetime | None, case_open: bool) -> Wait | None:
        return open_wait(since, first, self.calendar, norm_minutes=self.norm_minutes, now=now, case_open=case_open,
                         live_for=self.live_for)

    def measure(self, messages: Iterable[tuple[datetime | None, bool]], *, now: datetime | None,
                case_open: bool) -> CaseResponse:
        return case_response(messages, self.calendar, norm_minutes=self.norm_minutes, now=now,
                             case_open=case_open, live_for=self.live_for)


def first_wait_overdue(r: CaseResponse) -> bool:
    """No first answer, and the open first wait is past its due time."""
    w = r.open_wait
    return r.first_answer_at is None and w is not None and w.first and w.breached
