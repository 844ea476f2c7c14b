"""``casedesk duplicates [--case REF] [--json] [--lang en|nl]``, ``duplicates keep ITEM [--preview]``,
``duplicates restore MEDIA_ID [--preview]``, ``duplicates alerts``.

ITEM is a media id (``media --json`` shows it) or a SHA-256 naming one group; a keeper change acts on that
item's group only. Keeper changes and restores are undone with ``casedesk undo``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table, record_id

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("duplicates", parents=parents, help="duplicate groups; choose a keeper; restore")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=["en", "nl"], default="en", help="language of what was done to each copy")
    p.set_defaults(run=run_list)
    acts = p.add_subparsers(dest="action", metavar="ACTION")
    k = acts.add_parser("keep", parents=parents, help="make this item the keeper of its group")
    k.add_argument("item", metavar="MEDIA_ID|SHA256")
    k.add_argument("--case", metavar="REF", help="the case of the group, when a SHA-256 is in several")
    k.add_argument("--preview", action="store_true", help="say what would change, change nothing")
    k.add_argument("--json", action="store_true")
    k.set_defaults(run=run_keep)
    r = acts.add_parser("restore", parents=parents, help="bring a set-aside item back (exact copies too)")
    r.add_argument("media_id", type=record_id)
    r.add_argument("--preview", action="store_true", help="say what would change, change nothing")
    r.add_argument("--json", action="store_true")
    r.set_defaults(run=run_restore)
    a = acts.add_parser("alerts", parents=parents, help="the same picture in any other case")
    a.add_argument("--case", metavar="REF")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=run_alerts)


_ROLE = {(role, False): role for role in ("keeper", "set aside", "kept")} | {
    ("keeper", True): "bewaard", ("set aside", True): "apart gezet", ("kept", True): "behouden"}


def run_list(lib: Library, args: argparse.Namespace) -> int:
    from desktop.core.labels import label
    from desktop.core.model import DupKind
    from desktop.core.transform_text import region_text, transform_text
    from desktop.services import duplicates as svc

    groups = svc.list_groups(lib, args.case)
    if args.json:
        print_json([g.to_json() for g in groups])
        return EXIT_OK
    rows = []
    for n, g in enumerate(groups, 1):
        for m in g.items:
            role = _ROLE[("keeper" if m.media_id == g.keeper_id else ("set aside" if m.set_aside else "kept"),
                          args.lang == "nl")]
            done = "; ".join(t for t in (transform_text(m.transform, args.lang), region_text(m.region, args.lang))
                             if t)
            rows.append([n, label(DupKind, m.kind or g.kind, args.lang, short=True), m.media_id, m.sha256[:12],
                         role, m.name, done, " ".join(g.cases)])
    print_table(["GROUP", "KIND", "ID", "SHA256", "ROLE", "FILE", "WHAT WAS DONE", "CASES"], rows)
    return EXIT_OK


def run_keep(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    media_id = svc.resolve_item(lib, args.item, args.case)
    change = svc.keeper_change(lib, media_id)
    if not args.preview:
        svc.set_keeper(lib, media_id)
    if args.json:
        print_json({**change.to_json(), "done": not args.preview})
    else:
        print(f"{change.text}." if args.preview else f"{change.name} is now the keeper; {change.keeper_name} "
              f"follows it (casedesk undo puts it back).")
    return EXIT_OK


def run_restore(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    change = svc.restore_change(lib, args.media_id)
    if not args.preview:
        svc.restore(lib, args.media_id)
    if args.json:
        print_json({**change.to_json(), "done": not args.preview})
    else:
        print(f"{change.text}." if args.preview else f"{change.name} restored; it will not be set aside again "
              f"(casedesk undo sets it aside).")
    return EXIT_OK


def run_alerts(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services import duplicates as svc

    alerts = svc.list_alerts(lib, args.case)
    if args.json:
        print_json([{"case": a.case_ref, "other_case": a.other_case_ref, "other_customer": a.other_customer,
                     "name": a.name, "other_name": a.other_name, "sha256": a.sha256,
                     "other_sha256": a.other_sha256, "kind": a.kind, "media_kind": a.media_kind,
                     "media_id": a.media_id, "other_media_id": a.other_media_id} for a in alerts])
    else:
        print_table(["CASE", "FILE", "SAME PICTURE IN", "CUSTOMER", "FILE THERE", "KIND"],
                    [[a.case_ref, a.name, a.other_case_ref, a.other_customer or "(none)", a.other_name, a.kind]
                     for a in alerts])
    return EXIT_OK
