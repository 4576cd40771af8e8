"""预约签到 flow and desk without Qt: transitions, how hub answers become refusals, scans."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from contract import models as m
from contract.payloads import appointment_code, case_tracking_code
from drivers.health import DeviceHealth, HealthState
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.identity import Identity
from kiosk.journeys.availability import JOURNEYS, Availability, journey_status
from kiosk.journeys.checkin.desk import CheckInDesk
from kiosk.journeys.checkin.flow import (
    CheckInFlow,
    CheckInRefused,
    CheckInState,
    RefusalKind,
    refusal_of,
)
from kiosk.journeys.machine import FlowError

NOW = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


def rejected(code: m.ProblemCode, message: str = "该预约已签到或已取消。") -> HubRejected:
    return HubRejected(code.value, code=code.value, citizen_message=message, status=409)


class FakeHub:
    """Answers like the hub for one appointment in a given state (a unit-test double; the UI
    tests run the real hub)."""

    def __init__(self, state: m.AppointmentState, day: date, error: HubRejected) -> None:
        self.appointment = m.Appointment(
            code="ABCDEFGH",
            category_code="general",
            item_code=None,
            slot_date=day,
            slot_start="09:00",
            state=state,
            ticket_id=None,
            booked_at=NOW,
            checked_in_at=None,
            closed_at=None,
        )
        self.error = error
        self.asked: list[Any] = []

    def check_in(self, request: m.CheckIn) -> m.TicketIssued:
        self.asked.append(request)
        raise self.error

    def get_appointment(self, code: str) -> m.Appointment:
        return self.appointment


def desk(hub: object) -> CheckInDesk:
    return CheckInDesk(hub, printer=None, hall_name="示例")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("state", "problem", "kind"),
    [
        (m.AppointmentState.CHECKED_IN, m.ProblemCode.INVALID_TRANSITION, "already_checked_in"),
        (m.AppointmentState.CANCELLED, m.ProblemCode.INVALID_TRANSITION, "cancelled"),
        (m.AppointmentState.MISSED, m.ProblemCode.APPOINTMENT_NOT_TODAY, "expired"),
        (m.AppointmentState.BOOKED, m.ProblemCode.APPOINTMENT_NOT_TODAY, "not_yet"),
    ],
)
def test_the_appointment_tells_the_refusals_apart(
    state: m.AppointmentState, problem: m.ProblemCode, kind: str
) -> None:
    hub = FakeHub(state, date(2026, 3, 9), rejected(problem))
    with pytest.raises(CheckInRefused) as refused:
        desk(hub).by_scan(appointment_code("ABCDEFGH"))
    assert refused.value.refusal.kind.value == kind
    assert refused.value.refusal.appointment_date == date(2026, 3, 9)
    assert hub.asked == [m.CheckIn(code="ABCDEFGH")]


def test_no_appointment_by_card() -> None:
    hub = FakeHub(
        m.AppointmentState.BOOKED, date(2026, 3, 2), rejected(m.ProblemCode.APPOINTMENT_NOT_FOUND)
    )
    with pytest.raises(CheckInRefused) as refused:
        desk(hub).by_id_number("11010519491231002X")
    assert refused.value.refusal.kind is RefusalKind.NO_APPOINTMENT


def test_already_checked_in_by_card_carries_the_number() -> None:
    error = HubRejected(
        "already",
        code=m.ProblemCode.ALREADY_CHECKED_IN.value,
        citizen_message="您的预约今天已签到，排队号 A007，请留意叫号。",
        status=409,
        extensions={"ticket_number": "A007"},
    )
    hub = FakeHub(m.AppointmentState.CHECKED_IN, date(2026, 3, 2), error)
    with pytest.raises(CheckInRefused) as refused:
        desk(hub).by_id_number("11010519491231002X")
    assert refused.value.refusal.kind is RefusalKind.ALREADY_CHECKED_IN
    assert refused.value.refusal.ticket_number == "A007"
    assert not refused.value.refusal.ticket_closed
    error.extensions = {"ticket_number": "A007", "ticket_state": "done"}
    with pytest.raises(CheckInRefused) as refused:
        desk(hub).by_id_number("11010519491231002X")
    assert refused.value.refusal.ticket_closed  # served already: not "wait for the call"
    # A hub that sends no number (or a strange one) still gets the right refusal.
    hub.error = HubRejected("x", code="already_checked_in", citizen_message="", status=409)
    with pytest.raises(CheckInRefused) as refused:
        desk(hub).by_id_number("11010519491231002X")
    assert refused.value.refusal.kind is RefusalKind.ALREADY_CHECKED_IN
    assert refused.value.refusal.ticket_number == ""


@pytest.mark.parametrize(
    "text",
    ["", "hello", case_tracking_code("YM202603020000011"), appointment_code("ABCDEFGH")[:-1] + "Z"],
)
def test_codes_that_are_no_appointment_never_reach_the_hub(text: str) -> None:
    hub = FakeHub(m.AppointmentState.BOOKED, date(2026, 3, 2), rejected(m.ProblemCode.CONFLICT))
    with pytest.raises(CheckInRefused) as refused:
        desk(hub).by_scan(text)
    assert refused.value.refusal.kind is RefusalKind.INVALID_CODE
    assert hub.asked == []


def test_failures_become_refusals() -> None:
    assert refusal_of(HubUnreachable("down")).kind is RefusalKind.HUB_UNREACHABLE
    assert refusal_of(RuntimeError("bug")).kind is RefusalKind.HUB_FAILURE


def test_flow_walks_its_table_and_forgets() -> None:
    flow = CheckInFlow()
    holder = Identity("张示例", "11010519491231002X")
    assert (holder.masked_name, holder.masked_id) == ("张*例", "1101**********002X")
    flow.presented(holder)
    assert flow.state is CheckInState.CHECKING and flow.holder == holder
    with pytest.raises(FlowError):
        flow.dismiss()
    flow.refused(refusal_of(HubUnreachable("down")))
    flow.retry()
    assert flow.state is CheckInState.WAITING
    assert flow.holder is None and flow.refusal is None
    flow.back()
    assert flow.state is CheckInState.DONE


def test_check_in_runs_while_either_input_works() -> None:
    spec = JOURNEYS["checkin"]
    down = HealthState.DOWN
    camera_down = {"camera": DeviceHealth("camera", down, "open_failed")}
    assert journey_status(spec, camera_down).availability is Availability.DEGRADED
    both = {**camera_down, "idcard": DeviceHealth("idcard", down, "unplugged")}
    status = journey_status(spec, both)
    assert status.availability is Availability.UNAVAILABLE and status.device == "camera"
    assert journey_status(spec, {}).availability is Availability.AVAILABLE
    assert journey_status(JOURNEYS["rating"], camera_down).availability is Availability.UNAVAILABLE
    assert journey_status(JOURNEYS["progress"], both).availability is Availability.DEGRADED
