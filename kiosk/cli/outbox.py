"""``kiosk outbox status|drain [--json]``: inspect and flush the cases waiting to upload.

Paths default to the terminal's data dir, where the kiosk keeps them (``outbox.sqlite3`` and
``outbox.key`` in /var/lib/yimen or the user data dir); the hub for ``drain`` comes from
``--hub`` / ``--token-file`` or ``KIOSK_HUB_URL`` / ``KIOSK_HUB_TOKEN_FILE``.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError, UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("outbox", help="cases waiting to upload to the hub")
    commands = parser.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    for name, handler, text in (
        ("status", _status, "count pending, delivered and rejected cases"),
        ("drain", _drain, "try to upload every pending case now"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--outbox", type=Path, help="outbox database file")
        sub.add_argument("--key-file", type=Path, help="outbox key file (created 0600 if missing)")
        sub.add_argument("--terminal-id", default=os.environ.get("KIOSK_TERMINAL_ID", "kiosk"))
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        if name == "drain":
            sub.add_argument("--hub", default=os.environ.get("KIOSK_HUB_URL"), help="hub base URL")
            sub.add_argument(
                "--token-file", type=Path, default=os.environ.get("KIOSK_HUB_TOKEN_FILE")
            )
            sub.add_argument("--ca-bundle", type=Path, help="CA bundle for the hub's TLS")
            sub.add_argument("--timeout", type=float, default=10.0, help="read timeout, seconds")
        sub.set_defaults(func=handler)


def _paths(args: argparse.Namespace) -> tuple[Path, Path]:
    from kiosk.paths import data_dir

    # The terminal's own outbox: /var/lib/yimen when installed, else the user data dir.
    outbox = args.outbox or data_dir() / "outbox.sqlite3"
    key = args.key_file or outbox.with_name("outbox.key")
    return outbox, key


def _open(args: argparse.Namespace) -> Any:
    from kiosk.outbox.store import Outbox

    outbox_path, key_path = _paths(args)
    if not outbox_path.exists():
        raise UsageError(f"There is no outbox at {outbox_path}.")
    return Outbox(outbox_path, key_path, terminal_id=args.terminal_id)


def _status(args: argparse.Namespace) -> int:
    from kiosk.outbox.store import read_status

    status = read_status(_paths(args)[0])  # needs no key, creates nothing
    data = {
        "pending": status.pending,
        "delivered": status.delivered,
        "rejected": status.rejected,
        "oldest_pending_at": status.oldest_pending_at.isoformat()
        if status.oldest_pending_at
        else None,
        "last_error": status.last_error,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(f"pending {status.pending}, delivered {status.delivered}, rejected {status.rejected}")
        if status.oldest_pending_at:
            print(f"oldest pending since {status.oldest_pending_at:%Y-%m-%d %H:%M:%S}")
        if status.last_error:
            print(f"last error: {status.last_error}")
    return 0


def _drain(args: argparse.Namespace) -> int:
    from kiosk.api.client import HubClient
    from kiosk.outbox.sender import OutboxSender

    if not args.hub or not args.token_file:
        raise ConfigError(
            "drain needs --hub URL and --token-file FILE (or KIOSK_HUB_URL/_TOKEN_FILE)."
        )
    try:
        token = Path(args.token_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"Cannot read the token file {args.token_file}: {exc.strerror}.") from exc
    with (
        _open(args) as outbox,
        HubClient(
            args.hub, token=token, read_timeout=args.timeout, ca_bundle=args.ca_bundle
        ) as client,
    ):
        report = OutboxSender(outbox, client).drain()
    data = {
        "delivered": report.delivered,
        "failed": report.failed,
        "rejected": report.rejected,
        "remaining": report.remaining,
    }
    if args.json:
        print(json.dumps(data))
    else:
        print(
            f"delivered {report.delivered}, failed {report.failed}, rejected {report.rejected};"
            f" {report.remaining} still pending"
        )
    return 0 if report.remaining == 0 and report.rejected == 0 else 1
