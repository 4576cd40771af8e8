"""The background sender: delivers outbox entries to the hub with backoff.

Each attempt replays the whole entry with the same Idempotency-Key, the case with its materials
in one request: the hub answers with the case it already has (or creates it, materials and all,
in one commit). A hub that does not offer that request (``lacks_operation``: an older hub, or a
platform implementing only the two-step form) gets the case created, then the materials it
still lacks uploaded one by one, for the rest of the sender's life. Only when the hub reports no
material pending is the entry marked delivered. Network trouble or a hub failure
reschedules the entry with exponential backoff (with jitter, capped); a 4xx refusal marks it
rejected for staff to handle, since resending the same request cannot succeed.

Listeners (called on the sender's threads): ``on_settled`` when an entry is delivered or
rejected, ``on_attempt_failed`` when one attempt did not deliver it and it waits for a retry
(the hub unreachable, failing, or refusing the terminal). A screen waiting for a case number
stops at the first failed attempt: the case is durable in the outbox either way.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from contract import models as m
from kiosk.api.client import HubClient, lacks_operation
from kiosk.api.errors import HubFailure, HubRejected, HubUnreachable
from kiosk.background import BackgroundLoop
from kiosk.outbox.crypto import OutboxCorrupt
from kiosk.outbox.store import EntryState, Outbox, PendingEntry, ProvisionalReceipt

logger = logging.getLogger(__name__)

TERMINAL_AUTH_STATUSES = frozenset({401, 403})


@dataclass(frozen=True, slots=True)
class AttemptFailed:
    """One attempt to deliver an entry failed; it stays pending until ``retry_at``."""

    entry_id: str
    unreachable: bool  # the hub could not be reached at all (network, TLS)
    retry_at: float  # on the sender's clock


@dataclass(frozen=True, slots=True)
class DrainReport:
    delivered: int
    failed: int
    rejected: int
    remaining: int


class OutboxSender(BackgroundLoop):
    thread_name = "outbox-sender"

    def __init__(
        self,
        outbox: Outbox,
        client: HubClient,
        *,
        base_delay: float = 2.0,
        max_delay: float = 300.0,
        idle_poll: float = 30.0,
        in_flight: int = 4,
        clock: Callable[[], float] = time.time,
        on_settled: Callable[[ProvisionalReceipt], None] | None = None,
        on_attempt_failed: Callable[[AttemptFailed], None] | None = None,
    ) -> None:
        super().__init__()
        self.outbox = outbox
        self.client = client
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.idle_poll = idle_poll
        self.in_flight = in_flight  # entries sent at once in a drain
        self._clock = clock
        self._on_settled = on_settled  # called (on the sender's thread) when an entry is
        # delivered or rejected, e.g. to show the case number on the screen that is waiting
        self._on_attempt_failed = on_attempt_failed
        self._one_request = True  # until the hub shows it lacks the one-request create

    # -- one entry

    def submit(self, case: m.CaseCreate, materials: dict[str, bytes]) -> ProvisionalReceipt:
        """Store the case (durably, see ``Outbox.submit``) and send it now if the hub is up."""
        receipt = self.outbox.submit(case, materials)
        self.notify()
        return receipt

    def deliver(self, entry: PendingEntry) -> EntryState:
        """Try once; return the entry's state afterwards (PENDING means: retry later)."""
        outcome = self._attempt(entry)
        try:  # a listener's bug must not stop deliveries
            if isinstance(outcome, AttemptFailed):
                if self._on_attempt_failed is not None:
                    self._on_attempt_failed(outcome)
            elif self._on_settled is not None:
                self._on_settled(self.outbox.receipt(entry.entry_id))
        except Exception:
            logger.exception("outbox listener failed")
        return EntryState.PENDING if isinstance(outcome, AttemptFailed) else outcome

    def _attempt(self, entry: PendingEntry) -> EntryState | AttemptFailed:
        try:
            case, materials = self.outbox.load(entry.entry_id)
            receipt = self._send(entry, case, materials)
            if receipt.materials_pending:
                raise HubFailure("The hub still lists materials as pending after upload.")
            self.outbox.mark_delivered(
                entry.entry_id, receipt.case_id, receipt.case_number, receipt.due_date
            )
            logger.info("outbox entry %s delivered as case %s", entry.entry_id, receipt.case_number)
            return EntryState.DELIVERED
        except OutboxCorrupt as exc:
            # Undecryptable (wrong key file, damaged disk): no retry can fix it; park it.
            logger.error("outbox entry %s cannot be read: %s", entry.entry_id, exc)
            self.outbox.mark_rejected(entry.entry_id, "outbox_corrupt", exc.message)
            return EntryState.REJECTED
        except HubRejected as exc:
            if exc.status in TERMINAL_AUTH_STATUSES:
                # The terminal's credentials, not the case, are at fault: keep it and retry.
                logger.warning("hub refused this terminal's credentials (%s)", exc.code)
                return self._reschedule(entry, exc.message, unreachable=False)
            logger.warning("outbox entry %s rejected by the hub: %s", entry.entry_id, exc.code)
            self.outbox.mark_rejected(entry.entry_id, exc.code, exc.citizen_message)
            return EntryState.REJECTED
        except (HubUnreachable, HubFailure) as exc:
            return self._reschedule(entry, exc.message, unreachable=isinstance(exc, HubUnreachable))

    def _send(
        self, entry: PendingEntry, case: m.CaseCreate, materials: dict[str, tuple[str, bytes]]
    ) -> m.CaseReceipt:
        if self._one_request:
            contents = {code: content for code, (_media, content) in materials.items()}
            try:
                return self.client.create_case_with_materials(
                    case, contents, idempotency_key=entry.entry_id
                )
            except HubRejected as exc:
                if not lacks_operation(exc):
                    raise
                logger.warning(
                    "the hub does not take a case with its materials in one request (HTTP %s);"
                    " sending them one by one",
                    exc.status,
                )
                self._one_request = False
        receipt = self.client.create_case(case, idempotency_key=entry.entry_id)
        if entry.case_id is None:
            self.outbox.mark_case_created(entry.entry_id, receipt.case_id, receipt.case_number)
        for code in receipt.materials_pending:
            media_type, content = materials[code]
            receipt = self.client.upload_material(receipt.case_id, code, content, media_type)
        return receipt

    def _reschedule(self, entry: PendingEntry, error: str, *, unreachable: bool) -> AttemptFailed:
        delay = min(self.max_delay, self.base_delay * 2**entry.attempts)
        delay *= random.uniform(0.5, 1.0)  # spread the retries of many kiosks after an outage
        retry_at = self._clock() + delay
        self.outbox.mark_failed(entry.entry_id, error, retry_at)
        logger.info(
            "outbox entry %s not delivered (%s); retry in %.0f s", entry.entry_id, error, delay
        )
        return AttemptFailed(entry.entry_id, unreachable, retry_at)

    # -- batches

    def drain(self, *, force: bool = True) -> DrainReport:
        """Try every pending entry once (``force``: even those waiting for their backoff),
        ``in_flight`` at a time: a backlog after an outage goes out at the rate the hub takes
        requests, not one round trip after another. Entries are independent and each carries
        its own Idempotency-Key, so their order does not matter and a resend never doubles."""
        counts = {EntryState.DELIVERED: 0, EntryState.PENDING: 0, EntryState.REJECTED: 0}
        due = self.outbox.due(self._clock(), force=force)

        def deliver(entry: PendingEntry) -> EntryState | None:
            return None if self._stop.is_set() else self.deliver(entry)

        if len(due) <= 1 or self.in_flight <= 1:
            states = [deliver(entry) for entry in due]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.in_flight, thread_name_prefix="outbox") as pool:
                states = list(pool.map(deliver, due))
        for state in states:
            if state is not None:
                counts[state] += 1
        return DrainReport(
            delivered=counts[EntryState.DELIVERED],
            failed=counts[EntryState.PENDING],
            rejected=counts[EntryState.REJECTED],
            remaining=self.outbox.depth(),
        )

    # -- background thread

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.drain(force=False)
            except Exception:  # the sender must outlive a full disk or a bug in one pass
                logger.exception("outbox sender pass failed")
                self._stop.wait(self.base_delay)  # never spin on a failure that repeats
            next_due = self.outbox.next_due_at()
            wait = self.idle_poll if next_due is None else max(0.0, next_due - self._clock())
            self._wake.wait(min(wait, self.idle_poll))
