"""Windows idle while people waited, on a morning with known answers played through the hub's
API: W01 idle 7 minutes before its first call, 10 more before a pause and 5 after it, then 10
and 5 minutes either side of 11:00; W03 signed in with nobody waiting for it (0); W04 paused
all morning while a housing ticket waits (0); a ticket at another site's kiosk waits for no
window of the hall (0). Checked live during the morning and from the kept day after it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from contract import models as m
from hub import reports
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from tests.hub.conftest import PG_URL, FakeClock, _reset_pg, sign_in

TZ = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 3, 2)
D = m.Dimension


def at(hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(MONDAY, time(hour, minute), TZ).astimezone(UTC)


class Morning:
    def __init__(self, hub: EmbeddedHub, clock: FakeClock) -> None:
        self.hub, self.clock = hub, clock
        desk = hub.register_terminal("desk-idle", mode=m.TerminalMode.COUNTER)  # site "district"
        self.desk = HubClient(hub.base_url, token=desk)
        self.kiosk = HubClient(hub.base_url, token=hub.register_terminal("kiosk-idle"))
        registered = httpx.post(
            f"{hub.base_url}/api/v1/terminals",
            json={"terminal_id": "kiosk-elsewhere", "mode": "hall", "site_code": "community-9"},
            headers={"Authorization": f"Bearer {hub.admin_token}"},
            timeout=30,
        )
        assert registered.status_code in (200, 201), registered.text
        self.elsewhere = HubClient(hub.base_url, token=registered.json()["token"])

    def close(self) -> None:
        for client in (self.desk, self.kiosk, self.elsewhere):
            client.close()

    def issue(self, when: str, queue: str, kiosk: HubClient | None = None) -> str:
        self.clock.set(at(when))
        id_number = "11010519491231002X" if queue == "housing" else None
        request = m.TicketIssueRequest(category_code=queue, id_number=id_number)
        return (kiosk or self.kiosk).issue_ticket(request).ticket_id

    def serve(self, called: str, started: str, finished: str) -> None:
        self.clock.set(at(called))
        ticket = self.desk.call_next("W01").ticket_id
        self.clock.set(at(started))
        self.desk.ticket_action("W01", ticket, m.TicketAction.START)
        self.clock.set(at(finished))
        self.desk.finish_ticket("W01", ticket, m.FinishRequest(outcome=m.ServiceOutcome.DONE))

    def pause(self, when: str, state: m.WindowState, window: str = "W01") -> None:
        self.clock.set(at(when))
        reason = m.PauseReason.REST if state is m.WindowState.PAUSED else None
        self.desk.set_window_state(window, m.WindowStateChange(state=state, reason=reason))

    def idle(self, by: m.Dimension) -> dict[object, object]:
        table = reports.run(self.hub.context, m.ReportName.QUEUE, MONDAY, MONDAY, by)
        column = [c.key for c in table.columns].index("idle_minutes")
        return {row[0]: row[column] for row in table.rows}


@pytest.fixture
def morning(tmp_path: Path) -> Iterator[Morning]:
    if PG_URL:
        _reset_pg(PG_URL)
    clock = FakeClock(at("08:50"))
    hub = EmbeddedHub(tmp_path / "hub", clock=clock, db_url=PG_URL)
    hub.start()
    played = Morning(hub, clock)
    try:
        yield played
    finally:
        played.close()
        hub.stop()


def test_idle_minutes_count_only_an_open_free_window_with_its_own_people_waiting(
    morning: Morning,
) -> None:
    clock = morning.clock
    clock.set(at("09:00"))
    for window in ("W01", "W03", "W04"):
        sign_in(morning.desk, window)
    morning.pause("09:00", m.WindowState.PAUSED, "W04")
    morning.issue("09:10", "housing")  # W04's: waits all morning, W04 paused
    morning.issue("09:10", "general")
    morning.serve("09:17", "09:18", "09:25")  # W01 idle 09:10-09:17: 7
    morning.issue("09:30", "general")
    morning.pause("09:40", m.WindowState.PAUSED)  # idle 09:30-09:40: 10
    morning.pause("09:50", m.WindowState.OPEN)
    morning.serve("09:55", "09:56", "10:20")  # idle 09:50-09:55: 5
    morning.issue("10:50", "general")
    clock.set(at("11:00"))  # live: 10:50-11:00 so far
    assert morning.idle(D.WINDOW) == {"W01": 32.0, "": 0.0}  # "": the housing ticket, uncalled
    assert morning.idle(D.HOUR) == {9: 22.0, 10: 10.0}  # hours of issue, and of idleness
    morning.serve("11:05", "11:06", "11:20")  # idle 10:50-11:05: 10 in hour 10, 5 in 11
    morning.issue("11:30", "general", morning.elsewhere)  # another site's: not the hall's
    clock.set(at("12:00"))
    for window in ("W01", "W03", "W04"):
        morning.desk.sign_out_clerk(window)

    for moment in (at("12:30"), datetime(2026, 3, 3, 1, tzinfo=UTC)):  # live, then kept
        clock.set(moment)
        assert morning.idle(D.ALL) == {"all": 37.0}
        # W03 (nobody waiting) and W04 (paused) were never idle: no row of their own.
        assert morning.idle(D.WINDOW) == {"W01": 37.0, "": 0.0}
        assert morning.idle(D.CLERK) == {"S001": 37.0, "": 0.0}
        assert morning.idle(D.DEPARTMENT) == {"综合受理科": 37.0, "": 0.0}
        assert morning.idle(D.HOUR) == {9: 22.0, 10: 10.0, 11: 5.0}
        assert morning.idle(D.SITE) == {"district": 37.0, "community-9": 0.0}
        assert set(morning.idle(D.QUEUE).values()) == {None}  # no queue's: a window's
    hall = reports.run(
        morning.hub.context, m.ReportName.QUEUE, MONDAY, MONDAY, D.ALL, frozenset({"district"})
    )
    assert hall.rows[0][-1] == 37.0
