"""Client-side errors, split the way a terminal must react to them.

- ``HubUnreachable``: the network failed (no answer); retry later, keep the case in the outbox.
- ``HubRejected``: the platform answered with a 4xx problem; show ``citizen_message`` and stop.
- ``HubFailure``: the platform answered 5xx or something unreadable; retry later.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.errors import KioskError


class HubError(KioskError):
    """Root of every error raised by :class:`kiosk.api.client.HubClient`."""


class HubUnreachable(HubError):
    """No answer from the hub (DNS, connect, TLS, timeout, connection reset)."""


class HubRejected(HubError):
    """The hub refused the request (4xx problem+json)."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        code: str,
        citizen_message: str,
        status: int,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.citizen_message = citizen_message
        self.status = status
        # RFC 9457 extension members of the problem (e.g. ``ticket_number``), as sent.
        self.extensions: Mapping[str, Any] = dict(extensions or {})


class HubFailure(HubError):
    """The hub failed (5xx) or answered something that is not the contract."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
