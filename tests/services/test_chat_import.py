"""WhatsApp exports through the import service: customers, messages, attachments on their messages."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from desktop.services import case_edit
from desktop.services.cases import list_cases, list_customers, list_media, list_messages
from desktop.services.importing import import_paths
from tests.conftest import FIXTURES
from tests.gen import media_file_bytes, zip_of

WA = FIXTURES / "whatsapp"
EXPECTED = json.loads((WA / "expected.json").read_text()) if (WA / "expected.json").exists() else {"files": {}}
BUSINESS = ["Claims Desk", "Schadeservice", "Verzekeraar Schadedesk", "Reiseservice", "Service Clients",
            "Atención al Cliente", "Complaints Team"]
AUTHORED = sorted(k for k, v in EXPECTED["files"].items() if k.startswith("casedesk-authored/") and v["attachments"])


def build_export(case_key: str, dest: Path, *, drop: set[str] = frozenset(), extra: bool = False,
                 seed: int = 0) -> Path:
    """A folder export: the fixture's chat text plus a generated file for every attachment it names."""
    rec = EXPECTED["files"][case_key]
    src = WA / case_key
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dest / src.name)
    for i, att in enumerate(rec["attachments"]):
        if att["file"] not in drop:
            (dest / att["file"]).write_bytes(media_file_bytes(att["file"], seed + i, dest.parent / "gen"))
    if extra:
        (dest / "IMG-20990101-WA9999.jpg").write_bytes(media_file_bytes("x.jpg", 4242, dest.parent / "gen"))
    return dest


@pytest.fixture
def chat_lib(lib):
    lib.team.business_names = BUSINESS
    return lib


@pytest.mark.parametrize("key", AUTHORED)
def test_every_attachment_lands_on_its_message(chat_lib, tmp_path, key):
    rec = EXPECTED["files"][key]
    folder = build_export(key, tmp_path / "export")
    report = import_paths(chat_lib, [folder])
    assert report.rejected == [] and report.imported == len(rec["attachments"])
    media = {m.name: m for m in list_media(chat_lib)}
    customers = list_customers(chat_lib)
    assert len(customers) == 1 and customers[0].name not in BUSINESS
    for att in rec["attachments"]:
        m = media[att["file"]]
        assert m.received_at == datetime.fromisoformat(att["t"]), att
        assert m.sender == att["sender"]
        msgs = [x for x in list_messages(chat_lib) if m.sha256 in x.attachments]
        assert len(msgs) == 1 and msgs[0].sent_at == datetime.fromisoformat(att["t"])
    assert import_paths(chat_lib, [folder]).imported == 0  # again: nothing added


def test_zip_export_phone_customer_missing_and_unlinked(chat_lib, tmp_path):
    key = "casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt"
    rec = EXPECTED["files"][key]
    missing = rec["attachments"][0]["file"]
    folder = build_export(key, tmp_path / "export", drop={missing}, extra=True)
    z = zip_of(tmp_path / "WhatsApp-chat met +31 6 12345678.zip",
               [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())])
    report = import_paths(chat_lib, [z])
    assert report.missing == [missing]
    assert report.imported == len(rec["attachments"])  # the others plus the unlinked file
    [cust] = list_customers(chat_lib)
    assert cust.phone == "+31612345678"
    media = {m.name: m for m in list_media(chat_lib)}
    assert media[missing].kind == "missing" and "missing-file" in media[missing].flags
    assert media["IMG-20990101-WA9999.jpg"].sender is None  # unlinked attachment, still imported
    cases = list_cases(chat_lib)
    assert cases[0].first_message_at == datetime(2024, 2, 28, 21, 3)
    assert cases[0].first_answer_at == datetime(2024, 2, 29, 8, 30)


def test_cumulative_reexport_adds_only_the_new_part(chat_lib, tmp_path):
    first = "casedesk-authored/android-nl-24h/WhatsApp-chat met +31 6 12345678.txt"
    later = "casedesk-authored/android-nl-24h-reexport/WhatsApp-chat met +31 6 12345678.txt"
    a = build_export(first, tmp_path / "a")
    b = build_export(later, tmp_path / "b")
    for att in EXPECTED["files"][first]["attachments"]:  # the same files, byte for byte
        shutil.copy(a / att["file"], b / att["file"])
    r1 = import_paths(chat_lib, [a])
    n_msgs = len(list_messages(chat_lib))
    r2 = import_paths(chat_lib, [b])
    new_att = len(EXPECTED["files"][later]["attachments"]) - len(EXPECTED["files"][first]["attachments"])
    assert r1.imported == 3 and r2.imported == new_att
    added = len(list_messages(chat_lib)) - n_msgs
    assert added == EXPECTED["files"][later]["entries"] - EXPECTED["files"][first]["entries"]
    assert import_paths(chat_lib, [b]).imported == 0
    # a silence of more than 7 days (29 Feb -> 7 Mar) started a new suggested case for the same customer
    [cust] = list_customers(chat_lib)
    assert len(cust.cases) == 2


