"""The event stream on PostgreSQL: two hub processes (``kiosk hub serve``) on one database, a
display following one of them sees the tickets issued and called on the other within a second
(LISTEN/NOTIFY), and still does after the listening connections were cut; two transactions
committing at once never make a display miss the event of either; a window paused on one hub
moves the estimate the other shows at once (it forgets the wait rate it keeps)."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session

from contract import models as m
from hub import events
from hub.app import create_app
from hub.auth import register_terminal
from hub.embedded import EmbeddedHub
from hub.notify import APPLICATION_NAME
from kiosk.api.client import HubClient

ROOT = Path(__file__).resolve().parents[2]
PROMPTLY = 1.0  # seconds: a notification comes in milliseconds; without one the event never does
RECONNECTED = 10.0  # the listener's first backoff is half a second


@contextlib.contextmanager
def hub_process(db_url: str, data_dir: Path, *options: str) -> Iterator[str]:
    """``kiosk hub serve`` in a process of its own; its base URL."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "kiosk", "hub", "serve", "--db", db_url, "--port", "0",
               "--data-dir", str(data_dir), *options]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("hub serving on http://127.0.0.1:"), line
            yield line.split()[-1]
        finally:
            process.terminate()  # as systemd stops it: the hub closes its streams and listener
            assert process.wait(30) in (0, -signal.SIGTERM)  # (uvicorn re-raises it when done)


