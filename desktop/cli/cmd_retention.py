"""``casedesk retention [--json]`` lists closed cases past their retention period; ``casedesk retention purge
--yes`` erases them (held cases excepted), one receipt each."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_USAGE, error, print_json, print_table

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("retention", parents=parents, help="closed cases past their retention period; purge them")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_list)
    acts = p.add_subparsers(dest="action", metavar="ACTION")
    g = acts.add_parser("purge", parents=parents, help="erase every case past its period that is not held "
                                                       "(cannot be undone)")
    g.add_argument("--yes", action="store_true", help="really erase them")
    g.add_argument("--json", action="store_true")
    g.set_defaults(run=run_purge)


def run_list(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.retention import retention_due

    due = retention_due(lib)
    if args.json:
        print_json([d.to_json() for d in due])
    else:
        print_table(["CASE", "KIND", "CLOSED", "YEARS", "UNTIL", "CUSTOMER", "HOLD"],
                    [[d.ref, d.kind, d.closed_at.date().isoformat(), d.years, d.until.date().isoformat(),
                      d.customer_id, d.hold.reason if d.hold else ""] for d in due])
    return EXIT_OK


def run_purge(lib: Library, args: argparse.Namespace) -> int:
    from desktop.cli.cmd_customer import print_receipt
    from desktop.services.retention import purge, retention_due

    if not args.yes:
        due = [d for d in retention_due(lib) if d.hold is None]
        error(f"nothing erased: {len(due)} case(s) are past their retention period; add --yes to erase them "
              "(this cannot be undone)")
        return EXIT_USAGE
    receipts = purge(lib)
    if args.json:
        print_json([r.to_json() for r in receipts])
    else:
        for r in receipts:
            print_receipt(r, False)
        print(f"Purged {len(receipts)} case(s).")
    return EXIT_OK
