"""``EmbeddedHub``: the hub in-process on 127.0.0.1 (ephemeral port), for the demo and tests.

The listening socket is bound and listening before the server thread starts, so the base URL is
valid the moment ``start()`` returns: early connections wait in the backlog.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import ssl
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn
from fastapi import FastAPI

from contract.models import TerminalMode, TerminalRegistration
from hub.app import create_app
from hub.auth import register_terminal
from hub.context import Clock, HubContext, HubSettings, utc_now
from hub.listen import listening_socket
from hub.workdays import WorkCalendar

logger = logging.getLogger(__name__)

DB_FILE = "hub.sqlite3"
ADMIN_TOKEN_FILE = "admin-token"


def read_or_create_secret(path: Path) -> str:
    """A random secret kept in a 0600 file, created on first use."""
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """Server certificate and key (PEM); ``client_ca`` set means mutual TLS is required."""

    certfile: Path
    keyfile: Path
    client_ca: Path | None = None


class EmbeddedHub:
    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed_sample: bool = True,
        settings: HubSettings | None = None,
        clock: Clock = utc_now,
        start_timeout: float = 30.0,
        db_url: str | None = None,
        tls: TlsFiles | None = None,
        calendar: WorkCalendar | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.calendar = calendar
        self.host = host
        self.port = port
        self.seed_sample = seed_sample
        self.settings = settings
        self.clock = clock
        self.start_timeout = start_timeout
        self._db_url = db_url
        self.tls = tls
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._ctx: HubContext | None = None
        self._app: FastAPI | None = None
        self.base_url = ""
        self.admin_token = ""

    @property
    def db_url(self) -> str:
        """SQLite in the data dir unless another database URL was given (PostgreSQL)."""
        return self._db_url or f"sqlite:///{self.data_dir / DB_FILE}"

    @property
    def context(self) -> HubContext:
        if self._ctx is None:
            raise RuntimeError("EmbeddedHub is not started")
        return self._ctx

    @property
    def app(self) -> FastAPI:
        """The application served (tests reshape its routes to play another platform)."""
        if self._app is None:
            raise RuntimeError("EmbeddedHub is not started")
        return self._app

    def start(self) -> str:
        """Start serving; return the base URL (``http://127.0.0.1:PORT``)."""
        if self._server is not None:
            return self.base_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.admin_token = read_or_create_secret(self.data_dir / ADMIN_TOKEN_FILE)
        app = create_app(
            self.db_url,
            admin_token=self.admin_token,
            settings=self.settings,
            clock=self.clock,
            seed_sample=self.seed_sample,
            data_dir=self.data_dir,
            calendar=self.calendar,
        )
        self._ctx, self._app = app.state.hub, app
        sock = listening_socket(self.host, self.port)
        self._socket = sock
        port = sock.getsockname()[1]
        self.base_url = f"{'https' if self.tls else 'http'}://{self.host}:{port}"
        tls = self.tls
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="on",
            access_log=False,
            timeout_graceful_shutdown=2,  # event streams never end by themselves
            ssl_certfile=str(tls.certfile) if tls else None,
            ssl_keyfile=str(tls.keyfile) if tls else None,
            ssl_ca_certs=str(tls.client_ca) if tls and tls.client_ca else None,
            ssl_cert_reqs=ssl.CERT_REQUIRED if tls and tls.client_ca else ssl.CERT_NONE,
        )
        self._server = uvicorn.Server(config)
        server = self._server
        settled = threading.Event()  # set when the app finished start-up, or the server died
        running = False
        inner = app.router.lifespan_context

        @asynccontextmanager
        async def lifespan(the_app: Any) -> AsyncIterator[Any]:
            nonlocal running
            async with inner(the_app) as state:
                running = True
                settled.set()
                yield state

        app.router.lifespan_context = lifespan

        failure: list[BaseException] = []

        def _run() -> None:
            try:
                server.run(sockets=[sock])
            except Exception as exc:  # reported by start(), in the caller's thread
                failure.append(exc)
            finally:
                settled.set()

        self._thread = threading.Thread(target=_run, name="embedded-hub", daemon=True)
        self._thread.start()
        # The socket already listens: connections made from now on wait in its backlog.
        if not settled.wait(self.start_timeout) or not running:
            self.stop()
            reason = f": {failure[0]}" if failure else ""
            raise RuntimeError(f"the embedded hub did not start{reason}")
        logger.info("embedded hub serving on %s", self.base_url)
        return self.base_url

    def register_terminal(self, terminal_id: str, *, mode: TerminalMode = TerminalMode.HALL) -> str:
        """Register (or re-key) a terminal and return its bearer token."""
        credentials = register_terminal(
            self.context, TerminalRegistration(terminal_id=terminal_id, mode=mode)
        )
        return credentials.token

    def issue_identity_code(self, name: str, id_number: str, *, ttl_seconds: int = 120) -> str:
        """A signed dynamic identity code for the demo and tests (QR text, no personal data)."""
        from contract.models import IdentityCodeIssue
        from hub.identity import issue

        request = IdentityCodeIssue(name=name, id_number=id_number, ttl_seconds=ttl_seconds)
        return issue(self.context, request).code

    def stop(self, timeout: float = 15.0) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if self._ctx is not None:
            self._ctx.bell.close()  # the event streams end first, or the server waits for them
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout)
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._ctx is not None:
            self._ctx.engine.dispose()

    def __enter__(self) -> EmbeddedHub:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def demo_hub(data_dir: Path, **options: Any) -> EmbeddedHub:
    """The hub of ``kiosk demo``: the sample hall, open every day, so that the tour books and
    checks in an appointment whatever the day and hour it runs."""
    return EmbeddedHub(data_dir, calendar=demo_calendar(), **options)


def demo_calendar() -> WorkCalendar:
    from hub.app import sample_calendar

    return replace(sample_calendar(), open_every_day=True)
