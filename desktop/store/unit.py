"""One unit of work: one database session, one transaction, one consistent snapshot of the library.

Services open one per use case (``with lib.unit() as uow:``) and reach the tables through the stores named after
what they hold (``uow.cases``, ``uow.media``, ...), so one use case can compose several store calls in one
transaction without touching SQLAlchemy. A read unit sees one snapshot from its first query to its end (SQLite:
a deferred ``BEGIN``; PostgreSQL: ``REPEATABLE READ``); a write unit takes the write lock at once (SQLite:
``BEGIN IMMEDIATE``), so it never fails half-way because another writer committed after it started reading.
"""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.orm import Session

from desktop.store.audit import AuditLog
from desktop.store.cases import CaseStore
from desktop.store.customers import CustomerStore
from desktop.store.duplicates import DuplicateStore
from desktop.store.erasure import ErasureStore
from desktop.store.hashcache import HashCache
from desktop.store.imports import ImportStore
from desktop.store.journal import JournalStore
from desktop.store.media import MediaStore
from desktop.store.messages import MessageStore
from desktop.store.notes import NoteStore
from desktop.store.opinions import OpinionStore
from desktop.store.retention import RetentionStore
from desktop.store.rows import RowStore
from desktop.store.settings import SettingsStore


def begin(session: Session, *, write: bool) -> None:
    """Start the session's transaction the way the unit needs it (see the module docstring)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
    elif dialect == "postgresql" and not write:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


class UnitOfWork:
    """The stores of one transaction. ``actor`` is the handler every audit event of this unit names."""

    def __init__(self, session: Session, actor: str | None, hash_cache: HashCache | None = None) -> None:
        self._s = session
        self.actor = actor
        self._hash_cache = hash_cache or HashCache()

    @cached_property
    def cases(self) -> CaseStore:
        return CaseStore(self._s, self.actor)

    @cached_property
    def customers(self) -> CustomerStore:
        return CustomerStore(self._s)

    @cached_property
    def media(self) -> MediaStore:
        return MediaStore(self._s)

    @cached_property
    def messages(self) -> MessageStore:
        return MessageStore(self._s)

    @cached_property
    def notes(self) -> NoteStore:
        return NoteStore(self._s)

    @cached_property
    def duplicates(self) -> DuplicateStore:
        return DuplicateStore(self._s, self._hash_cache)

    @cached_property
    def imports(self) -> ImportStore:
        return ImportStore(self._s)

    @cached_property
    def opinions(self) -> OpinionStore:
        return OpinionStore(self._s)

    @cached_property
    def settings(self) -> SettingsStore:
        return SettingsStore(self._s)

    @cached_property
    def retention(self) -> RetentionStore:
        return RetentionStore(self._s)

    @cached_property
    def erasure(self) -> ErasureStore:
        return ErasureStore(self._s)

    @cached_property
    def journal(self) -> JournalStore:
        return JournalStore(self._s)

    @cached_property
    def rows(self) -> RowStore:
        return RowStore(self._s, self.actor)

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self._s, self.actor)

    def flush(self) -> None:
        """Send pending writes to the database (still inside the transaction)."""
        self._s.flush()
