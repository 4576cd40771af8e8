"""The ticket desk: ask the hub for a queue number, then print it.

A number the hub issued is never lost: when the printer fails, the outcome says so and carries
everything the screen needs to show the ticket instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from drivers.errors import DeviceError
from kiosk.api.client import HubClient
from kiosk.api.models import TicketCategory, TicketIssued, TicketIssueRequest
from kiosk.errors import KioskError
from kiosk.printing import TicketPrinter

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TicketOutcome:
    ticket: TicketIssued
    printed: bool
    print_problem: str = ""  # the printer's error, for the technician's log and screen notice
    paper_png: Path | None = None  # the virtual printer's picture of the printed ticket


class TicketDesk:
    def __init__(
        self, client: HubClient, printer: TicketPrinter, hall_name: str, shown: list[str]
    ) -> None:
        self._client = client
        self._printer = printer
        self._hall_name = hall_name
        self._shown = list(shown)
        self.last_issued: TicketIssued | None = None  # for maintenance's "reprint last ticket"

    def categories(self) -> list[TicketCategory]:
        """The hall's active categories, in the order this terminal's configuration lists them."""
        active = [c for c in self._client.list_ticket_categories() if c.active]
        if not self._shown:
            return active
        by_code = {c.code: c for c in active}
        return [by_code[code] for code in self._shown if code in by_code]

    def take_ticket(self, category_code: str) -> TicketOutcome:
        """Issue a number at the hub, then print it. Hub errors propagate: no number, no ticket."""
        ticket = self._client.issue_ticket(TicketIssueRequest(category_code=category_code))
        self.last_issued = ticket
        try:
            png = self._printer.print_ticket(ticket, self._hall_name)
        except DeviceError as exc:
            logger.warning("ticket %s issued but not printed: %s", ticket.number, exc.message)
            return TicketOutcome(ticket, printed=False, print_problem=exc.message)
        return TicketOutcome(ticket, printed=True, paper_png=png)

    def reprint_last(self) -> Path | None:
        """Print the last issued ticket again (a citizen whose ticket jammed asks staff)."""
        if self.last_issued is None:
            raise NoTicketYet("no ticket has been issued on this terminal since it started")
        return self._printer.print_ticket(self.last_issued, self._hall_name)


class NoTicketYet(KioskError):
    pass
