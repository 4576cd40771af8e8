from __future__ import annotations

from drivers.health import DeviceHealth, HealthState
from kiosk.journeys.availability import Availability, JourneySpec, journey_status

CHECKIN = JourneySpec("checkin", needs=frozenset({"idcard"}), prefers=frozenset({"printer"}))


def health(device: str, state: HealthState, reason: str = "") -> DeviceHealth:
    return DeviceHealth(device, state, reason)


def test_available_when_devices_work_or_are_unknown() -> None:
    assert journey_status(CHECKIN, {}).availability is Availability.AVAILABLE
    devices = {"idcard": health("idcard", HealthState.OK)}
    assert journey_status(CHECKIN, devices).availability is Availability.AVAILABLE


def test_needed_device_down_makes_it_unavailable_with_the_reason() -> None:
    devices = {
        "idcard": health("idcard", HealthState.DOWN, "unplugged"),
        "printer": health("printer", HealthState.DOWN, "paper_out"),
    }
    status = journey_status(CHECKIN, devices)
    assert status.availability is Availability.UNAVAILABLE
    assert (status.device, status.reason) == ("idcard", "unplugged")


def test_preferred_device_down_degrades_and_near_end_does_not() -> None:
    devices = {"printer": health("printer", HealthState.DOWN, "paper_out")}
    status = journey_status(CHECKIN, devices)
    assert status.availability is Availability.DEGRADED and status.reason == "paper_out"
    devices = {"printer": health("printer", HealthState.DEGRADED, "paper_near_end")}
    assert journey_status(CHECKIN, devices).availability is Availability.AVAILABLE
