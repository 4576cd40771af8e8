"""The composition root: build a terminal's services and devices from its settings.

Nothing else constructs concrete devices, clients or servers; the UI receives a built
:class:`Terminal` and tests build one over a real hub on loopback.

The embedded hub (``api.base_url = "embedded"``) is injected: a :data:`LocalHubFactory` given
by the caller, or the one installed under the ``kiosk.local_hub`` entry point (the reference
hub's ``EmbeddedHub``). The terminal core never imports the hub package.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from contract import models as m
from contract.payloads import case_tracking_code
from kiosk.api.client import HubClient
from kiosk.config import Mode, Settings, load_settings, settings_from_dict
from kiosk.devices import Devices, build_devices
from kiosk.errors import ConfigError
from kiosk.funnel.build import Funnel, build_funnel
from kiosk.heartbeat import HeartbeatSender, LastError
from kiosk.help_calls import HelpDesk
from kiosk.journeys.case.desk import CaseDesk, build_case_desk
from kiosk.journeys.checkin.desk import CheckInDesk
from kiosk.journeys.complaint.desk import ComplaintDesk
from kiosk.journeys.credit.desk import CreditDesk
from kiosk.journeys.progress.desk import ProgressDesk
from kiosk.journeys.rating.desk import RatingDesk
from kiosk.journeys.ticket.desk import TicketDesk
from kiosk.outbox.store import Outbox
from kiosk.paths import data_dir, example_config
from kiosk.printing import TicketPrinter, printer_profile
from kiosk.remote import RemoteCommands

if TYPE_CHECKING:
    from kiosk.counter.desk import CounterDesk
    from kiosk.counter.pad import PadDesk
    from kiosk.display.feed import HallFeed

logger = logging.getLogger(__name__)

DEMO_CAMERA = "sim:" + case_tracking_code("SL20261127000001")


class LocalHub(Protocol):
    """A hub run by the terminal itself on loopback (the demo, a one-kiosk hall)."""

    @property
    def base_url(self) -> str: ...

    def register_terminal(self, terminal_id: str, *, mode: m.TerminalMode = ...) -> str: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


LocalHubFactory = Callable[[Path], LocalHub]  # the hub's data folder -> a hub to enter
LOCAL_HUB_ENTRY_POINTS = "kiosk.local_hub"


def installed_local_hub(name: str = "embedded") -> LocalHubFactory:
    """The local hub installed with the terminal: "embedded" (the reference hub's
    ``EmbeddedHub`` with the sample hall) or "demo" (the same, open every day)."""
    factory: LocalHubFactory = local_hub_entry(name).load()
    return factory


def local_hub_entry(name: str = "embedded") -> EntryPoint:
    """Where the local hub ``name`` is installed, without loading it (kiosk doctor)."""
    found = [e for e in entry_points(group=LOCAL_HUB_ENTRY_POINTS) if e.name == name]
    if not found:
        raise ConfigError(
            'api.base_url = "embedded" needs the hub package, which is not installed here: '
            "set api.base_url to the hall's hub (https://...) and api.token_file."
        )
    return found[0]


KIOSK_MODES = (Mode.HALL, Mode.COMMUNITY)  # the terminals citizens use by themselves


@dataclass
class Terminal:
    settings: Settings
    data_dir: Path
    client: HubClient
    printer: TicketPrinter
    ticket_desk: TicketDesk
    checkin_desk: CheckInDesk
    progress_desk: ProgressDesk
    rating_desk: RatingDesk
    devices: Devices
    _resources: ExitStack = field(default_factory=ExitStack)
    cases: CaseDesk | None = None  # self-service cases (None on a counter terminal)
    counter: CounterDesk | None = None  # the clerk's calling desk (a counter terminal only)
    pad: PadDesk | None = None  # a rating-pad terminal's link to its window
    display: HallFeed | None = None  # a calling display's view of the hall
    local_hub: LocalHub | None = None  # the hub it runs itself (base_url "embedded")
    help_desk: HelpDesk | None = None  # 求助: tells the hall's staff (kiosks only)
    funnel: Funnel | None = None  # how far citizens get in each journey (kiosks only)
    remote: RemoteCommands | None = None  # what the district engineer asks through the hub
    credit_desk: CreditDesk | None = None  # 信用查询: the citizen's own record (kiosks only)
    complaints: ComplaintDesk | None = None  # 投诉建议 (hall and community kiosks)

    def close(self) -> None:
        self._resources.close()

    def on_close(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` when the terminal closes (after what was opened later)."""
        self._resources.callback(callback)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def demo_settings(mode: str, *, data_dir: str | Path = "", voice: str = "") -> Settings:
    """The example configuration of ``mode`` on its embedded defaults: local hub, simulated
    devices, virtual printer."""
    base = load_settings(example_config(mode), environ={})
    raw: dict[str, Any] = base.model_dump(mode="json")
    raw["terminal"]["data_dir"] = str(data_dir)
    if voice:
        raw["terminal"]["voice"] = voice
    raw["api"]["base_url"] = "embedded"
    # The demo's reader waits for the demo to "place" the sample card; its camera shows a QR.
    raw["devices"] = {"id_reader": "sim:empty", "camera": DEMO_CAMERA, "printer": "virtual"}
    staff = raw["community"]["staff"]
    if staff and not any(entry.get("card_uid") for entry in staff):
        from drivers.idcard.samples import SAMPLE_STAFF_CARD_UID

        # The demo's simulated staff card (samples.sample_staff_card) is the first worker's.
        staff[0]["card_uid"] = SAMPLE_STAFF_CARD_UID
    return settings_from_dict(raw, source=f"{base.source} (demo)", environ={})


