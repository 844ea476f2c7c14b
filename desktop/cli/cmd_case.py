"""``casedesk case merge|split|split-gaps|move|set|note|note-edit|note-delete|notes|pick|hold|release|ask|answer``:
change cases (every change is audited and can be undone with ``casedesk undo``), list notes, pick a case, legal
holds, second opinions."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import (
    EXIT_OK,
    EXIT_USAGE,
    count,
    error,
    hours,
    print_json,
    print_table,
    record_id,
    when,
)
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
    s.add_argument("message_id", type=record_id, metavar="MESSAGE_ID")
    s.set_defaults(run=run_split)

    mv = acts.add_parser("move", parents=parents, help="move media items to another case")
    mv.add_argument("target", metavar="TARGET_REF")
    mv.add_argument("media_ids", type=record_id, nargs="+", metavar="MEDIA_ID")
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
    st.add_argument("--customer", metavar="ID|PHONE|EMAIL",
                    help="give the case this customer (by id, phone number in any notation, or e-mail address)")
    st.add_argument("--if-version", type=record_id, metavar="N",
                    help="save only if the case is still at version N (as 'cases --json' showed it)")
    st.add_argument("--json", action="store_true")
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

    ne = acts.add_parser("note-edit", parents=parents, help="change the text of a note")
    ne.add_argument("note_id", type=record_id, metavar="NOTE_ID")
    ne.add_argument("text")
    ne.set_defaults(run=run_note_edit)

    nd = acts.add_parser("note-delete", parents=parents, help="delete a note (undo brings it back)")
    nd.add_argument("note_id", type=record_id, metavar="NOTE_ID")
    nd.set_defaults(run=run_note_delete)

    nl = acts.add_parser("notes", parents=parents, help="the notes of a case")
    nl.add_argument("ref", metavar="REF")
    nl.add_argument("--json", action="store_true")
    nl.set_defaults(run=run_notes)

    g = acts.add_parser("split-gaps", parents=parents,
                        help="split a case where capture times are more than HOURS apart")
    g.add_argument("ref", metavar="REF")
    g.add_argument("--hours", type=hours, metavar="H", help="the gap (default: the team's, 12)")
    g.add_argument("--dry-run", action="store_true", help="only show the parts")
    g.add_argument("--json", action="store_true")
    g.set_defaults(run=run_split_gaps)

    pk = acts.add_parser("pick", parents=parents, help="cases for an import: open and recent first, matching TEXT")
    pk.add_argument("text", nargs="?", default="", metavar="TEXT")
    pk.add_argument("--limit", type=count, default=20, metavar="N")
    pk.add_argument("--json", action="store_true")
    pk.set_defaults(run=run_pick)

    a = acts.add_parser("ask", parents=parents, help="ask a colleague for a second opinion on a case")
    a.add_argument("ref", metavar="REF")
    a.add_argument("--to", required=True, metavar="NAME")
    a.add_argument("comment")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=run_ask)

    an = acts.add_parser("answer", parents=parents, help="answer a request for a second opinion")
    an.add_argument("request_id", type=record_id, metavar="REQUEST_ID")
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

    moved = case_edit.move_media(lib, args.media_ids, args.target)
    print(f"Moved {moved} item(s) to {args.target}." if moved else f"Nothing moved: already in {args.target}.")
    return EXIT_OK


def run_set(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    changes = {k: v for k, v in {"title": args.title, "status": args.status, "kind": args.kind,
                                 "policy_ref": args.policy_ref, "incident_date": args.incident_date,
                                 "handler": args.handler}.items() if v is not None}
    if args.answered:
        changes["answered"] = True
    if args.customer is None and not changes:
        error("say what to change (see casedesk case set --help)")
        return EXIT_USAGE
    change = None
    if changes:
        try:
            change = case_edit.update_case(lib, args.ref, expected_version=args.if_version, **changes)
        except case_edit.EditConflict as e:
            error(str(e))
            if args.json:
                print_json({"case": args.ref, "saved": False, "conflict": str(e), "version": e.version,
                            "current": _plain(e.current)})
            return EXIT_USAGE
    owner = None
    if args.customer is not None:
        from desktop.services.case_customer import set_case_customer

        owner = set_case_customer(lib, args.ref, args.customer)
    if args.json:
        out: dict = {"case": args.ref, "saved": True}
        if change is not None:
            out.update(version=change.version, before=_plain(change.before), after=_plain(change.after))
        if owner is not None:
            out["customer"] = owner.to_json()
        print_json(out)
    else:
        if change is not None:
            print(f"Updated {args.ref} (version {change.version}).")
        if owner is not None:
            print(f"{args.ref} now belongs to {owner.customer} (customer {owner.customer_id})." if owner.changed
                  else f"{args.ref} already belongs to {owner.customer} (customer {owner.customer_id}).")
    return EXIT_OK


def _plain(values: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


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


def run_note_edit(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    case_edit.edit_note(lib, args.note_id, args.text)
    print(f"Note {args.note_id} changed.")
    return EXIT_OK


def run_note_delete(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    case_edit.delete_note(lib, args.note_id)
    print(f"Note {args.note_id} deleted.")
    return EXIT_OK


def run_notes(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import case_edit

    notes = case_edit.list_notes(lib, args.ref)
    if args.json:
        print_json([{"id": n.id, "created_at": n.created_at.isoformat(), "author": n.author, "text": n.text,
                     "media_id": n.media_item_id} for n in notes])
    else:
        print_table(["ID", "WHEN", "AUTHOR", "TEXT"], [[n.id, when(n.created_at), n.author, n.text] for n in notes])
    return EXIT_OK


def run_split_gaps(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import gap_split

    hours = args.hours if args.hours is not None else float(lib.team.file_gap_hours)
    fn = gap_split.preview_split_by_gaps if args.dry_run else gap_split.split_by_gaps
    parts = fn(lib, args.ref, hours)
    if args.json:
        print_json({"case": args.ref, "hours": hours, "dry_run": args.dry_run, "parts": [p.to_json() for p in parts]})
        return EXIT_OK
    print_table(["CASE", "TITLE", "ITEMS", "FIRST", "LAST"],
                [[p.ref or "(new)", p.title, len(p.media_ids), when(p.first), when(p.last)] for p in parts])
    if args.dry_run:
        print(f"{len(parts)} part(s); nothing changed (without --dry-run, {len(parts) - 1} new case(s)).")
    return EXIT_OK


def run_pick(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.case_picker import pick_cases

    found = pick_cases(lib, args.text, args.limit)
    if args.json:
        print_json([c.to_json() for c in found])
    else:
        print_table(["CASE", "STATUS", "CUSTOMER", "TITLE", "ACTIVE", "OTHER CASES"],
                    [[c.ref, c.status, c.customer, c.title, when(c.last_activity), " ".join(c.others)]
                     for c in found])
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
