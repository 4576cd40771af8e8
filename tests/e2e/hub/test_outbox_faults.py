"""Outbox fault tests with real processes: every case reaches the hub exactly once.

- the hub is SIGKILLed while a case and its materials are on the wire, then restarted;
- the hub commits a case and dies before its answer gets out (the answer is lost);
- the kiosk process is SIGKILLed between writing and sending, then restarted;
- the kiosk process is SIGKILLed after the hub stored everything but before it heard so.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from contract.models import TicketIssueRequest
from kiosk.api.client import HubClient
from kiosk.outbox.sender import OutboxSender
from kiosk.outbox.store import EntryState, Outbox


def _load(name: str) -> Any:
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_e2e_hub_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHILD = Path(__file__).with_name("outbox_child.py")
outbox_child = _load("outbox_child")
faults = _load("faults")
HubProcess = faults.HubProcess
child_env = faults.child_env
read_line = faults.read_line


def hub_state(hub: HubProcess) -> dict[str, tuple[int, int]]:
    """idempotency key -> (number of cases with it, materials uploaded)."""
    engine = create_engine(hub.db_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT c.idempotency_key, COUNT(DISTINCT c.case_id),"
                " SUM(CASE WHEN m.uploaded_at IS NOT NULL THEN 1 ELSE 0 END)"
                " FROM cases c LEFT JOIN materials m ON m.case_id = c.case_id"
                " GROUP BY c.idempotency_key"
            )
        ).all()
    engine.dispose()
    return {key: (cases, uploaded) for key, cases, uploaded in rows}


def open_outbox(tmp_path: Path) -> Outbox:
    return Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key", terminal_id="K01")


def test_hub_killed_mid_request_then_restarted(
    tmp_path: Path, hub_process: HubProcess, proxy_factory: Any
) -> None:
    token = hub_process.register("K01")
    proxy = proxy_factory(hub_process.start())

    def kill_mid_request(chunk: bytes) -> None:
        # The first chunk of a body three times longer: the rest never reaches the hub.
        if chunk.startswith(b"POST /api/v1/cases/with-materials "):
            proxy.on_request = None
            hub_process.kill()

    proxy.on_request = kill_mid_request
    with open_outbox(tmp_path) as outbox, HubClient(proxy.url, token=token, retries=0) as client:
        entry = outbox.submit(*outbox_child.make_case("k")).entry_id
        first = OutboxSender(outbox, client).drain()
        assert (first.delivered, first.remaining) == (0, 1)
        assert outbox.receipt(entry).case_number is None
        assert hub_state(hub_process) == {}  # no half case: the case and materials or nothing
        proxy.upstream_port = hub_process.start()
        second = OutboxSender(outbox, client).drain()
        assert (second.delivered, second.remaining) == (1, 0)
        assert outbox.receipt(entry).state is EntryState.DELIVERED
    assert hub_state(hub_process) == {entry: (1, 3)}


def test_hub_dies_after_commit_before_answering(
    tmp_path: Path, hub_process: HubProcess, proxy_factory: Any
) -> None:
    token = hub_process.register("K01")
    proxy = proxy_factory(hub_process.start())
    proxy.hold_predicate = lambda chunk: chunk.startswith(b"POST /api/v1/cases/with-materials ")
    proxy.drop_held = True
    with (
        open_outbox(tmp_path) as outbox,
        HubClient(proxy.url, token=token, retries=0, read_timeout=60) as client,
    ):
        entry = outbox.submit(*outbox_child.make_case("c")).entry_id
        sender = OutboxSender(outbox, client)
        result: list[Any] = []
        worker = threading.Thread(target=lambda: result.append(sender.drain()))
        worker.start()
        assert proxy.held.wait(60)  # the hub answered 201: the case is committed
        hub_process.kill()
        proxy.release.set()  # the connection now dies without the answer having been relayed
        worker.join(60)
        assert outbox.status().pending == 1
        assert outbox.receipt(entry).case_number is None  # the kiosk never heard the number
        proxy.upstream_port = hub_process.start()
        assert sender.drain().delivered == 1
    assert hub_state(hub_process) == {entry: (1, 3)}


def spawn_child(
    tmp_path: Path, url: str, token: str, count: int, mode: str
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(tmp_path / "outbox.sqlite3"),
         str(tmp_path / "outbox.key"), url, token, str(count), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )  # fmt: skip


def test_kiosk_killed_between_write_and_send(tmp_path: Path, hub_process: HubProcess) -> None:
    token = hub_process.register("K01")
    url = f"http://127.0.0.1:{hub_process.start()}"
    child = spawn_child(tmp_path, url, token, 3, "write")
    try:
        entries = read_line(child, 60).removeprefix("ready ").split()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        assert child.stdout is not None
        child.stdout.close()
    assert len(entries) == 3 and hub_state(hub_process) == {}
    with (
        open_outbox(tmp_path) as outbox,
        HubClient(url, token=token) as client,
    ):  # the kiosk restarts
        assert outbox.status().pending == 3
        assert OutboxSender(outbox, client).drain().delivered == 3
        # `kiosk hub serve --public-url` puts the hall's public address on ticket QR links.
        ticket = client.issue_ticket(TicketIssueRequest(category_code="general"))
        assert ticket.follow_url.startswith("https://hall.example/q/")
    assert hub_state(hub_process) == {e: (1, 3) for e in entries}


def test_kiosk_killed_after_the_hub_stored_everything(
    tmp_path: Path, hub_process: HubProcess, proxy_factory: Any
) -> None:
    token = hub_process.register("K01")
    proxy = proxy_factory(hub_process.start())
    # Hold the answer: the hub has the whole case, the kiosk does not know.
    proxy.hold_predicate = lambda chunk: chunk.startswith(b"POST /api/v1/cases/with-materials ")
    child = spawn_child(tmp_path, proxy.url, token, 1, "send")
    try:
        (entry,) = read_line(child, 60).removeprefix("ready ").split()
        assert proxy.held.wait(60)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
        assert child.stdout is not None
        child.stdout.close()
    assert hub_state(hub_process) == {entry: (1, 3)}
    with open_outbox(tmp_path) as outbox:
        assert outbox.receipt(entry).state is EntryState.PENDING  # it never heard the answer
        with HubClient(f"http://127.0.0.1:{hub_process.port}", token=token) as client:
            assert OutboxSender(outbox, client).drain().delivered == 1
        assert outbox.receipt(entry).case_number is not None
    assert hub_state(hub_process) == {entry: (1, 3)}
