"""Every real camera file of the shared fixtures goes through a real import; capture times match ExifTool."""

from __future__ import annotations

import json
from datetime import datetime

from desktop.services.cases import list_media
from desktop.services.importing import import_paths


def _valid(value: str | None) -> bool:
    if not value:
        return False
    try:
        datetime.strptime(value.strip()[:19], "%Y:%m:%d %H:%M:%S")
        return True
    except ValueError:
        return False


def test_exif_samples_import_and_match_exiftool(lib, fixtures_dir):
    root = fixtures_dir / "exif-samples"
    manifest = json.loads((root / "MANIFEST.json").read_text())
    report = import_paths(lib, [root])
    rejected = {p.path.split(" › ")[-1]: p.reason for p in report.rejected}
    assert all(reason.strip() for reason in rejected.values())
    media = list_media(lib)
    by_sha = {m.sha256: m for m in media}
    checked = 0
    for rec in manifest["files"]:
        m = by_sha.get(rec["sha256"])
        if m is None:
            assert any(rec["path"].endswith(k.split("/")[-1]) for k in rejected), f"{rec['path']} vanished"
            continue
        exif = rec.get("exiftool_exif") or {}
        dto = exif.get("datetime_original")
        if _valid(dto):
            assert m.taken_at_source == "exif", rec["path"]
            assert m.taken_at.strftime("%Y:%m:%d %H:%M:%S") == dto.strip()[:19], rec["path"]
            off = exif.get("offset_time_original")
            if off:
                assert m.taken_at.utcoffset() is not None, rec["path"]
                assert m.taken_at.strftime("%z")[:3] == off.replace(":", "")[:3], rec["path"]
            else:
                assert m.taken_at.tzinfo is None, rec["path"]
            checked += 1
    assert checked == sum(_valid((r.get("exiftool_exif") or {}).get("datetime_original")) for r in manifest["files"])
    assert checked >= 50
    assert report.imported + len(rejected) >= len(manifest["files"]) - 1
