"""The terminal's devices, built from configuration, and one board of their health.

Every device reports :class:`drivers.health.DeviceHealth`; the board keeps the latest of each so
that the home screen can tell which journeys are available (the CUSS idea) and the heartbeat can
tell the hub. The demo's simulated reader is kept at hand so the demo can "place" a card.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from drivers.events import Broadcaster
from drivers.health import DeviceHealth, HealthState
from kiosk.card_guard import LeftCardGuard
from kiosk.config import Settings

if TYPE_CHECKING:
    from drivers.camera.camera import CameraWorker
    from drivers.idcard import CardMonitor, SimulatedReader
    from drivers.printer.monitor import PrinterMonitor

logger = logging.getLogger(__name__)

Snapshot = MappingProxyType[str, DeviceHealth]


class DeviceBoard:
    """The latest health of each device; subscribers get a snapshot on every change."""

    def __init__(self) -> None:
        self._latest: dict[str, DeviceHealth] = {}
        self.changes: Broadcaster[Snapshot] = Broadcaster()

    def report(self, health: DeviceHealth) -> None:
        if self._latest.get(health.device) == health:
            return
        if health.state is HealthState.DOWN:
            logger.warning("%s is down: %s %s", health.device, health.reason, health.detail)
        self._latest[health.device] = health
        self.changes.publish(MappingProxyType(dict(self._latest)))

    def get(self, device: str) -> DeviceHealth:
        return self._latest.get(device, DeviceHealth(device, HealthState.UNKNOWN))

    def snapshot(self) -> Snapshot:
        return MappingProxyType(dict(self._latest))


@dataclass
class Devices:
    board: DeviceBoard
    id_monitor: CardMonitor | None = None
    sim_reader: SimulatedReader | None = None
    camera: CameraWorker | None = None
    printer_monitor: PrinterMonitor | None = None
    card_guard: LeftCardGuard = field(default_factory=lambda: LeftCardGuard(None))

    # -- the demo's simulated devices (the tour, the maintenance screen's test card) ----------

    def place_sample_card(self, kind: str = "resident", id_number: str | None = None) -> None:
        """Put a fictitious card on the simulated reader: "resident" (an ID card, optionally
        with another number), "social_security" or "staff" (a bare staff card)."""
        import dataclasses

        from drivers.idcard import samples

        if self.sim_reader is None:
            raise RuntimeError("no simulated ID reader on this terminal")
        make = {
            "resident": samples.sample_resident,
            "social_security": samples.sample_social_security,
            "staff": samples.sample_staff_card,
        }[kind]
        card = make()
        if id_number is not None:
            card = dataclasses.replace(card, id_number=id_number)
        self.sim_reader.place_card(card)

    def show_to_camera(self, text: str | None) -> None:
        """What the simulated camera sees from now on: a QR with ``text``, or nothing."""
        from drivers.camera.camera import CameraWorker

        old, self.camera = self.camera, CameraWorker("sim:" + text) if text else None
        if old is not None:
            old.stop()


def build_devices(settings: Settings, resources: ExitStack) -> Devices:
    """Open what the configuration names; the camera is built but only runs while a screen
    needs it (a live camera costs a core)."""
    board = DeviceBoard()
    devices = Devices(board)
    uris = settings.devices

    if uris.id_reader != "none":
        from drivers.idcard import CardMonitor, ReaderHealth, SimulatedReader, make_reader

        reader = make_reader(uris.id_reader)
        if isinstance(reader, SimulatedReader):
            devices.sim_reader = reader
        monitor = CardMonitor(reader)

        def on_card_event(event: object) -> None:
            if isinstance(event, ReaderHealth):
                board.report(event.health)

        resources.callback(monitor.subscribe(on_card_event))
        monitor.start()
        resources.callback(monitor.stop)
        devices.id_monitor = monitor
        devices.card_guard = LeftCardGuard(monitor)
        resources.callback(devices.card_guard.watch())

    if uris.camera != "none":
        from drivers.camera.camera import CameraWorker

        devices.camera = CameraWorker(uris.camera)
        resources.callback(devices.camera.health.subscribe(board.report))

    if uris.printer == "virtual":
        board.report(DeviceHealth("printer", HealthState.OK, "virtual"))
    elif uris.printer != "none":
        from drivers.printer.monitor import PrinterMonitor
        from drivers.printer.printer import open_printer
        from kiosk.printing import printer_profile

        profile = printer_profile(settings)
        printer_monitor = PrinterMonitor(lambda: open_printer(uris.printer, profile))
        resources.callback(printer_monitor.health.subscribe(board.report))
        printer_monitor.start()
        resources.callback(printer_monitor.stop)
        devices.printer_monitor = printer_monitor
    return devices
