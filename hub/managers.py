"""The web console's people: the district office sees every site, a hall manager only theirs.

Passwords are kept as scrypt hashes (``contract.pins``, one format with the clerks' PINs). A
signed-in browser holds a random token in a cookie; the hub keeps only its SHA-256, for
``SESSION_HOURS``. Wrong passwords are limited per client address, not per login, so that a
stranger cannot lock a manager out from another machine.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from contract.pins import hash_secret, verify_pin
from hub import audit
from hub.auth import hash_token
from hub.context import HubContext
from hub.db import ManagerRow, ManagerSessionRow

SESSION_HOURS = 12
MIN_PASSWORD = 10
LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
SITE = re.compile(r"[A-Za-z0-9._-]{1,64}")


class ManagerError(ValueError):
    """A login, site code or password that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Manager:
    login: str
    name: str
    sites: frozenset[str] | None  # None: the district office, every site

    def sees(self, site: str) -> bool:
        return self.sites is None or site in self.sites

    @property
    def scope(self) -> str:
        return "全区" if self.sites is None else "、".join(sorted(self.sites))


def _manager(row: ManagerRow) -> Manager:
    sites = frozenset(row.sites.split())
    return Manager(login=row.login, name=row.name, sites=sites or None)


def add_manager(
    ctx: HubContext, login: str, name: str, sites: list[str], password: str | None = None
) -> str:
    """Create the manager, or replace their name, sites and password; the password (made up
    when none is given) is returned, and their browsers are signed out."""
    if not LOGIN.fullmatch(login):
        raise ManagerError(f"login {login!r}: 1-64 lowercase letters, digits, '.', '_' or '-'")
    if not name.strip() or len(name) > 100:
        raise ManagerError("the name is 1 to 100 characters")
    for site in sites:
        if not SITE.fullmatch(site):
            raise ManagerError(f"site code {site!r}: letters, digits, '.', '_' or '-'")
    if password is None:
        password = secrets.token_urlsafe(9)
    elif len(password) < MIN_PASSWORD:
        raise ManagerError(f"a password has at least {MIN_PASSWORD} characters")
    hashed = hash_secret(password)
    with ctx.transaction() as session:
        row = session.get(ManagerRow, login)
        if row is None:
            row = ManagerRow(login=login, created_at=ctx.now())
            session.add(row)
        row.name, row.sites, row.password_hash = name.strip(), " ".join(sorted(sites)), hashed
        session.execute(delete(ManagerSessionRow).where(ManagerSessionRow.login == login))
        _audited(session, ctx, "add-manager", login, sites=sorted(sites))
    return password


def remove_manager(ctx: HubContext, login: str) -> bool:
    with ctx.transaction() as session:
        session.execute(delete(ManagerSessionRow).where(ManagerSessionRow.login == login))
        row = session.get(ManagerRow, login)
        if row is None:
            return False
        session.delete(row)
        _audited(session, ctx, "remove-manager", login)
    return True


def _audited(session: Session, ctx: HubContext, action: str, login: str, **facts: Any) -> None:
    """A login may be a person's name: the chain names it by its digest."""
    login_hash = audit.digest(login)
    audit.admin(
        session, action, f"manager-{login_hash[:16]}", ctx.now(), login_hash=login_hash, **facts
    )


def managers(ctx: HubContext) -> list[Manager]:
    with ctx.reading() as session:
        rows = session.execute(select(ManagerRow).order_by(ManagerRow.login)).scalars()
        return [_manager(row) for row in rows]


@functools.cache
def _decoy_hash() -> str:
    """Checked when the login is unknown, so that it costs what a wrong password does."""
    return hash_secret(secrets.token_hex(8))


def sign_in(ctx: HubContext, login: str, password: str) -> str | None:
    """A new session's token, or None for a wrong login or password (the same answer)."""
    with ctx.reading() as session:
        row = session.get(ManagerRow, login.strip().lower()[:64])
        stored = row.password_hash if row is not None else _decoy_hash()
    if not verify_pin(password, stored) or row is None:
        return None
    token = secrets.token_urlsafe(32)
    now = ctx.now()
    with ctx.transaction() as session:
        session.execute(delete(ManagerSessionRow).where(ManagerSessionRow.expires_at < now))
        session.add(
            ManagerSessionRow(
                token_hash=hash_token(token),
                login=row.login,
                expires_at=now + timedelta(hours=SESSION_HOURS),
            )
        )
    return token


def signed_in(ctx: HubContext, token: str) -> Manager | None:
    """Whose browser holds ``token``, if its session is still open."""
    if not token or len(token) > 100:
        return None
    with ctx.reading() as session:
        found = session.execute(
            select(ManagerRow, ManagerSessionRow.expires_at)
            .join(ManagerSessionRow, ManagerSessionRow.login == ManagerRow.login)
            .where(ManagerSessionRow.token_hash == hash_token(token))
        ).first()
        if found is None or found[1] <= ctx.now():
            return None
        return _manager(found[0])


def sign_out(ctx: HubContext, token: str) -> None:
    with ctx.transaction() as session:
        session.execute(
            delete(ManagerSessionRow).where(ManagerSessionRow.token_hash == hash_token(token))
        )


class SignInGuard:
    """At most ``limit`` wrong passwords from one address in ``window`` (in memory per hub
    process: enough to make guessing slow)."""

    def __init__(self, limit: int = 10, window: timedelta = timedelta(minutes=15)) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[datetime]] = {}

    def wait(self, address: str, now: datetime) -> timedelta | None:
        """How long ``address`` must wait before trying again, or None."""
        failures = self._failures.get(address)
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        if not failures or len(failures) < self.limit:
            return None
        return failures[0] + self.window - now

    def failed(self, address: str, now: datetime) -> None:
        if len(self._failures) > 10_000:  # addresses of the past; keep memory bounded
            self._failures.clear()
        self._failures.setdefault(address, deque()).append(now)

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)
