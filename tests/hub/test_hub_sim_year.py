"""The in-memory model the benchmark's year is played on (hub.sim_year.ModelHall): the hub's
calling order, each window calling its own site's tickets, and a short district year."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hub.sim_year import ModelHall, simulate_model
from hub.simulator import Day, Layout

AT = datetime(2026, 3, 2, 1, tzinfo=UTC)


def district() -> Layout:
    return Layout(
        queues={"general": [None], "housing": [None]},
        real_name=set(),
        windows={"H1": "S1", "H2": "S2", "P1": "S3"},
        window_queues={
            "H1": ["general"],
            "H2": ["general", "housing"],
            "P1": ["general", "housing"],
        },
        window_sites={"H1": "hall", "H2": "hall", "P1": "point"},
        site_weights=[0.7, 0.3],
    )


def test_the_model_calls_priority_then_arrival_and_only_its_own_sites_tickets() -> None:
    hall = ModelHall(district())

    def issue(site: str, minutes: int, queue: str = "general", priority: str = "normal") -> str:
        body = {"category_code": queue, "priority": priority}
        return hall.issue(site, AT + timedelta(minutes=minutes), body)

    first = issue("hall", 1)
    urgent = issue("hall", 5, priority="priority")
    later = issue("hall", 3)
    housing = issue("hall", 0, "housing")
    away = issue("point", 0)
    assert hall.call_next("H1") == urgent  # priority before an earlier arrival
    assert hall.call_next("H1") == first
    assert hall.call_next("H2") == housing  # arrived first of what H2 calls
    moved = hall.transfer("H2", housing, "general")  # keeps its arrival: before ``later``
    assert hall.call_next("H1") == moved
    assert hall.call_next("H1") == later
    assert hall.call_next("H1") is None  # the point's ticket is not the hall's
    assert hall.call_next("P1") == away


def test_a_district_week_divides_its_citizens_and_serves_them_at_their_own_site() -> None:
    days = [Day(date(2026, 3, 2) + timedelta(days=n), 60) for n in range(3)]
    log = simulate_model(district(), days, sites=["hall", "point"], seed=3)
    tickets = list(log.tickets.values())
    assert len([t for t in tickets if not t.transferred_from]) == 180
    at_point = [t for t in tickets if t.site == "point"]
    assert 0.15 < len(at_point) / len(tickets) < 0.45
    sites = {"H1": "hall", "H2": "hall", "P1": "point"}
    assert all(sites[t.counter] == t.site for t in tickets if t.counter)
    assert sum(t.state == "done" for t in tickets) > 150
