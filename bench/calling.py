"""The hall's calling loop, measured (printed, not asserted).

    PYTHONPATH=. python bench/calling.py [--calls 50] [--followers 200] [--day 70]

1. Call-next request -> the ``ticket.called`` event at a display client following
   ``GET /events``, p50/p95, hub on SQLite in its own process (``kiosk hub serve``); the bare
   call-next request's own time beside it (the baseline: what the event adds is the difference).
2. The same with ``--followers`` phone pages following their own tickets at once (``/q/{id}/live``,
   each waiting behind the called ones, so every call moves all of them), with the hub process's
   CPU over the run and how many page updates the phones received.
3. The wait estimate on a simulated day (in-process hub, simulated clock): citizens arrive at
   random (one every 6 minutes on average), two windows serve them (log-normal service times, a
   median of 8 minutes); each ticket's estimate (docs/estimate.md) against the wait it really
   had, as the mean absolute error in minutes, beside a naive fixed 3 minutes per person ahead.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.counter import PIN, cpu_seconds, register  # noqa: E402
from bench.hub import percentile, start_hub  # noqa: E402
from contract import models as m  # noqa: E402
from kiosk.api.client import HubClient  # noqa: E402

ARRIVAL_SECONDS = 6 * 60  # the mean time between two citizens (exponential)
SERVICE_SECONDS = 8 * 60  # the median service (log-normal, sigma 0.5): about 75 % busy windows


def follow(client: HubClient, seen: dict[str, float], stop: threading.Event) -> None:
    """Note when each called number reaches this follower."""
    try:
        for event in client.events():
            if event.type == "ticket.called":
                seen.setdefault(str(event.data["number"]), time.perf_counter())
            if stop.is_set():
                return
    except Exception:  # the bench closes the connection under it at the end
        return


def follow_page(url: str, updates: list[float], stop: threading.Event) -> None:
    """A phone's live ticket page: note when each update arrives."""
    try:
        with requests.get(url, stream=True, timeout=(5, 60)) as response:
            for line in response.iter_lines():
                if line.startswith(b"data: "):
                    updates.append(time.perf_counter())
                if stop.is_set():
                    return
    except requests.RequestException:  # the bench stops the hub under it at the end
        return


def bench_call_to_event(url: str, data: Path, calls: int, followers: int) -> None:
    kiosk = HubClient(url, token=register(url, data, "kiosk-1", m.TerminalMode.HALL))
    window = HubClient(url, token=register(url, data, "desk-1", m.TerminalMode.COUNTER))
    window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
    display = HubClient(url, token=register(url, data, "wall-1", m.TerminalMode.DISPLAY))
    general = m.TicketIssueRequest(category_code="general")
    for _ in range(calls):  # the ones called
        kiosk.issue_ticket(general)
    phones = [kiosk.issue_ticket(general).follow_url + "/live" for _ in range(followers)]
    stop = threading.Event()
    seen: dict[str, float] = {}
    updates: list[list[float]] = [[] for _ in phones]
    threads = [threading.Thread(target=follow, args=(display, seen, stop), daemon=True)]
    threads += [
        threading.Thread(target=follow_page, args=(page, got, stop), daemon=True)
        for page, got in zip(phones, updates, strict=True)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1.0 + followers / 100)  # every stream open
    first_updates = sum(len(u) for u in updates)  # each page's state when it opened
    pid = int((data / "hub.pid").read_text()) if (data / "hub.pid").exists() else None
    cpu_before = cpu_seconds(pid) if pid else None
    began = time.perf_counter()
    to_event, request = [], []
    for _ in range(calls):
        sent = time.perf_counter()
        called = window.call_next("W01")
        answered = time.perf_counter()
        end = time.monotonic() + 5
        while called.number not in seen and time.monotonic() < end:
            time.sleep(0.0005)
        if called.number in seen:
            to_event.append(seen[called.number] - sent)
        request.append(answered - sent)
        window.ticket_action("W01", called.ticket_id, m.TicketAction.START)
        window.finish_ticket(
            "W01", called.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE)
        )
    spent = time.perf_counter() - began
    cpu_after = cpu_seconds(pid) if pid else None
    stop.set()
    for client in (kiosk, window, display):
        client.close()
    label = f"with {followers} phone pages following" if followers else "one display following"
    print(
        f"call next -> ticket.called at the display, {label}: {len(to_event)} of {calls} seen;"
        f" p50 {percentile(to_event, 50) * 1000:.1f} ms,"
        f" p95 {percentile(to_event, 95) * 1000:.1f} ms"
        f" (goal <= 100 / 300); the call-next request itself p50"
        f" {percentile(request, 50) * 1000:.1f} ms, p95 {percentile(request, 95) * 1000:.1f} ms"
    )
    if cpu_before is not None and cpu_after is not None:
        print(f"  hub process CPU {cpu_after - cpu_before:.1f} s over {spent:.1f} s")
    if followers:
        received = sum(len(u) for u in updates) - first_updates
        print(
            f"  the phone pages received {received} updates for {calls} calls"
            f" ({received / max(1, followers * calls):.2f} per page and call)"
        )


