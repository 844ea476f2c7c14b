"""The right of access: a ZIP with exactly one customer's data, beside a second customer in the same library."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from pypdf import PdfReader

from desktop.services import case_edit
from desktop.services.audit import list_events
from desktop.services.cases import list_media
from desktop.services.customer_export import export_customer, safe_name
from desktop.services.importing import import_paths
from tests.gen import jpeg
from tests.privacy.world import build


def _zip_text(path) -> tuple[dict, str, dict[str, bytes]]:
    """(data.json, the text of summary.pdf, every member's bytes)."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(members["summary.pdf"])).pages)
    return json.loads(members["data.json"]), " ".join(pdf_text.split()), members


def test_export_holds_one_customer_and_nothing_of_the_other(lib, tmp_path):
    emma, lars = build(lib, tmp_path, close=False)
    result = export_customer(lib, emma.id, tmp_path / "emma.zip")
    assert set(result.to_json()) == {"customer", "file", "bytes", "cases", "originals"}
    assert result.cases == emma.cases and result.originals == 3  # two photos and the chat text she is in
    assert result.bytes == (tmp_path / "emma.zip").stat().st_size
    data, pdf, members = _zip_text(tmp_path / "emma.zip")
    assert data["customer"] == {"id": emma.id, "name": emma.name, "phone": emma.phone, "email": emma.email,
                                "created_at": data["customer"]["created_at"]}
    assert [c["ref"] for c in data["cases"]] == emma.cases
    assert [m["text"] for m in data["messages"] if m["kind"] == "text"][:2] == emma.texts
    assert {m["taken_at"] for m in data["media"] if m["role"] == "media"} == {"2024-03-02T09:55:00", "2024-03-02T09:56:00"}
    assert [n["text"] for n in data["notes"]] == [f"Called {emma.name}, she will mail {emma.email}"]
    assert {e["action"] for e in data["audit"]} >= {"case-created", "import", "note-added"}
    # every original of hers, byte for byte, under the name she sent it by
    originals = {n: b for n, b in members.items() if n.startswith("originals/")}
    assert sorted(originals) == ["originals/IMG-20240302-WA0000.jpg", "originals/IMG-20240302-WA0001.jpg",
                                "originals/WhatsApp Chat with +31 6 12345678.txt"]
    shas = {m["file"]: m["sha256"] for m in data["media"]}
    assert all(hashlib.sha256(b).hexdigest() == shas[n] for n, b in originals.items())
    # readable, in her language (a Dutch number)
    assert "Uw gegevens" in pdf and emma.name in pdf and emma.texts[0] in pdf
    # nothing of Lars: not in the JSON, not in the summary, not in any file's bytes
    blob = b"".join(members.values()).decode("utf-8", "replace") + pdf
    for secret in lars.secrets():
        assert secret not in blob, secret
    assert not set(lars.cases) & {c["ref"] for c in data["cases"]}


def test_another_customers_messages_in_her_case_stay_out(lib, tmp_path):
    emma, lars = build(lib, tmp_path, close=False)
    case_edit.merge_cases(lib, lars.cases[0], emma.cases[0])  # Lars's chat now sits in Emma's case
    data, pdf, members = _zip_text(export_customer(lib, emma.id, tmp_path / "emma.zip").file)
    texts = {m["text"] for m in data["messages"]}
    assert set(emma.texts) <= texts and not set(lars.texts) & texts
    assert len([m for m in data["media"] if m["role"] == "media"]) == 2 and lars.texts[0] not in pdf
    assert lars.name not in members["data.json"].decode() and lars.phone not in members["data.json"].decode()
    # while Lars's own export has his messages, though they are in her case now
    lars_data, _, _ = _zip_text(export_customer(lib, lars.id, tmp_path / "lars.zip").file)
    assert set(lars.texts) <= {m["text"] for m in lars_data["messages"]}
    assert emma.texts[0] not in json.dumps(lars_data)


def test_the_export_is_an_audit_event_and_the_language_can_be_chosen(lib, tmp_path):
    emma, _ = build(lib, tmp_path, close=False)
    export_customer(lib, emma.id, tmp_path / "emma.zip", lang="en")
    _, pdf, _ = _zip_text(tmp_path / "emma.zip")
    assert "Your data" in pdf and "Uw gegevens" not in pdf
    [event] = [e for e in list_events(lib, customer_id=emma.id) if e.action == "customer-exported"]
    assert event.actor == lib.handler and event.detail["file"] == "emma.zip" and event.detail["originals"] == 3


def test_names_in_the_zip_are_safe_and_unique(lib, tmp_path):
    taken: set[str] = set()
    names = [safe_name(n, taken) for n in ("IMG_1.jpg", "img_1.JPG", "../../etc/passwd", "C:\\x\\con.txt",
                                           "a<b>:c?.png", "...", "CON")]
    assert names == ["IMG_1.jpg", "img_1 (2).JPG", "passwd", "con_.txt", "a_b__c_.png", "file", "CON_"]
    emma, _ = build(lib, tmp_path, close=False)
    loose = jpeg(tmp_path / "more" / "IMG-20240302-WA0000.jpg", seed=99)  # same name, other picture, her case
    import_paths(lib, [loose.parent], case_ref=emma.cases[0])
    assert len(list_media(lib, case_ref=emma.cases[0])) == 3
    data, _, members = _zip_text(export_customer(lib, emma.id, tmp_path / "emma.zip").file)
    assert sorted(n for n in members if n.startswith("originals/")) == [
        "originals/IMG-20240302-WA0000 (2).jpg", "originals/IMG-20240302-WA0000.jpg",
        "originals/IMG-20240302-WA0001.jpg", "originals/WhatsApp Chat with +31 6 12345678.txt"]
    assert members["originals/IMG-20240302-WA0000 (2).jpg"] == loose.read_bytes()
    assert len({m["file"] for m in data["media"] if m["role"] == "media"}) == 3
