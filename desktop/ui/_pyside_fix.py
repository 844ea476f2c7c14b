"""Work around a reference-count bug of the PySide6 6.12.0 abi3 wheels on Python 3.11.

Those wheels return ``None`` (every void method: ``setText``, ``deleteLater``, ...) and ``True``/``False``
(``SignalInstance.emit``) without taking a reference, as if these objects were immortal, which they are only
from Python 3.12 on. On 3.11 each call steals one reference; after a few thousand calls the interpreter aborts
with "none_dealloc: deallocating None" or "bool_dealloc". We detect the leak once at import and, only if it is
there, give these singletons a reference count that can never reach zero, which is what 3.12 does natively.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BOOST = 1 << 40
_applied = False


def _steals_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 10


def apply() -> bool:
    """Make None, True, False, NotImplemented and Ellipsis effectively immortal if PySide6 needs it."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not _steals_none():
        return False
    for obj in (None, True, False, NotImplemented, Ellipsis):
        ctypes.c_ssize_t.from_address(id(obj)).value += _IMMORTAL_BOOST
    _applied = True
    return True
