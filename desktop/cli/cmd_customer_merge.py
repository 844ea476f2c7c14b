"""``casedesk customer merge ID INTO_ID [--json]``: join two records of one customer (audited; the JSON record is
what ``customer unmerge`` needs to take them apart exactly) and ``casedesk customer unmerge ID``.

``add_actions`` adds them to the ``customer`` command group of ``cmd_customer`` (export, erase).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, record_id

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_actions(actions, parents) -> None:
    merge = actions.add_parser("merge", parents=parents, help="merge customer ID into customer INTO_ID")
    merge.add_argument("source", type=record_id, metavar="ID")
    merge.add_argument("target", type=record_id, metavar="INTO_ID")
    merge.add_argument("--json", action="store_true", help="print the merge record")
    merge.set_defaults(run=run_merge)
    unmerge = actions.add_parser("unmerge", parents=parents, help="undo the merge of customer ID")
    unmerge.add_argument("source", type=record_id, metavar="ID")
    unmerge.add_argument("--json", action="store_true")
    unmerge.set_defaults(run=run_unmerge)


def run_merge(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.customers import merge_customers

    rec = merge_customers(lib, args.source, args.target)
    if args.json:
        print_json(rec.to_json())
    else:
        print(f"Customer {rec.source_id} merged into {rec.target_id}: {len(rec.case_ids)} case(s), "
              f"{len(rec.message_ids)} message(s), {len(rec.media_ids)} item(s) moved.")
    return EXIT_OK


def run_unmerge(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.customers import last_merge_of, unmerge_customers

    rec = last_merge_of(lib, args.source)
    unmerge_customers(lib, rec)
    if args.json:
        print_json(rec.to_json())
    else:
        print(f"Customer {rec.source_id} is on its own again: {len(rec.case_ids)} case(s) moved back.")
    return EXIT_OK
