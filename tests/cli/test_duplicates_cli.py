"""``casedesk duplicates`` keep / restore / undo, what was done to each copy (text and --json), alerts, and
``casedesk case set REF --customer``, through the command line in a fresh process each."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.services.demo_media import camera_jpeg, scene, whatsapp_copy
from tests.cli.test_cli import casedesk


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _run(data: Path, *args: str):
    proc = casedesk(*args, data_dir=data)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout) if "--json" in args else proc.stdout


def _library(tmp_path: Path) -> Path:
    room = scene("kitchen", 21, (1600, 1200))
    camera = camera_jpeg(room, "2026:11:10 10:00:00")
    _write(tmp_path / "a" / "IMG_0001.JPG", camera)
    _write(tmp_path / "a" / "IMG_0001 (1).JPG", camera)
    _write(tmp_path / "a" / "IMG-20261110-WA0001.jpg", whatsapp_copy(room))
    _write(tmp_path / "b" / "IMG-20261112-WA0007.jpg", whatsapp_copy(room))
    data = tmp_path / "lib"
    _run(data, "import", str(tmp_path / "a"), "--case", "C-2026-0401", "--json")
    _run(data, "import", str(tmp_path / "b"), "--case", "C-2026-0402", "--json")
    return data


def _items(groups: list[dict]) -> dict[str, dict]:
    return {m["name"]: {**m, "group_kind": g["kind"], "keeper_id": g["keeper_id"]} for g in groups
            for m in g["items"]}


def test_keep_restore_and_undo_from_the_command_line(tmp_path):
    data = _library(tmp_path)
    items = _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))
    wa = items["IMG-20261110-WA0001.jpg"]
    original = next(m for m in items.values() if m["media_id"] == wa["keeper_id"])
    exact = next(m for m in items.values() if m["kind"] == "exact")
    assert {original["name"], exact["name"]} == {"IMG_0001.JPG", "IMG_0001 (1).JPG"}
    assert exact["set_aside"] and wa["kind"] == "same" and wa["set_aside"] and exact["keeper_id"] == wa["keeper_id"]
    preview = _run(data, "duplicates", "keep", str(wa["media_id"]), "--preview", "--json")
    assert preview["done"] is False
    assert preview["text"] == f"Make this the keeper: the current keeper {original['name']} will be set aside"
    assert _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))[wa["name"]]["set_aside"]
    assert _run(data, "duplicates", "keep", str(wa["media_id"]), "--json")["done"] is True
    after = _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))
    assert after[original["name"]]["set_aside"] and after[original["name"]]["keeper_id"] == wa["media_id"]
    other = _items(_run(data, "duplicates", "--case", "C-2026-0402", "--json"))
    assert other == {}  # the other case's copy is alone there: no group changed
    _run(data, "undo")
    back = _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))
    assert back["IMG-20261110-WA0001.jpg"]["keeper_id"] == original["media_id"]
    # an exact copy is restored, and the restore undone
    said = _run(data, "duplicates", "restore", str(exact["media_id"]), "--json")
    assert said["done"] and exact["name"] in said["text"]
    assert exact["name"] not in _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))
    _run(data, "undo")
    assert _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))[exact["name"]]["set_aside"]
    # a SHA-256 in no group, or a keeper that is one already, is refused with a reason
    assert "in no duplicate group" in casedesk("duplicates", "keep", "0" * 64, data_dir=data).stderr
    assert "already the keeper" in casedesk("duplicates", "keep", str(original["media_id"]), data_dir=data).stderr


def test_alerts_and_case_set_customer(tmp_path):
    data = _library(tmp_path)
    alerts = _run(data, "duplicates", "alerts", "--case", "C-2026-0402", "--json")
    # the WhatsApp copies are the same bytes; the camera originals are the same picture
    assert sorted((a["name"], a["other_case"], a["kind"], a["other_customer"]) for a in alerts) == [
        ("IMG-20261112-WA0007.jpg", "C-2026-0401", "exact", None),
        ("IMG-20261112-WA0007.jpg", "C-2026-0401", "same", None),
        ("IMG-20261112-WA0007.jpg", "C-2026-0401", "same", None)]
    nobody = casedesk("case", "set", "C-2026-0401", "--customer", "ann@example.org", data_dir=data)
    assert nobody.returncode != 0 and "no customer has the e-mail address ann@example.org" in nobody.stderr
    nothing = casedesk("case", "set", "C-2026-0401", data_dir=data)
    assert nothing.returncode == 2


def test_what_was_done_to_a_copy_is_printed(tmp_path):
    data = _library(tmp_path)
    groups = _run(data, "duplicates", "--case", "C-2026-0401", "--json")
    wa = _items(groups)["IMG-20261110-WA0001.jpg"]
    # what the engine measured, as it stores it on the item
    with sqlite3.connect(data / "library.db") as db:
        db.execute("UPDATE media_item SET duplicate_transform = ?, duplicate_region = ? WHERE id = ?",
                   (json.dumps({"crop": {"left": 6.0, "top": 3.0, "right": 0, "bottom": 0}, "brightness": 1.1}),
                    "10.00,20.00,30.00,15.00", wa["media_id"]))
    shown = _items(_run(data, "duplicates", "--case", "C-2026-0401", "--json"))["IMG-20261110-WA0001.jpg"]
    assert shown["changes"] == "cropped 6 % left and 3 % top, 10 % brighter"
    assert shown["changes_nl"] == "6 % links en 3 % boven bijgesneden, 10 % lichter"
    assert shown["region"] == [10.0, 20.0, 30.0, 15.0]
    text = _run(data, "duplicates", "--case", "C-2026-0401")
    assert "cropped 6 % left and 3 % top, 10 % brighter" in text
    dutch = _run(data, "duplicates", "--case", "C-2026-0401", "--lang", "nl")
    assert "6 % links en 3 % boven bijgesneden" in dutch
    assert "apart gezet" in dutch and "bewaard" in dutch and "set aside" not in dutch and "keeper" not in dutch


def test_case_set_customer_by_e_mail_with_json_and_undo(tmp_path):
    from tests.services.test_alerts import mail

    data = _library(tmp_path)
    _run(data, "import", str(mail(tmp_path, "Ann <ann@example.org>", "ann.jpg", whatsapp_copy(scene("x", 3, (800, 600))))),
         "--json")
    out = _run(data, "case", "set", "C-2026-0401", "--customer", "Ann@Example.org", "--json")
    assert out["saved"] and out["customer"]["customer"] == "Ann" and out["customer"]["changed"]
    cases = {c["ref"]: c for c in _run(data, "cases", "--json")}
    assert cases["C-2026-0401"]["customer"] == "Ann"
    alerts = _run(data, "duplicates", "alerts", "--case", "C-2026-0402", "--json")
    assert {a["other_customer"] for a in alerts} == {"Ann"}
    _run(data, "undo")
    assert {c["ref"]: c for c in _run(data, "cases", "--json")}["C-2026-0401"]["customer"] is None


def test_an_exact_copy_of_a_picture_with_a_plain_border_had_nothing_done_to_it(tmp_path):
    """Found by fuzzing: the byte-identical copy of a picture whose frame has a plain band was worded 'screenshot:
    picture at 359 x 300 px inside a 400 x 300 frame'. The same bytes: nothing was done."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (400, 300), (250, 250, 250))
    d = ImageDraw.Draw(im)
    for i in range(0, 340, 20):
        d.line((i, 0, 340 - i, 300), fill=(i % 255, 80, 160), width=3)
    (tmp_path / "in").mkdir()
    im.save(tmp_path / "in" / "orig.jpg", quality=95)
    (tmp_path / "in" / "copy.jpg").write_bytes((tmp_path / "in" / "orig.jpg").read_bytes())
    data = tmp_path / "lib"
    _run(data, "import", str(tmp_path / "in"), "--json")
    groups = _run(data, "duplicates", "--json")
    exact = [m for g in groups if g["kind"] == "exact" for m in g["items"] if m["kind"] == "exact"]
    assert len(exact) == 1 and exact[0]["transform"] is None and exact[0]["changes"] == "", groups
