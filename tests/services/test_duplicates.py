"""Duplicates through the services: what a handler sees after importing what customers really send."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.core.errors import UsageError
from desktop.services import duplicates
from desktop.services.cases import list_media
from desktop.services.demo_media import camera_jpeg, scene, video_mp4, whatsapp_copy
from desktop.services.importing import import_paths
from tests.gen import picture


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def claim(tmp_path):
    """A camera original, its WhatsApp copy, a PNG re-save, a burst neighbour and an unrelated photo."""
    room = scene("kitchen", 21, (3000, 2250))
    d = tmp_path / "claim"
    write(d / "IMG_0001.JPG", camera_jpeg(room, "2026:11:10 10:00:00"))
    write(d / "IMG-20261110-WA0001.jpg", whatsapp_copy(room))
    buf = io.BytesIO()
    room.resize((1200, 900)).save(buf, "PNG")
    write(d / "screenshot.png", buf.getvalue())
    write(d / "IMG_0002.JPG", camera_jpeg(next_shot(room), "2026:11:10 10:00:01"))
    write(d / "IMG_0003.JPG", camera_jpeg(picture((3000, 2250), 5), "2026:11:10 10:05:00"))
    return d


def next_shot(img):
    """The next shot of a burst: the camera turned 2.5 degrees (perspective), 8 % moved out of the frame.
    (A plain crop of the first shot is the same picture: issue 10.)"""
    import cv2
    import numpy as np
    from PIL import Image

    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape[:2]
    f, t = 0.8 * w, np.radians(2.5)
    k = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]])
    r = np.array([[np.cos(t), 0, np.sin(t)], [0, 1, 0], [-np.sin(t), 0, np.cos(t)]])
    turned = cv2.warpPerspective(a, k @ r @ np.linalg.inv(k), (w, h), borderMode=cv2.BORDER_REFLECT)
    return Image.fromarray(np.clip(turned, 0, 255).astype(np.uint8)).crop((240, 0, w, h - 180)).resize((w, h))


def by_name(lib, case_ref=None):
    return {m.name: m for m in list_media(lib, case_ref=case_ref)}


def test_same_picture_set_aside_burst_only_similar(lib, claim):
    report = import_paths(lib, [claim], case_ref="C-2026-0100")
    assert report.imported == 5
    m = by_name(lib)
    keeper = m["IMG_0001.JPG"]
    assert not keeper.set_aside and keeper.duplicate_kind is None
    for name in ("IMG-20261110-WA0001.jpg", "screenshot.png"):
        assert m[name].duplicate_kind == "same" and m[name].set_aside
        assert m[name].duplicate_of == keeper.sha256
    assert not m["IMG_0002.JPG"].set_aside and m["IMG_0002.JPG"].duplicate_kind != "same"
    assert m["IMG_0003.JPG"].duplicate_kind is None
    groups = duplicates.list_groups(lib, "C-2026-0100")
    same = [g for g in groups if g.kind == "same"]
    assert len(same) == 1 and same[0].keeper == keeper.sha256 and len(same[0].members) == 3
    assert same[0].to_json()["cases"] == ["C-2026-0100"]


def test_a_burst_neighbour_of_a_scene_with_text_is_similar(lib, claim):
    """The burst's turn shows most in the caption drawn on its wall: those tiles disagree, a compact region. The
    perspective of the rest of the frame (those tiles and their neighbours left out) says the camera turned."""
    # within the second of the first shot, by a camera that writes no sub-seconds: only the pixels can tell
    write(claim / "IMG_0002.JPG", camera_jpeg(next_shot(scene("kitchen", 21, (3000, 2250))), "2026:11:10 10:00:00"))
    import_paths(lib, [claim], case_ref="C-2026-0100")
    assert by_name(lib)["IMG_0002.JPG"].duplicate_kind in (None, "similar")


def phone_jpeg(img, taken: str, subsec: str, quality: int = 90) -> bytes:
    """A phone's photo: its capture time to the hundredth of a second (SubSecTimeOriginal), as burst mode writes."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 13"
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = ifd[0x9004] = taken
    ifd[0x9291] = subsec
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, exif=exif.tobytes())
    return buf.getvalue()


