"""WhatsApp chat parser: every fixture against expected.json, every header format, markers, encodings."""

from __future__ import annotations

import codecs
import json
import os
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from desktop.intake.whatsapp import (
    ChatParseError,
    chat_name_from_filename,
    decode_chat_bytes,
    looks_like_chat,
    parse_chat,
    split_lines,
)
from desktop.intake.whatsapp_formats import BIDI_CHARS


def fixtures_dir() -> Path:
    shared = os.environ.get("CASEDESK_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    return base / "fixtures" / "whatsapp"


FIXTURES = fixtures_dir()
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))["files"] if FIXTURES.is_dir() else {}
needs_fixtures = pytest.mark.skipif(not EXPECTED, reason=f"fixtures not found at {FIXTURES}")


def load(rel: str, **kw):
    exp = EXPECTED[rel]
    if exp["date_order_from_file"] is None and exp["date_order"]:
        kw.setdefault("default_order", exp["date_order"])  # the file cannot tell: use the app setting
    return parse_chat(decode_chat_bytes((FIXTURES / rel).read_bytes()), **kw)


def iso(t: datetime) -> str:
    return t.isoformat()


@needs_fixtures
@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_fixture_matches_expected(rel):
    exp = EXPECTED[rel]
    chat = load(rel)
    assert chat.line_count == exp["physical_lines"]
    assert len(chat.entries) == exp["entries"]
    assert dict(Counter(e.kind for e in chat.entries)) == exp["kinds"]
    assert sorted({e.sender for e in chat.entries if e.kind != "system"}) == exp["senders"]
    assert chat.date_order == exp["date_order"]
    assert chat.date_order_from_file == exp["date_order_from_file"]
    assert chat.header_style == exp["header_style"]
    assert chat.preamble == []
    if chat.entries:
        assert iso(chat.entries[0].t) == exp["first"]
        assert iso(chat.entries[-1].t) == exp["last"]
    if exp["deciding_line"] is not None:
        text = decode_chat_bytes((FIXTURES / rel).read_bytes())
        assert split_lines(text)[chat.order_line].lstrip(BIDI_CHARS) == exp["deciding_line"]
    else:
        assert chat.order_line is None
        assert any("not decided" in w for w in chat.warnings) == bool(chat.entries)
    if "attachments" in exp:
        got = [{"t": iso(e.t), "sender": e.sender, "file": e.file} for e in chat.entries if e.kind == "attachment"]
        assert got == exp["attachments"]
    if "entries_detail" in exp:
        assert [[iso(e.t), e.sender, e.kind, e.lines] for e in chat.entries] == exp["entries_detail"]
    assert [e.index for e in chat.entries] == list(range(len(chat.entries)))
    assert sum(e.lines for e in chat.entries) == chat.line_count


@needs_fixtures
@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_fixture_same_with_chat_name_from_file_name(rel):
    """Knowing the chat name (as the importer does) changes nothing in the fixtures."""
    name = chat_name_from_filename(rel)
    plain, named = load(rel), load(rel, chat_name=name)
    assert [(e.sender, e.kind, e.file) for e in named.entries] == [(e.sender, e.kind, e.file) for e in plain.entries]


@needs_fixtures
def test_fixture_details():
    emma = load("casedesk-authored/android-en-us-12h/WhatsApp Chat with Emma de Vries.txt")
    first_photo = next(e for e in emma.entries if e.kind == "attachment")
    assert first_photo.caption == "the floor this morning"
    doc = next(e for e in emma.entries if e.file == "DOC-20240314-WA0005.pdf")
    assert doc.caption == "Invoice plumber 14-03.pdf" and doc.text.startswith("\u200eDOC-")
    claims = next(e for e in emma.entries if e.sender == "Claims Desk")
    assert claims.text.endswith("door.\n\nKind regards, Claims Desk") and claims.lines == 4
    group = load("casedesk-authored/ios-en-us-12h-group/_chat.txt", chat_name="Hotel complaint Room 312")
    receipt = next(e for e in group.entries if e.file and e.file.endswith("minibar.pdf"))
    assert receipt.caption == "Receipt minibar.pdf"
    assert group.entries[2].text == "\u200eTom Baker added Lisa Baker" and group.entries[2].kind == "system"
    assert "starts with a date" in group.entries[11].text and group.entries[11].lines == 3
    nl = load("casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt")
    assert nl.entries[1].text.startswith("Goedenavond")  # bidi-wrapped phone sender split cleanly
    skow = load("skowalak-whatsapp-to-sqlite/WhatsApp Chat mit Die üblichen Verdächtigen.txt")
    assert any(e.file == "Abiballkarten fu\u0308r Lehrer.pdf.pdf" for e in skow.entries)  # NFD kept as written
    times = [e.t for e in skow.entries]
    assert times != sorted(times)  # file order, never sorted


