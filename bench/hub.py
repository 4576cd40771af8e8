"""Hub and outbox figures (printed, not asserted).

    PYTHONPATH=. python bench/hub.py [--tickets 1000] [--clients 50] [--cases 100]

0. One small GET on a kept-alive connection, beside the same GET on a new connection each time
   (a keep-alive request must not wait for a delayed ACK: the hub's sockets set TCP_NODELAY).
1. Tickets per second and p50/p99 latency, 50 concurrent clients, hub on SQLite in its own
   process (``kiosk hub serve``), clients in this one; beside the same load on the least a
   FastAPI + SQLite endpoint can do, served the same way (bench/minimal_endpoint.py).
1b. The hub's own cost of one ticket (in-process, no HTTP): the median of tickets 10-110 and of
   the last 100 of a 10,000-ticket day, with the people ahead served as the day goes on (a hall's
   day, compressed).
2. Outbox drain rate: cases (three 4 KB materials each) written while offline, then drained as a
   terminal's sender drains them (several cases in flight; each case one request with its
   materials, POST /cases/with-materials).
3. A case with two 1 MB materials: time from outbox submit to the hub's acknowledgement.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contract.models import (  # noqa: E402
    CaseCreate,
    DeliveryMethod,
    MaterialDeclaration,
    Person,
    TicketIssueRequest,
)
from kiosk.api.client import HubClient  # noqa: E402
from kiosk.outbox.sender import OutboxSender  # noqa: E402
from kiosk.outbox.store import Outbox  # noqa: E402


def start_hub(data: Path) -> tuple[subprocess.Popen[str], str, str]:
    db = f"sqlite:///{data / 'hub.sqlite3'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kiosk = [sys.executable, "-m", "kiosk", "hub"]
    token = subprocess.run(
        [*kiosk, "register-terminal", "bench-01", "--db", db, "--data-dir", str(data)],
        check=True, capture_output=True, text=True, env=env,
    ).stdout.strip()  # fmt: skip
    proc = subprocess.Popen(
        [*kiosk, "serve", "--db", db, "--data-dir", str(data), "--port", "0", "--sample"],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    url = proc.stdout.readline().strip().rsplit(" ", 1)[1]
    return proc, url, token


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_keepalive(url: str, rounds: int = 50) -> None:
    import requests

    target = f"{url}/api/v1/identity-codes/public-key"  # public and small

    def timed(get: Callable[[], object]) -> float:
        start = time.perf_counter()
        get()
        return (time.perf_counter() - start) * 1000

    with requests.Session() as kept:
        kept.get(target).raise_for_status()  # the connection is open from here on
        alive = [timed(lambda: kept.get(target).raise_for_status()) for _ in range(rounds)]
    fresh = []
    for _ in range(rounds):
        with requests.Session() as new:
            fresh.append(timed(lambda s=new: s.get(target).raise_for_status()))
    print(
        f"GET, median of {rounds}: kept-alive connection {statistics.median(alive):.1f} ms,"
        f" new connection each time {statistics.median(fresh):.1f} ms (baseline)"
    )


def load(url: str, headers: dict[str, str], total: int, clients: int) -> tuple[float, list[float]]:
    """POST ``total`` ticket requests from ``clients`` threads, each on its own kept-alive
    connection: (seconds in all, each request's latency in seconds)."""
    import requests

    sessions = [requests.Session() for _ in range(clients)]
    per_client = total // clients
    categories = ["general", "social_security", "business"]

    def run(i: int) -> list[float]:
        times = []
        for j in range(per_client):
            start = time.perf_counter()
            body = {"category_code": categories[(i + j) % 3]}
            sessions[i].post(url, json=body, headers=headers, timeout=60).raise_for_status()
            times.append(time.perf_counter() - start)
        return times

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as executor:
        latencies = [t for times in executor.map(run, range(clients)) for t in times]
    elapsed = time.perf_counter() - began
    for session in sessions:
        session.close()
    return elapsed, latencies


def baseline(kind: str, work: Path, total: int, clients: int) -> tuple[float, list[float]]:
    """The same load on bench/minimal_endpoint.py in its own process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = [sys.executable, str(ROOT / "bench" / "minimal_endpoint.py"), kind]
    server = subprocess.Popen(
        [*script, str(work / f"{kind}.db")], stdout=subprocess.PIPE, text=True, env=env
    )
    assert server.stdout is not None
    try:
        url = server.stdout.readline().strip().rsplit(" ", 1)[1]
        load(f"{url}/tickets", {}, clients, clients)  # connections open, code warm
        return load(f"{url}/tickets", {}, total, clients)
    finally:
        server.terminate()
        server.wait(30)
        server.stdout.close()


def bench_tickets(url: str, token: str, work: Path, total: int, clients: int) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    load(f"{url}/api/v1/tickets", auth, clients, clients)
    rows = [
        ("hub POST /tickets", load(f"{url}/api/v1/tickets", auth, total, clients)),
        (
            "minimal: FastAPI + SQLAlchemy session, one insert",
            baseline("sqlalchemy", work, total, clients),
        ),
        ("minimal: FastAPI + sqlite3, one insert", baseline("sqlite3", work, total, clients)),
    ]
    print(f"tickets: {total} requests from {clients} concurrent clients, each kept alive")
    for name, (elapsed, latencies) in rows:
        print(
            f"  {name}: {len(latencies) / elapsed:.0f}/s,"
            f" p50 {percentile(latencies, 50) * 1000:.0f} ms,"
            f" p99 {percentile(latencies, 99) * 1000:.0f} ms"
        )
    hub_elapsed, hub_latencies = rows[0][1]
    for name, (elapsed, latencies) in rows[1:]:
        ratio = (len(hub_latencies) / hub_elapsed) / (len(latencies) / elapsed)
        p99 = percentile(hub_latencies, 99) / percentile(latencies, 99)
        label = name.split(",")[0].removeprefix("minimal: ")
        print(f"  hub / {label}: throughput {ratio:.2f}x (goal >= 0.6), p99 {p99:.2f}x (goal <= 2)")


def bench_ticket_cost(work: Path, total: int) -> None:
    from datetime import timedelta

    from sqlalchemy import select, update

    from contract.models import TerminalMode, TerminalRegistration
    from hub.app import create_app
    from hub.auth import register_terminal
    from hub.db import Terminal, Ticket, TicketCategoryRow
    from hub.tickets import issue

    ctx = create_app(f"sqlite:///{work / 'cost.sqlite3'}", seed_sample=True).state.hub
    registration = TerminalRegistration(terminal_id="cost-01", mode=TerminalMode.HALL)
    register_terminal(ctx, registration)
    with ctx.transaction() as session:
        terminal = session.execute(select(Terminal)).scalar_one()
        general = session.get(TicketCategoryRow, "general")
        assert general is not None
        general.range_end, general.daily_cap = 99999, None  # a big hall's day in one queue
    request = TicketIssueRequest(category_code="general")
    costs: list[float] = []
    for n in range(1, total + 1):
        start = time.perf_counter()
        issued = issue(ctx, terminal, request, None, "http://hall")
        costs.append(time.perf_counter() - start)
        if n % 50 == 0:  # the windows serve most of the queue as the day goes on
            now = ctx.now()
            with ctx.transaction() as session:
                session.execute(
                    update(Ticket)
                    .where(Ticket.state == "issued", Ticket.number != issued.number)
                    .values(state="done", started_at=now - timedelta(minutes=6), ended_at=now)
                )
    # Medians of a hundred: one ticket takes a millisecond or two, which a shared machine's
    # other work easily doubles for a few of them.
    early = statistics.median(costs[10:110]) * 1000
    late = statistics.median(costs[-100:]) * 1000
    print(
        f"one ticket, hub's own cost (median of 100): tickets 10-110 {early:.2f} ms,"
        f" the last 100 of {total:,} {late:.2f} ms ({late / early:.2f}x)"
    )


def business_case(tag: str, size: int) -> tuple[CaseCreate, dict[str, bytes]]:
    materials = {
        c: (tag + c).encode().ljust(size, b".") for c in ("application", "id_card", "premises")
    }
    return _case("XK00402001-990101-SJ", materials, DeliveryMethod.PICKUP, {
        "business_scope": "零售", "premises_address": "城东街道1号", "phone": "13800138000",
    })  # fmt: skip


def _case(
    item: str, materials: dict[str, bytes], delivery: DeliveryMethod, form: dict[str, str]
) -> tuple[CaseCreate, dict[str, bytes]]:
    declared = [
        MaterialDeclaration(code=c, name=c, sha256=hashlib.sha256(b).hexdigest(), size=len(b))
        for c, b in materials.items()
    ]
    person = Person(name="测试", id_number="11010519491231002X")
    case = CaseCreate(
        item_code=item, applicant=person, form=form, materials=declared, delivery=delivery
    )
    return case, materials


def bench_outbox(url: str, token: str, work: Path, count: int) -> None:
    with Outbox(work / "drain.sqlite3", work / "drain.key", terminal_id="bench-01") as outbox:
        began = time.perf_counter()
        for i in range(count):
            outbox.submit(*business_case(str(i), 4096))
        written = time.perf_counter() - began
        with HubClient(url, token=token) as client:
            began = time.perf_counter()
            report = OutboxSender(outbox, client).drain()
            drained = time.perf_counter() - began
    assert report.delivered == count, report
    print(
        f"outbox: {count} cases written offline in {written:.1f} s ({count / written:.0f} cases/s)"
    )
    print(
        f"  drained in {drained:.1f} s: {count / drained:.1f} cases/s"
        " (each: one request with its 3 materials; goal >= 100)"
    )


def bench_big_case(url: str, token: str, work: Path, rounds: int = 5) -> None:
    durations = []
    with (
        Outbox(work / "big.sqlite3", work / "big.key", terminal_id="bench-01") as outbox,
        HubClient(url, token=token) as client,
    ):
        sender = OutboxSender(outbox, client)
        for i in range(rounds):
            materials = {
                "id_card": os.urandom(1024 * 1024),
                "hukou": os.urandom(1024 * 1024),
            }
            case, _ = _case("GG00131002-990101-YB", materials, DeliveryMethod.ELECTRONIC, {
                "phone": "13800138000", "residence": f"湖滨街道{i}号",
            })  # fmt: skip
            began = time.perf_counter()
            entry = outbox.submit(case, materials).entry_id
            sender.drain()
            assert outbox.receipt(entry).case_number is not None
            durations.append(time.perf_counter() - began)
    print(
        f"case with two 1 MB materials, submit -> hub acknowledged: median"
        f" {statistics.median(durations) * 1000:.0f} ms, max {max(durations) * 1000:.0f} ms"
        f" over {rounds} cases"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--day", type=int, default=10000, help="tickets in the day of 1b")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        proc, url, token = start_hub(work)
        try:
            print(f"hub: SQLite, separate process, {url}; {os.cpu_count()} CPUs")
            bench_keepalive(url)
            bench_ticket_cost(work, args.day)
            bench_tickets(url, token, work, args.tickets, args.clients)
            bench_outbox(url, token, work, args.cases)
            bench_big_case(url, token, work)
        finally:
            proc.terminate()
            proc.wait(30)
            if proc.stdout is not None:
                proc.stdout.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
