"""A folder nested deeper than the system's longest path (a hostile or broken archive unpacked by another tool)
is named as unreadable and the rest of the folder goes on. It stopped the whole import with 'File name too long'
(``is_symlink`` lets ENAMETOOLONG through)."""

from __future__ import annotations

import os

from desktop.intake.folder import walk_files
from tests.gen import jpeg


def _deep(root, levels: int = 250) -> None:  # noqa: ANN001
    """``levels`` folders of 20 characters, one in the other: a path of about 5,000 bytes (PATH_MAX is 4,096)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir("x" * 20, dir_fd=fd)
            inner = os.open("x" * 20, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)


def test_a_folder_too_deep_to_name_is_reported_and_the_rest_is_walked(tmp_path):
    jpeg(tmp_path / "photo.jpg")
    _deep(tmp_path)
    problems = []
    files = list(walk_files(tmp_path, problems))
    assert files == [tmp_path / "photo.jpg"]
    assert problems, "the folder that cannot be named is reported"
    assert all(p.reason == "folder cannot be read (File name too long)" for p in problems), problems
