"""``sla_rows``: the service-level figures the seeds' companies publish, from every case's response times.

One ``SlaCase`` per case (its kind, handler, the local date of the customer's first message, the working minutes
to the first answer, and whether a case still without answer is past due), then ``desktop.core.sla.sla_report``:
per kind and handler, per kind, and overall.
"""

from __future__ import annotations

from datetime import date

from desktop.core.model import CaseSummary
from desktop.core.sla import SlaCase, SlaRow, sla_report
from desktop.services.cases import list_cases
from desktop.services.library import Library


def sla_case(c: CaseSummary, overdue: bool) -> SlaCase:
    first = c.first_message_at
    return SlaCase(kind=c.kind, handler=c.handler, first_message_on=first.date() if first else None,
                   first_answer_minutes=c.first_answer_minutes, overdue=overdue)


def sla_rows(lib: Library, *, date_from: date | None = None, date_to: date | None = None) -> list[SlaRow]:
    """Rows for cases whose first customer message falls between ``date_from`` and ``date_to`` (inclusive)."""
    cases = [sla_case(c, overdue=c.first_answer_at is None and bool(c.breaches) and c.due_at is not None)
             for c in list_cases(lib)]
    return sla_report(cases, norm_minutes=lib.team.answer_norm_minutes, date_from=date_from, date_to=date_to)
