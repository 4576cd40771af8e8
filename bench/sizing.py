"""How much one hub serves (docs/sizing.md): tickets and heartbeats, measured (printed, not
asserted).

    PYTHONPATH=. python bench/sizing.py [--pg URL] [--tickets 2000] [--clients 50]
                                        [--terminals 400] [--seconds 8]

``--pg``: a PostgreSQL server whose databases this may create and drop, e.g. ``make test``'s
throwaway one::

    bash tools/with-test-services.sh sh -c 'python bench/sizing.py --pg "$KIOSK_TEST_PG_SERVER"'

Without it only SQLite is measured.

1. Tickets: ``--tickets`` requests from ``--clients`` concurrent clients (each on its own kept-alive
   connection) on one hub process on SQLite, one on PostgreSQL and two worker processes on
   PostgreSQL (``kiosk hub serve --workers 2``); beside the least FastAPI + sqlite3 can do
   (bench/minimal_endpoint.py), all in this run.
2. Heartbeats: ``--terminals`` terminals send heartbeats (five devices each, as a kiosk's) at a
   stepped total rate, open loop (each request leaves at its scheduled time whether or not the
   earlier ones were answered, so a slow hub shows as latency, not as a slower client); the
   highest rate at which the p99 stays under 50 ms, for the same hubs, beside the minimal
   endpoint at the same rates. At one heartbeat a minute, a rate of R per second is 60 R
   terminals.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RATES = (25, 35, 50, 70, 100, 140, 200, 280, 400, 560, 800)  # heartbeats a second, in all
P99_LIMIT = 0.050


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _url_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if " on http" not in line:
        raise SystemExit(f"the server did not start: {line!r}")
    return line.rsplit(" ", 1)[1]


@contextlib.contextmanager
def hub(db_url: str, data: Path, workers: int, terminals: int) -> Iterator[tuple[str, list[str]]]:
    """``kiosk hub serve`` on ``db_url``: its URL and ``terminals`` tokens (the first issues
    tickets), once it answers."""
    from sqlalchemy import update

    from contract.models import TerminalMode, TerminalRegistration
    from hub.app import create_app
    from hub.auth import register_terminal
    from hub.db import TicketCategoryRow

    ctx = create_app(db_url, seed_sample=True).state.hub
    tokens = [
        register_terminal(
            ctx, TerminalRegistration(terminal_id=f"SIZE-{n:04d}", mode=TerminalMode.HALL)
        ).token
        for n in range(terminals)
    ]
    with ctx.transaction() as session:  # a big hall's day: no queue runs out of numbers
        session.execute(update(TicketCategoryRow).values(range_end=99999, daily_cap=None))
    ctx.engine.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "kiosk", "hub", "serve", "--db", db_url, "--port", "0",
               "--data-dir", str(data), "--workers", str(workers)]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        url = _url_line(proc)
        _wait_until_answering(url)
        yield url, tokens
    finally:
        proc.terminate()
        proc.wait(30)
        assert proc.stdout is not None
        proc.stdout.close()


@contextlib.contextmanager
def minimal(work: Path) -> Iterator[str]:
    """bench/minimal_endpoint.py (FastAPI + sqlite3, one insert per POST /tickets)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = [sys.executable, str(ROOT / "bench" / "minimal_endpoint.py"), "sqlite3"]
    proc = subprocess.Popen([*script, str(work / "minimal.db")], stdout=subprocess.PIPE, text=True,
                            env=env)  # fmt: skip
    try:
        yield _url_line(proc)
    finally:
        proc.terminate()
        proc.wait(30)
        assert proc.stdout is not None
        proc.stdout.close()


def _wait_until_answering(url: str) -> None:
    import requests

    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{url}/api/v1/identity-codes/public-key", timeout=5).raise_for_status()
            return
        except requests.RequestException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# -- 1. tickets ---------------------------------------------------------------------------------


