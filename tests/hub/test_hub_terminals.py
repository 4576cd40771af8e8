"""Terminal registration (admin token) and heartbeat with device health and outbox depth."""

from __future__ import annotations

from typing import Any

import requests

from contract.models import DeviceHealthReport, Heartbeat
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient


def test_register_needs_the_admin_token(hub: EmbeddedHub) -> None:
    url = f"{hub.base_url}/api/v1/terminals"
    body = {"terminal_id": "kiosk-new", "mode": "community", "site_code": "street-hubin"}
    refused = requests.post(url, json=body, headers={"Authorization": "Bearer nope"}, timeout=10)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    ok = requests.post(
        url, json=body, headers={"Authorization": f"Bearer {hub.admin_token}"}, timeout=10
    )
    assert ok.status_code == 201
    token = ok.json()["token"]
    with HubClient(hub.base_url, token=token) as client:
        assert client.list_ticket_categories()


def test_heartbeat_records_health_and_outbox_depth(
    hub: EmbeddedHub, client: HubClient, clock: Any
) -> None:
    ack = client.heartbeat(
        Heartbeat(
            devices=[
                DeviceHealthReport(device="printer", state="failed", reason="paper_out"),
                DeviceHealthReport(device="idcard", state="ok"),
            ],
            outbox_depth=3,
            software_version="0.1.0",
        )
    )
    assert ack.terminal_id == "kiosk-01" and ack.received_at == clock()
    status = requests.get(
        f"{hub.base_url}/api/v1/terminals/kiosk-01",
        headers={"Authorization": f"Bearer {hub.admin_token}"},
        timeout=10,
    ).json()
    assert status["outbox_depth"] == 3
    assert status["devices"][0] == {"device": "printer", "state": "failed", "reason": "paper_out"}
    assert status["last_seen_at"].startswith("2026-03-02T01:30")


def test_terminal_overview_for_admins(hub: EmbeddedHub, client: HubClient) -> None:
    client.heartbeat(Heartbeat(outbox_depth=0))
    hub.register_terminal("kiosk-02")
    url = f"{hub.base_url}/api/v1/terminals"
    listed = requests.get(
        url, headers={"Authorization": f"Bearer {hub.admin_token}"}, timeout=10
    ).json()
    assert [(t["terminal_id"], t["outbox_depth"]) for t in listed] == [
        ("kiosk-01", 0),
        ("kiosk-02", None),
    ]
    token = hub.register_terminal("kiosk-03")
    refused = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert refused.status_code == 403
