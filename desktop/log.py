"""Logging: a rotating file in the library's log folder, and Casedesk's own warnings on stderr for the CLI.

The log file must never hold customer data: ``PrivateFormatter`` masks phone numbers, e-mail addresses, IBANs, BSNs,
licence plates and positions in every message (``desktop.core.redact``), and writes tracebacks without the
exception's message (a database error carries the row's values; a file error the customer's file name). The
code keeps names and texts out of its messages in the first place; an erasure scrubs the files besides.

What libraries say (Pillow's decompression-bomb and TIFF warnings, exifread, PyAV) goes to the log file only: the
terminal shows Casedesk's own messages. Python warnings are routed into logging (``logging.captureWarnings``). A log
that cannot be written (a full disk) is given up quietly: logging never prints a traceback of its own.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

CRASH_LOGGER = "desktop.crash"  # tracebacks go to the log file only, never to the user's terminal
OWN_LOGGERS = ("desktop", "__main__")  # the only loggers whose warnings reach the terminal


class _Brief(logging.Formatter):
    """One line per message on stderr; no tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


class PrivateFormatter(logging.Formatter):
    """The log file's format, without customer data (see the module docstring)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        from desktop.core.redact import Masker  # its patterns are compiled when the first line is written

        return Masker()(super().formatMessage(record)) or ""

    def formatException(self, ei) -> str:  # noqa: ANN001, N802 - logging's names
        kind, _value, tb = ei
        frames = "".join(traceback.format_tb(tb))
        name = getattr(kind, "__qualname__", str(kind))
        return f"Traceback (most recent call last):\n{frames}{name} (message left out: it may hold customer data)"


def for_terminal(record: logging.LogRecord) -> bool:
    """Casedesk's own messages, not its crash reports (nor any record with a traceback: an internal failure the
    handler cannot act on, kept in the log), not what libraries log or warn."""
    name = record.name
    own = any(name == n or name.startswith(n + ".") for n in OWN_LOGGERS)
    return own and not record.exc_info and not (name == CRASH_LOGGER or name.startswith(CRASH_LOGGER + "."))


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that gives up, silently and for good, the first time it cannot be written."""

    broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.broken:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self.broken = True
        try:
            self.close()
        except Exception:  # noqa: BLE001 - closing a file on a full disk may fail too
            pass


def setup_logging(log_dir: Path | None, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    if getattr(root, "_casedesk_configured", False):
        return
    logging.raiseExceptions = False  # a handler that fails never prints "--- Logging error ---" and a traceback
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(_Brief())
    stderr.addFilter(for_terminal)
    root.addHandler(stderr)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            fh = QuietFileHandler(log_dir / "casedesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8",
                                  delay=True)
            fh.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            root.addHandler(fh)
        except OSError:
            pass
    route_warnings()
    logging.getLogger("alembic").setLevel(logging.WARNING)
    root._casedesk_configured = True  # type: ignore[attr-defined]


def route_warnings() -> None:
    """Python warnings (Pillow's DecompressionBombWarning, TIFF tag warnings, NumPy ...) into the log, as records
    of the ``py.warnings`` logger that ``for_terminal`` keeps off the terminal. Python's default filters still
    apply: each warning once per place in the code."""
    logging.captureWarnings(True)
