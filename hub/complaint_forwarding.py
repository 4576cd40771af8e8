"""Forwarding complaints to the 12345 platform, exactly once, through the hub's own outbox.

Theory of operation. ``hub.complaints.create`` writes each complaint with a row in
``complaint_forwards`` in one transaction: nothing stored can be left unsent, and a hub
restarted at any moment finds what is left in that table. The forwarder (a thread of the hub,
started with the app when a platform is configured) wakes when a complaint is stored, or every
``complaint_poll_seconds``, and takes the rows due: it claims them in one transaction by moving
their next attempt a lease ahead (so a second hub process skips them), sends each through the
platform adapter, and then either deletes the row and marks the complaint forwarded — in one
transaction — or schedules the next attempt after a doubling wait (``complaint_retry_seconds``
up to ``complaint_retry_max_seconds``).

Exactly once: the platform is given the complaint's reference as its idempotency key. A forward
that timed out after the platform took it is sent again with the same key; the platform answers
it with the complaint it already has, and only then does the hub record success. Retry times
are real time, whatever clock the hall's business runs on (tests and simulations move that).

The adapter is one method (``ComplaintPlatform``). The reference adapter posts the complaint as
JSON to a webhook, signed with HMAC-SHA256 (contract.webhooks). Nothing personal is logged: a
failure is logged with the reference and the kind of failure only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import requests
from pydantic import ValidationError
from sqlalchemy import func, select

from contract import models as m
from contract.webhooks import signed_headers
from hub.context import HubContext
from hub.db import ComplaintForwardRow, ComplaintRow

logger = logging.getLogger(__name__)

RealClock = Callable[[], datetime]
BATCH = 20  # forwards claimed at a time
LEASE_EXTRA_SECONDS = 60.0  # a claim outlives the send's timeout by this much


class ForwardFailed(Exception):
    """The platform did not take the complaint (this time): the reason, without its content."""


class ComplaintPlatform(Protocol):
    """What a 12345 platform adapter does: take the complaint, answer with the platform's own
    reference for it; the same ``complaint.reference`` again must not make a second one."""

    def forward(self, complaint: m.ComplaintForward) -> str: ...


class WebhookPlatform:
    """The reference adapter: ``POST`` the complaint as JSON to ``url``, signed (timestamp and
    HMAC-SHA256 headers, contract.webhooks), with ``Idempotency-Key: <reference>``. Any 2xx is
    taken; its JSON may carry ``platform_reference``."""

    def __init__(self, url: str, secret: bytes, timeout: float) -> None:
        self.url = url
        self._secret = secret
        self.timeout = timeout
        self._http = requests.Session()

    def forward(self, complaint: m.ComplaintForward) -> str:
        body = complaint.model_dump_json().encode()
        headers = {
            "Content-Type": "application/json",
            m.IDEMPOTENCY_HEADER: complaint.reference,
            **signed_headers(self._secret, int(time.time()), body),
        }
        try:
            response = self._http.post(self.url, data=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise ForwardFailed(type(exc).__name__) from None
        if not 200 <= response.status_code < 300:
            raise ForwardFailed(f"HTTP {response.status_code}")
        try:
            answer = m.ComplaintForwarded.model_validate_json(response.content or b"{}")
        except ValidationError:
            logger.warning("the platform took %s without a reference we read", complaint.reference)
            return ""
        return answer.platform_reference

    def close(self) -> None:
        self._http.close()


MIN_SECRET_BYTES = 16


def read_secret(path: Path) -> bytes:
    """The webhook's shared secret: the file's text without surrounding blanks."""
    secret = path.read_bytes().strip()
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"a secret of at least {MIN_SECRET_BYTES} bytes is needed")
    return secret


def configured_platform(ctx: HubContext) -> WebhookPlatform | None:
    settings = ctx.settings
    if not settings.complaints_webhook_url:
        return None
    if not settings.complaints_webhook_secret:
        raise ValueError("the complaints webhook needs its secret")
    return WebhookPlatform(
        settings.complaints_webhook_url,
        settings.complaints_webhook_secret,
        settings.complaints_webhook_timeout,
    )


def _real_now() -> datetime:
    return datetime.now(UTC)


class Forwarder:
    def __init__(
        self, ctx: HubContext, platform: ComplaintPlatform, clock: RealClock = _real_now
    ) -> None:
        self.ctx = ctx
        self.platform = platform
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="complaint-forwarder", daemon=True)
        self._thread.start()

    def close(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self.ctx.complaint_stored.set()  # out of its wait at once
        if self._thread is not None:
            self._thread.join(timeout)
        close = getattr(self.platform, "close", None)
        if close is not None:
            close()

    def _run(self) -> None:
        wake = self.ctx.complaint_stored
        while not self._stop.is_set():
            wake.clear()  # before looking: a complaint stored meanwhile sets it again
            try:
                self.run_once()
                pause = self._until_next_due()
            except Exception:  # the database away for a moment: the next round catches up
                logger.exception("forwarding complaints failed; trying again later")
                pause = self.ctx.settings.complaint_poll_seconds
            wake.wait(pause)

    def run_once(self) -> int:
        """Send every forward due now; how many the platform took."""
        taken = 0
        while not self._stop.is_set():
            claimed = self._claim()
            if not claimed:
                return taken
            for reference, attempt in claimed:
                taken += self._forward(reference, attempt)
        return taken

    def _claim(self) -> list[tuple[str, int]]:
        now = self.clock()
        lease = timedelta(
            seconds=self.ctx.settings.complaints_webhook_timeout + LEASE_EXTRA_SECONDS
        )
        with self.ctx.transaction() as session:
            rows = session.execute(
                select(ComplaintForwardRow)
                .where(ComplaintForwardRow.next_attempt_at <= now)
                .order_by(ComplaintForwardRow.next_attempt_at, ComplaintForwardRow.reference)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            ).scalars()
            claimed = []
            for row in rows:
                row.attempts += 1
                row.next_attempt_at = now + lease
                claimed.append((row.reference, row.attempts))
            return claimed

    def _forward(self, reference: str, attempt: int) -> int:
        with self.ctx.reading() as session:
            complaint = session.get(ComplaintRow, reference)
            if complaint is None:  # cannot happen (a foreign key): nothing to send
                return 0
            payload = _payload(complaint)
        try:
            platform_reference = self.platform.forward(payload)
        except Exception as exc:
            reason = str(exc) if isinstance(exc, ForwardFailed) else type(exc).__name__
            self._failed(reference, attempt, reason)
            return 0
        self._taken(reference, platform_reference)
        return 1

    def _taken(self, reference: str, platform_reference: str) -> None:
        with self.ctx.transaction() as session:
            complaint = session.get(ComplaintRow, reference, with_for_update=True)
            forward = session.get(ComplaintForwardRow, reference)
            if complaint is None or forward is None:
                return  # another hub process recorded it first
            if complaint.state == m.ComplaintState.RECEIVED.value:
                complaint.state = m.ComplaintState.FORWARDED.value
            complaint.forwarded_at = self.ctx.now()
            complaint.platform_reference = platform_reference[:64] or None
            complaint.phone = None  # the platform has it now: the hub needs it no more
            session.delete(forward)

    def _failed(self, reference: str, attempt: int, reason: str) -> None:
        settings = self.ctx.settings
        wait = min(
            settings.complaint_retry_seconds * 2 ** (attempt - 1),
            settings.complaint_retry_max_seconds,
        )
        logger.warning(
            "complaint %s not forwarded (attempt %d: %s); again in %.1f s",
            reference,
            attempt,
            reason,
            wait,
        )
        with self.ctx.transaction() as session:
            forward = session.get(ComplaintForwardRow, reference)
            if forward is not None:
                forward.next_attempt_at = self.clock() + timedelta(seconds=wait)
                forward.last_error = reason[:200]

    def _until_next_due(self) -> float:
        """Seconds to wait before the next round: the next retry due, at most the poll."""
        poll = self.ctx.settings.complaint_poll_seconds
        with self.ctx.reading() as session:
            due = session.execute(select(func.min(ComplaintForwardRow.next_attempt_at))).scalar()
        if due is None:
            return poll
        return max(0.05, min(poll, (due - self.clock()).total_seconds()))


def _payload(row: ComplaintRow) -> m.ComplaintForward:
    return m.ComplaintForward(
        reference=row.reference,
        kind=m.ComplaintKind(row.kind),
        about=m.ComplaintAbout(row.about),
        subject=row.subject,
        subject_name=row.subject_name,
        site_code=row.site_code,
        terminal_id=row.terminal_id,
        text=row.text,
        phone=row.phone,
        submitted_at=row.submitted_at,
    )


def pending(ctx: HubContext) -> int:
    """Complaints waiting to be forwarded (none configured, or the platform away)."""
    with ctx.reading() as session:
        return int(
            session.execute(select(func.count()).select_from(ComplaintForwardRow)).scalar_one()
        )
