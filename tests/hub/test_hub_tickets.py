"""Ticket issue over real HTTP: numbering, concurrency, daily reset, limits, problems."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy import func, select

from contract.models import Priority, TerminalMode, TerminalRegistration, TicketIssueRequest
from hub.app import create_app
from hub.auth import register_terminal
from hub.db import Ticket
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected


def count_tickets(hub: EmbeddedHub) -> int:
    with hub.context.sessions() as session:
        return session.execute(select(func.count()).select_from(Ticket)).scalar_one()


def test_sample_categories_are_served(client: HubClient) -> None:
    categories = {c.code: c for c in client.list_ticket_categories()}
    assert categories["general"].prefix == "A"
    assert categories["general"].name == "综合受理"
    assert categories["housing"].real_name_limit is True


def test_first_tickets_are_numbered_with_prefix(client: HubClient) -> None:
    first = client.issue_ticket(TicketIssueRequest(category_code="general"))
    second = client.issue_ticket(TicketIssueRequest(category_code="general"))
    other = client.issue_ticket(TicketIssueRequest(category_code="social_security"))
    assert (first.number, second.number, other.number) == ("A001", "A002", "B001")
    assert first.category_name == "综合受理"
    assert (first.waiting_ahead, second.waiting_ahead) == (0, 1)
    # 8 minutes default service time spread over the two counters that serve "general".
    assert second.estimated_wait_minutes == 4
    assert second.follow_url.endswith(f"/q/{second.ticket_id}")
    page = requests.get(second.follow_url, timeout=10)  # what a phone shows, no login
    assert page.headers["content-type"].startswith("text/html")
    assert "A002" in page.text and "前面还有 1 人" in page.text and "预计等候约 4 分钟" in page.text
    assert requests.get(second.follow_url[:-4] + "0000", timeout=10).status_code == 404
    followed = client.get_ticket(second.ticket_id)
    assert followed.number == "A002" and followed.waiting_ahead == 1


def test_fifty_concurrent_clients_get_unique_gap_free_numbers(hub: EmbeddedHub) -> None:
    token = hub.register_terminal("kiosk-load")
    clients = [HubClient(hub.base_url, token=token, read_timeout=60) for _ in range(50)]
    categories = ["general", "social_security"]

    def take(i: int) -> tuple[str, str]:
        issued = clients[i].issue_ticket(TicketIssueRequest(category_code=categories[i % 2]))
        return issued.category_code, issued.number

    try:
        with ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(take, range(50)))
    finally:
        for c in clients:
            c.close()
    for code, prefix in (("general", "A"), ("social_security", "B")):
        numbers = sorted(n for c, n in results if c == code)
        assert numbers == [f"{prefix}{i:03d}" for i in range(1, 26)]


def test_numbering_resets_on_the_next_service_day(client: HubClient, clock: Any) -> None:
    assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A001"
    assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A002"
    clock.advance(days=1)
    assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A001"


def test_service_day_follows_beijing_time(client: HubClient, clock: Any) -> None:
    assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A001"
    # 15:59 UTC is still the same day in Beijing (23:59); 16:00 UTC is the next one.
    clock.set(clock().replace(hour=15, minute=59))
    assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A002"
    clock.advance(minutes=1)
    assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A001"


def test_same_idempotency_key_returns_the_same_ticket(client: HubClient, hub: EmbeddedHub) -> None:
    request = TicketIssueRequest(category_code="general")
    first = client.issue_ticket(request, idempotency_key="key-1")
    again = client.issue_ticket(request, idempotency_key="key-1")
    assert again.ticket_id == first.ticket_id and again.number == "A001"
    assert count_tickets(hub) == 1
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="business"), idempotency_key="key-1")
    assert info.value.code == "idempotency_key_reused"
    assert count_tickets(hub) == 1


def test_real_name_limit_one_open_ticket_per_person(client: HubClient, hub: EmbeddedHub) -> None:
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="housing"))
    assert info.value.code == "real_name_required"
    assert "身份证" in info.value.citizen_message
    ok = client.issue_ticket(
        TicketIssueRequest(category_code="housing", id_number="11010519491231002X")
    )
    assert ok.number == "D001"
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(
            TicketIssueRequest(category_code="housing", id_number="11010519491231002x")
        )
    assert info.value.code == "open_ticket_exists"
    # The refused attempt used no number: the next person gets D002.
    other = client.issue_ticket(
        TicketIssueRequest(category_code="housing", id_number="360426199101010071")
    )
    assert other.number == "D002"
    with hub.context.sessions() as session:
        digests = session.execute(select(Ticket.id_digest)).scalars().all()
    assert all(d and "1101" not in d for d in digests)  # keyed digests, never the number


def test_daily_cap_is_enforced_without_using_numbers(hub: EmbeddedHub, client: HubClient) -> None:
    from hub.db import TicketCategoryRow

    with hub.context.transaction() as session:
        row = session.get(TicketCategoryRow, "business")
        assert row is not None
        row.daily_cap = 2
    numbers = [
        client.issue_ticket(TicketIssueRequest(category_code="business")).number for _ in range(2)
    ]
    assert numbers == ["C001", "C002"]
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="business"))
    assert info.value.code == "daily_cap_reached"
    assert "号源已发完" in info.value.citizen_message
    assert count_tickets(hub) == 2


def test_appointment_priority_needs_an_appointment(client: HubClient, hub: EmbeddedHub) -> None:
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(
            TicketIssueRequest(category_code="general", priority=Priority.APPOINTMENT)
        )
    assert info.value.status == 422
    assert count_tickets(hub) == 0


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "validation_failed"),
        ({"category_code": 5}, 422, "validation_failed"),
        ({"category_code": "general", "priority": "vip"}, 422, "validation_failed"),
        ({"category_code": "nope"}, 404, "unknown_category"),
        ({"category_code": "general", "extra": 1}, 422, "validation_failed"),
    ],
)
def test_bad_ticket_requests_are_problems_and_store_nothing(
    hub: EmbeddedHub, body: dict[str, object], status: int, code: str
) -> None:
    token = hub.register_terminal("kiosk-bad")
    response = requests.post(
        f"{hub.base_url}/api/v1/tickets",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == code and problem["status"] == status
    assert re.search(r"[\u4e00-\u9fff]", problem["detail"])
    assert count_tickets(hub) == 0


def test_requests_without_a_valid_token_are_refused(hub: EmbeddedHub) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}):
        response = requests.post(
            f"{hub.base_url}/api/v1/tickets",
            json={"category_code": "general"},
            headers=headers,
            timeout=10,
        )
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"
    assert count_tickets(hub) == 0


def test_rotating_a_token_revokes_the_old_one(hub: EmbeddedHub) -> None:
    old = hub.register_terminal("kiosk-rot")
    with HubClient(hub.base_url, token=old) as c:
        assert c.list_ticket_categories()  # the hub knows the old token from here on
    new = hub.register_terminal("kiosk-rot")
    with HubClient(hub.base_url, token=old) as c, pytest.raises(HubRejected) as info:
        c.list_ticket_categories()
    assert info.value.status == 401
    with HubClient(hub.base_url, token=new) as c:
        assert c.list_ticket_categories()


def test_a_rotation_made_elsewhere_revokes_within_the_known_tokens_time(
    hub: EmbeddedHub,
) -> None:
    """The CLI (another process) rotates in the database only: the serving hub stops
    accepting the old token once it forgets the tokens it knew."""
    old = hub.register_terminal("kiosk-cli")
    hub.context.known_tokens.seconds = 1.0
    cli = create_app(hub.db_url).state.hub  # the CLI's own context, on the same database
    rotation = TerminalRegistration(terminal_id="kiosk-cli", mode=TerminalMode.HALL)
    try:
        with HubClient(hub.base_url, token=old) as c:
            assert c.list_ticket_categories()
            register_terminal(cli, rotation)
            assert c.list_ticket_categories()  # known a moment longer
            time.sleep(1.1)
            with pytest.raises(HubRejected) as info:
                c.list_ticket_categories()
    finally:
        cli.engine.dispose()
    assert info.value.status == 401


def test_unknown_route_is_a_problem(hub: EmbeddedHub) -> None:
    response = requests.get(f"{hub.base_url}/api/v1/nothing-here", timeout=10)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_ticket_timestamps_are_kept_in_utc(client: HubClient, clock: Any) -> None:
    issued = client.issue_ticket(TicketIssueRequest(category_code="general"))
    assert issued.issued_at == clock()
    assert issued.issued_at.utcoffset() == timedelta(0)


def test_number_step_and_queue_snapshot(hub: EmbeddedHub, client: HubClient) -> None:
    from hub.db import TicketCategoryRow

    with hub.context.transaction() as session:
        row = session.get(TicketCategoryRow, "business")
        assert row is not None
        row.range_start, row.step, row.range_end = 101, 2, 105
    numbers = [
        client.issue_ticket(TicketIssueRequest(category_code="business")).number for _ in range(3)
    ]
    assert numbers == ["C101", "C103", "C105"]
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="business"))
    assert info.value.code == "daily_cap_reached"
    queues = {q.category_code: q for q in client.queues()}
    assert (queues["business"].waiting, queues["business"].serving) == (3, 0)
    assert queues["business"].estimated_wait_minutes == 45  # 3 x 15 min at the one counter
    assert queues["general"].waiting == 0 and queues["general"].estimated_wait_minutes == 0


def test_a_ticket_for_an_item_names_it(client: HubClient, hub: EmbeddedHub) -> None:
    residence = "QR00240001-990101-GA"  # 居住证申领, queued under 户政出入境 (residence)
    issued = client.issue_ticket(
        TicketIssueRequest(
            category_code="residence", item_code=residence, id_number="11010519491231002X"
        )
    )
    assert (issued.item_code, issued.item_name) == (residence, "居住证申领")
    assert client.get_ticket(issued.ticket_id).item_code == residence
    with hub.context.sessions() as session:
        stored = session.get(Ticket, issued.ticket_id)
        assert stored is not None and stored.item_code == residence
    # An item of another queue, or none at all, is refused and uses no number.
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="general", item_code=residence))
    assert info.value.code == "validation_failed"
    assert "居住证申领" in info.value.citizen_message
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="general", item_code="NO-SUCH"))
    assert info.value.code == "unknown_item"
    plain = client.issue_ticket(TicketIssueRequest(category_code="general"))
    assert plain.number == "A001" and plain.item_code is None and plain.item_name == ""


def test_a_walk_in_ticket_with_an_id_is_one_per_person(client: HubClient, hub: EmbeddedHub) -> None:
    """A terminal that takes tickets by real name gets the one-open-ticket rule in any
    category, and the refusal names the number the citizen already holds."""
    request = TicketIssueRequest(category_code="general", id_number="11010519491231002X")
    first = client.issue_ticket(request)
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(request)
    assert info.value.code == "open_ticket_exists"
    assert first.number in info.value.citizen_message
    assert count_tickets(hub) == 1
    # The stored request digest is keyed too: a plain hash of the body would give the ID away
    # to anyone who tries the few billion possible numbers.
    from hub.context import request_hash

    with hub.context.sessions() as session:
        stored = session.execute(select(Ticket.request_hash)).scalar_one()
    assert stored != request_hash(request.model_dump(mode="json"))
    # Anonymous tickets stay unlimited, and another queue is another ticket.
    client.issue_ticket(TicketIssueRequest(category_code="general"))
    client.issue_ticket(TicketIssueRequest(category_code="business", id_number=request.id_number))
    assert count_tickets(hub) == 3


def test_people_ahead_follow_the_call_order(client: HubClient, clock: Any) -> None:
    """Call-next serves appointments first, then priority, then arrival: the count of people
    ahead (now a query) follows the same order."""
    from contract.models import AppointmentBook, CheckIn

    normal = [client.issue_ticket(TicketIssueRequest(category_code="general")) for _ in range(2)]
    assert [t.waiting_ahead for t in normal] == [0, 1]
    person = "11010519491231002X"
    day = clock().astimezone(ZoneInfo("Asia/Shanghai")).date()
    client.book_appointment(
        AppointmentBook(
            category_code="general", id_number=person, slot_date=day, slot_start="09:00"
        )
    )
    booked = client.check_in(CheckIn(id_number=person))
    assert booked.waiting_ahead == 0  # an appointment goes before the walk-ins
    later = client.issue_ticket(TicketIssueRequest(category_code="general"))
    assert later.waiting_ahead == 3
