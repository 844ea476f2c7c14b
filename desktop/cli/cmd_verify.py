"""``casedesk verify``: re-hash the store; non-zero exit on any missing or modified original."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, TerminalProgress, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("verify", parents=parents, help="re-hash every original and compare")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.verify import verify_store

    bar = TerminalProgress("Verifying")
    try:
        result = verify_store(lib, bar)
    finally:
        bar.close()
    if args.json:
        print_json({"checked": result.checked, "missing": result.missing, "modified": result.modified,
                    "ok": result.ok})
    else:
        print(f"Checked {result.checked} original(s).")
        for sha in result.missing:
            print(f"MISSING  {sha}")
        for sha in result.modified:
            print(f"MODIFIED {sha}")
        print("All originals are intact." if result.ok else "The store does NOT match the library.")
    return EXIT_OK if result.ok else EXIT_PROBLEMS
