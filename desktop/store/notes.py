"""A handler's notes on a case (or on one of its items)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.records import NoteInfo
from desktop.store.schema import Case, Note, fit


class NoteStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    def of_case(self, case_id: int) -> list[NoteInfo]:
        return [NoteInfo(n.id, n.created_at, n.author, n.text, n.media_item_id)
                for n in self._s.scalars(select(Note).where(Note.case_id == case_id).order_by(Note.id))]

    def texts(self) -> list[tuple[str, str]]:
        """(case reference, text) of every note."""
        q = select(Case.ref, Note.text).join(Case, Note.case_id == Case.id).order_by(Note.id)
        return list(self._s.execute(q))

    def add(self, case_id: int, text: str, *, author: str | None, media_item_id: int | None,
            at: datetime) -> int:
        note = Note(case_id=case_id, media_item_id=media_item_id, author=fit(Note.author, author), text=text,
                    created_at=at)
        self._s.add(note)
        self._s.flush()
        return note.id
