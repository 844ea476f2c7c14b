"""Undo anything: every kind of edit undone through the service puts every row back exactly, redo does it again,
and an undo that would clash with later work is refused with the reason."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from desktop.core.errors import UndoRefused
from desktop.services import case_edit, gap_split, undo
from desktop.services.audit import list_events
from desktop.services.cases import get_case, list_media
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.verify import verify_store
from desktop.settings import AppPaths
from tests.gen import jpeg, zip_of
from tests.services.undo_world import ACTIONS, assert_back, build, content, copy, item, state

PG_URL = os.environ.get("CASEDESK_TEST_PG_URL")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    root = tmp_path_factory.mktemp("undo-world")
    return root, build(root)


@pytest.fixture
def world(template, tmp_path):
    root, w = template
    lib = Library(AppPaths(copy(root, tmp_path)), handler="Anna")
    w = type(w)(w.kitchen, w.garden, w.chat, w.note, root / "later")
    yield lib, w
    lib.close()


@pytest.mark.parametrize("kind", list(ACTIONS))
def test_each_kind_is_undone_exactly_and_redone(world, kind):
    lib, w = world
    before = state(lib)
    ACTIONS[kind](lib, w)
    done = state(lib)
    assert done != before
    (last,) = undo.history(lib, limit=1)
    assert last.kind == kind and last.handler == "Anna" and last.text("nl") != last.text("en")
    undone = undo.undo_last(lib)
    assert undone.id == last.id and undone.undone_by == "Anna"
    assert_back(before, state(lib))
    assert undo.redo_last(lib).id == last.id
    assert content(state(lib)) == content(done)
    undo.undo(lib, last.id)
    assert_back(before, state(lib))
    audit = [e for e in list_events(lib) if e.action in ("undone", "redone")]
    assert [e.action for e in audit] == ["undone", "redone", "undone"]
    assert {e.detail["entry"] for e in audit} == {last.id} and {e.actor for e in audit} == {"Anna"}
    with pytest.raises(UndoRefused, match="already undone"):
        undo.undo(lib, last.id)


def test_undone_import_leaves_the_originals_and_can_be_imported_again(world):
    lib, w = world
    report = import_paths(lib, [w.sources / "Bathroom"])
    (ref,) = report.cases
    shas = {m.sha256 for m in list_media(lib, case_ref=ref)}
    assert undo.undo_last(lib).text() == f"Import of 2 files into {ref}"
    assert list_media(lib, case_ref=ref) == [] and get_case(lib, ref).status == "closed"
    assert all(lib.blobs.has(s) for s in shas) and verify_store(lib).ok
    again = import_paths(lib, [w.sources / "Bathroom"])
    assert again.imported == 2 and again.cases != [ref]
    with pytest.raises(UndoRefused, match="exist again|changed the same items"):
        undo.redo(lib, report.undo_id)


def test_a_later_edit_by_someone_else_blocks_the_undo_until_it_is_undone(world):
    lib, w = world
    g0 = item(lib, w.garden, "g0.jpg")
    case_edit.move_media(lib, [g0], w.kitchen)
    with Library(lib.paths, handler="Bram") as bram:
        case_edit.move_media(bram, [g0], w.chat)
        with pytest.raises(UndoRefused) as refused:
            undo.undo_last(lib)
        assert f"“Move 1 item to {w.chat}” (Bram," in str(refused.value) and "undo that first" in str(refused.value)
        assert undo.undo_last(bram).handler == "Bram"
    assert undo.undo_last(lib).kind == "move"
    assert item(lib, w.garden, "g0.jpg") == g0


def test_work_on_imported_items_blocks_the_undo_of_their_import(world):
    lib, w = world
    report = import_paths(lib, [w.sources / "Bathroom"])
    media = list_media(lib, case_ref=report.cases[0])
    case_edit.add_note(lib, report.cases[0], "On this photo", media_item_id=media[0].id)
    with pytest.raises(UndoRefused, match="Add note to"):
        undo.undo(lib, report.undo_id)
    case_edit.set_media(lib, media[1].id, included=False)  # another item, another column: no clash with the note
    undo.undo(lib, list(undo.history(lib, limit=2))[1].id)  # the note first
    with pytest.raises(UndoRefused, match="Leave b1.jpg out of the report"):
        undo.undo(lib, report.undo_id)


def test_a_change_outside_the_journal_is_refused_not_overwritten(world):
    lib, w = world
    case_edit.update_case(lib, w.kitchen, status="in-progress")
    with lib.db.engine.begin() as conn:
        conn.execute(text("UPDATE case_ SET status = 'waiting-for-customer' WHERE ref = :r"), {"r": w.kitchen})
    with pytest.raises(UndoRefused, match=f"{w.kitchen} changed outside this history"):
        undo.undo_last(lib)
    assert get_case(lib, w.kitchen).status == "waiting-for-customer"


def test_undo_is_per_handler_and_a_new_action_ends_the_redo(world):
    lib, w = world
    case_edit.update_case(lib, w.kitchen, status="in-progress")
    case_edit.update_case(lib, w.garden, status="in-progress")
    with Library(lib.paths, handler="Bram") as bram:
        with pytest.raises(UndoRefused, match="nothing to undo for Bram"):
            undo.undo_last(bram)
    undo.undo_last(lib)
    stack, index = undo.undo_stack(lib)
    assert [e.kind for e in stack][index:] == ["case-status"] and stack[index].case_ref == w.garden
    case_edit.update_case(lib, w.chat, status="closed")
    with pytest.raises(UndoRefused, match="nothing to redo"):
        undo.redo_last(lib)
    assert get_case(lib, w.garden).status == "new"


def test_an_edit_that_changes_nothing_writes_no_entry(world):
    lib, w = world
    n = len(undo.history(lib))
    case_edit.update_case(lib, w.kitchen, status="new")
    case_edit.move_media(lib, [item(lib, w.kitchen, "IMG_0001.JPG")], w.kitchen)
    assert len(undo.history(lib)) == n


def test_split_by_gaps_preview_then_split_and_undo(world):
    lib, w = world
    preview = gap_split.preview_split_by_gaps(lib, w.garden, 24)
    assert [(p.stays, len(p.media_ids), p.ref) for p in preview] == [(True, 2, w.garden), (False, 2, None)]
    assert preview[1].title == "Photos 13 November 2026"
    assert gap_split.preview_split_by_gaps(lib, w.garden, 100)[0].media_ids == sorted(preview[0].media_ids
                                                                                       + preview[1].media_ids)
    lib.prefs.language = "nl"
    assert gap_split.preview_split_by_gaps(lib, w.garden, 24)[1].title == "Foto's 13 november 2026"
    parts = gap_split.split_by_gaps(lib, w.garden, 24)
    assert parts[1].ref and {m.id for m in list_media(lib, case_ref=parts[1].ref)} == set(preview[1].media_ids)
    assert undo.history(lib, limit=1)[0].text("nl") == f"{w.garden} op tijdsgaten splitsen in 1 nieuwe zaak"
    with pytest.raises(Exception, match="nothing to split"):
        gap_split.split_by_gaps(lib, w.kitchen, 24)
    undo.undo_last(lib)
    assert len(list_media(lib, case_ref=w.garden)) == 4 and get_case(lib, parts[1].ref).status == "closed"


def test_a_reexport_that_brings_a_missing_file_is_undone_with_its_placeholder(lib, tmp_path):
    name = "WhatsApp Chat with Jan de Vries"
    lines = ["18/11/2026, 10:00 - Jan de Vries: IMG-20261118-WA0001.jpg (file attached)",
             "18/11/2026, 10:05 - Jan de Vries: Water damage in my bathroom."]
    photo = jpeg(tmp_path / "p.jpg", seed=5).read_bytes()
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    first = zip_of(tmp_path / "a" / f"{name}.zip", [(f"{name}.txt", ("\n".join(lines) + "\n").encode())])
    second = zip_of(tmp_path / "b" / f"{name}.zip", [(f"{name}.txt", ("\n".join(lines) + "\n").encode()),
                                                     ("IMG-20261118-WA0001.jpg", photo)])
    r1 = import_paths(lib, [first])
    assert r1.missing == ["IMG-20261118-WA0001.jpg"]
    before = state(lib)
    r2 = import_paths(lib, [second])
    assert r2.imported == 1 and r2.cases == r1.cases
    with pytest.raises(UndoRefused, match="changed the same items since"):
        undo.undo(lib, r1.undo_id)  # its message now carries the second export's file
    undo.undo(lib, r2.undo_id)
    assert_back(before, state(lib))  # the placeholder is back, with its id
    undo.undo(lib, r1.undo_id)
    assert list_media(lib) == [] and get_case(lib, r1.cases[0]).status == "closed"


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server (CASEDESK_TEST_PG_URL)")
def test_every_kind_on_postgres(tmp_path):
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    w = build(tmp_path, db_url=PG_URL)
    with Library(AppPaths(tmp_path / "lib"), PG_URL, handler="Anna") as lib:
        for kind, action in ACTIONS.items():
            before = state(lib)
            action(lib, w)
            done = state(lib)
            assert undo.undo_last(lib).kind == kind
            assert_back(before, state(lib))
            undo.redo_last(lib)
            assert content(state(lib)) == content(done), kind
            undo.undo_last(lib)
            assert_back(before, state(lib))


def test_a_new_reversible_action_is_one_track_block(lib):
    """How another edit joins the journal (here a team setting, a table keyed by name): ``track`` + ``watch``."""
    from dataclasses import replace

    from desktop.services import journal

    def set_case_gap(lib: Library, days: int) -> None:
        with lib.unit(write=True) as uow, journal.track(uow, "team-case-gap", days=days) as t:
            t.watch("setting", ["team.case_gap_days"], ["value"])
            uow.settings.save_team(replace(uow.settings.team(), case_gap_days=days))

    set_case_gap(lib, 3)
    with lib.unit() as uow:
        assert uow.settings.team().case_gap_days == 3
    assert undo.undo_last(lib).text() == "team-case-gap"  # no label in core.actions yet: its kind
    with lib.unit() as uow:
        assert uow.settings.team().case_gap_days == 7
    undo.redo_last(lib)
    with lib.unit() as uow:
        assert uow.settings.team().case_gap_days == 3
