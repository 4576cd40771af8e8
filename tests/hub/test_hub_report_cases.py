"""The cases report on a small week with known answers, written through the hub's API: cases
from a kiosk, a community worker and a window; accepted and finished on time, accepted and
finished two days late, sent back twice (the second notice naming a material the first had
not), rejected, and one still waiting."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from contract import models as m
from hub import reports
from hub.embedded import EmbeddedHub
from hub.problems import HubProblem
from kiosk.api.client import HubClient
from tests.hub.conftest import FakeClock

D = m.Decision
MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)


def window(hub: EmbeddedHub) -> HubClient:
    token = hub.register_terminal("WIN-cases", mode=m.TerminalMode.COUNTER)
    client = HubClient(hub.base_url, token=token)
    client.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
    return client


def supplement(*names: str, late_reason: str = "") -> m.CaseDecision:
    return m.CaseDecision(
        decision=D.SUPPLEMENT,
        lines=[m.NoticeLine(code=None, name=n, reason="缺少") for n in names],
        deadline=date(2026, 3, 9),
        late_reason=late_reason,
    )


FINISH = [
    m.CaseProgress(step=m.CaseTransition(action=m.CaseAction.PROCESS)),
    m.CaseProgress(step=m.CaseTransition(action=m.CaseAction.FINISH, result_code="approved")),
]


@pytest.fixture
def week(
    hub: EmbeddedHub,
    client: HubClient,
    clock: FakeClock,
    case_request: Callable[..., m.CaseCreate],
    material_pdf: bytes,
) -> EmbeddedHub:
    desk = window(hub)

    def submit(channel: m.Channel) -> str:
        receipt = client.create_case(
            case_request(None, channel=channel), idempotency_key=uuid.uuid4().hex
        )
        client.upload_material(receipt.case_id, "id_card", material_pdf)
        return receipt.case_number

    def at_window(number: str) -> str:
        """The case opened (held) at W01, as the clerk does before any decision."""
        return desk.open_case("W01", number).case_id

    on_time, late, twice, refused = (
        submit(channel)
        for channel in (m.Channel.KIOSK, m.Channel.HALL, m.Channel.COMMUNITY, m.Channel.KIOSK)
    )
    accept = m.CaseDecision(decision=D.ACCEPT)
    desk.decide_case("W01", at_window(late), accept)  # 生育登记: promised the same day (即办)
    case_id = at_window(on_time)
    desk.decide_case("W01", case_id, accept)
    for step in FINISH:
        desk.case_progress("W01", case_id, step)
    desk.decide_case("W01", at_window(twice), supplement("结婚证"))
    again = at_window(twice)  # the citizen came back with it
    desk.decide_case("W01", again, supplement("出生医学证明", late_reason="首次审核遗漏"))
    desk.decide_case(
        "W01",
        at_window(refused),
        m.CaseDecision(
            decision=D.REJECT, reason="不属于本部门职权范围", legal_basis="《行政许可法》第三十二条"
        ),
    )
    clock.advance(days=1)  # Tuesday: one more case, nothing done with it
    receipt = client.create_case(case_request(None), idempotency_key=uuid.uuid4().hex)
    assert receipt.case_number
    clock.advance(days=1)  # Wednesday: the late one finished, two days after its date
    desk.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
    case_id = at_window(late)
    for step in FINISH:
        desk.case_progress("W01", case_id, step)
    desk.close()
    return hub


def table(hub: EmbeddedHub, by: m.Dimension) -> dict[object, list[m.Cell]]:
    report = reports.run(hub.context, m.ReportName.CASES, MONDAY, MONDAY + timedelta(days=6), by)
    return {row[0]: row[1:] for row in report.rows}


def test_the_cases_report_counts_channels_decisions_and_timeliness(week: EmbeddedHub) -> None:
    # submitted, kiosk, community, window, online; accepted, 补正, rejected; finished,
    # on time, days after the promised date (0 and 2), second 补正 naming more (1 of 1).
    assert table(week, m.Dimension.ALL) == {"all": [5, 3, 1, 1, 0, 2, 1, 1, 2, 0.5, 1.0, 1.0]}
    by_day = table(week, m.Dimension.DAY)
    assert by_day[MONDAY.isoformat()][:1] == [4] and by_day[TUESDAY.isoformat()] == [
        1, 1, 0, 0, 0, 0, 0, 0, 0, None, None, None,
    ]  # fmt: skip
    assert by_day["2026-03-08"] == [0] * 9 + [None, None, None]
    clerks = table(week, m.Dimension.CLERK)
    assert clerks["S001"][:10] == [2, 1, 0, 1, 0, 2, 0, 0, 2, 0.5]  # the two it accepted
    assert clerks[""][0] == 3  # not accepted by anyone
    # Every case is of 生育登记, whose 实施部门 the catalog names.
    assert table(week, m.Dimension.DEPARTMENT) == {
        "示例区卫生健康局（街道受理）": table(week, m.Dimension.ALL)["all"]
    }


@pytest.mark.parametrize("by", [m.Dimension.QUEUE, m.Dimension.WINDOW])
def test_queues_and_windows_are_not_dimensions_of_cases(week: EmbeddedHub, by: m.Dimension) -> None:
    with pytest.raises(HubProblem) as caught:
        table(week, by)
    assert caught.value.status == 422 and f"no {by.value} rows" in caught.value.title


def test_a_cases_report_kept_to_a_site_counts_its_terminals_cases(week: EmbeddedHub) -> None:
    period = (MONDAY, MONDAY + timedelta(days=6), m.Dimension.ALL)
    everything = reports.run(week.context, m.ReportName.CASES, *period)
    own = reports.run(week.context, m.ReportName.CASES, *period, frozenset({"district"}))
    assert own == everything  # the kiosk that submitted them is at the site "district"
    other = reports.run(week.context, m.ReportName.CASES, *period, frozenset({"elsewhere"}))
    assert other.rows == []
