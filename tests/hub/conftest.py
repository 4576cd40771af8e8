"""Hub fixtures: the hub served by uvicorn on 127.0.0.1 (ephemeral port), SQLite by default.

Set ``KIOSK_TEST_PG_URL`` (e.g. ``postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/kiosk_test``)
to run the same tests against PostgreSQL; each test starts from an empty schema. Tests of what
only PostgreSQL does (several hub processes on one database) take ``pg_url``: the database of
``KIOSK_TEST_PG_SERVER``, else of ``KIOSK_TEST_PG_URL``; they are skipped without either.
``make test`` starts a throwaway server, sets ``KIOSK_TEST_PG_SERVER`` for the whole suite and
runs ``tests/hub`` a second time with ``KIOSK_TEST_PG_URL``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

PG_URL = os.environ.get("KIOSK_TEST_PG_URL")
PG_SERVER = os.environ.get("KIOSK_TEST_PG_SERVER") or PG_URL
LEGACY = Path(__file__).parent / "legacy"


class FakeClock:
    """A settable clock (tests move days forward without sleeping)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # Monday 09:30 in Beijing
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, value: datetime) -> None:
        with self._lock:
            self._now = value

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        with self._lock:
            self._now += timedelta(**delta)


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL database with an empty schema, whichever database ``hub`` uses."""
    if not PG_SERVER:
        pytest.skip("needs PostgreSQL: set KIOSK_TEST_PG_SERVER to a database tests may wipe")
    _reset_pg(PG_SERVER)
    return PG_SERVER


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def hub(tmp_path: Path, clock: FakeClock) -> Iterator[EmbeddedHub]:
    if PG_URL:
        _reset_pg(PG_URL)
    server = EmbeddedHub(tmp_path / "hub", clock=clock, db_url=PG_URL)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def client(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("kiosk-01")) as c:
        yield c


SAMPLE_PIN = "246810"  # every sample clerk's (config/catalog/staff.toml)
SAMPLE_CLERKS = {"W01": "S001", "W02": "S002", "W03": "S003", "W04": "S004", "W05": "S005"}


def sign_in(counter: HubClient, code: str, staff_no: str | None = None) -> None:
    """Sign ``code``'s usual sample clerk (or ``staff_no``) in at that window."""
    from contract.models import ClerkSignIn

    request = ClerkSignIn(staff_no=staff_no or SAMPLE_CLERKS[code], pin=SAMPLE_PIN)
    counter.sign_in_clerk(code, request)


class SampleClerks:
    """The sample hall's clerks, for tests that sign in themselves (``clerks`` fixture)."""

    pin = SAMPLE_PIN

    @staticmethod
    def sign_in(counter: HubClient, code: str, staff_no: str | None = None) -> None:
        sign_in(counter, code, staff_no)


@pytest.fixture
def clerks() -> SampleClerks:
    return SampleClerks()


@pytest.fixture
def counter(hub: EmbeddedHub) -> Iterator[HubClient]:
    """A counter (window) terminal: the only kind allowed to call numbers and accept cases.
    Its clerks are signed in at every sample window (W01–W05), so it can call anywhere."""
    from contract.models import TerminalMode

    token = hub.register_terminal("counter-01", mode=TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as c:
        for code in SAMPLE_CLERKS:
            sign_in(c, code)
        yield c


@pytest.fixture
def legacy_database(tmp_path: Path) -> Callable[[int], Path]:
    """``make(version)``: ``tmp_path/hub.sqlite3`` as a hub from before alembic left it at that
    ``schema_version`` (1, 4, 6, or 7 with data: see tests/hub/legacy/make_dumps.py)."""

    def make(version: int) -> Path:
        path = tmp_path / "hub.sqlite3"
        connection = sqlite3.connect(path)
        try:
            connection.executescript((LEGACY / f"schema-{version}.sql").read_text("utf-8"))
        finally:
            connection.close()
        return path

    return make
