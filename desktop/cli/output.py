"""Printing for the command line: stable JSON, plain tables, a progress bar on a terminal."""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.model import MAX_ID
from desktop.core.shown_text import UNSHOWN, shown

if TYPE_CHECKING:
    from desktop.core.progress import CancelToken

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# What a customer's file name or message may hold that a terminal would act on instead of showing is shown as U+FFFD
# (``desktop.core.shown_text``, the window's table too). JSON output keeps every string as it is: those characters
# are written escaped (``print_json``).
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in UNSHOWN if c >= 0x7F}  # JSON escapes those below itself


def printable(text: str) -> str:
    """``text`` as a terminal shows it literally: line breaks and tabs kept, other control characters replaced."""
    return shown(text)


class PrintableStream:
    """A text stream that writes ``printable`` text (with ``keep_return`` the carriage return of the progress bar
    passes too)."""

    def __init__(self, stream: Any, *, keep_return: bool = False) -> None:
        self._stream = stream
        self._table = {k: v for k, v in UNSHOWN.items() if not (keep_return and k == 0x0D)}

    def write(self, text: str) -> int:
        self._stream.write(text.translate(self._table))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def print_json(data: Any) -> None:
    """JSON as UTF-8 text; the characters a terminal could act on that JSON leaves as they are (DEL, C1 controls,
    bidi overrides) are written as ``\\uXXXX`` escapes: the same strings, nothing a terminal acts on."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES))
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, v in enumerate(row):
            widths[i] = min(max(widths[i], len(v)), 60)
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join((v if len(v) <= 60 else v[:57] + "...").ljust(widths[i]) for i, v in enumerate(row)).rstrip())
    if not rows:
        print("(none)")


def when(value: datetime | None) -> str:
    """A time for a table cell, to the minute."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def error(message: str) -> None:
    print(f"casedesk: {message}", file=sys.stderr)


class TerminalProgress:
    """A one-line progress bar on stderr, only when stderr is a terminal; updates at most 10 times a second."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        frac = done / total if total else 1.0
        bar = "#" * int(frac * 30)
        sys.stderr.write(f"\r{self.label} [{bar:<30}] {frac * 100:5.1f}% {message[:40]:<40}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()


@contextmanager
def ctrl_c_cancels(cancel: CancelToken, what: str) -> Iterator[None]:
    """While a long command runs: the first Ctrl-C asks it to stop at its next safe point (``cancel``), so it
    rolls back or finishes, never half-done; a second one stops it at once (``KeyboardInterrupt``). Only the
    main thread receives signals; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def asked(_signum: int, _frame: object) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        sys.stderr.write(f"\nCancelling {what}... (Ctrl-C again to stop at once)\n")
        sys.stderr.flush()

    before = signal.signal(signal.SIGINT, asked)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


@contextmanager
def ctrl_c_ignored() -> Iterator[None]:
    """What is done is done: closing the library, the process's exit. A Ctrl-C now changes nothing, so it is
    not turned into an error after the work was saved."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


# --- argument types: a number outside what the library can hold is a usage error, not a database error ---------


def _whole(text: str, most: int, what: str, out_of_range: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r} (a whole number)") from None
    if not 1 <= value <= most:
        raise argparse.ArgumentTypeError(out_of_range.format(text=text))
    return value


def record_id(text: str) -> int:
    """An id of a row (a media item, customer, note, action...): a whole number from 1 to ``MAX_ID``."""
    return _whole(text, MAX_ID, "an id", "no such id: {text} (ids are whole numbers from 1)")


def count(text: str) -> int:
    """A number of rows to show: a whole number from 1 to a million."""
    return _whole(text, 1_000_000, "a number", "{text} is out of range (1 to 1,000,000)")


def hours(text: str) -> float:
    """A span of hours: a finite number of at most 100 years (``nan``, ``inf`` and 1e308 are none)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of hours: {text!r}") from None
    if not math.isfinite(value) or abs(value) > 100 * 366 * 24:
        raise argparse.ArgumentTypeError(f"not a number of hours: {text!r} (at most 100 years)")
    return value


def output_target(text: str) -> Path:
    """Where ``-o`` writes: a name ending in a separator (``exports/``) is a folder, so one that does not exist is a
    usage error (it was written as a file named ``exports``, and the next export replaced it)."""
    if text.endswith(("/", os.sep)) and not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"no such folder: {text} (create it first, or name a file)")
    return Path(text)
