"""What reports need from SQL on both databases: durations, hall-time hours and days, weekdays
and percentiles, each one expression per dialect, so the figures are computed by the database
(a year is hundreds of thousands of rows; none of them is loaded into Python)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Float, Integer, String, case, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days ``first`` to ``last`` (both included) in the hall's time zone."""

    first: date
    last: date
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        """The first day's midnight, hall time, as UTC (timestamps are stored in UTC)."""
        return datetime.combine(self.first, time(), self.tz).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The midnight after the last day (excluded)."""
        return datetime.combine(self.last + timedelta(days=1), time(), self.tz).astimezone(UTC)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


class Dialect:
    """Expressions in the database's own dialect."""

    def __init__(self, name: str, period: Period) -> None:
        self.name = name
        # SQLite knows no time zones: the hall's offset at the start of the period (China keeps
        # one offset all year; a zone with summer time would shift an hour for part of a year).
        offset = period.start.astimezone(period.tz).utcoffset() or timedelta()
        self._sqlite_shift = f"{int(offset.total_seconds() // 60):+d} minutes"
        self._tz = period.tz.key

    @property
    def postgres(self) -> bool:
        return self.name == "postgresql"

    def seconds(self, start: Any, end: Any) -> ColumnElement[float]:
        if self.postgres:
            return cast(func.extract("epoch", end - start), Float)
        return (func.julianday(end) - func.julianday(start)) * 86400.0

    def local_hour(self, at: Any) -> ColumnElement[int]:
        if self.postgres:
            return cast(func.extract("hour", func.timezone(self._tz, at)), Integer)
        return cast(func.strftime("%H", at, self._sqlite_shift), Integer)

    def local_day(self, at: Any) -> ColumnElement[Any]:
        """The hall-time date of a timestamp, as ISO text (what DAY rows are keyed by)."""
        if self.postgres:
            return func.to_char(func.timezone(self._tz, at), "YYYY-MM-DD")
        return func.date(at, self._sqlite_shift)

    def days_after(self, at: Any, day: Any) -> ColumnElement[Any]:
        """Days from the date ``day`` to the hall-time date of the timestamp ``at``."""
        if self.postgres:
            return cast(func.timezone(self._tz, at), Date) - day
        return func.julianday(func.date(at, self._sqlite_shift)) - func.julianday(day)

    def day_text(self, day: Any) -> ColumnElement[Any]:
        if self.postgres:
            return func.to_char(day, "YYYY-MM-DD")
        return cast(day, String)

    def weekday(self, day: Any) -> ColumnElement[int]:
        """ISO weekday of a date (or of ISO date text): 1 Monday to 7 Sunday."""
        if self.postgres:
            return cast(func.extract("isodow", cast(day, Date)), Integer)
        return (cast(func.strftime("%w", day), Integer) + 6) % 7 + 1

    def contains_word(self, json_list: Any, word: str) -> ColumnElement[bool]:
        """A JSON list of codes holds ``word`` (codes are distinct words, quoted in the text)."""
        return cast(json_list, String).like(f'%"{word}"%')


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """How many rows of the group meet ``condition`` (0, never NULL)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def everything() -> ColumnElement[str]:
    """The key of the one row of an ``all`` report."""
    return literal("all", String)


def key_text(value: Any) -> Any:
    """Keys as the table shows them: dates as ISO text, missing values as empty text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def sorted_keys(keys: Sequence[Any]) -> list[Any]:
    """Numbers in order, then text; the empty key (nothing to group by) last."""
    return sorted(set(keys), key=lambda k: (k == "", isinstance(k, str), k if k != "" else 0))
