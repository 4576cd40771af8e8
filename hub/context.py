"""The hub's per-app state: database, clock, time zone and limits, shared by every route."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from contract.models import ProblemCode
from hub import estimate
from hub.db import READ_ONLY, KeyValue, Terminal
from hub.estimate import CALENDAR, WaitRates
from hub.events import Bell, append_emitted, forget_emitted
from hub.notify import notify
from hub.problems import HubProblem
from hub.workdays import WorkCalendar

Clock = Callable[[], datetime]
_IN_MEMORY = (None, "", ":memory:")


def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    raise RuntimeError("a reading session cannot write: use HubContext.transaction")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class HubSettings:
    time_zone: str = "Asia/Shanghai"
    public_base_url: str | None = None  # used in follow URLs; defaults to the request's base
    max_material_bytes: int = 10 * 1024 * 1024
    max_materials_per_case: int = 20
    case_number_prefix: str = "YM"
    event_days: int = 7  # how long the event log is kept (a display resumes within it)
    event_keepalive_seconds: float = 15.0  # a comment line on an idle stream, for proxies
    help_call_minutes: int = 15  # a call for help nobody answered in this time is closed
    follow_up_working_days: int = 15  # a bad rating is followed up and answered within these
    # How often the finished days' report figures are kept in the background (hub.reports);
    # 0: only when a report first needs them (kiosk hub serve sets 30).
    report_keep_minutes: float = 0
    # The monthly performance bulletin (hub.reports.bulletin): a font file with Chinese (.ttf,
    # .otf, .ttc; None: Noto CJK where Debian puts it, else what fontconfig finds), and the office
    # that issues it, named under the title (None: not named).
    bulletin_font: str | None = None
    bulletin_issuer: str | None = None
    heartbeat_days: int = 7  # how long terminals' heartbeats are kept (the fleet's history)
    # The version every terminal should run; None: what most of each site's terminals run.
    expected_version: str | None = None
    # Complaints (投诉建议, hub.complaints): their reference's prefix, and the 12345 platform's
    # webhook they are forwarded to (None: kept and shown as waiting), with its HMAC secret.
    complaint_prefix: str = "TS"
    complaints_webhook_url: str | None = None
    complaints_webhook_secret: bytes | None = field(default=None, repr=False)
    complaints_webhook_timeout: float = 10.0  # seconds for the platform to answer a forward
    complaint_retry_seconds: float = 5.0  # the first retry's wait, doubled each time after
    complaint_retry_max_seconds: float = 600.0
    complaint_poll_seconds: float = 30.0  # how often the forwarder looks unprompted
    # The credit system behind 信用查询 (hub.credit.providers): ``package.module:factory``;
    # None: the district's lists imported with ``kiosk hub import-credit``.
    credit_provider: str | None = None
    appointment_slot_capacity: int = 4
    appointment_slots: tuple[str, ...] = (
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30",
    )  # fmt: skip


class LookupGuard:
    """Limits wrong guesses of the last six digits of an ID number: they are few, and case
    numbers are sequential, so unlimited guessing would find a stranger's case.

    Failures count per source terminal and case number, so that a stranger guessing at one
    kiosk blocks only the six-digit proof of that number at that kiosk: the owner's card (the
    full number) or receipt code (40 bits, not guessable) is never refused, and their last six
    still work at any other terminal. In memory per hub process (a restart forgets): enough to
    make guessing impractical."""

    def __init__(self, limit: int = 5, window: timedelta = timedelta(minutes=15)) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, list[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> list[datetime]:
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent

    def check(self, key: str, now: datetime) -> None:
        with self._lock:
            blocked = len(self._recent(key, now)) >= self.limit
        if blocked:
            raise HubProblem(
                429,
                ProblemCode.TOO_MANY_ATTEMPTS,
                "Too many wrong proofs for this case number",
                "查询次数过多，请稍后再试或到窗口咨询。",
            )

    def failed(self, key: str, now: datetime) -> None:
        with self._lock:
            self._failures[key] = [*self._recent(key, now), now]


class KnownTokens:
    """The terminals whose tokens were checked lately, so that a busy terminal's requests are
    not each one more database read and thread hand-over (a third of a ticket's cost).

    A rotation through this hub process forgets them at once; one made elsewhere (the CLI, a
    second hub process on the same PostgreSQL) takes effect within ``seconds``. Routes read only
    a terminal's id, mode and site, which change only with its token."""

    def __init__(self, seconds: float = 5.0) -> None:
        self.seconds = seconds
        self._known: dict[str, tuple[float, Terminal]] = {}

    def get(self, token_hash: str) -> Terminal | None:
        """The terminal, one object for all its requests: routes only read it (never add it
        to a session), and building a copy per request cost more than its checks."""
        known = self._known.get(token_hash)
        if known is None or time.monotonic() - known[0] > self.seconds:
            return None
        return known[1]

    def put(self, token_hash: str, row: dict[str, Any]) -> Terminal:
        """Keep the terminal of this row (a token just checked); the terminal, to read."""
        if len(self._known) > 10_000:  # a hall has tens of terminals: only a flood gets here
            self._known.clear()
        terminal = Terminal(**row)  # transient: never attached to a session
        self._known[token_hash] = (time.monotonic(), terminal)
        return terminal

    def forget_all(self) -> None:
        self._known.clear()


@dataclass(slots=True)
class HubContext:
    engine: Engine
    clock: Clock
    settings: HubSettings
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    signing_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    # Signs the audit chain's daily heads (hub.audit_notary), kept apart from the identity key.
    audit_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    data_dir: Path | None = None  # where signed heads are exported (None: an in-memory hub)
    lookup_guard: LookupGuard = field(default_factory=LookupGuard)
    known_tokens: KnownTokens = field(default_factory=KnownTokens)
    wait_rates: WaitRates = field(default_factory=WaitRates)
    _factory: sessionmaker[Session] = field(init=False)
    _local: threading.local = field(init=False, default_factory=threading.local)
    _pepper: bytes | None = None

    _sqlite_lock: threading.Lock | None = field(init=False, default=None)
    _readers: sessionmaker[Session] | None = field(init=False, default=None)
    bell: Bell = field(init=False, default_factory=Bell)  # rings when events were committed
    fanouts: dict[Any, Any] = field(init=False, default_factory=dict)  # hub.events, per loop
    # Set when a complaint was stored: the forwarder (hub.complaint_forwarding) sends it now.
    complaint_stored: threading.Event = field(init=False, default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._factory, "before_commit", self._append_events)
        event.listen(self._factory, "after_commit", self._ring_for_events)
        event.listen(self._factory, "after_soft_rollback", self._forget_events)
        event.listen(self._factory, "after_flush", estimate.note_flush)
        event.listen(self._factory, "do_orm_execute", estimate.note_statement)
        if self.engine.dialect.name == "sqlite":
            # SQLite has one writer; queueing our own threads here is fair and prompt, where
            # its busy handler would make them poll with sleeps (a long latency tail).
            self._sqlite_lock = threading.Lock()
        if self.engine.dialect.name != "sqlite" or self.engine.url.database not in _IN_MEMORY:
            # (An in-memory database is one connection shared by all: its readers queue too.)
            readers = self.engine.execution_options(**{READ_ONLY: True})
            self._readers = sessionmaker(readers, expire_on_commit=False, autoflush=False)
            event.listen(self._readers, "before_flush", _refuse_writes)

    def _append_events(self, session: Session) -> None:
        session.flush()  # now, so that what it changes is known before the NOTIFY
        appended = append_emitted(session)
        if appended:
            session.info["ring"] = True
        rates = estimate.CHANGED in session.info
        if self.engine.dialect.name == "postgresql" and (appended or rates):
            # The other hub processes' bells and wait rates, at this commit.
            notify(session, self.bell, wait_rates=rates)

    def _ring_for_events(self, session: Session) -> None:
        changed = session.info.pop(estimate.CHANGED, None)
        if changed:
            self.wait_rates.forget(changed)
        if session.info.pop("ring", False):
            self.bell.ring()

    def _forget_events(self, session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None:  # the whole transaction, not a savepoint
            forget_emitted(session)
            session.info.pop("ring", None)
            session.info.pop(estimate.CHANGED, None)

    def _info(self) -> dict[str, Any]:
        """What every session carries: the calendar and the wait rates (hub.estimate)."""
        return {
            CALENDAR: self.calendar,
            estimate.RATES: self.wait_rates,
            estimate.GENERATION: self.wait_rates.generation,
        }

    @contextmanager
    def sessions(self) -> Iterator[Session]:
        """A session; one at a time per thread. A second one opened inside a transaction would
        wait for the SQLite lock its own thread holds, so that mistake fails loudly at once."""
        if getattr(self._local, "open", False):
            raise RuntimeError("nested hub session: pass the open session down instead")
        self._local.open = True
        try:
            if self._sqlite_lock is None:
                with self._factory(info=self._info()) as session:
                    yield session
            else:
                with self._sqlite_lock, self._factory(info=self._info()) as session:
                    yield session
        finally:
            self._local.open = False

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads. On an SQLite file it neither queues behind the writers
        nor takes the write lock: WAL lets it see the last commit while a ticket is being
        committed, so lookups (a terminal's token, the people ahead) run beside the writer."""
        if self._readers is None:
            with self.sessions() as session:
                yield session
            return
        if getattr(self._local, "open", False):
            raise RuntimeError("nested hub session: pass the open session down instead")
        self._local.open = True
        try:
            with self._readers(info=self._info()) as session:
                yield session
        finally:
            self._local.open = False

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.time_zone)

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    def today(self) -> date:
        """The hall's service date (tickets reset when it changes)."""
        return self.clock().astimezone(self.tz).date()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.sessions() as session, session.begin():
            yield session

    def id_digest(self, id_number: str) -> str:
        """Keyed digest of an ID number, for limits and matching without keeping the number."""
        if self._pepper is None:
            raise RuntimeError("HubContext.load_secrets() was not called")
        return hmac.new(self._pepper, id_number.strip().upper().encode(), "sha256").hexdigest()

    def load_secrets(self) -> None:
        """Read (or create) the hub's secrets once at start-up, outside any request transaction."""
        with self.transaction() as session:
            row = session.get(KeyValue, "id_pepper")
            if row is None:
                row = KeyValue(key="id_pepper", value=secrets.token_hex(32))
                session.add(row)
            self._pepper = bytes.fromhex(row.value)

    def base_url(self, request: Request) -> str:
        return (self.settings.public_base_url or str(request.base_url)).rstrip("/")


def request_hash(payload: Any) -> str:
    """Digest of a request body, to tell an idempotent repeat from a reused key."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def get_context(request: Request) -> HubContext:
    # async: FastAPI runs a plain function dependency in its thread pool, a hand-over on every
    # request for what is one attribute read.
    ctx: HubContext = request.app.state.hub
    return ctx
