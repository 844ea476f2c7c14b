"""Response times from the conversation itself: who waited, and since when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
