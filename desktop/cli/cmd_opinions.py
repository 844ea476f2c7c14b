"""``casedesk opinions [--mine] [--open] [--case REF] [--json]``: second-opinion requests and their answers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table, when

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("opinions", parents=parents, help="list second-opinion requests (case ask / case answer)")
    p.add_argument("--mine", action="store_true", help="only those asked of or by this desk's handler")
    p.add_argument("--open", action="store_true", help="only those not answered yet")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.opinions import list_opinions

    rows = list_opinions(lib, mine=args.mine, open_only=args.open, case_ref=args.case)
    if args.json:
        print_json([o.to_json() for o in rows])
    else:
        print_table(["ID", "CASE", "ASKED BY", "ASKED OF", "ASKED", "QUESTION", "ANSWERED", "ANSWER"],
                    [[o.id, o.case_ref, o.asked_by, o.asked_to, when(o.asked_at), o.question,
                      when(o.answered_at), o.answer] for o in rows])
    return EXIT_OK
