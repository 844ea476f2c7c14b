"""``casedesk team init --store LOCATION``, ``team show [--json]``, ``team set NAME VALUE``: the team's store of
originals and its shared settings."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, EXIT_PROBLEMS, TerminalProgress, print_json

if TYPE_CHECKING:
    from desktop.services.library import Library


def add_parser(sub, parents) -> None:
    p = sub.add_parser("team", parents=parents, help="the team's store of originals and shared settings")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    i = acts.add_parser("init", parents=parents,
                        help="record where the team's originals live (a folder every desk mounts, or s3://bucket/"
                             "prefix) and copy this desk's originals there")
    i.add_argument("--store", required=True, metavar="LOCATION")
    i.add_argument("--adopt", action="store_true",
                   help="take over a store another database used (e.g. the team moved to a new database server)")
    i.add_argument("--json", action="store_true")
    i.set_defaults(run=run_init)
    s = acts.add_parser("show", parents=parents, help="the store, whether this desk reaches it, the team settings")
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=run_show)
    st = acts.add_parser("set", parents=parents, help="change one team setting (see team show), e.g. case_format")
    st.add_argument("name", metavar="NAME")
    st.add_argument("value", metavar="VALUE", help="JSON (a list, a number) or plain text")
    st.set_defaults(run=run_set)


def run_init(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.team import init_store

    bar = TerminalProgress("Copying originals")
    try:
        setup = init_store(lib, args.store, bar, adopt=args.adopt)
    finally:
        bar.close()
    if args.json:
        print_json(setup.to_json())
    else:
        print(f"{'Created' if setup.new else 'Using'} the team's store of originals {setup.location} "
              f"(id {setup.store_id}).")
        print(f"Copied {len(setup.copied)} original(s) from this desk ({setup.copied_bytes / 1e6:.1f} MB).")
        if setup.not_here:
            print(f"{setup.not_here} original(s) are on another desk only: run this command there too.")
    return EXIT_OK


def run_show(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.team import team_overview

    info = team_overview(lib)
    store = info["store"]
    if args.json:
        print_json(info)
    else:
        print(f"Store of originals: {store['location']} ({store['kind']}"
              f"{', shared' if store['shared'] else ', this desk only'})")
        if store["reached_at"] and store["reached_at"] != store["location"]:
            print(f"  reached at: {store['reached_at']}")
        print(f"  {'reachable' if store['reachable'] else 'NOT reachable: ' + str(store['problem'])}")
        print(f"Database: {info['database']}")
        print(f"Handler at this desk: {info['handler']}")
        cache = info["cache"]
        print(f"Cache: {cache['folder']} ({cache['used_bytes'] / 2**20:.1f} of {cache['limit_bytes'] / 2**20:.0f} MB)")
        print("Team settings:")
        for key, value in info["settings"].items():
            print(f"  {key}: {value}")
    return EXIT_OK if store["reachable"] else EXIT_PROBLEMS


def run_set(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.team import set_team_setting

    changed = set_team_setting(lib, args.name, args.value)
    print(f"Changed {args.name} for the whole team." if changed else f"{args.name} was already {args.value}.")
    return EXIT_OK
