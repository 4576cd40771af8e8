"""The other transports for real: serial on a pty, file:, preview:, usb: without a device."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from drivers.printer.errors import PaperOut, PrinterConfigError, PrinterUnreachable
from drivers.printer.printer import open_printer
from drivers.printer.profile import PaperWidth, PrinterProfile
from drivers.printer.render import render_escpos
from drivers.printer.status import PrinterStatus
from drivers.printer.transport import PrinterUri
from kiosk.documents import case_receipt, queue_ticket, sample_receipt, sample_ticket

PROFILE58 = PrinterProfile(paper=PaperWidth.MM58, timeout=30)


@pytest.mark.parametrize("flow", ["none", "rtscts"])
def test_serial_printer_on_a_pty(pty_printer: Any, flow: str) -> None:
    document = queue_ticket(sample_ticket(), PaperWidth.MM58)
    with open_printer(f"serial:{pty_printer.path}?baud=19200&flow={flow}", PROFILE58) as printer:
        assert printer.status() == PrinterStatus()
        printer.print_document(document)
        pty_printer.status = PrinterStatus(paper_near_end=True)
        assert printer.status().health().reason == "paper_near_end"
        pty_printer.status = PrinterStatus(online=False, paper_out=True)
        with pytest.raises(PaperOut):
            printer.print_document(document)
    (job,) = pty_printer.wait_for_jobs(1, 30)
    assert job.transcript == document.transcript()
    assert pty_printer.session.log.discarded_events == 0


def test_file_printer_writes_the_job(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    document = case_receipt(sample_receipt(), PaperWidth.MM80)
    with open_printer(f"file:{target}") as printer:
        assert not printer.status().known
        printer.print_document(document)
    job = render_escpos(target.read_bytes(), PaperWidth.MM80)
    assert job.transcript == document.transcript()


def test_preview_writes_png_and_transcript(tmp_path: Path) -> None:
    out = tmp_path / "ticket.png"
    document = queue_ticket(sample_ticket(), PaperWidth.MM58)
    with open_printer(f"preview:{out}", PROFILE58) as printer:
        printer.print_document(document)
        printer.print_document(document)
    assert (tmp_path / "ticket.txt").read_text(encoding="utf-8") == document.transcript()
    assert (tmp_path / "ticket-2.txt").read_text(encoding="utf-8") == document.transcript()
    codes = zxingcpp.read_barcodes(Image.open(out))
    assert [c.text for c in codes] == [sample_ticket().follow_url]


def test_usb_printer_that_is_not_plugged_in() -> None:
    with pytest.raises(PrinterUnreachable) as caught:
        open_printer("usb:0416:5011")
    assert "usb:0416:5011" in caught.value.message


@pytest.mark.parametrize(
    "uri",
    ["file:/nonexistent-dir/lp0", "serial:/dev/nonexistent-tty", "preview:/nonexistent-dir/x.png"],
)
def test_missing_devices_are_unreachable(uri: str) -> None:
    with pytest.raises(PrinterUnreachable):
        open_printer(uri)


@pytest.mark.parametrize(
    ("uri", "parsed"),
    [
        ("tcp://10.0.0.5:9100", PrinterUri("tcp", "10.0.0.5", 9100)),
        ("tcp://printer.local", PrinterUri("tcp", "printer.local", 9100)),
        ("usb:0x0416:0x5011", PrinterUri("usb", "0416", 0x5011)),
        ("usb:0416:5011?out=0x03", PrinterUri("usb", "0416", 0x5011, {"out": "0x03"})),
        ("serial:/dev/ttyS0?baud=19200", PrinterUri("serial", "/dev/ttyS0", 0, {"baud": "19200"})),
        ("file:/dev/usb/lp0", PrinterUri("file", "/dev/usb/lp0")),
        ("file:///dev/usb/lp0", PrinterUri("file", "/dev/usb/lp0")),
        ("preview:out.png", PrinterUri("preview", "out.png")),
    ],
)
def test_uri_parsing(uri: str, parsed: PrinterUri) -> None:
    assert PrinterUri.parse(uri) == parsed


@pytest.mark.parametrize(
    "uri",
    [
        "lp0",
        "ipp://x",
        "usb:zz:1",
        "tcp://:9100",
        "tcp://h:notaport",
        "serial:/dev/x?speed=1",
        "preview:out.jpg",
        "serial:/dev/x?baud=fast",
    ],
)
def test_bad_uris_are_config_errors(uri: str) -> None:
    with pytest.raises(PrinterConfigError) as caught:
        open_printer(uri)
    assert caught.value.exit_code == 2
