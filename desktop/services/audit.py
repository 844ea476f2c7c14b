"""The audit log as the window and the command line show it."""

from __future__ import annotations

from desktop.core.records import AuditInfo
from desktop.services.library import Library


def list_events(lib: Library, case_ref: str | None = None, customer_id: int | None = None) -> list[AuditInfo]:
    """Every audit event, oldest first: of one case, and/or about one customer, when given."""
    with lib.unit() as uow:
        return uow.audit.events(uow.cases.id_of(case_ref) if case_ref else None, customer_id)
