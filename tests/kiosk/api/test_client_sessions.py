"""The client reuses its HTTP sessions across worker threads instead of piling them up."""

from __future__ import annotations

import threading
from pathlib import Path

from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient


def test_short_lived_threads_share_a_few_sessions(tmp_path: Path) -> None:
    with EmbeddedHub(tmp_path) as hub:
        token = hub.register_terminal("K-SESSIONS")
        with HubClient(hub.base_url, token=token) as client:
            for _ in range(30):  # one short-lived thread per job, as worker pools do
                worker = threading.Thread(target=client.list_ticket_categories)
                worker.start()
                worker.join(10)
            assert client._t.session_count == 1
