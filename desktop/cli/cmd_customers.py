"""``casedesk customers [--find TEXT] [--json]``: customers and their cases; ``--find`` by a phone number in any
notation, an e-mail address or part of a name."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("customers", parents=parents, help="list customers and their cases")
    p.add_argument("--find", metavar="TEXT", help="only customers with this phone number (any notation), e-mail "
                                                  "address or part of a name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    if args.find is not None:
        from desktop.services.customers import find_customers

        rows = find_customers(lib, args.find)
    else:
        from desktop.services.cases import list_customers

        rows = list_customers(lib)
    if args.json:
        print_json([c.to_json() for c in rows])
    else:
        print_table(["ID", "NAME", "PHONE", "E-MAIL", "CASES"],
                    [[c.id, c.name, " ".join(x for x in [c.phone, *c.phones] if x),
                      " ".join(x for x in [c.email, *c.emails] if x), " ".join(c.cases)] for c in rows])
    return EXIT_OK
