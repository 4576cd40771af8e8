"""Catalog refresh figures: time and body bytes of ``CatalogCache.refresh()`` over HTTP on loopback.

Three cases against the embedded hub with the sample catalog: unchanged with the cached copy's
ETag (a 304, no body), unchanged without an ETag (what every refresh cost before: the whole
catalog downloaded to compare versions), and changed (an item renamed at the hub first).

Run: PYTHONPATH=. python bench/catalog.py  (about 10 s)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub.catalog import load_catalog, store_items
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.catalog_cache import CatalogCache, RefreshResult

REPEAT = 20


def measure(
    cache: CatalogCache, before: Callable[[int], None], check: Callable[[RefreshResult], bool]
) -> tuple[float, int]:
    samples: list[float] = []
    sizes: list[int] = []
    for run in range(REPEAT + 1):
        before(run)
        start = time.perf_counter()
        result = cache.refresh()
        elapsed = (time.perf_counter() - start) * 1000
        assert check(result), result
        if run:  # the first run warms the connection pool
            samples.append(elapsed)
            sizes.append(result.downloaded)
    return statistics.median(samples), int(statistics.median(sizes))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        hub = EmbeddedHub(Path(tmp) / "hub")
        hub.start()
        client = HubClient(hub.base_url, token=hub.register_terminal("BENCH-CAT"), retries=0)
        try:
            cache = CatalogCache(client, Path(tmp) / "cache")
            cache.refresh()
            items = len(cache.catalog.items)
            item = load_catalog(hub.context).items[0]

            def nothing(_run: int) -> None:
                pass

            def forget_etag(_run: int) -> None:
                cache.etag_path.unlink(missing_ok=True)

            def rename(run: int) -> None:
                store_items(
                    hub.context,
                    [item.model_copy(update={"name": f"{item.name}{run}"})],
                    replace=False,
                )

            rows = [
                ("unchanged, ETag sent (304)", nothing, lambda r: r.not_modified),
                ("unchanged, no ETag (before)", forget_etag, lambda r: not r.changed),
                ("changed (item renamed)", rename, lambda r: r.changed),
            ]
            print(f"catalog refresh over HTTP on loopback ({items} items, {REPEAT} runs, median)")
            for name, before, check in rows:
                ms, size = measure(cache, before, check)
                print(f"  {name:30s} {ms:6.1f} ms  {size:7d} bytes of body")
        finally:
            client.close()
            hub.stop()


if __name__ == "__main__":
    main()
