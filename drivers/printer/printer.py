"""A printer the kiosk can use: open by URI, print documents, ask for status.

A job is refused before a single byte is sent when the printer reports paper out, cover open or
offline; after the job the status is asked again, which is how a printer that vanished mid-job
is noticed. Every failure of a job carries the document (``exc.document``) so the caller can show
the ticket on screen instead.
"""

from __future__ import annotations

import logging
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING

from drivers.printer.document import Document
from drivers.printer.errors import (
    CoverOpen,
    PaperOut,
    PrinterError,
    PrinterOffline,
    PrinterTimeout,
)
from drivers.printer.profile import ChineseEncoding, PrinterProfile
from drivers.printer.status import UNKNOWN_STATUS, PrinterStatus, StatusReader
from drivers.printer.transport import PrinterUri, Transport, open_transport

if TYPE_CHECKING:
    from drivers.printer.render import RenderedJob

logger = logging.getLogger(__name__)


class Printer:
    def __init__(self, transport: Transport, profile: PrinterProfile, uri: str) -> None:
        self.transport = transport
        self.profile = profile
        self.uri = uri
        self._lock = threading.Lock()  # one exchange at a time: a job and the poller share it
        self._closed = False

    def __enter__(self) -> Printer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self.transport.close()

    def status(self) -> PrinterStatus:
        """Ask ``DLE EOT`` 1, 2 and 4; ``known=False`` when the transport cannot read."""
        with self._lock:
            return self._status()

    def print_document(self, document: Document) -> None:
        """Print one job, or raise a :class:`PrinterError` carrying ``document``."""
        from drivers.printer.encoder import encode

        try:
            data = encode(document, self.profile)
            with self._lock:
                self._refuse_if_unready(self._status())
                self.transport.send(data)
                after = self._status()  # also proves the printer took the whole job
                self.transport.end_job()
        except PrinterError as exc:
            exc.document = document
            raise
        if after.paper_out:
            raise PaperOut(
                "the printer ran out of paper during the job; the ticket may be incomplete",
                document=document,
            )
        logger.info("printed %d bytes on %s", len(data), self.transport.description)

    def print_bytes(self, data: bytes) -> None:
        """Send a ready-made job (the test page of other software, a replay)."""
        with self._lock:
            self._refuse_if_unready(self._status())
            self.transport.send(data)
            self._status()
            self.transport.end_job()

    def _status(self) -> PrinterStatus:
        if self._closed:
            raise PrinterError(f"{self.transport.description} is closed")
        if not self.transport.can_read or not self.profile.status:
            return UNKNOWN_STATUS
        reader = StatusReader()
        self.transport.send(reader.requests())
        deadline = time.monotonic() + self.profile.timeout
        while not reader.done:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PrinterTimeout(f"{self.transport.description} did not answer DLE EOT")
            reader.feed(self.transport.read(remaining))
        return reader.status

    def _refuse_if_unready(self, status: PrinterStatus) -> None:
        where = self.transport.description
        if status.paper_out:
            raise PaperOut(f"{where} is out of paper; nothing was sent")
        if status.cover_open:
            raise CoverOpen(f"{where} has its cover open; nothing was sent")
        if status.known and (not status.online or status.error):
            raise PrinterOffline(f"{where} is offline or in error; nothing was sent")
        if status.paper_near_end:
            logger.warning("%s: paper near end", where)


def preview(document: Document, profile: PrinterProfile | None = None) -> RenderedJob:
    """What ``document`` looks like on paper, through the same bytes a printer gets: for showing
    a ticket on screen when printing failed (``exc.document``)."""
    from drivers.printer.encoder import encode
    from drivers.printer.render import render_escpos

    profile = profile or PrinterProfile(paper=document.paper)
    return render_escpos(
        encode(document, profile),
        profile.paper,
        chinese_at_start=profile.encoding is ChineseEncoding.GB18030_NATIVE,
    )


def open_printer(uri: str, profile: PrinterProfile | None = None) -> Printer:
    """Open the printer at ``uri`` (see :data:`drivers.printer.transport.USAGE`)."""
    profile = profile or PrinterProfile()
    transport = open_transport(PrinterUri.parse(uri), profile.paper, profile.timeout)
    return Printer(transport, profile, uri)
