"""Printing the kiosk's documents on the configured printer.

``virtual`` is the demo's printer: the same ESC/POS bytes a real printer would get are rendered
by the printer emulator's decoder into a PNG (and a transcript) in a folder, so the picture on
screen is exactly what the bytes say.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from contract import models as m
from drivers.printer.errors import PrinterError
from drivers.printer.profile import PrinterProfile
from kiosk.config import Settings, TicketSettings
from kiosk.errors import ConfigError

# The documents, the encoder and the transports load with the first job: a terminal prints
# nothing before home is painted.
if TYPE_CHECKING:
    from drivers.printer.document import Document
    from kiosk.documents import CaseReceipt, InEnglish

logger = logging.getLogger(__name__)

VIRTUAL = "virtual"
NONE = "none"


class NoPrinter(PrinterError):
    pass


def printer_profile(settings: Settings) -> PrinterProfile:
    p = settings.printer
    try:
        return PrinterProfile.from_dict(
            {"paper": p.paper_width, "encoding": p.encoding, "qr": p.qr, "cutter": p.cutter}
        )
    except PrinterError as exc:
        raise ConfigError(f"{settings.source}: [printer]: {exc.message}") from None


class TicketPrinter:
    def __init__(
        self,
        uri: str,
        profile: PrinterProfile,
        printed_dir: Path,
        ticket_notes: TicketSettings | None = None,
        hall_name_en: str = "",
    ) -> None:
        self.uri = uri
        self.profile = profile
        self.printed_dir = printed_dir
        # Where to wait, validity, hotline: the hall's [ticket] settings, on every ticket.
        self.ticket_notes = ticket_notes or TicketSettings()
        self.hall_name_en = hall_name_en  # on a bilingual slip, under the hall's name

    def print_ticket(
        self,
        ticket: m.TicketIssued,
        hall_name: str,
        *,
        holder_id: str = "",
        english: InEnglish | None = None,
    ) -> Path | None:
        """Print a queue ticket; return the virtual printer's PNG, or None on a real printer.
        ``holder_id``: a real-name ticket's ID number, already masked (never the full one).
        ``english``: the citizen chose English, and this is the queue's and item's English (the
        hall's own words are added here): a bilingual slip."""
        from kiosk.documents import QueueTicket, queue_ticket

        notes = self.ticket_notes
        if english is not None:
            english = replace(
                english,
                hall_name=self.hall_name_en,
                wait_at=notes.wait_at_en.get(ticket.category_code, ""),
                validity=notes.validity_en,
            )
        document = queue_ticket(
            QueueTicket(
                hall_name=hall_name,
                number=ticket.number,
                category=ticket.category_name,
                waiting_ahead=ticket.waiting_ahead,
                issued_at=ticket.issued_at.astimezone(),
                follow_url=ticket.follow_url,
                item=ticket.item_name,
                holder_id=holder_id,
                estimated_wait_minutes=ticket.estimated_wait_minutes,
                wait_at=notes.wait_at.get(ticket.category_code, ""),
                validity=notes.validity,
                hotline=notes.hotline,
                english=english,
            ),
            self.profile.paper,
        )
        return self.print_document(document, f"ticket-{ticket.number}")

    def print_receipt(self, receipt: CaseReceipt, name: str) -> Path | None:
        """Print a case receipt (受理回执); like ``print_ticket`` for the virtual printer."""
        from drivers.printer.encoder import encode
        from drivers.printer.printer import open_printer
        from kiosk.documents import case_receipt

        if self.uri == NONE:
            raise NoPrinter("this terminal has no printer configured")
        document = case_receipt(receipt, self.profile.paper)
        if self.uri == VIRTUAL:
            return self._print_virtual(encode(document, self.profile), f"receipt-{name}")
        with open_printer(self.uri, self.profile) as printer:
            printer.print_document(document)
        return None

    def _print_virtual(self, data: bytes, name: str) -> Path:
        from drivers.printer.render import render_escpos  # the emulator's decoder: on first use

        job = render_escpos(data, self.profile.paper)
        self.printed_dir.mkdir(parents=True, exist_ok=True)
        png = self.printed_dir / f"{name}.png"
        job.image.save(png)
        (self.printed_dir / f"{name}.txt").write_text(job.transcript, encoding="utf-8")
        (self.printed_dir / f"{name}.bin").write_bytes(data)
        return png

    def print_document(self, document: Document, name: str) -> Path | None:
        """Print any document (a self-test page, a reprint); the virtual printer returns its PNG."""
        from drivers.printer.encoder import encode
        from drivers.printer.printer import open_printer

        if self.uri == NONE:
            raise NoPrinter("this terminal has no printer configured")
        if self.uri == VIRTUAL:
            return self._print_virtual(encode(document, self.profile), name)
        with open_printer(self.uri, self.profile) as printer:
            printer.print_document(document)
        return None

    def print_test_page(self) -> Path | None:
        from drivers.printer.samples import self_test_page

        return self.print_document(self_test_page(self.profile), "self-test")
