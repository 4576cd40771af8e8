"""The calling display's feed over a real hub on loopback: calls within a second, the history of
eight, queue counts and paused windows, and an honest 'not live' when the hub goes away and
comes back."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from contract import models as m
from hub.context import HubSettings
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.display.feed import HallFeed, HallView

PIN = "246810"
FAST = HubSettings(event_keepalive_seconds=0.5)


def until(check: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "not in time"
        time.sleep(0.02)


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[tuple[EmbeddedHub, HubClient, HubClient]]:
    with EmbeddedHub(tmp_path / "hub", settings=FAST) as hub:
        kiosk = HubClient(hub.base_url, token=hub.register_terminal("KIOSK-1"))
        window = HubClient(
            hub.base_url, token=hub.register_terminal("WIN-1", mode=m.TerminalMode.COUNTER)
        )
        window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        yield hub, kiosk, window
        kiosk.close()
        window.close()


def feed_of(hub: EmbeddedHub, **kw: float) -> HallFeed:
    token = hub.register_terminal("WALL-1", mode=m.TerminalMode.DISPLAY)
    return HallFeed(HubClient(hub.base_url, token=token, read_timeout=5, retries=0), **kw)


def test_calls_reach_the_wall_within_a_second_and_the_history_rolls(
    hall: tuple[EmbeddedHub, HubClient, HubClient],
) -> None:
    hub, kiosk, window = hall
    feed = feed_of(hub)
    views: list[HallView] = []
    feed.views.subscribe(views.append)
    feed.start()
    try:
        until(lambda: feed.view.live)
        for _ in range(10):
            kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
        until(lambda: {q.category_code: q.waiting for q in feed.view.queues}["general"] == 10)
        for n in range(1, 10):
            called = time.monotonic()
            window.call_next("W01")
            until(lambda n=n: len(feed.view.calls) == min(n, 8), timeout=1.0)
            assert time.monotonic() - called < 1.0
            number = window.counter_session("W01").serving
            assert number is not None
            window.ticket_action("W01", number.ticket_id, m.TicketAction.START)
            window.finish_ticket(
                "W01", number.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE)
            )
        shown = [c.number for c in feed.view.calls]
        assert shown == [f"A{n:03d}" for n in range(9, 1, -1)]  # the newest eight
        assert feed.view.calls[0].counter_name == "1号窗口（综合受理）"
        until(lambda: {q.category_code: q.waiting for q in feed.view.queues}["general"] == 1)
        window.set_window_state(
            "W01", m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.REST)
        )
        until(lambda: [w.counter_code for w in feed.view.paused] == ["W01"])
        assert feed.view.paused[0].pause_reason is m.PauseReason.REST
    finally:
        feed.stop()


def test_the_wall_says_when_the_hub_is_gone_and_catches_up_when_it_is_back(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "hub"
    first = EmbeddedHub(folder, settings=FAST)
    first.start()
    port = int(first.base_url.rsplit(":", 1)[1])
    kiosk_token = first.register_terminal("KIOSK-1")
    window_token = first.register_terminal("WIN-1", mode=m.TerminalMode.COUNTER)
    with HubClient(first.base_url, token=window_token) as window:
        window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
    with HubClient(first.base_url, token=kiosk_token) as kiosk:
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    feed = feed_of(first)
    feed.start()
    try:
        until(lambda: feed.view.live)
        with HubClient(first.base_url, token=window_token) as window:
            window.call_next("W01")
        until(lambda: len(feed.view.calls) == 1)
        first.stop()
        until(lambda: not feed.view.live)
        assert feed.view.updated_at is not None  # the time of the last update, for the banner
        with EmbeddedHub(folder, port=port, settings=FAST) as second:
            with HubClient(second.base_url, token=window_token) as window:
                ticket = window.counter_session("W01").serving
                assert ticket is not None
                window.ticket_action("W01", ticket.ticket_id, m.TicketAction.START)
                window.finish_ticket(
                    "W01", ticket.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE)
                )
                window.call_next("W01")  # while the wall is still reconnecting
            until(lambda: feed.view.live, timeout=20)
            until(lambda: [c.number for c in feed.view.calls] == ["A002", "A001"], timeout=5)
    finally:
        feed.stop()


def test_stopping_ends_a_quiet_stream_at_once(tmp_path: Path) -> None:
    """A display closing (or restarting, as its hub asked) does not wait for the hub's next
    keep-alive line: stopping the feed breaks off the stream read in progress."""
    quiet = HubSettings(event_keepalive_seconds=20)
    with EmbeddedHub(tmp_path / "hub", settings=quiet) as hub:
        token = hub.register_terminal("WALL-1", mode=m.TerminalMode.DISPLAY)
        feed = HallFeed(HubClient(hub.base_url, token=token, read_timeout=30, retries=0))
        feed.start()
        until(lambda: feed.view.live)
        time.sleep(0.3)  # the stream is open and waiting for its next line
        began = time.monotonic()
        feed.stop()
        assert time.monotonic() - began < 2.0
