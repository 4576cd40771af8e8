"""Each configured device found and answering, probed as the running kiosk probes it.

A device set to "none" is not checked; a simulated one ("sim", "virtual") is a warning, since a
citizen cannot use it. The ID card reader is opened and asked whether a card lies on it (a card
is never read); the receipt printer is asked its real-time status once, as the kiosk's
``PrinterMonitor`` asks it; a camera must give one frame; an A4 notice queue must exist in CUPS
and accept jobs. Run the doctor with the kiosk stopped: a serial port or a printer that allows
one connection serves one program at a time.
"""

from __future__ import annotations

import dataclasses
import re

from drivers.health import DeviceHealth, HealthState
from kiosk.config import Mode, Settings
from kiosk.doctor import Check, Finding, Limits, fail, ok, warn

CASE_MODES = (Mode.HALL, Mode.COMMUNITY, Mode.COUNTER)  # the modes that capture materials


def device_checks(settings: Settings, limits: Limits) -> list[Check]:
    devices = settings.devices
    checks = []
    if devices.id_reader != "none":
        checks.append(check_reader(settings, limits))
    if devices.camera != "none":
        checks.append(check_camera("camera", "devices.camera", devices.camera, limits))
    document = settings.cases.document_camera
    if settings.terminal.mode in CASE_MODES and document != devices.camera:
        checks.append(check_camera("document_camera", "cases.document_camera", document, limits))
    if devices.printer != "none":
        checks.append(check_printer(settings, limits))
    if settings.terminal.mode is Mode.COUNTER and settings.counter.notice_printer:
        checks.append(check_notice_printer(settings, limits))
    return checks


# -- the ID card reader ---------------------------------------------------------------------


def check_reader(settings: Settings, limits: Limits) -> Check:
    uri = settings.devices.id_reader
    return Check(
        ("id_reader",),
        lambda: [_probe_reader(settings)],
        f"The ID card reader {uri} did not answer within {limits.timeout:g} s:"
        f" {_reader_advice(uri)}",
    )


def _reader_advice(uri: str) -> str:
    if uri.startswith("pcsc"):
        return (
            "check that pcscd runs (systemctl status pcscd) and sees the reader (pcsc_scan),"
            " and its USB cable."
        )
    port = uri.removeprefix("serial:").partition("?")[0]
    return (
        f"check its power and cable, that {port} exists (ls -l /dev/ttyUSB*), the baud rate in"
        " devices.id_reader, and that this user is in the dialout group."
    )


def _probe_reader(settings: Settings) -> Finding:
    from drivers.idcard import IdCardError, ReaderStatusError, ReaderUnavailableError, make_reader

    uri = settings.devices.id_reader
    if uri.startswith("sim"):
        return warn(
            "id_reader",
            f'devices.id_reader is "{uri}": a simulated reader, no citizen\'s card can be read;'
            " set the real one (serial:/dev/ttyUSB0?baud=115200 or pcsc).",
        )
    try:
        reader = make_reader(uri)
    except IdCardError as exc:
        return fail("id_reader", f"{settings.source}: devices.id_reader: {exc.message}.")
    try:
        reader.open()
        present = reader.card_present()
    except ReaderStatusError as exc:
        return fail(
            "id_reader",
            f"The ID card reader {reader.description} answers but its SAM reports a fault"
            f" ({exc.message}): power it off and on; if it stays, the reader needs service.",
        )
    except ReaderUnavailableError as exc:
        return fail(
            "id_reader",
            f"The ID card reader {uri} is not there ({exc.message}): {_reader_advice(uri)}",
        )
    except IdCardError as exc:
        return fail(
            "id_reader",
            f"The ID card reader {reader.description} does not answer properly ({exc.message}):"
            f" {_reader_advice(uri)}",
        )
    finally:
        reader.close()
    lying = "; a card lies on it now (not read): was it left behind?" if present else "."
    return ok("id_reader", f"The ID card reader {reader.description} answers{lying}")


