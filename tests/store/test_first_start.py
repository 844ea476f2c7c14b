"""The first start is crash-safe: killed while the schema is created, the next start works.

The kill comes from an SQLAlchemy event listener installed by the test's wrapper (not by Casedesk): the process
sends itself SIGKILL just before the Nth schema statement, at points spread over the whole creation.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store.db import SCHEMA_HEAD
from desktop.store.schema import Base
from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]

KILL_AT = textwrap.dedent("""
    import os, signal, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    kill_at = int(sys.argv[1])
    seen = []
    @event.listens_for(Engine, "before_cursor_execute")
    def _schema_statement(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("CREATE ", "DROP ", "INSERT INTO ALEMBIC_VERSION")):
            seen.append(statement)
            if len(seen) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
    from desktop.__main__ import main
    code = main(sys.argv[2:])
    print("SCHEMA-STATEMENTS", len(seen), file=sys.stderr)
    sys.exit(code)
""")


def casedesk(data: Path, *args: str, kill_at: int = 0) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILL_AT, str(kill_at), "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def revision(db: Path) -> str | None:
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        except (sqlite3.OperationalError, TypeError):
            return None


def test_schema_head_is_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from desktop.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


@pytest.mark.slow
def test_killed_at_any_point_of_the_first_start_the_next_start_works(tmp_path):
    counted = casedesk(tmp_path / "count", "cases", "--json")
    assert counted.returncode == 0, counted.stderr
    total = int(counted.stderr.split("SCHEMA-STATEMENTS")[1])
    assert total > 20  # tables, indexes and the version row
    points = sorted({1, 2, total // 4, total // 2, 3 * total // 4, total - 1, total})
    photo = jpeg(tmp_path / "in" / "a.jpg", seed=4)
    for n in points:
        data = tmp_path / f"killed-at-{n}"
        killed = casedesk(data, "cases", "--json", kill_at=n)
        assert killed.returncode == -signal.SIGKILL, (n, killed.stderr)
        assert revision(data / "library.db") is None  # nothing of the upgrade was committed
        assert tables(data / "library.db") <= {"alembic_version"}, n

        start = casedesk(data, "cases", "--json")
        assert start.returncode == 0, (n, start.stderr)
        assert json.loads(start.stdout) == []
        assert revision(data / "library.db") == SCHEMA_HEAD
        assert tables(data / "library.db") >= set(Base.metadata.tables)
        verify = casedesk(data, "verify", "--json")
        assert verify.returncode == 0 and json.loads(verify.stdout)["ok"] is True, (n, verify.stderr)
    imported = casedesk(data, "import", str(photo), "--json")
    assert imported.returncode == 0 and json.loads(imported.stdout)["imported"] == 1, imported.stderr


def half_created(db: Path, with_row: bool) -> None:
    """What an older Casedesk left when killed during its first start: some tables, an empty version table."""
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        Base.metadata.create_all(conn, tables=[Base.metadata.tables[t] for t in ("blob", "customer", "case_")])
        if with_row:
            conn.exec_driver_sql("INSERT INTO customer (name, created_at) VALUES ('Sophie Bakker', '2026-11-16')")
    engine.dispose()


def test_an_empty_half_created_library_from_an_older_version_is_rebuilt(tmp_path):
    data = tmp_path / "lib"
    data.mkdir()
    half_created(data / "library.db", with_row=False)
    proc = casedesk(data, "cases", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [] and revision(data / "library.db") == SCHEMA_HEAD
    with Library(AppPaths(data)) as lib:  # the rebuilt schema is complete: an import lands
        from desktop.services.importing import import_paths

        assert import_paths(lib, [jpeg(tmp_path / "a.jpg", seed=5)]).imported == 1


def test_a_half_created_library_holding_data_is_explained_not_touched(tmp_path):
    data = tmp_path / "lib"
    data.mkdir()
    half_created(data / "library.db", with_row=True)
    before = tables(data / "library.db")
    proc = casedesk(data, "cases", "--json")
    assert proc.returncode == 2
    message = proc.stderr.strip().splitlines()[0]
    assert message.startswith(f"casedesk: cannot open the library at {data}: the database holds Casedesk tables "
                              "with data (customer) but no schema revision"), proc.stderr
    assert "restore a backup" in message and "Traceback" not in proc.stderr and "CREATE TABLE" not in proc.stderr
    assert tables(data / "library.db") == before
    with sqlite3.connect(data / "library.db") as conn:
        assert conn.execute("SELECT name FROM customer").fetchall() == [("Sophie Bakker",)]
