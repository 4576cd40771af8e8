"""Real sockets: python-escpos and our driver against the TCP printer emulator."""

from __future__ import annotations

import socket

import pytest
import zxingcpp
from PIL import Image

from drivers.printer.emulator import PrinterEmulator
from drivers.printer.errors import PaperOut, PrinterConnectionLost, PrinterUnreachable
from drivers.printer.printer import open_printer, preview
from drivers.printer.profile import PaperWidth, PrinterProfile, QrMode
from drivers.printer.status import PrinterStatus
from kiosk.documents import case_receipt, queue_ticket, sample_receipt, sample_ticket

TIMEOUT = 30.0


def test_python_escpos_network_printer(emulator: PrinterEmulator) -> None:
    from escpos.printer import Network

    printer = Network("127.0.0.1", emulator.port, timeout=TIMEOUT)
    printer.open()
    try:
        assert printer.is_online()
        assert printer.paper_status() == 2
        printer.set(align="center", bold=True)
        printer.textln("Hello 9100")
        printer.qr("https://yimen.example.cn/net", native=True, size=6)
        printer.cut()
        emulator.status = PrinterStatus(paper_near_end=True)
        assert printer.paper_status() == 1
        emulator.status = PrinterStatus(online=False, paper_out=True)
        assert printer.paper_status() == 0
        assert not printer.is_online()
    finally:
        printer.close()
    (job,) = emulator.wait_for_jobs(1, TIMEOUT)
    lines = job.rendered.transcript.splitlines()
    assert lines[0] == "Hello 9100"
    assert "[QR] https://yimen.example.cn/net" in lines
    assert lines[-1] == "[CUT]"
    assert job.png is not None and job.transcript_path is not None
    assert job.transcript_path.read_text(encoding="utf-8") == job.rendered.transcript
    codes = zxingcpp.read_barcodes(Image.open(job.png))
    assert [c.text for c in codes] == ["https://yimen.example.cn/net"]


@pytest.mark.parametrize("qr", list(QrMode), ids=lambda q: q.value)
def test_ticket_and_receipt_jobs_over_tcp(
    emulator: PrinterEmulator, emulator58: PrinterEmulator, qr: QrMode
) -> None:
    for emu in (emulator, emulator58):
        profile = PrinterProfile(paper=emu.paper, qr=qr, timeout=TIMEOUT)
        documents = [
            queue_ticket(sample_ticket(), emu.paper),
            case_receipt(sample_receipt(), emu.paper),
        ]
        with open_printer(f"tcp://127.0.0.1:{emu.port}", profile) as printer:
            assert printer.status() == PrinterStatus()
            for document in documents:
                printer.print_document(document)
        jobs = emu.wait_for_jobs(2, TIMEOUT)
        for job, document in zip(jobs, documents, strict=True):
            assert job.rendered.transcript == document.transcript()
            assert job.png is not None
            (code,) = zxingcpp.read_barcodes(Image.open(job.png))
            assert code.text == job.rendered.qr_payloads[0]


def test_paper_out_refuses_before_sending_anything(emulator: PrinterEmulator) -> None:
    emulator.status = PrinterStatus(online=False, paper_out=True)
    document = queue_ticket(sample_ticket(), PaperWidth.MM80)
    url = f"tcp://127.0.0.1:{emulator.port}"
    with pytest.raises(PaperOut) as caught, open_printer(url, PrinterProfile()) as printer:
        printer.print_document(document)
    assert caught.value.document is document  # the kiosk shows the ticket on screen instead
    shown = preview(caught.value.document)
    assert shown.transcript == document.transcript()
    assert [c.text for c in zxingcpp.read_barcodes(shown.image)] == [sample_ticket().follow_url]
    assert caught.value.notice == "打印机缺纸，请联系工作人员补纸。"
    assert caught.value.reason == "paper_out"
    (log,) = emulator.wait_for_connections(1, TIMEOUT)
    assert log.received == 9  # DLE EOT 1, 2, 4 and not one byte more
    assert log.status_requests == [1, 2, 4]
    assert emulator.jobs == []


def test_printer_dropping_the_connection_mid_job(tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = case_receipt(sample_receipt(), PaperWidth.MM80)
    with PrinterEmulator(tmp_path, drop_after=200) as emu:
        url = f"tcp://127.0.0.1:{emu.port}"
        with pytest.raises(PrinterConnectionLost) as caught, open_printer(url) as printer:
            printer.print_document(document)
        assert caught.value.document is document
        (log,) = emu.wait_for_connections(1, TIMEOUT)
        assert log.dropped
        assert emu.jobs == []


def test_nobody_listening_is_unreachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    with pytest.raises(PrinterUnreachable) as caught:
        open_printer(f"tcp://127.0.0.1:{port}", PrinterProfile(timeout=5))
    assert "127.0.0.1" in caught.value.message
