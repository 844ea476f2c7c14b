"""The command line. Commands added by later modules register here."""


def extra_commands() -> list:
    """Parsers of optional commands (cases editing, duplicates, export, demo), when present."""
    adders = []
    for mod in ("cmd_case", "cmd_duplicates", "cmd_export", "cmd_demo"):
        try:
            module = __import__(f"desktop.cli.{mod}", fromlist=["add_parser"])
        except ModuleNotFoundError as e:
            if e.name != f"desktop.cli.{mod}":
                raise
            continue
        adders.append(module.add_parser)
    return adders
