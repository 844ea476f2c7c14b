"""``casedesk send REF -o draft.eml [--to ADDR] [--lang en|nl]`` and ``casedesk ask-photos REF -o draft.eml``:
e-mail drafts (``X-Unsent: 1``) to open in a mail client."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, TerminalProgress, output_target, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    s = sub.add_parser("send", parents=parents, help="write an e-mail draft with the PDF case file attached")
    a = sub.add_parser("ask-photos", parents=parents, help="write an e-mail draft asking the customer for photos")
    for p, run in ((s, run_send), (a, run_ask)):
        p.add_argument("ref", metavar="REF")
        p.add_argument("-o", "--output", required=True, type=output_target, metavar="FILE", help="the draft to write (.eml)")
        p.add_argument("--to", metavar="ADDR", help="recipient" + (" (default: the customer)" if p is a else ""))
        p.add_argument("--lang", choices=["en", "nl"], help="language (default: the handler's)")
        p.add_argument("--json", action="store_true")
        p.set_defaults(run=run)


def _print(draft, args: argparse.Namespace) -> int:  # noqa: ANN001
    if args.json:
        print_json({"case": args.ref, **draft.to_json()})
    else:
        print(f"Wrote the draft {draft.path} to {draft.to or '(no recipient)'}: {draft.subject}")
    return EXIT_OK


def run_send(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.sendon import send_case_file

    bar = TerminalProgress("Writing the case file")
    try:
        draft = send_case_file(lib, args.ref, Path(args.output), to=args.to, lang=args.lang, progress=bar)
    finally:
        bar.close()
    return _print(draft, args)


def run_ask(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.sendon import ask_for_photos

    return _print(ask_for_photos(lib, args.ref, Path(args.output), to=args.to, lang=args.lang), args)
