"""The catalog cache: fetched from the hub, refreshed by version, used offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.catalog_cache import CatalogCache, CatalogUnavailable


def test_cache_refreshes_by_version_and_serves_offline(tmp_path: Path) -> None:
    hub = EmbeddedHub(tmp_path / "hub")
    hub.start()
    token = hub.register_terminal("T-CAT")
    client = HubClient(hub.base_url, token=token, connect_timeout=1.0, retries=0)
    try:
        cache = CatalogCache(client, tmp_path / "cache")
        first = cache.refresh()
        assert first.changed and not first.from_cache
        assert cache.item("QR00240001-990101-GA") is not None
        assert not cache.refresh().changed  # same version: nothing rewritten
        item = cache.item("GG00515001-990101-WJ")
        assert item is not None
        renamed = item.model_copy(update={"name": "生育登记服务（新）"})
        admin = HubClient(hub.base_url, token=hub.admin_token, retries=0)
        admin._t.request("PUT", "/catalog/items", json_body=[renamed.model_dump(mode="json")])
        admin.close()
        second = cache.refresh()
        assert second.changed and second.version != first.version
        hub.stop()
        # A new cache object (a restarted terminal) while the hub is down: from the file.
        offline = CatalogCache(client, tmp_path / "cache")
        result = offline.refresh()
        assert result.from_cache and result.version == second.version
        assert offline.item("GG00515001-990101-WJ").name == "生育登记服务（新）"  # type: ignore[union-attr]
        assert all(i.self_service for i in offline.self_service_items())
        with pytest.raises(CatalogUnavailable):
            CatalogCache(client, tmp_path / "empty").refresh()
    finally:
        client.close()
        hub.stop()
