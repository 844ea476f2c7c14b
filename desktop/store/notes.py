"""A handler's notes on a case (or on one of its items)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound
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

    def case_of(self, note_id: int) -> int:
        case_id = self._s.scalar(select(Note.case_id).where(Note.id == note_id))
        if case_id is None:
            raise NotFound(f"no note {note_id}")
        return case_id

    def set_text(self, note_id: int, text: str) -> None:
        note = self._s.get(Note, note_id)
        if note is None:
            raise NotFound(f"no note {note_id}")
        note.text = text

    def delete(self, note_id: int) -> None:
        self._s.flush()
        self._s.execute(delete(Note).where(Note.id == note_id))
