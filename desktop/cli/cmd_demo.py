"""``casedesk demo``: build a demo library from generated media (the window then opens on it)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("demo", parents=parents,
                       help="build a demo library (default folder: the user data folder's 'demo') and open it")
    p.add_argument("--no-window", action="store_true", help="only build the library")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run, demo=True)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.demo import build_demo, demo_needed

    if demo_needed(lib):
        report = build_demo(lib)
        if args.json:
            print_json(report.to_json())
        else:
            print(f"Demo library built in {lib.paths.data_dir}: {report.imported} files in "
                  f"{len(report.cases)} cases ({', '.join(report.cases)}).")
        status = EXIT_PROBLEMS if report.rejected else EXIT_OK
    else:
        print(f"Demo library already present in {lib.paths.data_dir}.")
        status = EXIT_OK
    print(f"Try: casedesk --data-dir '{lib.paths.data_dir}' cases")
    return status
