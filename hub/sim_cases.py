"""Cases (办件) for a simulated district, planned from its ticket log, and written into a hub
database in bulk as the hub's own code paths store them (hub.cases, hub.acceptance,
hub.case_flow): the case, each step's ``case_events`` row and each decision's notice.

A share of the services finished at a window brings a case: submitted at the window itself,
at the site's kiosk on arrival, by a community worker (代办, at a community point) or online
that morning; the serving clerk decides it at the end of the service: 受理, 补正 (the citizen
comes back one to four working days later; some get a second 补正 naming a material the first
had not, 一次告知 missed) or 不予受理. An accepted case is finished within its promised working
days, or some days late. That the bulk writer stores what the hub stores is tested: a log played
through the hub's API and written in bulk gives the same cases report
(tests/hub/test_hub_sim_cases.py)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from contract.idnumber import check_character
from hub.context import HubContext
from hub.db import CaseEvent, CaseNotice, CaseRow, CatalogItemRow, Terminal

CHANNEL_TERMINALS = {"hall": "desk", "kiosk": "kiosk", "community": "agent", "online": "online"}
TERMINAL_MODES = {"desk": "counter", "kiosk": "hall", "agent": "community", "online": "hall"}
STATES = {
    "accept": "accepted",
    "supplement": "supplement_requested",
    "reject": "rejected",
    "process": "processing",
    "finish": "done",
}
NOTICES = {"accept": "acceptance", "supplement": "supplement", "reject": "rejection"}


@dataclass(frozen=True)
class SimStep:
    """A clerk's decision (accept, supplement, reject) or a step (process, finish)."""

    action: str
    at: datetime
    counter: str
    clerk: str
    late_lines: int = 0  # a second 补正's materials the first notice had not named


@dataclass
class SimCase:
    case_id: str
    site: str
    item: str
    channel: str  # hall, kiosk, community, online
    submitted_at: datetime
    applicant_id: str
    steps: list[SimStep] = field(default_factory=list)

    @property
    def terminal(self) -> str:
        return f"{CHANNEL_TERMINALS[self.channel]}-{self.site}"


def _local(day: date, hour: float, tz: ZoneInfo) -> datetime:
    return (datetime.combine(day, time(), tz) + timedelta(hours=hour)).astimezone(UTC)


def plan_cases(
    tickets: Any,
    items: dict[str, tuple[list[str], int]],
    calendar: Any,
    *,
    last_day: date,
    share: float,
    seed: int = 2026,
    tz: ZoneInfo | None = None,
) -> dict[str, SimCase]:
    """Cases of ``share`` of the finished services among ``tickets`` (SimTicket), of the
    catalog's ``items`` (code: channels, promised working days); nothing after ``last_day``."""
    zone = tz or ZoneInfo("Asia/Shanghai")
    rng = random.Random(seed)
    codes = sorted(items)
    cases: dict[str, SimCase] = {}
    for t in tickets:
        if t.state != "done" or t.ended_at is None or rng.random() >= share:
            continue
        item = t.item if t.item in items else rng.choice(codes)
        channels, promised = items[item]
        wanted = rng.choices(["hall", "kiosk", "community", "online"], weights=[50, 25, 15, 10])[0]
        if wanted == "community" and not t.site.startswith("community"):
            wanted = "kiosk"
        channel = wanted if wanted in channels else "hall"
        submitted = {
            "hall": t.started_at or t.ended_at,
            "kiosk": t.issued_at,
            "community": t.issued_at - timedelta(minutes=rng.uniform(5, 60)),
            "online": _local(t.day, rng.uniform(0, 8), zone),
        }[channel]
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(50 * 365))
        first17 = f"320102{born:%Y%m%d}{rng.randrange(1000):03d}"
        case = SimCase(
            case_id=f"SC{len(cases) + 1:010d}",
            site=t.site,
            item=item,
            channel=channel,
            submitted_at=submitted,
            applicant_id=first17 + check_character(first17),
        )
        _decide(case, t, promised, calendar, last_day, zone, rng)
        cases[case.case_id] = case
    return cases


def _decide(
    case: SimCase,
    t: Any,
    promised: int,
    calendar: Any,
    last_day: date,
    zone: ZoneInfo,
    rng: random.Random,
) -> None:
    """The clerk's decisions at the service, at the visits after a 补正, and the finish."""
    at = max(t.ended_at - timedelta(seconds=30), case.submitted_at + timedelta(seconds=1))
    day, counter, clerk = t.day, t.counter, t.clerk
    fate = rng.random()
    if fate < 0.06:
        case.steps.append(SimStep("reject", at, counter, clerk))
        return
    visits = 0
    if fate < 0.24:  # 补正: back one to four working days later, maybe twice
        case.steps.append(SimStep("supplement", at, counter, clerk))
        visits = 2 if rng.random() < 0.15 else 1
    for visit in range(visits):
        day = calendar.add_working_days(day, rng.randint(1, 4))
        at = _local(day, rng.uniform(1.5, 7.5), zone)
        if day > last_day:
            return
        if visit + 1 < visits:
            case.steps.append(SimStep("supplement", at, counter, clerk, late_lines=1))
    case.steps.append(SimStep("accept", at, counter, clerk))
    due = calendar.add_working_days(day, promised)
    late = rng.random() < 0.12
    done_day = (
        calendar.add_working_days(due, rng.randint(1, 5))
        if late
        else calendar.add_working_days(day, rng.randint(0, promised))
    )
    finished = max(at + timedelta(minutes=5), _local(done_day, rng.uniform(1.5, 8), zone))
    if finished.astimezone(zone).date() > last_day:
        return
    case.steps.append(SimStep("process", finished - timedelta(minutes=2), counter, clerk))
    case.steps.append(SimStep("finish", finished, counter, clerk))


