"""Migration convint01 on a library made before it (revision 0001, with rows), on SQLite and PostgreSQL: items
become case media, sources and customers gain their new columns, and the ORM matches the migrated schema."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext

from desktop.store.db import MIGRATIONS, SCHEMA_HEAD
from desktop.store.schema import Base

PG = os.environ.get("CASEDESK_TEST_PG_URL")


def _config(conn: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _old_library(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0001")
        for sql in (
            "INSERT INTO customer (id, name, phone, created_at) VALUES (1, 'Sanne', '+31612345678', '2024-01-01T00:00:00')",
            "INSERT INTO case_ (id, ref, title, kind, status, customer_id, opened_at) "
            "VALUES (1, 'C-2024-0001', 't', 'claim', 'new', 1, '2024-01-01T00:00:00')",
            "INSERT INTO source (id, kind, path, imported_at) VALUES (1, 'whatsapp', 'x', '2024-01-01T00:00:00')",
            "INSERT INTO message (id, case_id, source_id, customer_id, from_customer, kind, text, match_key) "
            "VALUES (1, 1, 1, 1, true, 'text', 'hallo', 'k')",
            "INSERT INTO media_item (id, case_id, source_id, name, included, taken_date_only, set_aside, added_at) "
            "VALUES (1, 1, 1, 'IMG-1.jpg', true, false, false, '2024-01-01T00:00:00')",
        ):
            conn.exec_driver_sql(sql)


def _check(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
        assert conn.exec_driver_sql("SELECT role, flags FROM media_item").all() == [("media", "[]")]
        assert conn.exec_driver_sql("SELECT meta FROM source").all() == [(None,)]
        assert conn.exec_driver_sql("SELECT address FROM message").all() == [(None,)]
        assert conn.exec_driver_sql("SELECT merged_into_id FROM customer").all() == [(None,)]
        diff = [d for d in compare_metadata(MigrationContext.configure(conn), Base.metadata)
                if any(name in str(d) for name in ("role", "flags", "meta", "address", "merged_into"))]
        assert diff == []
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:  # merged_into is a real foreign key
        conn.exec_driver_sql("UPDATE customer SET merged_into_id = 99")


def test_upgrade_an_old_sqlite_library(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'library.db'}")
    sa.event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA foreign_keys=ON"))
    _old_library(engine)
    _check(engine)
    # and back, and up again; SQLite rebuilds a table to drop a column, which a referenced table survives only
    # with foreign keys off (Casedesk itself never downgrades)
    plain = sa.create_engine(f"sqlite:///{tmp_path / 'library.db'}")
    with plain.begin() as conn:
        command.downgrade(_config(conn), "0001")
    plain.dispose()
    _check(engine)


@pytest.mark.skipif(not PG, reason="CASEDESK_TEST_PG_URL not set")
def test_upgrade_an_old_postgres_library():
    name = f"casedesk_convint_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine = sa.create_engine(sa.make_url(PG).set(database=name))
    try:
        _old_library(engine)
        _check(engine)
        with engine.begin() as conn:
            command.downgrade(_config(conn), "0001")
        _check(engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
