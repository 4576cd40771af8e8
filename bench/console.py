"""The web console's pages in Chromium over a simulated year of a district: how long each page
takes to load (navigation start to the load event, as the browser measures it), beside a
baseline measured in the same run: the sign-in page, a page of the same hub with no report.

    PYTHONPATH=. .venv/bin/python bench/console.py [--db PATH]

The year is the one bench/reports.py builds and keeps in ~/.cache/yimen/ (run that first);
``--db`` takes another copy of it. The finished days' figures are kept before timing (what
the hub's background keeper does), so that the pages measure what a manager meets.
Each page is loaded once to warm up, then REPEAT times; the median is printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hub import managers, reports  # noqa: E402
from hub.embedded import EmbeddedHub  # noqa: E402
from tests.e2e.browser import chromium  # noqa: E402

REPEAT = 5
PASSWORD = "bench-password-1"
YEAR, MONTH = "from=2025-01-01&to=2025-12-31", "from=2025-11-01&to=2025-11-30"
PAGES = {
    "queue, month, by site": f"queue?{MONTH}&by=site",
    "queue, month, a hall by window": f"queue?{MONTH}&by=window&site=hall-01",
    "queue, year, by day (365 bars)": f"queue?{YEAR}&by=day",
    "queue, year, by item": f"queue?{YEAR}&by=item",
    "ratings, year, by window": f"ratings?{YEAR}&by=window",
    "ratings, year, by hour": f"ratings?{YEAR}&by=hour",
    "cases, year, by site": f"cases?{YEAR}&by=site",
    "cases, year, by department": f"cases?{YEAR}&by=department",
    "performance, November": f"performance?{MONTH}&by=site",
    "performance, November, departments": f"performance?{MONTH}&by=department",
}
LOAD_MS = """
const n = performance.getEntriesByType('navigation')[0];
return n.loadEventEnd - n.startTime;
"""


def load_ms(browser: Any, url: str) -> float:
    browser.get(url)
    return float(browser.execute_script(LOAD_MS))


def median_ms(browser: Any, url: str) -> float:
    load_ms(browser, url)
    return statistics.median(load_ms(browser, url) for _ in range(REPEAT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cache = Path.home() / ".cache" / "yimen" / "bench-district-2026-600000-150000.sqlite3"
    parser.add_argument("--db", type=Path, default=cache, help="the simulated year (SQLite)")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"{args.db} is missing: build the year with bench/reports.py first")
        return 2
    after = datetime(2026, 1, 5, 2, tzinfo=UTC)  # the Monday after the year
    with EmbeddedHub(args.db.parent / "console-bench", db_url=f"sqlite:///{args.db}",
                     clock=lambda: after) as hub:  # fmt: skip
        ctx = hub.context
        started = time.perf_counter()
        kept = reports.keep_finished_days(ctx, date(2025, 1, 1), date(2025, 12, 31))
        print(f"finished days' figures kept: {kept} days in {time.perf_counter() - started:.1f} s")
        managers.add_manager(ctx, "bench", "基准", [], PASSWORD)
        with chromium() as browser:
            browser.get(f"{hub.base_url}/console/sign-in")
            browser.find_element("id", "login").send_keys("bench")
            browser.find_element("id", "password").send_keys(PASSWORD)
            browser.find_element("id", "sign-in").click()
            baseline = median_ms(browser, f"{hub.base_url}/console/sign-in")
            print(f"{'page':<34} {'load ms':>8}  {'× baseline':>10}")
            print(f"{'baseline: the sign-in page':<34} {baseline:8.0f}  {1:10.1f}")
            for label, path in PAGES.items():
                ms = median_ms(browser, f"{hub.base_url}/console/reports/{path}")
                print(f"{label:<34} {ms:8.0f}  {ms / baseline:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
