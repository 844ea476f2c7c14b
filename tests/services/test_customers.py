"""Customers: found by a phone number in any notation, an address or part of a name; two records merged into
one (audited) and taken apart again exactly."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from desktop.core.errors import UsageError
from desktop.core.model import AuditAction
from desktop.services.audit import list_events
from desktop.services.cases import list_cases, list_customers, list_media, list_messages
from desktop.services.customers import find_customers, last_merge_of, merge_customers, unmerge_customers
from desktop.services.importing import import_paths
from tests.intake.mailgen import simple_eml
from tests.services.test_chat_import import build_export

NL_CHAT = "casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt"


@pytest.fixture
def two_records(lib, tmp_path):
    """The same person twice: on WhatsApp under her number, and by e-mail under her name."""
    import_paths(lib, [build_export(NL_CHAT, tmp_path / "chat")])
    mail = tmp_path / "mail.eml"
    mail.write_bytes(simple_eml("Sanne de Vries <Sanne.deVries@Example.NL>", "schade@verzekeraar.example",
                                "Waterschade keuken", datetime(2024, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))),
                                message_id="<s1@example.nl>"))
    import_paths(lib, [mail])
    by_phone, by_mail = list_customers(lib)
    assert by_phone.phone == "+31612345678" and by_mail.email == "sanne.devries@example.nl"
    return by_phone, by_mail


@pytest.mark.parametrize("text", ["+31 6 12345678", "06-12345678", "0031612345678", "(06) 1234 5678", "612345678"])
def test_find_by_phone_in_any_notation(lib, two_records, text):
    assert [c.id for c in find_customers(lib, text)] == [two_records[0].id]


@pytest.mark.parametrize("text", ["sanne.devries@example.nl", "SANNE.DEVRIES@example.NL", "example.nl", "devries"])
def test_find_by_email(lib, two_records, text):
    assert [c.id for c in find_customers(lib, text)] == [two_records[1].id]


def test_find_by_part_of_a_name_ignores_case_and_accents(lib, two_records):
    assert [c.id for c in find_customers(lib, "de vries")] == [two_records[1].id]
    assert [c.id for c in find_customers(lib, "SANNÉ")] == [two_records[1].id]
    assert find_customers(lib, "Jansen") == [] and find_customers(lib, "0612") == []
    with pytest.raises(UsageError):
        find_customers(lib, "  ")


def test_merge_moves_everything_and_undo_puts_it_back_exactly(lib, two_records):
    by_phone, by_mail = two_records
    before = {
        "cases": {c.ref: c.customer_id for c in list_cases(lib)},
        "customers": [(c.id, c.name, c.phone, c.email, c.cases) for c in list_customers(lib)],
        "media": {m.id: m.case_ref for m in list_media(lib, everything=True)},
    }
    rec = merge_customers(lib, by_phone.id, by_mail.id)
    [merged] = list_customers(lib)
    assert merged.id == by_mail.id and merged.phones == ["+31612345678"] and len(merged.cases) == 2
    assert {c.customer_id for c in list_cases(lib)} == {by_mail.id}
    assert {m.sender for m in list_messages(lib)} >= {"+31 6 12345678", "Sanne de Vries"}
    assert [c.id for c in find_customers(lib, "06 12345678")] == [by_mail.id]  # the number finds her still
    assert last_merge_of(lib, by_phone.id) == rec
    with pytest.raises(UsageError):
        merge_customers(lib, by_phone.id, by_mail.id)  # already merged
    unmerge_customers(lib, rec)
    assert {c.ref: c.customer_id for c in list_cases(lib)} == before["cases"]
    assert [(c.id, c.name, c.phone, c.email, c.cases) for c in list_customers(lib)] == before["customers"]
    assert {m.id: m.case_ref for m in list_media(lib, everything=True)} == before["media"]
    actions = [e.action for e in list_events(lib)]
    assert actions.count(AuditAction.CUSTOMER_MERGED) == actions.count(AuditAction.CUSTOMER_MERGE_UNDONE) == 1
    with pytest.raises(UsageError):
        unmerge_customers(lib, rec)  # not merged any more


def test_a_new_chat_under_a_merged_number_goes_to_the_merged_customer(lib, two_records, tmp_path):
    by_phone, by_mail = two_records
    merge_customers(lib, by_phone.id, by_mail.id)
    reexport = "casedesk-authored/android-nl-24h-reexport/WhatsApp-chat met +31 6 12345678.txt"
    import_paths(lib, [build_export(reexport, tmp_path / "again")])
    assert [c.id for c in list_customers(lib)] == [by_mail.id]
    assert {c.customer_id for c in list_cases(lib)} == {by_mail.id}


def test_merging_a_customer_into_itself_or_nobody_is_refused(lib, two_records):
    from desktop.core.errors import NotFound

    with pytest.raises(UsageError):
        merge_customers(lib, two_records[0].id, two_records[0].id)
    with pytest.raises(NotFound):
        merge_customers(lib, two_records[0].id, 999)