def test_empty_and_blank_text():
    assert parse_chat("").entries == [] and parse_chat("").date_order is None
    blank = parse_chat("\n  \n")
    assert blank.entries == [] and blank.preamble == ["", "  "]


def test_no_header_raises_chat_parse_error():
    with pytest.raises(ChatParseError):
        parse_chat("just some notes\n12:30 lunch\n")


def test_preamble_kept_and_reported():
    chat = parse_chat("Exported by hand\n14/03/2024, 09:15 - Ann: hi\n")
    assert chat.preamble == ["Exported by hand"] and len(chat.entries) == 1
    assert any("preamble" in w for w in chat.warnings)


def test_only_crlf_lf_cr_split_lines():
    chat = parse_chat("14/03/2024, 09:15 - Ann: a\u2028b\x0cc\rd\r\n14/03/2024, 09:16 - Bob: x\x85y")
    assert [e.text for e in chat.entries] == ["a\u2028b\x0cc\nd", "x\x85y"]
    assert [e.lines for e in chat.entries] == [2, 1]


# One example per row of FORMATS.md section 3: (line, default order, time, sender, kind, style).
ROWS = [
    ("3/14/24, 8:02\u202fPM - Emma: IMG-20240314-WA0004.jpg (file attached)", "DMY", "2024-03-14T20:02", "Emma", "attachment", "dash"),
    ("1/17/20, 20:49 - Jahn Doe: Lorem", "MDY", "2020-01-17T20:49", "Jahn Doe", "text", "dash"),
    ("14/03/2024, 09:15 - Complaints Team: Thank you", "MDY", "2024-03-14T09:15", "Complaints Team", "text", "dash"),
    ("30/01/19, 20:49 - Jahn Doe: Lorem", "MDY", "2019-01-30T20:49", "Jahn Doe", "text", "dash"),
    ("06/02/22, 1:00 am - Sagar: IMG-20220205-WA0028.jpg (file attached)", "DMY", "2022-02-06T01:00", "Sagar", "attachment", "dash"),
    ("16.02.21, 22:34 - Jane Doe: VID-20181031-WA0007.mp4 (Datei angehängt)", "DMY", "2021-02-16T22:34", "Jane Doe", "attachment", "dash"),
    ("15.04.2016, 15:04 - Messages and calls are end-to-end encrypted.", "DMY", "2016-04-15T15:04", None, "system", "dash"),
    ("03-12-2023 12:34 - Sanne: VID-20231203-WA0013.mp4 (bestand bijgevoegd)", "DMY", "2023-12-03T12:34", "Sanne", "attachment", "dash"),
    ("05/07/2024 18:03 - Camille: IMG-20240705-WA0011.jpg (fichier joint)", "DMY", "2024-07-05T18:03", "Camille", "attachment", "dash"),
    ("28/3/2025, 9:36 p.\u00a0m. - Sara: PTT-20250328-WA0014.opus (archivo adjunto)", "DMY", "2025-03-28T21:36", "Sara", "attachment", "dash"),
    ("20/6/2017 8:28 p.\u00a0m. - Michelle: test", "MDY", "2017-06-20T20:28", "Michelle", "text", "dash"),
    ("9/24/2019 11:30 p.m. - John Doe: Lorem", "DMY", "2019-09-24T23:30", "John Doe", "text", "dash"),
    ("06/20/2020, 00:08 a. m. - +12 345 578 created group \"Groupname\"", "DMY", "2020-06-20T00:08", None, "system", "dash"),
    ("2019/01/30, 20:49 - Jahn Doe: Lorem", "DMY", "2019-01-30T20:49", "Jahn Doe", "text", "dash"),
    ("2019-01-30, 20:49 - Jahn Doe: Lorem", "DMY", "2019-01-30T20:49", "Jahn Doe", "text", "dash"),
    ("2019. 01. 30. 20:49 - Jahn Doe: Lorem", "DMY", "2019-01-30T20:49", "Jahn Doe", "text", "dash"),
    ("2024/12/01, 10:04 pm - Messages and calls are end-to-end encrypted.", "DMY", "2024-12-01T22:04", None, "system", "dash"),
    ("2022/12/14, 13:34. - John Doe: Lorem", "DMY", "2022-12-14T13:34", "John Doe", "text", "dash"),
    ("21/10/21, 15:21:45 - John Doe: Lorem", "MDY", "2021-10-21T15:21:45", "John Doe", "text", "dash"),
    ("13.6.2018 klo 21.25.15 - Mika: tämä on testi", "MDY", "2018-06-13T21:25:15", "Mika", "text", "dash"),
    ("30/08/25 18.00 - Budi: halo", "MDY", "2025-08-30T18:00", "Budi", "text", "dash"),
    ("[6/30/24, 7:16:11\u202fPM] Tom Baker: We arrived", "DMY", "2024-06-30T19:16:11", "Tom Baker", "text", "bracketed"),
    ("[14/10/2021, 15:34:09] Anna: hi", "MDY", "2021-10-14T15:34:09", "Anna", "text", "bracketed"),
    ("[14/10/2021, 3:34:09 PM] Anna: hi", "MDY", "2021-10-14T15:34:09", "Anna", "text", "bracketed"),
    ("[31/12/2022 11:40:26] John Doe: <attached: 00000001-AUDIO-2022-12-31-11-40-26.opus>", "MDY", "2022-12-31T11:40:26", "John Doe", "attachment", "bracketed"),
    ("\u200e[27.10.23, 22:42:29] Jonas: \u200e<Anhang: 00000009-PHOTO-2023-10-27-22-42-29.jpg>", "MDY", "2023-10-27T22:42:29", "Jonas", "attachment", "bracketed"),
    ("[05.08.23, 5:52:02\u202fPM] Hana: Messages and calls are end-to-end encrypted.", "DMY", "2023-08-05T17:52:02", "Hana", "text", "bracketed"),
    ("[12-08-2024 14:20:15] Sanne: \u200e<bijgevoegd: 00000003-PHOTO-2024-08-12-14-20-15.jpg>", "DMY", "2024-08-12T14:20:15", "Sanne", "attachment", "bracketed"),
    ("[12-08-24 14:20:15] Sanne: hallo", "DMY", "2024-08-12T14:20:15", "Sanne", "text", "bracketed"),
    ("[26/6/25, 15:02:00] Alex: \u200e<adjunto: 00000003-PHOTO-2025-06-26-15-02-00.jpg>", "MDY", "2025-06-26T15:02", "Alex", "attachment", "bracketed"),
    ("[10.21.21, 15:21:45] John Doe: Lorem", "DMY", "2021-10-21T15:21:45", "John Doe", "text", "bracketed"),
    ("[15-01-20 02:22:56] Mary: Nostrud", "DMY", "2020-01-15T02:22:56", "Mary", "text", "bracketed"),
    ("[01/01/19 11:25] John Doe: Lorem", "MDY", "2019-01-01T11:25", "John Doe", "text", "bracketed"),
    ("[12.3.2022 klo 14.08.18] Matias: hei", "DMY", "2022-03-12T14:08:18", "Matias", "text", "bracketed"),
    ("[2018/06/13, 21:25:15] Ana: hola", "DMY", "2018-06-13T21:25:15", "Ana", "text", "bracketed"),
    ("[2018/06/13 9:25:15 p.\u00a0m.] Ana: hola", "DMY", "2018-06-13T21:25:15", "Ana", "text", "bracketed"),
    ("13. 6. 2018. 21:25:15 a: m", "DMY", "2018-06-13T21:25:15", "a", "text", "bare"),
    ("13.06.18 21.25.15: Mika: moi", "DMY", "2018-06-13T21:25:15", "Mika", "text", "colon"),
    ("12/24/14, 5:08 PM: John: 2015-08-04-PHOTO-00004762.jpg <\u200eattached>", "DMY", "2014-12-24T17:08", "John", "attachment", "colon"),
]


