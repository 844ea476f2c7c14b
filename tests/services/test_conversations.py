"""Who answered when, through the import service, with the team settings as a new library has them.

The fixture chats (shared authored exports, other parsers' files) and generated ones in the shapes the issue
names: the organisation recognised in 1:1 and group exports on both platforms, response times in working minutes,
one case per conversation, the open wait, re-evaluation after a settings change (and its exact undo), unreadable
exports reported and kept, and a customer first known by number and later by name.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.model import MediaRole
from desktop.intake.whatsapp import NO_MESSAGES
from desktop.services.cases import list_cases, list_customers, list_media, list_messages
from desktop.services.importing import import_paths
from desktop.services.settings import undo_settings_change, update_team_settings
from desktop.services.verify import verify_store
from tests.services.test_chat_import import EXPECTED, WA, build_export

# The organisation's sender in each authored export (read from the chats themselves: who answers the customer).
ORG = {
    "android-en-gb-24h-bom-crlf/WhatsApp Chat with Oliver Smith.txt": "Complaints Team",
    "android-en-us-12h/WhatsApp Chat with Emma de Vries.txt": "Claims Desk",
    "android-es-12h/Chat de WhatsApp con Sara López.txt": "Atención al Cliente",
    "android-fr-24h/Discussion WhatsApp avec Camille Martin.txt": "Service Clients",
    "android-nl-24h/WhatsApp-chat met +31 6 12345678.txt": "Schadeservice",
    "ios-de-24h/_chat.txt": "Reiseservice",
    "ios-es-24h/_chat.txt": "Atención al Cliente",
    "ios-nl-24h/_chat.txt": "Verzekeraar Schadedesk",
}
# First answer in working minutes, worked out by hand (Mon-Fri 08:30-17:30, Europe/Amsterdam, Dutch holidays).
HAND = {
    "android-en-gb-24h-bom-crlf/WhatsApp Chat with Oliver Smith.txt": 4365,  # Sat 2 Mar 10:01 -> Thu 14 Mar 09:15
    "ios-nl-24h/_chat.txt": 230.7,  # Mon 12 Aug 14:20:01 -> Tue 13 Aug 09:10:44: 189.98 + 40.73
    "android-nl-24h/WhatsApp-chat met +31 6 12345678.txt": 0,  # Wed 21:03 -> Thu 08:30, before the day starts
}


def export_folder(key: str, dest: Path) -> Path:
    return build_export(f"casedesk-authored/{key}", dest)


@pytest.mark.parametrize("key", sorted(ORG))
def test_the_organisation_answers_in_every_authored_export_without_settings(lib, tmp_path, key):
    import_paths(lib, [export_folder(key, tmp_path / "export")])
    rec = EXPECTED["files"][f"casedesk-authored/{key}"]
    partner = next(s for s in rec["senders"] if s != ORG[key])
    [customer] = list_customers(lib)
    assert customer.name == partner.strip("\u202a\u202c")
    for m in list_messages(lib):
        if m.kind != "system":
            assert m.from_customer == (m.sender != ORG[key]), (m.sender, m.text)
    cases = list_cases(lib)
    first = cases[0]
    assert first.first_answer_at is not None and first.first_answer_minutes is not None
    answer = next(m.sent_at for m in list_messages(lib, case_ref=first.ref)
                  if m.sender == ORG[key] and m.sent_at >= first.first_message_at)
    assert first.first_answer_at == answer
    wall = (first.first_answer_at - first.first_message_at).total_seconds() / 60
    assert 0 <= first.first_answer_minutes <= wall  # working time never exceeds the clock
    if key in HAND:
        assert first.first_answer_minutes == pytest.approx(HAND[key], abs=0.1)
    assert all(c.due_at is None and not any(b["open"] for b in c.breaches) for c in cases)  # old chats: no wait
    kept = list_media(lib, everything=True)
    assert [m.name for m in kept if m.role == MediaRole.CONTAINER] == [Path(key).name]


def test_a_late_answer_does_not_make_a_second_case(lib, tmp_path):
    """Oliver's export: the complaints team answers 11 days later. One conversation, one case, one breach."""
    key = "android-en-gb-24h-bom-crlf/WhatsApp Chat with Oliver Smith.txt"
    import_paths(lib, [export_folder(key, tmp_path / "export")])
    [case] = list_cases(lib)
    assert case.first_answer_minutes == 4365 and len(case.breaches) == 1
    assert len(list_messages(lib, case_ref=case.ref)) == EXPECTED["files"][f"casedesk-authored/{key}"]["entries"]


