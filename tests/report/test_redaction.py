"""``--redact`` and ``--redact-faces`` in a rendered case file, read back: text by pypdf, metadata from the Info
dictionary and the XMP stream, faces from the page rendered by pdftoppm."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from desktop.report.data import ReportItem, ReportMessage, ReportNote, ReportOptions
from desktop.report.pdf import render_case_file
from tests.conftest import require_tool
from tests.report.factory import T0, make_case

# one of each kind, typed where a customer or a handler could type it
PII = {
    "phone": "06-87654321",
    "email": "zoe.devries@example.nl",
    "iban": "NL91 ABNA 0417 1643 00",
    "bsn": "111222333",
    "plate": "12-BBB-3",
    "gps": "52.370216, 4.895168",
}


def _plain(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(pdf: Path) -> str:
    reader = PdfReader(pdf)
    parts = [page.extract_text() for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:
        parts.append(xmp.get_object().get_data().decode("utf-8"))
    parts += [entry.title for entry in reader.outline]
    return _plain("\n".join(parts))


@pytest.fixture(scope="module")
def pii_case(tmp_path_factory):
    data = make_case(tmp_path_factory.mktemp("in"), photos=2)
    data.case.title = f"Car {PII['plate']} hit the fence"
    data.case.customer_email = PII["email"]
    data.case.policy_ref = f"IBAN {PII['iban']}"
    data.messages.append(ReportMessage(T0, "Zoë", f"My BSN is {PII['bsn']}, call {PII['phone']}, I am at "
                                                  f"{PII['gps']}"))
    data.notes.append(ReportNote(T0, "J. de Vries", f"Refund to {PII['iban']}; mail {PII['email']}"))
    data.items[0].caption = f"Plate {PII['plate']} visible"
    return data


@pytest.mark.parametrize("kind", sorted(PII))
def test_each_kind_is_in_the_plain_file_and_absent_from_the_redacted_one(pii_case, tmp_path, kind):
    value = _plain(PII[kind])
    plain = _pdf_text(render_case_file(pii_case, tmp_path / "plain.pdf", ReportOptions()))
    assert value in plain
    redacted = _pdf_text(render_case_file(pii_case, tmp_path / "red.pdf", ReportOptions(redact=True)))
    assert value not in redacted
    assert value.replace(" ", "") not in redacted.replace(" ", "")
    assert "[…]" in redacted


def test_the_cover_lists_what_was_masked(pii_case, tmp_path):
    pdf = render_case_file(pii_case, tmp_path / "red.pdf", ReportOptions(redact=True, lang="nl"))
    cover = _plain(PdfReader(pdf).pages[0].extract_text())
    # phone: the customer's number and one in a message; e-mail: the customer's and one in a note; IBAN: the
    # policy field and a note; GPS: one photo's position and one in a message; plate: title and caption
    for label, n in (("Telefoonnummers", 3), ("E-mailadressen", 2), ("IBAN's", 2), ("burgerservicenummers", 1),
                     ("Kentekens", 2), ("GPS-posities", 2)):
        assert f"{label}: {n}" in cover or f"{label}): {n}" in cover, (label, cover)
    info = PdfReader(pdf).metadata
    assert PII["plate"] not in str(info.title) and "[…]" in str(info.title)


# --- faces -----------------------------------------------------------------------------------------------------


def _face_photo(folder: Path) -> Path:
    """The astronaut photo that scikit-image ships (Eileen Collins, NASA, public domain), as a JPEG original."""
    from skimage import data as skdata

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "astronaut.jpg"
    Image.fromarray(skdata.astronaut()).save(path, "JPEG", quality=92)
    return path


def _faces_in(im: Image.Image) -> list[tuple[int, int, int, int]]:
    from desktop.report.faces import find_faces

    return find_faces(im)


def _render_page(pdf: Path, page: int, out: Path) -> Image.Image:
    exe = require_tool("pdftoppm")
    subprocess.run([exe, "-r", "100", "-f", str(page), "-l", str(page), "-png", str(pdf), str(out)], check=True)
    [png] = sorted(out.parent.glob(out.name + "*.png"))
    return Image.open(png).convert("RGB")


def _require_detector() -> None:
    """OpenCV with its bundled cascades (opencv-python-headless 4.x, pyproject pins it); in CI its absence fails."""
    from desktop.report.faces import FaceDetectorMissing, find_faces

    try:
        find_faces(Image.new("RGB", (64, 64)))
    except FaceDetectorMissing as e:
        if os.environ.get("CASEDESK_REQUIRE_TOOLS"):
            pytest.fail(str(e))
        pytest.skip(str(e))


def test_faces_are_blurred_in_the_pdf_and_the_original_is_untouched(tmp_path):
    _require_detector()
    photo = _face_photo(tmp_path / "in")
    before = photo.read_bytes()
    data = make_case(tmp_path / "case", photos=1)
    with Image.open(photo) as im:
        assert len(_faces_in(im)) == 1  # the detector finds her in the original
    import hashlib

    item = ReportItem(number=1, name=photo.name, kind="image", path=photo, width=512, height=512,
                      sha256=hashlib.sha256(before).hexdigest(), size=len(before))
    data = replace(data, items=[item], messages=[], notes=[], duplicates=[])
    plain = render_case_file(data, tmp_path / "plain.pdf", ReportOptions(per_page=1))
    blurred = render_case_file(data, tmp_path / "faces.pdf", ReportOptions(per_page=1, redact_faces=True))
    assert photo.read_bytes() == before

    page_plain = _render_page(plain, 3, tmp_path / "p")
    page_blur = _render_page(blurred, 3, tmp_path / "b")
    faces = _faces_in(page_plain)
    assert len(faces) == 1, faces  # the face is there, recognisable, in the plain file...
    assert _faces_in(page_blur) == []  # ...and no detector finds one in the redacted file
    x, y, w, h = faces[0]
    a = np.asarray(page_plain.convert("L"), dtype=float)
    b = np.asarray(page_blur.convert("L"), dtype=float)
    face_a, face_b = a[y:y + h, x:x + w], b[y:y + h, x:x + w]
    detail = lambda z: float(np.abs(np.diff(z, axis=0)).mean() + np.abs(np.diff(z, axis=1)).mean())  # noqa: E731
    assert detail(face_b) < 0.35 * detail(face_a)  # the fine detail of the face is gone
    assert np.abs(face_a - face_b).mean() > 8
    below = slice(y + 2 * h, min(a.shape[0], y + 3 * h))  # her suit, far below the face: the same in both
    assert np.abs(a[below, x:x + w] - b[below, x:x + w]).mean() < 3
    text = " ".join(PdfReader(blurred).pages[0].extract_text().split())
    assert "Faces blurred in the photos: 1" in text