def test_a_burst_of_a_still_scene_is_similar_by_the_camera_clock(lib, tmp_path):
    """Burst shots of a scene where nothing moved look like one picture; the camera wrote their exposures 0.3 s
    apart, so they are two captures (similar, kept). A copy that kept the first one's time is the same picture."""
    room = scene("living", 4, (2400, 1800))
    d = tmp_path / "burst"
    write(d / "IMG_1001.JPG", phone_jpeg(room, "2026:11:10 10:00:00", "12"))
    write(d / "IMG_1002.JPG", phone_jpeg(room, "2026:11:10 10:00:00", "42", quality=89))
    write(d / "IMG_1001 edited.JPG", phone_jpeg(room.resize((1600, 1200)), "2026:11:10 10:00:00", "12", quality=80))
    import_paths(lib, [d], case_ref="C-2026-0110")
    m = by_name(lib)
    assert m["IMG_1001.JPG"].duplicate_kind is None and not m["IMG_1001.JPG"].set_aside
    assert m["IMG_1001 edited.JPG"].duplicate_kind == "same" and m["IMG_1001 edited.JPG"].set_aside
    assert m["IMG_1002.JPG"].duplicate_kind == "similar" and not m["IMG_1002.JPG"].set_aside


def test_keeper_change_and_restore_survive_reimport(lib, claim):
    import_paths(lib, [claim], case_ref="C-2026-0101")
    m = by_name(lib)
    wa = m["IMG-20261110-WA0001.jpg"]
    assert duplicates.set_keeper(lib, wa.sha256) == 1
    m = by_name(lib)
    assert not m["IMG-20261110-WA0001.jpg"].set_aside
    assert m["IMG_0001.JPG"].set_aside and m["IMG_0001.JPG"].duplicate_of == wa.sha256
    png = m["screenshot.png"]
    duplicates.restore(lib, png.id)
    assert not by_name(lib)["screenshot.png"].set_aside
    # a later import into the same case respects both decisions
    import_paths(lib, [claim / "IMG_0003.JPG", claim.parent / "nothing"], case_ref="C-2026-0101")
    write(claim.parent / "more" / "extra.jpg", camera_jpeg(picture((800, 600), 40), "2026:11:11 09:00:00"))
    import_paths(lib, [claim.parent / "more"], case_ref="C-2026-0101")
    m = by_name(lib)
    assert not m["screenshot.png"].set_aside and m["IMG_0001.JPG"].duplicate_of == wa.sha256


def test_an_exact_copy_can_be_restored_and_the_restore_undone(lib, claim, tmp_path):
    from desktop.services import undo

    copy = write(tmp_path / "again" / "IMG_0001 (1).JPG", (claim / "IMG_0001.JPG").read_bytes())
    import_paths(lib, [claim / "IMG_0001.JPG", copy], case_ref="C-2026-0102")
    m = by_name(lib)
    aside = m["IMG_0001 (1).JPG"]
    assert aside.duplicate_kind == "exact" and aside.set_aside
    change = duplicates.restore_change(lib, aside.id)
    assert "IMG_0001 (1).JPG" in change.text and "IMG_0001.JPG" in change.text
    duplicates.restore(lib, aside.id)
    after = by_name(lib)["IMG_0001 (1).JPG"]
    assert not after.set_aside and after.duplicate_kind is None
    # a later run respects it; an undo sets it aside again
    import_paths(lib, [claim / "IMG_0003.JPG"], case_ref="C-2026-0102")
    assert not by_name(lib)["IMG_0001 (1).JPG"].set_aside
    undo.undo_last(lib)
    assert by_name(lib)["IMG_0001 (1).JPG"].set_aside is False  # the undo of the last import, not the restore
    undo.undo_last(lib)
    assert by_name(lib)["IMG_0001 (1).JPG"].set_aside
    with pytest.raises(UsageError):
        duplicates.restore(lib, by_name(lib)["IMG_0001.JPG"].id)  # the keeper is not set aside


