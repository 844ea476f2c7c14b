"""``casedesk verify [--repair [--older-than HOURS]] [--json]``: re-hash the store and check the audit chain;
non-zero exit on any missing or modified original or a broken chain. ``--repair`` removes temporaries and
originals no row references (older than the grace period)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, TerminalProgress, hours, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("verify", parents=parents, help="re-hash every original and check the audit chain")
    p.add_argument("--repair", action="store_true",
                   help="remove half-written temporaries and originals the database does not reference")
    p.add_argument("--older-than", type=hours, metavar="HOURS",
                   help="with --repair: only what is older than this (default: 6 h temporaries, 24 h originals)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from desktop.services.verify import repair_store, verify_library

    bar = TerminalProgress("Verifying")
    try:
        result = verify_library(lib, bar)
    finally:
        bar.close()
    repair = None
    if args.repair:
        grace = timedelta(hours=args.older_than) if args.older_than is not None else None
        repair = repair_store(lib, older_than=grace)
    blobs = result.blobs
    if args.json:
        out = {"checked": blobs.checked, "missing": blobs.missing, "modified": blobs.modified,
               "unreferenced": blobs.unreferenced, "audit": {**result.audit.to_json(), "head": result.head},
               "ok": result.ok}
        if repair is not None:
            out["repair"] = repair.to_json()
        print_json(out)
        return EXIT_OK if result.ok else EXIT_PROBLEMS
    print(f"Checked {blobs.checked} original(s) in {lib.blobs.describe()} and {result.audit.events} audit event(s).")
    for sha in blobs.missing:
        print(f"MISSING  {sha}")
    for sha in blobs.modified:
        print(f"MODIFIED {sha}")
    for problem in result.audit.problems:
        print(f"AUDIT    {problem}")
    if repair is None and blobs.unreferenced:
        print(f"{len(blobs.unreferenced)} original(s) in the store are not in the database "
              "(casedesk verify --repair removes them).")
    if repair is not None:
        for name in repair.temporaries_removed:
            print(f"REMOVED  temporary {name}")
        for sha in repair.unreferenced_removed:
            print(f"REMOVED  unreferenced {sha}")
        kept = len(repair.unreferenced_kept) + len(repair.temporaries_kept)
        if kept:
            print(f"Kept {kept} recent file(s) an import may still be saving.")
        print(f"Repair: removed {len(repair.temporaries_removed)} temporary file(s) and "
              f"{len(repair.unreferenced_removed)} unreferenced original(s), {repair.bytes_freed / 1e6:.1f} MB.")
        if not blobs.ok:
            print("Missing or modified originals cannot be repaired here: import those files again.")
    if result.ok:
        print("All originals are intact and the audit chain holds"
              + (f" (newest event {result.head[:16]}…)." if result.head else "."))
    else:
        print("The library does NOT match: see above.")
    return EXIT_OK if result.ok else EXIT_PROBLEMS
