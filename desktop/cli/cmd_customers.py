"""``casedesk customers [--json]``: customers and their cases."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("customers", parents=parents, help="list customers and their cases")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.cases import list_customers

    rows = list_customers(lib)
    if args.json:
        print_json([c.to_json() for c in rows])
    else:
        print_table(["ID", "NAME", "PHONE", "E-MAIL", "CASES"],
                    [[c.id, c.name, c.phone, c.email, " ".join(c.cases)] for c in rows])
    return EXIT_OK
