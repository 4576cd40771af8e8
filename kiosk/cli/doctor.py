"""``kiosk doctor [--config PATH] [--json]``: what is wrong with this terminal (kiosk.doctor).

One line per check, OK / WARN / FAIL and one sentence that says what to do; ``--json`` prints
a list of ``{check, status, message}``. Exit 0 when nothing failed (warnings included), 1 when
a check failed, 2 when the configuration does not load (then it is the only finding).
"""

from __future__ import annotations

import argparse
import json
import logging
from typing import TYPE_CHECKING, Any

from kiosk.paths import CONFIG_FILE

if TYPE_CHECKING:
    from kiosk.doctor import Finding


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check this terminal: configuration, hub, devices, clock, fonts, disk, outbox",
        description=(
            "Check this terminal and say what is wrong, one line per check with what to do."
            " Run it with the kiosk stopped (a serial reader or a printer serves one program at"
            " a time). Exit 0: nothing failed; 1: a check failed; 2: the configuration does not"
            " load."
        ),
    )
    parser.add_argument("--config", default=CONFIG_FILE, help=f"TOML file (default {CONFIG_FILE})")
    parser.add_argument("--json", action="store_true", help="print a JSON list of findings")
    parser.add_argument(
        "--timeout", type=float, default=5.0, metavar="S", help="seconds for each check (5)"
    )
    parser.add_argument(
        "--clock-tolerance",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds this clock may differ from the hub's (30)",
    )
    parser.add_argument(
        "--outbox-age",
        type=float,
        default=3600.0,
        metavar="S",
        help="seconds a case may wait to upload before it is a warning (3600)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = logging.getLogger()
    level = root.level
    if not args.verbose:  # the findings say what the drivers would log; -v shows it too
        root.setLevel(logging.ERROR)
    try:
        return _examine(args)
    finally:
        root.setLevel(level)


def _examine(args: argparse.Namespace) -> int:
    from kiosk.config import load_settings
    from kiosk.doctor import Limits, Status, fail, ok, plan, run_checks
    from kiosk.errors import ConfigError, UsageError

    for name in ("timeout", "clock_tolerance", "outbox_age"):
        if not getattr(args, name) > 0:
            raise UsageError(f"--{name.replace('_', '-')} must be a positive number of seconds")
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        advice = _config_advice(exc.message)
        _report([fail("config", f"{exc.message.rstrip('.')}; {advice}")], args.json)
        return 2
    mode = settings.terminal.mode.value
    findings = [
        ok("config", f"{settings.source} is valid: a {mode} terminal, {settings.terminal.id}.")
    ]
    limits = Limits(
        timeout=args.timeout, clock_tolerance=args.clock_tolerance, outbox_age=args.outbox_age
    )
    findings += run_checks(plan(settings, limits), limits.timeout)
    _report(findings, args.json)
    return 1 if any(f.status is Status.FAIL for f in findings) else 0


def _config_advice(message: str) -> str:
    if message.endswith("file not found"):
        return (
            "copy an example (config/*.toml, or /usr/share/yimen/config/) there, or give --config."
        )
    return "correct it and run kiosk doctor again."


def _report(findings: list[Finding], as_json: bool) -> None:
    from kiosk.doctor import Status

    if as_json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=1))
        return
    width = max(len(f.check) for f in findings)
    for finding in findings:
        print(f"{finding.status.name:<4}  {finding.check:<{width}}  {finding.message}")
    failed = sum(f.status is Status.FAIL for f in findings)
    warned = sum(f.status is Status.WARN for f in findings)
    if failed or warned:
        print(f"{failed} failed, {warned} to look at, of {len(findings)} checks.")
    else:
        print(f"All {len(findings)} checks passed.")
