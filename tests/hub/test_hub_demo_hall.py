"""The demo's hall follows the clock: late on a Sunday the tour still books and checks in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from contract import models as m
from hub.embedded import EmbeddedHub, demo_hub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

SUNDAY_NIGHT = datetime(2026, 12, 6, 23, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
PERSON = "11010519491231002X"


def _hall(hub: EmbeddedHub) -> Iterator[HubClient]:
    with hub, HubClient(hub.base_url, token=hub.register_terminal("K1")) as client:
        yield client


@pytest.fixture
def demo(tmp_path: Path, clock: Any) -> Iterator[HubClient]:
    clock.set(SUNDAY_NIGHT)
    yield from _hall(demo_hub(tmp_path / "demo", clock=clock))


@pytest.fixture
def real_hall(tmp_path: Path, clock: Any) -> Iterator[HubClient]:
    clock.set(SUNDAY_NIGHT)
    yield from _hall(EmbeddedHub(tmp_path / "hall", clock=clock))


def _book(client: HubClient, day: date) -> m.Appointment:
    request = m.AppointmentBook(
        category_code="general", id_number=PERSON, slot_date=day, slot_start="09:00"
    )
    return client.book_appointment(request)


def test_the_demo_hall_books_and_checks_in_late_on_a_sunday(demo: HubClient) -> None:
    today = demo.queues()[0].service_date  # what the tour books for: the hall's own date
    assert today == date(2026, 12, 6) and today.weekday() == 6
    assert demo.appointment_slots("general", today)
    _book(demo, today)
    ticket = demo.check_in(m.CheckIn(id_number=PERSON))
    assert ticket.number and ticket.category_code == "general"


def test_a_real_hall_stays_closed_on_sunday(real_hall: HubClient) -> None:
    with pytest.raises(HubRejected):
        _book(real_hall, real_hall.queues()[0].service_date)
