"""Team mode within one process: two desks (two data folders) on one database and one store of originals.

The two-process versions on PostgreSQL are in ``tests/team``; these run on SQLite, a folder share, and (when the
S3-protocol server is there) a bucket.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.errors import DatabaseError, EditConflict, MissingOriginals, UsageError
from desktop.report.data import ReportOptions
from desktop.services import case_edit, opinions
from desktop.services.audit import list_events
from desktop.services.cases import list_cases, list_media, open_case
from desktop.services.exporting import export_case
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.settings import save_team_settings, team_settings
from desktop.services.team import init_store, team_overview
from desktop.services.verify import repair_store, verify_store
from desktop.settings import AppPaths
from desktop.store.blobs import FolderStore, StoreUnavailable
from desktop.store.schema import Setting
from tests.gen import jpeg
from tests.servers import s3_location  # noqa: F401 - a fixture


def desk(tmp_path: Path, name: str, handler: str) -> Library:
    return Library(AppPaths(tmp_path / name), f"sqlite:///{(tmp_path / 'team.db').as_posix()}", handler)


def photos(folder: Path, n: int, seed: int = 0) -> Path:
    for i in range(n):
        jpeg(folder / f"IMG_{seed + i:04d}.jpg", seed=seed + i, taken=f"2026:03:14 10:{i:02d}:00")
    return folder


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


@pytest.fixture
def team(tmp_path):
    anna, bob = desk(tmp_path, "anna", "Anna"), desk(tmp_path, "bob", "Bob")
    yield anna, bob
    anna.close()
    bob.close()


def test_a_shared_folder_store_is_used_by_every_desk(team, tmp_path):
    anna, bob = team
    early = import_paths(anna, [photos(tmp_path / "before", 2)])  # imported before the team had a store
    share = tmp_path / "share" / "casedesk"
    setup = init_store(anna, str(share))
    assert setup.new and len(setup.copied) == 2 and setup.not_here == 0
    ref = import_paths(bob, [photos(tmp_path / "in", 3, seed=10)]).cases[0]  # bob's desk reads the store from the db
    assert {p.name for p in (tmp_path / "bob" / "originals").rglob("*") if p.is_file()} == set()
    assert len([b for b in FolderStore(share).iter_stored()]) == 5
    out = export_case(anna, ref, tmp_path / "case.pdf", ReportOptions(pdfa=False))
    assert pdf_images(out) == 3 and "could not be read" not in pdf_text(out)
    assert export_case(bob, early.cases[0], tmp_path / "early.pdf", ReportOptions(pdfa=False)).is_file()
    info = team_overview(bob)
    assert info["store"] == {"location": str(share), "kind": "folder", "shared": True, "store_id": setup.store_id,
                             "reached_at": str(share), "reachable": True, "problem": None}
    assert info["handler"] == "Bob" and info["settings"]["case_format"] == "{prefix}-{year}-{n:04d}"
    assert "store" not in info["settings"]
    again = init_store(bob, str(share))  # from the second desk: the same store, nothing new to copy
    assert (again.new, again.copied, again.store_id) == (False, [], setup.store_id)
    with pytest.raises(UsageError, match="already keeps its originals"):
        init_store(bob, str(tmp_path / "elsewhere"))
    with pytest.raises(UsageError, match="full path"):
        init_store(bob, "relative/share")
    with desk(tmp_path, "other", "Carla") as other:  # another team's database: not the same store by accident
        other_db = Library(AppPaths(tmp_path / "other2"), f"sqlite:///{(tmp_path / 'other.db').as_posix()}", "C")
        with other_db:
            with pytest.raises(UsageError, match="another Casedesk database"):
                init_store(other_db, str(share))
            taken = init_store(other_db, str(share), adopt=True)  # a new database server for the same team
            assert (taken.store_id, taken.new) == (setup.store_id, False)
        assert other.team.store == str(share)
    assert verify_store(bob).ok


def test_a_desk_whose_share_is_not_mounted_stops_and_writes_nothing_locally(team, tmp_path):
    anna, _ = team
    share = tmp_path / "share"
    init_store(anna, str(share))
    os.rename(share, tmp_path / "unmounted")
    carla = desk(tmp_path, "carla", "Carla")
    try:
        with pytest.raises(StoreUnavailable, match="is the share mounted"):
            import_paths(carla, [photos(tmp_path / "in", 1)])
        assert list_cases(carla) == [] and not share.exists()
        assert team_overview(carla)["store"]["reachable"] is False
    finally:
        carla.close()


def test_a_desk_that_mounts_the_share_elsewhere_says_where(team, tmp_path, monkeypatch):
    anna, _ = team
    share = tmp_path / "share"
    init_store(anna, str(share))
    ref = import_paths(anna, [photos(tmp_path / "in", 2)]).cases[0]
    os.rename(share, tmp_path / "Z")
    monkeypatch.setenv("CASEDESK_STORE_MOUNT", str(tmp_path / "Z"))
    with desk(tmp_path, "carla", "Carla") as carla:
        assert export_case(carla, ref, tmp_path / "c.pdf", ReportOptions(pdfa=False)).is_file()
        assert team_overview(carla)["store"]["reached_at"] == str(tmp_path / "Z")


def test_settings_saved_by_a_desk_never_move_the_store(team, tmp_path):
    anna, bob = team
    stale = replace(bob.team, answer_norm_minutes=15)  # read before the store was recorded
    init_store(anna, str(tmp_path / "share"))
    assert save_team_settings(bob, stale) == ["answer_norm_minutes"]
    assert team_settings(anna).store == str(tmp_path / "share")


def test_case_numbers_follow_the_team_format_and_skip_numbers_taken_by_hand(team, tmp_path):
    anna, bob = team
    save_team_settings(anna, replace(anna.team, case_prefix="SCH", case_format="{prefix}{yy}-{n:03d}"))
    team_settings(bob)
    yy = datetime.now().year % 100
    import_paths(bob, [photos(tmp_path / "x", 1, seed=50)], case_ref=f"SCH{yy:02d}-002")  # a number taken by hand
    first = import_paths(anna, [photos(tmp_path / "a", 1)]).cases
    second = import_paths(bob, [photos(tmp_path / "b", 1, seed=20)]).cases
    assert (first, second) == ([f"SCH{yy:02d}-003"], [f"SCH{yy:02d}-004"])
    with bob.unit(write=True) as uow:  # taken by hand where the counter stands: skipped inside a savepoint
        uow.cases.create(title="by hand", opened_at=datetime.now(), ref=f"SCH{yy:02d}-005")
    assert import_paths(anna, [photos(tmp_path / "c", 1, seed=30)]).cases == [f"SCH{yy:02d}-006"]
    with anna.unit(write=True) as uow:
        refs = [uow.cases.create(title=f"t{i}", opened_at=datetime(2030, 1, 1)).ref for i in range(2)]
        uow.cases.create(title="by hand", opened_at=datetime(2030, 1, 1), ref="SCH30-003")  # the next number
        refs.append(uow.cases.create(title="t", opened_at=datetime(2030, 1, 1)).ref)  # clashes, then skips it
        assert uow.cases.create(title="again", opened_at=datetime(2030, 1, 1), ref="SCH30-003").ref == "SCH30-003"
    assert refs == ["SCH30-001", "SCH30-002", "SCH30-004"]
    assert len([c for c in list_cases(anna) if c.ref.startswith("SCH30-")]) == 4  # nothing rolled back


def test_the_second_save_of_one_case_is_refused_with_the_fresh_values(team, tmp_path):
    anna, bob = team
    ref = import_paths(anna, [photos(tmp_path / "in", 1)]).cases[0]
    [seen_by_anna] = list_cases(anna)
    [seen_by_bob] = list_cases(bob)
    change = case_edit.update_case(bob, ref, expected_version=seen_by_bob.version, status="closed", title="Leak")
    assert change.version == seen_by_bob.version + 1
    with pytest.raises(EditConflict) as e:
        case_edit.update_case(anna, ref, expected_version=seen_by_anna.version, status="waiting-for-customer")
    message = str(e.value)
    assert message.startswith(f"{ref} was changed by Bob at ")
    assert "while you were editing: your change to status was not saved; current values: status: closed" in message
    assert e.value.current["status"] == "closed" and e.value.version == change.version
    assert list_cases(anna)[0].status == "closed" and list_cases(anna)[0].updated_by == "Bob"
    again = case_edit.update_case(anna, ref, expected_version=e.value.version, status="waiting-for-customer")
    case_edit.restore_case(anna, again)  # the undo puts back exactly what it replaced
    [now] = list_cases(bob)
    assert (now.status, now.title, now.version) == ("closed", "Leak", again.version + 1)
    with pytest.raises(EditConflict):
        case_edit.restore_case(anna, again)  # the case moved on since: the undo is refused, not forced


def test_assignment_lists_and_second_opinions(team, tmp_path):
    anna, bob = team
    ref, other = (import_paths(anna, [photos(tmp_path / d, 1, seed=s)]).cases[0] for d, s in (("a", 1), ("b", 9)))
    case_edit.update_case(anna, ref, handler="bob")
    assert [c.ref for c in list_cases(bob, mine=True)] == [ref]  # names compare without regard to case
    assert [c.ref for c in list_cases(anna, handler="Bob")] == [ref] and list_cases(anna, mine=True) == []
    asked = opinions.ask_opinion(anna, ref, "Bob", "Covered under the policy?")
    [case] = [c for c in list_cases(bob) if c.ref == ref]
    assert [o.id for o in case.opinions] == [asked.id] and case.to_json()["open_opinions"][0]["asked_by"] == "Anna"
    assert [o.id for o in opinions.list_opinions(bob, mine=True, open_only=True)] == [asked.id]
    answered = opinions.answer_opinion(bob, asked.id, "Yes, sudden damage.")
    assert (answered.answered_by, answered.answer, answered.open) == ("Bob", "Yes, sudden damage.", False)
    with pytest.raises(EditConflict, match="already answered by Bob"):
        opinions.answer_opinion(anna, asked.id, "No")
    assert opinions.list_opinions(anna, open_only=True) == [] and [c.opinions for c in list_cases(anna)] == [[], []]
    assert [o.answer for o in open_case(anna, ref).opinions] == ["Yes, sudden damage."]
    events = [(e.actor, e.action) for e in list_events(anna, ref)]
    assert ("Anna", "opinion-asked") in events and ("Bob", "opinion-answered") in events
    with pytest.raises(UsageError):
        opinions.ask_opinion(anna, other, "Bob", "  ")
    opinions.reopen_opinion(bob, asked.id)  # undo of the answer, then of the request
    opinions.withdraw_opinion(anna, asked.id)
    assert opinions.list_opinions(anna) == []


def test_an_export_that_cannot_read_an_original_stops_and_names_it(team, tmp_path):
    anna, bob = team
    init_store(anna, str(tmp_path / "share"))
    ref = import_paths(anna, [photos(tmp_path / "in", 3)]).cases[0]
    gone = list_media(anna, case_ref=ref)[1]
    assert anna.blobs.remove(gone.sha256)
    out = tmp_path / "case.pdf"
    with pytest.raises(MissingOriginals, match=rf"{ref} was not exported: 1 original\(s\) cannot be read") as e:
        export_case(bob, ref, out)
    assert gone.name in str(e.value) and e.value.missing == [(gone.name, gone.sha256)] and not out.exists()
    named: list[str] = []
    export_case(bob, ref, out, ReportOptions(pdfa=False), allow_missing=True, on_missing=named.extend)
    text = pdf_text(out)
    assert named == [gone.name] and pdf_images(out) == 2
    assert "1 original(s) could not be read from the store" in text and "missing from the store" in text
    assert not verify_store(anna).ok and verify_store(anna).missing == [gone.sha256]


def test_repair_removes_leftovers_of_failed_writes_and_keeps_what_an_import_may_be_saving(team, tmp_path):
    anna, _ = team
    share = tmp_path / "share"
    init_store(anna, str(share))
    import_paths(anna, [photos(tmp_path / "in", 2)])
    store = anna.blobs
    orphan = store.put_bytes(b"stored by an import whose transaction never committed")
    fresh = store.put_bytes(b"stored a moment ago by an import still saving")
    (share / ".incoming").mkdir(exist_ok=True)
    (share / ".incoming" / "in-killed").write_bytes(b"half a file")
    day_ago = datetime.now().timestamp() - 30 * 3600
    for p in (store.path_for(orphan), share / ".incoming" / "in-killed"):
        os.utime(p, (day_ago, day_ago))
    assert verify_store(anna).unreferenced == sorted([orphan, fresh])
    report = repair_store(anna)
    assert report.unreferenced_removed == [orphan] and report.unreferenced_kept == [fresh]
    assert report.temporaries_removed == [".incoming/in-killed"] and report.bytes_freed > 0
    assert verify_store(anna).ok and not store.exists(orphan) and store.exists(fresh)
    jpeg(tmp_path / "again" / "same.jpg", seed=77)
    sha = store.put_file(tmp_path / "again" / "same.jpg")[0]  # left by a failed import of this file ...
    os.utime(store.path_for(sha), (day_ago, day_ago))
    import_paths(anna, [tmp_path / "again"])  # ... adopted when it comes again
    assert repair_store(anna).unreferenced_removed == [] and store.exists(sha)


def test_originals_in_a_bucket_reach_the_other_desk_through_its_cache(team, tmp_path, s3_location):  # noqa: F811
    anna, bob = team
    import_paths(anna, [photos(tmp_path / "before", 1, seed=40)])
    setup = init_store(anna, s3_location)
    assert setup.new and len(setup.copied) == 1
    ref = import_paths(anna, [photos(tmp_path / "in", 3)]).cases[0]
    sha = list_media(bob, case_ref=ref)[0].sha256
    assert bob.original_path(sha) == bob.cache.path(sha) and not bob.original_path(sha).exists()
    out = export_case(bob, ref, tmp_path / "case.pdf", ReportOptions(pdfa=False))
    assert pdf_images(out) == 3 and bob.local_original(sha).read_bytes() == anna.blobs.read(sha)
    assert len(list(bob.cache.root.glob("??/*"))) == 3
    info = team_overview(bob)["store"]
    assert (info["kind"], info["reachable"], info["location"]) == ("s3", True, s3_location)
    result = verify_store(bob)
    assert result.ok and result.checked == 4


def test_a_database_error_is_one_sentence_without_sql(tmp_path):
    with Library(AppPaths(tmp_path / "lib")) as lib:
        with pytest.raises(DatabaseError) as e, lib.db.session() as s:
            s.add(Setting(key="team.default_region", value='"BE"'))  # the row exists: a duplicate key
            s.flush()
    text = str(e.value)
    assert text.startswith("the database refused the change") and "nothing was saved" in text
    assert "INSERT" not in text and "[SQL" not in text and "\n" not in text


def test_one_team_setting_is_changed_for_every_desk_and_bad_values_are_refused(team):
    from desktop.services.team import set_team_setting

    anna, bob = team
    save_team_settings(bob, replace(bob.team, answer_norm_minutes=45))  # bob's change to another setting ...
    assert set_team_setting(anna, "case_format", "{prefix}{yy}-{n:03d}") == ["case_format"]
    assert set_team_setting(anna, "business_names", '["Schadeafdeling"]') == ["business_names"]
    fresh = team_settings(bob)
    assert (fresh.case_format, fresh.business_names, fresh.answer_norm_minutes) == (
        "{prefix}{yy}-{n:03d}", ["Schadeafdeling"], 45)  # ... is kept
    for name, value, why in (("case_format", "{year}", "exactly once"), ("answer_norm_minutes", "abc", "not a value"),
                             ("store", "/x", "team init"), ("nonsense", "1", "no team setting"),
                             ("case_prefix", "A prefix far too long", "at most 20")):
        with pytest.raises(UsageError, match=why):
            set_team_setting(anna, name, value)


def test_the_window_locates_originals_of_a_bucket_on_a_worker(team, tmp_path, s3_location):  # noqa: F811
    from desktop.services.originals import local_original, locate

    anna, bob = team
    init_store(anna, s3_location)
    ref = import_paths(anna, [photos(tmp_path / "in", 1)]).cases[0]
    [m] = list_media(bob, case_ref=ref)
    thumb, original = locate(bob, m.sha256)  # bob's desk has no thumbnail: it gets the original to make one
    assert thumb == bob.thumb_path(m.sha256) and not thumb.exists()
    assert original == bob.cache.path(m.sha256) and original.read_bytes() == anna.blobs.read(m.sha256)
    assert locate(anna, m.sha256) == (anna.thumb_path(m.sha256), None)  # anna's import made it
    assert local_original(bob, m.sha256) == original
    anna.blobs.remove(m.sha256)
    for p in bob.cache.root.glob("??/*"):
        os.chmod(p, 0o644)
        p.unlink()
    assert locate(bob, m.sha256) == (thumb, None)


def test_copies_of_an_original_erased_on_another_desk_leave_this_desk(team, tmp_path, s3_location):  # noqa: F811
    from desktop.store.schema import Blob, MediaItem

    anna, bob = team
    init_store(anna, s3_location)
    ref = import_paths(anna, [photos(tmp_path / "in", 2)]).cases[0]
    export_case(bob, ref, tmp_path / "case.pdf", ReportOptions(pdfa=False))  # bob's cache now holds both
    erased, kept = (m.sha256 for m in list_media(bob, case_ref=ref))
    with anna.db.session() as s:  # what an erasure on anna's desk leaves: no row, no original
        s.query(MediaItem).filter(MediaItem.blob_sha256 == erased).delete()
        s.query(Blob).filter(Blob.sha256 == erased).delete()
    anna.blobs.remove(erased)
    thumb = bob.thumb_path(erased)
    thumb.parent.mkdir(parents=True, exist_ok=True)
    thumb.write_bytes(b"jpeg")
    hour_ago = datetime.now().timestamp() - 7200
    os.utime(thumb, (hour_ago, hour_ago))
    assert repair_store(bob).local_copies_removed == 2
    assert not bob.cache.path(erased).exists() and not thumb.exists() and bob.cache.path(kept).exists()
