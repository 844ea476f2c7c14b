"""``casedesk demo``: a small library built from generated media, to see the whole flow at once.

Three invented customers: a water-damage claim that arrived on WhatsApp (photos, a video, the same photo sent
twice; the claims team answers after 95 working minutes), a ceiling leak on WhatsApp answered within the norm,
and a hotel complaint by e-mail (a camera original and its WhatsApp-sized copy: a duplicate pair) with the
complaints desk's reply in the same thread; plus a folder of storm photos with near-identical burst shots. Two
handlers, so ``casedesk sla`` has figures per handler and per kind.
"""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from desktop.core.model import CaseKind, ImportReport
from desktop.services.case_edit import update_case
from desktop.services.cases import list_cases
from desktop.services.demo_media import camera_jpeg, scene, video_mp4, whatsapp_copy
from desktop.services.importing import import_paths
from desktop.services.library import Library

CHAT_NAME = "WhatsApp Chat with Sophie Bakker"


def _chat_zip(folder: Path) -> Path:
    photos = [scene("kitchen", i, (2400, 1800)) for i in (1, 2, 3)]
    files = {f"IMG-20261116-WA000{i + 1}.jpg": whatsapp_copy(p) for i, p in enumerate(photos)}
    files["IMG-20261116-WA0005.jpg"] = files["IMG-20261116-WA0001.jpg"]  # sent twice
    video = video_mp4(folder / "clip.mp4")
    files["VID-20261116-WA0004.mp4"] = video.read_bytes()
    lines = [
        "16/11/2026, 09:38 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
        "WhatsApp, can read or listen to them. Tap to learn more.",
        "16/11/2026, 09:40 - Sophie Bakker: Good morning, my washing machine leaked overnight and the kitchen is flooded.",
        "16/11/2026, 09:41 - Sophie Bakker: IMG-20261116-WA0001.jpg (file attached)",
        "16/11/2026, 09:41 - Sophie Bakker: IMG-20261116-WA0002.jpg (file attached)",
        "16/11/2026, 09:42 - Sophie Bakker: IMG-20261116-WA0003.jpg (file attached)",
        "The floor next to the machine",
        "16/11/2026, 09:42 - Sophie Bakker: VID-20261116-WA0004.mp4 (file attached)",
        "16/11/2026, 11:15 - Claims Team: Thank you Sophie, we have opened a claim. Is the water still coming in?",
        "16/11/2026, 11:20 - Sophie Bakker: No, the tap is closed now. Here is the first photo again.",
        "16/11/2026, 11:20 - Sophie Bakker: IMG-20261116-WA0005.jpg (file attached)",
        "17/11/2026, 08:02 - Sophie Bakker: Good morning, is there any news about the claim?",
        "17/11/2026, 08:03 - Sophie Bakker: IMG-20261116-WA0006.jpg (file attached)",
    ]
    zpath = folder / f"{CHAT_NAME}.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{CHAT_NAME}.txt", "\n".join(lines) + "\n")
        for name, data in files.items():
            zf.writestr(name, data)
    video.unlink()
    return zpath


def _leak_chat(folder: Path) -> Path:
    """A second 1:1 chat, answered by the organisation within the norm."""
    name = "WhatsApp Chat with Mehmet Yilmaz"
    photos = {f"IMG-20261118-WA00{i:02d}.jpg": whatsapp_copy(scene("bathroom", 20 + i, (2400, 1800)))
              for i in (1, 2)}
    lines = [
        "18/11/2026, 14:02 - Mehmet Yilmaz: Hello, water is dripping through the bathroom ceiling from upstairs.",
        *[f"18/11/2026, 14:03 - Mehmet Yilmaz: {n} (file attached)" for n in photos],
        "18/11/2026, 14:20 - Schadeservice Polder: Thank you Mehmet. Please put a bucket under it; an expert will "
        "call you tomorrow morning.",
        "18/11/2026, 17:45 - Mehmet Yilmaz: The neighbour has closed the main tap.",
        "19/11/2026, 08:50 - Schadeservice Polder: Good, the expert will call you before 10:00.",
    ]
    zpath = folder / f"{name}.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}.txt", "\n".join(lines) + "\n")
        for n, data in photos.items():
            zf.writestr(n, data)
    return zpath


