"""Cases a claims handler runs into that once went wrong."""

from __future__ import annotations

import json
import os

from desktop.core.team import TeamSettings
from desktop.services.cases import list_media, list_messages
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.verify import verify_store
from desktop.settings import AppPaths
from tests.gen import jpeg, zip_of


def test_bare_chat_txt_does_not_take_its_neighbours(lib, tmp_path):
    d = tmp_path / "Downloads"
    chat = d / "WhatsApp Chat with Jan Jansen.txt"
    d.mkdir()
    chat.write_text("14/03/2024, 09:15 - Jan Jansen: IMG-20240314-WA0001.jpg (file attached)\n"
                    "14/03/2024, 09:16 - Jan Jansen: the kitchen\n", encoding="utf-8")
    jpeg(d / "IMG-20240314-WA0001.jpg", seed=1)
    jpeg(d / "other_customer_photo.jpg", seed=2)
    (d / "payslip.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    report = import_paths(lib, [chat])
    assert [m.name for m in list_media(lib)] == ["IMG-20240314-WA0001.jpg"]
    assert report.imported == 1


def test_identical_messages_are_all_kept_and_reexport_adds_nothing(lib, tmp_path):
    d = tmp_path / "export"
    d.mkdir()
    lines = ["14/03/2024, 09:15 - Jan Jansen: <Media omitted>"] * 3 + ["14/03/2024, 09:15 - Jan Jansen: ok"] * 2
    (d / "WhatsApp Chat with Jan Jansen.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_paths(lib, [d])
    assert len(list_messages(lib)) == 5
    import_paths(lib, [d])
    assert len(list_messages(lib)) == 5


def test_reexport_without_a_file_does_not_add_a_missing_item(lib, tmp_path):
    d = tmp_path / "export"
    chat = d / "WhatsApp Chat with Jan Jansen.txt"
    jpeg(d / "IMG-20240314-WA0001.jpg", seed=1)
    chat.write_text("14/03/2024, 09:15 - Jan Jansen: IMG-20240314-WA0001.jpg (file attached)\n", encoding="utf-8")
    import_paths(lib, [d])
    (d / "IMG-20240314-WA0001.jpg").unlink()
    with open(chat, "a", encoding="utf-8") as f:
        f.write("15/03/2024, 10:00 - Jan Jansen: any news?\n")
    report = import_paths(lib, [d])
    assert report.missing == []
    assert [m.kind for m in list_media(lib)] == ["image"]


def test_a_file_the_chat_names_many_times_is_one_item(lib, tmp_path):
    """A damaged export names one photo in 1,500 messages (found by fuzzing: 2,000 mentions made 2,000 items from
    one photo, at 450 MB; 4,000 took 1.5 GB). Each message is kept; the photo is one item, on its first message."""
    photo = jpeg(tmp_path / "IMG-20240314-WA0004.jpg", seed=5).read_bytes()
    lines = [f"14/03/2024, 09:{i // 60:02d} - Jan Jansen: IMG-20240314-WA0004.jpg (file attached)"
             for i in range(1500)]
    z = zip_of(tmp_path / "WhatsApp Chat with Jan Jansen.zip",
               [("WhatsApp Chat with Jan Jansen.txt", ("\n".join(lines) + "\n").encode()),
                ("IMG-20240314-WA0004.jpg", photo)])
    report = import_paths(lib, [z])
    media = [m for m in list_media(lib) if m.kind == "image"]
    assert report.imported == 1 and [m.name for m in media] == ["IMG-20240314-WA0004.jpg"]
    messages = list_messages(lib)
    assert len(messages) == 1500
    assert media[0].message_id == min(m.id for m in messages)


def test_same_file_into_two_named_cases(lib, tmp_path):
    a = jpeg(tmp_path / "a" / "IMG_0001.JPG", seed=4)
    b = tmp_path / "b" / "IMG_0001.JPG"
    b.parent.mkdir()
    b.write_bytes(a.read_bytes())
    import_paths(lib, [a.parent], case_ref="CLAIM-A")
    report = import_paths(lib, [b.parent], case_ref="CLAIM-B")
    assert report.imported == 1
    assert {m.case_ref for m in list_media(lib)} == {"CLAIM-A", "CLAIM-B"}


def test_one_unwritable_zip_entry_does_not_sink_the_archive(lib, tmp_path):
    photo = jpeg(tmp_path / "p.jpg", seed=5).read_bytes()
    z = zip_of(tmp_path / "upload.zip", [("写真" * 60 + ".jpg", photo), ("a", b"x" * 10), ("a/b.jpg", photo),
                                         ("good.jpg", jpeg(tmp_path / "g.jpg", seed=6).read_bytes())])
    report = import_paths(lib, [z])
    names = {m.name for m in list_media(lib)}
    assert "good.jpg" in names and any(n.startswith("写真") for n in names)
    assert all(str(lib.paths.tmp) not in p.reason for p in report.rejected)


def test_lost_original_comes_back_by_importing_it_again(lib, tmp_path):
    p = jpeg(tmp_path / "a.jpg", seed=7)
    import_paths(lib, [p])
    [m] = list_media(lib)
    blob = lib.blobs.path_for(m.sha256)
    os.chmod(blob, 0o644)
    blob.unlink()
    assert not verify_store(lib).ok
    import_paths(lib, [p])
    assert verify_store(lib).ok


def test_wrongly_typed_preferences_keep_their_defaults(tmp_path):
    f = tmp_path / "lib" / "preferences.json"  # team settings as a desk kept them before they moved to the database
    f.parent.mkdir()
    f.write_text(json.dumps({"dup_same_shift": "high", "case_gap_days": True, "file_gap_hours": -3,
                             "business_names": ["Claims Team", 3], "default_region": "BE",
                             "dup_similar_corr": 0.85}))
    with Library(AppPaths(tmp_path / "lib")) as lib:
        p = lib.team
    assert p.dup_same_shift is None and p.case_gap_days == 7 and p.file_gap_hours == 12
    assert p.business_names == TeamSettings().business_names
    assert p.default_region == "BE" and p.dup_similar_corr == 0.85


def test_the_library_itself_is_never_read_as_input(lib, tmp_path):
    """A handler drops their Documents folder, which holds the library (or the library's folder itself). Before:
    110 files imported from a library of 55: its database, its write-ahead log, thumbnails, logs, the originals
    again under their hash names, and the lock file of the import's own scratch folder."""
    jpeg(tmp_path / "photo.jpg", seed=1)
    first = import_paths(lib, [tmp_path / "photo.jpg"])
    assert first.imported == 1
    jpeg(tmp_path / "kitchen.jpg", seed=2)
    report = import_paths(lib, [tmp_path])  # the library's folder lies inside
    assert sorted(m.name for m in list_media(lib)) == ["kitchen.jpg", "photo.jpg"]
    assert report.imported == 1 and report.already_present == 1
    assert [(p.path, p.reason.split(" (")[0]) for p in report.rejected] == [
        (str(tmp_path / "lib"), "skipped: Casedesk's own library folder")]
    [original] = [p for p in (tmp_path / "lib" / "originals").glob("??/*")][:1]
    for inside in (tmp_path / "lib", tmp_path / "lib" / "thumbs", original):
        again = import_paths(lib, [inside])
        assert again.imported == 0 and len(again.rejected) == 1, inside
        assert "own library folder" in again.rejected[0].reason
    assert len(list_media(lib)) == 2
