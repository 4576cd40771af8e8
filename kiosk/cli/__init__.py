"""The ``kiosk`` command line: the stable, scriptable surface of the terminal.

Each command group lives in its own module with ``register(subparsers)``; a command's handler
takes the parsed arguments and returns the exit code (0 ok, 1 failed, 2 bad input or config).
Command modules import heavy libraries inside their handlers so that ``kiosk --help`` stays fast.

Commands of higher layers (the windows of ``kiosk run`` and ``kiosk demo`` live in ``ui``) plug in
through the ``kiosk.commands`` entry point group, so the core never imports the UI.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from kiosk import __version__
from kiosk.errors import KioskError

# One module per command group, in the order --help lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.cli.idcard",
    "kiosk.cli.qr",
    "kiosk.cli.printer",
    "kiosk.cli.outbox",
    "kiosk.cli.admin",
    "kiosk.cli.doctor",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="一门通 self-service kiosk and window terminal for government service halls.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for entry in sorted(entry_points(group="kiosk.commands"), key=lambda e: e.name):
        try:
            module = entry.load()
        except ModuleNotFoundError as exc:
            if exc.name and entry.value.startswith(exc.name):
                continue  # that layer is not installed here (e.g. a headless hub server)
            raise
        module.register(subparsers)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # stderr stays quiet even when a log file takes INFO
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from drivers.errors import DeviceError

    try:
        return int(args.func(args))
    except (KioskError, DeviceError) as exc:
        print(f"kiosk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
