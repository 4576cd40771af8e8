"""Clerks (窗口工作人员) registered at the hub, and signing in at a window.

The registry comes from a TOML file (``kiosk hub staff FILE``): staff number, name, department,
the queues they handle ([] = all, 全科), a PIN as a slow hash (``kiosk admin-pin`` makes it),
optionally a staff card UID, their own ID number (kept only as a keyed digest) and a photo.

Signing in takes the PIN and one of staff number, card or ID card. Five wrong PINs in a row lock
the clerk for five minutes, counted at the hub, so another window buys no more guesses. An
unknown number or card gets the same answer, after the same scrypt cost, as a wrong PIN. The
PIN is checked outside the write transaction (scrypt takes tens of milliseconds).
"""

from __future__ import annotations

import functools
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from contract import models as m
from contract.pins import check_pin_hash, hash_pin, verify_pin
from hub import audit, events
from hub.context import HubContext
from hub.db import CounterEvent, CounterRow, CounterSessionRow, StaffRow, Terminal
from hub.problems import HubProblem

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
PHOTO_MAX_BYTES = 512 * 1024


class StaffFileError(ValueError):
    """A staff file is wrong; the message names the file and the entry."""


@functools.cache
def _decoy_hash() -> str:
    """Checked against when nobody matches, so an unknown number costs what a wrong PIN does."""
    return hash_pin("000000")


