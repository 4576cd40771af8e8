"""The sender against the real hub on loopback: exactly-once delivery, outages, refusals."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from contract.models import API_PREFIX
from hub.db import CaseRow, Material
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient, lacks_operation
from kiosk.api.errors import HubRejected
from kiosk.outbox.sender import AttemptFailed, OutboxSender
from kiosk.outbox.store import EntryState, Outbox


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as server:
        yield server


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    """Terminal K01's outbox."""
    with Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", terminal_id="K01") as box:
        yield box


@pytest.fixture
def client(hub: EmbeddedHub) -> Iterator[HubClient]:
    """Terminal K01's client of the hub (registered)."""
    with HubClient(hub.base_url, token=hub.register_terminal("K01")) as hub_client:
        yield hub_client


def hub_cases(hub: EmbeddedHub) -> list[tuple[str, str, int]]:
    with hub.context.sessions() as session:
        rows = session.execute(
            select(CaseRow.idempotency_key, CaseRow.case_number, CaseRow.case_id)
        ).all()
        return [
            (
                key,
                number,
                session.execute(
                    select(func.count()).where(
                        Material.case_id == case_id, Material.uploaded_at.is_not(None)
                    )
                ).scalar_one(),
            )
            for key, number, case_id in rows
        ]


def test_cases_arrive_exactly_once_with_their_materials(
    hub: EmbeddedHub, outbox: Outbox, client: HubClient, case_factory: Any
) -> None:
    entries = [outbox.submit(*case_factory(str(i))).entry_id for i in range(3)]
    sender = OutboxSender(outbox, client)
    report = sender.drain()
    assert (report.delivered, report.remaining) == (3, 0)
    assert sender.drain().delivered == 0  # nothing left to send twice
    receipts = [outbox.receipt(e) for e in entries]
    cases = hub_cases(hub)
    assert sorted(key for key, _n, _m in cases) == sorted(entries)
    assert all(materials == 3 for _k, _n, materials in cases)
    assert {r.case_number for r in receipts} == {n for _k, n, _m in cases}
    assert all(r.state is EntryState.DELIVERED for r in receipts)


def test_hub_down_while_submitting_then_back(tmp_path: Path, case_factory: Any) -> None:
    hub = EmbeddedHub(tmp_path / "hub")
    url = hub.start()
    token = hub.register_terminal("K01")
    hub.stop()  # the hub goes away before the citizen submits
    with Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", terminal_id="K01") as outbox:
        with HubClient(url, token=token, connect_timeout=1, retries=0) as client:
            receipt = outbox.submit(*case_factory())
            assert receipt.message == "已提交，待上传"
            heard: list[Any] = []
            sender = OutboxSender(
                outbox,
                client,
                base_delay=60,
                on_settled=heard.append,
                on_attempt_failed=heard.append,
            )
            before = time.time()
            report = sender.drain()
            assert (report.delivered, report.failed, report.remaining) == (0, 1, 1)
            # The failed attempt is reported for its entry (what a waiting screen needs).
            (failed,) = heard
            assert isinstance(failed, AttemptFailed)
            assert failed.entry_id == receipt.entry_id and failed.unreachable
            assert before + 30 <= failed.retry_at <= time.time() + 60  # backoff with jitter
            status = outbox.status()
            assert status.pending == 1 and "unreachable" in (status.last_error or "")
            assert outbox.due(now=time.time()) == []  # backing off
        port = int(url.rsplit(":", 1)[1])
        with (
            EmbeddedHub(tmp_path / "hub", port=port) as back,
            HubClient(back.base_url, token=token) as client,
        ):
            assert OutboxSender(outbox, client).drain().delivered == 1
            assert outbox.receipt(receipt.entry_id).case_number is not None
            assert len(hub_cases(back)) == 1


