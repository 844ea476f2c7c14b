"""The team migration matches the ORM on SQLite and PostgreSQL, upgrades a library made before it, and listing
cases of a team whose originals are in a bucket never loads boto3 (nor reaches the bucket)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store.db import MIGRATIONS, SCHEMA_HEAD, make_engine, migrate
from desktop.store.schema import Base
from tests.servers import pg_database  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[2]


def _diff(url: str) -> list:
    engine = make_engine(url)
    try:
        migrate(engine)
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_migrated_schema_is_the_orm(dialect, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'x.db'}" if dialect == "sqlite" else request.getfixturevalue("pg_database")()
    assert _diff(url) == []


def test_a_library_from_before_team_mode_is_upgraded_and_keeps_numbering(tmp_path):
    from alembic import command
    from alembic.config import Config

    db = tmp_path / "lib" / "library.db"
    db.parent.mkdir(parents=True)
    engine = create_engine(f"sqlite:///{db}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO case_ (ref, title, kind, status, opened_at) VALUES "
                          "('C-2026-0041', 'old', 'claim', 'new', '2026-03-14T10:00:00')"))
    engine.dispose()
    with Library(AppPaths(tmp_path / "lib")) as lib:
        with lib.unit() as uow:
            assert uow.cases.fields(uow.cases.id_of("C-2026-0041"))["version"] == 1
        with lib.unit(write=True) as uow:
            assert uow.cases.create(title="new", opened_at=datetime(2026, 5, 1)).ref == "C-2026-0042"
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
    engine.dispose()


BLOCKED_MAIN = textwrap.dedent("""
    import sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split('.')[0] in ('boto3', 'botocore', 's3transfer'):
                raise ImportError('blocked in this test: ' + name)
    sys.meta_path.insert(0, Block())
    from desktop.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


def test_listing_a_bucket_teams_cases_loads_no_boto3(tmp_path):
    data = tmp_path / "lib"
    with Library(AppPaths(data)) as lib:
        with lib.unit(write=True) as uow:
            uow.settings.set_store("s3://nowhere-reachable/team", "id-1")
            uow.cases.create(title="one", opened_at=datetime(2026, 3, 14))
    for args in (["cases", "--json"], ["opinions", "--json"], ["media", "--json"], ["case", "ask", "--help"]):
        proc = subprocess.run([sys.executable, "-c", BLOCKED_MAIN, "--data-dir", str(data), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, (args, proc.stderr)
    proc = subprocess.run([sys.executable, "-c", BLOCKED_MAIN, "--data-dir", str(data), "cases", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert [c["ref"] for c in json.loads(proc.stdout)] == ["C-2026-0001"]