# -- cameras --------------------------------------------------------------------------------


def check_camera(name: str, key: str, spec: str, limits: Limits) -> Check:
    from drivers.camera.sources import describe

    return Check(
        (name,),
        lambda: [_probe_camera(name, key, spec, limits.timeout)],
        f"The camera {describe(spec)} ({key}) gave no frame within {limits.timeout:g} s:"
        f" {_camera_advice(spec)}",
    )


def _camera_advice(spec: str) -> str:
    if "://" in spec:
        return "check the stream's address, the network and the camera's power."
    return (
        "check its cable (ls -l /dev/video*), that no other program holds it, and that this"
        " user is in the video group."
    )


def _probe_camera(name: str, key: str, spec: str, timeout: float) -> Finding:
    from drivers.camera.errors import CameraError
    from drivers.camera.sources import CaptureSettings, describe, open_source

    if spec == "sim" or spec.startswith("sim:"):
        what = (
            "the camera shows a generated picture, no citizen's QR code"
            if name == "camera"
            else "materials would be generated pages, not the citizen's papers"
        )
        return warn(name, f'{key} is "{spec}": {what}; set the real camera (e.g. /dev/video0).')
    where = describe(spec)
    settings = CaptureSettings(open_timeout=timeout, read_timeout=timeout)
    try:
        source = open_source(spec, settings)
    except CameraError as exc:
        said = exc.message.rstrip(".")
        return fail(name, f"{said[:1].upper()}{said[1:]} ({key}): {_camera_advice(spec)}")
    except Exception as exc:  # an OpenCV back end can raise anything
        return fail(
            name,
            f"The camera {where} ({key}) cannot be opened ({type(exc).__name__}):"
            f" {_camera_advice(spec)}",
        )
    try:
        image = source.read()
    except Exception as exc:
        image = None
        why = f" ({type(exc).__name__})"
    else:
        why = ""
    finally:
        source.release()
    if image is None:
        return fail(
            name,
            f"The camera {where} ({key}) opened but gave no frame{why}: {_camera_advice(spec)}",
        )
    height, width = image.shape[:2]
    return ok(name, f"The camera {where} gives {width}x{height} frames.")


# -- the receipt printer --------------------------------------------------------------------


def check_printer(settings: Settings, limits: Limits) -> Check:
    uri = settings.devices.printer
    return Check(
        ("printer",),
        lambda: [_probe_printer(settings, limits.timeout)],
        f"The receipt printer {uri} did not answer within {limits.timeout:g} s:"
        f" {_printer_advice(uri)}",
    )


def _printer_advice(uri: str) -> str:
    if uri.startswith("tcp://"):
        host = re.sub(r"^tcp://([^:/]+).*", r"\1", uri)
        return (
            f"check its power and network cable, and that it has the address {host}"
            f" (ping {host}, its self-test page shows it)."
        )
    if uri.startswith("usb:"):
        return (
            "check its power and USB cable (lsusb lists it), and that the udev rule gives this"
            " user the device (group lp)."
        )
    if uri.startswith("serial:"):
        return (
            "check its power and cable, the baud rate in devices.printer, and that this user"
            " is in the dialout group."
        )
    return "check its power and cable, and devices.printer."


def _probe_printer(settings: Settings, timeout: float) -> Finding:
    from drivers.printer.monitor import PrinterMonitor
    from drivers.printer.printer import open_printer
    from kiosk.errors import ConfigError
    from kiosk.printing import printer_profile

    uri = settings.devices.printer
    if uri == "virtual" or uri.startswith("preview:"):
        return warn(
            "printer",
            f'devices.printer is "{uri}": tickets are not printed on paper; set the receipt'
            " printer (tcp://HOST:9100, usb:VID:PID or serial:/dev/ttyS0?baud=19200).",
        )
    try:
        profile = printer_profile(settings)
    except ConfigError as exc:
        return fail("printer", exc.message)
    profile = dataclasses.replace(profile, timeout=min(profile.timeout, timeout))
    monitor = PrinterMonitor(lambda: open_printer(uri, profile))
    try:
        health = monitor.poll_once()  # the kiosk's own probe: DLE EOT, health on the answer
    finally:
        monitor.stop()
    return _printer_finding(settings, health)


