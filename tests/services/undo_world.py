"""A small library with every kind of undoable edit at hand, built once and copied for each test.

Cases: "Kitchen" (a camera photo, its WhatsApp copy set aside as the same picture, another photo), "Garden"
(photos three days apart) and Sophie's WhatsApp chat (two messages with a photo each, the team's answer).
``ACTIONS`` maps each journal kind to an edit of that kind; ``state`` reads every row an edit may change.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from desktop.services import case_edit, duplicates, gap_split
from desktop.services.cases import list_cases, list_media, list_messages
from desktop.services.demo_media import camera_jpeg, scene, whatsapp_copy
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.gen import jpeg, picture, zip_of

TABLES = ("case_", "media_item", "message", "note", "dup_decision", "source", "alert")


@dataclass
class World:
    kitchen: str
    garden: str
    chat: str
    note: int
    sources: Path  # files not imported yet


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build(root: Path, handler: str = "Anna", db_url: str | None = None) -> World:
    kitchen = scene("kitchen", 7, (1200, 900))
    k = root / "in" / "Kitchen"
    write(k / "IMG_0001.JPG", camera_jpeg(kitchen, "2026:11:10 10:00:00"))
    write(k / "IMG-20261110-WA0001.jpg", whatsapp_copy(kitchen))
    write(k / "IMG_0002.JPG", camera_jpeg(picture((1200, 900), 3), "2026:11:10 10:05:00"))
    g = root / "in" / "Garden"
    for i in range(4):
        jpeg(g / f"g{i}.jpg", seed=40 + i, taken=f"2026:11:{10 + 3 * (i // 2)} 1{i}:00:00")
    lines = ["16/11/2026, 09:40 - Sophie Bakker: My washing machine flooded the kitchen.",
             "16/11/2026, 09:41 - Sophie Bakker: IMG-20261116-WA0001.jpg (file attached)",
             "16/11/2026, 09:50 - Claims Team: Thank you, we are on it.",
             "17/11/2026, 08:00 - Sophie Bakker: IMG-20261117-WA0002.jpg (file attached)",
             "17/11/2026, 08:01 - Sophie Bakker: The plumber comes tomorrow."]
    name = "WhatsApp Chat with Sophie Bakker"
    chat = zip_of(root / "in" / f"{name}.zip", [
        (f"{name}.txt", ("\n".join(lines) + "\n").encode()),
        ("IMG-20261116-WA0001.jpg", whatsapp_copy(picture((1200, 900), 11))),
        ("IMG-20261117-WA0002.jpg", whatsapp_copy(picture((1200, 900), 12)))])
    jpeg(root / "later" / "Bathroom" / "b0.jpg", seed=60, taken="2026:11:20 09:00:00")
    jpeg(root / "later" / "Bathroom" / "b1.jpg", seed=61, taken="2026:11:20 09:10:00")
    with Library(AppPaths(root / "lib"), db_url, handler=handler) as lib:
        refs = [import_paths(lib, [p]).cases[0] for p in (k, g, chat)]
        note = case_edit.add_note(lib, refs[0], "The customer will send the invoice.")
    return World(*refs, note, root / "later")


def copy(template: Path, target: Path) -> Path:
    shutil.copytree(template / "lib", target / "lib")
    return target / "lib"


def state(lib: Library) -> dict[str, dict[int, dict]]:
    """Every row of the tables an edit may change (not the audit log or the journal)."""
    out = {}
    with lib.db.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings().all()
            out[table] = {r["id"]: dict(r) for r in rows}
    return out


BOOKKEEPING = ("version", "updated_at", "updated_by")  # a case's change counter and stamp: only ever go forward


def content(s: dict) -> dict:
    """``state`` without the bookkeeping columns (an undo or redo is a change of its own there)."""
    return {table: {k: {c: v for c, v in row.items() if c not in BOOKKEEPING} for k, row in rows.items()}
            for table, rows in s.items()}


def assert_back(before: dict, after: dict) -> None:
    """``after`` holds exactly the rows of ``before``; a case added since is closed and empty."""
    for table in TABLES:
        if table == "case_":  # the fields back as they were; the version only ever goes up (an undo is a change)
            assert all(after[table][k]["version"] >= before[table][k]["version"] for k in before[table])
            now, then = content(after)[table], content(before)[table]
            assert {k: now[k] for k in then} == then
            for extra in set(after[table]) - set(before[table]):
                assert after[table][extra]["status"] == "closed"
                assert not any(r["case_id"] == extra for r in after["media_item"].values())
        else:
            assert after[table] == before[table], table


def item(lib: Library, ref: str, name: str) -> int:
    return next(m.id for m in list_media(lib, case_ref=ref) if m.name == name)


def _keeper(lib: Library, w: World) -> None:
    copy_ = next(m for m in list_media(lib, case_ref=w.kitchen) if m.name == "IMG-20261110-WA0001.jpg")
    assert copy_.set_aside
    assert duplicates.set_keeper(lib, copy_.sha256, w.kitchen) == 1


ACTIONS: dict[str, Callable[[Library, World], object]] = {
    "case-status": lambda lib, w: case_edit.update_case(lib, w.kitchen, status="closed"),
    "case-kind": lambda lib, w: case_edit.update_case(lib, w.kitchen, kind="complaint"),
    "case-fields": lambda lib, w: case_edit.update_case(lib, w.kitchen, title="Kitchen, flooded", policy_ref="P-7",
                                                        incident_date="2026-11-09"),
    "case-answered": lambda lib, w: case_edit.update_case(lib, w.chat, answered=True),
    "note-add": lambda lib, w: case_edit.add_note(lib, w.kitchen, "Called.",
                                                  media_item_id=item(lib, w.kitchen, "IMG_0002.JPG")),
    "note-edit": lambda lib, w: case_edit.edit_note(lib, w.note, "The invoice came."),
    "note-delete": lambda lib, w: case_edit.delete_note(lib, w.note),
    "caption": lambda lib, w: case_edit.set_media(lib, item(lib, w.kitchen, "IMG_0001.JPG"), caption="Floor"),
    "exclude": lambda lib, w: case_edit.set_media(lib, item(lib, w.kitchen, "IMG_0002.JPG"), included=False),
    "rotate": lambda lib, w: case_edit.set_rotation(lib, item(lib, w.kitchen, "IMG_0001.JPG"), 90),
    "keeper": _keeper,
    "restore": lambda lib, w: duplicates.restore(lib, item(lib, w.kitchen, "IMG-20261110-WA0001.jpg")),
    "merge": lambda lib, w: case_edit.merge_cases(lib, w.garden, w.kitchen),
    "move": lambda lib, w: case_edit.move_media(lib, [item(lib, w.garden, "g0.jpg"), item(lib, w.garden, "g3.jpg")],
                                                w.kitchen),
    "split": lambda lib, w: case_edit.split_case(lib, w.chat, list_messages(lib, case_ref=w.chat)[-2].id),
    "split-gaps": lambda lib, w: gap_split.split_by_gaps(lib, w.garden, 24),
    "import": lambda lib, w: import_paths(lib, [w.sources / "Bathroom"]),
}


def cases_by_ref(lib: Library) -> dict[str, object]:
    return {c.ref: c for c in list_cases(lib)}
