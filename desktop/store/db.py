"""Engine from a URL, SQLite pragmas, the schema brought up to date on open, and short-lived sessions and units of work.

Opening a library whose schema is current costs one plain query: Alembic is imported only when the schema is
behind or absent. The upgrade then runs in one transaction (SQLite and PostgreSQL both have transactional DDL),
under a lock (SQLite's write lock, PostgreSQL's advisory lock), so a process killed during the first start
leaves no half-created schema, and two desks starting at the same moment do not collide.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from desktop.core.errors import DatabaseError, DiskFull, LibraryUnusable
from desktop.store.unit import UnitOfWork, begin

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.store.hashcache import HashCache

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "proof01"  # the newest revision in migrations/versions (tests/store/test_db.py checks it)
FULL_BELOW = 1 << 20  # free bytes under which a disk counts as full when SQLite cannot open its files
MIGRATION_LOCK = 0x43415345  # "CASE": the PostgreSQL advisory lock key the first migration takes
EXAMPLE_URL = "postgresql://user:password@server/casedesk"


def make_engine(url: str, *, frozen: bool = False) -> Engine:
    """An engine for ``url``; ``LibraryUnusable`` for a URL that is none, or of a database Casedesk does not speak.
    ``frozen``: a SQLite file opened read-only and immutable, without the shared-memory file WAL mode needs (the
    way to read a library on a disk too full to create that file)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise LibraryUnusable(f"{url!r} is not a database URL (a team's database is given as {EXAMPLE_URL})"
                              ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise LibraryUnusable(f"{parsed.get_backend_name()} databases are not supported: a team uses PostgreSQL "
                              f"({EXAMPLE_URL}), a desk on its own SQLite")
    if url.startswith("sqlite") and frozen:
        path = Path(parsed.database or "").resolve()
        return create_engine(f"sqlite:///file:{path.as_posix()}?mode=ro&immutable=1&uri=true",
                             connect_args={"check_same_thread": False})
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def schema_revision(engine: Engine) -> str | None:
    """The revision recorded in ``alembic_version``, by a plain query; None when there is none."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # no such table: a new (or half-created) database
            return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (the app migrates on start)."""
    if schema_revision(engine) == SCHEMA_HEAD:
        return
    with engine.connect() as conn:
        _lock(conn)
        from alembic.runtime.migration import MigrationContext

        current = MigrationContext.configure(conn).get_current_revision()  # again: another desk may have won
        if current != SCHEMA_HEAD:
            if current is None:
                _clear_half_created(conn)
            _upgrade(conn, engine)
        conn.commit()


LOCKED_RETRIES = 20  # a new SQLite library started by two desks at once: "database is locked" retried this often


def _migrate_patiently(engine: Engine) -> None:
    """``migrate``, retried while SQLite says "database is locked" without waiting: on a brand-new file two
    processes switching it to WAL at once (or upgrading a read lock to a write lock) get that answer at once
    instead of through the busy timeout. The other process is creating the schema; a moment later it is there."""
    start = time.monotonic()
    for attempt in range(LOCKED_RETRIES):
        try:
            migrate(engine)
            return
        except DBAPIError as e:
            locked = engine.dialect.name == "sqlite" and "database is locked" in str(e.orig)
            # a lock really held (the busy timeout ran out) is not retried: only the answers given at once
            if not locked or attempt == LOCKED_RETRIES - 1 or time.monotonic() - start > 5.0:
                raise
            engine.dispose()  # fresh connections: the pragmas run again on the next try
            time.sleep(0.05 * (attempt + 1))


def _lock(conn: Connection) -> None:
    """Start the one transaction of the upgrade, holding the lock that serialises concurrent starts."""
    if conn.dialect.name == "sqlite":
        # pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so without this every CREATE TABLE
        # would commit on its own. IMMEDIATE takes the write lock now: a second process waits here.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def _upgrade(conn: Connection, engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["connection"] = conn
    try:
        command.upgrade(cfg, "head")
    except CommandError as e:  # e.g. a revision this version does not know: written by a newer Casedesk
        raise LibraryUnusable(f"the database has schema revision {_revision(conn)!r}, which this version of "
                              f"Casedesk does not know ({e}): use the Casedesk that created it, or a newer one"
                              ) from e


def _revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def _clear_half_created(conn: Connection) -> None:
    """Casedesk tables without a recorded revision: a first start an older version did not finish.

    Empty, they are dropped and the schema is built again; holding rows, they are not touched.
    """
    from sqlalchemy import inspect

    from desktop.store.tables import metadata

    present = set(inspect(conn).get_table_names())
    ours = [t for t in metadata.sorted_tables if t.name in present]
    if not ours:
        return
    filled = [t.name for t in ours if conn.execute(text(f'SELECT 1 FROM "{t.name}" LIMIT 1')).first()]
    if filled:
        raise LibraryUnusable(
            f"the database holds Casedesk tables with data ({', '.join(filled)}) but no schema revision, so "
            "it cannot be upgraded safely: restore a backup of it, or move it aside and start with a new library")
    metadata.drop_all(conn, tables=ours)


def _rollback_quietly(s: Session | Connection) -> None:
    try:
        s.rollback()
    except SQLAlchemyError:  # the connection is gone: the server rolled back already
        pass


class Database:
    """The engine plus a session factory. Sessions are short and never shared across threads."""

    def __init__(self, url: str, originals: Path | None = None) -> None:
        self.url = url
        self.originals = originals  # where this library's own originals lie, for messages (None: not named)
        self.engine = make_engine(url)
        self._folder = Path(self.engine.url.database or ".").resolve().parent if url.startswith("sqlite") else None
        self.frozen = False  # opened read-only because the disk is full (reads work, writes raise DiskFull)
        self._hash_cache = None  # the library's perceptual hashes, for the cross-case search (on first use)
        try:
            _migrate_patiently(self.engine)
        except DBAPIError as e:
            self.engine.dispose()
            if not self._open_frozen(e):
                if (damage := self.damaged(e, saving=False)) is not None:
                    raise LibraryUnusable(damage) from e
                if isinstance(e, OperationalError):  # not reached, refused, no such database or file
                    raise LibraryUnusable(self._unreachable(e)) from e
                raise
        except BaseException:
            self.engine.dispose()
            raise
        self._factory = None  # the ORM's session maker, made on first use (reading needs no ORM)

    def _unreachable(self, e: OperationalError) -> str:
        """One sentence for a database that cannot be opened: which one (without its password) and the driver's
        reason without its wrapping ("(psycopg.OperationalError) connection failed: connection to server at ...")."""
        lines = [" ".join(line.split()) for line in str(e.orig).splitlines() if line.strip()]
        reason = " ".join(ln if ln.endswith((".", "?", ":")) else ln + "." for ln in lines[:-1])
        reason = f"{reason} {lines[-1]}".strip() if lines else type(e.orig).__name__
        for cut in ("failed: FATAL:", "FATAL:", "failed:"):  # PostgreSQL's own words are after the last of these
            if cut in reason:
                reason = reason.rsplit(cut, 1)[1].strip()
                break
        if self.engine.dialect.name == "sqlite":
            return (f"the library's database {self.engine.url.database} cannot be opened ({reason}): does its "
                    "folder exist, and may this account write there?")
        return f"the team's database {self.display_url()} cannot be reached: {reason}"

    def damaged(self, e: BaseException, *, saving: bool = True) -> str | None:
        """One sentence when ``e`` says the database itself is damaged (SQLite: a malformed file, or none at all;
        PostgreSQL: data corrupted), else ``None``. ``saving``: it stopped a piece of work (not the opening)."""
        if not isinstance(e, DBAPIError):
            return None
        orig = e.orig
        code = getattr(orig, "sqlite_errorcode", None)
        text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        if self.engine.dialect.name == "sqlite":
            if code not in (11, 26) and "malformed" not in text and "not a database" not in text:  # CORRUPT, NOTADB
                return None
            db = Path(self.engine.url.database or "")
            where = f" in {self.originals}" if self.originals is not None else ""
            return (f"the library's database {db} is damaged ({text}){'; nothing was saved' if saving else ''}. "
                    f"The originals{where} are untouched: put back {db.name} from a backup, "
                    "or ask your IT department")
        if str(getattr(orig, "sqlstate", "") or "").startswith("XX"):  # internal error, data corrupted, index corrupted
            return (f"the team's database {self.display_url()} reports damaged data ({text})"
                    f"{'; nothing was saved' if saving else ''}: ask your IT department to check the database server")
        return None

    def _open_frozen(self, e: DBAPIError) -> bool:
        """On a disk too full for SQLite's shared-memory file, open the library read-only so it can still be
        looked at; False when that is not the case (or not possible)."""
        if self.engine.dialect.name != "sqlite" or (free := self._free()) is None or free >= FULL_BELOW:
            return False
        if getattr(e.orig, "sqlite_errorcode", None) not in (10, 13) and "disk" not in str(e.orig):  # IOERR, FULL
            return False
        self.engine = make_engine(self.url, frozen=True)
        self.frozen = True
        try:
            current = schema_revision(self.engine)
        except DBAPIError:
            current = None
        if current != SCHEMA_HEAD:  # nothing to read, or it needs an upgrade that cannot be written
            self.engine.dispose()
            raise DiskFull(None, free) from e
        return True

    def _free(self) -> int | None:
        """Free bytes on the disk of the SQLite file (None for a server database)."""
        if self._folder is None:
            return None
        try:
            return shutil.disk_usage(self._folder).free
        except OSError:
            return None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error. A full disk (SQLite's
        "database or disk is full", PostgreSQL's disk_full) is raised as ``DiskFull``; any other database error
        leaves as a ``DatabaseError`` of one sentence (``desktop.store.errors``)."""
        if self._factory is None:
            from sqlalchemy.orm import sessionmaker

            self._factory = sessionmaker(self.engine, expire_on_commit=False)
        with self._factory() as s:
            try:
                yield s
                s.commit()
            except BaseException as e:
                _rollback_quietly(s)
                raised = self._translated(e)
                if raised is e:
                    raise
                raise raised from e

    def _translated(self, e: BaseException) -> BaseException:
        """What leaves a unit for a database error: ``DiskFull``, a one-sentence ``DatabaseError``, or ``e``."""
        full = self._disk_full(e)
        if full is not None:
            return full
        if (damage := self.damaged(e)) is not None:
            from desktop.store.errors import readable

            readable(e)  # logged in full
            return DatabaseError(damage)
        if isinstance(e, SQLAlchemyError):
            from desktop.store.errors import readable

            return readable(e)
        return e

    def _disk_full(self, e: BaseException) -> DiskFull | None:
        if not isinstance(e, DBAPIError):
            return None
        orig = e.orig
        code = getattr(orig, "sqlite_errorcode", None)
        if code == 13 or "database or disk is full" in str(orig) or (self.frozen and code == 8):  # FULL, READONLY
            return DiskFull(None, self._free())
        if getattr(orig, "sqlstate", None) == "53100" or getattr(orig, "pgcode", None) == "53100":
            return DiskFull(where="the disk of the database server")
        return None

    @contextmanager
    def unit(self, actor: str | None = None, *, write: bool = False) -> Iterator[UnitOfWork]:
        """One use case's unit of work (``desktop.store.unit``): one connection and transaction, committed on
        success, rolled back on error (a full disk raised as ``DiskFull``, a database error as one sentence)."""
        with self.engine.connect() as conn:
            uow: UnitOfWork | None = None
            try:
                conn = begin(conn, write=write)
                uow = UnitOfWork(conn, actor, self.hash_cache)
                yield uow
                uow.finish()
                conn.commit()
            except BaseException as e:
                if uow is not None:
                    uow.close(failed=True)
                    uow = None
                _rollback_quietly(conn)
                raised = self._translated(e)
                if raised is e:
                    raise
                raise raised from e
            finally:
                if uow is not None:
                    uow.close(failed=False)

    def hash_cache(self) -> HashCache:
        """The cross-case search's hashes of this database, made on first use (the case list never needs them)."""
        if self._hash_cache is None:
            from desktop.store.hashcache import HashCache

            self._hash_cache = HashCache()
        return self._hash_cache

    def compact(self) -> dict[str, object]:
        """After an erasure: leave no deleted bytes behind in the database files.

        SQLite: deleted rows were already overwritten (``secure_delete``); ``VACUUM`` rebuilds the file from the
        live rows only, and ``wal_checkpoint(TRUNCATE)`` copies the WAL back and empties it (busy when another
        process is reading at that moment: run it again later). PostgreSQL: a plain ``VACUUM`` of the tables
        lets their dead rows' space be reused; the bytes stay in the table files until overwritten (``VACUUM
        FULL`` rewrites them, under an exclusive lock: a database administrator's decision).
        """
        tables = ("customer", "message", "media_item", "note", "case_", "source", "blob", "audit_event", "alert")
        out: dict[str, object] = {"dialect": self.engine.dialect.name}
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                if self.engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA temp_store=MEMORY")  # VACUUM's copy never touches a temp file
                    conn.exec_driver_sql("VACUUM")
                    busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
                    out.update(vacuum=True, wal_emptied=not busy)
                elif self.engine.dialect.name == "postgresql":
                    for table in tables:
                        conn.exec_driver_sql(f'VACUUM "{table}"')
                    out.update(vacuum=True)
        except DBAPIError as e:
            out.update(vacuum=False, error=str(e.orig).strip().splitlines()[0] if e.orig else type(e).__name__)
        return out

    def display_url(self) -> str:
        """The URL without its password."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