@pytest.mark.parametrize("line, order, t, sender, kind, style", ROWS)
def test_every_header_row(line, order, t, sender, kind, style):
    chat = parse_chat(line + "\n", default_order=order)
    (e,) = chat.entries
    assert (iso(e.t), e.sender, e.kind, chat.header_style) == (datetime.fromisoformat(t).isoformat(), sender, kind, style)


@pytest.mark.parametrize("text, kind", [
    ("<Media omitted>", "media_omitted"), ("<Medien ausgeschlossen>", "media_omitted"),
    ("<Médias omis>", "media_omitted"), ("<Multimedia omitido>", "media_omitted"),
    ("\u200eimage omitted", "media_omitted"), ("\u200eafbeelding weggelaten", "media_omitted"),
    ("This message was deleted", "deleted"), ("\u200eYou deleted this message.", "deleted"),
    ("<insert cool event here>", "text"), ("see <img> and <attached>", "text"),
    ("Hi <This message was edited>", "text"),
])
def test_placeholders(text, kind):
    (e,) = parse_chat(f"[1/2/24, 10:00:00] Ann: {text}", default_order="DMY").entries
    assert e.kind == kind and e.file is None


def test_ios_system_notice_needs_chat_name_when_known():
    text = "[1/2/24, 10:00:00] Bob: \u200eMissed voice call\n[1/2/24, 10:01:00] Ann: \u200eAnn added Bob\n"
    assert [e.kind for e in parse_chat(text).entries] == ["system", "system"]
    assert [e.kind for e in parse_chat(text, chat_name="Ann").entries] == ["text", "system"]


