"""``kiosk report``: a report over the hub's database, for scripts and the district office.

  kiosk report NAME --from DATE --to DATE [--by DIMENSION] [--site CODE ...]
               [--json | --csv FILE | --xlsx FILE] [--db URL] [--data-dir DIR]

NAME is queue, ratings, cases, funnel (the kiosks' journeys, step by step) or performance (a
calendar month, by site); DIMENSION one of all, site, terminal, queue, window, clerk, item, day,
hour, weekday (default all; each report says which it has); ``--site`` keeps to what came from
those sites. Without an output option the table is printed aligned.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from contract.models import Dimension, ReportName
from hub.cli import HubCommandError, _context, _guarded, _usage


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="a report of the hub's data (queues, ratings, cases, funnel) over a period"
    )
    parser.add_argument("name", choices=[n.value for n in ReportName])
    parser.add_argument("--from", dest="first", type=_day, required=True, metavar="DATE")
    parser.add_argument("--to", dest="last", type=_day, required=True, metavar="DATE")
    parser.add_argument("--by", choices=[d.value for d in Dimension], default="all")
    parser.add_argument(
        "--site", action="append", metavar="CODE", help="only this site (repeatable)"
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the table as JSON")
    out.add_argument("--csv", type=Path, metavar="FILE", help="write the table as CSV")
    out.add_argument("--xlsx", type=Path, metavar="FILE", help="write the table as XLSX")
    parser.add_argument("--db", help="database URL (default: SQLite in the data dir)")
    parser.add_argument("--data-dir", type=Path, help="hub data dir (SQLite file)")
    parser.set_defaults(func=_guarded(_report))


def _report(args: argparse.Namespace) -> int:
    from hub import reports
    from hub.problems import HubProblem
    from hub.reports import export

    ctx = _context(args).state.hub
    try:
        sites = frozenset(args.site) if args.site else None
        name, by = ReportName(args.name), Dimension(args.by)
        table = reports.run(ctx, name, args.first, args.last, by, sites)
    except HubProblem as exc:
        raise _usage(f"{exc.title}.") from exc
    finally:
        ctx.engine.dispose()
    if args.json:
        sys.stdout.write(table.model_dump_json(indent=2) + "\n")
    elif args.csv:
        _write(args.csv, lambda path: path.write_text(export.to_csv(table), encoding="utf-8"))
    elif args.xlsx:
        _write(args.xlsx, lambda path: export.write_xlsx(table, path))
    else:
        sys.stdout.write(export.to_text(table))
    return 0


def _write(path: Path, write: Any) -> None:
    try:
        write(path)
    except OSError as exc:
        raise HubCommandError(f"cannot write {path}: {exc.strerror or exc}.") from exc
    print(f"written {path}")
