"""An MP4 cut short says so ("truncated video (...: it was probably cut short)") instead of FFmpeg's "Invalid data
found when processing input"; an MP4 damaged inside (its boxes are whole, or are no boxes at all) keeps the
decoder's words."""

from __future__ import annotations

import random

import pytest

from desktop.core.errors import RejectedInput
from desktop.core.model import MediaKind
from desktop.media.probe import probe_path
from tests.media.test_video import make_mp4


def _rejection(path) -> str:  # noqa: ANN001
    with pytest.raises(RejectedInput) as err:
        probe_path(path)
    return err.value.message


@pytest.mark.parametrize("keep", [40, 0.5, 0.9])
def test_a_cut_mp4_is_named_truncated(tmp_path, keep):
    data = make_mp4()
    whole = tmp_path / "whole.mp4"
    whole.write_bytes(data)
    assert probe_path(whole).kind == MediaKind.VIDEO
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: keep if isinstance(keep, int) else int(len(data) * keep)])
    why = _rejection(cut)
    assert why.startswith("truncated video (") and why.endswith("it was probably cut short)"), why


def test_garbage_after_the_file_type_box_is_unreadable_not_cut(tmp_path):
    path = tmp_path / "garbage.mp4"
    path.write_bytes(make_mp4()[:24] + random.Random(4).randbytes(20000))
    assert _rejection(path).startswith("unreadable video (")