def test_group_subject_with_colon():
    ios = (
        "[1/2/24, 10:00:00] Complaint: Hotel Miramar: \u200eTom added Lisa\n"
        "[1/2/24, 10:01:00] Tom: hello: world\n"
    )
    a, b = parse_chat(ios).entries
    assert (a.sender, a.kind, a.text) == ("Complaint: Hotel Miramar", "system", "\u200eTom added Lisa")
    assert (b.sender, b.text) == ("Tom", "hello: world")
    android = '1/2/24, 10:00 - Tom changed the subject to "Claim: flood"\n1/2/24, 10:01 - Tom: ok\n'
    c, d = parse_chat(android).entries
    assert (c.sender, c.kind) == (None, "system") and d.sender == "Tom"


def test_date_order_decided_by_last_line_and_conflicts():
    chat = parse_chat("01/02/24, 10:00 - A: x\n02/03/24, 10:00 - A: y\n01/13/24, 10:00 - A: z\n")
    assert chat.date_order_from_file == "MDY" and chat.entries[0].t == datetime(2024, 1, 2, 10, 0)
    conflict = parse_chat("13/01/24, 10:00 - A: x\n14/01/24, 10:00 - A: y\n01/13/24, 10:00 - A: z\n")
    assert conflict.date_order == "DMY" and len(conflict.entries) == 2 and conflict.entries[1].lines == 2
    assert any("contradict" in w for w in conflict.warnings)


def test_other_header_shapes_and_unknown_ampm_are_text():
    chat = parse_chat(
        "14/03/2024, 09:15 - Ann: forwarded:\n[6/30/24, 7:16:11 PM] Tom: hi\n14/03/2024, 9:15 午後 - Ann: x\n"
    )
    assert len(chat.entries) == 1 and chat.entries[0].lines == 3


def test_twelve_hour_edges():
    chat = parse_chat("1/13/24, 12:05 AM - A: x\n1/13/24, 12:05 PM - A: y\n1/13/24, 00:08 a. m. - A: z\n")
    assert [e.t.hour for e in chat.entries] == [0, 12, 0]


def test_decode_chat_bytes():
    s = "14/03/2024, 09:15 - Zoë: ça va? 👍\n"
    assert decode_chat_bytes(s.encode()) == s
    assert decode_chat_bytes(codecs.BOM_UTF8 + s.encode()) == s
    assert decode_chat_bytes(s.encode("utf-16")) == s
    assert decode_chat_bytes(codecs.BOM_UTF16_BE + s.encode("utf-16-be")) == s
    assert decode_chat_bytes(s.encode("utf-16-le")) == s
    assert decode_chat_bytes("Zoë – €".encode("cp1252")) == "Zoë – €"
    assert decode_chat_bytes(b"\x81\x8d\x90") == "\x81\x8d\x90"
    assert decode_chat_bytes(s.encode()[:-6]).startswith("14/03/2024")  # cut inside the emoji


@pytest.mark.parametrize("name, expected", [
    ("WhatsApp Chat with Emma de Vries.txt", "Emma de Vries"),
    ("WhatsApp Chat mit Jane Doe.txt", "Jane Doe"),
    ("WhatsApp-Chat mit Jane Doe.zip", "Jane Doe"),
    ("WhatsApp-chat met +31 6 12345678.txt", "+31 6 12345678"),
    ("Discussion WhatsApp avec Camille Martin.txt", "Camille Martin"),
    ("Chat de WhatsApp con Sara Lo\u0301pez.txt", "Sara López"),
    ("Conversa do WhatsApp com Ana.txt", "Ana"),
    ("Czat WhatsApp z Ola.txt", "Ola"),
    ("Chat WhatsApp dengan Budi.txt", "Budi"),
    ("WhatsApp Chat - Hotel complaint Room 312.zip", "Hotel complaint Room 312"),
    ("WhatsApp Chat with Oliver Smith (1).zip", "Oliver Smith"),
    ("downloads/WhatsApp Chat with Ann.txt", "Ann"),
    ("_chat.txt", None), ("notes.txt", None), ("WhatsApp Chat with .txt", None),
])
def test_chat_name_from_filename(name, expected):
    assert chat_name_from_filename(name) == expected


