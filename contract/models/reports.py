"""Reports for the district office and hall managers: one table shape for every report, so the
console, the CLI and the XLSX/CSV exports handle them all alike."""

from __future__ import annotations

import enum
from datetime import date

from pydantic import Field

from contract.models.common import ContractModel

MAX_REPORT_DAYS = 731  # two years: a year against the year before
# The days a report may ask about: the hub's data starts this century.
FIRST_REPORT_DAY = date(2000, 1, 1)
LAST_REPORT_DAY = date(2099, 12, 31)


class ReportName(enum.StrEnum):
    QUEUE = "queue"  # tickets: issued, served, no-show, abandoned; wait, walk, service times
    RATINGS = "ratings"  # 好差评: levels, 好评率, 差评率, 差评 follow-up
    CASES = "cases"  # 办件: channels, decisions, 按时办结率, 一次告知 second-visit rate
    PERFORMANCE = "performance"  # 绩效考评: a month's score per site or department, rank, change
    FUNNEL = "funnel"  # kiosk journeys: how many reached each step, where they left


class Dimension(enum.StrEnum):
    """What a report's rows are: one row per value of the dimension, or one row (``all``)."""

    ALL = "all"
    SITE = "site"  # hall, street or community point: the site of the terminal involved
    TERMINAL = "terminal"  # one kiosk (the funnel report)
    QUEUE = "queue"  # ticket category
    WINDOW = "window"
    CLERK = "clerk"
    ITEM = "item"
    DEPARTMENT = "department"  # 实施部门: the clerk's, else the item's (each report says which)
    DAY = "day"
    HOUR = "hour"  # hour of day, hall time, 0-23
    WEEKDAY = "weekday"  # 1 Monday - 7 Sunday
    APPLICANT_TYPE = "applicant_type"  # person or company (the cases report)


class ColumnKind(enum.StrEnum):
    KEY = "key"  # the dimension's value
    COUNT = "count"
    MINUTES = "minutes"
    RATE = "rate"  # 0-1, shown as a percentage
    SCORE = "score"  # out of 100


class ReportColumn(ContractModel):
    key: str
    title: str  # Chinese, as the console and the exports head it
    title_en: str
    kind: ColumnKind


Cell = str | int | float | None


class ReportTable(ContractModel):
    """A report over whole days ``date_from`` to ``date_to`` (both included, hall time).
    A rate or a time is None where there is nothing to divide or to measure."""

    name: ReportName
    date_from: date
    date_to: date
    by: Dimension
    columns: list[ReportColumn]
    rows: list[list[Cell]] = Field(max_length=1_000_000)