def test_merge_split_move_keep_everything(chat_lib, tmp_path):
    key = "casedesk-authored/android-en-us-12h/WhatsApp Chat with Emma de Vries.txt"
    import_paths(chat_lib, [build_export(key, tmp_path / "e")])
    first, *others = list_cases(chat_lib)  # the chat has a silence of more than 7 days: two cases
    assert len(others) == 1
    case_edit.merge_cases(chat_lib, others[0].ref, first.ref)
    case = first
    msgs = list_messages(chat_lib, case_ref=case.ref)
    media_before = {m.sha256 for m in list_media(chat_lib)}
    new_ref = case_edit.split_case(chat_lib, case.ref, msgs[len(msgs) // 2].id)
    assert {m.case_ref for m in list_messages(chat_lib)} == {case.ref, new_ref}
    moved = [m.id for m in list_media(chat_lib, case_ref=new_ref)][:1]
    if moved:
        case_edit.move_media(chat_lib, moved, case.ref)
    new_msgs = len(list_messages(chat_lib, case_ref=new_ref))
    record = case_edit.merge_cases(chat_lib, new_ref, case.ref)
    assert {m.sha256 for m in list_media(chat_lib, case_ref=case.ref)} == media_before
    case_edit.undo_merge(chat_lib, record)  # exactly back, messages included
    assert len(list_messages(chat_lib, case_ref=new_ref)) == new_msgs
    case_edit.merge_cases(chat_lib, new_ref, case.ref)
    assert len(list_messages(chat_lib, case_ref=case.ref)) == len(msgs)
    from sqlalchemy import select

    from desktop.store.schema import AuditEvent

    with chat_lib.db.session() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"case-split", "media-moved" if moved else "case-split", "case-merged"} <= actions


def test_two_exports_unpacked_into_one_folder_keep_their_own_files(chat_lib, tmp_path):
    """A handler unpacks two customers' exports into one Downloads folder: each chat takes the files it names, the
    other chat's text is never a file of this one, and a file neither names is imported on its own. Before, each
    chat took every file of the folder: one customer's photos (and the other's chat) landed in the other's case."""
    emma = "casedesk-authored/android-en-us-12h/WhatsApp Chat with Emma de Vries.txt"
    camille = "casedesk-authored/android-fr-24h/Discussion WhatsApp avec Camille Martin.txt"
    folder = tmp_path / "Downloads"
    build_export(emma, folder, seed=0)
    build_export(camille, folder, seed=50, extra=True)
    report = import_paths(chat_lib, [folder])
    names = {k: {a["file"] for a in EXPECTED["files"][k]["attachments"]} for k in (emma, camille)}
    assert report.rejected == [] and report.imported == len(names[emma]) + len(names[camille]) + 1
    by_name = {c.name: c for c in list_customers(chat_lib)}
    assert set(by_name) == {"Emma de Vries", "Camille Martin"}
    cases = {c.ref: c for c in list_cases(chat_lib)}
    media = list_media(chat_lib)
    for key, who in ((emma, "Emma de Vries"), (camille, "Camille Martin")):
        refs = {c.ref for c in cases.values() if c.customer == who}
        theirs = {m.name for m in media if m.case_ref in refs}
        assert theirs == names[key], (who, theirs ^ names[key])
    [alone] = [m for m in media if m.name == "IMG-20990101-WA9999.jpg"]
    assert cases[alone.case_ref].customer is None and alone.sender is None  # named by no chat: a case of its own
    assert not any(m.name.endswith(".txt") for m in media)  # a chat text is a chat, not a file of the other


def long_export(dest: Path, n: int = 4500, at: tuple[int, ...] = (0, 1999, 2000, 2001, 3999, 4499)) -> dict[str, tuple]:
    """A generated Android export of ``n`` messages with a photo on the messages ``at`` (around the import's batches
    of 2,000 rows); file name -> (time, sender) of its message."""
    dest.mkdir(parents=True, exist_ok=True)
    placed: dict[str, tuple] = {}
    with (dest / "WhatsApp Chat with Sanne de Vries.txt").open("w", encoding="utf-8") as f:
        for i in range(n):
            t = datetime(2025, 3, 1 + i // 1440, i // 60 % 24, i % 60)
            who = "Sanne de Vries" if i % 2 else "Claims Desk"
            if i in at:
                name = f"IMG-20250301-WA{i:04d}.jpg"
                (dest / name).write_bytes(media_file_bytes(name, i, dest.parent / "gen"))
                f.write(f"{t:%d/%m/%Y, %H:%M} - {who}: {name} (file attached)\n")
                placed[name] = (t, who)
            else:
                f.write(f"{t:%d/%m/%Y, %H:%M} - {who}: message {i} about the water damage\n")
    return placed


def test_attachments_around_the_batches_of_rows_land_on_their_messages(chat_lib, tmp_path):
    """Messages go in 2,000 at a time; an attachment's message is written at once and found again by its key."""
    placed = long_export(tmp_path / "export")
    report = import_paths(chat_lib, [tmp_path / "export"])
    assert report.rejected == [] and report.imported == len(placed)
    messages = list_messages(chat_lib)
    assert len(messages) == 4500
    assert [m.text for m in messages[:3]] == ["IMG-20250301-WA0000.jpg (file attached)",
                                             "message 1 about the water damage", "message 2 about the water damage"]
    for m in list_media(chat_lib):
        on = [x for x in messages if m.sha256 in x.attachments]
        assert len(on) == 1 and (on[0].sent_at, on[0].sender) == placed[m.name], m.name
    assert import_paths(chat_lib, [tmp_path / "export"]).imported == 0
    assert len(list_messages(chat_lib)) == 4500


def test_identical_messages_keep_their_number_across_the_steps_and_exports(chat_lib, tmp_path):
    """The same message (sender, minute, text) written several times is stored once per time, its key numbering
    which one it is in the file, also when its repeats lie in different steps of 2,000 entries; a later, longer
    export adds only what is new, a further repeat of it included."""
    import hashlib
    import sqlite3

    from desktop.services.customers import clean_name

    def lines(n: int) -> list[tuple[str, str, str]]:
        out = []
        for i in range(n):
            same = i % 997 == 5  # a repeat every 997 lines: the same minute, sender and text
            t = "01/03/2025, 09:00" if same else f"{1 + i // 1440:02d}/03/2025, {i // 60 % 24:02d}:{i % 60:02d}"
            who = "Sanne de Vries" if same or i % 2 else "Claims Desk"
            out.append((t, who, "same again" if same else f"message {i}"))
        return out

    def export(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
        folder.mkdir()
        (folder / "WhatsApp Chat with Sanne de Vries.txt").write_text(
            "".join(f"{t} - {who}: {text}\n" for t, who, text in rows), "utf-8")
        return folder

    def keys(rows: list[tuple[str, str, str]]) -> list[str]:  # sender|time|text|occurrence, counted over the file
        seen: dict[str, int] = {}
        out = []
        for t, who, text in rows:
            d, m, rest = t.split("/", 2)
            y, hm = rest.split(", ")
            identity = f"{clean_name(who)}|{y}-{m}-{d}T{hm}:00|{text}"
            seen[identity] = seen.get(identity, -1) + 1
            out.append(hashlib.sha256(f"{identity}|{seen[identity]}".encode()).hexdigest())
        return out

    first, later = lines(5000), lines(7000)
    assert sum(text == "same again" for _, _, text in first) == 6  # in all three steps
    assert import_paths(chat_lib, [export(tmp_path / "a", first)]).rejected == []
    with sqlite3.connect(chat_lib.paths.data_dir / "library.db") as db:
        stored = [k for (k,) in db.execute("SELECT match_key FROM message ORDER BY id")]
    assert stored == keys(first)
    assert import_paths(chat_lib, [export(tmp_path / "b", later)]).rejected == []
    assert import_paths(chat_lib, [tmp_path / "a"]).already_present == 1  # nothing new: the chat text only
    with sqlite3.connect(chat_lib.paths.data_dir / "library.db") as db:
        stored = sorted(k for (k,) in db.execute("SELECT match_key FROM message"))
        texts = [t for (t,) in db.execute("SELECT text FROM message WHERE text = 'same again'")]
    assert stored == sorted(keys(later)) and len(texts) == 8


def test_a_long_chat_import_is_undone_and_redone_whole(chat_lib, tmp_path):
    """The import's journal entry names every message it added (read as an array and written as a JSON list in
    pieces of 10,000); undone, the messages and items go; redone, they come back."""
    import sqlite3

    from desktop.services import undo

    long_export(tmp_path / "export", n=12_000, at=(0, 9999, 10000, 11999))
    report = import_paths(chat_lib, [tmp_path / "export"])
    assert report.rejected == [] and report.undo_id is not None
    with sqlite3.connect(chat_lib.paths.data_dir / "library.db") as db:
        ids = [i for (i,) in db.execute("SELECT id FROM message ORDER BY id")]
        (payload,) = db.execute("SELECT payload FROM journal WHERE id = ?", (report.undo_id,)).fetchone()
        touched = db.execute("SELECT count(*) FROM journal_touch WHERE entry_id = ? AND row LIKE 'message:%'",
                             (report.undo_id,)).fetchone()
    [made] = [op for op in json.loads(payload)["ops"] if op.get("table") == "message"]
    assert made == {"op": "create", "table": "message", "ids": ids} and len(ids) == 12_000
    assert touched == (12_000,)
    undo.undo_last(chat_lib)
    assert list_messages(chat_lib) == [] and list_media(chat_lib) == []
    undo.redo_last(chat_lib)
    assert len(list_messages(chat_lib)) == 12_000 and len(list_media(chat_lib)) == 4
