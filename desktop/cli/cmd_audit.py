"""``casedesk audit [--case REF] [--customer ID] [--json]``: the audit trail, oldest first."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table, record_id, when

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("audit", parents=parents, help="the audit trail: who did what, when (append-only)")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--customer", type=record_id, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.audit import list_events

    events = list_events(lib, args.case, args.customer)
    if args.json:
        print_json([e.to_json() for e in events])
    else:
        print_table(["AT", "ACTOR", "ACTION", "CASE", "DETAILS"],
                    [[when(e.at), e.actor, e.action, e.case_ref,
                      json.dumps(e.detail, ensure_ascii=False, separators=(", ", ": "))] for e in events])
    return EXIT_OK
