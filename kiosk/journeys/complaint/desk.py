"""The hub and printer work of a complaint (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from contract import models as m
from drivers.errors import DeviceError
from kiosk.api.client import HubClient
from kiosk.catalog_cache import CatalogCache, KioskGuide
from kiosk.errors import KioskError
from kiosk.printing import TicketPrinter

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ComplaintOutcome:
    """The hub's receipt, and whether its slip came out (the reference is shown either way)."""

    receipt: m.ComplaintReceipt
    printed: bool
    paper_png: Path | None = None  # the virtual printer's picture of the slip


@dataclass(frozen=True, slots=True)
class ComplaintChoices:
    """What a complaint can be about, as the kiosk knows it: the hall's windows (with the
    clerk signed in at each), and the catalog's items. Either may be empty when out of reach:
    the citizen can still type a staff number, or complain about the hall."""

    windows: list[m.WindowStatus] = field(default_factory=list)
    items: list[m.CatalogItem] = field(default_factory=list)


class ComplaintDesk:
    def __init__(
        self,
        client: HubClient,
        printer: TicketPrinter | None = None,
        hall_name: str = "",
        hotline: str = "12345",
        *,
        catalog: CatalogCache | None = None,
        guide: KioskGuide | None = None,
    ) -> None:
        self._client = client
        self._printer = printer
        self._hall_name = hall_name
        self._hotline = hotline
        self.catalog = catalog
        self.guide = guide or KioskGuide((), {})

    @property
    def hotline(self) -> str:
        return self._hotline

    def choices(self) -> ComplaintChoices:
        """The windows from the hub, the items from the catalog (its cached copy when the hub
        is out of reach)."""
        windows: list[m.WindowStatus] = []
        try:
            windows = sorted(self._client.windows(), key=lambda w: w.counter_code)
        except KioskError as exc:
            logger.warning("no windows to complain about: %s", exc.message)
        items: list[m.CatalogItem] = []
        if self.catalog is not None:
            try:
                self.catalog.refresh()
                items = list(self.catalog.catalog.items)
            except KioskError as exc:
                logger.warning("no catalog to complain about an item: %s", exc.message)
        return ComplaintChoices(windows, items)

    def send(self, request: m.ComplaintCreate, idempotency_key: str) -> m.ComplaintReceipt:
        """The complaint's reference. The key is drawn once per complaint: sending again after
        a failure (the citizen taps 重试) can never make a second one."""
        return self._client.submit_complaint(request, idempotency_key=idempotency_key)

    def send_and_print(self, request: m.ComplaintCreate, idempotency_key: str) -> ComplaintOutcome:
        """Send, then print the slip; a printer that fails loses nothing (the screen shows the
        reference to note down). Hub errors propagate: no reference, no slip."""
        receipt = self.send(request, idempotency_key)
        if self._printer is None:
            return ComplaintOutcome(receipt, printed=False)
        try:
            png = self.print_slip(receipt)
        except DeviceError as exc:
            logger.warning("complaint %s kept but its slip not printed: %s", receipt.reference,
                           exc.message)  # fmt: skip
            return ComplaintOutcome(receipt, printed=False)
        return ComplaintOutcome(receipt, printed=True, paper_png=png)

    def print_slip(self, receipt: m.ComplaintReceipt) -> Path | None:
        from kiosk.journeys.complaint.slip import ComplaintSlip, complaint_slip

        assert self._printer is not None
        slip = ComplaintSlip(
            hall_name=self._hall_name,
            reference=receipt.reference,
            kind=receipt.kind.value,
            about=receipt.about.value,
            subject=receipt.subject,
            subject_name=receipt.subject_name,
            submitted_at=receipt.submitted_at.astimezone(),
            hotline=self._hotline,
        )
        document = complaint_slip(slip, self._printer.profile.paper)
        return self._printer.print_document(document, f"complaint-{receipt.reference}")

    def status(self, reference: str) -> m.ComplaintStatus:
        return self._client.complaint_status(reference)
