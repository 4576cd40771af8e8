"""HubClient error mapping and retry policy against a scripted HTTP server on loopback."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from contract.models import CaseAction, CaseTransition, TicketIssueRequest
from kiosk.api.client import HubClient
from kiosk.api.errors import HubFailure, HubRejected, HubUnreachable
from kiosk.errors import KioskError


class Scripted(ThreadingHTTPServer):
    """Answers each request with the next scripted (status, content type, body)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: list[tuple[int, str, bytes]] = []
        self.seen: list[tuple[str, str, dict[str, str]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Scripted

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        status, ctype, body = (
            self.server.script.pop(0) if self.server.script else (500, "text/plain", b"")
        )
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Scripted]:
    srv = Scripted()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(10)


def problem(status: int, code: str, detail: str) -> tuple[int, str, bytes]:
    body = {"title": "t", "status": status, "code": code, "detail": detail}
    return status, "application/problem+json", json.dumps(body).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_hub_is_a_network_error() -> None:
    client = HubClient(f"http://127.0.0.1:{free_port()}", token="t", retries=1, backoff=0.01)
    with pytest.raises(HubUnreachable) as info:
        client.list_ticket_categories()
    assert isinstance(info.value, KioskError) and info.value.exit_code == 1


def test_rejection_carries_code_and_citizen_message(server: Scripted) -> None:
    server.script = [problem(409, "daily_cap_reached", "今日号源已发完。")]
    with HubClient(server.url, token="secret") as client, pytest.raises(HubRejected) as info:
        client.issue_ticket(TicketIssueRequest(category_code="general"))
    assert (info.value.code, info.value.citizen_message, info.value.status) == (
        "daily_cap_reached",
        "今日号源已发完。",
        409,
    )
    method, path, headers = server.seen[0]
    assert (method, path) == ("POST", "/api/v1/tickets")
    assert headers["Authorization"] == "Bearer secret"
    assert len(headers["Idempotency-Key"]) == 32


def test_non_problem_4xx_is_still_rejected_with_a_generic_message(server: Scripted) -> None:
    server.script = [(403, "text/html", b"<h1>forbidden</h1>")]
    with HubClient(server.url, token="t") as client, pytest.raises(HubRejected) as info:
        client.list_ticket_categories()
    assert info.value.code == "http_error" and "工作人员" in info.value.citizen_message


@pytest.mark.parametrize(
    "answer",
    [
        (200, "application/json", b"not json"),
        (200, "application/json", b'{"unexpected": true}'),
        (500, "application/problem+json", b'{"code": "internal_error"}'),
    ],
)
def test_garbage_or_5xx_is_a_hub_failure(server: Scripted, answer: tuple[int, str, bytes]) -> None:
    server.script = [answer]
    with HubClient(server.url, token="t", retries=0) as client, pytest.raises(HubFailure):
        client.issue_ticket(TicketIssueRequest(category_code="general"))


def test_reads_are_retried_on_503(server: Scripted) -> None:
    ok = (200, "application/json", b"[]")
    server.script = [(503, "text/plain", b""), (503, "text/plain", b""), ok]
    with HubClient(server.url, token="t", retries=2, backoff=0.01) as client:
        assert client.list_ticket_categories() == []
    assert len(server.seen) == 3


def test_creates_are_retried_with_the_same_idempotency_key(server: Scripted) -> None:
    issued = {
        "ticket_id": "x",
        "number": "A001",
        "category_code": "general",
        "category_name": "综合受理",
        "waiting_ahead": 0,
        "estimated_wait_minutes": 0,
        "issued_at": "2026-03-02T01:30:00Z",
        "follow_url": "http://h/x",
    }
    server.script = [
        (502, "text/plain", b""),
        (200, "application/json", json.dumps(issued).encode()),
    ]
    with HubClient(server.url, token="t", retries=2, backoff=0.01) as client:
        assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A001"
    keys = {headers["Idempotency-Key"] for _m, _p, headers in server.seen}
    assert len(server.seen) == 2 and len(keys) == 1


def test_rejections_are_never_retried(server: Scripted) -> None:
    server.script = [problem(422, "validation_failed", "填写的信息有误。")] * 3
    with (
        HubClient(server.url, token="t", retries=2, backoff=0.01) as client,
        pytest.raises(HubRejected),
    ):
        client.list_ticket_categories()
    assert len(server.seen) == 1


def test_non_idempotent_writes_are_sent_once(server: Scripted) -> None:
    server.script = [(503, "text/plain", b""), (200, "application/json", b"{}")]
    with (
        HubClient(server.url, token="t", retries=2, backoff=0.01) as client,
        pytest.raises(HubFailure),
    ):
        client.transition_case("c1", CaseTransition(action=CaseAction.ACCEPT))  # no key
    assert len(server.seen) == 1
    assert "Idempotency-Key" not in server.seen[0][2]


def test_a_calling_click_is_retried_with_its_one_key(server: Scripted) -> None:
    """Calling a number twice would call two citizens: a retried click carries the same key,
    so the hub answers the retry with the first call."""
    server.script = [(503, "text/plain", b""), (503, "text/plain", b"")]
    with (
        HubClient(server.url, token="t", retries=1, backoff=0.01) as client,
        pytest.raises(HubFailure),
    ):
        client.call_next("W01")
    keys = {headers["Idempotency-Key"] for _m, _p, headers in server.seen}
    assert len(server.seen) == 2 and len(keys) == 1