def bench_estimate(day: int, seed: int = 2026) -> None:
    """A day in a hall, simulated against the hub's own functions with a settable clock."""
    from sqlalchemy import select

    from hub import clerks, counters
    from hub import tickets as t
    from hub.app import create_app
    from hub.auth import register_terminal
    from hub.db import Terminal

    now = [datetime(2026, 3, 2, 1, 0, tzinfo=UTC)]  # Monday 09:00 in Beijing
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(f"sqlite:///{tmp}/day.sqlite3", seed_sample=True, clock=lambda: now[0])
        ctx = app.state.hub
        for code in ("kiosk", "w1", "w2"):
            mode = m.TerminalMode.HALL if code == "kiosk" else m.TerminalMode.COUNTER
            register_terminal(ctx, m.TerminalRegistration(terminal_id=code, mode=mode))
        with ctx.sessions() as session:
            rows = {r.terminal_id: r for r in session.execute(select(Terminal)).scalars()}
        windows = {"W01": rows["w1"], "W02": rows["w2"]}
        for (code, terminal), staff in zip(windows.items(), ("S001", "S002"), strict=True):
            clerks.sign_in(ctx, terminal, code, m.ClerkSignIn(staff_no=staff, pin=PIN))
            with ctx.transaction() as session:  # both serve only the general queue today
                window = counters.signed_in(session, ctx, terminal, code)
                window.row.chosen_categories = ["general"]
        rng = random.Random(seed)
        arrivals, clock = [], 0.0
        for _ in range(day):
            clock += rng.expovariate(1 / ARRIVAL_SECONDS)
            arrivals.append(clock)
        free = dict.fromkeys(windows, 0.0)  # when each window finishes whom it serves
        serving: dict[str, str | None] = dict.fromkeys(windows)
        issued: dict[str, tuple[float, int, int]] = {}  # number -> (at, estimate, ahead)
        waits: dict[str, float] = {}
        start = now[0]
        pending = list(arrivals)
        request = m.TicketIssueRequest(category_code="general")
        while pending or any(serving.values()):
            code = min(free, key=lambda c: free[c])
            if pending and pending[0] <= free[code]:
                at = pending.pop(0)
                now[0] = start + timedelta(seconds=at)
                ticket = t.issue(ctx, rows["kiosk"], request, None, "http://hall")
                minutes = ticket.estimated_wait_minutes or 0
                issued[ticket.number] = (at, minutes, ticket.waiting_ahead)
                continue
            now[0] = start + timedelta(seconds=free[code])
            with ctx.transaction() as session:
                window = counters.signed_in(session, ctx, windows[code], code)
                if serving[code]:
                    counters.finish(
                        session, ctx, window, str(serving[code]),
                        m.FinishRequest(outcome=m.ServiceOutcome.DONE),
                    )  # fmt: skip
                    serving[code] = None
                try:
                    called = counters.call_next(session, ctx, window)
                except Exception:  # nobody waiting: look again at the next arrival
                    free[code] = pending[0] if pending else math.inf
                    continue
                counters.act(session, ctx, window, called.ticket_id, m.TicketAction.START)
            serving[code] = called.ticket_id
            waits[called.number] = free[code] - issued[called.number][0]
            free[code] += rng.lognormvariate(math.log(SERVICE_SECONDS), 0.5)
        hub_errors = [abs(issued[n][1] - waits[n] / 60) for n in waits]
        naive_errors = [abs(3 * issued[n][2] - waits[n] / 60) for n in waits]
    print(
        f"wait estimate over a simulated day ({len(waits)} tickets, 2 windows, one arrival every"
        f" {ARRIVAL_SECONDS / 60:.0f} min on average, service median {SERVICE_SECONDS / 60:.0f}"
        f" min): hub mean absolute error"
        f" {statistics.mean(hub_errors):.1f} min; naive 3 min per person ahead"
        f" {statistics.mean(naive_errors):.1f} min (baseline); actual waits median"
        f" {statistics.median(waits.values()) / 60:.1f} min"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--day", type=int, default=70, help="citizens in the simulated day")
    args = parser.parse_args()
    for followers in (0, args.followers):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            proc, url, _token = start_hub(data)
            (data / "hub.pid").write_text(str(proc.pid))
            try:
                bench_call_to_event(url, data, args.calls, followers)
            finally:
                proc.terminate()
                proc.wait(30)
                if proc.stdout is not None:
                    proc.stdout.close()
    bench_estimate(args.day)
    return 0


if __name__ == "__main__":
    sys.exit(main())
