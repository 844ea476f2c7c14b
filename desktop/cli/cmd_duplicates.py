"""``casedesk duplicates [--case REF] [--json]``, ``duplicates keep SHA256``, ``duplicates restore MEDIA_ID``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("duplicates", parents=parents, help="duplicate groups; choose a keeper; restore")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_list)
    acts = p.add_subparsers(dest="action", metavar="ACTION")
    k = acts.add_parser("keep", parents=parents, help="make this file the keeper of its group")
    k.add_argument("sha256")
    k.add_argument("--case", metavar="REF")
    k.set_defaults(run=run_keep)
    r = acts.add_parser("restore", parents=parents, help="bring a set-aside item back (not a duplicate)")
    r.add_argument("media_id", type=int)
    r.set_defaults(run=run_restore)
    a = acts.add_parser("alerts", parents=parents, help="the same picture in another customer's case")
    a.add_argument("--case", metavar="REF")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=run_alerts)


def run_list(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    groups = svc.list_groups(lib, args.case)
    if args.json:
        print_json([g.to_json() for g in groups])
    else:
        print_table(["KIND", "KEEPER", "SET ASIDE / SIMILAR", "CASES"],
                    [[g.kind, g.keeper[:12], " ".join(m[:12] for m in g.members[1:]), " ".join(g.cases)]
                     for g in groups])
    return EXIT_OK


def run_keep(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    n = svc.set_keeper(lib, args.sha256.lower(), args.case)
    print(f"{args.sha256[:12]} is now the keeper ({n} group(s) changed).")
    return EXIT_OK


def run_restore(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    svc.restore(lib, args.media_id)
    print(f"Item {args.media_id} restored; it will not be set aside as a duplicate of that item again.")
    return EXIT_OK


def run_alerts(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    alerts = svc.list_alerts(lib, args.case)
    if args.json:
        print_json([{"case": a.case_ref, "other_case": a.other_case_ref, "other_customer": a.other_customer,
                     "name": a.name, "other_name": a.other_name, "sha256": a.sha256,
                     "other_sha256": a.other_sha256} for a in alerts])
    else:
        print_table(["CASE", "FILE", "SAME PICTURE IN", "CUSTOMER", "FILE THERE"],
                    [[a.case_ref, a.name, a.other_case_ref, a.other_customer, a.other_name] for a in alerts])
    return EXIT_OK
