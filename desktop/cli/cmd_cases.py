"""``casedesk cases [--status S] [--mine | --handler NAME] [--search TEXT] [--json]``: the case list, as a table or
stable JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table, when

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("cases", parents=parents, help="list cases")
    p.add_argument("--status", help="only cases with this status")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--mine", action="store_true", help="only cases assigned to this desk's handler")
    who.add_argument("--handler", dest="assigned", metavar="NAME", help="only cases assigned to NAME")
    p.add_argument("--search", metavar="TEXT", help="only cases whose reference, title, customer, policy number, "
                                                    "messages or notes contain TEXT (ignoring case)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.cases import list_cases

    rows = list_cases(lib, status=args.status, handler=args.assigned, mine=args.mine, search=args.search)
    if args.json:
        print_json([c.to_json() for c in rows])
    else:
        print_table(["REF", "STATUS", "HANDLER", "CUSTOMER", "MEDIA", "ASIDE", "OPENED", "WAITING SINCE", "ASKED",
                     "TITLE"],
                    [[c.ref, c.status, c.handler, c.customer, c.media, c.set_aside, when(c.opened_at),
                      when(c.waiting_since), len(c.opinions) or "", c.title] for c in rows])
    return EXIT_OK
