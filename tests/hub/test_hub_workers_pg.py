"""The hub as several worker processes on one PostgreSQL (``kiosk hub serve --workers N``), as
a district runs it: 200 clients at once get unique, gap-free ticket numbers and their cases
exactly once, and a worker killed outright is replaced while the others go on serving."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from contract import models as m
from hub import audit
from hub.db import AuditRecord, CaseRow
from kiosk.api.client import HubClient
from tests.hub.test_hub_cases import business_case
from tests.hub.test_hub_events_pg import ROOT, tokens, wait_for_listeners

CLIENTS = 200


@contextlib.contextmanager
def workers(db_url: str, data_dir: Path, count: int) -> Iterator[tuple[str, int]]:
    """``kiosk hub serve --workers count``; its base URL and the supervisor's pid, once every
    worker answers."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "kiosk", "hub", "serve", "--db", db_url, "--port", "0",
               "--data-dir", str(data_dir), "--sample", "--workers", str(count)]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("hub serving on http://127.0.0.1:"), line
            yield line.split()[-1], process.pid
        finally:
            process.terminate()
            assert process.wait(30) in (0, -signal.SIGTERM)


def children(pid: int) -> list[int]:
    """The supervisor's worker processes (not multiprocessing's resource tracker)."""
    found = subprocess.run(
        ["pgrep", "-P", str(pid), "-f", "spawn_main"], capture_output=True, text=True
    )
    return [int(p) for p in found.stdout.split()]


def test_two_workers_serve_two_hundred_clients_exactly_once(pg_url: str, tmp_path: Path) -> None:
    engine = create_engine(pg_url)
    with workers(pg_url, tmp_path, 2) as (base_url, supervisor):
        wait_for_listeners(engine, 2)  # each worker follows the hall's events on its own
        assert len(children(supervisor)) == 2
        (token,) = tokens(pg_url, ("KIOSK-LOAD", m.TerminalMode.HALL))
        clients = [HubClient(base_url, token=token, read_timeout=60) for _ in range(CLIENTS)]
        request, _ = business_case()

        def visit(n: int) -> tuple[str, str]:
            ticket = clients[n].issue_ticket(m.TicketIssueRequest(category_code="general"))
            case = clients[n].create_case(request, idempotency_key=f"case-{n % 50}")
            return ticket.number, case.case_number

        try:
            with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
                visits = list(pool.map(visit, range(CLIENTS)))
        finally:
            for client in clients:
                client.close()
        numbers = sorted(number for number, _ in visits)
        assert numbers == [f"A{n:03d}" for n in range(1, CLIENTS + 1)]  # unique, no gap
        by_key: dict[int, set[str]] = {}
        for n, (_, case_number) in enumerate(visits):
            by_key.setdefault(n % 50, set()).add(case_number)
        assert all(len(numbers) == 1 for numbers in by_key.values())  # one case per key
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(CaseRow)) == 50
            # Two processes appended at once: one unbroken chain, one submission per case.
            chain = audit.verify(session)
            submissions = session.scalar(
                select(func.count())
                .select_from(AuditRecord)
                .where(AuditRecord.kind == m.AuditKind.SUBMISSION.value)
            )
        assert chain.ok and submissions == 50

        victim = children(supervisor)[0]
        os.kill(victim, signal.SIGKILL)  # a worker dies outright
        deadline = time.monotonic() + 30
        while victim in children(supervisor) or len(children(supervisor)) < 2:
            assert time.monotonic() < deadline, "the dead worker was not replaced"
            time.sleep(0.2)
        wait_for_listeners(engine, 2)
        with HubClient(base_url, token=token) as client:
            after = client.issue_ticket(m.TicketIssueRequest(category_code="general"))
        assert after.number == f"A{CLIENTS + 1:03d}"
    engine.dispose()


def test_several_workers_on_sqlite_are_refused_with_the_reason(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "kiosk", "hub", "serve", "--data-dir", str(tmp_path),
               "--port", "0", "--workers", "2"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Several worker processes need PostgreSQL" in done.stderr


pytestmark = pytest.mark.slow
