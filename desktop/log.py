"""Logging: a rotating file in the library's log folder, and warnings on stderr for the CLI.

The log file must never hold customer data: ``PrivateFormatter`` masks phone numbers, e-mail addresses, IBANs, BSNs,
licence plates and positions in every message (``desktop.core.redact``), and writes tracebacks without the
exception's message (a database error carries the row's values; a file error the customer's file name). The
code keeps names and texts out of its messages in the first place; an erasure scrubs the files besides.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from desktop.core.redact import Masker

CRASH_LOGGER = "desktop.crash"  # tracebacks go to the log file only, never to the user's terminal


class _Brief(logging.Formatter):
    """One line per message on stderr; no tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


class PrivateFormatter(logging.Formatter):
    """The log file's format, without customer data (see the module docstring)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return Masker()(super().formatMessage(record)) or ""

    def formatException(self, ei) -> str:  # noqa: ANN001, N802 - logging's names
        kind, _value, tb = ei
        frames = "".join(traceback.format_tb(tb))
        name = getattr(kind, "__qualname__", str(kind))
        return f"Traceback (most recent call last):\n{frames}{name} (message left out: it may hold customer data)"


def setup_logging(log_dir: Path | None, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    if getattr(root, "_casedesk_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(_Brief())
    stderr.addFilter(lambda record: not record.name.startswith(CRASH_LOGGER))
    root.addHandler(stderr)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            fh = logging.handlers.RotatingFileHandler(
                log_dir / "casedesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
            fh.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            root.addHandler(fh)
        except OSError:
            pass
    logging.getLogger("alembic").setLevel(logging.WARNING)
    root._casedesk_configured = True  # type: ignore[attr-defined]
