"""Entry point ``casedesk``: a command runs the command line; none opens the window (or explains the CLI)."""

from __future__ import annotations

import os
import sys

# The app keeps the compiled form of its own modules, also where PYTHONDONTWRITEBYTECODE is set (a container
# default): compiling its 80 modules again costs 0.13 s of every command's start. An installed wheel has them
# compiled already; a read-only install is left as it is (Python then compiles in memory, as before).
sys.dont_write_bytecode = False

CLI_HINT = """\
Use the command line instead, for example:
  casedesk import ~/Downloads/whatsapp-export.zip     copy a customer's files into the library
  casedesk cases                                      list the cases
  casedesk media --case C-2026-0001                   list the media of a case
  casedesk export C-2026-0001 -o case.pdf             write the PDF case file
  casedesk --help                                     all commands
"""
NO_DISPLAY_HELP = "Casedesk could not open its window: no display is available here.\n\n" + CLI_HINT


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def wants_cli(args: list[str]) -> bool:
    """A command word (or help/version) means the command line; global options alone mean the window."""
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("--data-dir", "--db-url"):
            skip = True
        elif a in ("-h", "--help", "--version") or not a.startswith("-"):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if wants_cli(args):
        try:
            from desktop.cli.main import main as cli_main

            status = cli_main(args)
        except KeyboardInterrupt:  # a Ctrl-C while starting or opening the library: nothing was done
            print("casedesk: interrupted", file=sys.stderr)
            return 2
        if status == 0 and _is_demo(args) and "--no-window" not in args:
            if has_display():
                return _open_window(_demo_window_args(args))
            print("\n" + NO_DISPLAY_HELP, file=sys.stderr)
        if argv is None:  # this process's own command: what remains is its exit, which a Ctrl-C must not turn
            import signal  # into death by signal (exit -2, no message) after the command's work was saved

            signal.signal(signal.SIGINT, signal.SIG_IGN)
        return status
    if not has_display():
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 0
    return _open_window(args)


QT_X11_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
                   "libxcb-xkb1 libxkbcommon-x11-0 libegl1")


def missing_qt_libraries() -> list[str]:
    """System libraries Qt's X11 plugin needs; without them Qt aborts the process instead of failing politely."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") or not os.environ.get("DISPLAY"):
        return []
    import importlib.util
    import subprocess
    from pathlib import Path

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    try:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split()[0] for line in out.splitlines() if "not found" in line})


def _open_window(args: list[str]) -> int:
    missing = missing_qt_libraries()
    if missing:
        print(f"The window cannot start: the system lacks {', '.join(missing)}.\n"
              f"On Debian or Ubuntu: sudo apt install {QT_X11_PACKAGES}\n\n{CLI_HINT}", file=sys.stderr)
        return 2
    try:
        from desktop.ui.app import run
    except ImportError as e:
        print(f"The window cannot start ({e}).\n\n{CLI_HINT}", file=sys.stderr)
        return 2
    return run(args)


def _is_demo(args: list[str]) -> bool:
    return [a for a in args if not a.startswith("-")][:1] == ["demo"] or (
        "demo" in args and args.index("demo") > 0 and args[args.index("demo") - 1] not in ("--data-dir", "--db-url"))


def _demo_window_args(args: list[str]) -> list[str]:
    from desktop.settings import demo_paths

    out: list[str] = []
    if "--data-dir" in args:
        out += ["--data-dir", args[args.index("--data-dir") + 1]]
    else:
        out += ["--data-dir", str(demo_paths().data_dir)]
    if "--db-url" in args:
        out += ["--db-url", args[args.index("--db-url") + 1]]
    return out


if __name__ == "__main__":
    sys.exit(main())
