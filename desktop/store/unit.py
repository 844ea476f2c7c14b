"""One unit of work: one database session, one transaction, one consistent snapshot of the library.

Services open one per use case (``with lib.unit() as uow:``) and reach the tables through the stores named after
what they hold (``uow.cases``, ``uow.media``, ...), so one use case can compose several store calls in one
transaction without touching SQLAlchemy. A read unit sees one snapshot from its first query to its end (SQLite:
a deferred ``BEGIN``; PostgreSQL: ``REPEATABLE READ``); a write unit takes the write lock at once (SQLite:
``BEGIN IMMEDIATE``), so it never fails half-way because another writer committed after it started reading.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
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


def begin(conn: Connection, *, write: bool) -> Connection:
    """Start the connection's transaction the way the unit needs it (see the module docstring); returns the
    connection to use."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
    elif dialect == "postgresql" and not write:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


class UnitOfWork:
    """The stores of one transaction. ``actor`` is the handler every audit event of this unit names.

    The unit holds one connection and its transaction. The ORM session (``session``) is made on first use, on
    that same connection and transaction: a unit whose stores only read through SQLAlchemy Core (the case list,
    the team settings) never imports ``sqlalchemy.orm``, so the command line answers sooner.
    """

    def __init__(self, conn: Connection, actor: str | None,
                 hash_cache: Callable[[], HashCache] | None = None) -> None:
        self.conn = conn
        self.actor = actor
        self._hash_cache = hash_cache  # the database's cache of the library's hashes (the cross-case search)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The ORM session of this unit, on its connection and inside its transaction (made on first use)."""
        if self._session is None:
            from sqlalchemy.orm import Session

            self._session = Session(bind=self.conn, expire_on_commit=False)
        return self._session

    def core(self) -> Connection:
        """The connection for a Core read, after the session's pending changes went to the database (so a read
        sees what this unit wrote through the ORM)."""
        if self._session is not None:
            self._session.flush()
        return self.conn

    def finish(self) -> None:
        """Send the session's last changes (before the connection commits)."""
        if self._session is not None:
            self._session.flush()

    def close(self, *, failed: bool) -> None:
        if self._session is not None:
            if failed:
                try:
                    self._session.rollback()
                except Exception:  # noqa: BLE001 - the connection is gone: the server rolled back already
                    pass
            self._session.close()
            self._session = None

    @cached_property
    def cases(self) -> CaseStore:
        from desktop.store.cases import CaseStore

        return CaseStore(self, self.actor)

    @cached_property
    def customers(self) -> CustomerStore:
        from desktop.store.customers import CustomerStore

        return CustomerStore(self.session)

    @cached_property
    def media(self) -> MediaStore:
        from desktop.store.media import MediaStore

        return MediaStore(self.session)

    @cached_property
    def messages(self) -> MessageStore:
        from desktop.store.messages import MessageStore

        return MessageStore(self.session)

    @cached_property
    def notes(self) -> NoteStore:
        from desktop.store.notes import NoteStore

        return NoteStore(self.session)

    @cached_property
    def duplicates(self) -> DuplicateStore:
        from desktop.store.duplicates import DuplicateStore

        return DuplicateStore(self.session, self._hash_cache() if self._hash_cache else None)

    @cached_property
    def imports(self) -> ImportStore:
        from desktop.store.imports import ImportStore

        return ImportStore(self.session)

    @cached_property
    def opinions(self) -> OpinionStore:
        from desktop.store.opinions import OpinionStore

        return OpinionStore(self.session)

    @cached_property
    def settings(self) -> SettingsStore:
        from desktop.store.settings import SettingsStore

        return SettingsStore(self)

    @cached_property
    def retention(self) -> RetentionStore:
        from desktop.store.retention import RetentionStore

        return RetentionStore(self.session)

    @cached_property
    def erasure(self) -> ErasureStore:
        from desktop.store.erasure import ErasureStore

        return ErasureStore(self.session)

    @cached_property
    def journal(self) -> JournalStore:
        from desktop.store.journal import JournalStore

        return JournalStore(self.session)

    @cached_property
    def rows(self) -> RowStore:
        from desktop.store.rows import RowStore

        return RowStore(self.session, self.actor)

    @cached_property
    def audit(self) -> AuditLog:
        from desktop.store.audit import AuditLog

        return AuditLog(self.session, self.actor)

    def flush(self) -> None:
        """Send pending writes to the database (still inside the transaction)."""
        if self._session is not None:
            self._session.flush()
