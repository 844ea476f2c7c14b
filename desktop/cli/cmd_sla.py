"""``casedesk sla [--from DATE] [--to DATE] [--json]``: first-answer times in working minutes, per case kind and
handler: median, 90th percentile, and the share answered within the norm."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table

if TYPE_CHECKING:
    from desktop.services.library import Library


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_parser(sub, parents) -> None:
    p = sub.add_parser("sla", parents=parents, help="first-answer times in working minutes per case kind and handler")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE",
                   help="cases whose first customer message is on or after this day")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="... and on or before this day")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.sla import sla_rows

    rows = sla_rows(lib, date_from=args.date_from, date_to=args.date_to)
    if args.json:
        print_json({"norm_minutes": lib.team.answer_norm_minutes, "from": _iso(args.date_from),
                    "to": _iso(args.date_to), "rows": [r.to_json() for r in rows]})
        return EXIT_OK
    pct = lambda v: "" if v is None else f"{v * 100:.0f} %"  # noqa: E731
    num = lambda v: "" if v is None else f"{v:.0f}"  # noqa: E731
    print(f"Norm: first answer within {lib.team.answer_norm_minutes} working minutes.")
    print_table(["KIND", "HANDLER", "CASES", "ANSWERED", "MEDIAN MIN", "P90 MIN", "WITHIN NORM"],
                [[r.kind, r.handler or "(none)", r.cases, r.answered, num(r.median_minutes), num(r.p90_minutes),
                  pct(r.within_norm)] for r in rows])
    return EXIT_OK


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
