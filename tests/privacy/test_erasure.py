"""The right to erasure: refused while a case is open, held or within retention, allowed with a legal basis;
afterwards not one byte of the customer's name, phone, e-mail or messages is left in the data folder (database,
WAL, originals, thumbnails, logs, tmp), the other customer is untouched, and verify passes."""

from __future__ import annotations

import logging

import pytest

from desktop.core.retention import ErasureRefused
from desktop.services import case_edit, retention
from desktop.services.audit import list_events
from desktop.services.cases import list_cases, list_customers, list_media, list_messages
from desktop.services.erasure import erase_customer
from desktop.services.verify import verify_library
from tests.privacy.world import build, everything, found, later


def test_refused_while_a_case_is_open(lib, tmp_path):
    emma, _ = build(lib, tmp_path, close=False)
    with pytest.raises(ErasureRefused) as refused:
        erase_customer(lib, emma.id, "asked by phone", override_basis="GDPR art. 17(1)(b)")
    assert f"case {emma.cases[0]} is still open (new); close it first" in str(refused.value)
    assert not refused.value.can_override
    assert [c.name for c in list_customers(lib)] == [emma.name, "Lars Jansen"]  # nothing happened


def test_refused_within_retention_allowed_with_a_basis(lib, tmp_path):
    emma, _ = build(lib, tmp_path)
    with pytest.raises(ErasureRefused) as refused:
        erase_customer(lib, emma.id, "asked by phone")
    message = str(refused.value)
    assert "is within its retention period until" in message and "(claim: 7 years after closing)" in message
    assert "--override-retention" in message and refused.value.can_override
    receipt = erase_customer(lib, emma.id, "asked by phone", override_basis="GDPR art. 17(1)(b)")
    assert receipt.basis == "GDPR art. 17(1)(b)" and receipt.customer_removed


def test_a_legal_hold_refuses_even_with_a_basis(lib, tmp_path):
    emma, _ = build(lib, tmp_path)
    retention.hold_case(lib, emma.cases[0], "court case 2026/0123")
    with pytest.raises(ErasureRefused, match="under a legal hold"):
        erase_customer(lib, emma.id, "asked", override_basis="GDPR art. 17(1)(b)", now=later())
    retention.release_case(lib, emma.cases[0])
    assert erase_customer(lib, emma.id, "asked", now=later()).customer_removed


def test_after_erasure_no_byte_of_her_is_left_and_lars_is_untouched(lib, tmp_path):
    emma, lars = build(lib, tmp_path)
    logging.getLogger("tests.privacy").warning("something about %s", emma.name)  # a slip into the log
    with open(lib.paths.logs / "casedesk.log", "a", encoding="utf-8") as log:
        log.write(f"2026-01-01 warning desktop.test: could not read WhatsApp Chat with {emma.name}.txt\n")
    data = everything(lib.paths.data_dir)
    assert all(found(data, s) for s in emma.secrets())  # there before, or the search proves nothing
    lars_messages = [m.text for m in list_messages(lib, case_ref=lars.cases[0])]
    lars_media = [(m.name, m.sha256) for m in list_media(lib, case_ref=lars.cases[0])]

    receipt = erase_customer(lib, emma.id, "she asked by e-mail", now=later())

    lib.close()  # every connection closed: what is on disk is all there is
    data = everything(lib.paths.data_dir)
    assert [s for s in emma.secrets() if found(data, s)] == []
    assert all(found(data, s) for s in lars.secrets())
    from desktop.services.library import Library

    with Library(lib.paths) as again:
        check = verify_library(again)
        assert check.ok, (check.blobs, check.audit.problems)
        assert [c.id for c in list_customers(again)] == [lars.id]
        assert [c.ref for c in list_cases(again)] == lars.cases
        assert [m.text for m in list_messages(again, case_ref=lars.cases[0])] == lars_messages
        assert [(m.name, m.sha256) for m in list_media(again, case_ref=lars.cases[0])] == lars_media
        events = list_events(again, customer_id=emma.id)
        assert events[-1].action == "customer-erased" and events[-1].detail["counts"]["messages"] == 5
        assert "[erased]" in str([e.detail for e in events])
        # the shared photo stays (Lars sent it too); her other one and her chat text are gone, file and thumbnail
        assert receipt.kept_originals == 1 and len(receipt.originals) == 2
        assert not any(again.original_path(sha).exists() for sha in receipt.originals)
        assert receipt.counts["messages"] == 5 and receipt.counts["media"] == 3 and receipt.counts["notes"] == 1
        assert receipt.database["vacuum"] is True and receipt.database["wal_emptied"] is True
        # asked again: the same receipt, nothing more to do
        assert erase_customer(again, emma.id, "again").to_json()["originals"] == receipt.originals


