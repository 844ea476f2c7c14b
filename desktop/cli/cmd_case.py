"""``casedesk case merge|split|move|set|note|ask|answer``: change cases; every change is audited."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_USAGE, error, print_json
from desktop.core.model import CaseKind, CaseStatus

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("case", parents=parents,
                       help="merge, split, move media, set fields, add notes, ask and answer second opinions")
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
    st.add_argument("--if-version", type=int, metavar="N",
                    help="save only if the case is still at version N (as 'cases --json' showed it)")
    st.add_argument("--json", action="store_true")
    st.set_defaults(run=run_set)

    n = acts.add_parser("note", parents=parents, help="add a note to a case")
    n.add_argument("ref", metavar="REF")
    n.add_argument("text")
    n.add_argument("--author")
    n.set_defaults(run=run_note)

    a = acts.add_parser("ask", parents=parents, help="ask a colleague for a second opinion on a case")
    a.add_argument("ref", metavar="REF")
    a.add_argument("--to", required=True, metavar="NAME")
    a.add_argument("comment")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=run_ask)

    an = acts.add_parser("answer", parents=parents, help="answer a request for a second opinion")
    an.add_argument("request_id", type=int, metavar="REQUEST_ID")
    an.add_argument("comment")
    an.add_argument("--json", action="store_true")
    an.set_defaults(run=run_answer)


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
    try:
        change = case_edit.update_case(lib, args.ref, expected_version=args.if_version, **changes)
    except case_edit.EditConflict as e:
        error(str(e))
        if args.json:
            print_json({"case": args.ref, "saved": False, "conflict": str(e), "version": e.version,
                        "current": _plain(e.current)})
        return EXIT_USAGE
    if args.json:
        print_json({"case": args.ref, "saved": True, "version": change.version, "before": _plain(change.before),
                    "after": _plain(change.after)})
    else:
        print(f"Updated {args.ref} (version {change.version}).")
    return EXIT_OK


def _plain(values: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def run_note(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    case_edit.add_note(lib, args.ref, args.text, author=args.author)
    print(f"Note added to {args.ref}.")
    return EXIT_OK


def run_ask(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.opinions import ask_opinion

    req = ask_opinion(lib, args.ref, args.to, args.comment)
    if args.json:
        print_json(req.to_json())
    else:
        print(f"Asked {req.asked_to} for a second opinion on {req.case_ref} (request {req.id}).")
    return EXIT_OK


def run_answer(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.opinions import answer_opinion

    req = answer_opinion(lib, args.request_id, args.comment)
    if args.json:
        print_json(req.to_json())
    else:
        print(f"Answered request {req.id} on {req.case_ref} (asked by {req.asked_by}).")
    return EXIT_OK
