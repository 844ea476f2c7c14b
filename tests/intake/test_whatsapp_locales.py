"""Header styles, markers and file names beyond the fixture set: each row is a line from another parser's test
suite or a public bug report (the evidence column of desktop/intake/FORMATS.md), or a locale's marker."""

from __future__ import annotations

import codecs
from datetime import datetime

import pytest

from desktop.intake.whatsapp import (
    NO_MESSAGES,
    ChatParseError,
    binary_reason,
    chat_name_from_filename,
    is_export_name,
    looks_like_chat,
    parse_chat,
)

# (line, default order, time, sender, text)
HEADERS = [
    # French: a word between date and time (JBGruber/rwhatsapp#8, mowolf/ChatAnalyzer#11)
    ("26/09/2019 à 22:39 - XXX: Salut :)", "MDY", "2019-09-26T22:39", "XXX", "Salut :)"),
    ("02.05.18 à 18:00 - Michel Sahli: message", "DMY", "2018-05-02T18:00", "Michel Sahli", "message"),
    ("12/07/2017 à 22:35 - Camille: bonsoir", "DMY", "2017-07-12T22:35", "Camille", "bonsoir"),
    # a.m./p.m. with any spacing: two spaces before the dash, NNBSP, NBSP, none
    ("12/07/2017, 10:36 p.m.  - Ann: late", "DMY", "2017-07-12T22:36", "Ann", "late"),
    ("12/07/2017, 10:36\u202fp.m. - Ann: late", "DMY", "2017-07-12T22:36", "Ann", "late"),
    ("12/07/2017, 10:36 p.\u202fm. - Ann: late", "DMY", "2017-07-12T22:36", "Ann", "late"),
    ("12/07/2017, 10:36\u00a0p.\u00a0m.\u00a0- Ann: late", "DMY", "2017-07-12T22:36", "Ann", "late"),
    ("12/07/2017, 10:36pm - Ann: late", "DMY", "2017-07-12T22:36", "Ann", "late"),
    ("12/07/2017,  10:36 AM  -  Ann: early", "DMY", "2017-07-12T10:36", "Ann", "early"),
    ("[3/6/18 1:55:00 p. m.] a: m", "DMY", "2018-06-03T13:55", "a", "m"),  # Pustur tests format7
    ("[3/6/18, 1:55:00\u202fPM]  Ann: two spaces", "DMY", "2018-06-03T13:55", "Ann", "two spaces"),
    # en-CA and en-ZA year-first (dimagi/open-chat-studio#221)
    ("2023-12-20, 5:46 p.m. - Farid: hi", "DMY", "2023-12-20T17:46", "Farid", "hi"),
    ("2023/12/20, 5:46 pm - Farid: hi", "DMY", "2023-12-20T17:46", "Farid", "hi"),
    # hour 13 written with p.m. (chat-miner test_dateformat4)
    ("[11/10/22 13:37:00 p.m.] John-John Doe: Lorem", "DMY", "2022-10-11T13:37", "John-John Doe", "Lorem"),
    # dotted times: Finnish klo, Indonesian, 12 h with dots (Pustur tests)
    ("13.6.2018 klo 21.25.15 - Mika: moi", "DMY", "2018-06-13T21:25:15", "Mika", "moi"),
    ("[12.3.2022 klo 14.08.18] Matias: hei", "DMY", "2022-03-12T14:08:18", "Matias", "hei"),
    ("30/08/25 18.00 - Budi: halo", "DMY", "2025-08-30T18:00", "Budi", "halo"),
    ("03-06-2018, 01.55 PM - a: m", "DMY", "2018-06-03T13:55", "a", "m"),
    ("12.12.12 22.35 - Jussi: hei", "DMY", "2012-12-12T22:35", "Jussi", "hei"),
    # Arabic: Arabic-Indic digits, RLM inside the date, Arabic comma, "م" for PM (mtln/chat-export tests)
    ("٢٤\u200f/٤\u200f/٢٠٢٢، ٢:٠٧ م - عمار لبنان: السلام", "DMY", "2022-04-24T14:07", "عمار لبنان", "السلام"),
    ("٢٤/٤/٢٠٢٢، ٩:١٥ ص - سلمى: مرحبا", "DMY", "2022-04-24T09:15", "سلمى", "مرحبا"),
    # localised AM/PM words
    ("3.4.2024 klo 9.05 ip. - Aino: moi", "DMY", "2024-04-03T21:05", "Aino", "moi"),
    ("2024-04-03 9:05 em - Sven: hej", "DMY", "2024-04-03T21:05", "Sven", "hej"),
    ("03.04.24, 9:05 nachm. - Jonas: hallo", "DMY", "2024-04-03T21:05", "Jonas", "hallo"),
    ("3/4/2024 9:05 μ.μ. - Νίκος: γεια", "DMY", "2024-04-03T21:05", "Νίκος", "γεια"),
    # iOS member not in contacts: "~ Name" (stepva/chatalysis#99)
    ("[13.06.2023, 18:08:08] ~\u202fYSL: Zdravime", "DMY", "2023-06-13T18:08:08", "~\u202fYSL", "Zdravime"),
    # Spanish Android without comma (JBGruber/rwhatsapp#9), German iOS 12 h (rodrigogs/whats-reader#78)
    ("18/12/19 15:57 - MARCELO gomez: Estoy de acuerdo!", "MDY", "2019-12-18T15:57", "MARCELO gomez", "Estoy de acuerdo!"),
    ("[05.08.23, 5:52:02 PM] Hana: Messages", "DMY", "2023-08-05T17:52:02", "Hana", "Messages"),
]


