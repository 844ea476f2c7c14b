"""``casedesk media [--case REF] [--all] [--json]``: media items with capture time, source, flags; ``--all`` also
the other originals kept (the chat text or ZIP, the .eml, logos and report parts: see ``role``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("media", parents=parents, help="list media items")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--all", action="store_true", dest="everything",
                   help="every original kept, not only case media (containers, logos, report parts)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.cases import list_media

    rows = list_media(lib, case_ref=args.case, everything=args.everything)
    if args.json:
        print_json([m.to_json() for m in rows])
    else:
        print_table(["CASE", "NAME", "KIND", "ROLE", "SIZE", "TAKEN", "SOURCE", "SHA256", "FLAGS"],
                    [[m.case_ref, m.name, m.kind, m.role, f"{m.width}x{m.height}" if m.width else "",
                      m.to_json()["taken_at"] or "", m.taken_at_source or "", (m.sha256 or "")[:12],
                      ",".join(m.flags + (["set-aside"] if m.set_aside else []))] for m in rows])
    return EXIT_OK
