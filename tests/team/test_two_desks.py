"""Two handlers, two processes, one PostgreSQL database and one store of originals (a folder both mount, or an
S3-compatible bucket): everything through the real ``casedesk`` command line.

Anna and Bob each have their own data folder (cache, preferences); what they share is only what the database
records. Each test makes its own database (``casedesk_team_*``) and bucket.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.services.audit import list_events
from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store.blobs import FolderStore
from desktop.store.blobs.s3 import S3Store
from tests.gen import jpeg
from tests.servers import pg_database, s3_client, s3_location  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 3

MEET_AT_FIRST_CASE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    barrier = Path(sys.argv[1])
    met = []
    @event.listens_for(Engine, "before_cursor_execute")
    def _meet_the_other_desk(conn, cursor, statement, params, context, executemany):
        if met or not statement.lstrip().startswith("INSERT INTO case_ "):
            return
        met.append(True)  # this desk has its number; wait until the other has one too, then both insert
        (barrier / str(os.getpid())).touch()
        deadline = time.monotonic() + 60
        while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.001)
    from desktop.__main__ import main
    sys.exit(main(sys.argv[2:]))
""")


class Desk:
    def __init__(self, root: Path, handler: str, url: str) -> None:
        self.data, self.handler, self.url = root / handler.lower(), handler, url

    def argv(self, *args: str) -> list[str]:
        return ["--handler", self.handler, "--data-dir", str(self.data), "--db-url", self.url, *args]

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "desktop", *self.argv(*args)], cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        if ok:
            assert proc.returncode == 0, proc.stderr
        return proc

    def json(self, *args: str):  # noqa: ANN201
        return json.loads(self.run(*args, "--json").stdout)


def photos(folder: Path, n: int, seed: int) -> Path:
    for i in range(n):
        jpeg(folder / f"IMG_{seed + i:04d}.jpg", seed=seed + i, taken=f"2026:03:14 10:{i:02d}:00")
    return folder


def pdf_images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(params=["folder", "s3"])
def store_location(request, tmp_path) -> str:
    if request.param == "folder":
        return str(tmp_path / "share" / "casedesk")
    return request.getfixturevalue("s3_location")


def two_desks(tmp_path: Path, url: str, location: str) -> tuple[Desk, Desk]:
    anna, bob = Desk(tmp_path, "Anna", url), Desk(tmp_path, "Bob", url)
    setup = anna.json("team", "init", "--store", location)
    assert setup["store"] == location.rstrip("/") and setup["new"] is True
    return anna, bob


@pytest.fixture
def desks(tmp_path, pg_database, store_location):  # noqa: F811
    """Anna and Bob on a store of each kind (for what depends on the store)."""
    return two_desks(tmp_path, pg_database(), store_location)


@pytest.fixture
def team(tmp_path, pg_database):  # noqa: F811
    """Anna and Bob on a shared folder (for what only the database decides)."""
    return two_desks(tmp_path, pg_database(), str(tmp_path / "share"))


def store_of(location: str):  # noqa: ANN201
    return S3Store(location) if location.startswith("s3://") else FolderStore(Path(location), create=False)


def test_bob_exports_every_photo_anna_imported(desks, tmp_path, store_location):
    anna, bob = desks
    report = anna.json("import", str(photos(tmp_path / "in", 4, seed=1)))
    [ref] = report["cases"]
    assert report["imported"] == 4
    out = tmp_path / "bob.pdf"
    exported = bob.json("export", ref, "-o", str(out), "--no-pdfa")
    assert exported["missing"] == [] and pdf_images(out) == 4
    assert "could not be read" not in pdf_text(out)
    shown = bob.json("team", "show")
    assert shown["store"]["location"] == store_location and shown["store"]["reachable"] is True
    assert shown["handler"] == "Bob" and shown["shared_database"] is True
    assert not any(p.is_file() for p in (bob.data / "originals").rglob("*"))  # nothing was kept on Bob's desk only
    verified = bob.json("verify")
    assert (verified["ok"], verified["checked"]) == (True, 4)


def test_an_export_that_cannot_read_an_original_fails_loudly_and_repair_tidies_the_store(desks, tmp_path,
                                                                                       store_location):
    anna, bob = desks
    [ref] = anna.json("import", str(photos(tmp_path / "in", 3, seed=20)))["cases"]
    media = anna.json("media", "--case", ref)
    gone = media[0]
    store = store_of(store_location)
    assert store.remove(gone["sha256"])
    out = tmp_path / "case.pdf"
    failed = bob.run("export", ref, "-o", str(out), ok=False)
    assert failed.returncode == 1 and not out.exists()
    assert gone["name"] in failed.stderr and "--allow-missing" in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1 and "Traceback" not in failed.stderr
    allowed = bob.run("export", ref, "-o", str(out), "--no-pdfa", "--allow-missing", "--json", ok=False)
    assert allowed.returncode == 1 and json.loads(allowed.stdout)["missing"] == [gone["name"]]
    assert pdf_images(out) == 2 and "could not be read from the store" in pdf_text(out)
    orphan = store.put_bytes(b"an original whose import never committed")
    if isinstance(store, FolderStore):
        (store.root / ".incoming").mkdir(exist_ok=True)
        (store.root / ".incoming" / "in-killed").write_bytes(b"half")
    else:
        s3_client().create_multipart_upload(Bucket=store.bucket, Key=store.key("b" * 64))
    checked = bob.run("verify", "--repair", "--older-than", "0", "--json", ok=False)
    assert checked.returncode == 1  # the missing original is still missing: import it again
    result = json.loads(checked.stdout)
    assert result["missing"] == [gone["sha256"]] and result["unreferenced"] == [orphan]
    assert result["repair"]["unreferenced_removed"] == [orphan] and len(result["repair"]["temporaries_removed"]) == 1
    assert not store.exists(orphan) and list(store.temporaries()) == []
    text = bob.run("verify", ok=False).stdout
    assert "MISSING" in text and gone["sha256"] in text