@pytest.mark.parametrize("line, order, t, sender, text", HEADERS)
def test_header_styles(line, order, t, sender, text):
    (e,) = parse_chat(line + "\n", default_order=order).entries
    assert (e.t, e.sender, e.text) == (datetime.fromisoformat(t), sender, text)


def test_two_spaces_do_not_swallow_a_message():
    chat = parse_chat("12/07/2017, 10:35 p.m. - Ann: one\n12/07/2017, 10:36 p.m.  - Bob: two\n"
                      "12/07/2017, 10:37\u202fp.m. - Ann: three\n")
    assert [(e.sender, e.text) for e in chat.entries] == [("Ann", "one"), ("Bob", "two"), ("Ann", "three")]


def test_french_export_reads_every_message():
    text = ("26/09/2019 à 22:39 - Les messages envoyés dans cette discussion et les appels sont désormais protégés "
            "avec le chiffrement de bout en bout. Appuyez pour plus d'informations.\n"
            "26/09/2019 à 22:39 - Camille: Salut :)\n26/09/2019 à 22:40 - Sinistres Assurance: Bonsoir\n")
    chat = parse_chat(text)
    assert [e.kind for e in chat.entries] == ["system", "text", "text"]
    assert chat.date_order_from_file == "DMY"


def test_impossible_hour_with_am_is_not_a_header():
    chat = parse_chat("[11/10/22 10:37:00 a.m.] A: x\n[11/10/22 13:37:00 a.m.] B: y\n")
    assert len(chat.entries) == 1 and chat.entries[0].lines == 2


def test_localised_am_pm_word_is_not_taken_from_a_name():
    (e,) = parse_chat("3/4/24, 10:15 - Emma: hi\n").entries
    assert e.sender == "Emma" and e.t.hour == 10