def test_refused_case_is_parked_for_staff(
    hub: EmbeddedHub, outbox: Outbox, client: HubClient, case_factory: Any
) -> None:
    case, materials = case_factory()
    bad = case.model_copy(update={"item_code": "NO-SUCH-ITEM"})
    entry = outbox.submit(bad, materials).entry_id
    report = OutboxSender(outbox, client).drain()
    assert (report.rejected, report.remaining) == (1, 0)
    receipt = outbox.receipt(entry)
    assert receipt.state is EntryState.REJECTED and "工作人员" in receipt.message
    assert outbox.load(entry)[0].item_code == "NO-SUCH-ITEM"  # kept for staff
    assert hub_cases(hub) == []


def test_background_sender_delivers_on_submit(
    hub: EmbeddedHub, outbox: Outbox, client: HubClient, case_factory: Any
) -> None:
    settled: list[Any] = []
    done = threading.Event()

    def on_settled(receipt: Any) -> None:
        settled.append(receipt)
        done.set()

    sender = OutboxSender(outbox, client, idle_poll=3600, on_settled=on_settled)
    sender.start()
    try:
        provisional = sender.submit(*case_factory())
        assert provisional.message == "已提交，待上传"
        assert done.wait(30)  # sent at once, not at the next hourly poll
    finally:
        sender.stop()
    (receipt,) = settled
    assert receipt.entry_id == provisional.entry_id and receipt.state is EntryState.DELIVERED
    assert receipt.case_number == hub_cases(hub)[0][1]


def test_revoked_terminal_token_keeps_cases_pending(
    tmp_path: Path, hub: EmbeddedHub, case_factory: Any
) -> None:
    old = hub.register_terminal("K01")
    new = hub.register_terminal("K01")  # re-keyed: the old token is refused with 401
    with Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", terminal_id="K01") as outbox:
        entry = outbox.submit(*case_factory()).entry_id
        heard: list[Any] = []
        with HubClient(hub.base_url, token=old) as client:
            report = OutboxSender(outbox, client, on_attempt_failed=heard.append).drain()
        assert (report.rejected, report.remaining) == (0, 1)  # not the case's fault
        assert [(f.entry_id, f.unreachable) for f in heard] == [(entry, False)]
        with HubClient(hub.base_url, token=new) as client:
            assert OutboxSender(outbox, client).drain().delivered == 1
        assert outbox.receipt(entry).state is EntryState.DELIVERED


def test_undecryptable_entry_is_parked_not_retried(
    tmp_path: Path, hub: EmbeddedHub, case_factory: Any
) -> None:
    token = hub.register_terminal("K01")
    with Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", terminal_id="K01") as outbox:
        entry = outbox.submit(*case_factory()).entry_id
    # The kiosk comes back with a different key file (restored from the wrong backup).
    with (
        Outbox(tmp_path / "o.sqlite3", tmp_path / "other.key", terminal_id="K01") as outbox,
        HubClient(hub.base_url, token=token) as client,
    ):
        report = OutboxSender(outbox, client).drain()
        assert (report.rejected, report.remaining) == (1, 0)
        assert outbox.receipt(entry).state is EntryState.REJECTED
    assert hub_cases(hub) == []


class Gate:
    """Wraps the real client: every case creation waits until ``width`` of them are in flight
    at once (a serial drain never gets there and the wait times out)."""

    def __init__(self, client: HubClient, width: int) -> None:
        self.client = client
        self.barrier = threading.Barrier(width, timeout=5)
        self.met = 0

    def create_case_with_materials(self, *args: Any, **kwargs: Any) -> Any:
        self.barrier.wait()
        self.met += 1
        return self.client.create_case_with_materials(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


def test_a_backlog_drains_several_cases_at_once_each_exactly_once(
    hub: EmbeddedHub, outbox: Outbox, client: HubClient, case_factory: Any
) -> None:
    for i in range(8):
        outbox.submit(*case_factory(str(i)))
    gate = Gate(client, width=4)
    report = OutboxSender(outbox, gate, in_flight=4).drain()  # type: ignore[arg-type]
    assert (report.delivered, report.failed, report.remaining) == (8, 0, 0)
    assert gate.met == 8
    cases = hub_cases(hub)
    assert len(cases) == 8 and len({key for key, _n, _m in cases}) == 8
    assert all(uploaded == 3 for _k, _n, uploaded in cases)


class Spy:
    """Wraps the real client and counts the case calls the sender makes."""

    def __init__(self, client: HubClient) -> None:
        self.client = client
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.client, name)
        if name in ("create_case_with_materials", "create_case", "upload_material"):

            def counted(*args: Any, **kwargs: Any) -> Any:
                self.calls[name] += 1
                return method(*args, **kwargs)

            return counted
        return method


