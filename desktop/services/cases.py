"""Reading cases, media, customers and messages for the CLI and the window; each call is one snapshot."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.errors import NotFound, UsageError
from desktop.core.model import CaseSummary, MediaInfo, MediaRole
from desktop.core.records import AlertInfo, CustomerInfo, DupGroupInfo, MessageInfo, NoteInfo, OpinionInfo
from desktop.core.response import ResponsePolicy
from desktop.services.library import Library

__all__ = ["CustomerInfo", "MessageInfo", "OpenCase", "get_case", "get_media", "list_cases", "list_customers",
           "list_media", "list_messages", "open_case", "search_cases", "search_index"]


@dataclass
class OpenCase:
    """Everything the case page shows, read in one snapshot."""

    case: CaseSummary
    customer: CustomerInfo | None
    history: list[CaseSummary]  # the customer's cases, this one included (contact history)
    media: list[MediaInfo]  # case media only (the grid)
    messages: list[MessageInfo]
    notes: list[NoteInfo]
    groups: list[DupGroupInfo] = field(default_factory=list)
    alerts: list[AlertInfo] = field(default_factory=list)
    opinions: list[OpinionInfo] = field(default_factory=list)  # second opinions asked, answered or not
    seconds: float = 0.0  # how long reading it took
    originals: list[MediaInfo] = field(default_factory=list)  # the other originals: containers, logos, reports


def _norm(lib: Library) -> ResponsePolicy:
    """How response times are measured in this library (the team's calendar and norm)."""
    from desktop.services.calendar import response_policy

    return response_policy(lib.team)


def list_cases(lib: Library, *, status: str | None = None, handler: str | None = None, mine: bool = False,
               search: str | None = None, open_only: bool = False, now: datetime | None = None) -> list[CaseSummary]:
    """The case list in id order, with counts and response times (open waits judged at ``now``, default: now).
    Only those with ``status``; assigned to ``handler`` (``mine``: to this desk's handler; names compare without
    regard to case); whose reference, title, customer, policy number, messages or notes contain ``search``
    (ignoring case, found by the database: ``search_cases``); ``open_only``: not closed."""
    who = lib.handler if mine else handler
    _searchable(search)
    with lib.unit() as uow:
        ids = uow.cases.search(search) if search else None
        out = uow.cases.summaries(_norm(lib), case_ids=ids, handler=who, open_only=open_only, now=now)
        measured = uow.cases.measured
    if measured and not lib.db.frozen:  # kept for the next list; a read-only library measures every time
        from desktop.store.response_cache import keep

        keep(lib.db.engine, measured)
    return [c for c in out if status is None or c.status == status]


SEARCH_LIMIT = 500  # characters of a search text (SQLite refuses a LIKE pattern beyond 50,000)


def _searchable(text: str | None) -> None:
    if text is not None and len(text) > SEARCH_LIMIT:
        raise UsageError(f"a search text of {len(text):,} characters: at most {SEARCH_LIMIT}")


def search_cases(lib: Library, text: str) -> list[str]:
    """References of the cases that contain ``text`` anywhere the window's search looks (reference, title,
    customer, policy number, messages, notes), ignoring case: one query, nothing loaded into memory."""
    _searchable(text)
    with lib.unit() as uow:
        return uow.cases.refs(uow.cases.search(text))


def get_case(lib: Library, ref: str) -> CaseSummary:
    with lib.unit() as uow:
        return uow.cases.summary(uow.cases.id_of(ref), _norm(lib))


def list_media(lib: Library, *, case_ref: str | None = None, everything: bool = False) -> list[MediaInfo]:
    """Case media (of one case); ``everything``: every original too (containers, logos, report parts)."""
    with lib.unit() as uow:
        cid = uow.cases.id_of(case_ref) if case_ref else None
        return uow.media.infos(case_id=cid, incident_doubt_days=lib.team.incident_doubt_days,
                               roles=None if everything else (MediaRole.MEDIA,))


def get_media(lib: Library, media_id: int) -> MediaInfo:
    with lib.unit() as uow:
        cases = uow.media.cases_of([media_id])
        if not cases:
            raise NotFound(f"no media item {media_id}")
        found = [m for m in uow.media.infos(case_id=cases[media_id], incident_doubt_days=lib.team.incident_doubt_days)
                 if m.id == media_id]
    return found[0]


def list_customers(lib: Library) -> list[CustomerInfo]:
    with lib.unit() as uow:
        return uow.customers.all()


def list_messages(lib: Library, *, case_ref: str | None = None, customer_id: int | None = None) -> list[MessageInfo]:
    with lib.unit() as uow:
        cid = uow.cases.id_of(case_ref) if case_ref else None
        return uow.messages.infos(case_id=cid, customer_id=customer_id)


def open_case(lib: Library, ref: str) -> OpenCase:
    """The case page of ``ref``: summary, customer and contact history, media, messages, notes, duplicate groups
    and alerts, all from one snapshot. The case's summary is its entry in the contact history: read and measured
    once, not twice (a case of 200,000 messages whose kept response times an import's new messages made stale
    spent 0.5 s measuring them again for the history)."""
    t0 = time.perf_counter()
    norm = _norm(lib)
    with lib.unit() as uow:
        cid = uow.cases.id_of(ref)
        owner = uow.cases.owners([cid]).get(cid)
        customer = uow.customers.get(owner) if owner is not None else None
        history = uow.cases.summaries(norm, customer_id=owner) if customer is not None else []
        case = next((c for c in history if c.id == cid), None)
        if case is None:  # no customer (or an erased case, which the history leaves out)
            case = uow.cases.summary(cid, norm)
        every = uow.media.infos(case_id=cid, incident_doubt_days=lib.team.incident_doubt_days)
        media = [m for m in every if m.role == MediaRole.MEDIA]
        grouped = case.set_aside or any(m.duplicate_of_id for m in media)
        out = OpenCase(
            case, customer, history, media, uow.messages.infos(case_id=cid), uow.notes.of_case(cid),
            uow.duplicates.groups(cid) if grouped else [], uow.duplicates.alerts(cid) if case.alerts else [],
            opinions=uow.opinions.find(case_id=cid),
            originals=[m for m in every if m.role != MediaRole.MEDIA],
        )
    out.seconds = time.perf_counter() - t0
    return out


def search_index(lib: Library) -> dict[str, str]:
    """Case reference -> lower-case text of its messages and notes, for the window's search."""
    index: dict[str, list[str]] = {}
    with lib.unit() as uow:
        for ref, text in [*uow.messages.texts(), *uow.notes.texts()]:
            index.setdefault(ref, []).append(text)
    return {ref: "\n".join(parts).casefold() for ref, parts in index.items()}
