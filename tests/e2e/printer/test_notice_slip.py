"""A window without an A4 printer: the notice's slip over TCP to the receipt printer emulator,
the applicant's name masked; out of paper, the slip is kept and printed when paper is back."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.models import NoticeKind
from drivers.printer.emulator import PrinterEmulator
from drivers.printer.status import PrinterStatus
from kiosk.config import settings_from_dict
from kiosk.counter.notice_printing import NoticeNotPrinted, Route, notice_printing
from kiosk.notices import sample_notice
from kiosk.printing import TicketPrinter, printer_profile

TIMEOUT = 30.0


def not_a_renderer(layout: object) -> bytes:
    raise AssertionError("no A4 printer: nothing is rendered as a PDF")


def test_no_a4_printer_prints_the_slip_on_the_receipt_printer(
    emulator: PrinterEmulator, tmp_path: Path
) -> None:
    raw = {
        "terminal": {"id": "WIN-07", "hall_name": "示例区政务服务中心", "mode": "counter"},
        "devices": {"printer": f"tcp://127.0.0.1:{emulator.port}"},
        "counter": {"window": "W01"},  # notice_printer = "": no A4 printer
    }
    settings = settings_from_dict(raw, source="counter.toml", environ={})
    receipts = TicketPrinter(settings.devices.printer, printer_profile(settings), tmp_path)
    service = notice_printing(settings, render_pdf=not_a_renderer, slip_printer=receipts)
    assert service.route is Route.SLIP

    printed = service.print_notice(sample_notice(NoticeKind.SUPPLEMENT))

    assert printed.route is Route.SLIP
    (job,) = emulator.wait_for_jobs(1, TIMEOUT)
    text = job.rendered.transcript
    assert "示例区政务服务中心" in text and "一次性告知书" in text
    assert "王*明" in text and "王小明" not in text
    flat = text.replace("\n", "")
    for material in ("居民户口簿（本人页）：未提供原件", "近期免冠证件照片：照片背景不符合要求"):
        assert material in flat
    assert "2026年12月4日前" in text
    assert "张晓红（S001）" in text
    assert text.rstrip().endswith("[CUT]")


def test_out_of_paper_keeps_the_slip_until_paper_is_back(
    emulator: PrinterEmulator, tmp_path: Path
) -> None:
    raw = {
        "terminal": {"id": "WIN-07", "hall_name": "示例区政务服务中心", "mode": "counter"},
        "devices": {"printer": f"tcp://127.0.0.1:{emulator.port}"},
        "counter": {"window": "W01"},
    }
    settings = settings_from_dict(raw, source="counter.toml", environ={})
    receipts = TicketPrinter(settings.devices.printer, printer_profile(settings), tmp_path)
    service = notice_printing(settings, render_pdf=not_a_renderer, slip_printer=receipts)
    emulator.status = PrinterStatus(online=False, paper_out=True, paper_near_end=True)
    with pytest.raises(NoticeNotPrinted) as caught:
        service.print_notice(sample_notice(NoticeKind.REJECTION))
    assert caught.value.reason == "paper_out"
    assert "缺纸" in caught.value.message
    assert service.pending.count == 1
    assert emulator.jobs == []

    emulator.status = PrinterStatus()
    (printed,) = service.reprint()
    assert printed.notice_number == "BY-20261127-0001"
    (job,) = emulator.wait_for_jobs(1, TIMEOUT)
    assert "不予受理告知书" in job.rendered.transcript
    assert service.pending.count == 0
