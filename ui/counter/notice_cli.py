"""``kiosk notice-test``: a sample notice on the window's A4 printer, for the technician.

    kiosk notice-test --cups-queue A4 [--cups-server HOST[:PORT]|SOCKET]
                      [--kind supplement|acceptance|rejection] [--pdf OUT.pdf]

It prints the way the window prints a decision's notice (the PDF, then waiting for CUPS to
complete the job), so a queue that works here works for the clerk. ``--pdf`` also (or only)
writes the sample's PDF to look at. It lives in ``ui`` because the PDF is drawn with Qt.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError, UsageError

KINDS = ("supplement", "acceptance", "rejection")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "notice-test",
        help="print a sample 告知书 on a CUPS queue (the window's A4 printer), or write its PDF",
        description=(
            "Print a sample notice (一次性告知书, 受理通知书 or 不予受理告知书) on a CUPS queue as"
            " the window does, waiting until CUPS has completed the job; --pdf writes its PDF."
        ),
    )
    parser.add_argument("--cups-queue", metavar="QUEUE", help="as `lpstat -p` lists it")
    parser.add_argument(
        "--cups-server",
        default="",
        metavar="SERVER",
        help="HOST, HOST:PORT or a CUPS socket path (default: this machine's CUPS)",
    )
    parser.add_argument("--kind", choices=KINDS, default="supplement")
    parser.add_argument("--hall", default="示例区政务服务中心", help="the hall name printed")
    parser.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the notice's PDF")
    parser.add_argument(
        "--wait", type=float, default=60.0, metavar="S", help="seconds CUPS may take (60)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.cups_queue and args.pdf is None:
        raise UsageError("kiosk notice-test needs --cups-queue QUEUE, --pdf OUT.pdf, or both")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # fonts only: no window
    from PySide6.QtGui import QGuiApplication

    from contract.models import NoticeKind
    from kiosk.counter.notice_printing import NoticeNotPrinted, NoticePrinting
    from kiosk.notices import TITLES, notice_layout, sample_notice
    from ui.counter.notice_pdf import render_notice_pdf

    app = QGuiApplication.instance() or QGuiApplication([])
    notice = sample_notice(NoticeKind(args.kind))
    title = TITLES[notice.kind]
    if args.pdf is not None:
        pdf = render_notice_pdf(notice_layout(notice, args.hall, applied_at=notice.issued_at))
        try:
            args.pdf.write_bytes(pdf)
        except OSError as exc:
            raise UsageError(f"cannot write {args.pdf}: {exc.strerror}") from None
        print(f"wrote the sample {title} to {args.pdf}")
    if args.cups_queue:
        service = NoticePrinting.on_cups(
            args.hall,
            args.cups_queue,
            args.cups_server,
            render_pdf=render_notice_pdf,
            job_wait=args.wait,
        )
        # a failure is this command's one error line, not a log warning as well
        logging.getLogger("kiosk.counter.notice_printing").setLevel(logging.ERROR)
        try:
            printed = service.print_notice(notice, applied_at=notice.issued_at)
        except NoticeNotPrinted as exc:
            raise KioskError(exc.detail) from None  # the technician's sentence
        where = service.cups.where if service.cups else args.cups_queue
        print(
            f"printed the sample {title} on {where} (job {printed.job_id}, {printed.seconds:.1f} s)"
        )
    del app
    return 0
