"""A phone in a real browser (tests/e2e/browser.py) at a phone's viewport, against a hub served
by uvicorn on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from contract import models as m
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from tests.e2e.browser import chromium

PHONE = {"width": 390, "height": 844, "pixelRatio": 3.0}  # a common phone, in CSS pixels
# navigator.vibrate does nothing in a headless browser: record what the page asks of it.
RECORD_VIBRATION = """
window.vibrations = [];
navigator.vibrate = function (pattern) { window.vibrations.push(pattern); return true; };
"""


class HallClock:
    """A Monday morning in the hall that runs at real speed and can be moved on (a recall
    waits between calls), whatever time the tests run at."""

    def __init__(self) -> None:
        self.start = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 in Beijing
        self.began = time.monotonic()
        self.shift = timedelta()

    def __call__(self) -> datetime:
        return self.start + self.shift + timedelta(seconds=time.monotonic() - self.began)

    def advance(self, **delta: float) -> None:
        self.shift += timedelta(**delta)


@pytest.fixture
def clock() -> HallClock:
    return HallClock()


@pytest.fixture
def hub(tmp_path: Path, clock: HallClock) -> Iterator[EmbeddedHub]:
    server = EmbeddedHub(tmp_path / "hub", clock=clock)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def kiosk(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("kiosk-web")) as client:
        yield client


@pytest.fixture
def window(hub: EmbeddedHub) -> Iterator[HubClient]:
    token = hub.register_terminal("window-web", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as client:
        client.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
        yield client


@pytest.fixture
def phone() -> Iterator[Any]:
    """A headless chromium the size of a phone."""
    with chromium(phone=PHONE) as driver:
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIBRATION}
        )
        yield driver
