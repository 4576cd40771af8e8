"""承诺时限 arithmetic over weekends, holidays and 调休 working weekends."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hub.seed import sample_dir
from hub.workdays import WorkCalendar


def test_plain_weeks() -> None:
    calendar = WorkCalendar()
    assert calendar.add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)  # 即办
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday -> Monday
    assert calendar.add_working_days(date(2026, 3, 2), 10) == date(2026, 3, 16)
    assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1


def test_national_day_and_make_up_saturday() -> None:
    calendar = WorkCalendar.from_toml(sample_dir() / "calendar.toml")
    assert not calendar.is_working_day(date(2026, 10, 1))
    assert calendar.is_working_day(date(2026, 10, 10))  # 调休 Saturday
    # Accepted Wed 30 Sep: 8, 9 Oct, Sat 10 Oct, 12, 13 Oct.
    assert calendar.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)


SAMPLE = WorkCalendar.from_toml(sample_dir() / "calendar.toml")


@given(st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 12, 31)), st.integers(0, 60))
def test_adding_working_days_is_counted_back_exactly(start: date, days: int) -> None:
    due = SAMPLE.add_working_days(start, days)
    assert SAMPLE.working_days_between(start, due) == days
    if days:
        assert SAMPLE.is_working_day(due) and due > start
        # The day before the due date is one working day short.
        assert SAMPLE.working_days_between(start, due - timedelta(days=1)) == days - 1


def test_the_demo_calendar_is_open_every_day_but_counts_working_days() -> None:
    from hub.embedded import demo_calendar

    demo, sunday = demo_calendar(), date(2026, 12, 6)
    assert demo.is_open(sunday) and not demo.is_working_day(sunday)
    assert demo.add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday -> Monday
    assert not SAMPLE.is_open(sunday)


def test_the_last_working_day_skips_weekends_and_holidays_and_keeps_make_up_days() -> None:
    assert SAMPLE.previous_working_day(date(2026, 3, 3)) == date(2026, 3, 2)
    assert SAMPLE.previous_working_day(date(2026, 3, 9)) == date(2026, 3, 6)  # Monday: Friday
    assert SAMPLE.previous_working_day(date(2026, 4, 7)) == date(2026, 4, 3)  # after Qingming
    assert SAMPLE.previous_working_day(date(2026, 10, 11)) == date(2026, 10, 10)  # 调休 Saturday


@given(st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 12, 31)))
def test_no_working_day_lies_between_the_last_one_and_the_day(day: date) -> None:
    last = SAMPLE.previous_working_day(day)
    assert SAMPLE.is_working_day(last) and last < day
    assert SAMPLE.working_days_between(last, day - timedelta(days=1)) == 0
