"""The notice printing service on the terminal's own printers: the demo's virtual receipt
printer, and none at all (every notice kept). Real CUPS: tests/e2e/cups_a4."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.models import NoticeKind
from drivers.printer.cups import CupsQueue
from drivers.printer.profile import PrinterProfile
from kiosk.counter.notice_printing import (
    NoticeNotPrinted,
    NoticePrinting,
    PendingNotices,
    Route,
)
from kiosk.notices import sample_notice
from kiosk.printing import TicketPrinter

HALL = "示例区政务服务中心"


def test_the_virtual_printer_shows_the_slip(tmp_path: Path) -> None:
    service = NoticePrinting(
        HALL, slip_printer=TicketPrinter("virtual", PrinterProfile(), tmp_path)
    )
    printed = service.print_notice(sample_notice(NoticeKind.ACCEPTANCE))
    assert printed.route is Route.SLIP and printed.preview is not None
    assert printed.preview.exists()
    transcript = printed.preview.with_suffix(".txt").read_text(encoding="utf-8")
    assert "受理通知书" in transcript and "王*明" in transcript


def test_without_any_printer_every_notice_is_kept_once_in_order(tmp_path: Path) -> None:
    service = NoticePrinting(HALL, slip_printer=TicketPrinter("none", PrinterProfile(), tmp_path))
    states: list[PendingNotices] = []
    service.changes.subscribe(states.append)
    assert states == [PendingNotices()]  # a new subscriber gets the state at once
    for kind in (NoticeKind.SUPPLEMENT, NoticeKind.REJECTION, NoticeKind.SUPPLEMENT):
        with pytest.raises(NoticeNotPrinted) as caught:
            service.print_notice(sample_notice(kind))
        assert caught.value.message.endswith("打印机故障，请联系工作人员。")
    kept = service.pending.kept
    assert [k.notice_number for k in kept] == ["BZ-20261127-0001", "BY-20261127-0001"]
    assert kept[0].slip is not None and kept[0].pdf is None
    assert "王小明" not in repr(kept) and "王小明" not in str(states)

    with pytest.raises(NoticeNotPrinted) as caught:
        service.reprint()
    assert caught.value.kept.notice_number == "BZ-20261127-0001"  # the first stops it
    assert service.pending.kept[0].since == kept[0].since  # kept since it first failed

    service.discard("BZ-20261127-0001")
    assert [k.notice_number for k in service.pending.kept] == ["BY-20261127-0001"]
    assert states[-1].count == 1


def test_a4_needs_a_renderer() -> None:
    with pytest.raises(ValueError, match="renderer"):
        NoticePrinting(HALL, cups=CupsQueue("a4"))
