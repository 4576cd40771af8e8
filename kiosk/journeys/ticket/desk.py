"""The ticket desk: ask the hub for a queue number, then print it.

A number the hub issued is never lost: when the printer fails, the outcome says so and carries
everything the screen needs to show the ticket instead.

What the kiosk offers (:meth:`TicketDesk.menu`): the categories this terminal shows, and the
catalog items a citizen may queue for by name (取号 by item) — those served in the hall
(``Channel.HALL``) whose queue is one of the categories shown. Which categories ask for identity
first (real-name 取号) is the terminal's ``[ticket] real_name`` plus every category the hub
itself marks real-name.

Personal data: a real-name ticket's ID number travels in the issue request to the hub and
nowhere else; the printed ticket shows it masked; an :class:`~kiosk.identity.Identity` never
shows it in a repr.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from contract import models as m
from drivers.errors import DeviceError
from kiosk.api.client import HubClient
from kiosk.catalog_cache import CatalogCache, KioskGuide
from kiosk.config import TicketSettings
from kiosk.errors import KioskError
from kiosk.identity import Identity, IdentityResolver
from kiosk.printing import TicketPrinter

if TYPE_CHECKING:
    from kiosk.documents import InEnglish

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TicketOutcome:
    ticket: m.TicketIssued
    printed: bool
    print_problem: str = ""  # the printer's error, for the technician's log and screen notice
    paper_png: Path | None = None  # the virtual printer's picture of the printed ticket


@dataclass(frozen=True, slots=True)
class TicketMenu:
    """What this terminal offers, and which categories ask for identity before the number."""

    categories: list[m.TicketCategory]
    items: list[m.CatalogItem] = field(default_factory=list)
    real_name: frozenset[str] = frozenset()

    def category(self, code: str) -> m.TicketCategory | None:
        return next((c for c in self.categories if c.code == code), None)


class TicketDesk:
    def __init__(
        self,
        client: HubClient,
        printer: TicketPrinter,
        hall_name: str,
        settings: TicketSettings,
        *,
        catalog: CatalogCache | None = None,
        guide: KioskGuide | None = None,
    ) -> None:
        self._client = client
        self._identities = IdentityResolver(client)
        self._printer = printer
        self._hall_name = hall_name
        self._settings = settings
        self._shown = list(settings.categories)
        self.catalog = catalog
        self.guide = guide or KioskGuide((), {})
        self.last_issued: m.TicketIssued | None = None  # for maintenance's "reprint last ticket"
        self._names_en: dict[str, str] = {}  # the categories' English, for a bilingual slip

    def wait_at(self, category_code: str, *, english: bool = False) -> str:
        """Where the queue waits, as the hall's [ticket] settings say ("" when they do not)."""
        places = self._settings.wait_at_en if english else self._settings.wait_at
        return places.get(category_code, "")

    def categories(self) -> list[m.TicketCategory]:
        """The hall's active categories, in the order this terminal's configuration lists them."""
        active = [c for c in self._client.list_ticket_categories() if c.active]
        self._names_en = {c.code: c.name_en for c in active}
        if not self._shown:
            return active
        by_code = {c.code: c for c in active}
        return [by_code[code] for code in self._shown if code in by_code]

    def menu(self) -> TicketMenu:
        """Categories from the hub, items from the catalog (the cached copy when the hub's is
        out of reach; none when there is neither: 取号 by category still works)."""
        categories = self.categories()
        offered = {c.code for c in categories}
        items: list[m.CatalogItem] = []
        if self._settings.by_item and self.catalog is not None:
            try:
                self.catalog.refresh()
                items = [
                    i
                    for i in self.catalog.catalog.items
                    if i.ticket_category in offered and m.Channel.HALL in i.channels
                ]
            except KioskError as exc:
                logger.warning("no catalog for 取号 by item: %s", exc.message)
        real_name = frozenset(
            c.code
            for c in categories
            if self._settings.asks_identity(c.code, hub_requires=c.real_name_limit)
        )
        return TicketMenu(categories, items, real_name)

    def take_ticket(
        self,
        category_code: str,
        *,
        item_code: str | None = None,
        holder: Identity | None = None,
        english: bool = False,
    ) -> TicketOutcome:
        """Issue a number at the hub, then print it (bilingual when the citizen chose
        ``english``). Hub errors propagate: no number, no ticket."""
        request = m.TicketIssueRequest(
            category_code=category_code,
            item_code=item_code,
            id_number=holder.id_number if holder is not None else None,
        )
        ticket = self._client.issue_ticket(request)
        self.last_issued = ticket
        masked = holder.masked_id if holder is not None else ""
        try:
            png = self._printer.print_ticket(
                ticket,
                self._hall_name,
                holder_id=masked,
                english=self._in_english(ticket) if english else None,
            )
        except DeviceError as exc:
            logger.warning("ticket %s issued but not printed: %s", ticket.number, exc.message)
            return TicketOutcome(ticket, printed=False, print_problem=exc.message)
        return TicketOutcome(ticket, printed=True, paper_png=png)

    def _in_english(self, ticket: m.TicketIssued) -> InEnglish:
        from kiosk.documents import InEnglish  # with the printing, after home is painted

        return InEnglish(category=self._names_en.get(ticket.category_code, ""))

    def resolve_identity(self, text: str) -> Identity:
        """Who a scanned identity QR stands for; the hub is the judge (its key, its clock)."""
        return self._identities.resolve(text)

    def reprint_last(self) -> Path | None:
        """Print the last issued ticket again (a citizen whose ticket jammed asks staff).
        A real-name ticket comes out without its masked ID line: the terminal forgot the
        citizen when their session ended."""
        if self.last_issued is None:
            raise NoTicketYet("no ticket has been issued on this terminal since it started")
        return self._printer.print_ticket(self.last_issued, self._hall_name)


class NoTicketYet(KioskError):
    pass