def test_both_desks_create_cases_at_the_same_moment(team, tmp_path):
    anna, bob = team
    refs: list[str] = []
    for n in range(ROUNDS):
        barrier = tmp_path / f"barrier{n}"
        barrier.mkdir()
        procs = []
        for i, d in enumerate((anna, bob)):
            folders = [str(photos(tmp_path / f"r{n}" / d.handler / f"visit{k}", 1, seed=1000 * n + 100 * i + k))
                       for k in range(3)]
            procs.append(subprocess.Popen([sys.executable, "-c", MEET_AT_FIRST_CASE, str(barrier),
                                           *d.argv("import", *folders, "--json")],
                                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        outs = [p.communicate(timeout=300) for p in procs]
        assert len(list(barrier.iterdir())) == 2  # both got as far as creating a case before either went on
        for p, (out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err
            report = json.loads(out)
            assert report["imported"] == 3 and len(report["cases"]) == 1  # one import, one case
            refs += report["cases"]
    assert len(set(refs)) == len(refs) == 2 * ROUNDS
    listed = anna.json("cases")
    assert sorted(c["ref"] for c in listed) == sorted(refs) and all(c["media"] == 3 for c in listed)


def test_the_second_save_gets_a_conflict_and_the_fresh_values(team, tmp_path):
    anna, bob = team
    [ref] = anna.json("import", str(photos(tmp_path / "in", 1, seed=40)))["cases"]
    [seen] = anna.json("cases")
    assert (seen["version"], seen["handler"]) == (1, None)
    saved = bob.json("case", "set", ref, "--status", "closed", "--handler", "Bob", "--if-version", str(seen["version"]))
    assert saved["saved"] is True and saved["version"] == 2
    late = anna.run("case", "set", ref, "--status", "waiting-for-customer", "--if-version", str(seen["version"]),
                    "--json", ok=False)
    assert late.returncode == 2
    assert f"{ref} was changed by Bob at " in late.stderr
    assert "your change to status was not saved; current values: status: closed" in late.stderr
    conflict = json.loads(late.stdout)
    assert (conflict["saved"], conflict["version"], conflict["current"]["status"]) == (False, 2, "closed")
    assert conflict["current"]["handler"] == "Bob" and conflict["current"]["updated_by"] == "Bob"
    [now] = bob.json("cases", "--mine")
    assert (now["ref"], now["status"], now["updated_by"]) == (ref, "closed", "Bob")
    assert anna.json("cases", "--mine") == []
    anna.run("case", "set", ref, "--status", "waiting-for-customer", "--if-version", "2")  # from the fresh values
    assert anna.json("cases")[0]["status"] == "waiting-for-customer"


def test_a_second_opinion_round_trip_and_the_audit_log_names_both(team, tmp_path):
    anna, bob = team
    [ref] = anna.json("import", str(photos(tmp_path / "in", 2, seed=60)))["cases"]
    asked = anna.json("case", "ask", ref, "--to", "Bob", "Is the water damage covered?")
    assert (asked["asked_by"], asked["asked_to"], asked["open"]) == ("Anna", "Bob", True)
    [inbox] = bob.json("opinions", "--mine", "--open")
    assert inbox["id"] == asked["id"] and inbox["question"] == "Is the water damage covered?"
    [case] = bob.json("cases")
    assert [o["id"] for o in case["open_opinions"]] == [asked["id"]]
    answered = bob.json("case", "answer", str(asked["id"]), "Yes: a sudden leak is covered.")
    assert (answered["answered_by"], answered["open"]) == ("Bob", False)
    again = anna.run("case", "answer", str(asked["id"]), "No", ok=False)
    assert again.returncode == 2 and "already answered by Bob" in again.stderr
    assert anna.json("opinions", "--open") == [] and anna.json("cases")[0]["open_opinions"] == []
    [done] = anna.json("opinions", "--mine")
    assert done["answer"] == "Yes: a sudden leak is covered."
    with Library(AppPaths(tmp_path / "reader"), anna.url, "reader") as lib:
        events = [(e.actor, e.action) for e in list_events(lib, ref)]
    assert ("Anna", "import") in events and ("Anna", "opinion-asked") in events
    assert ("Bob", "opinion-answered") in events
    assert {actor for actor, _ in events} == {"Anna", "Bob"}


def test_a_desk_that_cannot_reach_the_bucket_says_so_in_one_sentence(desks, tmp_path, store_location, monkeypatch):
    anna, _ = desks
    if not store_location.startswith("s3://"):
        os.rename(store_location, tmp_path / "unmounted")
        expected = "is the share mounted"
    else:
        monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
        expected = "cannot be reached"
    failed = anna.run("import", str(photos(tmp_path / "in", 1, seed=80)), ok=False)
    assert failed.returncode == 1 and expected in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert anna.json("cases") == []  # nothing half-imported
