"""The simulated year's cases (hub.sim_cases): planned from services, they are played here through
the hub's API (submitted from a kiosk, a community worker, a window or online; 受理, 补正 twice
with a material the first notice missed, 不予受理; processed and finished on time or late), and
the same plan written in bulk into another database gives the same cases report, cell for cell,
by every dimension. The plan's cases are all of 生育登记 (the item whose complete request the
tests know); the bulk writer takes any item alike."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from contract import models as m
from hub import reports
from hub.app import create_app, sample_calendar
from hub.embedded import EmbeddedHub
from hub.sim_cases import SimCase, SimStep, plan_cases, write_cases
from hub.simulator import SimTicket
from kiosk.api.client import HubClient
from tests.hub.conftest import SAMPLE_CLERKS, FakeClock, sign_in

TZ = ZoneInfo("Asia/Shanghai")
ITEM = "GG00515001-990101-WJ"
FIRST, LAST = date(2026, 3, 2), date(2026, 3, 20)
pytestmark = pytest.mark.slow


def services(n: int) -> list[SimTicket]:
    """``n`` services finished over the first week, at the hall and a community point."""
    tickets = []
    for k in range(n):
        day = FIRST + timedelta(days=k % 5)
        issued = datetime.combine(day, time(9, 0), TZ).astimezone(UTC) + timedelta(minutes=5 * k)
        window = f"W0{1 + k % 5}"
        tickets.append(
            SimTicket(
                ticket_id=f"T{k}",
                site="community-1" if k % 3 == 0 else "hall",
                queue="general",
                item=ITEM,
                day=day,
                issued_at=issued,
                state="done",
                counter=window,
                clerk=SAMPLE_CLERKS[window],
                called_at=issued + timedelta(minutes=10),
                started_at=issued + timedelta(minutes=11),
                ended_at=issued + timedelta(minutes=20),
            )
        )
    return tickets


def plan() -> dict[str, SimCase]:
    channels = ["hall", "kiosk", "community", "online", "mobile"]
    return plan_cases(
        services(90),
        {ITEM: (channels, 0)},
        sample_calendar(),
        last_day=LAST,
        share=0.9,
        seed=5,
    )


class Player:
    """Plays a plan through the hub's API, each step at its time."""

    def __init__(self, hub: EmbeddedHub, clock: FakeClock, make: Callable[..., m.CaseCreate]):
        self.hub, self.clock, self.make = hub, clock, make
        self.clients: dict[str, HubClient] = {}
        self.ids: dict[str, str] = {}  # the plan's case id: the hub's
        self.numbers: dict[str, str] = {}
        self.signed: dict[str, tuple[date, str]] = {}

    def client(self, terminal: str, mode: str, site: str) -> HubClient:
        if terminal not in self.clients:
            answer = httpx.post(
                f"{self.hub.base_url}/api/v1/terminals",
                json={"terminal_id": terminal, "mode": mode, "site_code": site},
                headers={"Authorization": f"Bearer {self.hub.admin_token}"},
                timeout=30,
            )
            assert answer.status_code in (200, 201), answer.text
            self.clients[terminal] = HubClient(self.hub.base_url, token=answer.json()["token"])
        return self.clients[terminal]

    def submit(self, case: SimCase, material: bytes) -> None:
        mode = {"hall": "counter", "community": "community"}.get(case.channel, "hall")
        client = self.client(case.terminal, mode, case.site)
        request = self.make(None, channel=m.Channel(case.channel), id_number=case.applicant_id)
        if case.channel == "community":
            worker = m.Person(name="社工甲", id_number="11010519491231002X")
            request = request.model_copy(update={"agent": worker})
        receipt = client.create_case(request, idempotency_key=uuid.uuid4().hex)
        client.upload_material(receipt.case_id, "id_card", material)
        self.ids[case.case_id], self.numbers[case.case_id] = receipt.case_id, receipt.case_number

    def step(self, case: SimCase, step: SimStep) -> None:
        desk = self.client(f"win-{step.counter}", "counter", "hall")
        today = step.at.astimezone(TZ).date()
        if self.signed.get(step.counter) != (today, step.clerk):
            sign_in(desk, step.counter, step.clerk)
            self.signed[step.counter] = (today, step.clerk)
        case_id = self.ids[case.case_id]
        if step.action in ("process", "finish"):
            action = m.CaseAction.PROCESS if step.action == "process" else m.CaseAction.FINISH
            result = "approved" if step.action == "finish" else None
            transition = m.CaseTransition(action=action, result_code=result)
            desk.case_progress(step.counter, case_id, m.CaseProgress(step=transition))
            return
        desk.open_case(step.counter, self.numbers[case.case_id])
        deadline = today + timedelta(days=7)
        decision = {
            "accept": m.CaseDecision(decision=m.Decision.ACCEPT),
            "reject": m.CaseDecision(
                decision=m.Decision.REJECT,
                reason="不符合受理条件",
                legal_basis="《行政许可法》第三十二条",
            ),
            "supplement": m.CaseDecision(
                decision=m.Decision.SUPPLEMENT,
                lines=[
                    m.NoticeLine(
                        code=None,
                        name="出生医学证明" if step.late_lines else "结婚证",
                        reason="缺少",
                    ),
                ],
                deadline=deadline,
                late_reason="首次审核遗漏" if step.late_lines else "",
            ),
        }[step.action]
        desk.decide_case(step.counter, case_id, decision)

    def play(self, cases: dict[str, SimCase], material: bytes) -> None:
        moments: list[tuple[datetime, int, SimCase, SimStep | None]] = []
        for n, case in enumerate(cases.values()):
            moments.append((case.submitted_at, n, case, None))
            moments += [(s.at, n, case, s) for s in case.steps]
        for at, _, case, step in sorted(moments, key=lambda x: (x[0], x[1])):
            self.clock.set(at)
            if step is None:
                self.submit(case, material)
            else:
                self.step(case, step)

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


