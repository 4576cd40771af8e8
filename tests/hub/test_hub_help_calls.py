"""Calls for help (求助) over real HTTP: a kiosk calls once however often it taps, the windows
of its site (only) see the call and one answers it, the first answer stands, the kiosk reads its
own call (which window is coming) and closes it, an unanswered call expires, every refusal is a
problem (never a 500), and the event log carries the terminal, never the citizen."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import select

from contract import models as m
from hub.auth import register_terminal
from hub.db import CounterRow, HelpCallRow, HubEventRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

OPEN = m.HelpCallState.OPEN
ANSWERED = m.HelpCallState.ANSWERED
CLOSED = m.HelpCallState.CLOSED


def terminal(hub: EmbeddedHub, name: str, mode: m.TerminalMode, site: str = "district") -> str:
    registration = m.TerminalRegistration(
        terminal_id=name, mode=mode, site_code=site, description=f"{name} 大厅入口左侧"
    )
    return register_terminal(hub.context, registration).token


@pytest.fixture
def kiosk(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=terminal(hub, "K01", m.TerminalMode.HALL)) as client:
        yield client


def post(hub: EmbeddedHub, token: str, path: str, body: object = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.post(f"{hub.base_url}/api/v1{path}", json=body, headers=headers, timeout=10)


def get(hub: EmbeddedHub, token: str, path: str) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.get(f"{hub.base_url}/api/v1{path}", headers=headers, timeout=10)


def counter_name(hub: EmbeddedHub, code: str) -> str:
    with hub.context.sessions() as session:
        row = session.get(CounterRow, code)
        assert row is not None
        return row.name


def event_log(hub: EmbeddedHub) -> list[HubEventRow]:
    with hub.context.sessions() as session:
        query = select(HubEventRow).where(HubEventRow.type.startswith("help."))
        return list(session.execute(query.order_by(HubEventRow.id)).scalars())


def test_a_call_is_made_once_and_a_repeat_returns_it(
    hub: EmbeddedHub, clock: Any, counter: HubClient
) -> None:
    token = terminal(hub, "K01", m.TerminalMode.HALL)
    first = post(hub, token, "/help-calls", {"screen": "case"})
    assert first.status_code == 201
    call = m.HelpCall.model_validate(first.json())
    assert (call.terminal_id, call.site_code, call.screen, call.state) == (
        "K01",
        "district",
        "case",
        OPEN,
    )
    assert call.place == "K01 大厅入口左侧"
    assert call.created_at == clock()
    clock.advance(seconds=30)
    again = post(hub, token, "/help-calls", {"screen": "home"})
    assert again.status_code == 200
    assert m.HelpCall.model_validate(again.json()) == call  # the same call, first screen kept
    assert [c.id for c in counter.help_calls()] == [call.id]
    assert [(e.type, e.data["help_call_id"]) for e in event_log(hub)] == [("help.called", call.id)]


def test_racing_taps_open_one_call(hub: EmbeddedHub, counter: HubClient) -> None:
    """Six requests at once from one kiosk (a retry beside a double tap): one call, five 200s
    with it (on PostgreSQL the one-open-call index settles the race)."""
    token = terminal(hub, "K01", m.TerminalMode.HALL)
    start = threading.Barrier(6)

    def tap(_: int) -> requests.Response:
        start.wait()
        return post(hub, token, "/help-calls", {"screen": "home"})

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(tap, range(6)))
    assert sorted(a.status_code for a in answers) == [200] * 5 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(counter.help_calls()) == 1
    assert [e.type for e in event_log(hub)] == ["help.called"]


def test_a_window_answers_and_the_terminal_may_call_again(
    hub: EmbeddedHub, clock: Any, kiosk: HubClient, counter: HubClient
) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate(screen="ticket"))
    clock.advance(minutes=2)
    answered = counter.answer_help_call(call.id, "W02")
    assert (answered.state, answered.answered_by, answered.answered_at) == (
        ANSWERED,
        "W02",
        clock(),
    )
    assert counter.help_calls() == []
    assert counter.help_calls(ANSWERED) == [answered]
    # Answered: the next tap is a new call.
    second = kiosk.call_for_help(m.HelpCallCreate(screen="home"))
    assert second.id != call.id and second.state is OPEN
    assert [c.id for c in counter.help_calls()] == [second.id]
    log = event_log(hub)
    assert [e.type for e in log] == ["help.called", "help.answered", "help.called"]
    assert log[1].data == {
        "help_call_id": call.id,
        "terminal_id": "K01",
        "site_code": "district",
        "counter_code": "W02",
        "counter_name": log[1].data["counter_name"],
    }
    assert log[1].data["counter_name"]  # what a hall screen would say: "2号窗口"


def test_the_first_answer_stands(hub: EmbeddedHub, kiosk: HubClient, counter: HubClient) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate())
    counter.answer_help_call(call.id, "W01")
    with pytest.raises(HubRejected) as refused:
        counter.answer_help_call(call.id, "W03")
    assert (refused.value.status, refused.value.code) == (409, "help_call_answered")
    assert refused.value.extensions["answered_by"] == "W01"
    assert "已前往协助" in refused.value.citizen_message
    assert counter.help_calls(ANSWERED)[0].answered_by == "W01"
    assert [e.type for e in event_log(hub)] == ["help.called", "help.answered"]


def test_only_kiosks_call_and_only_counters_list_and_answer(
    hub: EmbeddedHub, kiosk: HubClient, counter: HubClient
) -> None:
    for mode in (m.TerminalMode.COUNTER, m.TerminalMode.DISPLAY, m.TerminalMode.RATING_PAD):
        token = terminal(hub, f"T-{mode.value}", mode)
        assert post(hub, token, "/help-calls", {}).json()["code"] == "forbidden"
    community = terminal(hub, "C01", m.TerminalMode.COMMUNITY)
    assert post(hub, community, "/help-calls", {}).status_code == 201
    call = kiosk.call_for_help(m.HelpCallCreate())
    for attempt in (kiosk.help_calls, lambda: kiosk.answer_help_call(call.id, "W01")):
        with pytest.raises(HubRejected) as refused:
            attempt()
        assert (refused.value.status, refused.value.code) == (403, "forbidden")
    wrong = post(hub, "not-a-token", "/help-calls", {})
    assert (wrong.status_code, wrong.json()["code"]) == (401, "unauthorized")
    assert wrong.headers["content-type"].startswith("application/problem+json")


def test_a_window_sees_and_answers_only_its_own_site(
    hub: EmbeddedHub, kiosk: HubClient, counter: HubClient
) -> None:
    east_kiosk = terminal(hub, "E-K01", m.TerminalMode.HALL, site="east")
    east_call = m.HelpCall.model_validate(post(hub, east_kiosk, "/help-calls", {}).json())
    here = kiosk.call_for_help(m.HelpCallCreate())
    assert [c.id for c in counter.help_calls()] == [here.id]
    with pytest.raises(HubRejected) as refused:
        counter.answer_help_call(east_call.id, "W01")
    assert (refused.value.status, refused.value.code) == (404, "not_found")
    east_token = terminal(hub, "E-C01", m.TerminalMode.COUNTER, site="east")
    with HubClient(hub.base_url, token=east_token) as east:
        assert [c.id for c in east.help_calls()] == [east_call.id]


def test_an_answer_needs_a_window_signed_in_at_that_terminal(
    hub: EmbeddedHub, kiosk: HubClient
) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate())
    token = terminal(hub, "counter-02", m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as other:
        with pytest.raises(HubRejected) as refused:
            other.answer_help_call(call.id, "W01")  # nobody signed in there
        assert (refused.value.status, refused.value.code) == (409, "not_signed_in")
        with pytest.raises(HubRejected) as refused:
            other.answer_help_call(call.id, "W99")
        assert refused.value.status == 404
        other.sign_in_clerk("W04", m.ClerkSignIn(staff_no="S004", pin="246810"))
        assert other.answer_help_call(call.id, "W04").answered_by == "W04"


@pytest.mark.parametrize(
    "body",
    [
        {"screen": "13800001234"},  # digits: a phone or ID number cannot pass as a screen
        {"screen": "case-110105194912310021"},
        {"screen": "张三"},
        {"screen": "a" * 33},
        {"screen": ""},
        {"screen": "home", "name": "张三"},  # unknown fields are refused, not stored
        {"screen": 7},
    ],
)
def test_a_screen_key_is_bounded_and_carries_no_personal_data(
    hub: EmbeddedHub, body: object
) -> None:
    token = terminal(hub, "K01", m.TerminalMode.HALL)
    answer = post(hub, token, "/help-calls", body)
    assert (answer.status_code, answer.json()["code"]) == (422, "validation_failed")
    with hub.context.sessions() as session:
        assert session.execute(select(HelpCallRow)).first() is None


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/help-calls/0/answer", {"counter_code": "W01"}),
        (f"/help-calls/{2**31}/answer", {"counter_code": "W01"}),
        ("/help-calls/abc/answer", {"counter_code": "W01"}),
        ("/help-calls/1/answer", {"counter_code": "W 01"}),
        ("/help-calls/1/answer", {"counter_code": "W" * 65}),
        ("/help-calls/1/answer", {}),
    ],
)
def test_answer_bounds(hub: EmbeddedHub, path: str, body: object) -> None:
    token = terminal(hub, "counter-09", m.TerminalMode.COUNTER)
    answer = post(hub, token, path, body)
    assert (answer.status_code, answer.json()["code"]) == (422, "validation_failed")


def test_list_bounds(hub: EmbeddedHub, counter: HubClient) -> None:
    token = terminal(hub, "counter-09", m.TerminalMode.COUNTER)
    headers = {"Authorization": f"Bearer {token}"}
    for query in ("state=gone", "limit=0", "limit=201", f"limit={2**40}"):
        answer = requests.get(f"{hub.base_url}/api/v1/help-calls?{query}", headers=headers)
        assert (answer.status_code, answer.json()["code"]) == (422, "validation_failed"), query
    unknown = post(hub, token, "/help-calls/12345/answer", {"counter_code": "W01"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")


def test_the_kiosk_reads_its_call_and_learns_which_window_comes(
    hub: EmbeddedHub, clock: Any, kiosk: HubClient, counter: HubClient
) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate(screen="case"))
    assert kiosk.help_call(call.id) == call
    assert call.answered_by_name is None
    clock.advance(minutes=1)
    answered = counter.answer_help_call(call.id, "W03")
    name = counter_name(hub, "W03")
    assert name.startswith("3号窗口")
    assert (answered.answered_by, answered.answered_by_name) == ("W03", name)
    seen = kiosk.help_call(call.id)
    assert (seen.state, seen.answered_by_name, seen.answered_at) == (ANSWERED, name, clock())
    assert counter.help_calls(ANSWERED)[0].answered_by_name == name
    # The name is read from the window when asked (no copy kept): a renamed window shows so.
    with hub.context.transaction() as session:
        row = session.get(CounterRow, "W03")
        assert row is not None
        row.name = "3号窗口（帮办代办）"
    assert kiosk.help_call(call.id).answered_by_name == "3号窗口（帮办代办）"


def test_closing_ends_an_open_call_once(
    hub: EmbeddedHub, clock: Any, kiosk: HubClient, counter: HubClient
) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate(screen="ticket"))
    clock.advance(minutes=3)
    closed = kiosk.close_help_call(call.id)
    assert (closed.state, closed.closed_at, closed.answered_by) == (CLOSED, clock(), None)
    assert counter.help_calls() == []  # the windows' strip drops it
    assert counter.help_calls(CLOSED) == [closed]
    assert kiosk.help_call(call.id) == closed
    clock.advance(minutes=1)
    assert kiosk.close_help_call(call.id) == closed  # a repeat changes nothing
    with pytest.raises(HubRejected) as refused:
        counter.answer_help_call(call.id, "W01")
    assert (refused.value.status, refused.value.code) == (409, "help_call_closed")
    assert "无需前往" in refused.value.citizen_message
    again = kiosk.call_for_help(m.HelpCallCreate())
    assert again.id != call.id and again.state is OPEN
    log = event_log(hub)
    assert [e.type for e in log] == ["help.called", "help.closed", "help.called"]
    assert log[1].data == {
        "help_call_id": call.id,
        "terminal_id": "K01",
        "site_code": "district",
        "reason": "withdrawn",
    }


def test_closing_an_answered_call_leaves_it_answered(
    hub: EmbeddedHub, kiosk: HubClient, counter: HubClient
) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate())
    answered = counter.answer_help_call(call.id, "W02")
    assert kiosk.close_help_call(call.id) == answered  # the window is on its way all the same
    assert kiosk.help_call(call.id).state is ANSWERED
    assert counter.help_calls(CLOSED) == []
    assert [e.type for e in event_log(hub)] == ["help.called", "help.answered"]


def test_an_unanswered_call_expires_and_the_next_tap_is_a_new_call(
    hub: EmbeddedHub, clock: Any, kiosk: HubClient, counter: HubClient
) -> None:
    start = clock()
    call = kiosk.call_for_help(m.HelpCallCreate(screen="home"))
    clock.advance(minutes=14, seconds=59)
    assert [c.id for c in counter.help_calls()] == [call.id]
    clock.advance(seconds=1)  # 15 minutes (HubSettings.help_call_minutes): nobody answered
    assert counter.help_calls() == []
    [expired] = counter.help_calls(CLOSED)
    assert (expired.id, expired.state, expired.closed_at) == (call.id, CLOSED, clock())
    assert kiosk.help_call(call.id) == expired
    with pytest.raises(HubRejected) as refused:
        counter.answer_help_call(call.id, "W01")
    assert (refused.value.status, refused.value.code) == (409, "help_call_closed")
    clock.advance(minutes=5)
    again = kiosk.call_for_help(m.HelpCallCreate(screen="case"))
    assert again.id != call.id and (again.state, again.created_at) == (OPEN, clock())
    assert [c.id for c in counter.help_calls()] == [again.id]
    with hub.context.sessions() as session:  # the stale row was closed, at its deadline
        row = session.get(HelpCallRow, call.id)
        assert row is not None
        assert (row.state, row.closed_at) == ("closed", start + timedelta(minutes=15))
    log = event_log(hub)
    assert [(e.type, e.data.get("reason")) for e in log] == [
        ("help.called", None),
        ("help.closed", "expired"),
        ("help.called", None),
    ]
    assert log[1].data["help_call_id"] == call.id


def test_the_time_to_answer_is_a_hub_setting(
    hub: EmbeddedHub, clock: Any, kiosk: HubClient, counter: HubClient
) -> None:
    hub.context.settings.help_call_minutes = 5
    call = kiosk.call_for_help(m.HelpCallCreate())
    clock.advance(minutes=5)
    assert counter.help_calls() == []
    assert kiosk.help_call(call.id).state is CLOSED
    closed = kiosk.close_help_call(call.id)  # closing an expired call: closed at its deadline
    assert closed.closed_at == clock()
    assert [e.data.get("reason") for e in event_log(hub)] == [None, "expired"]


def test_racing_taps_after_an_expired_call_open_one_new_call(
    hub: EmbeddedHub, clock: Any, counter: HubClient
) -> None:
    """The stale call is closed once and one new call opened however the taps race (on
    PostgreSQL the one-open-call index settles it)."""
    token = terminal(hub, "K01", m.TerminalMode.HALL)
    old = post(hub, token, "/help-calls", {}).json()["id"]
    clock.advance(minutes=20)
    start = threading.Barrier(6)

    def tap(_: int) -> requests.Response:
        start.wait()
        return post(hub, token, "/help-calls", {"screen": "home"})

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(tap, range(6)))
    assert sorted(a.status_code for a in answers) == [200] * 5 + [201]
    [new] = {a.json()["id"] for a in answers}
    assert new != old
    assert [c.id for c in counter.help_calls()] == [new]
    assert [e.type for e in event_log(hub)] == ["help.called", "help.closed", "help.called"]


def test_only_the_calling_kiosk_reads_or_closes_its_call(
    hub: EmbeddedHub, kiosk: HubClient, counter: HubClient
) -> None:
    call = kiosk.call_for_help(m.HelpCallCreate())
    neighbour = terminal(hub, "K02", m.TerminalMode.HALL)
    for answer in (
        get(hub, neighbour, f"/help-calls/{call.id}"),
        post(hub, neighbour, f"/help-calls/{call.id}/close"),
        get(hub, neighbour, "/help-calls/4242"),
        post(hub, neighbour, "/help-calls/4242/close"),
    ):
        assert (answer.status_code, answer.json()["code"]) == (404, "not_found")
        assert answer.headers["content-type"].startswith("application/problem+json")
    for mode in (m.TerminalMode.COUNTER, m.TerminalMode.DISPLAY, m.TerminalMode.RATING_PAD):
        other = terminal(hub, f"T-{mode.value}", mode)
        for answer in (
            get(hub, other, f"/help-calls/{call.id}"),
            post(hub, other, f"/help-calls/{call.id}/close"),
        ):
            assert (answer.status_code, answer.json()["code"]) == (403, "forbidden"), mode
    with pytest.raises(HubRejected) as refused:
        counter.close_help_call(call.id)
    assert (refused.value.status, refused.value.code) == (403, "forbidden")
    assert kiosk.help_call(call.id).state is OPEN  # nobody else ended it
    assert [c.id for c in counter.help_calls()] == [call.id]
    assert [e.type for e in event_log(hub)] == ["help.called"]


@pytest.mark.parametrize("call_id", ["0", str(2**31), "abc", "-1", "1.5"])
def test_own_call_bounds(hub: EmbeddedHub, call_id: str) -> None:
    token = terminal(hub, "K01", m.TerminalMode.HALL)
    for answer in (
        get(hub, token, f"/help-calls/{call_id}"),
        post(hub, token, f"/help-calls/{call_id}/close"),
    ):
        assert (answer.status_code, answer.json()["code"]) == (422, "validation_failed")
