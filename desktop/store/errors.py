"""Database failures as one sentence a handler can act on: never the SQL, the parameters or a traceback.

The full error goes to the log file (``desktop.crash``); the sentence goes to the screen.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from desktop.core.errors import DatabaseError
from desktop.log import CRASH_LOGGER

log = logging.getLogger(CRASH_LOGGER)


def _first_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    text = str(orig).strip().splitlines()
    line = text[0] if text else type(orig).__name__
    return line[:200]


def readable(e: SQLAlchemyError) -> DatabaseError:
    """The sentence for ``e`` (logged in full)."""
    log.warning("database error", exc_info=e)
    detail = _first_line(e)
    if isinstance(e, IntegrityError):
        return DatabaseError(f"the database refused the change: it clashes with data saved at the same moment by "
                             f"another desk ({detail}); nothing was saved, try again")
    if isinstance(e, OperationalError):
        if "locked" in detail or "busy" in detail:
            return DatabaseError("the library's database stayed busy with another desk's work for too long; "
                                 "nothing was saved, try again")
        return DatabaseError(f"the database cannot be reached or stopped the work ({detail}); nothing was saved")
    if isinstance(e, DBAPIError):
        return DatabaseError(f"the database refused the work ({detail}); nothing was saved")
    return DatabaseError(f"the database could not do the work ({type(e).__name__}: {detail}); nothing was saved")