def _printer_finding(settings: Settings, health: DeviceHealth) -> Finding:
    uri = settings.devices.printer
    width = settings.printer.paper_width
    if health.state is HealthState.OK:
        return ok("printer", f"The receipt printer {uri} answers: online, paper loaded.")
    if health.state is HealthState.DEGRADED:
        return warn(
            "printer",
            f"The receipt printer {uri} is nearly out of paper: load a new {width} mm roll soon.",
        )
    if health.state is HealthState.UNKNOWN:
        return warn(
            "printer",
            f"The receipt printer {uri} takes jobs but cannot report its status, so running out"
            " of paper goes unnoticed; where the printer allows it, connect it by usb:, serial:"
            " or tcp:// instead of file:.",
        )
    todo = {
        "paper_out": f"is out of paper: load a {width} mm roll and close the cover.",
        "cover_open": "has its cover open: close it (check the roll sits right).",
        "offline": "is offline: check the paper path and the error light, then switch it off"
        " and on.",
        "error": "reports an error (cutter jam or overheating): clear the paper path, then"
        " switch it off and on.",
    }.get(health.reason)
    if todo is not None:
        return fail("printer", f"The receipt printer {uri} {todo}")
    if health.reason == "config":
        return fail("printer", f"{settings.source}: devices.printer: {health.detail}.")
    return fail(
        "printer",
        f"The receipt printer {uri} does not answer ({health.detail}): {_printer_advice(uri)}",
    )


# -- the A4 notice printer (counter terminals) ----------------------------------------------


def check_notice_printer(settings: Settings, limits: Limits) -> Check:
    queue = settings.counter.notice_printer
    return Check(
        ("notice_printer",),
        lambda: [_probe_queue(settings, limits.timeout)],
        f"CUPS did not answer about the A4 queue {queue!r} within {limits.timeout:g} s:"
        " restart it (systemctl restart cups) and check counter.cups_server.",
    )


def _probe_queue(settings: Settings, timeout: float) -> Finding:
    from drivers.printer.cups import (
        CupsError,
        CupsQueue,
        CupsRefused,
        CupsUnavailable,
        QueueNotFound,
    )

    queue = settings.counter.notice_printer
    try:
        status = CupsQueue(queue, settings.counter.cups_server, timeout=timeout).check_ready()
    except QueueNotFound as exc:
        return fail(
            "notice_printer",
            f"{exc.message}: add the A4 printer (lpadmin) or fix counter.notice_printer.",
        )
    except CupsUnavailable as exc:
        return fail(
            "notice_printer",
            f"{exc.message} Start it (systemctl start cups) or fix counter.cups_server.",
        )
    except CupsRefused as exc:
        return fail(
            "notice_printer",
            f"{exc.message}: allow this user to print in /etc/cups/cupsd.conf.",
        )
    except CupsError as exc:  # paused or rejecting: the message says which command resumes it
        return fail("notice_printer", f"{exc.message}.")
    errors = [r for r in status.reasons if r.endswith("-error")]
    warnings = [r for r in status.reasons if r.endswith("-warning") or r == "media-low"]
    where = f"The A4 queue {queue!r}"
    if errors:
        return fail(
            "notice_printer",
            f"{where} accepts jobs but its printer reports {', '.join(errors)}: see to the"
            " printer (paper, toner, jam); lpstat -l -p shows the detail.",
        )
    if warnings:
        return warn(
            "notice_printer",
            f"{where} accepts jobs; its printer reports {', '.join(warnings)}.",
        )
    return ok("notice_printer", f"{where} exists in CUPS and accepts jobs.")
