"""Intake end to end through the import service, on a real SQLite library."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from desktop.services.cases import list_cases, list_media
from desktop.services.importing import import_paths
from desktop.services.verify import verify_store
from tests.gen import jpeg, zip_of


def files_outside(root, lib_dir):
    return sorted(str(p) for p in root.rglob("*") if not p.is_relative_to(lib_dir))


def test_folder_import_with_capture_times(lib, tmp_path):
    src = tmp_path / "from-customer"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33", offset="+02:00", subsec="25", make="Canon",
         model="Canon EOS 40D")
    jpeg(src / "sub" / "IMG_20240314_111500.jpg", seed=2)
    jpeg(src / "c.jpg", seed=3, taken="2024:03:14 12:00:00", software="Adobe Photoshop CS6")
    report = import_paths(lib, [src])
    assert (report.imported, report.already_present, report.rejected) == (3, 0, [])
    assert len(report.cases) == 1
    media = {m.name: m for m in list_media(lib)}
    a = media["a.jpg"]
    assert a.taken_at == datetime(2024, 3, 14, 10, 12, 33, 250000, tzinfo=timezone(timedelta(hours=2)))
    assert a.taken_at_source == "exif" and a.camera == "Canon EOS 40D" and a.width == 640
    assert a.to_json()["taken_at"] == "2024-03-14T10:12:33.250000+02:00"
    b = media["IMG_20240314_111500.jpg"]
    assert b.taken_at_source == "filename" and b.taken_at == datetime(2024, 3, 14, 11, 15)
    assert "exif-stripped" in b.flags
    c = media["c.jpg"]
    assert c.taken_at.tzinfo is None and "edited" in c.flags
    assert all(lib.blobs.has(m.sha256) for m in media.values())
    assert all(lib.thumb_path(m.sha256).is_file() for m in media.values())


def test_reimport_adds_nothing(lib, tmp_path):
    src = tmp_path / "in"
    for i in range(4):
        jpeg(src / f"p{i}.jpg", seed=i, taken=f"2024:03:14 10:0{i}:00")
    first = import_paths(lib, [src])
    again = import_paths(lib, [src])
    assert first.imported == 4 and again.imported == 0 and again.already_present == 4
    assert len(list_media(lib)) == 4 and len(list_cases(lib)) == 1


def test_a_folder_is_one_case_titled_by_the_folder(lib, tmp_path):
    src = tmp_path / "Kitchen flood"
    for i in range(6):  # three days apart: the old import made three cases
        jpeg(src / f"p{i}.jpg", seed=i, taken=f"2024:03:{14 + 3 * (i // 2)} 10:0{i}:00")
    report = import_paths(lib, [src])
    assert report.imported == 6 and len(report.cases) == 1
    (case,) = list_cases(lib)
    assert (case.title, case.media) == ("Kitchen flood", 6)


def test_loose_files_are_one_case_titled_by_their_capture_dates(lib, tmp_path):
    files = [jpeg(tmp_path / f"IMG_{i}.jpg", seed=i, taken=f"2024:03:{14 + i} 09:00:00") for i in range(3)]
    report = import_paths(lib, files)
    assert len(report.cases) == 1 and list_cases(lib)[0].title == "Photos 14-16 March 2024"
    lib.prefs.language = "nl"
    more = [jpeg(tmp_path / "b" / f"x{i}.jpg", seed=10 + i, taken=f"2024:0{2 + i}:2{8 - 5 * i} 09:00:00")
            for i in range(2)]
    import_paths(lib, more)
    assert list_cases(lib)[1].title == "Foto's 28 februari - 23 maart 2024"


def test_a_zip_is_titled_without_its_extension_and_a_folder_imported_again_keeps_its_case(lib, tmp_path):
    photo = jpeg(tmp_path / "a.jpg", seed=1).read_bytes()
    (case_ref,) = import_paths(lib, [zip_of(tmp_path / "Bathroom.zip", [("a.jpg", photo)])]).cases
    assert list_cases(lib)[0].title == "Bathroom"
    src = tmp_path / "in"
    jpeg(src / "p0.jpg", seed=2)
    first = import_paths(lib, [src])
    jpeg(src / "p1.jpg", seed=3)
    again = import_paths(lib, [src])
    assert again.cases == first.cases and again.already_present == 1 and len(list_cases(lib)) == 2
    assert case_ref not in again.cases


def test_split_gaps_on_import_makes_one_case_per_part(lib, tmp_path):
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:00:00")
    jpeg(src / "b.jpg", seed=2, taken="2024:03:14 15:00:00")
    jpeg(src / "c.jpg", seed=3, taken="2024:03:20 09:00:00")
    report = import_paths(lib, [src], split_gaps=12)
    assert len(report.cases) == 2
    by_case = {}
    for m in list_media(lib):
        by_case.setdefault(m.case_ref, []).append(m.name)
    assert sorted(map(sorted, by_case.values())) == [["a.jpg", "b.jpg"], ["c.jpg"]]
    assert sorted(c.title for c in list_cases(lib)) == ["Photos 14 March 2024", "Photos 20 March 2024"]
    assert len(import_paths(lib, [src], split_gaps=4).cases) == 0  # all present already


def test_named_case_and_same_bytes_twice(lib, tmp_path):
    p = jpeg(tmp_path / "x.jpg", seed=5)
    q = tmp_path / "copy of x.jpg"
    q.write_bytes(p.read_bytes())
    report = import_paths(lib, [p, q], case_ref="C-2026-0042")
    assert report.cases == ["C-2026-0042"] and report.imported == 2
    media = list_media(lib, case_ref="C-2026-0042")
    assert sorted(m.duplicate_kind or "" for m in media) == ["", "exact"]
    assert len({m.sha256 for m in media}) == 1


def test_broken_files_reported_rest_imported(lib, tmp_path):
    src = tmp_path / "in"
    good = jpeg(src / "good.jpg", seed=1)
    data = jpeg(tmp_path / "full.jpg", seed=2, size=(1200, 900)).read_bytes()
    (src / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (src / "notes.jpg").write_text("this is not a picture\n" * 20)
    (src / "empty.jpg").write_bytes(b"")
    report = import_paths(lib, [src, tmp_path / "does-not-exist"])
    reasons = {os.path.basename(p.path.split(" › ")[-1]): p.reason for p in report.rejected}
    assert reasons["truncated.jpg"] == "truncated JPEG"
    assert "text" in reasons["notes.jpg"].lower()
    assert reasons["does-not-exist"] == "not found"
    assert report.imported >= 1 and "good.jpg" in {m.name for m in list_media(lib)}
    assert good.exists()


def test_hostile_zip_nothing_written_outside(lib, tmp_path):
    before = files_outside(tmp_path, lib.paths.data_dir)
    photo = jpeg(tmp_path / "src.jpg", seed=7).read_bytes()
    z = zip_of(tmp_path / "upload.zip", [("../escaped.jpg", photo), ("/abs.jpg", photo),
                                         ("ok/photo.jpg", photo)])
    bomb = zip_of(tmp_path / "bomb.zip", [("huge.bin", b"\0" * (64 << 20))])
    before = files_outside(tmp_path, lib.paths.data_dir)
    report = import_paths(lib, [z, bomb])
    assert report.imported == 2  # the photo, and the bomb kept as it came (never unpacked)
    reasons = [p.reason for p in report.rejected]
    assert sum("escapes the archive" in r for r in reasons) == 2
    assert [p.kept for p in report.rejected if "ZIP bomb" in p.reason] == [True]
    assert files_outside(tmp_path, lib.paths.data_dir) == before
    assert not (tmp_path / "escaped.jpg").exists() and not list(lib.paths.tmp.iterdir())


def test_verify_catches_modified_blob(lib, tmp_path):
    import_paths(lib, [jpeg(tmp_path / "a.jpg", seed=1), jpeg(tmp_path / "b.jpg", seed=2)])
    assert verify_store(lib).ok
    sha = list_media(lib)[0].sha256
    p = lib.blobs.path_for(sha)
    os.chmod(p, 0o644)
    with open(p, "r+b") as f:
        f.seek(100)
        f.write(b"X")
    res = verify_store(lib)
    assert res.modified == [sha] and not res.ok


def test_a_zip_named_like_a_photo_is_unpacked_and_not_reported(lib, tmp_path):
    """A ZIP named photos.jpg is unpacked as a ZIP: its picture is imported and the ZIP kept as the container.
    It was reported as 'not a picture: the file is a ZIP archive' (exit 1) while kept without that flag."""
    src = tmp_path / "upload"
    src.mkdir()
    photo = jpeg(tmp_path / "p.jpg", seed=5).read_bytes()
    zip_of(src / "photos.jpg", [("inside.jpg", photo)])
    jpeg(src / "good.jpg", seed=6)
    report = import_paths(lib, [src])
    assert (report.rejected, report.imported, report.containers, len(report.cases)) == ([], 2, 1, 1)
    media = {m.name: m for m in list_media(lib, everything=True)}
    assert media["inside.jpg"].kind == "image" and media["photos.jpg"].flags == []


def test_a_zip_nothing_came_out_of_stays_in_its_folders_case(lib, tmp_path):
    """One folder, one case: a ZIP in it whose every entry was refused (one that leaves the archive) is kept in
    the folder's case. It made a second case holding only the ZIP."""
    src = tmp_path / "Kitchen flood"
    jpeg(src / "good.jpg", seed=7)
    photo = jpeg(tmp_path / "p.jpg", seed=8).read_bytes()
    zip_of(src / "evil.zip", [("../evil.jpg", photo)])
    report = import_paths(lib, [src])
    assert [p.reason for p in report.rejected] == ["ZIP entry escapes the archive; not extracted"]
    assert len(report.cases) == 1
    assert {m.name: m.case_ref for m in list_media(lib, everything=True)} == {"good.jpg": report.cases[0],
                                                                             "evil.zip": report.cases[0]}
    assert files_outside(tmp_path, lib.paths.data_dir) == sorted(str(p) for p in (src, src / "good.jpg",
                                                                                 src / "evil.zip", tmp_path / "p.jpg"))
