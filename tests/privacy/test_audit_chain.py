"""The audit log is append-only and hash-chained: broken by hand (in SQLite and in PostgreSQL), verify says
where; two desks appending at once on PostgreSQL do not fork it; an erasure's scrub keeps it verifiable."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from desktop.services import case_edit
from desktop.services.audit import list_events
from desktop.services.library import Library
from desktop.services.verify import verify_audit
from desktop.settings import AppPaths
from tests.privacy.world import build

ROOT = Path(__file__).resolve().parents[2]


def problems(lib: Library) -> list[str]:
    return verify_audit(lib)[0].problems


def test_events_name_actor_case_and_customer(lib, tmp_path):
    emma, _ = build(lib, tmp_path)
    events = list_events(lib, emma.cases[0])
    assert [e.seq for e in list_events(lib)] == list(range(1, len(list_events(lib)) + 1))
    assert {e.case_ref for e in events} == {emma.cases[0]} and {e.actor for e in events} == {lib.handler}
    assert {e.customer_id for e in events} == {emma.id}
    assert set(events[0].to_json()) >= {"at", "actor", "action", "case", "details"}
    assert problems(lib) == []


def test_broken_by_hand_in_sqlite(lib, tmp_path):
    build(lib, tmp_path, close=False)
    db = sqlite3.connect(lib.paths.db_file)
    with db:
        db.execute("UPDATE audit_event SET detail = ? WHERE seq = 2", (json.dumps({"imported": 99}),))
    assert problems(lib) == ["audit event 2 (id 2): its details were changed"]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), db:
        db.execute("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), db:
        db.execute("DELETE FROM audit_event WHERE seq = 4")
    with db:  # someone who drops the triggers first
        db.execute("DROP TRIGGER audit_event_no_rewrite")
        db.execute("DROP TRIGGER audit_event_no_delete")
        db.execute("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3")
        db.execute("DELETE FROM audit_event WHERE seq = 5")
        db.execute("UPDATE audit_event SET scrubbed = 1, detail_salt = NULL WHERE seq = 6")
    db.close()
    found = problems(lib)
    assert "audit event 3 (id 3): its hash does not match its contents (time, actor, action, case or customer " \
           "was changed)" in found
    assert "audit event 6 (id 6): events 5..5 are missing" in found
    assert "audit event 6 (id 6): does not follow the event before it (the chain is broken)" in found
    assert "audit event 6 (id 6): marked as erased, but no erasure event names it" in found
    proc = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(lib.paths.data_dir), "verify",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert out["ok"] is False and out["missing"] == [] and out["audit"]["problems"] == found


def test_scrubbing_by_an_erasure_keeps_the_chain(lib, tmp_path):
    from desktop.services.erasure import erase_customer
    from tests.privacy.world import later

    emma, _ = build(lib, tmp_path)
    erase_customer(lib, emma.id, "asked", now=later())
    erased = [e for e in list_events(lib, customer_id=emma.id) if "[erased]" in json.dumps(e.detail)]
    assert erased and problems(lib) == []


def test_broken_by_hand_in_postgresql(pg_url, tmp_path):
    with Library(AppPaths(tmp_path / "lib"), pg_url) as lib:
        build(lib, tmp_path, close=False)
        assert problems(lib) == []
        engine = create_engine(pg_url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET detail = '{\"imported\": 99}' WHERE seq = 2"))
        assert problems(lib) == ["audit event 2 (id 2): its details were changed"]
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_event WHERE seq = 4"))
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET action = 'nothing' WHERE seq = 3"))
        with engine.begin() as conn:  # the table's owner can switch the trigger off: the chain still tells
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
            conn.execute(text("DELETE FROM audit_event WHERE seq = 4"))
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"))
        engine.dispose()
        found = problems(lib)
        assert "audit event 5 (id 5): events 4..4 are missing" in found
        assert "audit event 5 (id 5): does not follow the event before it (the chain is broken)" in found


def test_two_desks_appending_at_once_on_postgresql_keep_one_chain(pg_url, tmp_path):
    with Library(AppPaths(tmp_path / "a"), pg_url, handler="Anna") as a:
        emma, lars = build(a, tmp_path, close=False)
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def desk(name: str, ref: str) -> None:
            try:
                with Library(AppPaths(tmp_path / name), pg_url, handler=name) as lib:
                    start.wait()
                    for i in range(25):
                        case_edit.add_note(lib, ref, f"{name} {i}")
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)

        desks = [threading.Thread(target=desk, args=("Bo", emma.cases[0])),
                 threading.Thread(target=desk, args=("Cas", lars.cases[0]))]
        for t in desks:
            t.start()
        for t in desks:
            t.join()
        assert errors == []
        events = list_events(a)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert sum(e.actor == "Bo" for e in events) == 25 and sum(e.actor == "Cas" for e in events) == 25
        assert problems(a) == []


def test_events_from_before_the_chain_are_chained_by_the_migration(tmp_path):
    from alembic import command
    from alembic.config import Config

    from desktop.store.db import MIGRATIONS

    data = tmp_path / "lib"
    Library(AppPaths(data)).close()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{data / 'library.db'}")
    command.downgrade(cfg, "0001")  # as a library written before issue 14
    db = sqlite3.connect(data / "library.db")
    with db:
        db.execute("INSERT INTO case_ (id, ref, title, kind, status, opened_at) "
                   "VALUES (1, 'C-2024-0001', 't', 'claim', 'new', '2024-03-14T10:00:00')")
        for i, action in enumerate(["case-created", "import", "note-added"], 1):
            db.execute("INSERT INTO audit_event (at, actor, action, case_id, detail) VALUES (?, 'Anna', ?, 1, ?)",
                       (f"2024-03-14T10:0{i}:00", action, json.dumps({"n": i, "ü": "ß"}, ensure_ascii=False)))
    db.close()
    with Library(AppPaths(data)) as lib:
        events = list_events(lib)
        assert [(e.seq, e.action, e.detail) for e in events] == [
            (1, "case-created", {"n": 1, "ü": "ß"}), (2, "import", {"n": 2, "ü": "ß"}),
            (3, "note-added", {"n": 3, "ü": "ß"})]
        case_edit.add_note(lib, "C-2024-0001", "after the upgrade")
        assert [e.seq for e in list_events(lib)] == [1, 2, 3, 4] and problems(lib) == []
