"""``casedesk export REF -o FILE [--per-page N] [--with-duplicates] [--with-audit] [--redact] [--redact-faces]
[--lang en|nl] [--allow-missing]``

Without ``--lang`` the case file is in the handler's language: the window's preference, else the system's. An
original that cannot be read stops the export (exit 1, naming them); ``--allow-missing`` writes the PDF with a
placeholder for each, listed on the cover.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, TerminalProgress, output_target, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("export", parents=parents, help="write the PDF case file of a case")
    p.add_argument("ref", metavar="REF")
    p.add_argument("-o", "--output", required=True, type=output_target, metavar="FILE")
    p.add_argument("--per-page", type=int, choices=[1, 2, 4], default=2, help="photos per page")
    p.add_argument("--with-duplicates", action="store_true", help="add the appendix of set-aside duplicates")
    p.add_argument("--with-audit", action="store_true", help="add the case's audit trail as an appendix")
    p.add_argument("--redact", action="store_true",
                   help="mask phone numbers, e-mail addresses, IBANs, BSNs, licence plates and GPS positions")
    p.add_argument("--redact-faces", action="store_true", help="blur the faces in the photos (originals untouched)")
    p.add_argument("--lang", choices=["en", "nl"], help="language (default: the handler's, as in the window)")
    p.add_argument("--no-pdfa", action="store_true", help="plain PDF instead of PDF/A-2b")
    p.add_argument("--allow-missing", action="store_true",
                   help="write the PDF even when originals cannot be read (a placeholder for each, named on the cover)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.report.data import ReportOptions
    from desktop.services.exporting import export_case
    from desktop.services.language import preferred_language

    options = ReportOptions(per_page=args.per_page, with_duplicates=args.with_duplicates, redact=args.redact,
                            redact_faces=args.redact_faces, with_audit=args.with_audit,
                            lang=args.lang or preferred_language(lib), pdfa=not args.no_pdfa)
    bar = TerminalProgress("Exporting")
    missing: list[str] = []
    try:
        path = export_case(lib, args.ref, Path(args.output), options, bar, allow_missing=args.allow_missing,
                           on_missing=missing.extend)
    finally:
        bar.close()
    if args.json:
        print_json({"case": args.ref, "file": str(path), "bytes": path.stat().st_size, "lang": options.lang,
                    "missing": missing})
    else:
        print(f"Wrote {path} ({path.stat().st_size / 1e6:.1f} MB).")
        if missing:
            print(f"{len(missing)} original(s) could not be read and are placeholders in the PDF: {', '.join(missing)}")
    return EXIT_PROBLEMS if missing else EXIT_OK
