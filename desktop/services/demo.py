"""``casedesk demo``: a small library built from generated media, to see the whole flow at once.

Two invented customers: a water-damage claim that arrived on WhatsApp (photos, a video, the same photo sent
twice) and a hotel complaint by e-mail (a camera original and its WhatsApp-sized copy: a duplicate pair),
plus a folder of storm photos with near-identical burst shots.
"""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from desktop.core.model import ImportReport
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
    """Generate the sample inputs in the library's scratch space and import them."""
    with lib.workspace() as scratch:
        inputs = [_chat_zip(scratch), _complaint_eml(scratch), _storm_folder(scratch)]
        report = import_paths(lib, inputs)
    return report


def demo_needed(lib: Library) -> bool:
    return not list_cases(lib)


__all__ = ["build_demo", "demo_needed"]
