"""``casedesk customer export ID -o FILE.zip`` and ``casedesk customer erase ID --reason TEXT``: a customer's
rights of access (GDPR art. 15) and erasure (art. 17)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, output_target, print_json, record_id

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:  # noqa: ANN001
    """The ``customer`` group: ``export`` and ``erase`` here, ``merge`` and ``unmerge`` from ``cmd_customer_merge``,
    so one group holds every customer action."""
    from desktop.cli import cmd_customer_merge

    p = sub.add_parser("customer", parents=parents, help="one customer: export their data, erase them, merge records")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for add in (add_actions, cmd_customer_merge.add_actions):
        add(acts, parents)


def add_actions(acts, parents) -> None:  # noqa: ANN001
    e = acts.add_parser("export", parents=parents,
                        help="everything stored on a customer: a ZIP with data.json, originals/ and summary.pdf")
    e.add_argument("customer_id", type=record_id, metavar="ID")
    e.add_argument("-o", "--output", required=True, type=output_target, metavar="FILE.zip")
    e.add_argument("--lang", choices=["en", "nl"], help="language of summary.pdf (default: the customer's)")
    e.add_argument("--json", action="store_true")
    e.set_defaults(run=run_export)

    r = acts.add_parser("erase", parents=parents,
                        help="erase a customer for good, with a receipt (refused while a case is open, held "
                             "or within its retention period); cannot be undone")
    r.add_argument("customer_id", type=record_id, metavar="ID")
    r.add_argument("--reason", required=True, help="why (recorded; keep personal data out of it)")
    r.add_argument("--override-retention", metavar="BASIS",
                   help="the legal basis for erasing within the retention period (e.g. 'GDPR 17(1)(b)')")
    r.add_argument("--dry-run", action="store_true",
                   help="change nothing: say what would be erased, or why it would be refused")
    r.add_argument("--json", action="store_true")
    r.set_defaults(run=run_erase)


def run_export(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.customer_export import export_customer

    result = export_customer(lib, args.customer_id, Path(args.output), lang=args.lang)
    if args.json:
        print_json(result.to_json())
    else:
        print(f"Wrote {result.file} ({result.bytes / 1e6:.1f} MB): {len(result.cases)} case(s), "
              f"{result.originals} original(s).")
    return EXIT_OK


def run_erase(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.erasure import erase_customer, erasure_preview

    if args.dry_run:
        preview = erasure_preview(lib, args.customer_id, override_basis=args.override_retention)
        if args.json:
            print_json(preview.to_json())
        else:
            c = preview.counts
            print(f"Customer {args.customer_id}: {c['cases']} case(s) {', '.join(preview.cases) or '-'}, "
                  f"{c['messages']} message(s), {c['media']} media item(s), {c['notes']} note(s) would be erased.")
            for reason in preview.reasons:
                print(f"  refused: {reason}")
        return EXIT_OK
    receipt = erase_customer(lib, args.customer_id, args.reason, override_basis=args.override_retention)
    print_receipt(receipt, args.json)
    return EXIT_OK


def print_receipt(receipt, as_json: bool) -> None:  # noqa: ANN001 - an ErasureReceipt
    if as_json:
        print_json(receipt.to_json())
        return
    c = receipt.counts
    who = f"customer {receipt.customer_id}" if receipt.customer_id is not None else "no customer"
    print(f"Erasure receipt: {who}, case(s) {', '.join(receipt.cases) or '-'}")
    print(f"  erased at {receipt.erased_at.isoformat()} by {receipt.by}; reason: {receipt.reason}")
    if receipt.basis:
        print(f"  within the retention period, on the legal basis: {receipt.basis}")
    print(f"  {c.get('messages', 0)} message(s), {c.get('media', 0)} media item(s), {c.get('notes', 0)} note(s), "
          f"{c.get('alerts', 0)} alert(s), {c.get('sources', 0)} import source(s), "
          f"{c.get('audit_events_scrubbed', 0)} audit event(s) scrubbed, {c.get('thumbnails', 0)} thumbnail(s)")
    print(f"  {len(receipt.originals)} original(s) removed"
          + (f"; {receipt.kept_originals} kept (another customer's case holds them)" if receipt.kept_originals
             else ""))
    for sha in receipt.originals:
        print(f"    {sha}")
    if not receipt.customer_removed:
        print("  the customer's record stays: other cases of theirs are kept")
    db = receipt.database
    if db.get("vacuum") is False or db.get("wal_emptied") is False:
        print(f"  the database could not be compacted now ({db.get('error', 'in use')}): run the same command "
              "again when no other desk has the library open")
    print("  This cannot be undone.")
