"""A ZIP cut short (its central directory, at the end, is gone) says so; zipfile's own words were 'File is not a
zip file', about a file that plainly starts as one."""

from __future__ import annotations

import zipfile

import pytest

from desktop.core.errors import UnsafeArchive
from desktop.intake.archive import extract_zip
from tests.gen import jpeg


def test_a_cut_zip_says_it_was_cut_short(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(3):
            z.write(jpeg(tmp_path / f"p{i}.jpg", seed=i), f"p{i}.jpg")
    data = archive.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnsafeArchive) as err:
        extract_zip(cut, tmp_path / "out", display="cut.zip")
    assert err.value.message == ("not a readable ZIP archive (its end, the list of what it holds, is missing: it was "
                                 "probably cut short)")
    assert not list((tmp_path / "out").iterdir())


def test_a_file_that_is_no_zip_at_all_says_so(tmp_path):
    notzip = tmp_path / "notes.zip"
    notzip.write_bytes(b"just some text, renamed\n" * 20)
    with pytest.raises(UnsafeArchive) as err:
        extract_zip(notzip, tmp_path / "out")
    assert err.value.message == "not a readable ZIP archive (the file is not a ZIP)"