def play_an_older_platform(hub: EmbeddedHub, answer: str) -> None:
    """The hub as a platform without the one-request create, answering for it as ``answer``
    says: "405" (as an older hub does: POST meets GET /cases/{case_id}; the hub's problem
    method_not_allowed), "404" (a problem not_found), "415" (a bare status)."""

    async def refuse(_request: Any) -> Response:
        if answer == "405":
            raise HTTPException(405)
        if answer == "404":
            body = {"title": "Not Found", "status": 404, "detail": "未找到", "code": "not_found"}
            return JSONResponse(body, status_code=404, media_type="application/problem+json")
        return Response(status_code=int(answer))

    route = Route(f"{API_PREFIX}/cases/with-materials", refuse, methods=["POST"])
    hub.app.router.routes.insert(0, route)  # matched before the hub's own routes


@pytest.mark.parametrize("answer", ["404", "405", "415"])
def test_a_platform_without_the_one_request_create_gets_the_two_step_form(
    hub: EmbeddedHub, outbox: Outbox, client: HubClient, case_factory: Any, answer: str
) -> None:
    play_an_older_platform(hub, answer)
    entries = [outbox.submit(*case_factory(str(i))).entry_id for i in range(3)]
    spy = Spy(client)
    report = OutboxSender(outbox, spy, in_flight=1).drain()  # type: ignore[arg-type]
    assert (report.delivered, report.rejected, report.remaining) == (3, 0, 0)
    receipts = [outbox.receipt(e) for e in entries]
    # Asked once; the sender then remembers the answer.
    assert spy.calls == {"create_case_with_materials": 1, "create_case": 3, "upload_material": 9}
    cases = hub_cases(hub)
    assert sorted(key for key, _n, _m in cases) == sorted(entries)
    assert all(uploaded == 3 for _k, _n, uploaded in cases)
    assert {r.case_number for r in receipts} == {n for _k, n, _m in cases}


def test_a_refused_case_is_no_reason_to_fall_back(
    hub: EmbeddedHub, outbox: Outbox, client: HubClient, case_factory: Any
) -> None:
    case, materials = case_factory("bad")
    # An unknown item is a 404 too, but one that names what is wrong with the case.
    outbox.submit(case.model_copy(update={"item_code": "NO-SUCH-ITEM"}), materials)
    outbox.submit(*case_factory("good"))
    spy = Spy(client)
    report = OutboxSender(outbox, spy, in_flight=1).drain()  # type: ignore[arg-type]
    assert (report.delivered, report.rejected) == (1, 1)
    assert spy.calls == {"create_case_with_materials": 2}
    assert [uploaded for _k, _n, uploaded in hub_cases(hub)] == [3]


@pytest.mark.parametrize(
    "status, code, lacks",
    [
        (405, "method_not_allowed", True),
        (415, "http_error", True),
        (415, "malformed_body", True),
        (404, "not_found", True),
        (404, "http_error", True),
        (404, "unknown_item", False),
        (404, "material_not_declared", False),
        (400, "malformed_body", False),
        (409, "idempotency_key_reused", False),
        (422, "material_hash_mismatch", False),
        (413, "material_too_large", False),
    ],
)
def test_which_refusals_mean_the_operation_is_missing(status: int, code: str, lacks: bool) -> None:
    refusal = HubRejected("refused", code=code, citizen_message="", status=status)
    assert lacks_operation(refusal) is lacks
