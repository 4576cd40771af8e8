"""Device health: the one model every driver reports its state in (the CUSS idea).

A journey that needs a device is offered only while that device is OK or DEGRADED.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class HealthState(enum.Enum):
    OK = "ok"
    DEGRADED = "degraded"  # works, but needs attention soon (paper near end, slow reads)
    DOWN = "down"  # cannot serve a citizen now
    UNKNOWN = "unknown"  # not probed yet


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    device: str  # "idcard", "printer", "camera", ...
    state: HealthState
    reason: str = ""  # machine code, e.g. "paper_out", "unplugged"; the UI words it
    detail: str = ""  # technician-facing detail, never personal data

    @property
    def usable(self) -> bool:
        return self.state in (HealthState.OK, HealthState.DEGRADED)
