"""The import dialog's case picker, and rotation in the PDF and the thumbnails."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from desktop.core.errors import UsageError
from desktop.report.data import ReportOptions
from desktop.services import case_edit
from desktop.services.case_picker import pick_cases
from desktop.services.cases import list_media
from desktop.services.exporting import export_case
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.services.thumbnails import thumbnail_for
from desktop.settings import AppPaths
from tests.gen import jpeg
from tests.services.undo_world import build, copy


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    root = tmp_path_factory.mktemp("picker")
    return root, build(root)


@pytest.fixture
def world(template, tmp_path):
    root, w = template
    with Library(AppPaths(copy(root, tmp_path)), handler="Anna") as lib:
        yield lib, w


def test_open_and_recent_cases_first_matching_ref_title_and_customer(world):
    lib, w = world
    case_edit.update_case(lib, w.kitchen, status="closed")
    found = pick_cases(lib)
    assert [c.ref for c in found][-1] == w.kitchen  # closed: last
    assert {c.ref for c in found[:2]} == {w.garden, w.chat}
    sophie = pick_cases(lib, "sophie")
    assert [c.ref for c in sophie] == [w.chat] and sophie[0].customer == "Sophie Bakker"
    assert [c.ref for c in pick_cases(lib, "GARD")] == [w.garden]
    assert [c.ref for c in pick_cases(lib, w.kitchen.lower())] == [w.kitchen]
    assert pick_cases(lib, "sophie garden") == [] and len(pick_cases(lib, limit=1)) == 1
    new = case_edit.split_case(lib, w.chat, [m for m in lib_messages(lib, w.chat)][-2])
    picked = {c.ref: c for c in pick_cases(lib, "bakker")}
    assert picked[w.chat].others == [new] and picked[new].others == [w.chat]
    assert picked[w.chat].to_json()["others"] == [new]


def lib_messages(lib, ref):
    from desktop.services.cases import list_messages

    return [m.id for m in list_messages(lib, case_ref=ref)]


def test_rotation_is_stored_per_item_and_honoured_by_pdf_and_thumbnails(lib, tmp_path):
    src = jpeg(tmp_path / "wide.jpg", size=(800, 400), seed=3)
    (ref,) = import_paths(lib, [src]).cases
    (m,) = list_media(lib, case_ref=ref)
    with pytest.raises(UsageError, match="multiple of 90"):
        case_edit.set_rotation(lib, m.id, 45)
    assert case_edit.set_rotation(lib, m.id, -90) == 270
    (m,) = list_media(lib, case_ref=ref)
    assert m.rotation == 270 and m.to_json()["rotation"] == 270
    assert lib.blobs.path_for(m.sha256).read_bytes() == src.read_bytes()  # the original untouched
    turned = thumbnail_for(lib, m.sha256, m.rotation)
    assert turned != lib.thumb_path(m.sha256)
    with Image.open(turned) as t, Image.open(lib.thumb_path(m.sha256)) as plain:
        assert t.size == (plain.height, plain.width) and t.width < t.height
    assert thumbnail_for(lib, m.sha256, 0) == lib.thumb_path(m.sha256)
    pdf = export_case(lib, ref, tmp_path / "case.pdf", ReportOptions(pdfa=False, per_page=1))
    images = [img for page in PdfReader(pdf).pages for img in page.images]
    (photo,) = [i for i in images if i.image.width > 100]
    assert photo.image.height > photo.image.width  # printed upright as turned: taller than wide
    with Image.open(io.BytesIO(photo.data)) as printed:
        assert printed.height / printed.width == pytest.approx(2, rel=0.02)
