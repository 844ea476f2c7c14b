"""The case-file PDF, rendered from real generated files and read back with pypdf, qpdf and pdftoppm."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader

from desktop.core.progress import Cancelled, CancelToken
from desktop.report.data import ReportItem, ReportOptions, manifest_line
from desktop.report.layout import short_sha
from desktop.report.pdf import render_case_file
from tests.report.factory import PHONE, make_case

GENERATED = datetime(2024, 3, 20, 9, 30)


def options(**kw) -> ReportOptions:
    return ReportOptions(generated_at=GENERATED, **kw)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def outline(reader: PdfReader) -> dict[str, int]:
    return {entry.title: reader.get_destination_page_number(entry) for entry in reader.outline}


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, (
        f"{name} is not installed: apt-get install -y {'qpdf' if name == 'qpdf' else 'poppler-utils'}"
    )
    return path


def qpdf_check(pdf: Path) -> None:
    result = subprocess.run([tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return make_case(tmp_path_factory.mktemp("originals"), photos=5)


@pytest.fixture(scope="module")
def rendered(case, tmp_path_factory) -> Path:
    return render_case_file(case, tmp_path_factory.mktemp("out") / "case.pdf", options())


def test_sections_captions_manifest_and_metadata(case, rendered):
    reader = PdfReader(rendered)
    sections = outline(reader)
    assert list(sections) == [
        "Case",
        "Timeline",
        "Photos",
        "Videos",
        "Voice notes and documents",
        "Duplicates and edited copies",
        "Notes",
        "Integrity manifest",
    ]
    assert sections["Videos"] - sections["Photos"] == math.ceil(5 / 2)
    # cover, timeline, 3 photo pages, videos with the short sections, the manifest
    assert len(reader.pages) == 7 and sections["Integrity manifest"] == 6
    text = text_of(reader)
    for item in case.items:
        assert item.name in text
        assert short_sha(item.sha256) in text
    for entry in case.manifest:
        assert manifest_line(entry) in text, manifest_line(entry)
    flat = " ".join(text.split())
    assert "sha256sum -c manifest-sha256.txt" in flat
    assert "Page 1 of 7" in flat and "Page 7 of 7" in flat  # "of N" is a form XObject filled in at the end
    assert "2024-03-14 09:00:00 +01:00 (EXIF)" in text  # capture time and its source
    assert "52.37022, 4.89517" in text and PHONE in text  # shown when not redacted
    assert "Water damage in the kitchen, view 3" in text and "same picture" in text
    meta = reader.metadata
    assert meta.title == "Case file CASE-2024-0042 – Leaking washing machine"
    assert meta.author == "J. de Vries"
    assert meta.subject == "Case file CASE-2024-0042"
    assert "CASE-2024-0042" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20240320093000")
    qpdf_check(rendered)


def test_pdfa_entries_and_embedded_fonts_only(rendered, case, tmp_path):
    reader = PdfReader(rendered)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object()
    assert "/Filter" not in xmp
    packet = xmp.get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in packet and "<pdfaid:conformance>B</pdfaid:conformance>" in packet
    assert reader.metadata.title in packet and "2024-03-20T09:30:00" in packet
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"
    raw = rendered.read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/(\S+)", raw))
    assert fonts and all(b"DejaVuSans" in f for f in fonts), fonts
    assert raw.count(b"/FontFile2") == len(fonts)
    assert b"/Encrypt" not in raw and b"/JavaScript" not in raw and b"/ASCII85Decode" not in raw
    assert not re.search(rb"[^\r\n]endstream", raw)  # PDF/A 6.1.7.1
    plain = render_case_file(case, tmp_path / "plain.pdf", options(pdfa=False))
    assert "/Metadata" not in PdfReader(plain).trailer["/Root"]


def test_pictures_are_downsampled_upright_jpegs(rendered):
    reader = PdfReader(rendered)
    photos = outline(reader)["Photos"]
    first, second = reader.pages[photos].images[:2]
    assert len(reader.pages[photos + 1].images) == 2  # the PNG and the HEIC
    assert first.image.size[0] <= 1600 and first.image.size[0] / first.image.size[1] == pytest.approx(
        4 / 3, 0.01
    )
    assert second.image.size[0] < second.image.size[1]  # EXIF orientation 6 applied: portrait
    assert rendered.stat().st_size < 1_500_000
    assert rendered.read_bytes().count(b"/DCTDecode") >= 5 + 4  # photos and key frames, embedded as JPEG


def test_pages_render_and_are_not_blank(rendered, tmp_path):
    photos = outline(PdfReader(rendered))["Photos"] + 1
    for page in (1, photos):
        prefix = tmp_path / f"p{page}"
        subprocess.run(
            [
                tool("pdftoppm"),
                "-png",
                "-r",
                "50",
                "-f",
                str(page),
                "-l",
                str(page),
                str(rendered),
                str(prefix),
            ],
            check=True,
        )
        (png,) = tmp_path.glob(f"p{page}-*.png")
        with Image.open(png) as im:
            stat = ImageStat.Stat(im.convert("L"))
            assert im.size[0] > 300 and stat.extrema[0][0] < 100 and stat.stddev[0] > 10


def test_hostile_text_prints_literally(tmp_path):
    data = make_case(tmp_path / "in", photos=1, hostile=True)
    data.case.customer_name = "<b>Zoë</b> 🤦🏽‍♀️ مريم"
    data.items[0].caption = "<font size=99>" + "ü" * 5000
    pdf = render_case_file(data, tmp_path / "hostile.pdf", options())
    qpdf_check(pdf)
    reader = PdfReader(pdf)
    text = text_of(reader)
    assert "<font size=99>big</font> & &amp;" in text
    assert '<img src="/etc/passwd"/>' in text and "<b>Mallory</b>" in text
    assert "Help □□□ thanks □ □□ end" in text  # three emoji, one emoji, two control characters: all visible
    assert "<b>Zoë</b> □" in text
    pages = [i for i, page in enumerate(reader.pages) if "woord0000" in page.extract_text()]
    last = [i for i, page in enumerate(reader.pages) if "woord0559" in page.extract_text()]
    assert pages and last and last[0] > pages[0]  # the 5,000-character message wraps onto the next page


@pytest.mark.parametrize(("lang", "says"), [("en", "the message goes on: 1,048,576 characters in all"),
                                           ("nl", "het bericht gaat verder: 1.048.576 tekens in totaal")])
def test_a_message_of_a_megabyte_is_cut_and_named(tmp_path, lang, says):
    """One unbroken megabyte in a message (found by fuzzing: the export took minutes, growing with the square of
    its length): the case file shows its first pages and says how long it is."""
    from desktop.report.data import ReportMessage

    data = make_case(tmp_path / "in", photos=1)
    data.messages.append(ReportMessage(data.messages[-1].sent_at, "Customer", "A" * (1 << 20)))
    pdf = render_case_file(data, tmp_path / "long.pdf", options(lang=lang))
    reader = PdfReader(pdf)
    assert says in " ".join(text_of(reader).split())
    assert len(reader.pages) < 12


def test_redact_hides_gps_and_phone_numbers(case, tmp_path):
    pdf = render_case_file(case, tmp_path / "redacted.pdf", options(redact=True))
    text = text_of(PdfReader(pdf))
    assert "12345678" not in text and "52.37" not in text
    assert "hidden" in text and "Bel me op […]" in text


def test_dutch_labels(case, tmp_path):
    pdf = render_case_file(case, tmp_path / "nl.pdf", options(lang="nl"))
    reader = PdfReader(pdf)
    assert list(outline(reader))[:3] == ["Zaak", "Tijdlijn", "Foto's"]
    text = text_of(reader)
    for label in ("Dossier", "Behandelaar", "Ontvangen", "Afzender", "Integriteitsmanifest", "Pagina 1 van",
                  "Schadeclaim", "In behandeling", "zelfde foto"):  # codes named as the window names them
        assert label in " ".join(text.split())
    assert reader.trailer["/Root"]["/Lang"] == "nl"


@pytest.mark.parametrize("per_page", [1, 2, 4])
def test_photos_per_page(case, tmp_path, per_page):
    photos_only = replace(case, items=[it for it in case.items if it.kind == "image"], messages=[], notes=[])
    pdf = render_case_file(photos_only, tmp_path / f"pp{per_page}.pdf", options(per_page=per_page))
    sections = outline(PdfReader(pdf))
    assert sections["Duplicates and edited copies"] - sections["Photos"] == math.ceil(5 / per_page)


def test_cancel_leaves_no_file(case, tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        render_case_file(case, tmp_path / "a.pdf", options(), cancel=token)
    assert list(tmp_path.iterdir()) == []

    previous = tmp_path / "b.pdf"
    previous.write_bytes(b"old export")
    token = CancelToken()

    def progress(done, total, message=""):
        if done > 800:  # halfway through the page layout
            token.cancel()

    with pytest.raises(Cancelled):
        render_case_file(case, previous, options(), progress=progress, cancel=token)
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"] and previous.read_bytes() == b"old export"


def test_unreadable_original_gets_a_placeholder_and_progress_ends(case, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    item = ReportItem(number=99, name="broken.jpg", kind="image", path=broken, sha256="ab" * 32, size=20)
    seen: list[tuple[int, int]] = []
    pdf = render_case_file(
        replace(case, items=[*case.items, item]),
        tmp_path / "x.pdf",
        options(),
        progress=lambda done, total, message="": seen.append((done, total)),
    )
    text = text_of(PdfReader(pdf))
    assert "broken.jpg" in text and "The image could not be read." in text
    assert seen[-1] == (1000, 1000) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_keyframe_bytes_and_png_are_prepared(tmp_path):
    from desktop.report.images import print_jpeg

    buf = io.BytesIO()
    Image.new("RGBA", (300, 200), (255, 0, 0, 0)).save(buf, "PNG")
    result = print_jpeg(buf.getvalue(), (150, 150))
    assert (result.width, result.height) == (150, 100)
    with Image.open(io.BytesIO(result.data)) as im:
        assert im.format == "JPEG" and im.getpixel((75, 50))[1] > 240  # transparency flattened on white


def test_a_name_that_turns_text_around_is_written_as_it_is_stored(tmp_path):
    """A file name with a right-to-left override (U+202E), imported and exported: reportlab draws the override as
    given, and a reader's copy, search or screen reader turns "photo\u202egpj.exe" into "photoexe.jpg". The PDF
    shows it as it shows control characters, as a box; the library keeps the name as it came."""
    from desktop.services.cases import list_media
    from desktop.services.exporting import export_case
    from desktop.services.importing import import_paths
    from desktop.services.library import open_library
    from tests.gen import jpeg

    src = tmp_path / "Storm\u2067 damage"  # the case's title: an isolate, never closed
    first = jpeg(src / "photo\u202egpj.exe", seed=1, taken="2024:03:14 10:12:33")
    (src / "copy.jpg").write_bytes(first.read_bytes())  # an exact copy: the duplicates appendix names both
    with open_library(tmp_path / "lib") as lib:
        [ref] = import_paths(lib, [src]).cases
        assert "photo\u202egpj.exe" in {m.name for m in list_media(lib, case_ref=ref)}
        pdf = export_case(lib, ref, tmp_path / "case.pdf", options(with_duplicates=True))
    qpdf_check(pdf)
    reader = PdfReader(pdf)
    text = text_of(reader)
    assert not any(c in text for c in "\u202e\u2067"), [line for line in text.splitlines() if "photo" in line]
    assert text.count("photo□gpj.exe") >= 3  # the photo's heading, the duplicates appendix, the manifest
    assert "Storm□ damage" in text and "\u2067" not in reader.metadata.title


def test_redact_text_and_clean():
    from desktop.report.data import redact_text
    from desktop.report.layout import clean, para

    assert redact_text("bel 06-12345678 of +31 (0)6 1234 5678.") == "bel […] of […]."
    assert redact_text("op 14-03-2024 10:12, 2024-03-14 en IMG-20240314-WA0003") == (
        "op 14-03-2024 10:12, 2024-03-14 en IMG-20240314-WA0003"
    )
    assert redact_text("hier: 52.370216, 4.895168") == "hier: […]"
    assert redact_text("zie https://maps.google.com/?q=52.37,4.89 nu") == "zie […] nu"
    assert clean("a🤦🏽‍♀️b\x00c") == "a□b□c"
    assert clean("photo\u202egpj.exe \u2066x\u2069 \u200eDOC.pdf") == "photo□gpj.exe □x□ \u200eDOC.pdf"
    assert para("<font size=99>&\nx") == "&lt;font size=99&gt;&amp;<br/>x"


def test_duplicates_appendix_says_what_was_done_to_each_copy(case, tmp_path):
    from desktop.report.data import ReportDuplicate

    first = case.duplicates[0]
    shot = ReportDuplicate("Screenshot_20240314.png", "ab" * 32, 1, case.items[0].name, "same",
                           {"screenshot": {"picture_px": [1080, 810], "frame_px": [1128, 2400]}})
    cropped = replace(first, transform={"crop": {"left": 6.0, "top": 3.0, "right": 0, "bottom": 0},
                                        "brightness": 1.10})
    edited = ReportDuplicate("IMG_0001-sticker.jpg", "cd" * 32, 1, case.items[0].name, "edited", None,
                             (12.0, 30.0, 20.0, 15.0))
    data = replace(case, duplicates=[cropped, shot, edited])
    for lang, expected in (
        ("en", ["cropped 6 % left and 3 % top, 10 % brighter",
                "screenshot: picture at 1080 × 810 px inside a 1128 × 2400 frame", "edited copy",
                "changed area 20 % wide and 15 % high, 12 % from the left and 30 % from the top",
                "An edited copy differs from its original in one place", "is kept among the photos"]),
        ("nl", ["6 % links en 3 % boven bijgesneden, 10 % lichter",
                "schermafbeelding: foto van 1080 × 810 px in een scherm van 1128 × 2400", "bewerkte kopie",
                "gewijzigd gebied van 20 % breed en 15 % hoog, 12 % van links en 30 % van boven",
                "Een bewerkte kopie verschilt op één plek van het origineel", "blijft bij de foto's"]),
    ):
        pdf = render_case_file(data, tmp_path / f"dups-{lang}.pdf", options(lang=lang))
        reader = PdfReader(pdf)
        start = outline(reader)["Duplicates and edited copies" if lang == "en" else "Duplicaten en bewerkte kopieën"]
        flat = " ".join(" ".join(p.extract_text() for p in reader.pages[start:start + 2]).split())
        for words in expected:
            assert words in flat, (lang, words)
