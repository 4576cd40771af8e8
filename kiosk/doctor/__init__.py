"""``kiosk doctor``: what is wrong with this terminal, one finding per check.

Theory of operation. The configuration is read as ``kiosk run`` reads it; a file that does not
load ends the examination (nothing else can be judged without it). From the settings comes the
list of checks that apply to this terminal (:func:`plan`): the hub, and the clock against the
hub's answer; each configured device; a Chinese font; a voice where the mode speaks; the data
directory's disk; the outbox. All checks run at once, each on a daemon thread of its own, and
each gets ``timeout`` seconds (plus a moment, so that its own timeouts speak first): a dead
network or a hung device costs one finding, never the doctor.

Each check uses the probe the running kiosk uses (``HubClient``, ``PrinterMonitor.poll_once``,
the reader's ``open`` and ``card_present``, the camera's frame source, ``CupsQueue``), so the
doctor and the kiosk agree on what works. Every finding is one sentence for a technician that
says what to do, and holds no personal data: no card is read (only whether one lies on the
reader) and the outbox is counted, never opened.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.config import Mode, Settings

logger = logging.getLogger(__name__)

GRACE = 1.0  # seconds a check gets beyond its timeout, so its own timeout error comes first


class Status(enum.Enum):
    OK = "ok"
    WARN = "warn"  # works, but needs attention (paper near end, a simulated device, disk low)
    FAIL = "fail"  # something a citizen or the hall would notice: fix it


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # "hub", "printer", ...: the same names in every run, for scripts
    status: Status
    message: str  # one sentence: what is wrong and what to do; never personal data

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "status": self.status.value, "message": self.message}


def ok(check: str, message: str) -> Finding:
    return Finding(check, Status.OK, message)


def warn(check: str, message: str) -> Finding:
    return Finding(check, Status.WARN, message)


def fail(check: str, message: str) -> Finding:
    return Finding(check, Status.FAIL, message)


@dataclass(frozen=True, slots=True)
class Check:
    """One probe giving the findings ``names`` (the hub's answer gives "hub" and "clock")."""

    names: tuple[str, ...]
    run: Callable[[], list[Finding]]
    silent: str  # the finding when it does not finish in time: what to look at


@dataclass(frozen=True, slots=True)
class Limits:
    timeout: float = 5.0  # seconds for each check
    clock_tolerance: float = 30.0  # seconds the clock may differ from the hub's
    outbox_age: float = 3600.0  # seconds a case may wait to upload before it is worth a word
    disk_free: int = 1 << 30  # bytes free below which the data directory's disk is low
    disk_share: float = 0.10  # or this share of the disk


def plan(settings: Settings, limits: Limits) -> list[Check]:
    """The checks that apply to this terminal, in the order they are reported."""
    from kiosk.doctor import devices, hub, system

    checks = [hub.check_hub(settings, limits)]
    checks += devices.device_checks(settings, limits)
    checks.append(system.check_font(limits))
    voice = system.check_voice(settings, limits)
    if voice is not None:
        checks.append(voice)
    checks.append(system.check_disk(settings, limits))
    if settings.terminal.mode in (Mode.HALL, Mode.COMMUNITY, Mode.COUNTER):
        checks.append(system.check_outbox(settings, limits))
    return checks


def run_checks(checks: Sequence[Check], timeout: float) -> list[Finding]:
    """Run every check at once; each that is not done ``timeout`` (+ GRACE) seconds after the
    start gives its ``silent`` finding. Threads left hanging are daemons: they die with us."""
    results: list[list[Finding] | None] = [None] * len(checks)
    threads = []
    for index, check in enumerate(checks):
        thread = threading.Thread(
            target=_run_one,
            args=(check, results, index),
            name=f"doctor-{check.names[0]}",
            daemon=True,
        )
        thread.start()
        threads.append(thread)
    deadline = time.monotonic() + timeout + GRACE
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    findings: list[Finding] = []
    for check, found in zip(checks, results, strict=True):
        if found is None:
            logger.warning("doctor: %s did not finish in %.1f s", check.names[0], timeout)
            findings += [fail(name, check.silent) for name in check.names]
        else:
            findings += found
    return findings


def _run_one(check: Check, results: list[list[Finding] | None], index: int) -> None:
    try:
        found = check.run()
    except Exception as exc:  # a bug in a probe must cost one finding, not the report
        logger.exception("doctor: the %s check failed", check.names[0])
        found = [
            fail(
                name,
                f"The {name} check itself failed ({type(exc).__name__}); run kiosk -v doctor"
                " and report what it logs.",
            )
            for name in check.names
        ]
    results[index] = found


def seconds_text(seconds: float) -> str:
    """3725 -> "1 h 2 min"; 65 -> "1 min 5 s"; 4.2 -> "4 s"."""
    whole = int(abs(seconds) + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours >= 48:
        return f"{hours // 24} days"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"