@pytest.mark.parametrize("text, kind", [
    ("<Medya dahil edilmedi>", "media_omitted"), ("<Без медиафайлов>", "media_omitted"),
    ("<Media tidak disertakan>", "media_omitted"), ("<Media jätetty pois>", "media_omitted"),
    ("<Mídia omitida>", "media_omitted"), ("<Media omesso>", "media_omitted"), ("<Fichier omis>", "media_omitted"),
    ("\u200eimmagine omessa", "media_omitted"), ("\u200eimagem ocultada", "media_omitted"),
    ("\u200eBild weggelassen", "media_omitted"),
    ("Questo messaggio è stato eliminato", "deleted"), ("Esta mensagem foi apagada", "deleted"),
    ("Это сообщение удалено", "deleted"), ("Bu mesaj silindi", "deleted"), ("Pesan ini telah dihapus", "deleted"),
    ("Tämä viesti poistettiin", "deleted"), ("Este mensaje fue eliminado", "deleted"),
    ("IMG-20240314-WA0003.jpg (file terlampir)", "attachment"),
    ("IMG-20240314-WA0003.jpg (ficheiro anexado)", "attachment"),
])
def test_localised_placeholders_and_markers(text, kind):
    (e,) = parse_chat(f"14/03/2024 10:12 - Ana: {text}\n").entries
    assert e.kind == kind


@pytest.mark.parametrize("name, expected", [
    ("Chat WhatsApp con Luca Bianchi.txt", "Luca Bianchi"),  # it
    ("Conversa no WhatsApp com Ana.zip", "Ana"),  # pt-PT
    ("Чат WhatsApp с Иван.txt", "Иван"),  # ru
    ("WhatsApp_Chat_with_Ann_Smith.txt", "Ann Smith"),  # underscores (re-saved by some tools)
    ("WhatsApp Chat - Schade Jansen.zip", "Schade Jansen"),  # iOS ZIP
    ("Discussion WhatsApp - Camille.zip", "Camille"),
    ("WhatsApp Chat with +31 6 12345678(2).txt", "+31 6 12345678"),
])
def test_more_chat_names(name, expected):
    assert chat_name_from_filename(name) == expected


def test_unrecognised_export_is_reported():
    with pytest.raises(ChatParseError) as err:
        parse_chat("2017-07-12T22:35 Ann says hello\n2017-07-12T22:36 Bob says hi\n")
    assert err.value.message == NO_MESSAGES


def test_export_named_files_are_chats_whatever_they_hold():
    garbage = b"Ann: hello\nBob: hi there\n"
    assert looks_like_chat("WhatsApp Chat with Ann.txt", garbage)
    assert looks_like_chat("_chat.txt", garbage)
    assert not looks_like_chat("notes.txt", garbage)
    assert is_export_name("Discussion WhatsApp avec Camille.txt") and not is_export_name("Camille.txt")


@pytest.mark.parametrize("data, what", [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "JPEG"),
    (b"SQLite format 3\x00" + bytes(100), "database"),
    (b"PK\x03\x04" + bytes(100), "ZIP"),
    (bytes(range(256)) * 4, None),
])
def test_binary_chat_file_is_reported(data, what):
    reason = binary_reason(data)
    assert reason is not None and reason.startswith("the chat file holds binary data")
    assert what is None or what in reason


def test_text_is_not_binary():
    text = "14/03/2024, 09:15 - Zoë: ça va? 👍\n\f\tok\r\n"
    for data in (text.encode(), codecs.BOM_UTF8 + text.encode(), text.encode("utf-16"), text.encode("cp1252",
                                                                                                        "replace")):
        assert binary_reason(data) is None
    assert binary_reason(b"") is None


def test_other_header_shape_by_a_known_sender_starts_a_message():
    chat = parse_chat("12/24/19, 11:23 - John Doe: one\n1/17/20, 20:49 - Jahn Doe: two\n"
                      "[09/10/22 10:37:00 p.m.] John Doe: three\n[6/30/24, 7:16:11 PM] Tom: pasted from elsewhere\n")
    assert [(e.sender, e.text) for e in chat.entries] == [
        ("John Doe", "one"), ("Jahn Doe", "two"),
        ("John Doe", "three\n[6/30/24, 7:16:11 PM] Tom: pasted from elsewhere")]
    assert chat.entries[2].t == datetime(2022, 9, 10, 22, 37)