# -- writing ----------------------------------------------------------------------------------


def write_cases(ctx: HubContext, cases: dict[str, SimCase], batch: int = 5_000) -> None:
    """Store the cases, their steps and notices as the hub stores them, with any terminal they
    came from that the hub does not know."""
    with ctx.transaction() as session:
        known = set(session.execute(select(Terminal.terminal_id)).scalars())
        promised = {
            code: int(data.get("promised_days", 0))
            for code, data in session.execute(select(CatalogItemRow.code, CatalogItemRow.data))
        }
        wanted = {c.terminal for c in cases.values()} - known
        if wanted:
            session.execute(insert(Terminal), [_terminal(t, ctx.now()) for t in sorted(wanted)])
    numbers: dict[date, int] = defaultdict(int)
    rows: list[tuple[Any, list[dict[str, Any]]]] = []
    for case in sorted(cases.values(), key=lambda c: c.submitted_at):
        day = case.submitted_at.astimezone(ctx.tz).date()
        numbers[day] += 1
        number = f"{day:%Y%m%d}{numbers[day]:06d}"
        rows.append(_case_rows(ctx, case, number, promised.get(case.item, 0)))
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        with ctx.transaction() as session:
            session.execute(insert(CaseRow), [r[0] for r in chunk])
            events = [e for r in chunk for e in r[1] if e["table"] == "event"]
            notices = [e for r in chunk for e in r[1] if e["table"] == "notice"]
            session.execute(insert(CaseEvent), [_strip(e) for e in events])
            if notices:
                session.execute(insert(CaseNotice), [_strip(e) for e in notices])


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "table"}


def _terminal(terminal_id: str, now: datetime) -> dict[str, Any]:
    kind, site = terminal_id.split("-", 1)
    return {
        "terminal_id": terminal_id, "token_hash": f"simulated-{terminal_id}",
        "mode": TERMINAL_MODES[kind], "site_code": site, "description": "simulated",
        "registered_at": now, "devices": [], "software_version": "",
    }  # fmt: skip


def _case_rows(
    ctx: HubContext, case: SimCase, number: str, promised: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    state, due, handler = "submitted", None, None
    extra: list[dict[str, Any]] = [
        {
            "table": "event",
            "case_id": case.case_id,
            "state": "submitted",
            "at": case.submitted_at,
            "actor": case.terminal,
            "detail": {"channel": case.channel, "agent": case.channel == "community"},
        }
    ]
    notices = 0
    for step in case.steps:
        detail: dict[str, Any] = {"staff_no": step.clerk, "counter": step.counter}
        if step.action == "accept":
            due = ctx.calendar.add_working_days(step.at.astimezone(ctx.tz).date(), promised)
            handler = step.clerk
            detail |= {"promised_days": promised, "due_date": due.isoformat()}
        if step.action in NOTICES:
            notices += 1
            notice = f"{number}-{notices}"
            detail["notice"] = notice
            if step.late_lines:
                detail |= {"late_lines": step.late_lines, "late_reason": "首次审核遗漏"}
            extra.append({
                "table": "notice", "notice_number": notice, "case_id": case.case_id,
                "kind": NOTICES[step.action], "issued_at": step.at, "staff_no": step.clerk,
                "late_lines": step.late_lines, "data": {"notice_number": notice},
            })  # fmt: skip
        state = STATES[step.action]
        extra.append({
            "table": "event", "case_id": case.case_id, "state": state, "at": step.at,
            "actor": step.counter, "detail": detail,
        })  # fmt: skip
    row = {
        "case_id": case.case_id, "case_number": number, "terminal_id": case.terminal,
        "idempotency_key": case.case_id, "request_hash": "simulated", "item_code": case.item,
        "state": state, "applicant_name": "模拟申请人", "applicant_id_number": case.applicant_id,
        "applicant_id_digest": ctx.id_digest(case.applicant_id),
        "applicant_identity_source": None, "receipt_code_hash": None,
        "data": {"channel": case.channel, "form": {}}, "submitted_at": case.submitted_at,
        "due_date": due, "clock_paused_days": 0, "held_by": None, "held_at": None,
        "handler_no": handler,
    }  # fmt: skip
    return row, extra