def test_a_customer_writing_after_a_silence_starts_a_new_case(lib, tmp_path):
    """Emma writes again after 12 days: her new messages are a new suggested case; the notice joins the first."""
    key = "android-en-us-12h/WhatsApp Chat with Emma de Vries.txt"
    import_paths(lib, [export_folder(key, tmp_path / "export")])
    first, second = list_cases(lib)
    assert list_messages(lib, case_ref=first.ref)[0].kind == "system"
    assert second.first_message_at == datetime(2024, 3, 14, 20, 2)
    assert second.first_answer_at == datetime(2024, 3, 14, 23, 59) and second.first_answer_minutes == 0


def chat_text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def write_export(folder: Path, name: str, lines: list[str], files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(chat_text(lines))
    for n, data in (files or {}).items():
        (folder / n).write_bytes(data)
    return folder


ANDROID_GROUP = [
    "03-06-2024 09:00 - Schadeservice Polder Verzekeringen heeft groep \"Schade Jansen\" aangemaakt",
    "03-06-2024 09:00 - Schadeservice Polder Verzekeringen heeft Piet Jansen toegevoegd",
    "03-06-2024 09:01 - Schadeservice Polder Verzekeringen heeft Marieke de Wit toegevoegd",
    "03-06-2024 09:05 - Piet Jansen: Goedemorgen, de storm heeft het dak beschadigd",
    "03-06-2024 09:06 - Piet Jansen: IMG-20240603-WA0001.jpg (bestand bijgevoegd)",
    "03-06-2024 09:30 - Marieke de Wit: Ik kom vanmiddag kijken.",
    "03-06-2024 10:20 - Schadeservice Polder Verzekeringen: Dank u, de expert is onderweg.",
    "04-06-2024 16:00 - Piet Jansen: Het lekt weer",
    "04-06-2024 16:10 - Marieke de Wit: Ik bel u zo.",
    "05-06-2024 08:45 - Schadeservice Polder Verzekeringen: Wij sturen een dakdekker.",
]
IOS_GROUP = [
    "\u200e[14/05/2024, 18:00:00] Hotel Sol Playa: \u200eMessages and calls are end-to-end encrypted.",
    "\u200e[14/05/2024, 18:00:00] Hotel Sol Playa: \u200eSunway Travel Care created group “Hotel Sol Playa”",
    "\u200e[14/05/2024, 18:00:05] Hotel Sol Playa: \u200eSunway Travel Care added Karin Mol and Joost Mol",
    "[14/05/2024, 18:02:11] Karin Mol: Our room smells of mould and the pool is closed.",
    "\u200e[14/05/2024, 18:02:30] Karin Mol: \u200e<attached: 00000005-PHOTO-2024-05-14-18-02-30.jpg>",
    "[14/05/2024, 18:03:00] Joost Mol: And nobody at the desk speaks to us.",
    "[15/05/2024, 09:05:00] Sunway Travel Care: We have called the hotel manager; he will see you at 10:00.",
]


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_group_exports_name_the_organisation_without_settings(lib, tmp_path, platform):
    from tests.gen import media_file_bytes

    if platform == "android":
        lines, name, photo = ANDROID_GROUP, "WhatsApp-chat met Schade Jansen.txt", "IMG-20240603-WA0001.jpg"
        org, customers = "Schadeservice Polder Verzekeringen", {"Piet Jansen", "Marieke de Wit"}
    else:
        lines, name, photo = IOS_GROUP, "_chat.txt", "00000005-PHOTO-2024-05-14-18-02-30.jpg"
        org, customers = "Sunway Travel Care", {"Karin Mol", "Joost Mol"}
    folder = write_export(tmp_path / "export", name, lines, {photo: media_file_bytes(photo, 1, tmp_path)})
    report = import_paths(lib, [folder])
    assert report.rejected == [] and report.imported == 1 and report.containers == 1
    msgs = [m for m in list_messages(lib) if m.kind != "system"]
    assert {m.sender for m in msgs if not m.from_customer} == {org}
    assert {m.sender for m in msgs if m.from_customer} == customers  # a colleague with a plain name: see below
    [case] = list_cases(lib)
    assert case.first_answer_at is not None and case.first_answer_minutes > 0


def test_settings_change_reevaluates_what_is_imported_and_undoes_exactly(lib, tmp_path):
    """The Android group: Marieke de Wit is the insurer's expert. Named in the settings, her messages become
    answers (the first answer is hers, 25 minutes after Piet's first message); the undo puts everything back."""
    from tests.gen import media_file_bytes

    photo = "IMG-20240603-WA0001.jpg"
    import_paths(lib, [write_export(tmp_path / "e", "WhatsApp-chat met Schade Jansen.txt", ANDROID_GROUP,
                                    {photo: media_file_bytes(photo, 1, tmp_path)})])
    [before] = list_cases(lib)
    assert before.first_answer_minutes == 75  # 09:05 -> 10:20, the insurer's account
    roles_before = [(m.id, m.from_customer) for m in list_messages(lib)]
    change = update_team_settings(lib, business_names=[*lib.team.business_names, "Marieke de Wit"])
    assert change.roles.messages == 2  # her two messages changed sides
    [after] = list_cases(lib)
    assert after.first_answer_minutes == 25 and not after.breaches
    assert all(not m.from_customer for m in list_messages(lib) if m.sender == "Marieke de Wit")
    undo_settings_change(lib, change)
    assert [(m.id, m.from_customer) for m in list_messages(lib)] == roles_before
    assert "Marieke de Wit" not in lib.team.business_names and list_cases(lib)[0].first_answer_minutes == 75


def test_settings_change_can_give_a_chat_another_customer(lib, tmp_path):
    """A group named after nobody, in which a colleague writes first: without settings the first writer is taken
    for the customer. Once the colleague is named, Piet is the customer of the case; the undo removes him again."""
    lines = [
        "10/06/2024, 11:00 - Anna Smit: Goedemorgen Piet, stuur de foto's maar hier.",
        "10/06/2024, 11:05 - Piet Jansen: Hierbij, het water staat in de kelder",
        "10/06/2024, 11:06 - Kees Bakker: Ik ben de buurman, bij mij ook",
        "10/06/2024, 11:30 - Anna Smit: Dank u, wij komen morgen.",
    ]
    import_paths(lib, [write_export(tmp_path / "e", "WhatsApp Chat with Kelder.txt", lines)])
    [case] = list_cases(lib)
    assert case.customer == "Anna Smit" and case.first_answer_at is None  # nobody is known to answer yet
    change = update_team_settings(lib, business_names=["Anna Smit"])
    [case] = list_cases(lib)
    assert case.customer == "Piet Jansen" and case.first_answer_minutes == 25
    assert {c.name for c in list_customers(lib) if c.cases} == {"Piet Jansen"}
    undo_settings_change(lib, change)
    [case] = list_cases(lib)
    assert case.customer == "Anna Smit" and [c.name for c in list_customers(lib)] == ["Anna Smit"]


def test_the_open_wait_has_a_due_time_and_an_old_one_does_not(lib, tmp_path):
    lines = [
        "03/06/2024, 10:00 - Lotte Vos: Mijn fiets is gestolen, wat nu?",  # Monday
        "03/06/2024, 10:20 - Claims Team: Heeft u aangifte gedaan?",
        "04/06/2024, 09:00 - Lotte Vos: Ja, hierbij het nummer: 2024-118822",  # Tuesday, unanswered
    ]
    import_paths(lib, [write_export(tmp_path / "e", "WhatsApp Chat with Lotte Vos.txt", lines)])
    [live] = list_cases(lib, now=datetime(2024, 6, 4, 11, 0))  # two working hours later
    assert live.waiting_since == datetime(2024, 6, 4, 9, 0)
    assert live.due_at.replace(tzinfo=None) == datetime(2024, 6, 4, 10, 0)
    open_breach = live.breaches[-1]
    assert open_breach["open"] and open_breach["working_minutes"] == 120
    [soon] = list_cases(lib, now=datetime(2024, 6, 4, 9, 30))
    assert soon.due_at is not None and not soon.breaches  # waiting, not yet late
    [old] = list_cases(lib, now=datetime(2026, 1, 5, 12, 0))  # imported long after: no years of overdue
    assert old.due_at is None and old.waiting_since is None and not old.breaches
    assert old.first_answer_minutes == 20


def test_an_unrecognised_export_is_reported_and_kept(lib, tmp_path):
    text = (Path(__file__).resolve().parents[1] / "fixtures/whatsapp-external/pustur-whatsapp-chat-parser/"
            "not-a-whatsapp-chat.txt").read_bytes()
    folder = tmp_path / "WhatsApp Chat - Ruud"
    folder.mkdir()
    (folder / "_chat.txt").write_bytes(text)
    from tests.gen import jpeg

    jpeg(folder / "00000002-PHOTO-2024-01-01-10-00-00.jpg", seed=4)
    report = import_paths(lib, [folder])
    [problem] = report.rejected
    assert problem.reason == NO_MESSAGES and problem.kept and problem.path.endswith("_chat.txt")
    items = {m.name: m for m in list_media(lib, everything=True)}
    assert items["_chat.txt"].role == MediaRole.CONTAINER and NO_MESSAGES in items["_chat.txt"].flags
    assert items["00000002-PHOTO-2024-01-01-10-00-00.jpg"].role == MediaRole.MEDIA
    [case] = list_cases(lib)
    assert case.customer == "Ruud" and case.media == 1
    assert verify_store(lib).checked == 2 and verify_store(lib).ok
    again = import_paths(lib, [folder])
    assert again.imported == 0 and again.already_present == 2 and len(list_cases(lib)) == 1


def test_a_chat_file_holding_binary_is_reported_and_kept(lib, tmp_path):
    from tests.gen import jpeg

    folder = tmp_path / "x"
    folder.mkdir()
    shutil.copy(jpeg(tmp_path / "p.jpg", seed=2), folder / "WhatsApp Chat with Bram.txt")
    report = import_paths(lib, [folder])
    [problem] = report.rejected
    assert "binary" in problem.reason and "JPEG" in problem.reason and problem.kept
    [item] = list_media(lib, everything=True)
    assert item.role == MediaRole.CONTAINER and item.flags == [problem.reason]


def test_a_number_first_and_the_saved_name_later_is_one_customer(lib, tmp_path):
    """The Dutch export under the customer's number, then a later export under her saved name in which she
    writes her number: the same customer, who now has a name."""
    key = "android-nl-24h/WhatsApp-chat met +31 6 12345678.txt"
    import_paths(lib, [export_folder(key, tmp_path / "a")])
    [first] = list_customers(lib)
    assert first.phone == "+31612345678"
    lines = [
        "10-03-2024 10:00 - Sanne de Vries: Goedemorgen, hier nog een foto. Mijn nummer blijft 06-12345678.",
        "10-03-2024 10:30 - Schadeservice: Dank u.",
    ]
    import_paths(lib, [write_export(tmp_path / "b", "WhatsApp-chat met Sanne de Vries.txt", lines)])
    [same] = list_customers(lib)
    assert same.id == first.id and same.name == "Sanne de Vries" and len(same.cases) == 2


def test_system_notices_long_before_the_conversation_make_no_case_of_their_own(lib, tmp_path):
    lines = [
        "[01-01-2023 12:00:00] Mila Peters: \u200eBerichten en oproepen zijn end-to-end versleuteld.",
        "[02-05-2024 10:00:00] Mila Peters: Mijn koffer is niet aangekomen",
        "[02-05-2024 10:40:00] Reisbureau Zon: Wij zoeken het uit.",
    ]
    import_paths(lib, [write_export(tmp_path / "WhatsApp Chat - Mila Peters", "_chat.txt", lines)])
    [case] = list_cases(lib)
    assert case.customer == "Mila Peters" and case.first_answer_minutes == 40
    assert len(list_messages(lib, case_ref=case.ref)) == 3


def test_every_fixture_chat_imports_with_its_text_kept(lib, tmp_path):
    """Every shared and external fixture chat as a folder export: nothing rejected except the ones that are not
    chats, and every chat text kept as a container of its case."""
    texts = [p for p in sorted(WA.rglob("*.txt")) if "LICENSE" not in p.name]
    external = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp-external"
    texts += [p for p in sorted(external.rglob("*.txt")) if "LICENSE" not in p.name]
    folders = []
    for i, p in enumerate(texts):
        d = tmp_path / f"e{i}"
        d.mkdir()
        shutil.copy(p, d / p.name)
        folders.append(d)
    report = import_paths(lib, folders)
    kept = list_media(lib, everything=True)
    assert {m.sha256 for m in kept} >= {__import__("hashlib").sha256(p.read_bytes()).hexdigest() for p in texts}
    assert all(p.kept for p in report.rejected), report.rejected
    assert verify_store(lib).ok


def test_a_zip_of_photos_is_kept_with_the_case_its_photos_make(lib, tmp_path):
    from tests.gen import jpeg, zip_of

    photos = [jpeg(tmp_path / f"p{i}.jpg", seed=i, taken=f"2024:05:01 10:0{i}:00") for i in (1, 2)]
    z = zip_of(tmp_path / "schade.zip", [(p.name, p.read_bytes()) for p in photos])
    report = import_paths(lib, [z])
    assert (report.imported, report.containers) == (2, 1)
    [case] = list_cases(lib)
    kept = {m.name: m for m in list_media(lib, everything=True)}
    assert kept["schade.zip"].role == MediaRole.CONTAINER and kept["schade.zip"].case_ref == case.ref
    assert case.media == 2 and verify_store(lib).checked == 3
    again = import_paths(lib, [z])
    assert (again.imported, again.containers, again.already_present) == (0, 0, 3)


def test_a_chat_the_customer_exported_with_the_organisation(lib, tmp_path):
    """The customer exported her chat with the travel company and sent it in: the file names the company."""
    lines = [
        "12/07/2024, 21:10 - Fleur Dekker: The hotel in Alanya has no hot water since Tuesday",
        "12/07/2024, 21:11 - Fleur Dekker: IMG-20240712-WA0001.jpg (file attached)",
        "13/07/2024, 09:20 - Sunway Travel Care: We are sorry, Fleur. We will call the hotel this morning.",
    ]
    import_paths(lib, [write_export(tmp_path / "e", "WhatsApp Chat with Sunway Travel Care.txt", lines)])
    [case] = list_cases(lib)
    assert case.customer == "Fleur Dekker" and case.title == "WhatsApp: Fleur Dekker"
    assert [m.from_customer for m in list_messages(lib)] == [True, True, False]
    assert case.first_answer_minutes == 0  # Friday 21:10, answered on Saturday: no working time in between


def test_a_zip_named_like_an_export_whose_text_is_not_recognised_is_reported(lib, tmp_path):
    from tests.gen import jpeg, zip_of

    photo = jpeg(tmp_path / "p.jpg", seed=3)
    z = zip_of(tmp_path / "WhatsApp Chat with Ruud.zip", [
        ("chat.txt", b"2024.01.05 10:00 Ruud > hallo\n2024.01.05 10:01 Ruud > foto\n"),
        ("IMG-20240105-WA0001.jpg", photo.read_bytes())])
    report = import_paths(lib, [z])
    [problem] = report.rejected
    assert problem.reason == NO_MESSAGES and problem.kept and problem.path.endswith("chat.txt")
    [case] = list_cases(lib)
    kept = {m.name: m.role for m in list_media(lib, everything=True)}
    assert kept == {"chat.txt": "container", "WhatsApp Chat with Ruud.zip": "container",
                    "IMG-20240105-WA0001.jpg": "media"}
    assert case.customer == "Ruud"