def test_video_recompressed_is_same(lib, tmp_path):
    import av

    src = video_mp4(tmp_path / "VID_20261110_100000.mp4", seconds=3.0)
    small = tmp_path / "VID-20261110-WA0002.mp4"
    with av.open(str(src)) as inp, av.open(str(small), "w", format="mp4") as out:
        st = out.add_stream("mpeg4", rate=15)
        st.width, st.height, st.pix_fmt, st.bit_rate = 480, 270, "yuv420p", 150_000
        for frame in inp.decode(video=0):
            img = frame.to_image().resize((480, 270))
            for pkt in st.encode(av.VideoFrame.from_image(img)):
                out.mux(pkt)
        for pkt in st.encode():
            out.mux(pkt)
    (tmp_path / "other").mkdir()
    other = video_mp4(tmp_path / "other" / "VID_20261110_110000.mp4", seconds=3.0, seed=99)
    import_paths(lib, [src, small, other], case_ref="C-2026-0103")
    m = by_name(lib)
    assert m["VID-20261110-WA0002.mp4"].duplicate_kind == "same"
    assert m["VID-20261110-WA0002.mp4"].duplicate_of == m["VID_20261110_100000.mp4"].sha256
    assert m["VID_20261110_110000.mp4"].duplicate_kind != "same"


def test_same_picture_in_another_customers_case_alerts_both(lib, tmp_path):
    from email.message import EmailMessage

    room = scene("hotel", 77, (2400, 1800))

    def mail(sender: str, name: str, data: bytes) -> Path:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, "claims@example.test", f"Damage {name}"
        msg["Date"] = "Mon, 16 Nov 2026 10:00:00 +0100"
        msg.set_content("See attached.")
        msg.add_attachment(data, maintype="image", subtype="jpeg", filename=name)
        return write(tmp_path / f"{name}.eml", bytes(msg))

    import_paths(lib, [mail("Ann <ann@example.org>", "a.jpg", camera_jpeg(room, "2026:11:15 09:00:00"))])
    report = import_paths(lib, [mail("Bob <bob@example.org>", "b.jpg", whatsapp_copy(room))])
    alerts = duplicates.list_alerts(lib)
    assert len(alerts) == 2
    assert {(a.name, a.other_name) for a in alerts} == {("a.jpg", "b.jpg"), ("b.jpg", "a.jpg")}
    [bob_case] = report.cases
    [mine] = duplicates.list_alerts(lib, bob_case)
    assert mine.other_customer == "Ann" and mine.other_case_ref != bob_case
    # the same customer sending it again in the same case is a duplicate there, not an alert
    import_paths(lib, [mail("Bob <bob@example.org>", "b2.jpg", whatsapp_copy(room.resize((2000, 1500))))])
    assert {a.other_customer for a in duplicates.list_alerts(lib, bob_case)} == {"Ann"}
    assert all(a.case_ref != a.other_case_ref for a in duplicates.list_alerts(lib))




def test_iphone_heic_and_its_jpeg_copy_are_the_same_picture(lib, tmp_path):
    import pillow_heif

    pillow_heif.register_heif_opener()
    room = scene("bathroom", 31, (2016, 1512))
    heic = tmp_path / "IMG_4501.HEIC"
    room.save(heic, "HEIF", quality=80)
    write(tmp_path / "IMG_4501.jpg", whatsapp_copy(room))
    import_paths(lib, [heic, tmp_path / "IMG_4501.jpg"], case_ref="C-2026-0104")
    m = by_name(lib)
    assert m["IMG_4501.HEIC"].kind == "image"
    pair = {m["IMG_4501.HEIC"].duplicate_kind, m["IMG_4501.jpg"].duplicate_kind}
    assert pair == {None, "same"}


