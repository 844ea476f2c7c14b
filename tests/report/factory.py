"""Build ``CaseFileData`` from real generated files (Pillow JPEGs/PNG, fake audio and PDF bytes) for the tests."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pillow_heif
from PIL import Image, ImageDraw

from desktop.report.data import (
    CaseFileData,
    ReportCase,
    ReportDuplicate,
    ReportItem,
    ReportManifestEntry,
    ReportMessage,
    ReportNote,
)

pillow_heif.register_heif_opener()
CET = timezone(timedelta(hours=1))
T0 = datetime(2024, 3, 14, 10, 0, 0, tzinfo=CET)
PHONE = "+31 6 12345678"


def picture(width: int, height: int, seed: int) -> Image.Image:
    """A picture with some structure (gradient, shapes, a big number) so that pages are not blank."""
    im = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(im)
    step = max(8, width // 12)
    for i in range(0, width, step):
        draw.rectangle([i, 0, i + step // 2, height], fill=((seed * 70 + i) % 256, 90, 160))
    draw.ellipse([width // 4, height // 4, 3 * width // 4, 3 * height // 4], fill=(230, 200, 40))
    draw.text((width // 10, height // 10), f"#{seed}", fill=(0, 0, 0), font_size=max(10, height // 6))
    return im


def write_jpeg(path: Path, width: int, height: int, seed: int, orientation: int | None = None) -> Path:
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    picture(width, height, seed).save(path, "JPEG", quality=85, exif=exif)
    return path


def keyframe(seed: int) -> bytes:
    buf = io.BytesIO()
    picture(320, 180, seed).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _item(number: int, path: Path, kind: str, **kw) -> ReportItem:
    data = path.read_bytes()
    return ReportItem(
        number=number,
        name=path.name,
        kind=kind,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        received_at=T0 + timedelta(minutes=number),
        sender="Zoë Ångström-Çelik",
        **kw,
    )


def make_case(folder: Path, photos: int = 5, hostile: bool = False) -> CaseFileData:
    """A case with ``photos`` images (JPEGs, one 4000x3000, one with EXIF orientation 6, a PNG, a HEIC), a video, a
    voice note and a PDF, a chat, duplicates, notes and a manifest of every original."""
    folder.mkdir(parents=True, exist_ok=True)
    items: list[ReportItem] = []
    for n in range(1, photos + 1):
        if n == 1:
            path, size, orient = write_jpeg(folder / "IMG_4000x3000.jpg", 4000, 3000, n), (4000, 3000), None
        elif n == 2:
            path, size, orient = write_jpeg(folder / "IMG_rotated.jpg", 640, 480, n, 6), (480, 640), 6
        elif n == 3:
            path = folder / "screenshot.png"
            picture(500, 900, n).save(path, "PNG")
            size, orient = (500, 900), None
        elif n == 4:
            path = folder / "IMG_0004.heic"  # iPhone format, read through pillow-heif
            picture(800, 600, n).save(path, quality=60)
            size, orient = (800, 600), None
        else:
            path, size, orient = write_jpeg(folder / f"IMG_{n:04d}.jpg", 800, 600, n), (800, 600), None
        items.append(
            _item(
                n,
                path,
                "image",
                width=size[0],
                height=size[1],
                orientation=orient,
                taken_at=T0 - timedelta(hours=n),
                taken_at_source="exif" if n != 3 else "received",
                camera="Apple iPhone 13",
                gps=(52.370216, 4.895168) if n == 1 else None,
                flags=["edited"] if n == 2 else [],
                caption=f"Water damage in the kitchen, view {n}",
            )
        )
    base = len(items)
    video = folder / "VID_0001.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(2000))
    items.append(
        _item(
            base + 1,
            video,
            "video",
            width=1920,
            height=1080,
            duration_s=42.4,
            keyframes=[keyframe(i) for i in range(4)],
            camera="Samsung SM-G991B",
        )
    )
    audio = folder / "PTT-20240314-WA0001.opus"
    audio.write_bytes(b"OggS" + bytes(500))
    items.append(_item(base + 2, audio, "audio", duration_s=12.0))
    receipt = folder / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n%%EOF\n")
    items.append(_item(base + 3, receipt, "pdf", caption="Invoice of the repair"))
    messages = [
        ReportMessage(
            T0 - timedelta(hours=2),
            "Zoë Ångström-Çelik",
            "De wasmachine is gelekt! Bel me op 06-12345678",
            [1, 2],
        ),
        ReportMessage(T0 - timedelta(hours=1), "Handler", "Thank you, could you send the receipt?"),
    ]
    notes = [ReportNote(T0 + timedelta(days=1), "J. de Vries", "Customer called; damage confirmed.")]
    dup_path = folder / "IMG_0001-WA0003.jpg"
    write_jpeg(dup_path, 400, 300, 1)
    dup_sha = hashlib.sha256(dup_path.read_bytes()).hexdigest()
    duplicates = [ReportDuplicate(dup_path.name, dup_sha, 1, items[0].name, "same")]
    if hostile:
        messages += hostile_messages()
    manifest = [ReportManifestEntry(it.sha256, it.size, it.name) for it in items]
    manifest.append(ReportManifestEntry(dup_sha, dup_path.stat().st_size, dup_path.name))
    case = ReportCase(
        ref="CASE-2024-0042",
        title="Leaking washing machine",
        kind="claim",
        status="in-progress",
        customer_name="Zoë Ångström-Çelik",
        customer_phone=PHONE,
        customer_email="zoe@example.org",
        policy_ref="POL-778812",
        incident_date=T0 - timedelta(days=1),
        opened_at=T0,
        closed_at=None,
        handler="J. de Vries",
        received=len(items) + 1,
        set_aside=1,
        included=len(items),
    )
    return CaseFileData(case, items, messages, duplicates, notes, manifest)


LONG_WORDS = " ".join(f"woord{i:04d}" for i in range(560))  # 5,000+ characters


def hostile_messages() -> list[ReportMessage]:
    """Markup, right-to-left scripts, emoji, control characters and a 5,000-character message."""
    t = T0 + timedelta(hours=3)
    return [
        ReportMessage(t, "<b>Mallory</b>", '<img src="/etc/passwd"/> and <font size=99>big</font> & &amp;'),
        ReportMessage(t, "مريم", "السلام عليكم، الغسالة تسربت المياه"),
        ReportMessage(t, "דוד", "שלום, המכונה דולפת"),
        ReportMessage(t, "Emoji 🙏", "Help 🤦🏽‍♀️💧🚿 thanks 👍 \x00\x07 end"),
        ReportMessage(t, "Long", LONG_WORDS),
        ReportMessage(t, "Unbroken", "x" * 3000),
    ]
