"""``casedesk cases | media | customers | messages``: data out, as tables or stable JSON."""

from __future__ import annotations

import argparse

from desktop.cli.output import EXIT_OK, print_json, print_table
from desktop.services import cases as svc
from desktop.services.library import Library


def add_parsers(sub, parents) -> None:
    p = sub.add_parser("cases", parents=parents, help="list cases")
    p.add_argument("--status", help="only cases with this status")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_cases)

    p = sub.add_parser("media", parents=parents, help="list media items")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_media)

    p = sub.add_parser("customers", parents=parents, help="list customers and their cases")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_customers)

    p = sub.add_parser("messages", parents=parents, help="list the messages of a case")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--customer", type=int, metavar="ID", help="the whole contact history of a customer")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_messages)


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def run_cases(lib: Library, args: argparse.Namespace) -> int:
    rows = svc.list_cases(lib, status=args.status)
    if args.json:
        print_json([c.to_json() for c in rows])
    else:
        print_table(["REF", "STATUS", "CUSTOMER", "MEDIA", "ASIDE", "OPENED", "WAITING SINCE", "TITLE"],
                    [[c.ref, c.status, c.customer, c.media, c.set_aside, _when(c.opened_at), _when(c.waiting_since),
                      c.title] for c in rows])
    return EXIT_OK


def run_media(lib: Library, args: argparse.Namespace) -> int:
    rows = svc.list_media(lib, case_ref=args.case)
    if args.json:
        print_json([m.to_json() for m in rows])
    else:
        print_table(["CASE", "NAME", "KIND", "SIZE", "TAKEN", "SOURCE", "SHA256", "FLAGS"],
                    [[m.case_ref, m.name, m.kind, f"{m.width}x{m.height}" if m.width else "",
                      m.to_json()["taken_at"] or "", m.taken_at_source or "", (m.sha256 or "")[:12],
                      ",".join(m.flags + (["set-aside"] if m.set_aside else []))] for m in rows])
    return EXIT_OK


def run_customers(lib: Library, args: argparse.Namespace) -> int:
    rows = svc.list_customers(lib)
    if args.json:
        print_json([c.to_json() for c in rows])
    else:
        print_table(["ID", "NAME", "PHONE", "E-MAIL", "CASES"],
                    [[c.id, c.name, c.phone, c.email, " ".join(c.cases)] for c in rows])
    return EXIT_OK


def run_messages(lib: Library, args: argparse.Namespace) -> int:
    rows = svc.list_messages(lib, case_ref=args.case, customer_id=args.customer)
    if args.json:
        print_json([m.to_json() for m in rows])
    else:
        print_table(["CASE", "SENT", "SENDER", "TEXT", "FILES"],
                    [[m.case_ref, _when(m.sent_at), m.sender, m.text, len(m.attachments)] for m in rows])
    return EXIT_OK
