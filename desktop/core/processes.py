"""Whether a process named by its id in a temporary file's name still runs on this machine."""

from __future__ import annotations

import os


def process_gone(pid: int | str) -> bool:
    """True when no process with this id runs here (POSIX). False when it cannot tell: not a process id, this
    process, one that exists (perhaps another's that took the id since), or a system without ``kill(pid, 0)``
    (on Windows ``os.kill`` would end the process)."""
    text = str(pid)
    if os.name != "posix" or not text.isdigit() or int(text) <= 0 or int(text) == os.getpid():
        return False
    try:
        os.kill(int(text), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # it exists (another account's)
        return False
    return False
