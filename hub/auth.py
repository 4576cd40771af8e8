"""Terminal credentials: a random bearer token per terminal, stored only as its SHA-256.

Tokens carry 256 bits of randomness, so a fast hash is enough (no password stretching needed).
The same ``terminal_id`` could come from a verified client certificate instead (mTLS-ready):
the dependency below is the single place that decides who is calling.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, select
from starlette.concurrency import run_in_threadpool

from contract.models import ProblemCode, TerminalCredentials, TerminalRegistration
from hub import audit
from hub.context import HubContext, get_context
from hub.db import Terminal
from hub.problems import HubProblem


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register_terminal(ctx: HubContext, registration: TerminalRegistration) -> TerminalCredentials:
    """Create the terminal or rotate its token. The old token stops working at once in this
    process, within ``KnownTokens.seconds`` in the others (the CLI is one)."""
    token = secrets.token_urlsafe(32)
    now = ctx.now()
    with ctx.transaction() as session:
        terminal = session.get(Terminal, registration.terminal_id)
        if terminal is None:
            terminal = Terminal(
                terminal_id=registration.terminal_id,
                registered_at=now,
                devices=[],
                token_hash=hash_token(token),
                mode=registration.mode.value,
                site_code=registration.site_code,
                description=registration.description,
            )
            session.add(terminal)
        else:
            terminal.token_hash = hash_token(token)
            terminal.mode = registration.mode.value
            terminal.site_code = registration.site_code
            terminal.description = registration.description
        audit.admin(
            session,
            "register-terminal",
            registration.terminal_id,
            now,
            mode=registration.mode.value,
            site_code=registration.site_code,
            new=terminal.registered_at == now,
        )
    ctx.known_tokens.forget_all()
    return TerminalCredentials(terminal_id=registration.terminal_id, token=token, issued_at=now)


# Declared as security schemes in the OpenAPI document, so that a platform implementing the
# contract learns from it which operations need which token (the problems stay ours: no
# auto_error, a missing token is answered as every other problem).
TERMINAL_TOKEN = HTTPBearer(
    auto_error=False,
    scheme_name="terminalToken",
    description="A terminal's token (kiosk hub register-terminal).",
)
ADMIN_TOKEN = HTTPBearer(
    auto_error=False, scheme_name="adminToken", description="The hub's admin token."
)
Credentials = HTTPAuthorizationCredentials | None


def _bearer(credentials: Credentials) -> str:
    if credentials is None or not credentials.credentials.strip():
        raise HubProblem(401, ProblemCode.UNAUTHORIZED, "Missing bearer token")
    return credentials.credentials.strip()


_BY_TOKEN = select(*Terminal.__table__.columns).where(
    Terminal.token_hash == bindparam("token_hash")
)


def _read_terminal(ctx: HubContext, token_hash: str) -> Terminal:
    with ctx.reading() as session:
        row = session.connection().execute(_BY_TOKEN, {"token_hash": token_hash}).first()
    if row is None:
        raise HubProblem(401, ProblemCode.UNAUTHORIZED, "Unknown terminal token")
    return ctx.known_tokens.put(token_hash, dict(row._mapping))


async def current_terminal(
    ctx: Annotated[HubContext, Depends(get_context)],
    credentials: Annotated[Credentials, Depends(TERMINAL_TOKEN)],
) -> Terminal:
    # async: a known token is answered without a hand-over to the thread pool.
    token_hash = hash_token(_bearer(credentials))
    known = ctx.known_tokens.get(token_hash)
    if known is not None:
        return known
    return await run_in_threadpool(_read_terminal, ctx, token_hash)


def require_admin(
    request: Request, credentials: Annotated[Credentials, Depends(ADMIN_TOKEN)]
) -> None:
    expected: str | None = request.app.state.admin_token
    token = _bearer(credentials)
    if expected is None or not secrets.compare_digest(token, expected):
        raise HubProblem(403, ProblemCode.FORBIDDEN, "Admin token required")


TerminalDep = Annotated[Terminal, Depends(current_terminal)]
ContextDep = Annotated[HubContext, Depends(get_context)]


async def counter_terminal(terminal: TerminalDep) -> Terminal:
    """Staff actions (calling numbers, accepting cases) are for counter terminals only."""
    if terminal.mode != "counter":
        raise HubProblem(403, ProblemCode.FORBIDDEN, "Counter terminal required")
    return terminal


CounterDep = Annotated[Terminal, Depends(counter_terminal)]
