"""HTTP transport for the hub client: one requests Session, timeouts, safe retries, error mapping.

Retries happen only where a repeat cannot do harm: reads (GET), and writes that carry an
``Idempotency-Key`` (the hub answers a repeat with the first result). Anything else is sent once.

requests loads with the first request, not with this module: a kiosk paints its home screen
before it asks the hub anything.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contract.models import API_PREFIX, IDEMPOTENCY_HEADER
from kiosk.api.errors import HubFailure, HubRejected, HubUnreachable

if TYPE_CHECKING:
    import requests

logger = logging.getLogger(__name__)

_RETRY_STATUSES = frozenset({502, 503, 504})
_GENERIC_CITIZEN_MESSAGE = "系统暂时无法办理，请咨询工作人员。"
_PROBLEM_MEMBERS = frozenset({"type", "title", "status", "detail", "code", "instance", "errors"})


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: its status, decoded body (None for 204 and 304), ETag, body size and the
    hub's Date header (its clock, to the second)."""

    status: int
    body: Any
    etag: str | None
    size: int  # bytes of body received (0 for a 304)
    date: str | None = None


class Transport:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None,
        connect_timeout: float,
        read_timeout: float,
        ca_bundle: Path | str | None,
        client_cert: tuple[Path | str, Path | str] | Path | str | None,
        retries: int,
        backoff: float,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff = backoff
        self._token = token
        # TLS verification is always on; a CA bundle only replaces the trust store.
        self._verify: bool | str = str(ca_bundle) if ca_bundle else True
        if isinstance(client_cert, tuple):
            self._cert: tuple[str, str] | str | None = (str(client_cert[0]), str(client_cert[1]))
        else:
            self._cert = str(client_cert) if client_cert else None
        self._sessions: list[requests.Session] = []
        self._idle: list[requests.Session] = []
        self._streams: set[requests.Response] = set()  # event streams being read
        self._lock = threading.Lock()

    @contextmanager
    def _session(self) -> Iterator[requests.Session]:
        """Lend an idle session (requests.Session is not documented as thread-safe).

        Borrowed per request rather than kept per thread: worker pools (Qt's included) run each
        job in a fresh Python thread state, so thread-local sessions would pile up.
        """
        with self._lock:
            session = self._idle.pop() if self._idle else None
        if session is None:
            import requests

            session = requests.Session()
            session.headers["Accept"] = "application/json, application/problem+json"
            if self._token:
                session.headers["Authorization"] = f"Bearer {self._token}"
            with self._lock:
                self._sessions.append(session)
        try:
            yield session
        finally:
            with self._lock:
                self._idle.append(session)

    @property
    def session_count(self) -> int:
        return len(self._sessions)

    def close(self) -> None:
        """Close every connection, including an event stream another thread is reading: its
        read ends now rather than at the hub's next keep-alive line."""
        with self._lock:
            sessions, self._sessions, self._idle = self._sessions, [], []
            streams = list(self._streams)
        for response in streams:
            _break_off(response)
        for session in sessions:
            session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        idempotent: bool = False,
    ) -> Any:
        """Send and return the decoded JSON body (``None`` for 204); raise a HubError."""
        reply = self.exchange(
            method,
            path,
            json_body=json_body,
            data=data,
            headers=headers,
            params=params,
            idempotent=idempotent,
        )
        return reply.body

    def exchange(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        idempotent: bool = False,
    ) -> Reply:
        """Like ``request``, with the status and headers kept: a conditional GET (with
        If-None-Match) gets a ``Reply`` with status 304 and no body when nothing changed."""
        url = f"{self.base_url}{API_PREFIX}{path}"
        all_headers = dict(headers or {})
        safe = idempotent or method == "GET" or IDEMPOTENCY_HEADER in all_headers
        attempts = 1 + (self.retries if safe else 0)
        for attempt in range(attempts):
            try:
                return self._once(method, url, json_body, data, all_headers, params)
            except (HubUnreachable, HubFailure) as exc:
                status = getattr(exc, "status", None)
                retryable = isinstance(exc, HubUnreachable) or status in _RETRY_STATUSES
                if not retryable or attempt == attempts - 1:
                    raise
                delay = self.backoff * (2**attempt)
                logger.info("hub %s %s failed (%s); retry in %.1f s", method, path, exc, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def _reading(self, response: requests.Response) -> Iterator[None]:
        with self._lock:
            self._streams.add(response)
        try:
            yield
        finally:
            with self._lock:
                self._streams.discard(response)

    def stream_lines(self, path: str, *, headers: Mapping[str, str] | None = None) -> Iterator[str]:
        """GET a server-sent event stream line by line, until it ends or the hub goes away
        (HubUnreachable). The read timeout applies between lines: the hub's keep-alive comments
        come more often than that."""
        import requests

        url = f"{self.base_url}{API_PREFIX}{path}"
        try:
            with self._session() as session:
                response = session.get(
                    url,
                    headers=dict(headers or {}),
                    stream=True,
                    timeout=self.timeout,
                    verify=self._verify,
                    cert=self._cert,
                )
                with response, self._reading(response):
                    if response.status_code != 200:
                        decode_response(response)  # raises the hub's problem
                        raise HubFailure(
                            "The hub did not open the stream.", status=response.status_code
                        )
                    for raw in response.iter_lines(decode_unicode=False):
                        yield raw.decode("utf-8")
        except requests.exceptions.RequestException as exc:
            raise HubUnreachable(f"The hub's event stream was lost: {exc}") from exc

    def fetch_bytes(self, path: str) -> bytes:
        """GET a binary body (a clerk's photo); a problem or no answer raises as ``request``."""
        import requests

        url = f"{self.base_url}{API_PREFIX}{path}"
        try:
            with self._session() as session:
                response = session.get(
                    url, timeout=self.timeout, verify=self._verify, cert=self._cert
                )
        except requests.exceptions.RequestException as exc:
            raise HubUnreachable(f"The hub at {self.base_url} is unreachable: {exc}") from exc
        if response.status_code != 200:
            decode_response(response)  # raises the hub's problem
            raise HubFailure("The hub answered without the file.", status=response.status_code)
        return response.content

    def _once(
        self,
        method: str,
        url: str,
        json_body: Any,
        data: bytes | None,
        headers: dict[str, str],
        params: Mapping[str, str] | None,
    ) -> Reply:
        import requests

        try:
            with self._session() as session:
                response = session.request(
                    method,
                    url,
                    json=json_body,
                    data=data,
                    headers=headers,
                    params=params,
                    timeout=self.timeout,
                    # Per request on purpose: requests lets REQUESTS_CA_BUNDLE override the
                    # session's setting, and a configured CA bundle must win.
                    verify=self._verify,
                    cert=self._cert,
                )
        except requests.exceptions.SSLError as exc:
            raise HubUnreachable(f"TLS handshake with the hub failed: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise HubUnreachable(f"The hub at {self.base_url} is unreachable: {exc}") from exc
        body = decode_response(response)
        etag = response.headers.get("ETag")
        date = response.headers.get("Date")
        return Reply(response.status_code, body, etag, len(response.content), date)


def decode_response(response: requests.Response) -> Any:
    status = response.status_code
    if status == 304:  # Not Modified: only ever the answer to a conditional GET we sent
        return None
    if 200 <= status < 300:
        if status == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise HubFailure(
                "The hub answered with a body that is not JSON.", status=status
            ) from exc
    if 400 <= status < 500:
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("code"), str):
            detail = str(body.get("detail") or _GENERIC_CITIZEN_MESSAGE)
            title = str(body.get("title") or "rejected")
            raise HubRejected(
                f"The hub rejected the request ({status} {body['code']}): {title}.",
                code=body["code"],
                citizen_message=detail,
                status=status,
                extensions={k: v for k, v in body.items() if k not in _PROBLEM_MEMBERS},
            )
        raise HubRejected(
            f"The hub rejected the request with HTTP {status} and no problem body.",
            code="http_error",
            citizen_message=_GENERIC_CITIZEN_MESSAGE,
            status=status,
        )
    snippet = response.text[:200] if response.content else ""
    try:
        code = json.loads(snippet).get("code", "") if snippet.startswith("{") else ""
    except ValueError:
        code = ""
    raise HubFailure(f"The hub failed with HTTP {status} {code}".rstrip() + ".", status=status)


def _break_off(response: requests.Response) -> None:
    """Shut the socket under a streamed response: a read blocked on it returns at once
    (closing the session would leave a connection in use alone)."""
    connection = getattr(response.raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
