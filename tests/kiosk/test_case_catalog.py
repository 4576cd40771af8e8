"""The catalog cache: fetched from the hub, refreshed by version, used offline."""

from __future__ import annotations

import contextlib
import socket
import threading
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


class CountingRelay:
    """A TCP relay in front of the hub that counts the bytes the hub sends back and the
    requests (by their request line) that pass: what a refresh costs on the wire."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.bytes_down = 0
        self.catalog_requests = 0
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._conns: list[socket.socket] = []
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def reset(self) -> None:
        with self._lock:
            self.bytes_down = self.catalog_requests = 0

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
            self._conns += [client, upstream]
            for args in ((client, upstream, False), (upstream, client, True)):
                thread = threading.Thread(target=self._pump, args=args, daemon=True)
                thread.start()
                self._threads.append(thread)

    def _pump(self, source: socket.socket, sink: socket.socket, down: bool) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    if down:
                        self.bytes_down += len(data)
                    elif data.startswith(b"GET /api/v1/catalog"):
                        self.catalog_requests += 1
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone would not)
        self._sock.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        for thread in self._threads:
            thread.join(10)


NEW_ITEM = """
[[items]]
code = "GG00999004-990101-TY"
basic_code = "GG00999004"
name = "全民健身场地开放预约"
item_type = "公共服务"
legal_basis = "《全民健身条例》第二十八条"
level = "县级"
department = "示例区体育局"
promised_days = 0
channels = ["kiosk"]
self_service = true
form = [{ name = "sports", label = "项目", kind = "multi_select", options = ["游泳", "羽毛球"] }]
"""


def test_second_refresh_is_a_304_without_body_and_an_import_is_picked_up(tmp_path: Path) -> None:
    from hub.catalog import import_catalog_file

    hub = EmbeddedHub(tmp_path / "hub")
    hub.start()
    relay = CountingRelay(int(hub.base_url.rsplit(":", 1)[1]))
    client = HubClient(relay.url, token=hub.register_terminal("T-ETAG"), retries=0)
    try:
        cache = CatalogCache(client, tmp_path / "cache")
        first = cache.refresh()
        assert first.changed and first.downloaded > 10_000
        assert relay.bytes_down > first.downloaded  # the body crossed the wire, with headers
        assert cache.etag_path.read_text(encoding="ascii").startswith(f'"{first.version}-')

        relay.reset()
        second = cache.refresh()
        assert second.not_modified and not second.changed and second.downloaded == 0
        assert relay.catalog_requests == 1 and relay.bytes_down < 1_000  # headers, no body

        # A restarted terminal sends the stored ETag: still no body.
        relay.reset()
        restarted = CatalogCache(client, tmp_path / "cache")
        assert restarted.refresh().not_modified and relay.bytes_down < 1_000
        assert restarted.item("QR00240001-990101-GA") is not None

        # An item imported at the hub: a new version, fetched in full, ETag replaced.
        (tmp_path / "new.toml").write_text(NEW_ITEM, encoding="utf-8")
        import_catalog_file(hub.context, tmp_path / "new.toml")
        relay.reset()
        third = cache.refresh()
        assert third.changed and third.version != first.version
        assert relay.bytes_down > third.downloaded > 10_000
        assert cache.item("GG00999004-990101-TY") is not None
        assert cache.etag_path.read_text(encoding="ascii").startswith(f'"{third.version}-')
        assert CatalogCache(client, tmp_path / "cache").item("GG00999004-990101-TY") is not None

        # A damaged cache file is never vouched for by its ETag: fetched in full again.
        cache.path.write_text("{not json", encoding="utf-8")
        healed = CatalogCache(client, tmp_path / "cache").refresh()
        assert healed.changed and not healed.not_modified and healed.version == third.version
    finally:
        client.close()
        relay.close()
        hub.stop()
