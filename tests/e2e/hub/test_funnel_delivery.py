"""Journey runs reach the hub once, whatever the network does (real hub process, a TCP proxy):

- the hub is down when the runs are kept: the sender's thread keeps them and tries again,
  backing off, until the hub is back;
- the hub stores a batch and its answer is lost: the batch goes again under the same id, and
  the hub counts it once;
- the hub refuses the terminal's token: the runs wait for credentials it takes.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from contract import models as m
from kiosk.api.client import HubClient
from kiosk.funnel.sender import RunSender
from kiosk.funnel.store import RunStore


def _load(name: str) -> Any:
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_e2e_hub_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


faults = _load("faults")
HubProcess = faults.HubProcess
POST_RUNS = b"POST /api/v1/terminals/me/journey-runs "


def runs(n: int) -> list[m.JourneyRun]:
    return [
        m.JourneyRun(
            journey=m.JourneyName.TICKET,
            steps=["choosing", "issuing", "showing"],
            ended_at="showing",
            outcome=m.RunOutcome.FINISHED,
            started_hour=datetime(2026, 3, 2, 1 + hour, tzinfo=UTC),
        )
        for hour in range(n)
    ]


def hub_counts(hub: Any) -> dict[str, Any]:
    engine = create_engine(hub.db_url)
    with engine.connect() as db:
        batches = db.execute(text("SELECT batch_id, runs FROM journey_run_batches")).all()
        (stored,) = db.execute(text("SELECT count(*) FROM journey_runs")).one()
        (steps,) = db.execute(text("SELECT count(*) FROM journey_run_steps")).one()
    engine.dispose()
    return {"batches": [tuple(b) for b in batches], "runs": stored, "steps": steps}


def wait_for(condition: Any, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_runs_kept_while_the_hub_is_down_reach_it_when_it_is_back(
    tmp_path: Path, hub_process: HubProcess, proxy_factory: Any
) -> None:
    token = hub_process.register("K01")
    proxy = proxy_factory(hub_process.start())
    hub_process.kill()
    store = RunStore(tmp_path / "runs.sqlite3")
    with HubClient(proxy.url, token=token, retries=0, connect_timeout=2) as client:
        sender = RunSender(store, client, period=0.3, min_gap=0.05, base_delay=0.2, max_delay=1)
        sender.start()
        try:
            for run in runs(3):
                store.keep(run)
                sender.notify()
            # The thread tried: the runs are named as a batch, and still here.
            assert wait_for(lambda: sender._failures >= 2)
            named = store.next_batch()
            assert named is not None and len(named.runs) == 3 and store.depth() == 3
            proxy.upstream_port = hub_process.start()
            assert wait_for(lambda: store.depth() == 0)
        finally:
            sender.stop()
    assert hub_counts(hub_process) == {"batches": [(named.batch_id, 3)], "runs": 3, "steps": 9}
    store.close()


def test_a_batch_whose_answer_was_lost_is_counted_once(
    tmp_path: Path, hub_process: HubProcess, proxy_factory: Any
) -> None:
    token = hub_process.register("K01")
    proxy = proxy_factory(hub_process.start())
    proxy.hold_predicate = lambda chunk: chunk.startswith(POST_RUNS)
    proxy.drop_held = True
    store = RunStore(tmp_path / "runs.sqlite3")
    for run in runs(4):
        store.keep(run)
    with HubClient(proxy.url, token=token, retries=0, read_timeout=60) as client:
        sender = RunSender(store, client)
        result: list[Any] = []
        worker = threading.Thread(target=lambda: result.append(sender.send_pending()))
        worker.start()
        assert proxy.held.wait(60)  # the hub answered: the batch is stored
        proxy.release.set()  # and the answer is lost on the way back
        worker.join(60)
        assert result[0].failed and result[0].sent == 0 and store.depth() == 4
        stored = hub_counts(hub_process)
        assert stored["runs"] == 4
        again = sender.send_pending()  # the same batch, under the same id
        assert (again.sent, again.failed, again.remaining) == (4, False, 0)
    assert hub_counts(hub_process) == stored  # nothing counted twice
    store.close()


def test_runs_refused_for_the_terminals_credentials_are_kept(
    tmp_path: Path, hub_process: HubProcess
) -> None:
    old = hub_process.register("K01")
    new = hub_process.register("K01")  # the token rotated: the old one is refused (401)
    url = f"http://127.0.0.1:{hub_process.start()}"
    store = RunStore(tmp_path / "runs.sqlite3")
    for run in runs(2):
        store.keep(run)
    with HubClient(url, token=old, retries=0) as client:
        refused = RunSender(store, client).send_pending()
    assert (refused.sent, refused.dropped, refused.failed, refused.remaining) == (0, 0, True, 2)
    with HubClient(url, token=new, retries=0) as client:
        taken = RunSender(store, client).send_pending()
    assert (taken.sent, taken.failed, taken.remaining) == (2, False, 0)
    assert hub_counts(hub_process)["runs"] == 2
    store.close()