def test_a_note_in_another_case_loses_her_name_but_keeps_the_rest(lib, tmp_path):
    emma, lars = build(lib, tmp_path)
    erase_customer(lib, emma.id, "asked", now=later())
    [note] = case_edit.list_notes(lib, lars.cases[0])
    assert note.text == "Not the same bicycle as [erased]'s claim ([erased])"


def test_on_postgresql_her_rows_are_gone(pg_url, tmp_path):
    from sqlalchemy import create_engine, text

    from desktop.services.library import Library
    from desktop.settings import AppPaths

    with Library(AppPaths(tmp_path / "lib"), pg_url) as lib:
        emma, lars = build(lib, tmp_path)
        receipt = erase_customer(lib, emma.id, "asked", now=later())
        assert receipt.database == {"dialect": "postgresql", "vacuum": True}
        assert verify_library(lib).ok
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        tables = ["customer", "message", "media_item", "note", "case_", "source", "blob", "audit_event",
                  "alert", "erasure"]
        dump = " ".join(str(row) for t in tables for row in conn.execute(text(f'SELECT * FROM "{t}"')))
    engine.dispose()
    assert [s for s in emma.secrets() if s in dump] == []
    assert all(s in dump for s in (lars.name, lars.phone, lars.email, *lars.texts))


def test_her_undo_journal_goes_with_her_and_lars_keeps_his_undo(lib, tmp_path):
    """The undo journal keeps the values an undo puts back (a note's old text, a caption, the rows an undo
    removed, for its redo): after her erasure none of hers is left, in the database or anywhere in the folder,
    while Lars's own entry stays, scrubbed of her name, and can still be undone."""
    from desktop.services import undo

    emma, lars = build(lib, tmp_path)
    [her_note] = case_edit.list_notes(lib, emma.cases[0])
    [his_note] = case_edit.list_notes(lib, lars.cases[0])
    case_edit.edit_note(lib, her_note.id, "Called back, see the chat")  # the old text (her name) in the payload
    case_edit.set_media(lib, list_media(lib, case_ref=emma.cases[0])[0].id, caption=f"sent from {emma.written}")
    case_edit.add_note(lib, emma.cases[0], f"{emma.name} called again from {emma.phone}")
    undo.undo_last(lib)  # the removed note kept in the entry's undo state, for a redo
    case_edit.edit_note(lib, his_note.id, "Checked the frame number")  # his entry holds her name (old text)
    with lib.db.engine.connect() as conn:
        journal = " ".join(str(r) for r in conn.exec_driver_sql(
            "SELECT label, params, payload, undo_state FROM journal"))
    assert all(s in journal for s in (emma.name, emma.email, emma.written, emma.phone))  # the test can fail

    receipt = erase_customer(lib, emma.id, "she asked", now=later())
    assert receipt.counts["journal_entries"] >= 4  # her import, her note's edit, the caption, the undone note
    with lib.db.engine.connect() as conn:
        journal = " ".join(str(r) for r in conn.exec_driver_sql(
            "SELECT label, params, payload, undo_state FROM journal"))
        touched = " ".join(r[0] for r in conn.exec_driver_sql("SELECT row FROM journal_touch"))
    assert [s for s in emma.secrets() if s in journal] == []
    assert "[erased]" in journal and f"note:{his_note.id}" in touched
    lib.close()
    data = everything(lib.paths.data_dir)
    assert [s for s in emma.secrets() if found(data, s)] == []
    from desktop.services.library import Library

    with Library(lib.paths) as again:
        undone = undo.undo_last(again)  # his edit of his note: back to its old text, her name erased
        assert undone.kind == "note-edit"
        [note] = case_edit.list_notes(again, lars.cases[0])
        assert note.text == "Not the same bicycle as [erased]'s claim ([erased])"
        assert verify_library(again).ok
