"""``casedesk verify``: re-hash the store and check the audit chain; non-zero exit on any fault."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, TerminalProgress, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("verify", parents=parents, help="re-hash every original and check the audit chain")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.verify import verify_library

    bar = TerminalProgress("Verifying")
    try:
        result = verify_library(lib, bar)
    finally:
        bar.close()
    blobs = result.blobs
    if args.json:
        print_json({"checked": blobs.checked, "missing": blobs.missing, "modified": blobs.modified,
                    "audit": {**result.audit.to_json(), "head": result.head}, "ok": result.ok})
    else:
        print(f"Checked {blobs.checked} original(s) and {result.audit.events} audit event(s).")
        for sha in blobs.missing:
            print(f"MISSING  {sha}")
        for sha in blobs.modified:
            print(f"MODIFIED {sha}")
        for problem in result.audit.problems:
            print(f"AUDIT    {problem}")
        if result.ok:
            print("All originals are intact and the audit chain holds"
                  + (f" (newest event {result.head[:16]}…)." if result.head else "."))
        else:
            print("The library does NOT match: see above.")
    return EXIT_OK if result.ok else EXIT_PROBLEMS
