"""``casedesk media [--case REF] [--all] [--json]``: media items with capture time, source, flags; ``--all`` also
the other originals kept (the chat text or ZIP, the .eml, logos and report parts: see ``role``);
``media rotate ID --degrees 90`` and ``media set ID [--caption TEXT] [--include|--exclude]`` change one; ``media exif ID [--json]`` lists every EXIF tag
(``[{"group", "tag", "value"}]``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, print_json, print_table, record_id

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("media", parents=parents, help="list media items")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--all", action="store_true", dest="everything",
                   help="every original kept, not only case media (containers, logos, report parts)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)
    acts = p.add_subparsers(dest="action", metavar="ACTION")

    r = acts.add_parser("rotate", parents=parents, help="turn an item for viewing and the PDF (clockwise)")
    r.add_argument("media_id", type=record_id, metavar="ID")
    r.add_argument("--degrees", type=int, required=True, choices=[0, 90, 180, 270, -90])
    r.add_argument("--json", action="store_true")
    r.set_defaults(run=run_rotate)

    ex = acts.add_parser("exif", parents=parents, help="every EXIF tag of an item's original")
    ex.add_argument("media_id", type=record_id, metavar="ID")
    ex.add_argument("--json", action="store_true")
    ex.set_defaults(run=run_exif)

    st = acts.add_parser("set", parents=parents, help="caption an item, include it in the report or leave it out")
    st.add_argument("media_id", type=record_id, metavar="ID")
    st.add_argument("--caption")
    inc = st.add_mutually_exclusive_group()
    inc.add_argument("--include", action="store_true", default=None, dest="included")
    inc.add_argument("--exclude", action="store_false", default=None, dest="included")
    st.add_argument("--json", action="store_true")
    st.set_defaults(run=run_set)


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


def _print_item(lib: Library, media_id: int, as_json: bool, message: str) -> int:
    from desktop.services.cases import get_media

    if as_json:
        print_json(get_media(lib, media_id).to_json())
    else:
        print(message)
    return EXIT_OK


def run_rotate(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.case_edit import set_rotation

    degrees = set_rotation(lib, args.media_id, args.degrees)
    return _print_item(lib, args.media_id, args.json, f"Item {args.media_id} is shown turned {degrees}°.")


def run_set(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.case_edit import set_media

    set_media(lib, args.media_id, caption=args.caption, included=args.included)
    return _print_item(lib, args.media_id, args.json, f"Item {args.media_id} updated.")


def run_exif(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.media_details import exif_table

    rows = exif_table(lib, args.media_id)
    if args.json:
        print_json([{"group": g, "tag": t, "value": v} for g, t, v in rows])
    else:
        print_table(["GROUP", "TAG", "VALUE"], [list(r) for r in rows])
    return EXIT_OK
