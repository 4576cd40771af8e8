"""The funnel's parts put together, once per kiosk, by the composition root."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.api.client import HubClient
from kiosk.funnel.sender import RunSender
from kiosk.funnel.store import RunStore
from kiosk.funnel.trail import JourneyRecorder

if TYPE_CHECKING:
    from contract.models import JourneyRun

STORE_FILE = "journey_runs.sqlite3"


@dataclass
class Funnel:
    recorder: JourneyRecorder  # the window begins and ends runs here
    store: RunStore
    sender: RunSender


def build_funnel(folder: Path, client: HubClient, resources: ExitStack) -> Funnel:
    """Runs kept in ``folder`` and sent from a background thread, stopped with ``resources``."""
    store = RunStore(folder / STORE_FILE)
    resources.callback(store.close)
    sender = RunSender(store, client)
    sender.start()
    resources.callback(sender.stop)  # before the store closes (ExitStack is LIFO)

    def keep(run: JourneyRun) -> None:
        store.keep(run)
        sender.notify()

    return Funnel(JourneyRecorder(keep), store, sender)
