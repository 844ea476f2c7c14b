"""Use cases as units of work: the case page and the export each read one snapshot, and every audit event
names the handler who made the change."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from desktop.core.model import AuditAction
from desktop.report.data import ReportOptions
from desktop.services import case_edit, customers, duplicates, opinions, undo
from desktop.services.audit import list_events
from desktop.services.cases import (
    get_case,
    list_cases,
    list_customers,
    list_media,
    list_messages,
    open_case,
    search_index,
)
from desktop.services.demo_media import camera_jpeg, scene, whatsapp_copy
from desktop.services.exporting import case_file_data, export_case
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.gen import picture, zip_of

HANDLER = "Anna de Boer"


def chat(folder: Path, customer: str, day: str, files: dict[str, bytes], words: str) -> Path:
    """An Android export of a 1:1 chat: the customer writes, sends the files, the claims team answers."""
    lines = [f"{day}, 09:40 - {customer}: {words}",
             *[f"{day}, 09:41 - {customer}: {name} (file attached)" for name in files],
             f"{day}, 09:50 - Claims Team: Thank you, we are on it."]
    folder.mkdir(parents=True, exist_ok=True)
    name = f"WhatsApp Chat with {customer}"
    return zip_of(folder / f"{name}.zip", [(f"{name}.txt", ("\n".join(lines) + "\n").encode()),
                                           *files.items()])


@pytest.fixture
def anna(tmp_path) -> Library:
    lib = Library(AppPaths(tmp_path / "lib"), handler=HANDLER)
    yield lib
    lib.close()


@pytest.fixture
def two_claims(anna, tmp_path) -> tuple[str, str]:
    """Sophie's claim (a camera photo sent twice, another photo) and Jan's, who sent the WhatsApp copy of
    Sophie's photo: an exact pair in one case and an alert on both."""
    kitchen = scene("kitchen", 3, (2400, 1800))
    photo = camera_jpeg(kitchen, "2026:11:16 09:30:12")
    sophie = chat(tmp_path / "a", "Sophie Bakker", "16/11/2026",
                  {"IMG-20261116-WA0001.jpg": photo, "IMG-20261116-WA0002.jpg": photo,
                   "IMG-20261116-WA0003.jpg": camera_jpeg(picture((2400, 1800), 5), "2026:11:16 09:31:00")},
                  "My washing machine flooded the kitchen.")
    jan = chat(tmp_path / "b", "Jan de Vries", "18/11/2026", {"IMG-20261118-WA0001.jpg": whatsapp_copy(kitchen)},
               "Water damage in my bathroom.")
    r1, r2 = import_paths(anna, [sophie]), import_paths(anna, [jan])
    assert not (r1.rejected or r2.rejected)
    return r1.cases[0], r2.cases[0]


def count_transactions(lib: Library) -> list[int]:
    """A counter of the transactions begun on the library's database from now on."""
    begun = [0]
    event.listen(lib.db.engine, "begin", lambda _conn: begun.__setitem__(0, begun[0] + 1))
    return begun


def test_open_case_is_one_snapshot_with_everything_the_page_shows(anna, two_claims):
    ref, other = two_claims
    case_edit.add_note(anna, ref, "Plumber comes Tuesday.")
    begun = count_transactions(anna)
    page = open_case(anna, ref)
    assert begun == [1]
    assert page.case == get_case(anna, ref)
    assert page.media == list_media(anna, case_ref=ref) and len(page.media) == 3
    assert page.messages == list_messages(anna, case_ref=ref)
    assert [n.text for n in page.notes] == ["Plumber comes Tuesday."] and page.notes[0].author == HANDLER
    assert page.customer is not None and page.customer.name == "Sophie Bakker"
    assert page.customer in list_customers(anna)
    assert [c.ref for c in page.history] == [c.ref for c in list_cases(anna) if c.customer_id == page.case.customer_id]
    assert page.groups == duplicates.list_groups(anna, ref) and [g.kind for g in page.groups] == ["exact"]
    assert page.alerts == duplicates.list_alerts(anna, ref)
    assert [a.other_case_ref for a in page.alerts] == [other, other]  # both copies of the photo


def test_export_gathers_its_data_in_one_snapshot(anna, two_claims, tmp_path):
    ref, _ = two_claims
    begun = count_transactions(anna)
    data = case_file_data(anna, ref)
    assert begun == [1]
    assert data.case.customer_name == "Sophie Bakker" and len(data.items) == 2 and data.case.set_aside == 1
    assert [m.text for m in data.messages][0] == "My washing machine flooded the kitchen."


def test_search_index_reads_messages_and_notes_at_once(anna, two_claims):
    ref, other = two_claims
    case_edit.add_note(anna, other, "Ask Jan for the invoice")
    begun = count_transactions(anna)
    index = search_index(anna)
    assert begun == [1]
    assert "washing machine" in index[ref] and "invoice" in index[other] and "invoice" not in index[ref]


def test_every_audit_event_names_the_handler(anna, two_claims, tmp_path):
    ref, other = two_claims
    media = list_media(anna, case_ref=ref)
    copy = next(m for m in media if m.duplicate_kind == "exact")
    keeper = next(m for m in media if m.id == copy.duplicate_of_id)
    case_edit.update_case(anna, ref, status="in-progress", answered=True)
    note = case_edit.add_note(anna, ref, "Called the customer.")
    case_edit.edit_note(anna, note, "Called the customer twice.")
    case_edit.delete_note(anna, case_edit.add_note(anna, ref, "A note in the wrong case."))
    case_edit.set_media(anna, keeper.id, caption="Kitchen floor")
    case_edit.set_rotation(anna, keeper.id, 90)
    duplicates.set_keeper(anna, copy.id)  # the exact copy becomes the keeper of its group
    case_edit.move_media(anna, [media[-1].id], other)
    record = case_edit.merge_cases(anna, other, ref)
    case_edit.undo_merge(anna, record)
    undo.redo(anna, record.entry_id)
    undo.undo_last(anna)
    new_ref = case_edit.split_case(anna, ref, list_messages(anna, case_ref=ref)[-1].id)
    export_case(anna, ref, tmp_path / "case.pdf", ReportOptions(pdfa=False))
    sophie, jan = list_customers(anna)
    customers.unmerge_customers(anna, customers.merge_customers(anna, jan.id, sophie.id))
    request = opinions.ask_opinion(anna, ref, "Bob", "Is this water damage covered?")
    opinions.answer_opinion(anna, request.id, "Yes: sudden leak, covered.")
    events = list_events(anna)
    assert {e.actor for e in events} == {HANDLER}
    privacy = {"customer-exported", "customer-erased", "case-purged", "case-held", "case-released"}  # tests/privacy
    unused = {"duplicate-restored", "settings-changed", "draft-written", "case-merge-undone"}  # the last: old logs
    assert {a.value for a in AuditAction} - {e.action for e in events} == unused | privacy
    assert {e.case_ref for e in events if e.action == AuditAction.CASE_SPLIT} == {ref, new_ref}
    assert [e.detail for e in list_events(anna, ref) if e.action == AuditAction.NOTE_ADDED][0]["note"] > 0


def test_the_handler_comes_from_the_environment_else_the_login(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEDESK_HANDLER", "Piet")
    with Library(AppPaths(tmp_path / "lib")) as lib:
        assert lib.handler == "Piet"
    monkeypatch.delenv("CASEDESK_HANDLER")
    with Library(AppPaths(tmp_path / "lib")) as lib:
        assert lib.handler and lib.handler != "Piet"