def test_after_a_keeper_change_a_near_copy_is_never_called_exact(lib, claim, tmp_path):
    copy = write(tmp_path / "again" / "IMG_0001 (1).JPG", (claim / "IMG_0001.JPG").read_bytes())
    import_paths(lib, [claim, copy], case_ref="C-2026-0105")
    wa = by_name(lib)["IMG-20261110-WA0001.jpg"]
    duplicates.set_keeper(lib, wa.sha256)
    for m in by_name(lib).values():
        if m.duplicate_kind == "exact":
            assert m.duplicate_of == m.sha256, m.name


def _kept(lib):
    with lib.unit() as uow:
        shas = [m.sha256 for m in list_media(lib)]
        return uow.duplicates.kept_proofs(shas)


def _regroup(lib, ref):
    with lib.unit(write=True) as uow:
        duplicates.refresh(uow, [uow.cases.id_of(ref)], lib.team)


def test_a_case_grouped_again_uses_the_proofs_it_kept_and_only_those_that_still_hold(lib, claim):
    """Every import, move, merge and undo groups the touched cases again; the proofs of pairs already proven are
    kept per pair of originals, under a key that digests the engine and what the proof read of both pictures.
    Shown from the outside: a kept verdict with today's key decides the pair (rewritten here, it changes the
    group), a kept verdict under another key is proven again and replaced, and an erasure leaves none behind."""
    from desktop.core.sameness import verdict_from_text

    import_paths(lib, [claim], case_ref="C-2026-0100")
    m = by_name(lib)
    keeper, wa = m["IMG_0001.JPG"], m["IMG-20261110-WA0001.jpg"]
    kept = _kept(lib)
    assert (keeper.sha256, wa.sha256) in kept
    key, text = kept[(keeper.sha256, wa.sha256)]
    assert verdict_from_text(text).kind == "same" and len(kept) >= 3
    edited = text.replace('"same"', '"edited"', 1)

    with lib.unit(write=True) as uow:  # the kept verdict, rewritten under today's key, is what decides
        uow.duplicates.keep_proofs([(keeper.sha256, wa.sha256, key, edited)])
    _regroup(lib, "C-2026-0100")
    assert by_name(lib)["IMG-20261110-WA0001.jpg"].duplicate_kind == "edited"

    with lib.unit(write=True) as uow:  # under a key that is not today's: proven again, and kept anew
        uow.duplicates.keep_proofs([(keeper.sha256, wa.sha256, "0" * 32, edited)])
    _regroup(lib, "C-2026-0100")
    again = by_name(lib)["IMG-20261110-WA0001.jpg"]
    assert again.duplicate_kind == "same" and again.set_aside
    assert _kept(lib)[(keeper.sha256, wa.sha256)] == (key, text)


def test_an_erased_customer_leaves_no_kept_proof_of_their_photos(lib, claim):
    from desktop.services import case_edit
    from desktop.services.case_customer import set_case_customer
    from desktop.services.customers import find_or_create
    from desktop.services.erasure import erase_customer

    import_paths(lib, [claim], case_ref="C-2026-0100")
    shas = {m.sha256 for m in list_media(lib)}
    assert _kept(lib)
    with lib.unit(write=True) as uow:
        customer = find_or_create(uow, name="Emma de Vries", phone="+31 6 12345678")
    set_case_customer(lib, "C-2026-0100", str(customer))
    case_edit.update_case(lib, "C-2026-0100", status="closed")
    erase_customer(lib, customer, "asked for it", override_basis="GDPR art. 17(1)(b)")
    with lib.unit() as uow:
        assert uow.duplicates.kept_proofs(sorted(shas)) == {}
    import sqlite3

    with sqlite3.connect(lib.paths.db_file) as db:  # neither side of any kept row is one of the erased originals
        assert not [r for r in db.execute("SELECT sha_a, sha_b FROM dup_proof") if set(r) & shas]
