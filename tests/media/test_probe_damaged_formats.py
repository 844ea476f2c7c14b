"""A damaged picture of any format Pillow reads (JPEG, PNG, TIFF, WebP, HEIC, GIF, BMP) is rejected by the probe
with the same words: "truncated FORMAT" when the file ends early, "damaged FORMAT picture (...)" otherwise. The
import keeps such a file as ``other`` and reports it. A damaged .tif used to pass silently as an unshowable TIFF
(the words meant for camera raw files), and a cut WebP or HEIC was named in its decoder's words."""

from __future__ import annotations

import io
import random

import pillow_heif
import pytest
from PIL import Image

from desktop.core.errors import RejectedInput
from desktop.core.model import MediaKind
from desktop.media.probe import probe_path

pillow_heif.register_heif_opener()

FORMATS = [("JPEG", "jpg"), ("PNG", "png"), ("TIFF", "tif"), ("WEBP", "webp"), ("HEIF", "heic"), ("GIF", "gif"),
           ("BMP", "bmp")]


def _picture_bytes(fmt: str) -> bytes:
    img = Image.effect_noise((240, 160), 50).convert("RGB")
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def _rejection(path) -> str:  # noqa: ANN001
    with pytest.raises(RejectedInput) as err:
        probe_path(path)
    return err.value.message


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")
@pytest.mark.parametrize("fmt, ext", FORMATS)
def test_a_cut_picture_is_named_truncated(tmp_path, fmt, ext):
    good = _picture_bytes(fmt)
    whole = tmp_path / f"whole.{ext}"
    whole.write_bytes(good)
    assert probe_path(whole).kind == MediaKind.IMAGE
    cut = tmp_path / f"cut.{ext}"
    cut.write_bytes(good[: len(good) // 3])
    assert _rejection(cut) == f"truncated {fmt}"


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")
@pytest.mark.parametrize("fmt, ext", FORMATS)
def test_garbage_after_a_valid_header_is_rejected_in_plain_words(tmp_path, fmt, ext):
    good = _picture_bytes(fmt)
    rnd = random.Random(fmt)
    path = tmp_path / f"garbage.{ext}"
    path.write_bytes(good[:16] + bytes(rnd.randrange(256) for _ in range(len(good) - 16)))
    why = _rejection(path)
    assert why.startswith(("truncated ", "damaged ", "picture too large")), why
    assert "decoder object" not in why and "Error" not in why


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")
def test_tiff_header_with_garbage_is_damaged_not_an_unusual_tiff(tmp_path):
    rnd = random.Random(7)
    for name, head in (("scan.tif", b"II*\x00\x08\x00\x00\x00"), ("scan.tiff", b"MM\x00*\x00\x00\x00\x08")):
        path = tmp_path / name
        path.write_bytes(head + bytes(rnd.randrange(256) for _ in range(4000)))
        assert _rejection(path).startswith(("damaged TIFF picture (", "truncated TIFF")), name
    header_only = tmp_path / "header.tif"
    header_only.write_bytes(b"II*\x00\x08\x00\x00\x00")
    assert _rejection(header_only) == "truncated TIFF"


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")
def test_a_camera_raw_that_pillow_cannot_open_is_still_kept_as_raw(tmp_path):
    """The same bytes named .nef are a camera's raw file: kept as such (``other``, with why it is not shown)."""
    rnd = random.Random(8)
    path = tmp_path / "DSC_0001.NEF"
    path.write_bytes(b"MM\x00*\x00\x00\x00\x08" + bytes(rnd.randrange(256) for _ in range(4000)))
    result = probe_path(path)
    assert (result.kind, result.format) == (MediaKind.OTHER, "NEF")
    assert any("cannot be shown" in w for w in result.warnings)


def test_a_decoder_error_without_a_message_is_said_in_words_not_by_its_class():
    """A decoder that stops with an exception that carries no message (``OSError()``) gave the reason "OSError"."""
    from desktop.media.probe import _detail

    assert _detail(OSError()) == "its content cannot be read"
    assert _detail(ValueError("  ")) == "its content cannot be read"
    assert _detail(OSError("image file is truncated")) == "image file is truncated"
