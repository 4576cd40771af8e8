"""The wait estimate's service time over real HTTP: the queue's services of this day, or before
any today those of the last day with services since the last working day (a holiday between is
skipped over), never older ones: the queue's standard time instead."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import requests

from contract.models import FinishRequest, ServiceOutcome, TicketAction, TicketIssueRequest
from kiosk.api.client import HubClient

BEIJING = ZoneInfo("Asia/Shanghai")
GENERAL = TicketIssueRequest(category_code="general")  # 8 minutes standard; W01 and W02 serve it


def opening(clock: Any, day: str) -> None:
    clock.set(datetime.fromisoformat(f"{day}T09:00").replace(tzinfo=BEIJING))


def serve(counter: HubClient, clock: Any, minutes: list[int]) -> None:
    """The next tickets served at W01, each taking its number of minutes."""
    for taking in minutes:
        called = counter.call_next("W01")
        counter.ticket_action("W01", called.ticket_id, TicketAction.START)
        clock.advance(minutes=taking)
        counter.finish_ticket("W01", called.ticket_id, FinishRequest(outcome=ServiceOutcome.DONE))


def second_in_line(client: HubClient) -> int | None:
    """The estimate of a citizen with one person ahead (the same on the phone's page)."""
    client.issue_ticket(GENERAL)
    ticket = client.issue_ticket(GENERAL)
    assert ticket.waiting_ahead == 1
    page = requests.get(ticket.follow_url, timeout=10).text
    assert f"预计等候约 {ticket.estimated_wait_minutes} 分钟" in page
    return ticket.estimated_wait_minutes


def test_the_last_working_days_services_then_todays_and_never_a_month_old_day(
    client: HubClient, counter: HubClient, clock: Any, clerks: Any
) -> None:
    opening(clock, "2026-04-03")  # the Friday before Qingming (4-6 April)
    clerks.sign_in(counter, "W01")
    for _ in range(5):
        client.issue_ticket(GENERAL)
    serve(counter, clock, [30, 20, 30, 40, 30])  # a slow day: median 30 minutes
    opening(clock, "2026-04-07")  # nobody signed in yet: W01 and W02 serve the queue
    assert second_in_line(client) == 15  # Friday's 30 minutes over two windows
    clerks.sign_in(counter, "W01")  # W01 alone today
    serve(counter, clock, [4, 4])  # the two waiting, quickly
    assert second_in_line(client) == 4  # today's 4 minutes, not Friday's
    opening(clock, "2026-05-12")  # a Tuesday: its last working day (Monday) had no services
    assert second_in_line(client) == 4  # the standard 8 minutes over two windows