def build_terminal(
    settings: Settings,
    *,
    printed_dir: Path | None = None,
    local_hub: LocalHubFactory | None = None,
) -> Terminal:
    """Build every service of the terminal; the caller closes it (it is a context manager).
    ``local_hub`` runs the embedded hub (default: :func:`installed_local_hub`)."""
    resources = ExitStack()
    try:
        folder = data_dir(settings.terminal.data_dir)
        hub, base_url, token = _connect_hub(settings, folder, resources, local_hub)
        api = settings.api
        client = HubClient(
            base_url,
            token=token,
            connect_timeout=api.connect_timeout,
            read_timeout=api.read_timeout,
            ca_bundle=api.ca_bundle or None,
            client_cert=api.client_cert or None,
        )
        resources.callback(client.close)
        printer = TicketPrinter(
            settings.devices.printer,
            printer_profile(settings),
            printed_dir or folder / "printed",
            settings.ticket,
            settings.terminal.hall_name_en or settings.terminal.hall_name,
        )
        devices = build_devices(settings, resources)
        cases = None
        if settings.terminal.mode in (Mode.HALL, Mode.COMMUNITY, Mode.COUNTER):
            cases = build_case_desk(settings, folder, client, resources)
        desk = TicketDesk(
            client,
            printer,
            settings.terminal.hall_name,
            settings.ticket,
            catalog=cases.catalog if cases is not None else None,
            guide=cases.guide if cases is not None else None,
        )
        hall_name = settings.terminal.hall_name
        outbox = cases.service.outbox if cases is not None else None
        counter = pad = feed = None
        kiosk = settings.terminal.mode in KIOSK_MODES
        funnel = build_funnel(folder, client, resources) if kiosk else None
        remote = RemoteCommands(folder)
        complaints = None
        if kiosk and settings.complaints.enabled:
            complaints = ComplaintDesk(
                client,
                printer,
                hall_name,
                settings.complaints.hotline,
                catalog=cases.catalog if cases is not None else None,
                guide=cases.guide if cases is not None else None,
            )
        _start_heartbeat(client, devices, outbox, remote, api.heartbeat_seconds, resources)
        # The other kinds of terminal's desks are imported only where they run.
        if settings.terminal.mode is Mode.DISPLAY:
            from kiosk.display.feed import HallFeed

            # The stream waits longer than the hub's keep-alive interval between two lines.
            stream = HubClient(
                base_url,
                token=token,
                connect_timeout=api.connect_timeout,
                read_timeout=max(api.read_timeout, 30.0),
                ca_bundle=api.ca_bundle or None,
                client_cert=api.client_cert or None,
            )
            resources.callback(stream.close)
            feed = HallFeed(client, stream)
            resources.callback(feed.stop)
        if settings.terminal.mode is Mode.COUNTER:
            from kiosk.counter.desk import CounterDesk

            counter = CounterDesk(client, settings.counter.window)
        elif settings.terminal.mode is Mode.RATING_PAD:
            from kiosk.counter.pad import PadDesk

            pad = PadDesk(client, settings.counter.window)
        return Terminal(
            settings,
            folder,
            client,
            printer,
            desk,
            CheckInDesk(client, printer, hall_name),
            ProgressDesk(client),
            RatingDesk(client, outbox),
            devices,
            resources,
            cases,
            counter,
            pad,
            feed,
            hub,
            help_desk=HelpDesk(client) if kiosk else None,
            funnel=funnel,
            remote=remote,
            credit_desk=CreditDesk(client, printer, hall_name) if kiosk else None,
            complaints=complaints,
        )
    except BaseException:
        resources.close()
        raise


def _start_heartbeat(
    client: HubClient,
    devices: Devices,
    outbox: Outbox | None,
    remote: RemoteCommands,
    period: float,
    resources: ExitStack,
) -> None:
    """The terminal tells the hub how it is, every ``period`` seconds, until it closes."""
    last_error = LastError()
    logging.getLogger().addHandler(last_error)
    resources.callback(logging.getLogger().removeHandler, last_error)

    def waiting() -> tuple[int, datetime | None]:
        assert outbox is not None
        status = outbox.status()
        return status.pending, status.oldest_pending_at

    sender = HeartbeatSender(
        client, devices.board, waiting if outbox else None, last_error, remote, period=period
    )
    sender.start()
    resources.callback(sender.stop)


def _connect_hub(
    settings: Settings, folder: Path, resources: ExitStack, local_hub: LocalHubFactory | None
) -> tuple[LocalHub | None, str, str]:
    """(the hub run here, if any; its URL; this terminal's token)."""
    if settings.api.base_url == "embedded":
        factory = local_hub or installed_local_hub()
        hub = resources.enter_context(factory(folder / "hub"))
        mode = m.TerminalMode(settings.terminal.mode.value)
        return hub, hub.base_url, hub.register_terminal(settings.terminal.id, mode=mode)
    return None, settings.api.base_url, read_token(settings)


def read_token(settings: Settings) -> str:
    """This terminal's token from ``api.token_file`` (a hub at a URL needs one)."""
    token_file = settings.api.token_file
    if not token_file:
        raise ConfigError(f"{settings.source}: api.token_file: required when base_url is a URL")
    try:
        return Path(token_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            f"{settings.source}: api.token_file: cannot read {token_file} ({exc.strerror})"
        ) from None
