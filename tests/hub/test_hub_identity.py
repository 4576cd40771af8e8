"""Identity codes: signed by the hub, carrying no personal data, resolved with distinct errors."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from contract import payloads
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

NAME = "陈小红"
ID_NUMBER = "11010519491231002X"


def test_issue_and_resolve(hub: EmbeddedHub, client: HubClient) -> None:
    code = hub.issue_identity_code(NAME, ID_NUMBER)
    resolved = client.resolve_identity_code(code)
    assert (resolved.name, resolved.id_number) == (NAME, ID_NUMBER)
    assert (resolved.expires_at - resolved.issued_at).total_seconds() == 120


def test_code_holds_no_personal_data(hub: EmbeddedHub) -> None:
    code = hub.issue_identity_code(NAME, ID_NUMBER)
    assert code.startswith("YM1:I:")
    body = code.removeprefix("YM1:I:")
    raw = base64.b32decode(body + "=" * (-len(body) % 8))
    for secret in (NAME.encode(), NAME.encode("utf-16-le"), ID_NUMBER.encode()):
        assert secret not in raw and secret.decode(errors="ignore") not in code
    assert raw[0] == 16  # only a 16-byte opaque subject


def test_expired_and_invalid_are_told_apart(
    hub: EmbeddedHub, client: HubClient, clock: Any
) -> None:
    code = hub.issue_identity_code(NAME, ID_NUMBER, ttl_seconds=60)
    clock.advance(seconds=61)
    with pytest.raises(HubRejected) as info:
        client.resolve_identity_code(code)
    assert (info.value.status, info.value.code) == (410, "identity_code_expired")
    assert "刷新" in info.value.citizen_message

    fresh = hub.issue_identity_code(NAME, ID_NUMBER)
    flipped = fresh[:-3] + ("A" if fresh[-3] != "A" else "B") + fresh[-2:]
    forged = payloads.identity_code(
        b"0123456789abcdef", Ed25519PrivateKey.generate(), now=clock(), ttl=60
    )
    for text in (flipped, forged, "YM1:A:ABC123:X", "hello", "YM1:I:"):
        with pytest.raises(HubRejected) as info:
            client.resolve_identity_code(text)
        assert (info.value.status, info.value.code) == (422, "identity_code_invalid"), text


def test_issuing_needs_the_admin_token(hub: EmbeddedHub, client: HubClient) -> None:
    url = f"{hub.base_url}/api/v1/identity-codes"
    body = {"name": NAME, "id_number": ID_NUMBER}
    token = {"Authorization": f"Bearer {hub.register_terminal('kiosk-x')}"}
    assert requests.post(url, json=body, headers=token, timeout=10).status_code == 403
    admin = {"Authorization": f"Bearer {hub.admin_token}"}
    issued = requests.post(url, json=body, headers=admin, timeout=10)
    assert issued.status_code == 201
    assert client.resolve_identity_code(issued.json()["code"]).name == NAME


def test_public_key_verifies_codes_offline(hub: EmbeddedHub, client: HubClient, clock: Any) -> None:
    key = client.identity_public_key()
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key.public_key))
    code = hub.issue_identity_code(NAME, ID_NUMBER)
    parsed = payloads.classify(code, identity_public_key=public, now=clock())
    assert parsed.status is payloads.PayloadStatus.VALID and len(key.key_id) == 16


def test_signing_key_is_private_and_survives_restart(tmp_path: Path) -> None:
    with EmbeddedHub(tmp_path) as first:
        code = first.issue_identity_code(NAME, ID_NUMBER, ttl_seconds=3600)
        token = first.register_terminal("kiosk-01")
    key_file = tmp_path / "identity-ed25519.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600
    with EmbeddedHub(tmp_path) as second, HubClient(second.base_url, token=token) as client:
        assert client.resolve_identity_code(code).id_number == ID_NUMBER
