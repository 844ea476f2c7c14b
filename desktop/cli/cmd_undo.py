"""``casedesk undo [--id N] [--list] [--json]``, ``casedesk redo [--id N] [--json]``, ``casedesk history [--json]``.

Undo takes back this handler's newest action (``--handler`` names who is acting); every undo and redo is audited.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_USAGE, count, error, print_json, print_table, record_id, when

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    u = sub.add_parser("undo", parents=parents, help="undo this handler's last action (or --id N)")
    u.add_argument("--id", type=record_id, metavar="N", dest="entry_id", help="undo this action of the history")
    u.add_argument("--list", action="store_true", help="list the actions that can be undone, as `history`")
    u.add_argument("--json", action="store_true")
    u.set_defaults(run=run_undo, everyone=False, limit=20)

    r = sub.add_parser("redo", parents=parents, help="redo the action this handler undid last (or --id N)")
    r.add_argument("--id", type=record_id, metavar="N", dest="entry_id")
    r.add_argument("--json", action="store_true")
    r.set_defaults(run=run_redo)

    h = sub.add_parser("history", parents=parents, help="this handler's actions, newest first, and what is undone")
    h.add_argument("--all", action="store_true", dest="everyone", help="every handler's actions")
    h.add_argument("--limit", type=count, default=20, metavar="N")
    h.add_argument("--json", action="store_true")
    h.set_defaults(run=run_history)


def _done(args: argparse.Namespace, key: str, fn) -> int:  # noqa: ANN001
    from desktop.core.errors import UndoRefused

    try:
        entry = fn()
    except UndoRefused as e:
        if not args.json:
            raise
        print_json({key: None, "refused": str(e)})
        error(str(e))
        return EXIT_USAGE
    if args.json:
        print_json({key: entry.to_json()})
    else:
        print(f"{'Undone' if key == 'undone' else 'Redone'}: {entry.text()}")
    return EXIT_OK


def run_undo(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import undo

    if args.list:
        return run_history(lib, args)
    if args.entry_id is not None:
        return _done(args, "undone", lambda: undo.undo(lib, args.entry_id))
    return _done(args, "undone", lambda: undo.undo_last(lib))


def run_redo(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import undo

    if args.entry_id is not None:
        return _done(args, "redone", lambda: undo.redo(lib, args.entry_id))
    return _done(args, "redone", lambda: undo.redo_last(lib))


def run_history(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.undo import history

    entries = history(lib, everyone=args.everyone, limit=args.limit)
    if args.json:
        print_json([e.to_json() for e in entries])
    else:
        print_table(["ID", "WHEN", "HANDLER", "ACTION", "UNDONE"],
                    [[e.id, when(e.at), e.handler or "", e.text(), when(e.undone_at)] for e in entries])
    return EXIT_OK