def load_staff(ctx: HubContext, path: Path) -> int:
    """Upsert the clerks of a TOML file (``[[staff]]`` tables); return how many."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StaffFileError(f"{path.name} cannot be read: {exc}") from exc
    entries = [_entry(ctx, path, n, raw) for n, raw in enumerate(data.get("staff", []), 1)]
    with ctx.transaction() as session:
        for entry in entries:
            row = session.get(StaffRow, entry["staff_no"]) or StaffRow(
                staff_no=entry["staff_no"], failures=0
            )
            for name, value in entry.items():
                setattr(row, name, value)
            session.add(row)
        audit.admin(
            session,
            "import-staff",
            "staff",
            ctx.now(),
            clerks=len(entries),
            file_sha256=audit.digest(path.read_bytes()),  # names and PIN hashes: a digest only
        )
    return len(entries)


def _entry(ctx: HubContext, path: Path, number: int, raw: Any) -> dict[str, Any]:
    where = f"{path.name} staff {number}"
    if not isinstance(raw, dict):
        raise StaffFileError(f"{where}: not a table.")
    allowed = {"staff_no", "name", "department", "categories", "pin_hash", "card_uid"}
    allowed |= {"id_number", "photo", "active"}
    if unknown := set(raw) - allowed:
        raise StaffFileError(
            f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}."
        )
    for key in ("staff_no", "name", "pin_hash"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise StaffFileError(f"{where}: {key} is required (text).")
    try:
        m.ClerkSignIn(staff_no=raw["staff_no"], pin="0000")  # the same code rules as sign-in
        if raw.get("card_uid") is not None:
            m.ClerkSignIn(card_uid=raw["card_uid"], pin="0000")
        if raw.get("id_number") is not None:
            m.ClerkSignIn(id_number=raw["id_number"], pin="0000")
        check_pin_hash(raw["pin_hash"])
    except (ValidationError, ValueError) as exc:
        raise StaffFileError(f"{where} ({raw['staff_no']}): {_first_error(exc)}.") from exc
    categories = raw.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise StaffFileError(f"{where}: categories is a list of queue codes ([] = all).")
    photo = None
    if raw.get("photo"):
        photo_path = path.parent / raw["photo"]
        try:
            photo = photo_path.read_bytes()
        except OSError as exc:
            raise StaffFileError(f"{where}: photo {raw['photo']} cannot be read.") from exc
        if len(photo) > PHOTO_MAX_BYTES or not photo.startswith((b"\x89PNG", b"\xff\xd8")):
            raise StaffFileError(f"{where}: photo must be a PNG or JPEG under 512 KiB.")
    return {
        "staff_no": raw["staff_no"],
        "name": raw["name"][:50],
        "department": str(raw.get("department", ""))[:100],
        "category_codes": categories,
        "pin_hash": raw["pin_hash"],
        "card_uid": raw.get("card_uid"),
        "id_digest": ctx.id_digest(raw["id_number"]) if raw.get("id_number") else None,
        "photo": photo,
        "active": bool(raw.get("active", True)),
    }


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return str(exc.errors()[0]["msg"])
    return str(exc)


def clerk_model(row: StaffRow) -> m.Clerk:
    return m.Clerk(
        staff_no=row.staff_no,
        name=row.name,
        department=row.department,
        category_codes=list(row.category_codes),
        has_photo=row.photo is not None,
    )


def photo(ctx: HubContext, staff_no: str) -> bytes:
    with ctx.reading() as session:
        row = session.get(StaffRow, staff_no)
        if row is None or row.photo is None:
            raise HubProblem(404, m.ProblemCode.NOT_FOUND, "No photo", "没有该工作人员的照片。")
        return row.photo


def _find(session: Session, ctx: HubContext, request: m.ClerkSignIn) -> StaffRow | None:
    if request.staff_no is not None:
        where = StaffRow.staff_no == request.staff_no
    elif request.card_uid is not None:
        where = StaffRow.card_uid == request.card_uid
    else:
        assert request.id_number is not None
        where = StaffRow.id_digest == ctx.id_digest(request.id_number)
    return session.execute(select(StaffRow).where(where)).scalar_one_or_none()


def sign_in(ctx: HubContext, terminal: Terminal, counter_code: str, request: m.ClerkSignIn) -> str:
    """Check the clerk's two factors and open their session at ``counter_code`` (ending any
    other session of theirs, and the window's previous clerk's); return their staff number."""
    refused = HubProblem(
        401,
        m.ProblemCode.UNAUTHORIZED,
        "Unknown clerk or wrong PIN",
        "卡片未登记或密码不正确。" if request.staff_no is None else "工号或密码不正确。",
    )
    now = ctx.now()
    with ctx.reading() as session:
        clerk = _find(session, ctx, request)
    if clerk is not None and clerk.locked_until is not None and clerk.locked_until > now:
        raise _locked()
    if clerk is None or not clerk.active:
        verify_pin(request.pin, _decoy_hash())
        raise refused
    if not verify_pin(request.pin, clerk.pin_hash):
        with ctx.transaction() as session:
            failures = session.execute(
                update(StaffRow)
                .where(StaffRow.staff_no == clerk.staff_no)
                .values(failures=StaffRow.failures + 1)
                .returning(StaffRow.failures)
            ).scalar_one()
            if failures >= MAX_FAILURES:
                session.execute(
                    update(StaffRow)
                    .where(StaffRow.staff_no == clerk.staff_no)
                    .values(failures=0, locked_until=now + LOCKOUT)
                )
        raise _locked() if failures >= MAX_FAILURES else refused
    with ctx.transaction() as session:
        counter = session.get(CounterRow, counter_code)
        if counter is None:
            raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown counter", "没有这个窗口。")
        session.execute(
            update(StaffRow).where(StaffRow.staff_no == clerk.staff_no).values(failures=0)
        )
        ended = session.execute(
            select(CounterSessionRow).where(
                (CounterSessionRow.staff_no == clerk.staff_no)
                | (CounterSessionRow.counter_code == counter_code)
            )
        ).scalars()
        for other in ended:
            log(session, other.counter_code, other.staff_no, "signed_out", now, {"by": "sign-in"})
        session.execute(
            delete(CounterSessionRow).where(
                (CounterSessionRow.staff_no == clerk.staff_no)
                | (CounterSessionRow.counter_code == counter_code)
            )
        )
        session.flush()
        session.add(
            CounterSessionRow(
                counter_code=counter_code,
                terminal_id=terminal.terminal_id,
                staff_no=clerk.staff_no,
                signed_in_at=now,
                state=m.WindowState.OPEN.value,
                pause_reason=None,
                pause_note="",
                state_since=now,
                chosen_categories=[],
                service_date=ctx.today(),
            )
        )
        log(
            session,
            counter_code,
            clerk.staff_no,
            "signed_in",
            now,
            {"terminal": terminal.terminal_id},
        )
        events.emit(
            session, "window.opened", now, counter_code=counter_code, counter_name=counter.name
        )
    return clerk.staff_no


def _locked() -> HubProblem:
    return HubProblem(
        429, m.ProblemCode.TOO_MANY_ATTEMPTS, "Clerk locked", "尝试次数过多，请五分钟后再试。"
    )


def log(
    session: Session,
    counter_code: str,
    staff_no: str | None,
    kind: str,
    at: Any,
    detail: dict[str, Any],
) -> None:
    session.add(
        CounterEvent(counter_code=counter_code, staff_no=staff_no, kind=kind, at=at, detail=detail)
    )
