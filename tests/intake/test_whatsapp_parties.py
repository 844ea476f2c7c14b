"""Who is who from the export itself: the fixture chats and generated 1:1 and group exports on both platforms,
all without any setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.parties import SELF, OrgIdentity, assign_roles
from desktop.intake.chat_export import read_chat_export
from desktop.intake.whatsapp import parse_chat
from desktop.intake.whatsapp_parties import chat_parties, phone_e164, phones_in
from tests.intake.test_whatsapp import EXPECTED, FIXTURES, needs_fixtures

# fixture -> (customers, organisation) with no settings
FIXTURE_ROLES = {
    "casedesk-authored/android-en-gb-24h-bom-crlf/WhatsApp Chat with Oliver Smith.txt": (["Oliver Smith"], ["Complaints Team"]),
    "casedesk-authored/android-en-us-12h/WhatsApp Chat with Emma de Vries.txt": (["Emma de Vries"], ["Claims Desk"]),
    "casedesk-authored/android-es-12h/Chat de WhatsApp con Sara López.txt": (["Sara López"], ["Atención al Cliente"]),
    "casedesk-authored/android-fr-24h/Discussion WhatsApp avec Camille Martin.txt": (["Camille Martin"], ["Service Clients"]),
    "casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt": (["+31 6 12345678"], ["Schadeservice"]),
    "casedesk-authored/ios-de-24h/_chat.txt": (["Jonas Weber"], ["Reiseservice"]),
    "casedesk-authored/ios-es-24h/_chat.txt": (["Alex Ruiz"], ["Atención al Cliente"]),
    "casedesk-authored/ios-nl-24h/_chat.txt": (["Sanne Jansen"], ["Verzekeraar Schadedesk"]),
    "casedesk-authored/ios-en-us-12h-group/_chat.txt": (["Tom Baker", "Lisa Baker"], []),
    "skowalak-whatsapp-to-sqlite/WhatsApp Chat mit Jane Doe.txt": (["Jane Doe"], ["John Doe"]),
}


@needs_fixtures
@pytest.mark.parametrize("rel", sorted(FIXTURE_ROLES))
def test_fixture_roles_without_settings(rel):
    export = read_chat_export(FIXTURES / rel, default_order=EXPECTED[rel]["date_order"])
    roles = assign_roles(export.parties)
    customers, org = FIXTURE_ROLES[rel]
    assert (sorted(roles.customers), sorted(roles.organisation)) == (sorted(customers), sorted(org))


@needs_fixtures
def test_fixture_group_evidence():
    group = read_chat_export(FIXTURES / "casedesk-authored/ios-en-us-12h-group/_chat.txt").parties
    assert group.group and group.creator == "Tom Baker" and group.added == ("Lisa Baker",)
    assert group.notice_name == "Hotel complaint Room 312" and group.partner_source == "notice"
    skow = read_chat_export(FIXTURES / "skowalak-whatsapp-to-sqlite/WhatsApp Chat mit Die üblichen Verdächtigen.txt")
    p = skow.parties
    assert p.group and p.creator == "Carlos Matos" and SELF in p.adders and SELF in p.added
    assert "Philip Cimiano" in p.added and "+4929386708440" in p.phones and "+493572678659" in p.phones
    one = read_chat_export(FIXTURES / "skowalak-whatsapp-to-sqlite/WhatsApp Chat mit Jane Doe.txt").parties
    assert not one.group and one.partner == "Jane Doe" and one.partner_source == "file"
    nl = read_chat_export(FIXTURES / "casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt").parties
    assert nl.partner_phone == "+31612345678" and nl.phones == ("+31612345678",)


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


LRM = "\u200e"


def test_android_one_to_one_named_by_file(tmp_path):
    chat = write(tmp_path, "WhatsApp Chat with Piet Jansen.txt", [
        "14/03/2024, 09:00 - Messages and calls are end-to-end encrypted.",
        "14/03/2024, 09:01 - Anna de Boer: Good morning, Polder here. How can we help?",
        "14/03/2024, 09:02 - Piet Jansen: My basement flooded",
        "14/03/2024, 09:03 - Piet Jansen: IMG-20240314-WA0001.jpg (file attached)",
        "14/03/2024, 09:30 - Anna de Boer: Thank you, we will send an expert",
    ])
    roles = assign_roles(read_chat_export(chat).parties)
    assert (roles.rule, roles.customer, roles.organisation) == ("partner", "Piet Jansen", ("Anna de Boer",))


def test_ios_one_to_one_named_by_zip_or_by_its_notices(tmp_path):
    lines = [
        f"{LRM}[14.03.24, 09:00:00] Piet Jansen: {LRM}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
        "[14.03.24, 09:01:10] Piet Jansen: Mein Keller ist voll Wasser",
        f"{LRM}[14.03.24, 09:01:30] Piet Jansen: {LRM}<Anhang: 00000003-PHOTO-2024-03-14-09-01-30.jpg>",
        "[14.03.24, 09:20:00] Anna de Boer: Danke, wir melden uns",
    ]
    chat = write(tmp_path / "x", "_chat.txt", lines)
    for export in (read_chat_export(chat, chat_name="Piet Jansen"), read_chat_export(chat)):
        roles = assign_roles(export.parties)
        assert (roles.rule, roles.customer, roles.organisation) == ("partner", "Piet Jansen", ("Anna de Boer",))
    folder = write(tmp_path / "WhatsApp Chat - Piet Jansen", "_chat.txt", lines)
    assert read_chat_export(folder).parties.partner_source == "folder"


def test_android_group_named_after_the_customer(tmp_path):
    chat = write(tmp_path, "WhatsApp Chat with Schade Jansen.txt", [
        '14/03/2024, 09:00 - Anna de Boer created group "Schade Jansen"',
        "14/03/2024, 09:00 - Anna de Boer added Piet Jansen, Bob Expert and Marie Jansen",
        "14/03/2024, 09:05 - Anna de Boer: Welcome, Bob will assess the damage",
        "14/03/2024, 09:06 - Piet Jansen: Thanks",
        "14/03/2024, 09:07 - Marie Jansen: IMG-20240314-WA0002.jpg (file attached)",
        "14/03/2024, 09:30 - Bob Expert: I can come tomorrow",
    ])
    p = read_chat_export(chat).parties
    assert p.group and p.creator == "Anna de Boer" and p.added == ("Piet Jansen", "Bob Expert", "Marie Jansen")
    roles = assign_roles(p)
    assert roles.rule == "group-name"
    assert set(roles.customers) == {"Piet Jansen", "Marie Jansen"}
    assert set(roles.organisation) == {"Anna de Boer", "Bob Expert"}


def test_ios_group_created_by_the_exporter(tmp_path):
    chat = write(tmp_path, "_chat.txt", [
        f"{LRM}[14/03/2024, 09:00:00] Claim 4711: {LRM}Messages and calls are end-to-end encrypted.",
        f"{LRM}[14/03/2024, 09:00:00] Claim 4711: {LRM}You created group “Claim 4711”",
        f"{LRM}[14/03/2024, 09:00:05] Claim 4711: {LRM}You added Piet Jansen",
        f"{LRM}[14/03/2024, 09:00:06] Claim 4711: {LRM}You added Marie Jansen",
        "[14/03/2024, 09:01:00] Anna de Boer: Please send photos of the damage here",
        f"{LRM}[14/03/2024, 09:05:00] Piet Jansen: {LRM}<attached: 00000005-PHOTO-2024-03-14-09-05-00.jpg>",
        "[14/03/2024, 09:06:00] Marie Jansen: And the kitchen",
    ])
    p = read_chat_export(chat, chat_name="Claim 4711").parties
    assert p.group and p.creator == SELF
    roles = assign_roles(p)
    assert (roles.rule, roles.organisation, set(roles.customers)) == ("creator", ("Anna de Boer",),
                                                                       {"Piet Jansen", "Marie Jansen"})


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_group_with_an_organisation_name(tmp_path, platform):
    if platform == "android":
        lines = ["30/06/2024, 19:15 - Tom Baker created group \"Hotel Miramar\"",
                 "30/06/2024, 19:15 - Tom Baker added Lisa Baker and Sunway Travel Care",
                 "30/06/2024, 19:16 - Tom Baker: The bathroom is dirty",
                 "30/06/2024, 19:17 - Lisa Baker: And the AC does not work",
                 "30/06/2024, 19:40 - Sunway Travel Care: We are calling the hotel now"]
    else:
        lines = [f"{LRM}[30/06/2024, 19:15:00] Hotel Miramar: {LRM}Tom Baker created group “Hotel Miramar”",
                 "[30/06/2024, 19:16:00] Tom Baker: The bathroom is dirty",
                 "[30/06/2024, 19:17:00] Lisa Baker: And the AC does not work",
                 "[30/06/2024, 19:40:00] Sunway Travel Care: We are calling the hotel now"]
    roles = assign_roles(read_chat_export(write(tmp_path, "WhatsApp Chat with Hotel Miramar.txt", lines)).parties)
    assert (roles.rule, roles.organisation) == ("org-name", ("Sunway Travel Care",))
    assert set(roles.customers) == {"Tom Baker", "Lisa Baker"}


def test_settings_change_re_evaluates_a_group(tmp_path):
    chat = write(tmp_path, "WhatsApp Chat with Hotel complaint.txt", [
        '30/06/2024, 19:15 - Tom Baker created group "Hotel complaint"',
        "30/06/2024, 19:16 - Tom Baker: The bathroom is dirty",
        "30/06/2024, 19:17 - Lisa Baker: Indeed",
        "30/06/2024, 19:40 - Kim: We are on it",
    ])
    p = read_chat_export(chat).parties
    assert assign_roles(p).organisation == ()
    roles = assign_roles(p, OrgIdentity(names=("Kim",)))
    assert roles.organisation == ("Kim",) and roles.from_customer("Tom Baker") and not roles.from_customer("Kim")


@pytest.mark.parametrize("notice, creator, adders, added", [
    ("Du hast die Gruppe „Schaden“ erstellt.", SELF, (), ()),
    ("Je hebt groep 'Schade' aangemaakt", SELF, (), ()),
    ("Vous avez créé le groupe « Sinistre »", SELF, (), ()),
    ("Creaste el grupo “Siniestro”", SELF, (), ()),
    ("Hai creato il gruppo “Sinistro”", SELF, (), ()),
    ("Você criou o grupo “Sinistro”", SELF, (), ()),
    ("Anna heeft Piet toegevoegd", None, ("Anna",), ("Piet",)),
    ("Anna a ajouté Pierre", None, ("Anna",), ("Pierre",)),
    ("Anna añadió a Pedro", None, ("Anna",), ("Pedro",)),
    ("Anna ha aggiunto Pietro", None, ("Anna",), ("Pietro",)),
    ("Anna adicionou Pedro", None, ("Anna",), ("Pedro",)),
    ("Anna hat dich hinzugefügt.", None, ("Anna",), (SELF,)),
    ("Piet Jansen joined using this group's invite link", None, (), ("Piet Jansen",)),
])
def test_localised_group_notices(notice, creator, adders, added):
    chat = parse_chat(f"14/03/2024, 09:00 - {notice}\n14/03/2024, 09:01 - Anna: hoi\n")
    p = chat_parties(chat)
    assert p.group and (p.creator, p.adders, p.added) == (creator, adders, added)


def test_one_to_one_notices_are_not_group_evidence():
    chat = parse_chat("14/03/2024, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this "
                      "chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
                      "14/03/2024, 09:00 - Piet changed their phone number to a new number. Tap to message or add "
                      "the new number.\n14/03/2024, 09:01 - Piet: hoi\n14/03/2024, 09:02 - Desk: hallo\n")
    assert not chat_parties(chat).group


def test_phone_numbers():
    assert phone_e164("06-12345678") == "+31612345678"
    assert phone_e164("+49\u00a02938\u00a06708440") == "+4929386708440"
    assert phone_e164("12-08-2024") is None and phone_e164("Piet") is None and phone_e164("1234") is None
    assert phones_in("call 06 12345678 or +44 20 7946 0958 before 14.03.2024") == ["+31612345678", "+442079460958"]
    assert phones_in("ref 2024/123456, 10:15") == []


def test_self_forms_without_a_pronoun():
    for notice, added in (("Añadiste a Pedro y Ana", ("Pedro", "Ana")), ("Hai aggiunto Pietro", ("Pietro",))):
        p = chat_parties(parse_chat(f"14/03/2024, 09:00 - {notice}\n14/03/2024, 09:01 - Anna: hoi\n"))
        assert (p.adders, p.added) == ((SELF,), added)


@pytest.mark.parametrize("zip_name, inner", [
    ("WhatsApp Chat - Piet Jansen.zip", "_chat.txt"),  # iOS
    ("WhatsApp Chat with Piet Jansen.zip", "WhatsApp Chat with Piet Jansen.txt"),  # Android
    ("WhatsApp-chat met Piet Jansen.zip", "WhatsApp-chat met Piet Jansen.txt"),  # Android nl
    ("Conversa do WhatsApp com Piet Jansen.zip", "_chat.txt"),
])
def test_zip_exports_name_the_customer(tmp_path, zip_name, inner):
    import zipfile

    from desktop.intake.archive import extract_zip
    from desktop.intake.chat_export import find_chat_exports
    from desktop.intake.whatsapp import chat_name_from_filename

    ios = inner == "_chat.txt"
    lines = ([f"{LRM}[14/03/2024, 09:00:00] Piet Jansen: {LRM}Messages and calls are end-to-end encrypted.",
              "[14/03/2024, 09:01:00] Piet Jansen: Water in de kelder",
              "[14/03/2024, 09:20:00] Schade Anna: Dank u, we sturen een expert"] if ios else
             ["14/03/2024, 09:01 - Piet Jansen: Water in de kelder",
              "14/03/2024, 09:20 - Anna: Dank u, we sturen een expert"])
    zpath = tmp_path / zip_name
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr(inner, "\n".join(lines) + "\n")
        z.writestr("00000003-PHOTO-2024-03-14-09-01-30.jpg", b"\xff\xd8\xff\xe0 not decoded here")
    out = tmp_path / "x"
    extract_zip(zpath, out)
    (chat_file,) = find_chat_exports(out)
    export = read_chat_export(chat_file, chat_name=chat_name_from_filename(zpath.name))
    roles = assign_roles(export.parties)
    assert (roles.rule, roles.customer, len(roles.organisation)) == ("partner", "Piet Jansen", 1)