def _complaint_reply(folder: Path, complaint: Path) -> Path:
    """The complaints desk's answer, in the customer's thread: an answer, not a customer of its own."""
    from email import message_from_bytes

    original = message_from_bytes(complaint.read_bytes())
    msg = EmailMessage()
    msg["From"] = "Sunway Travel Care <complaints@example-travel.test>"
    msg["To"] = "Daan Visser <daan.visser@example.com>"
    msg["Subject"] = "Re: " + str(original["Subject"])
    msg["Date"] = format_datetime(datetime(2026, 11, 20, 9, 10, tzinfo=timezone(timedelta(hours=1))))
    msg["Message-ID"] = make_msgid(domain="example-travel.test")
    msg["In-Reply-To"] = str(original["Message-ID"])
    msg["References"] = str(original["Message-ID"])
    msg.set_content("Dear Mr Visser,\n\nWe are sorry about your room. We have asked the hotel for a reply and "
                    "will come back to you within three working days.\n\nSunway Travel Care\n")
    path = folder / "Re Complaint Hotel Miramar.eml"
    path.write_bytes(bytes(msg))
    return path


def _complaint_eml(folder: Path) -> Path:
    room = scene("hotel", 7, (3000, 2250))
    original = camera_jpeg(room, "2026:11:19 20:14:05", make="Apple", model="iPhone 13", offset="+01:00")
    bathroom = camera_jpeg(scene("bathroom", 8, (3000, 2250)), "2026:11:19 20:15:31", make="Apple",
                           model="iPhone 13", offset="+01:00")
    msg = EmailMessage()
    msg["From"] = "Daan Visser <daan.visser@example.com>"
    msg["To"] = "complaints@example-travel.test"
    msg["Subject"] = "Complaint: dirty room at Hotel Miramar, booking TR-55812"
    msg["Date"] = format_datetime(datetime(2026, 11, 20, 8, 30, tzinfo=timezone(timedelta(hours=1))))
    msg["Message-ID"] = make_msgid(domain="example.com")
    msg.set_content("Dear team,\n\nOur room at Hotel Miramar was not cleaned when we arrived. Photos attached;\n"
                    "the second one is the copy I sent you on WhatsApp earlier.\n\nKind regards,\nDaan Visser\n")
    msg.add_attachment(original, maintype="image", subtype="jpeg", filename="IMG_4410.JPG")
    msg.add_attachment(bathroom, maintype="image", subtype="jpeg", filename="IMG_4411.JPG")
    msg.add_attachment(whatsapp_copy(room), maintype="image", subtype="jpeg", filename="photo room.jpg")
    path = folder / "Complaint Hotel Miramar.eml"
    path.write_bytes(bytes(msg))
    return path


def _storm_folder(folder: Path) -> Path:
    out = folder / "Storm damage roof"
    out.mkdir()
    base = scene("storm", 11, (2600, 1950))
    for i, (dx, t) in enumerate([(0, "12:01:10"), (150, "12:01:11"), (0, "12:09:45")]):
        img = base.crop((dx, 0, dx + 2400, 1800)) if i < 2 else scene("storm", 12, (2400, 1800))
        data = camera_jpeg(img, f"2026:11:21 {t}", make="samsung", model="SM-S911B", offset=None)
        (out / f"IMG_20261121_{t.replace(':', '')}.jpg").write_bytes(data)
    return out


def build_demo(lib: Library) -> ImportReport:
    """Generate the sample inputs in the library's scratch space, import them, and give the cases their kind
    and handler."""
    with lib.workspace() as scratch:
        complaint = _complaint_eml(scratch)
        inputs = [_chat_zip(scratch), _leak_chat(scratch), complaint, _complaint_reply(scratch, complaint),
                  _storm_folder(scratch)]
        report = import_paths(lib, inputs)
    for case in list_cases(lib):
        if case.customer == "Sophie Bakker":
            update_case(lib, case.ref, handler="Anna de Boer")
        elif case.customer == "Mehmet Yilmaz":
            update_case(lib, case.ref, handler="Piet Jansen")
        elif case.customer == "Daan Visser":
            update_case(lib, case.ref, handler="Piet Jansen", kind=CaseKind.COMPLAINT)
    return report


def demo_needed(lib: Library) -> bool:
    return not list_cases(lib)


__all__ = ["build_demo", "demo_needed"]
