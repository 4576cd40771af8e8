"""``kiosk report``: a report over the hub's database, for scripts and the district office.

  kiosk report NAME (--from DATE --to DATE | --month YYYY-MM) [--by DIMENSION] [--site CODE ...]
               [--json | --csv FILE | --xlsx FILE | --pdf FILE] [--db URL] [--data-dir DIR]

NAME is queue, ratings, cases, funnel (the kiosks' journeys, step by step) or performance (a
calendar month, by site or department); DIMENSION one of all, site, terminal, queue, window,
clerk, item, department, day, hour, weekday (default all, site for performance; each report says
which it has); ``--site`` keeps to what came from those sites. Without an output option the
table is printed aligned. ``--pdf`` writes the performance rating's printable bulletin (通报), set
in a Chinese font (``--bulletin-font``, else Noto CJK) under the issuing office
(``--bulletin-issuer``).
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
    parser.add_argument("--from", dest="first", type=_day, metavar="DATE")
    parser.add_argument("--to", dest="last", type=_day, metavar="DATE")
    parser.add_argument("--month", metavar="YYYY-MM", help="a calendar month (for --from/--to)")
    parser.add_argument("--by", choices=[d.value for d in Dimension])
    parser.add_argument(
        "--site", action="append", metavar="CODE", help="only this site (repeatable)"
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the table as JSON")
    out.add_argument("--csv", type=Path, metavar="FILE", help="write the table as CSV")
    out.add_argument("--xlsx", type=Path, metavar="FILE", help="write the table as XLSX")
    out.add_argument(
        "--pdf", type=Path, metavar="FILE", help="performance: write the bulletin (通报) as PDF"
    )
    parser.add_argument("--bulletin-font", metavar="FILE", help="a font with Chinese, for --pdf")
    parser.add_argument("--bulletin-issuer", metavar="NAME", help="the office issuing it (--pdf)")
    parser.add_argument("--db", help="database URL (default: SQLite in the data dir)")
    parser.add_argument("--data-dir", type=Path, help="hub data dir (SQLite file)")
    parser.set_defaults(func=_guarded(_report))


def _period(args: argparse.Namespace) -> tuple[date, date]:
    """The days asked for: ``--month``, or ``--from`` and ``--to``."""
    from hub.reports.bulletin import month_days, parse_month

    if args.month is not None:
        if args.first or args.last:
            raise _usage("give --month or --from and --to, not both.")
        try:
            return month_days(parse_month(args.month))
        except ValueError as exc:
            raise _usage(f"--month {exc}.") from exc
    if args.first is None or args.last is None:
        raise _usage("give the period: --month YYYY-MM, or --from DATE and --to DATE.")
    return args.first, args.last


def _report(args: argparse.Namespace) -> int:
    from hub import reports
    from hub.problems import HubProblem
    from hub.reports import export

    name = ReportName(args.name)
    first, last = _period(args)
    if args.pdf and name is not ReportName.PERFORMANCE:
        raise _usage("--pdf is the performance rating's bulletin: kiosk report performance.")
    by = Dimension(args.by) if args.by else _default_by(name)
    ctx = _context(args).state.hub
    try:
        sites = frozenset(args.site) if args.site else None
        if args.pdf:
            return _bulletin(ctx, args, first, last, sites)
        table = reports.run(ctx, name, first, last, by, sites)
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


def _default_by(name: ReportName) -> Dimension:
    return Dimension.SITE if name is ReportName.PERFORMANCE else Dimension.ALL


def _bulletin(
    ctx: Any, args: argparse.Namespace, first: date, last: date, sites: frozenset[str] | None
) -> int:
    from hub.reports import bulletin, performance

    try:
        performance.whole_month(first, last)
    except ValueError as exc:
        raise _usage(f"the bulletin is of a whole month (--month YYYY-MM): {exc}.") from exc
    if args.bulletin_font:
        ctx.settings.bulletin_font = args.bulletin_font
    if args.bulletin_issuer:
        ctx.settings.bulletin_issuer = args.bulletin_issuer
    content = bulletin.bulletin_pdf(ctx, first, sites)
    _write(args.pdf, lambda path: path.write_bytes(content))
    return 0


def _write(path: Path, write: Any) -> None:
    try:
        write(path)
    except OSError as exc:
        raise HubCommandError(f"cannot write {path}: {exc.strerror or exc}.") from exc
    print(f"written {path}")
