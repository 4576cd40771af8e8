"""Working-day arithmetic for 承诺时限: weekends and holidays rest, 调休 weekends work."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)  # weekend days worked
    # The demo hall takes appointments whatever the day, so its tour works on a Sunday night;
    # promised dates still count working days only.
    open_every_day: bool = False

    @classmethod
    def from_toml(cls, path: Path) -> WorkCalendar:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(
            holidays=frozenset(date.fromisoformat(d) for d in data.get("holidays", [])),
            working_days=frozenset(date.fromisoformat(d) for d in data.get("working_days", [])),
        )

    def is_open(self, day: date) -> bool:
        """The hall takes appointments on ``day``."""
        return self.open_every_day or self.is_working_day(day)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def previous_working_day(self, day: date) -> date:
        """The last working day before ``day``."""
        current = day - timedelta(days=1)
        while not self.is_working_day(current):
            current -= timedelta(days=1)
        return current

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (the day of acceptance not counted);
        ``days == 0`` (即办) gives ``start`` itself."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count
