"""Files and folders given by the user: walked recursively, without following links."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from desktop.core.model import Problem

IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".localized"}


def is_ignored(name: str) -> bool:
    low = name.lower()
    return low in IGNORED_NAMES or low.startswith("._") or low.startswith(".~")


def walk_files(root: Path, problems: list[Problem]) -> Iterator[Path]:
    """Regular files below ``root`` in a stable order; links are reported and skipped."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=lambda e: problems.append(
        Problem(str(e.filename), f"folder cannot be read ({e.strerror})")
    )):
        dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX" and not d.startswith("."))
        for name in sorted(filenames):
            if is_ignored(name):
                continue
            p = Path(dirpath) / name
            if p.is_symlink():
                problems.append(Problem(str(p), "skipped: symbolic link"))
                continue
            if p.is_file():
                yield p
