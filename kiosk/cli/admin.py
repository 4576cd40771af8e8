"""``kiosk admin-pin``: make the configuration line for a maintenance PIN."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "admin-pin",
        help="hash a maintenance PIN for [admin] pin_hash in the terminal's configuration",
        description=(
            "Read a maintenance PIN (4 to 12 digits) and print the [admin] pin_hash line for "
            "the terminal's TOML file. The PIN itself is never stored."
        ),
    )
    parser.add_argument("--stdin", action="store_true", help="read the PIN from standard input")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.admin import hash_pin

    if args.stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("Maintenance PIN: ")
        if getpass.getpass("Again: ") != pin:
            print("kiosk: the two PINs differ; nothing was made", file=sys.stderr)
            return 2
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0
