"""Logging: a rotating file in the library's log folder, and warnings on stderr for the CLI."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

CRASH_LOGGER = "desktop.crash"  # tracebacks go to the log file only, never to the user's terminal


class _Brief(logging.Formatter):
    """One line per message on stderr; no tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


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
            fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            root.addHandler(fh)
        except OSError:
            pass
    logging.getLogger("alembic").setLevel(logging.WARNING)
    root._casedesk_configured = True  # type: ignore[attr-defined]
