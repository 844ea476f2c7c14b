"""``casedesk settings show [--json]`` and ``casedesk settings set NAME VALUE... [--json]``: the team's settings.

Names are the ``TeamSettings`` fields with dashes (``answer-norm-minutes``, ``calendar-workdays``, ...);
``org-names`` is ``business_names``. A list setting takes every value after the name (none: an empty list),
``none`` clears an optional threshold. Changing ``org-names``, ``org-emails`` or ``org-domains`` decides again who
wrote every message already imported.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop.cli.output import EXIT_OK, print_json, print_table
from desktop.core.errors import UsageError

if TYPE_CHECKING:
    from desktop.services.library import Library

ALIASES = {"org-names": "business_names"}


def add_parser(sub, parents) -> None:
    p = sub.add_parser("settings", parents=parents, help="show or change the team's settings")
    actions = p.add_subparsers(dest="settings_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", parents=parents, help="every team setting and its value")
    show.add_argument("--json", action="store_true")
    show.set_defaults(run=run_show)
    change = actions.add_parser("set", parents=parents, help="change one setting (lists: every value after it)")
    change.add_argument("name", metavar="NAME", help="e.g. org-names, org-domains, answer-norm-minutes")
    change.add_argument("values", nargs="*", metavar="VALUE")
    change.add_argument("--json", action="store_true", help="print what changed, with what it re-decided")
    change.set_defaults(run=run_set)


def field_name(name: str) -> str:
    return ALIASES.get(name, name.replace("-", "_"))


def cli_name(field: str) -> str:
    return next((k for k, v in ALIASES.items() if v == field), field.replace("_", "-"))


def parse_value(field: str, default: Any, values: list[str]) -> Any:
    """The typed value of ``values`` for a setting whose default is ``default``."""
    if isinstance(default, list):
        if default and isinstance(default[0], int) or field == "calendar_workdays":
            try:
                return [int(v) for v in values]
            except ValueError:
                raise UsageError(f"{cli_name(field)}: whole numbers, not {' '.join(values)!r}") from None
        return list(values)
    if len(values) != 1:
        raise UsageError(f"{cli_name(field)} takes one value")
    text = values[0]
    if default is None or isinstance(default, float):
        if text.lower() in ("none", "default", ""):
            return None
        try:
            return float(text)
        except ValueError:
            raise UsageError(f"{cli_name(field)}: a number or 'none', not {text!r}") from None
    if isinstance(default, bool):
        return text.lower() in ("1", "yes", "true", "on")
    if isinstance(default, int):
        try:
            return int(text)
        except ValueError:
            raise UsageError(f"{cli_name(field)}: a whole number, not {text!r}") from None
    return "" if field == "calendar_subdivision" and text.lower() == "none" else text


def run_show(lib: Library, args: argparse.Namespace) -> int:
    from desktop.services.settings import team_settings

    team = team_settings(lib).to_json()
    if args.json:
        print_json(team)
    else:
        print_table(["SETTING", "VALUE"], [[cli_name(k), " ".join(map(str, v)) if isinstance(v, list) else v]
                                           for k, v in team.items()])
    return EXIT_OK


def run_set(lib: Library, args: argparse.Namespace) -> int:
    from desktop.core.team import TeamSettings
    from desktop.services.settings import EDITABLE, update_team_settings

    field = field_name(args.name)
    if field not in EDITABLE:
        raise UsageError(f"no such setting: {args.name} (settings: {', '.join(cli_name(f) for f in EDITABLE)})")
    value = parse_value(field, getattr(TeamSettings(), field), args.values)
    change = update_team_settings(lib, **{field: value})
    if args.json:
        print_json(change.to_json())
    elif not change.after:
        print(f"{cli_name(field)} is already {value!r}: nothing changed.")
    else:
        print(f"{cli_name(field)}: {change.before[field]!r} -> {change.after[field]!r}")
        if change.roles.messages:
            print(f"Decided again who wrote what: {change.roles.messages} message(s) changed sides.")
    return EXIT_OK