class Display:
    """A calling display following a hub's stream over plain HTTP, on a thread, until that hub
    stops (closing the answer under the reading thread would wait for the next line)."""

    def __init__(self, base_url: str, token: str) -> None:
        self.opened = threading.Event()  # the hub follows the hall for it from now on
        self.events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self._answer = requests.get(
            f"{base_url}{m.API_PREFIX}/events",
            headers={"Authorization": f"Bearer {token}"},
            stream=True,
            timeout=30,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        kind = ""
        with self._answer, contextlib.suppress(requests.RequestException):
            for line in self._answer.iter_lines(decode_unicode=True):
                if line.startswith("retry:"):
                    self.opened.set()
                elif line.startswith("event: "):
                    kind = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    self.events.put((kind, json.loads(line.removeprefix("data: "))))

    def next(self, kind: str, timeout: float) -> dict[str, Any]:
        """The data of the next event of that kind, if it comes within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                seen, data = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
                if seen == kind:
                    return data
        except queue.Empty:
            pytest.fail(f"no {kind} on the display within {timeout} s")


LISTENERS = text("SELECT pid FROM pg_stat_activity WHERE application_name = :name")
CUT = text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name")
WAITING = text("SELECT count(*) FROM pg_locks WHERE NOT granted")


def listeners(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.execute(LISTENERS, {"name": APPLICATION_NAME}).scalars())


def wait_for_listeners(engine: Engine, count: int) -> None:
    deadline = time.monotonic() + RECONNECTED
    while len(listeners(engine)) != count:
        assert time.monotonic() < deadline, f"not {count} listening connections"
        time.sleep(0.05)


def tokens(db_url: str, *terminals: tuple[str, m.TerminalMode]) -> list[str]:
    ctx = create_app(db_url).state.hub
    try:
        return [
            register_terminal(ctx, m.TerminalRegistration(terminal_id=name, mode=mode)).token
            for name, mode in terminals
        ]
    finally:
        ctx.engine.dispose()


def test_a_display_on_one_hub_sees_what_another_hub_did(
    pg_url: str, tmp_path: Path, clerks: Any
) -> None:
    engine = create_engine(pg_url)
    with (
        hub_process(pg_url, tmp_path / "a", "--sample") as hub_a,
        hub_process(pg_url, tmp_path / "b") as hub_b,
    ):
        kiosk_token, counter_token, display_token = tokens(
            pg_url,
            ("KIOSK-A", m.TerminalMode.HALL),
            ("COUNTER-A", m.TerminalMode.COUNTER),
            ("DISPLAY-B", m.TerminalMode.DISPLAY),
        )
        with (
            HubClient(hub_a, token=kiosk_token) as kiosk,
            HubClient(hub_a, token=counter_token) as counter,
        ):
            clerks.sign_in(counter, "W01")
            display = Display(hub_b, display_token)
            assert display.opened.wait(10)
            wait_for_listeners(engine, 2)  # one per hub process

            general = m.TicketIssueRequest(category_code="general")
            first = kiosk.issue_ticket(general)
            assert display.next("ticket.issued", PROMPTLY)["number"] == first.number
            called = counter.call_next("W01")
            call = display.next("ticket.called", PROMPTLY)
            assert call["number"] == called.number == first.number
            assert call["counter_code"] == "W01"

            # The database drops both listening connections (a restart, a failover, a DBA).
            with engine.connect() as connection:
                cut = connection.execute(CUT, {"name": APPLICATION_NAME}).scalars()
                assert list(cut) == [True, True]
            meanwhile = kiosk.issue_ticket(general)  # before they are back: caught up then
            assert display.next("ticket.issued", RECONNECTED)["number"] == meanwhile.number
            wait_for_listeners(engine, 2)
            after = kiosk.issue_ticket(general)
            assert display.next("ticket.issued", PROMPTLY)["number"] == after.number
    wait_for_listeners(engine, 0)  # the stopped hubs closed theirs
    engine.dispose()


def test_a_window_paused_on_one_hub_moves_the_estimate_on_another_at_once(
    pg_url: str, tmp_path: Path, clerks: Any
) -> None:
    engine = create_engine(pg_url)
    with (
        hub_process(pg_url, tmp_path / "a", "--sample") as hub_a,
        hub_process(pg_url, tmp_path / "b") as hub_b,
    ):
        kiosk_token, counter_token = tokens(
            pg_url, ("KIOSK-B", m.TerminalMode.HALL), ("COUNTER-A", m.TerminalMode.COUNTER)
        )
        with (
            HubClient(hub_b, token=kiosk_token) as kiosk,
            HubClient(hub_a, token=counter_token) as counter,
        ):
            clerks.sign_in(counter, "W01")
            clerks.sign_in(counter, "W02")
            wait_for_listeners(engine, 2)
            general = m.TicketIssueRequest(category_code="general")
            kiosk.issue_ticket(general)
            second = kiosk.issue_ticket(general)  # hub B keeps the queue's rate from here
            assert second.estimated_wait_minutes == 4  # 8 minutes over W01 and W02
            paused = m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.MEETING)
            counter.set_window_state("W02", paused)
            deadline = time.monotonic() + PROMPTLY  # well within the rates' own time
            while kiosk.get_ticket(second.ticket_id).estimated_wait_minutes != 8:  # W01 alone
                assert time.monotonic() < deadline, "hub B still shows two windows open"
                time.sleep(0.02)
    engine.dispose()


def test_two_windows_committing_at_once_both_reach_the_display(
    pg_url: str, tmp_path: Path, clock: Any
) -> None:
    """The window whose commit began first finishes it last. Were its event's id taken before the
    other's commit, a display that had read the other's (larger) id would never get it."""
    with EmbeddedHub(tmp_path / "hub", clock=clock, db_url=pg_url) as hub:
        ctx = hub.context
        display = Display(hub.base_url, hub.register_terminal("DISPLAY-1"))
        assert display.opened.wait(10)
        committing, finish = threading.Event(), threading.Event()

        def hold_the_first_commit(session: Session) -> None:  # its events are appended by now
            if session.info.get("hold"):
                committing.set()
                assert finish.wait(10)

        event.listen(ctx._factory, "before_commit", hold_the_first_commit)

        def window_opens(code: str, hold: bool = False) -> threading.Thread:
            def run() -> None:
                with ctx.transaction() as session:
                    session.info["hold"] = hold
                    events.emit(session, "window.opened", ctx.now(), counter_code=code)

            thread = threading.Thread(target=run)
            thread.start()
            return thread

        first = window_opens("W01", hold=True)
        assert committing.wait(10)
        second = window_opens("W02")
        # The second now waits for the log's lock until the first commits (without that lock,
        # it would commit first).
        locks = create_engine(pg_url)
        deadline = time.monotonic() + 10
        while second.is_alive() and not waiting_for_a_lock(locks):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        locks.dispose()
        finish.set()
        first.join(10)
        second.join(10)
        assert display.next("window.opened", PROMPTLY)["counter_code"] == "W01"
        assert display.next("window.opened", PROMPTLY)["counter_code"] == "W02"


def waiting_for_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.execute(WAITING).scalar())
