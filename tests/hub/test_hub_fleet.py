"""The fleet: terminals' heartbeats over HTTP, kept with their history, and what the district
engineer is told of each — silent, never seen, a device wanting a hand, an outbox backing up,
another version than the hall's, an error — on the command line and in the console."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from contract import models as m
from hub import fleet, managers
from hub.auth import register_terminal
from hub.db import HeartbeatRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.cli import main
from tests.hub.conftest import FakeClock
from tests.hub.test_hub_console import Page

PRINTER_OUT = m.DeviceHealthReport(device="printer", state="down", reason="paper_out")
PRINTER_OK = m.DeviceHealthReport(device="printer", state="ok")
V = "1.2.0"
# Each terminal: its site, and the heartbeat it sends (None: it never does).
BEATS: dict[str, tuple[str, m.Heartbeat | None]] = {
    "K-OK": ("hall-01", m.Heartbeat(devices=[PRINTER_OK], outbox_depth=0, software_version=V)),
    "K-PAPER": ("hall-01", m.Heartbeat(devices=[PRINTER_OUT], outbox_depth=0, software_version=V)),
    "K-BACKLOG": ("hall-01", m.Heartbeat(outbox_depth=12, software_version="1.2.0")),
    "K-OLD": ("hall-01", m.Heartbeat(outbox_depth=0, software_version="1.1.0")),
    "K-ERROR": ("hall-02", m.Heartbeat(outbox_depth=0, last_error="hub refused a case: 503")),
    "K-NEVER": ("hall-02", None),
}  # fmt: skip


def register(hub: EmbeddedHub, terminal_id: str, site: str) -> str:
    registration = m.TerminalRegistration(terminal_id=terminal_id, site_code=site)
    return register_terminal(hub.context, registration).token


@pytest.fixture
def fleet_hub(hub: EmbeddedHub, clock: FakeClock) -> Iterator[EmbeddedHub]:
    silent = register(hub, "K-SILENT", "hall-02")
    with HubClient(hub.base_url, token=silent) as client:
        client.heartbeat(m.Heartbeat(outbox_depth=0, software_version="1.2.0"))
    clock.advance(minutes=10)  # K-SILENT has said nothing since
    for terminal_id, (site, beat) in BEATS.items():
        token = register(hub, terminal_id, site)
        if beat is not None:
            with HubClient(hub.base_url, token=token) as client:
                ack = client.heartbeat(beat)
                assert ack.server_time == clock()
    yield hub


def kinds(hub: EmbeddedHub, sites: frozenset[str] | None = None) -> dict[str, list[str]]:
    return {
        v.status.terminal_id: [f.kind for f in v.findings] for v in fleet.fleet(hub.context, sites)
    }


def test_each_terminal_is_told_as_it_is(fleet_hub: EmbeddedHub) -> None:
    assert kinds(fleet_hub) == {
        "K-PAPER": ["device"],
        "K-BACKLOG": ["backlog"],
        "K-OLD": ["version"],
        "K-ERROR": ["error"],
        "K-NEVER": ["never"],
        "K-SILENT": ["silent"],
        "K-OK": [],
    }  # the troubled first, by site and id; the healthy last
    views = {v.status.terminal_id: v for v in fleet.fleet(fleet_hub.context)}
    assert views["K-PAPER"].findings[0].text == "凭条打印机：缺纸。"
    assert views["K-OLD"].findings[0].text == "版本 1.1.0，本站应为 1.2.0：请升级。"
    assert views["K-SILENT"].findings[0].text.startswith("已 10 分钟没有消息")
    assert views["K-BACKLOG"].findings[0].text.startswith("12 件办件待上传")


def test_the_hubs_expected_version_wins_over_the_majority(fleet_hub: EmbeddedHub) -> None:
    fleet_hub.context.settings.expected_version = "1.1.0"
    assert kinds(fleet_hub)["K-OLD"] == [] and kinds(fleet_hub)["K-OK"] == ["version"]


def test_a_backlog_is_also_an_old_waiting_case(hub: EmbeddedHub, clock: FakeClock) -> None:
    token = register(hub, "K-SLOW", "hall-01")
    with HubClient(hub.base_url, token=token) as client:
        waiting = clock() - timedelta(hours=2)
        client.heartbeat(m.Heartbeat(outbox_depth=1, oldest_waiting_at=waiting))
    (view,) = fleet.fleet(hub.context)
    assert view.findings[0].text == "1 件办件待上传，最早的已等 2 小时：请检查与 hub 的连接。"


def test_heartbeats_are_kept_for_their_days_then_forgotten(
    fleet_hub: EmbeddedHub, clock: FakeClock
) -> None:
    def kept() -> int:
        with fleet_hub.context.reading() as session:
            return int(session.scalar(select(func.count()).select_from(HeartbeatRow)) or 0)

    assert kept() == 6  # K-SILENT's and five others'
    clock.advance(days=7, minutes=-5)  # K-SILENT's is 7 days and 5 minutes old, the others' not
    assert fleet.prune(fleet_hub.context) == 1 and kept() == 5


@pytest.mark.parametrize(
    "body",
    [
        {"outbox_depth": 0, "devices": [{"device": "x", "state": "ok"}] * 33},
        {"outbox_depth": 0, "last_error": "x" * 201},
        {"outbox_depth": 0, "uptime_seconds": -1},
        {"outbox_depth": 10**40},
    ],
)
def test_a_malformed_heartbeat_is_refused(hub: EmbeddedHub, body: dict[str, object]) -> None:
    token = register(hub, "K-BAD", "hall-01")
    answer = httpx.post(
        f"{hub.base_url}/api/v1/terminals/me/heartbeat",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_the_command_lists_the_fleet_and_fails_when_one_needs_a_hand(
    fleet_hub: EmbeddedHub, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", fleet_hub.db_url]
    assert main(["hub", "terminals", *db, "--json"]) == 1
    listed = json.loads(capsys.readouterr().out)
    paper = next(t for t in listed if t["terminal_id"] == "K-PAPER")
    # (the command's clock is the machine's, months after the hall's: every one is silent)
    assert {"kind": "device", "text": "凭条打印机：缺纸。"} in paper["findings"]
    assert paper["software_version"] == "1.2.0" and paper["site_code"] == "hall-01"
    assert main(["hub", "terminals", *db, "--site", "hall-01"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  hall-01          K-PAPER" in out and "        凭条打印机：缺纸。" in out
    assert "hall-02" not in out and out.rstrip().endswith("4 of 4 terminals need a hand.")


def test_the_console_shows_the_fleet_of_the_managers_sites(fleet_hub: EmbeddedHub) -> None:
    managers.add_manager(fleet_hub.context, "hall1", "王经理", ["hall-01"], "password-123")
    with httpx.Client(base_url=fleet_hub.base_url) as browser:
        browser.post("/console/sign-in", data={"login": "hall1", "password": "password-123"})
        answer = browser.get("/console/fleet")
    assert answer.status_code == 200
    page = Page(answer.text)
    assert [row[1] for row in page.rows] == ["K-BACKLOG", "K-OLD", "K-PAPER", "K-OK"]
    buttons = "重新载入事项重启程序"  # the row's form: what can be asked of it
    assert page.rows[2][-1] == "凭条打印机：缺纸。" + buttons
    assert page.rows[-1][-1] == "正常" + buttons
    assert (
        "共 4 台终端；从未连接 0，失联 0，设备故障 1，办件积压 1，版本不一致 1，报错 0。"
        in answer.text
    )


def test_a_terminal_is_asked_once_and_hears_it_until_it_obeys(fleet_hub: EmbeddedHub) -> None:
    token = register(fleet_hub, "K-ASK", "hall-01")
    asked = fleet.ask(fleet_hub.context, "K-ASK", m.TerminalCommand.RELOAD)
    assert asked is not None and fleet.ask(fleet_hub.context, "nobody", asked.command) is None
    with HubClient(fleet_hub.base_url, token=token) as client:
        beat = m.Heartbeat(outbox_depth=0)
        assert client.heartbeat(beat).command == asked  # heard, not yet done
        assert client.heartbeat(beat).command == asked
        done = beat.model_copy(update={"obeyed_command_id": asked.command_id})
        assert client.heartbeat(done).command is None
        later = fleet.ask(fleet_hub.context, "K-ASK", m.TerminalCommand.RESTART)
        assert later is not None and later.command_id > asked.command_id
        assert client.heartbeat(done).command == later  # an old obeyed id clears nothing new


def test_the_console_and_the_command_ask_only_what_they_may(
    fleet_hub: EmbeddedHub, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", fleet_hub.db_url]
    assert main(["hub", "ask", *db, "K-NOBODY", "restart"]) == 1
    assert "There is no terminal 'K-NOBODY'." in capsys.readouterr().err
    assert main(["hub", "ask", *db, "K-OK", "reload"]) == 0
    managers.add_manager(fleet_hub.context, "hall1", "王经理", ["hall-01"], "password-123")
    with httpx.Client(base_url=fleet_hub.base_url) as browser:
        browser.post("/console/sign-in", data={"login": "hall1", "password": "password-123"})
        other = browser.post("/console/fleet/K-ERROR", data={"command": "restart"})  # hall-02
        assert other.status_code == 404 and "不在您负责的站点" in Page(other.text).problem
        wrong = browser.post("/console/fleet/K-OLD", data={"command": "format-disk"})
        assert wrong.status_code == 404
        assert browser.post("/console/fleet/K-OLD", data={"command": "restart"}).status_code == 303
        page = browser.get("/console/fleet").text
    assert "已要求重启程序，待终端空闲时执行。" in page and "已要求重新载入事项" in page
    status = {v.status.terminal_id: v.status for v in fleet.fleet(fleet_hub.context)}
    assert status["K-ERROR"].command is None
    assert status["K-OLD"].command is not None
    assert status["K-OLD"].command.command is m.TerminalCommand.RESTART
