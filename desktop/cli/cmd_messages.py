"""``casedesk messages [--case REF | --customer ID] [--json]``: messages of a case or a customer's history."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table, record_id, when

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("messages", parents=parents, help="list the messages of a case")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--customer", type=record_id, metavar="ID", help="the whole contact history of a customer")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.cases import list_messages

    rows = list_messages(lib, case_ref=args.case, customer_id=args.customer)
    if args.json:
        print_json([m.to_json() for m in rows])
    else:
        print_table(["CASE", "SENT", "SENDER", "TEXT", "FILES"],
                    [[m.case_ref, when(m.sent_at), m.sender, m.text, len(m.attachments)] for m in rows])
    return EXIT_OK
