"""Second opinions: a handler asks a colleague about a case; the colleague answers once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound
from desktop.core.records import OpinionInfo
from desktop.store.cases import opinion_info
from desktop.store.schema import Case, Opinion, fit


class OpinionStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def ask(self, case_id: int, *, asked_by: str | None, asked_to: str, question: str, at: datetime) -> int:
        o = Opinion(case_id=case_id, asked_by=fit(Opinion.asked_by, asked_by), asked_to=fit(Opinion.asked_to, asked_to),
                    question=question, asked_at=at)
        self._s.add(o)
        self._s.flush()
        return o.id

    def get(self, request_id: int) -> OpinionInfo:
        row = self._s.execute(select(Opinion, Case.ref).join(Case, Opinion.case_id == Case.id)
                              .where(Opinion.id == request_id).execution_options(populate_existing=True)).first()
        if row is None:
            raise NotFound(f"no second-opinion request {request_id}")
        return opinion_info(*row)

    def answer(self, request_id: int, *, answered_by: str | None, answer: str, at: datetime) -> bool:
        """Record the answer; False (nothing written) when the request was answered already."""
        done = self._s.execute(
            update(Opinion).where(Opinion.id == request_id, Opinion.answered_at.is_(None))
            .values(answer=answer, answered_by=fit(Opinion.answered_by, answered_by), answered_at=at)
            .execution_options(synchronize_session=False))
        return done.rowcount == 1

    def reopen(self, request_id: int) -> None:
        """Take an answer back (an undo of ``answer``)."""
        self._s.execute(update(Opinion).where(Opinion.id == request_id)
                        .values(answer=None, answered_by=None, answered_at=None)
                        .execution_options(synchronize_session=False))

    def withdraw(self, request_id: int) -> None:
        """Remove an unanswered request (an undo of ``ask``)."""
        o = self._s.get(Opinion, request_id)
        if o is not None and o.answered_at is None:
            self._s.delete(o)

    def find(self, *, case_id: int | None = None, handler: str | None = None,
             open_only: bool = False) -> list[OpinionInfo]:
        """Requests, oldest first: of one case, asked to or by ``handler``, only the unanswered ones."""
        q = select(Opinion, Case.ref).join(Case, Opinion.case_id == Case.id).order_by(Opinion.id)
        if case_id is not None:
            q = q.where(Opinion.case_id == case_id)
        if handler is not None:
            name = handler.lower()
            q = q.where(or_(func.lower(Opinion.asked_to) == name, func.lower(Opinion.asked_by) == name))
        if open_only:
            q = q.where(Opinion.answered_at.is_(None))
        return [opinion_info(o, ref) for o, ref in self._s.execute(q)]
