"""``casedesk import PATH... [--case REF | --split-gaps HOURS] [--json]``

Loose files (a folder, a ZIP, single files) go into one new case; chats and e-mails to their customer's case.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    TerminalProgress,
    ctrl_c_cancels,
    ctrl_c_ignored,
    hours,
    print_json,
)
from desktop.core.shown_text import shown

if TYPE_CHECKING:
    from desktop.core.model import Problem
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("import", parents=parents, help="copy files, folders, ZIPs, chat exports and e-mails in")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--case", metavar="REF", help="put everything into this case (created if new)")
    p.add_argument("--split-gaps", type=hours, metavar="HOURS",
                   help="loose files: one case per part between capture-time gaps of more than HOURS")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run)


def run(lib: Library, args: argparse.Namespace) -> int:
    # Ctrl-C: asks the import to stop while it runs; once it returned, its report is what happened, so from then
    # on a Ctrl-C is ignored (the cancelling handler gives way to the ignoring one, with no moment between)
    with ctrl_c_ignored():
        return _run(lib, args)


def _run(lib: Library, args: argparse.Namespace) -> int:
    from desktop.core.progress import CancelToken
    from desktop.services.importing import import_paths

    bar = TerminalProgress("Importing")
    cancel = CancelToken()
    report = None
    try:
        with ctrl_c_cancels(cancel, "the import"):  # a Ctrl-C after the last check lets the import finish
            report = import_paths(lib, args.paths, case_ref=args.case, split_gaps=args.split_gaps, progress=bar,
                                  cancel=cancel)
    except KeyboardInterrupt:  # the second Ctrl-C: nothing was committed (a committed import returns its report)
        pass
    finally:
        bar.close()
    if report is None or report.cancelled:
        print("Import cancelled; the library is unchanged.", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print_json(report.to_json())
    else:
        print(f"Imported {report.imported} file(s); {report.already_present} already in the library.")
        if report.containers:
            print(f"Kept {report.containers} chat export(s), ZIP(s) and e-mail file(s) as they arrived.")
        if report.cases:
            print("Cases: " + ", ".join(report.cases))
        for line in report_lines(report.missing, report.rejected):
            print(line)
    nothing_done = report.imported == 0 and report.already_present == 0 and not report.cases
    if nothing_done:
        return EXIT_USAGE
    return EXIT_PROBLEMS if report.rejected else EXIT_OK


SHOWN = 20  # problems (and missing attachments) listed one by one; beyond, they are counted by reason
REASONS_SHOWN = 10  # reasons counted one by one beyond SHOWN; the rest in one line


def report_lines(missing: list[str], rejected: list[Problem]) -> list[str]:
    """The import's missing attachments and problems for the terminal: the first ``SHOWN`` of each one by one, the
    rest counted by reason (20,000 empty files in a ZIP are a few lines, not 20,000); ``--json`` lists each."""
    lines = [f"Missing from the export: {_line(name)}" for name in missing[:SHOWN]]
    if len(missing) > SHOWN:
        lines.append(f"... and {len(missing) - SHOWN:,} more missing from the export (--json lists each one)")
    lines += [f"{_verdict(p)}: {_line(p.path)}: {_line(p.reason)}" for p in rejected[:SHOWN]]
    rest = rejected[SHOWN:]
    if rest:
        lines.append(f"... and {len(rest):,} more file(s) with a problem, by reason (--json lists each one):")
        groups: dict[tuple[str, str], int] = {}
        for p in rest:
            key = (_verdict(p).lower(), p.reason)
            groups[key] = groups.get(key, 0) + 1
        ranked = sorted(groups.items(), key=lambda kv: -kv[1])  # stable: reasons of one count in the order met
        lines += [f"  {n:,} {verdict}: {_line(reason)}" for (verdict, reason), n in ranked[:REASONS_SHOWN]]
        others = ranked[REASONS_SHOWN:]
        if others:
            lines.append(f"  {sum(n for _, n in others):,} with {len(others):,} other reasons")
    return lines


def _line(text: str) -> str:
    """A file name (or a reason quoting one) on one line: a name holding a line break split its problem in two."""
    return shown(text, one_line=True)


def _verdict(p: Problem) -> str:
    return "Kept, with a problem" if p.kept else "Rejected"
