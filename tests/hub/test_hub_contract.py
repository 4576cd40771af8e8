"""The published contract: OpenAPI served and identical to the committed copy; a restarted hub
keeps its data (migrations: test_hub_migrations.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from hub.embedded import EmbeddedHub
from hub.openapi import COMMITTED, render
from kiosk.api.client import HubClient


def test_served_openapi_matches_the_committed_copy(hub: EmbeddedHub) -> None:
    response = requests.get(f"{hub.base_url}/api/v1/openapi.json", timeout=10)
    assert response.status_code == 200
    served = render(response.json())
    assert served == COMMITTED.read_text(encoding="utf-8"), (
        "The API contract changed: review it, then run `kiosk hub openapi --write`."
    )


def test_every_operation_documents_problem_answers() -> None:
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            errors = {code for code in operation["responses"] if code.startswith(("4", "5"))}
            assert errors, f"{method.upper()} {path} documents no error answers"
            for code in errors:
                content = operation["responses"][code]["content"]
                assert "application/problem+json" in content or "application/json" in content


def test_a_restarted_hub_keeps_its_data_and_secrets(tmp_path: Path) -> None:
    from contract.models import TicketIssueRequest

    with EmbeddedHub(tmp_path) as first:
        token = first.register_terminal("kiosk-01")
        admin = first.admin_token
        with HubClient(first.base_url, token=token) as client:
            assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A001"
    with EmbeddedHub(tmp_path) as second:
        assert second.admin_token == admin
        assert (tmp_path / "admin-token").stat().st_mode & 0o777 == 0o600
        for database_file in tmp_path.glob("hub.sqlite3*"):  # names and ID numbers live here
            assert database_file.stat().st_mode & 0o077 == 0, database_file
        with HubClient(second.base_url, token=token) as client:
            assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A002"


def test_embedded_hub_that_cannot_start_says_so(tmp_path: Path) -> None:
    from hub.embedded import TlsFiles

    broken = TlsFiles(tmp_path / "missing.pem", tmp_path / "missing.key")
    hub = EmbeddedHub(tmp_path / "hub", tls=broken)
    with pytest.raises(RuntimeError, match="did not start"):
        hub.start()
    hub.stop()  # idempotent after a failed start


def test_wrong_method_and_crashes_are_problems_too(hub: EmbeddedHub) -> None:
    response = requests.delete(f"{hub.base_url}/api/v1/ticket-categories", timeout=10)
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "method_not_allowed"


def test_an_unexpected_error_is_a_500_problem_without_details() -> None:
    import anyio
    import httpx

    from hub.app import create_app

    app = create_app("sqlite://")

    def boom() -> None:
        raise RuntimeError("secret internal detail 11010519491231002X")

    app.add_api_route("/api/v1/boom", boom)

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            return await client.get("/api/v1/boom")

    response = anyio.run(call)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "internal_error" and "稍后再试" in body["detail"]
    assert "secret" not in response.text and "1101" not in response.text


def test_the_document_declares_auth_and_problem_errors() -> None:
    """A platform implementing the contract learns the auth and the error shape from it."""
    from hub.openapi import current_document

    document = current_document()
    schemes = document["components"]["securitySchemes"]
    # Bearer tokens, and the 12345 platform's signed updates (投诉建议).
    assert {s.get("scheme", s["type"]) for s in schemes.values()} == {"bearer", "apiKey"}
    operations = {
        (method.upper(), path): op
        for path, ops in document["paths"].items()
        for method, op in ops.items()
    }
    public = {
        ("GET", "/api/v1/identity-codes/public-key"),
        ("GET", "/api/v1/tickets/{ticket_id}"),
        ("GET", "/api/v1/audit/head"),  # signed heads hold hashes only: for any notary
        ("GET", "/api/v1/audit/heads/{day}"),
    }
    for key, op in operations.items():
        assert bool(op.get("security")) is (key not in public), key
        for status, response in op["responses"].items():
            if int(status) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (key, status)
        if "requestBody" in op:
            assert "400" in op["responses"], key
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_malformed_bodies_and_odd_queries_are_problems_not_crashes(hub: EmbeddedHub) -> None:
    headers = {"Authorization": f"Bearer {hub.register_terminal('K-ODD')}"}
    url = f"{hub.base_url}/api/v1"
    for body in ("{", "[" * 5000 + "]" * 5000):
        sent = requests.post(
            f"{url}/tickets",
            data=body,
            headers={**headers, "Content-Type": "application/json"},
            timeout=10,
        )
        assert sent.status_code == 400, sent.text
        assert sent.headers["content-type"].startswith("application/problem+json")
        assert sent.json()["code"] == "malformed_body"
    odd = requests.get(f"{url}/catalog", params={"site": "é中"}, headers=headers, timeout=10)
    assert (odd.status_code, odd.json()["code"]) == (422, "validation_failed")
