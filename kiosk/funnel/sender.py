"""Journey runs to the hub, in batches, from a background thread; best effort, never lost.

:meth:`RunSender.send_pending` sends what the store keeps, batch after batch, until it is empty
or an attempt fails. A batch goes under the id the store gave it (kiosk.funnel.store), so one
sent again after a lost answer is counted once. The hub out of reach or failing, or refusing
the terminal's credentials (401, 403): the runs stay and the thread tries again later, waiting
longer after each failure (capped). Any other refusal (422: a batch this hub will never take,
from a newer terminal perhaps) drops that batch with a warning; the funnel is a statistic, and
one batch must not hold back the rest.

The thread sends first ``min_gap`` seconds after it starts (the kiosk paints its home screen
first), then when a run is kept (:meth:`notify`) — at most every ``min_gap`` seconds, so the
runs of a busy hour go out together — and every ``period`` seconds otherwise.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass

from kiosk.api.client import HubClient
from kiosk.api.errors import HubError, HubRejected
from kiosk.background import BackgroundLoop
from kiosk.funnel.store import RunStore

logger = logging.getLogger(__name__)

KEEP_ON = frozenset({401, 403})  # the terminal's credentials, not the runs, are at fault


@dataclass(frozen=True, slots=True)
class SendReport:
    sent: int  # runs the hub has now (or had already)
    dropped: int  # runs of batches the hub refused
    failed: bool  # an attempt failed: the rest waits for the next
    remaining: int


class RunSender(BackgroundLoop):
    thread_name = "journey-runs"

    def __init__(
        self,
        store: RunStore,
        client: HubClient,
        *,
        period: float = 300.0,
        min_gap: float = 30.0,
        base_delay: float = 10.0,
        max_delay: float = 1800.0,
    ) -> None:
        super().__init__()
        self.store = store
        self.client = client
        self.period = period
        self.min_gap = min_gap
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._failures = 0
        self._send_lock = threading.Lock()  # one sending at a time (the thread, a drain)

    def send_pending(self) -> SendReport:
        from contract.models import JourneyRunBatch

        sent = dropped = 0
        failed = False
        with self._send_lock:
            while (batch := self.store.next_batch()) is not None:
                request = JourneyRunBatch(batch_id=batch.batch_id, runs=batch.runs)
                try:
                    answer = self.client.send_journey_runs(request)
                except HubRejected as exc:
                    if exc.status in KEEP_ON:
                        logger.warning("the hub refused this terminal (%s): runs kept", exc.code)
                        failed = True
                        break
                    logger.warning(
                        "the hub refused %d journey runs (%s %s); dropped",
                        len(batch.runs),
                        exc.status,
                        exc.code,
                    )
                    dropped += self.store.delivered(batch.batch_id)
                    continue
                except HubError as exc:
                    logger.info("journey runs not sent (%s); kept for later", exc.message)
                    failed = True
                    break
                sent += self.store.delivered(batch.batch_id)
                logger.info(
                    "journey runs sent: batch %s, %d runs%s",
                    batch.batch_id,
                    answer.runs,
                    " (received before)" if answer.repeated else "",
                )
        self._failures = self._failures + 1 if failed else 0
        return SendReport(sent, dropped, failed, self.store.depth())

    # -- background thread

    def _delay(self) -> float:
        if not self._failures:
            return self.period
        delay = min(self.max_delay, self.base_delay * 2 ** (self._failures - 1))
        return delay * random.uniform(0.5, 1.0)  # many kiosks back after an outage: spread

    def _run(self) -> None:
        while not self._stop.wait(self.min_gap):
            self._wake.clear()  # a run kept while sending wakes the next pass
            try:
                self.send_pending()
            except Exception:  # a full disk or a bug in one pass must not end the thread
                logger.exception("sending journey runs failed")
                self._failures += 1
            if self._failures:
                self._stop.wait(max(0.0, self._delay() - self.min_gap))
            else:
                self._wake.wait(max(0.0, self.period - self.min_gap))
