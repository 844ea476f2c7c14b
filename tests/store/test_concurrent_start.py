"""Two desks start on a new database at the same moment: both work (the first migration takes a lock).

Each desk is a real ``casedesk`` process. The test's wrapper holds both at a barrier on their first database
connection, just before the schema check, so the two first starts really overlap; without the lock one of them
failed with a duplicate key in ``alembic_version`` in every round.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from desktop.store.db import SCHEMA_HEAD
from tests.servers import drop_database

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("CASEDESK_TEST_PG_URL")
ROUNDS = 4

AT_BARRIER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.pool import Pool
    barrier = Path(sys.argv[1])
    first = []
    @event.listens_for(Pool, "connect")
    def _wait_for_the_other_desk(dbapi_conn, record):
        if first:
            return
        first.append(True)
        (barrier / str(os.getpid())).touch()
        deadline = time.monotonic() + 60
        while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.001)
    from desktop.__main__ import main
    sys.exit(main(sys.argv[2:]))
""")


def start_two_desks(tmp: Path, desks: list[list[str]]) -> list[subprocess.CompletedProcess]:
    barrier = tmp / "barrier"
    barrier.mkdir(parents=True)
    procs = [subprocess.Popen([sys.executable, "-c", AT_BARRIER, str(barrier), *args, "cases", "--json"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for args in desks]
    outs = [p.communicate(timeout=120) for p in procs]
    return [subprocess.CompletedProcess(p.args, p.returncode, o, e) for p, (o, e) in zip(procs, outs, strict=True)]


def assert_both_started(results: list[subprocess.CompletedProcess]) -> None:
    for r in results:
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == []


@pytest.fixture
def fresh_pg_database():
    """A new, empty PostgreSQL database of this test's own (dropped afterwards)."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server (.ci/run starts one and sets CASEDESK_TEST_PG_URL)")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"casedesk_cli_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        made.append(name)
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    for name in made:
        drop_database(admin, name)
    admin.dispose()


def test_two_desks_start_on_a_new_postgresql_database_at_once(fresh_pg_database, tmp_path):
    for n in range(ROUNDS):
        url = fresh_pg_database()
        results = start_two_desks(tmp_path / f"round{n}", [["--data-dir", str(tmp_path / f"round{n}" / desk),
                                                              "--db-url", url] for desk in ("a", "b")])
        assert_both_started(results)
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [SCHEMA_HEAD]
        engine.dispose()


def test_two_processes_start_on_a_new_sqlite_library_at_once(tmp_path):
    for n in range(ROUNDS):
        data = tmp_path / f"round{n}" / "lib"
        assert_both_started(start_two_desks(tmp_path / f"round{n}", [["--data-dir", str(data)]] * 2))
