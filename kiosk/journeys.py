"""Which journeys a terminal offers, what devices each needs, and whether it can run now.

A journey is AVAILABLE while every device it needs is usable (the CUSS rule). A device it only
prefers makes it DEGRADED when down: it still runs, and the home screen says what differs
(e.g. the printer is out of paper: the number is shown on screen instead of printed).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from drivers.health import DeviceHealth, HealthState


@dataclass(frozen=True, slots=True)
class JourneySpec:
    key: str
    needs: frozenset[str] = frozenset()  # devices without which the journey cannot run
    prefers: frozenset[str] = frozenset()  # devices whose loss changes how it runs


class Availability(enum.Enum):
    AVAILABLE = "available"
    DEGRADED = "degraded"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class JourneyStatus:
    availability: Availability
    device: str = ""  # the device that decides it, when it is not simply available
    reason: str = ""  # that device's reason code ("paper_out", "unplugged"...)


JOURNEYS: dict[str, JourneySpec] = {
    "ticket": JourneySpec("ticket", prefers=frozenset({"printer"})),
    # Cases: the receipt can be shown on screen, and identity can come from a QR or be typed.
    "case": JourneySpec("case", prefers=frozenset({"printer", "idcard"})),
}


def journey_status(spec: JourneySpec, devices: Mapping[str, DeviceHealth]) -> JourneyStatus:
    for device in sorted(spec.needs):
        health = devices.get(device)
        # A device not reported yet is still starting: offer the journey rather than hide it.
        if health is not None and health.state is HealthState.DOWN:
            return JourneyStatus(Availability.UNAVAILABLE, device, health.reason)
    for device in sorted(spec.prefers):
        health = devices.get(device)
        if health is not None and health.state is HealthState.DOWN:
            return JourneyStatus(Availability.DEGRADED, device, health.reason)
    return JourneyStatus(Availability.AVAILABLE)
