"""``casedesk case merge|split|move|set|note|hold|release``: change cases; every change is audited."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json
from desktop.core.model import CaseKind, CaseStatus

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("case", parents=parents, help="merge, split, move media, set fields, add notes")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    m = acts.add_parser("merge", parents=parents, help="move everything of SOURCE into TARGET")
    m.add_argument("source", metavar="SOURCE_REF")
    m.add_argument("target", metavar="TARGET_REF")
    m.set_defaults(run=run_merge)

    s = acts.add_parser("split", parents=parents, help="messages from MESSAGE_ID on go to a new case")
    s.add_argument("ref", metavar="REF")
    s.add_argument("message_id", type=int, metavar="MESSAGE_ID")
    s.set_defaults(run=run_split)

    mv = acts.add_parser("move", parents=parents, help="move media items to another case")
    mv.add_argument("target", metavar="TARGET_REF")
    mv.add_argument("media_ids", type=int, nargs="+", metavar="MEDIA_ID")
    mv.set_defaults(run=run_move)

    st = acts.add_parser("set", parents=parents, help="change title, status, kind, policy, incident date, handler")
    st.add_argument("ref", metavar="REF")
    st.add_argument("--title")
    st.add_argument("--status", choices=[s.value for s in CaseStatus])
    st.add_argument("--kind", choices=[k.value for k in CaseKind])
    st.add_argument("--policy", dest="policy_ref")
    st.add_argument("--incident-date", metavar="YYYY-MM-DD")
    st.add_argument("--handler")
    st.add_argument("--answered", action="store_true", help="mark the customer as answered")
    st.set_defaults(run=run_set)

    n = acts.add_parser("note", parents=parents, help="add a note to a case")
    n.add_argument("ref", metavar="REF")
    n.add_argument("text")
    n.add_argument("--author")
    n.set_defaults(run=run_note)

    h = acts.add_parser("hold", parents=parents, help="a legal hold: the case is never purged while it lasts")
    h.add_argument("ref", metavar="REF")
    h.add_argument("--reason", required=True)
    h.add_argument("--json", action="store_true")
    h.set_defaults(run=run_hold)

    r = acts.add_parser("release", parents=parents, help="lift the legal hold of a case")
    r.add_argument("ref", metavar="REF")
    r.add_argument("--json", action="store_true")
    r.set_defaults(run=run_release)


def run_merge(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    case_edit.merge_cases(lib, args.source, args.target)
    print(f"Merged {args.source} into {args.target}.")
    return EXIT_OK


def run_split(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    new_ref = case_edit.split_case(lib, args.ref, args.message_id)
    print(f"Split {args.ref}: messages from {args.message_id} on are now in {new_ref}.")
    return EXIT_OK


def run_move(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    case_edit.move_media(lib, args.media_ids, args.target)
    print(f"Moved {len(args.media_ids)} item(s) to {args.target}.")
    return EXIT_OK


def run_set(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    changes = {k: v for k, v in {"title": args.title, "status": args.status, "kind": args.kind,
                                 "policy_ref": args.policy_ref, "incident_date": args.incident_date,
                                 "handler": args.handler}.items() if v is not None}
    if args.answered:
        changes["answered"] = True
    case_edit.update_case(lib, args.ref, **changes)
    print(f"Updated {args.ref}.")
    return EXIT_OK


def run_note(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    case_edit.add_note(lib, args.ref, args.text, author=args.author)
    print(f"Note added to {args.ref}.")
    return EXIT_OK


def run_hold(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import retention

    before = retention.hold_case(lib, args.ref, args.reason)
    hold = retention.hold_of(lib, args.ref)
    if args.json:
        print_json({"case": args.ref, "held": True, "hold": hold.to_json() if hold else None,
                    "before": before.to_json() if before else None})
    else:
        print(f"{args.ref} is on legal hold: {args.reason}")
    return EXIT_OK


def run_release(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import retention

    before = retention.release_case(lib, args.ref)
    if args.json:
        print_json({"case": args.ref, "held": False, "hold": None, "before": before.to_json() if before else None})
    else:
        print(f"{args.ref}: legal hold lifted." if before else f"{args.ref} had no legal hold.")
    return EXIT_OK
