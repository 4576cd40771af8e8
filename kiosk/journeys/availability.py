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
    # Alternatives (e.g. scan a QR or read the card): the journey runs while any one works.
    needs_any: frozenset[str] = frozenset()


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
    "checkin": JourneySpec(
        "checkin", needs_any=frozenset({"camera", "idcard"}), prefers=frozenset({"printer"})
    ),
    # The case number and the last six can always be typed: the devices only save typing.
    "progress": JourneySpec("progress", prefers=frozenset({"camera", "idcard"})),
    "rating": JourneySpec("rating", needs=frozenset({"camera"})),
    # Cases: the receipt can be shown on screen, and identity can come from a QR or be typed.
    "case": JourneySpec("case", prefers=frozenset({"printer", "idcard"})),
    # 信用查询: the citizen's card or e-ID code proves who asks; the record can be read on screen.
    "credit": JourneySpec(
        "credit", needs_any=frozenset({"camera", "idcard"}), prefers=frozenset({"printer"})
    ),
    # Anonymous and typed: no device is needed; without paper the reference is shown to note
    # down (the sent page says so), which the home tile need not announce.
    "complaint": JourneySpec("complaint"),
}


# Real-name 取号 at every category ([ticket] real_name = true): no number without a card read
# or an identity QR, so the tile needs one of the two (a per-category list leaves the other
# categories open, and the tile with them).
REAL_NAME_TICKET = JourneySpec(
    "ticket", needs_any=frozenset({"camera", "idcard"}), prefers=frozenset({"printer"})
)


def journeys_for(*, real_name_ticket: bool) -> dict[str, JourneySpec]:
    """The journeys of a terminal whose 取号 does (or does not) ask everyone for identity."""
    return {**JOURNEYS, "ticket": REAL_NAME_TICKET} if real_name_ticket else dict(JOURNEYS)


def journey_status(spec: JourneySpec, devices: Mapping[str, DeviceHealth]) -> JourneyStatus:
    for device in sorted(spec.needs):
        health = devices.get(device)
        # A device not reported yet is still starting: offer the journey rather than hide it.
        if health is not None and health.state is HealthState.DOWN:
            return JourneyStatus(Availability.UNAVAILABLE, device, health.reason)
    down = [d for d in sorted(spec.needs_any) if _is_down(devices, d)]
    if spec.needs_any and len(down) == len(spec.needs_any):
        return JourneyStatus(Availability.UNAVAILABLE, down[0], devices[down[0]].reason)
    if down:
        return JourneyStatus(Availability.DEGRADED, down[0], devices[down[0]].reason)
    for device in sorted(spec.prefers):
        health = devices.get(device)
        if health is not None and health.state is HealthState.DOWN:
            return JourneyStatus(Availability.DEGRADED, device, health.reason)
    return JourneyStatus(Availability.AVAILABLE)


def _is_down(devices: Mapping[str, DeviceHealth], device: str) -> bool:
    health = devices.get(device)
    return health is not None and health.state is HealthState.DOWN
