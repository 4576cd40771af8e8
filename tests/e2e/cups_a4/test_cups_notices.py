"""Notices printed through a real cupsd into cups-pdf and read back; printer faults keep the
notice, and it prints once the fault is cleared."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from cupsd import PrivateCups, Queue
from PySide6.QtWidgets import QApplication

from contract.models import NoticeKind
from drivers.printer.cups import CupsQueue
from kiosk.config import settings_from_dict
from kiosk.counter.notice_printing import (
    NoticeNotPrinted,
    NoticePrinting,
    PendingNotices,
    Route,
    notice_printing,
)
from kiosk.notices import sample_notice
from kiosk.printing import TicketPrinter, printer_profile
from tests.pdf_reading import flat, pdf_fonts, pdf_info, pdf_text
from ui.counter.notice_pdf import render_notice_pdf

HALL = "南京市鼓楼区政务服务中心"
APPLIED = datetime(2026, 11, 26, 15, 0)


def printing(cups: PrivateCups, queue: str, **extra: float) -> NoticePrinting:
    return NoticePrinting(
        HALL, cups=CupsQueue(queue, cups.server), render_pdf=render_notice_pdf, **extra
    )


def pdfs(queue: Queue) -> list[Path]:
    return sorted(queue.out.glob("*.pdf"))


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_each_notice_prints_and_reads_back(
    qapp: QApplication, cups: PrivateCups, queue: Queue, tmp_path: Path, kind: NoticeKind
) -> None:
    raw = {
        "terminal": {"id": "WIN-07", "hall_name": HALL, "mode": "counter"},
        "counter": {"window": "W01", "notice_printer": queue.name, "cups_server": cups.server},
    }
    settings = settings_from_dict(raw, source="counter.toml", environ={})
    slips = TicketPrinter("none", printer_profile(settings), tmp_path)
    service = notice_printing(settings, render_pdf=render_notice_pdf, slip_printer=slips)
    assert service.route is Route.A4
    notice = sample_notice(kind)

    printed = service.print_notice(notice, applied_at=APPLIED)

    assert printed.route is Route.A4 and printed.job_id
    (pdf,) = cups.wait_for_pdf(queue.name)
    text = flat(pdf_text(pdf))
    for line in notice.lines:  # the 补正 lists every material, with what is wrong with it
        assert f"{line.name}：{line.reason}" in text
    assert len(notice.lines) == (3 if kind is NoticeKind.SUPPLEMENT else 0)
    for words in (
        HALL,
        "王小明：",
        "您于2026年11月26日申请的“居民身份证换领”事项",
        "事项编码11320106MB1234567X4000117004000",
        "办件编号320106-20261127-0001",
        "经办人：张晓红（工号S001）",
        "受理窗口：W01综合受理一号窗",
    ):
        assert words in text
    if kind is NoticeKind.SUPPLEMENT:
        assert "请于2026年12月4日前" in text
    if kind is NoticeKind.REJECTION:
        assert "行政复议" in text and "行政诉讼" in text
    assert all(f.embedded for f in pdf_fonts(pdf))
    assert pdf_info(pdf)["Pages"] == "1"
    assert service.pending == PendingNotices()


def test_a_queue_that_is_not_there_keeps_the_notice_until_it_is(
    qapp: QApplication, cups: PrivateCups, queue: Queue
) -> None:
    service = printing(cups, f"{queue.name}-x")
    seen: list[PendingNotices] = []
    service.changes.subscribe(seen.append)
    with pytest.raises(NoticeNotPrinted) as caught:
        service.print_notice(sample_notice())
    assert caught.value.reason == "queue_not_found"
    assert "找不到配置的 A4 打印机" in caught.value.message
    assert f"{queue.name}-x" in caught.value.detail
    assert service.pending.count == 1 and seen[-1].count == 1
    assert service.pending.kept[0].notice_number == "BZ-20261127-0001"
    assert "王小明" not in repr(service.pending)

    later = cups.add_pdf_queue(f"{queue.name}-x")
    try:
        (printed,) = service.reprint()
        assert printed.notice_number == "BZ-20261127-0001"
        (pdf,) = cups.wait_for_pdf(f"{queue.name}-x")
        assert "一次性告知书" in pdf_text(pdf) and pdf.parent == later
        assert service.pending.count == 0 and seen[-1].count == 0
    finally:
        cups.remove_queue(f"{queue.name}-x")


@pytest.mark.parametrize(
    ("fault", "clear", "reason", "says"),
    [
        ("disable", "enable", "queue_paused", "A4 打印机已暂停"),
        ("reject", "accept", "queue_rejecting", "不接受打印任务"),
    ],
)
def test_a_paused_or_rejecting_queue_gets_no_job_until_it_is_cleared(
    qapp: QApplication,
    cups: PrivateCups,
    queue: Queue,
    fault: str,
    clear: str,
    reason: str,
    says: str,
) -> None:
    service = printing(cups, queue.name)
    getattr(cups, fault)(queue.name)
    for kind in (NoticeKind.SUPPLEMENT, NoticeKind.ACCEPTANCE):
        with pytest.raises(NoticeNotPrinted) as caught:
            service.print_notice(sample_notice(kind))
        assert caught.value.reason == reason and says in caught.value.message
    assert [k.notice_number for k in service.pending.kept] == [
        "BZ-20261127-0001",
        "SL-20261127-0001",
    ]
    getattr(cups, clear)(queue.name)
    assert not cups.run("lpstat", "-W", "all", "-o", queue.name).stdout  # no job was sent

    printed = service.reprint()

    assert [p.notice_number for p in printed] == ["BZ-20261127-0001", "SL-20261127-0001"]
    first, second = cups.wait_for_pdf(queue.name, 2)
    assert "一次性告知书" in pdf_text(first) and "受理通知书" in pdf_text(second)
    assert service.pending.count == 0


def test_cups_stopped_keeps_the_notice_and_it_prints_when_cups_is_back(
    qapp: QApplication, cups: PrivateCups, queue: Queue
) -> None:
    service = printing(cups, queue.name)
    cups.stop()
    with pytest.raises(NoticeNotPrinted) as caught:
        service.print_notice(sample_notice(NoticeKind.REJECTION))
    assert caught.value.reason == "cups_unavailable"
    assert "CUPS" in caught.value.message and cups.server in caught.value.detail
    with pytest.raises(NoticeNotPrinted):  # still down: still kept, once
        service.reprint()
    assert service.pending.count == 1

    cups.start()
    service.reprint()
    (pdf,) = cups.wait_for_pdf(queue.name)
    assert "不予受理告知书" in pdf_text(pdf)


def test_a_failing_job_is_kept_and_printed_once_when_mended(
    qapp: QApplication, cups: PrivateCups, queue: Queue
) -> None:
    service = printing(cups, queue.name)
    cups.set_output(queue.name, Path("/proc/ycups-nowhere"))  # cups-pdf cannot write there
    with pytest.raises(NoticeNotPrinted) as caught:
        service.print_notice(sample_notice())
    assert caught.value.reason == "job_failed"
    assert "没有打印出来" in caught.value.message

    cups.restore_device(queue.name)
    cups.enable(queue.name)  # in case the failure stopped the queue
    service.reprint()
    cups.wait_for_pdf(queue.name)
    time.sleep(1.0)  # the failed job, were it ever retried, would have printed by now
    assert len(pdfs(queue)) == 1


@pytest.mark.slow
def test_a_job_the_printer_never_finishes_is_cancelled_and_kept(
    qapp: QApplication, cups: PrivateCups, queue: Queue
) -> None:
    with socket.socket() as closed:  # a network printer that is switched off
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    cups.set_device(queue.name, f"socket://127.0.0.1:{port}")
    service = printing(cups, queue.name, job_wait=3.0)
    start = time.monotonic()
    with pytest.raises(NoticeNotPrinted) as caught:
        service.print_notice(sample_notice(NoticeKind.ACCEPTANCE))
    assert caught.value.reason == "job_timeout"
    assert "已撤销该任务" in caught.value.message
    assert time.monotonic() - start < 20
    assert not cups.run("lpstat", "-o", queue.name).stdout  # cancelled: it will never print

    cups.restore_device(queue.name)
    service.reprint()
    (pdf,) = cups.wait_for_pdf(queue.name)
    assert "受理通知书" in pdf_text(pdf)


@pytest.mark.slow
def test_a_queue_paused_while_the_job_waits_cancels_it(
    qapp: QApplication, cups: PrivateCups, queue: Queue
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    cups.set_device(queue.name, f"socket://127.0.0.1:{port}")
    service = printing(cups, queue.name, job_wait=30.0)
    pausing = threading.Timer(1.5, cups.disable, (queue.name, "Paper jam"))
    pausing.start()
    try:
        with pytest.raises(NoticeNotPrinted) as caught:
            service.print_notice(sample_notice())
    finally:
        pausing.join()
    assert caught.value.reason == "queue_paused"
    assert f"{queue.name}' on {cups.server} stopped" in caught.value.detail
    # cancelled over the socket as its owner, under Debian's access rules
    assert not cups.run("lpstat", "-o", queue.name).stdout

    cups.restore_device(queue.name)
    cups.enable(queue.name)
    service.reprint()
    cups.wait_for_pdf(queue.name)
    time.sleep(1.0)
    assert len(pdfs(queue)) == 1
