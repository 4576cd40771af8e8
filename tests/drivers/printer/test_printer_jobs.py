"""Printer job rules over a transport-free printer (the emulator's PrinterSession)."""

from __future__ import annotations

import pytest

from drivers.printer.document import Document, Qr
from drivers.printer.emulator import PrinterSession
from drivers.printer.encoder import LayoutError, encode
from drivers.printer.errors import PaperOut, PrinterOffline, PrinterTimeout
from drivers.printer.printer import Printer
from drivers.printer.profile import PaperWidth, PrinterProfile, QrMode
from drivers.printer.render import RenderedJob
from drivers.printer.status import PrinterStatus
from drivers.printer.transport import Transport
from kiosk.documents import queue_ticket, sample_ticket


class SessionTransport(Transport):
    """Bytes go straight into a PrinterSession; its replies come back on read()."""

    can_read = True
    description = "session printer"

    def __init__(self, paper: PaperWidth, answers_status: bool = True) -> None:
        self.status = PrinterStatus()
        self.status_after_job: PrinterStatus | None = None
        self.jobs: list[RenderedJob] = []
        self.session = PrinterSession(
            paper, lambda: self.status, self.jobs.append, answers_status=answers_status
        )
        self._replies = b""

    def send(self, data: bytes) -> None:
        self._replies += self.session.feed(data)
        if self.status_after_job is not None and self.jobs:
            self.status = self.status_after_job

    def read(self, timeout: float) -> bytes:
        if not self._replies:
            raise PrinterTimeout("session printer did not answer a status request")
        data, self._replies = self._replies, b""
        return data


def test_paper_running_out_during_the_job_is_reported_with_the_document() -> None:
    transport = SessionTransport(PaperWidth.MM58)
    transport.status_after_job = PrinterStatus(online=False, paper_out=True)
    document = queue_ticket(sample_ticket(), PaperWidth.MM58)
    printer = Printer(transport, PrinterProfile(paper=PaperWidth.MM58), "session:")
    with pytest.raises(PaperOut) as caught:
        printer.print_document(document)
    assert caught.value.document is document
    assert len(transport.jobs) == 1  # it was sent; the paper ran out at the end


def test_offline_printer_refuses_and_sends_nothing() -> None:
    transport = SessionTransport(PaperWidth.MM80)
    transport.status = PrinterStatus(online=False)
    with pytest.raises(PrinterOffline):
        Printer(transport, PrinterProfile(), "session:").print_bytes(b"\x1b@hello\n")
    assert transport.session.log.received == 9 and transport.jobs == []


def test_print_bytes_sends_a_ready_job() -> None:
    transport = SessionTransport(PaperWidth.MM80)
    document = queue_ticket(sample_ticket(), PaperWidth.MM80)
    printer = Printer(transport, PrinterProfile(), "session:")
    printer.print_bytes(encode(document, PrinterProfile()))
    assert [job.transcript for job in transport.jobs] == [document.transcript()]


def test_a_printer_that_never_answers_times_out_unless_told_not_to_ask() -> None:
    document = queue_ticket(sample_ticket(), PaperWidth.MM80)
    silent = SessionTransport(PaperWidth.MM80, answers_status=False)
    with pytest.raises(PrinterTimeout):
        Printer(silent, PrinterProfile(), "session:").print_document(document)
    assert silent.jobs == []
    silent = SessionTransport(PaperWidth.MM80, answers_status=False)
    printer = Printer(silent, PrinterProfile(status=False), "session:")
    assert not printer.status().known
    printer.print_document(document)
    assert [job.transcript for job in silent.jobs] == [document.transcript()]


def test_closed_printer_says_so() -> None:
    printer = Printer(SessionTransport(PaperWidth.MM80), PrinterProfile(), "session:")
    printer.close()
    printer.close()  # twice is fine
    with pytest.raises(Exception, match="closed"):
        printer.status()


def test_layout_errors_are_named() -> None:
    document = queue_ticket(sample_ticket(), PaperWidth.MM80)
    with pytest.raises(LayoutError, match="80mm"):
        encode(document, PrinterProfile(paper=PaperWidth.MM58))
    huge = Document(PaperWidth.MM58, (Qr("x" * 2900, module=6),))
    with pytest.raises(LayoutError):
        encode(huge, PrinterProfile(paper=PaperWidth.MM58, qr=QrMode.NATIVE))
