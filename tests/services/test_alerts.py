"""Fraud alerts: the same picture in any other case (another customer's, the same customer's other claim, a case
without a customer), pictures and videos; never an alert about the item's own case; alerts follow a move, a
merge, a split and their undo."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from desktop.core.errors import NotFound, UsageError
from desktop.services import case_edit, duplicates, undo
from desktop.services.case_customer import set_case_customer
from desktop.services.cases import list_cases, list_media, list_messages
from desktop.services.demo_media import camera_jpeg, scene, video_mp4, whatsapp_copy
from desktop.services.importing import import_paths
from tests.gen import picture, zip_of


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def mail(tmp: Path, sender: str, name: str, data: bytes) -> Path:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "claims@example.test", f"Damage {name}"
    msg["Date"] = "Mon, 16 Nov 2026 10:00:00 +0100"
    msg.set_content("See attached.")
    msg.add_attachment(data, maintype="image", subtype="jpeg", filename=name)
    return write(tmp / f"{name}.eml", bytes(msg))


@pytest.fixture
def two_cases(lib, tmp_path):
    """C-2026-0301 holds a camera photo and an unrelated one, C-2026-0302 the photo's WhatsApp copy; customers
    Ann and Bob exist (from their e-mails, in cases of their own)."""
    room = scene("hotel", 77, (1600, 1200))
    import_paths(lib, [mail(tmp_path, "Ann <ann@example.org>", "ann.jpg", camera_jpeg(picture((800, 600), 1),
                                                                                       "2026:11:01 09:00:00"))])
    import_paths(lib, [mail(tmp_path, "Bob <bob@example.org>", "bob.jpg", camera_jpeg(picture((800, 600), 2),
                                                                                       "2026:11:01 09:00:00"))])
    write(tmp_path / "a" / "IMG_0001.JPG", camera_jpeg(room, "2026:11:15 09:00:00"))
    write(tmp_path / "a" / "IMG_0009.JPG", camera_jpeg(picture((1600, 1200), 9), "2026:11:15 09:30:00"))
    write(tmp_path / "b" / "IMG-20261116-WA0001.jpg", whatsapp_copy(room))
    import_paths(lib, [tmp_path / "a"], case_ref="C-2026-0301")
    import_paths(lib, [tmp_path / "b"], case_ref="C-2026-0302")
    return "C-2026-0301", "C-2026-0302"


def pairs(lib, ref=None):
    return sorted((a.case_ref, a.name, a.other_case_ref, a.other_name) for a in duplicates.list_alerts(lib, ref))


def counts(lib):
    return {c.ref: c.alerts for c in list_cases(lib)}


def item(lib, ref, name):
    return next(m.id for m in list_media(lib, case_ref=ref) if m.name == name)


BOTH = [("C-2026-0301", "IMG_0001.JPG", "C-2026-0302", "IMG-20261116-WA0001.jpg"),
        ("C-2026-0302", "IMG-20261116-WA0001.jpg", "C-2026-0301", "IMG_0001.JPG")]


def test_cases_without_a_customer_alert_both(lib, two_cases):
    assert pairs(lib) == BOTH
    assert {a.kind for a in duplicates.list_alerts(lib)} == {"same"}
    assert counts(lib)["C-2026-0301"] == 1 and counts(lib)["C-2026-0302"] == 1


def test_another_customers_case(lib, two_cases):
    a, b = two_cases
    assert set_case_customer(lib, a, "ann@example.org").changed
    set_case_customer(lib, b, "BOB@example.org")
    [mine] = duplicates.list_alerts(lib, b)
    assert mine.other_case_ref == a and mine.other_customer == "Ann"


def test_the_same_customers_other_claim(lib, two_cases):
    a, b = two_cases
    set_case_customer(lib, a, "ann@example.org")
    set_case_customer(lib, b, "ann@example.org")
    assert pairs(lib) == BOTH
    assert {x.other_customer for x in duplicates.list_alerts(lib)} == {"Ann"}


def test_an_exact_video_copy_in_another_case(lib, tmp_path):
    (tmp_path / "a").mkdir()
    src = video_mp4(tmp_path / "a" / "VID_20261110_100000.mp4", seconds=2.0)
    write(tmp_path / "b" / "VID-20261111-WA0001.mp4", src.read_bytes())
    import_paths(lib, [tmp_path / "a"], case_ref="C-2026-0311")
    import_paths(lib, [tmp_path / "b"], case_ref="C-2026-0312")
    alerts = duplicates.list_alerts(lib, "C-2026-0312")
    assert [(x.other_case_ref, x.kind, x.media_kind) for x in alerts] == [("C-2026-0311", "exact", "video")]


def test_a_move_into_the_other_case_and_its_undo(lib, two_cases):
    a, b = two_cases
    case_edit.move_media(lib, [item(lib, b, "IMG-20261116-WA0001.jpg")], a)
    assert pairs(lib) == [] and counts(lib)[a] == 0 and counts(lib)[b] == 0  # now a duplicate inside one case
    assert {m.name: m.set_aside for m in list_media(lib, case_ref=a)}["IMG-20261116-WA0001.jpg"]
    undo.undo_last(lib)
    assert pairs(lib) == BOTH and counts(lib)[a] == 1 and counts(lib)[b] == 1
    assert all(x.case_ref != x.other_case_ref for x in duplicates.list_alerts(lib))
    undo.redo_last(lib)
    assert pairs(lib) == []


def test_a_move_to_a_third_case_takes_the_alerts_along(lib, two_cases, tmp_path):
    a, b = two_cases
    write(tmp_path / "c" / "other.jpg", camera_jpeg(picture((800, 600), 33), "2026:11:20 09:00:00"))
    import_paths(lib, [tmp_path / "c"], case_ref="C-2026-0303")
    case_edit.move_media(lib, [item(lib, b, "IMG-20261116-WA0001.jpg")], "C-2026-0303")
    assert pairs(lib) == [(a, "IMG_0001.JPG", "C-2026-0303", "IMG-20261116-WA0001.jpg"),
                          ("C-2026-0303", "IMG-20261116-WA0001.jpg", a, "IMG_0001.JPG")]
    undo.undo_last(lib)
    assert pairs(lib) == BOTH


def test_a_merge_and_its_undo(lib, two_cases):
    a, b = two_cases
    case_edit.merge_cases(lib, b, a)
    assert pairs(lib) == [] and counts(lib)[a] == 0
    undo.undo_last(lib)
    assert pairs(lib) == BOTH


def test_a_split_apart_and_its_undo(lib, tmp_path):
    room = scene("garage", 5, (1600, 1200))
    lines = ["16/11/2026, 09:40 - Sophie Bakker: The garage door was hit.",
             "16/11/2026, 09:41 - Sophie Bakker: IMG-20261116-WA0001.jpg (file attached)",
             "16/11/2026, 09:50 - Claims Team: Thank you.",
             "17/11/2026, 08:00 - Sophie Bakker: IMG-20261117-WA0002.jpg (file attached)",
             "17/11/2026, 08:01 - Sophie Bakker: Again, for the second claim."]
    name = "WhatsApp Chat with Sophie Bakker"
    chat = zip_of(tmp_path / f"{name}.zip", [(f"{name}.txt", ("\n".join(lines) + "\n").encode()),
                                             ("IMG-20261116-WA0001.jpg", camera_jpeg(room, "2026:11:16 09:00:00")),
                                             ("IMG-20261117-WA0002.jpg", whatsapp_copy(room))])
    [ref] = import_paths(lib, [chat]).cases
    assert pairs(lib) == []  # one case: a duplicate, set aside
    at = next(m for m in list_messages(lib, case_ref=ref) if m.text and "IMG-20261117" in m.text)
    new = case_edit.split_case(lib, ref, at.id)
    assert pairs(lib) == sorted([(ref, "IMG-20261116-WA0001.jpg", new, "IMG-20261117-WA0002.jpg"),
                                 (new, "IMG-20261117-WA0002.jpg", ref, "IMG-20261116-WA0001.jpg")])
    assert {x.other_customer for x in duplicates.list_alerts(lib)} == {"Sophie Bakker"}
    undo.undo_last(lib)
    assert pairs(lib) == []


def test_case_set_customer_by_phone_id_and_refusals(lib, two_cases, tmp_path):
    a, _b = two_cases
    from desktop.services.customers import find_customers

    [ann] = [c for c in find_customers(lib, "ann@example.org")]
    assert set_case_customer(lib, a, str(ann.id)).customer_id == ann.id
    assert not set_case_customer(lib, a, str(ann.id)).changed
    with pytest.raises(NotFound):
        set_case_customer(lib, a, "nobody@example.org")
    with pytest.raises(NotFound):
        set_case_customer(lib, a, "+31 6 0000 0000")
    with pytest.raises(UsageError):
        set_case_customer(lib, a, "   ")
    undo.undo_last(lib)
    assert next(c for c in list_cases(lib) if c.ref == a).customer_id is None


def test_case_set_customer_by_phone_in_any_notation(lib, two_cases, tmp_path):
    a, _b = two_cases
    lines = ["16/11/2026, 09:40 - +31 6 12345678: Hello, this is about my claim."]
    name = "WhatsApp Chat with +31 6 12345678"
    import_paths(lib, [zip_of(tmp_path / f"{name}.zip", [(f"{name}.txt", ("\n".join(lines) + "\n").encode())])])
    done = set_case_customer(lib, a, "06-12 34 56 78")
    assert done.changed and next(c for c in list_cases(lib) if c.ref == a).customer_id == done.customer_id
