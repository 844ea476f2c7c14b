"""Where a file the handler asked for is written: ``-o FOLDER`` means a file of the usual name in that folder, a
folder that does not exist is said so before any work, and a write that fails names the file asked for (not the
temporary name it was being written under)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desktop.core.errors import CasedeskError, UsageError, is_disk_full

T = TypeVar("T")


def output_path(out: Path, default_name: str) -> Path:
    """``out``, or ``out / default_name`` when ``out`` is a folder; ``UsageError`` when its folder is missing."""
    out = Path(out)
    if out.is_dir():
        return out / default_name
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: the folder {out.parent} does not exist")
    return out


def writing(out: Path, what: str, write: Callable[[], T]) -> T:
    """``write()``; an ``OSError`` of it (other than a full disk, reported as such) becomes one sentence naming
    ``out``: "cannot write the case file /media/usb/C-2026-0001.pdf: Permission denied"."""
    try:
        return write()
    except OSError as e:
        if is_disk_full(e):
            raise
        raise CasedeskError(f"cannot write {what} {out}: {e.strerror or e}") from e
