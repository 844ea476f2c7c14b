"""The one clock every record is stamped with."""

from __future__ import annotations

from datetime import datetime


def now_local() -> datetime:
    """Now, local time with its offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)