def test_the_plan_has_every_kind_of_case() -> None:
    cases = list(plan().values())
    assert {c.channel for c in cases} == {"hall", "kiosk", "community", "online"}
    actions = [[s.action for s in c.steps] for c in cases]
    assert ["reject"] in actions
    assert any(a[:2] == ["supplement", "accept"] for a in actions)
    assert any(s.late_lines for c in cases for s in c.steps)  # a second 补正 naming more
    assert any("finish" in a for a in actions)
    finished = [c for c in cases if c.steps and c.steps[-1].action == "finish"]
    calendar = sample_calendar()
    late = [
        c
        for c in finished
        if c.steps[-1].at.astimezone(TZ).date()
        > calendar.add_working_days(c.steps[-3].at.astimezone(TZ).date(), 0)
    ]
    assert late and len(late) < len(finished)  # some late, most on time


def test_the_bulk_writer_stores_what_the_hubs_api_stores(
    hub: EmbeddedHub,
    clock: FakeClock,
    case_request: Callable[..., m.CaseCreate],
    material_pdf: bytes,
    tmp_path: Path,
) -> None:
    cases = plan()
    player = Player(hub, clock, case_request)
    try:
        player.play(cases, material_pdf)
    finally:
        player.close()
    after = datetime(2026, 3, 23, 2, tzinfo=UTC)
    clock.set(after)
    copy = create_app(
        f"sqlite:///{tmp_path / 'copy.sqlite3'}", seed_sample=True, clock=lambda: after
    )
    ctx = copy.state.hub
    try:
        write_cases(ctx, cases)
        for by in reports.DIMENSIONS[m.ReportName.CASES]:
            original = reports.run(hub.context, m.ReportName.CASES, FIRST, LAST, by)
            assert reports.run(ctx, m.ReportName.CASES, FIRST, LAST, by) == original, by
        everything = reports.run(ctx, m.ReportName.CASES, FIRST, LAST, m.Dimension.ALL)
        submitted, *_ = everything.rows[0][1:]
        assert submitted == len(cases)
    finally:
        ctx.engine.dispose()
