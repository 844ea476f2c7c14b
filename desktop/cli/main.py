"""The ``casedesk`` command line: one argparse tree, one module per command, no Qt.

Building the tree imports no service: each command imports what it needs when it runs (see ``desktop.cli``).
A command line naming a known command builds that command's parser only (and imports only its module): the tree
of every command is built for ``--help``, an unknown word, or none.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from types import ModuleType

from desktop import __version__
from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, PrintableStream, ctrl_c_ignored, error
from desktop.core.errors import (
    CasedeskError,
    DiskFull,
    EditConflict,
    LibraryWriteError,
    NotFound,
    ReadOnlyLibrary,
    UsageError,
    is_disk_full,
)
from desktop.log import CRASH_LOGGER, setup_logging
from desktop.settings import demo_paths, resolve_paths

# the modules, in the order ``--help`` lists their commands, with the command words each one adds
COMMANDS: dict[str, tuple[str, ...]] = {
    "cmd_import": ("import",), "cmd_cases": ("cases",), "cmd_media": ("media",), "cmd_customers": ("customers",),
    "cmd_customer": ("customer",), "cmd_messages": ("messages",), "cmd_verify": ("verify",), "cmd_case": ("case",),
    "cmd_duplicates": ("duplicates",), "cmd_export": ("export",), "cmd_sla": ("sla",), "cmd_settings": ("settings",),
    "cmd_audit": ("audit",), "cmd_retention": ("retention",), "cmd_opinions": ("opinions",), "cmd_team": ("team",),
    "cmd_send": ("send", "ask-photos"), "cmd_undo": ("undo", "redo", "history"), "cmd_demo": ("demo",),
}
VALUE_OPTIONS = ("--data-dir", "--db-url", "--handler")  # global options that take a value
# commands that only read: they leave the sweep for what killed imports left to the commands that write (and the
# window), so a CRM polling ``cases --json`` does not walk every folder of originals and thumbnails each time
LISTINGS = frozenset({"cases", "media", "customers", "messages", "sla", "audit", "opinions", "history"})


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"desktop.cli.{name}")


def command_word(argv: list[str]) -> str | None:
    """The command named on the command line (the first word that is not an option or an option's value)."""
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a in VALUE_OPTIONS:
            skip = True
        elif a in ("-h", "--help", "--version"):
            return None
        elif not a.startswith("-"):
            return a
    return None


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="library folder (default: $CASEDESK_DATA_DIR or the user data folder)")
    p.add_argument("--db-url", metavar="URL", default=argparse.SUPPRESS,
                   help="database URL, e.g. postgresql+psycopg://user@host/casedesk (default: SQLite in the library)")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS)
    return p


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argparse tree; ``only``: a command word, whose module alone adds its parser (when it is known)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="casedesk", parents=[common],
        description="Casedesk: photos, videos, chats and e-mails from customers into claim and complaint cases.",
        epilog="Without a command, the window opens. Exit codes: 0 done, 1 done with problems, 2 nothing done.",
    )
    parser.add_argument("--version", action="version", version=f"casedesk {__version__}")
    parser.add_argument("--handler", metavar="NAME", dest="acting_handler",
                        help="who is acting, named in the audit log; before the command "
                             "(default: $CASEDESK_HANDLER or the login name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [m for m, words in COMMANDS.items() if only in words] or list(COMMANDS)
    for name in modules:
        _module(name).add_parser(sub, [common])
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; what it prints never passes control characters from customers' data to the terminal."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(out), PrintableStream(err, keep_return=True)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    word = command_word(argv)
    parser = build_parser(word)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    paths = resolve_paths(getattr(args, "data_dir", None))
    if getattr(args, "demo", False) and not getattr(args, "data_dir", None):
        paths = demo_paths()
    setup_logging(paths.logs, verbose=getattr(args, "verbose", False))
    if getattr(args, "no_library", False):
        return args.run(None, args)
    from desktop.services.library import Library

    try:
        lib = Library(paths, getattr(args, "db_url", None), getattr(args, "acting_handler", None),
                      sweep=word not in LISTINGS)
    except (ReadOnlyLibrary, DiskFull) as e:
        error(str(e))
        return EXIT_USAGE
    except Exception as e:  # a library that cannot be opened is reported, not traced back
        logging.getLogger(CRASH_LOGGER).exception("cannot open the library")
        if is_disk_full(e):
            error(str(DiskFull()))
            return EXIT_USAGE
        brief = (str(e).strip().splitlines() or [type(e).__name__])[0]  # a database error's SQL stays in the log
        error(f"cannot open the library at {paths.data_dir}: {brief}")
        return EXIT_USAGE
    try:
        return args.run(lib, args)
    except (NotFound, UsageError, EditConflict, DiskFull, LibraryWriteError) as e:  # the last two: undone
        error(str(e))
        return EXIT_USAGE
    except CasedeskError as e:
        error(str(e))
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        error("interrupted")
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and cut off: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as e:
        logging.getLogger(CRASH_LOGGER).exception("error writing or reading a file")
        name = str(e.filename) if e.filename else None
        if is_disk_full(e):
            error(str(DiskFull(where=f"the disk holding {name}" if name else "the disk")))
            return EXIT_USAGE
        error(f"{name + ': ' if name else ''}{e.strerror or e} (details in {paths.logs / 'casedesk.log'})")
        return EXIT_PROBLEMS
    except Exception as e:  # never a traceback for the user: it goes to the log file
        logging.getLogger(CRASH_LOGGER).exception("unexpected error")
        brief = (str(e).strip().splitlines() or [""])[0][:300]  # never SQL or its values: they stay in the log
        error(f"unexpected error: {type(e).__name__}: {brief} (details in {paths.logs / 'casedesk.log'})")
        return EXIT_PROBLEMS
    finally:
        with ctrl_c_ignored():  # the command's work is done (or undone): a Ctrl-C now changes nothing
            lib.close()


if __name__ == "__main__":
    sys.exit(main())
