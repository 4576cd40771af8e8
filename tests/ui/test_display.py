"""The hall's calling display over a real hub on loopback: a call on the wall within a second,
the history of eight, a banner with the last update's time when the stream is lost, and the
wall catching up when it is back; and its headless demo tour through the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.context import HubSettings
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.display.feed import HallFeed
from ui.display.window import DisplayWindow
from ui.display.window_screen import WindowScreen

PIN = "246810"
FAST = HubSettings(event_keepalive_seconds=0.5)


def test_the_wall_shows_calls_at_once_and_says_when_it_is_not_live(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "hub"
    first = EmbeddedHub(folder, settings=FAST)
    first.start()
    port = int(first.base_url.rsplit(":", 1)[1])
    kiosk = first.register_terminal("KIOSK-1")
    counter = first.register_terminal("WIN-1", mode=m.TerminalMode.COUNTER)
    wall_token = first.register_terminal("WALL-1", mode=m.TerminalMode.DISPLAY)
    with HubClient(first.base_url, token=counter) as window:
        window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
    with HubClient(first.base_url, token=kiosk) as citizen:
        for _ in range(10):
            citizen.issue_ticket(m.TicketIssueRequest(category_code="general"))
    feed = HallFeed(HubClient(first.base_url, token=wall_token, read_timeout=5, retries=0))
    wall = DisplayWindow(feed, "示例区政务服务中心", "请留意叫号")
    qtbot.addWidget(wall)
    wall.resize(1920, 1080)
    wall.show()
    feed.start()
    try:
        qtbot.waitUntil(lambda: wall.view.live, timeout=10000)
        with HubClient(first.base_url, token=counter) as window:
            for _ in range(9):
                called = time.monotonic()
                ticket = window.call_next("W01")
                qtbot.waitUntil(lambda t=ticket: wall.number.text() == t.number, timeout=1000)
                assert time.monotonic() - called < 1.0
                window.ticket_action("W01", ticket.ticket_id, m.TicketAction.START)
                done = m.FinishRequest(outcome=m.ServiceOutcome.DONE)
                window.finish_ticket("W01", ticket.ticket_id, done)
        assert "1号窗口" in wall.where.text()
        recent = [number.text() for number, _ in wall.recent_rows]
        assert recent == [f"A{n:03d}" for n in range(9, 1, -1)]  # the history rolls: eight
        assert not wall.banner.isVisible()
        first.stop()
        qtbot.waitUntil(lambda: wall.banner.isVisible(), timeout=10000)
        assert "连接已中断" in wall.banner.text() and "最后更新于" in wall.banner.text()
        with EmbeddedHub(folder, port=port, settings=FAST) as second:
            with HubClient(second.base_url, token=counter) as window:
                window.call_next("W01")  # called while the wall is away
            qtbot.waitUntil(lambda: not wall.banner.isVisible(), timeout=20000)
            qtbot.waitUntil(lambda: wall.number.text() == "A010", timeout=5000)
    finally:
        feed.stop()


def test_the_display_demo_tour_writes_every_state(tmp_path: Path) -> None:
    out = tmp_path / "display-tour"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--mode", "display", "--tour", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    shots = sorted(p.name for p in out.glob("*.png"))
    assert shots == [
        "display-01-calling.png",
        "display-02-history.png",
        "display-03-paused-window.png",
        "display-04-4k.png",
        "display-05-stream-lost.png",
        "window-screen-W01.png",
        "window-screen-W02.png",
    ]


def test_a_windows_screen_shows_its_clerk_the_number_served_and_a_pause(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with EmbeddedHub(tmp_path / "hub", settings=FAST) as hub:
        counter = hub.register_terminal("WIN-3", mode=m.TerminalMode.COUNTER)
        screen_token = hub.register_terminal("SCREEN-3", mode=m.TerminalMode.DISPLAY)
        with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-1")) as citizen:
            citizen.issue_ticket(m.TicketIssueRequest(category_code="business"))
        feed = HallFeed(HubClient(hub.base_url, token=screen_token, read_timeout=5))
        screen = WindowScreen(feed, "W03")
        qtbot.addWidget(screen)
        screen.resize(1280, 720)
        screen.show()
        feed.start()
        try:
            qtbot.waitUntil(lambda: screen.name.text() == "3号窗口（企业开办）", timeout=10000)
            assert screen.clerk.text() == ""  # nobody signed in
            with HubClient(hub.base_url, token=counter) as window:
                window.sign_in_clerk("W03", m.ClerkSignIn(staff_no="S003", pin=PIN))
                qtbot.waitUntil(lambda: "S003" in screen.clerk.text(), timeout=5000)
                qtbot.waitUntil(lambda: screen.photo.pixmap() is not None, timeout=5000)
                window.call_next("W03")
                qtbot.waitUntil(lambda: screen.number.text() == "C001", timeout=2000)
                meeting = m.WindowStateChange(
                    state=m.WindowState.PAUSED, reason=m.PauseReason.BACK_OFFICE
                )
                ticket = window.counter_session("W03").serving
                assert ticket is not None
                window.ticket_action("W03", ticket.ticket_id, m.TicketAction.START)
                done = m.FinishRequest(outcome=m.ServiceOutcome.DONE)
                window.finish_ticket("W03", ticket.ticket_id, done)
                window.set_window_state("W03", meeting)
                qtbot.waitUntil(lambda: screen.state.text() == "暂停服务 · 后台办件", timeout=5000)
                assert not screen.number.isVisible()
        finally:
            feed.stop()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_wall_says_each_new_call_in_turn_and_not_an_old_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.display.feed import Call
    from ui.display.announcer import Announcer

    voice = Announcer("clips", tmp_path / "clips", template="请{number}号到{window}号窗口办理",
                      repeat=1)  # fmt: skip
    assert voice.ready.wait(60)  # the pack made with espeak-ng
    said: list[str] = []
    voice.said.connect(lambda announcement: said.append(announcement.number))
    now = datetime.now(UTC)

    def call(number: str, event_id: int, made_at: datetime) -> Call:
        return Call(number, "W03", "3号窗口", False, now, event_id, made_at)

    old = call("A001", 1, now - timedelta(minutes=2))  # caught up after a reconnection
    fresh = (call("A002", 2, now), call("A003", 3, now))
    voice.calls((fresh[1], fresh[0], old))  # newest first, as the display has them
    assert said == ["A002"]  # the old one was dropped; A003 waits for A002's clips
    assert [c.number for c in voice.queue.dropped] == ["A001"]
    qtbot.waitUntil(lambda: said == ["A002", "A003"], timeout=15000)
    voice.calls((fresh[1], fresh[0]))  # the same calls again: not said twice
    qtbot.wait(200)
    assert said == ["A002", "A003"]
    assert voice.text(voice.queue.dropped[0]) == "请A零零一号到3号窗口办理"


def test_the_speech_service_says_the_call_in_chinese_then_in_english(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from PySide6.QtCore import QLocale

    from kiosk.display.feed import Call
    from kiosk.display.voice import TEMPLATE, TEMPLATE_EN, Announcement
    from ui.display.announcer import Announcer

    chinese_only = Announcer("tts", tmp_path / "clips", template=TEMPLATE)
    voice = Announcer("tts", tmp_path / "clips", template=TEMPLATE, english=TEMPLATE_EN,
                      speech_engine="mock", repeat=1)  # fmt: skip
    tts = voice.speech()
    # Qt's test engine has no Chinese voice: Norwegian stands in for the hall's own voice.
    own = QLocale.Language.NorwegianBokmal
    tts.setLocale(next(lo for lo in tts.availableLocales() if lo.language() == own))
    heard: list[tuple[QLocale.Language, str]] = []
    tts.aboutToSynthesize.connect(lambda _id: heard.append((tts.locale().language(), "")))
    tts.sayingWord.connect(
        lambda word, *_: heard.append((tts.locale().language(), word)) if word else None
    )
    said: list[Announcement] = []
    voice.said.connect(said.append)
    now = datetime.now(UTC)
    voice.calls((Call("A001", "W03", "3号窗口（企业开办）", False, now, 1, now),))
    qtbot.waitUntil(lambda: (QLocale.Language.English, "window") in heard, timeout=5000)
    switches = [language for language, word in heard if not word]
    assert switches == [own, QLocale.Language.English]  # the English sentence in English
    english = [word for language, word in heard if word and language is QLocale.Language.English]
    assert english[0] == "Number" and "please" in english
    assert [text for _, text in voice.sentences(said[0])] == [
        "请A零零一号到3号窗口办理",
        "Number A-zero-zero-one, please go to window 3",
    ]
    assert [text for _, text in chinese_only.sentences(said[0])] == ["请A零零一号到3号窗口办理"]
