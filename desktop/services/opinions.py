"""Second opinions: a handler asks a colleague about a case, the colleague answers; both are audited.

Every call returns the request as it now stands, which is what an undo needs: ``withdraw_opinion`` takes back an
unanswered request, ``reopen_opinion`` an answer.
"""

from __future__ import annotations

from desktop.core.clock import now_local
from desktop.core.errors import EditConflict, UsageError
from desktop.core.model import AuditAction
from desktop.core.records import OpinionInfo
from desktop.services.library import Library

__all__ = ["OpinionInfo", "answer_opinion", "ask_opinion", "list_opinions", "reopen_opinion", "withdraw_opinion"]


def ask_opinion(lib: Library, ref: str, to: str, question: str) -> OpinionInfo:
    """Ask ``to`` for a second opinion on case ``ref``."""
    to, question = to.strip(), question.strip()
    if not to:
        raise UsageError("a second opinion is asked of someone: name them")
    if not question:
        raise UsageError("a request for a second opinion needs a comment")
    with lib.unit(write=True) as uow:
        cid = uow.cases.id_of(ref)
        rid = uow.opinions.ask(cid, asked_by=lib.handler, asked_to=to, question=question, at=now_local())
        uow.audit.record(AuditAction.OPINION_ASKED, cid, request=rid, to=to, question=question)
        return uow.opinions.get(rid)


def answer_opinion(lib: Library, request_id: int, answer: str) -> OpinionInfo:
    """Answer request ``request_id``; refused when it was answered already (the first answer stands)."""
    answer = answer.strip()
    if not answer:
        raise UsageError("an answer needs a comment")
    with lib.unit(write=True) as uow:
        asked = uow.opinions.get(request_id)
        if not uow.opinions.answer(request_id, answered_by=lib.handler, answer=answer, at=now_local()):
            done = uow.opinions.get(request_id)
            at = f" at {done.answered_at:%Y-%m-%d %H:%M}" if done.answered_at else ""
            raise EditConflict(f"request {request_id} on {done.case_ref} was already answered by "
                               f"{done.answered_by or 'someone'}{at}: your answer was not saved; their answer: "
                               f"{done.answer}", done.to_json(), 0)
        uow.audit.record(AuditAction.OPINION_ANSWERED, asked.case_id, request=request_id, answer=answer,
                         asked_by=asked.asked_by)
        return uow.opinions.get(request_id)


def list_opinions(lib: Library, *, mine: bool = False, open_only: bool = False,
                  case_ref: str | None = None) -> list[OpinionInfo]:
    """Requests, oldest first: ``mine`` asked of or by this desk's handler, ``open_only`` not answered yet."""
    with lib.unit() as uow:
        cid = uow.cases.id_of(case_ref) if case_ref else None
        return uow.opinions.find(case_id=cid, handler=lib.handler if mine else None, open_only=open_only)


def withdraw_opinion(lib: Library, request_id: int) -> None:
    """Take back an unanswered request (the undo of ``ask_opinion``)."""
    with lib.unit(write=True) as uow:
        asked = uow.opinions.get(request_id)
        if not asked.open:
            raise UsageError(f"request {request_id} was answered already; it stays on the case")
        uow.opinions.withdraw(request_id)
        uow.audit.record(AuditAction.OPINION_ASKED, asked.case_id, request=request_id, withdrawn=True)


def reopen_opinion(lib: Library, request_id: int) -> None:
    """Take back the answer to a request (the undo of ``answer_opinion``)."""
    with lib.unit(write=True) as uow:
        asked = uow.opinions.get(request_id)
        uow.opinions.reopen(request_id)
        uow.audit.record(AuditAction.OPINION_ANSWERED, asked.case_id, request=request_id, withdrawn=True,
                         answer=asked.answer)