def closed_loop(
    url: str, headers: dict[str, str], total: int, clients: int
) -> tuple[float, list[float]]:
    """``total`` ticket requests from ``clients`` threads, each as fast as answered:
    (seconds in all, each request's latency)."""
    import requests

    sessions = [requests.Session() for _ in range(clients)]
    categories = ["general", "social_security", "business"]

    def run(i: int) -> list[float]:
        times = []
        for j in range(total // clients):
            start = time.perf_counter()
            body = {"category_code": categories[(i + j) % 3]}
            sessions[i].post(url, json=body, headers=headers, timeout=60).raise_for_status()
            times.append(time.perf_counter() - start)
        return times

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = [t for times in pool.map(run, range(clients)) for t in times]
    elapsed = time.perf_counter() - began
    for session in sessions:
        session.close()
    return elapsed, latencies


def tickets(url: str, headers: dict[str, str], total: int, clients: int) -> str:
    closed_loop(url, headers, clients * 2, clients)  # connections open, code warm
    elapsed, latencies = closed_loop(url, headers, total, clients)
    return (
        f"{len(latencies) / elapsed:5.0f}/s, p50 {percentile(latencies, 50) * 1000:4.0f} ms,"
        f" p99 {percentile(latencies, 99) * 1000:4.0f} ms"
    )


# -- 2. heartbeats ------------------------------------------------------------------------------


def heartbeat_body() -> dict[str, Any]:
    from contract.models import DeviceHealthReport, Heartbeat

    devices = [
        DeviceHealthReport(device=name, state="ok")
        for name in ("printer", "idcard", "camera", "a4_printer", "voice")
    ]
    return Heartbeat(devices=devices, outbox_depth=0, software_version="0.11.0",
                     uptime_seconds=3600).model_dump(mode="json")  # fmt: skip


def open_loop(
    send: Callable[[Any, int], None], rate: float, seconds: float, threads: int = 64
) -> tuple[float, float, int]:
    """Requests scheduled ``rate`` per second for ``seconds``; each one's latency counted from
    its scheduled time. (p50, p99, failures)."""
    import requests

    total = int(rate * seconds)
    start = time.perf_counter() + 0.2
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    next_index = iter(range(total))

    def worker() -> None:
        nonlocal failures
        with requests.Session() as session:
            while True:
                with lock:
                    n = next(next_index, None)
                if n is None:
                    return
                due = start + n / rate
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                try:
                    send(session, n)
                    ok = True
                except requests.RequestException:
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - due)
                    failures += not ok

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return percentile(latencies, 50), percentile(latencies, 99), failures


def heartbeat_sender(url: str, tokens: list[str]) -> Callable[[Any, int], None]:
    body = heartbeat_body()
    headers = [{"Authorization": f"Bearer {token}"} for token in tokens]
    target = f"{url}/api/v1/terminals/me/heartbeat"

    def send(session: Any, n: int) -> None:
        session.post(
            target, json=body, headers=headers[n % len(headers)], timeout=10
        ).raise_for_status()

    return send


def minimal_sender(url: str) -> Callable[[Any, int], None]:
    def send(session: Any, n: int) -> None:
        session.post(f"{url}/tickets", json={"category_code": "hb"}, timeout=10).raise_for_status()

    return send


def stepped(send: Callable[[Any, int], None], seconds: float) -> tuple[int, str]:
    """Each rate of RATES until the p99 passes the limit: the highest rate held, each step's
    p99."""
    held = 0
    cells = []
    for rate in RATES:
        _, p99, failures = open_loop(send, rate, seconds)
        cells.append(
            f"{rate}/s p99 {p99 * 1000:.0f} ms" + (f" ({failures} failed)" if failures else "")
        )
        if p99 > P99_LIMIT or failures:
            break
        held = rate
    return held, "; ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", help="a PostgreSQL server URL whose databases may be created")
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--terminals", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hubs: list[tuple[str, str, int]] = [
            ("one hub process on SQLite", f"sqlite:///{work / 'hub.sqlite3'}", 1)
        ]
        if args.pg:
            hubs += [
                ("one hub process on PostgreSQL", _pg_database(args.pg, "yimen_size_1"), 1),
                ("two hub processes on PostgreSQL", _pg_database(args.pg, "yimen_size_2"), 2),
            ]
        ticket_rows: list[tuple[str, str]] = []
        heartbeat_rows: list[tuple[str, int, str]] = []
        with minimal(work) as url:
            baseline = "minimal FastAPI + sqlite3 (baseline)"
            ticket_rows.append(
                (baseline, tickets(f"{url}/tickets", {}, args.tickets, args.clients))
            )
            heartbeat_rows.append((baseline, *stepped(minimal_sender(url), args.seconds)))
        for name, db_url, workers in hubs:
            data = work / name.replace(" ", "-")
            data.mkdir()
            with hub(db_url, data, workers, args.terminals) as (url, tokens):
                auth = {"Authorization": f"Bearer {tokens[0]}"}
                ticket_rows.append(
                    (name, tickets(f"{url}/api/v1/tickets", auth, args.tickets, args.clients))
                )
                heartbeat_rows.append((name, *stepped(heartbeat_sender(url, tokens), args.seconds)))
    print(f"tickets: {args.tickets} from {args.clients} concurrent clients, each kept alive")
    for name, figures in ticket_rows:
        print(f"  {name}: {figures}")
    print(
        f"heartbeats from {args.terminals} terminals, open loop, {args.seconds:.0f} s a step:"
        f" the highest rate with p99 under {P99_LIMIT * 1000:.0f} ms (terminals at one a minute)"
    )
    for name, rate, steps in heartbeat_rows:
        print(f"  {name}: {rate}/s ({rate * 60} terminals) [{steps}]")


def _pg_database(server: str, name: str) -> str:
    """A fresh database ``name`` on ``server``; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    main()
