"""The hub and printer work of 信用查询 (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from contract import models as m
from kiosk.api.client import HubClient
from kiosk.printing import TicketPrinter

if TYPE_CHECKING:
    from kiosk.identity import Identity


class CreditDesk:
    def __init__(self, client: HubClient, printer: TicketPrinter, hall_name: str) -> None:
        self._client = client
        self._printer = printer
        self._hall_name = hall_name

    def resolve(self, text: str) -> Identity:
        """Who a scanned e-ID code stands for (``IdentityRefused`` when it stands for nobody)."""
        from kiosk.identity import IdentityResolver  # with the journey, not at start-up

        return IdentityResolver(self._client).resolve(text)

    def look_up(self, query: m.CreditSelfQuery) -> m.CreditRecord:
        return self._client.own_credit(query)

    def print_record(self, record: m.CreditRecord, *, english: bool = False) -> Path | None:
        """Print the record (masked); the virtual printer's PNG, or None on a real printer."""
        from kiosk.journeys.credit.slip import credit_slip

        document = credit_slip(
            record, self._hall_name, self._printer.profile.paper, english=english
        )
        return self._printer.print_document(document, "credit-record")