def test_looks_like_chat():
    head = "\u200e[6/30/24, 7:15:02\u202fPM] Tom: hi\n".encode()
    assert looks_like_chat("_chat.txt", head)
    assert looks_like_chat("anything.txt", codecs.BOM_UTF8 + b"02/03/2024, 10:00 - Ann: hi\r\n")
    assert looks_like_chat("WhatsApp Chat with Andrew Ryan.txt", b"")
    assert not looks_like_chat("notes.txt", b"")
    assert not looks_like_chat("notes.txt", b"shopping list\nmilk\n")
    assert not looks_like_chat("photo.jpg", head)
    assert not looks_like_chat("._chat.txt", head)


def _chunked(data, sizes):
    out, i = [], 0
    for n in sizes:
        out.append(data[i : i + n])
        i += n
    out.append(data[i:])
    return out


@pytest.mark.parametrize("seed", range(40))
def test_streamed_decoding_and_lines_are_those_of_the_whole_text(seed):
    """A long chat is decoded and split chunk by chunk (``chat_encoding``, ``decode_chunks``, ``iter_lines``):
    the same text and lines as ``decode_chat_bytes`` and ``split_lines`` of the whole, whatever the cuts."""
    import random

    from desktop.intake.whatsapp import chat_encoding, decode_chunks, iter_lines

    rnd = random.Random(seed)
    s = "".join(rnd.choice(["14/03/2024, 09:15 - Zoë: ", "ça va? 👍", "\r\n", "\n", "\r", "€", "x", "\ufeff", "\u2028"])
                for _ in range(rnd.randint(0, 400)))
    encodings = [s.encode(), codecs.BOM_UTF8 + s.encode(), s.encode("utf-16"), s.encode("utf-16-le"),
                 s.encode("utf-16-be"), s.encode("utf-16-le") + b"\x00", s.encode()[:-1], s.encode()[:-2],
                 s.encode() + b"\xe2\x82", s.encode() + b"\xff", b"\xff" + s.encode(),
                 s.encode("cp1252", "replace"), bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 300)))]
    for data in encodings:
        whole = decode_chat_bytes(data)
        sizes = [rnd.choice([0, 1, 2, 3, 5, 64, 4095, 4096]) for _ in range(rnd.randint(0, 30))]
        chunks = _chunked(data, sizes)
        encoding = chat_encoding(chunks)
        text = "".join(decode_chunks(chunks, encoding))
        assert text == whole, (data[:40], encoding)
        pieces = _chunked(text, [rnd.choice([0, 1, 2, 7]) for _ in range(rnd.randint(0, 60))])
        assert list(iter_lines(pieces)) == split_lines(whole.removeprefix("\ufeff"))


def test_a_chat_whose_first_header_has_another_shape_and_a_long_preamble():
    """The first pass guesses the main shape from the first header and gives up guessing after many lines without
    one; either way the second pass finds what one pass over the whole file would have."""
    def ios(who):
        return "".join(f"[{1 + i % 28}/3/24, 10:{i % 60:02d}:00] {who}: ios {i}\n" for i in range(3))

    android = "".join(f"{1 + i % 28:02d}/03/2024, 10:{i % 60:02d} - {'Ann' if i % 2 else 'Bob'}: a {i}\n"
                      for i in range(20))
    chat = parse_chat(ios("Bob") + android)  # Bob writes under the main shape: his lines start messages
    assert chat.header_style == "dash" and len(chat.entries) == 23 and chat.entries[0].text == "ios 0"
    assert chat.warnings == [] and chat.preamble == []
    chat = parse_chat(ios("Zed") + android)  # nobody else writes as Zed: lines pasted from another chat
    assert chat.header_style == "dash" and len(chat.entries) == 20 and chat.preamble == ios("Zed").splitlines()
    assert chat.warnings == ["3 line(s) look like headers of another format; kept as message text",
                             "3 line(s) before the first message; kept as preamble"]
    notes = "".join(f"note {i}\n" for i in range(5000))
    chat = parse_chat(notes + android)
    assert len(chat.preamble) == 5000 and len(chat.entries) == 20
    assert "5000 line(s) before the first message; kept as preamble" in chat.warnings
