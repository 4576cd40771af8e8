"""Printing a decision's notice at the window: an A4 PDF through CUPS, or a slip.

Theory of operation. The window prints each notice the hub answers a decision with
(:meth:`NoticePrinting.print_notice`, blocking: the UI runs it off the GUI thread):

- with ``[counter] notice_printer`` set, the notice is laid out (:mod:`kiosk.notices`), drawn as
  an A4 PDF by the renderer the UI injects (Qt lives there), and printed on that CUPS queue,
  waiting until CUPS has completed the job;
- without it, the short version goes to the terminal's receipt printer (``[devices] printer``),
  as the kiosk prints its receipts.

A printer fault never loses a notice: the notice (with its PDF or slip, ready to go) is kept,
:class:`NoticeNotPrinted` says why in a sentence for the clerk, and :attr:`pending` /
:attr:`changes` tell the UI how many wait. :meth:`reprint` prints the kept ones, oldest first,
when the fault is cleared; it stops at the first that fails again (the printer is still at
fault) and keeps the rest. A notice is printed or kept, never both: the CUPS driver cancels a
job it gave up on. Kept notices live as long as the terminal runs; the hub keeps every notice
of a case, so a reprint after a restart starts from the case.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from contract.models import Notice
from drivers.events import Broadcaster
from drivers.printer.cups import CupsQueue
from drivers.printer.errors import PrinterError
from kiosk.errors import KioskError
from kiosk.notices import TITLES, NoticeLayout, notice_layout, notice_slip

if TYPE_CHECKING:
    from drivers.printer.document import Document
    from kiosk.config import Settings
    from kiosk.printing import TicketPrinter

logger = logging.getLogger(__name__)

RenderPdf = Callable[[NoticeLayout], bytes]


class Route(enum.Enum):
    A4 = "a4"  # a PDF on the CUPS queue
    SLIP = "slip"  # the short version on the receipt printer


@dataclass(frozen=True, slots=True)
class NoticePrinted:
    notice_number: str
    route: Route
    job_id: int | None = None  # the CUPS job
    seconds: float = 0.0  # from sending to printed
    preview: Path | None = None  # the virtual receipt printer's picture of the slip


@dataclass(frozen=True, slots=True, repr=False)
class KeptNotice:
    """A notice the printer did not print, ready to go again."""

    notice: Notice
    route: Route
    reason: str  # the printer error's code ("queue_paused", "paper_out", ...)
    problem: str  # what went wrong, for the clerk
    since: datetime
    pdf: bytes | None = None
    slip: Document | None = None

    @property
    def notice_number(self) -> str:
        return self.notice.notice_number

    @property
    def title(self) -> str:
        return TITLES[self.notice.kind]

    def __repr__(self) -> str:  # the notice names the applicant: never in a log
        return f"KeptNotice({self.notice_number!r}, {self.route.value}, {self.reason!r})"


@dataclass(frozen=True, slots=True)
class PendingNotices:
    """The state the UI shows: the notices waiting for a reprint, oldest first."""

    kept: tuple[KeptNotice, ...] = ()

    @property
    def count(self) -> int:
        return len(self.kept)


class NoticeNotPrinted(KioskError):
    """The printer failed; the notice is kept for :meth:`NoticePrinting.reprint`."""

    def __init__(self, kept: KeptNotice, pending: int, cause: PrinterError) -> None:
        super().__init__(f"{kept.title}（{kept.notice_number}）未打印：{cause.notice}")
        self.kept = kept
        self.pending = pending
        self.reason = cause.reason
        self.detail = cause.message  # for the technician and the log


class NoticePrinting:
    """One window's notice printing. Thread-safe; one job at a time."""

    def __init__(
        self,
        hall_name: str,
        *,
        cups: CupsQueue | None = None,
        render_pdf: RenderPdf | None = None,
        slip_printer: TicketPrinter | None = None,
        job_wait: float = 60.0,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        if cups is not None and render_pdf is None:
            raise ValueError("printing on A4 needs a PDF renderer")
        if cups is None and slip_printer is None:
            raise ValueError("no A4 queue and no receipt printer")
        self.hall_name = hall_name
        self.cups = cups
        self.render_pdf = render_pdf
        self.slip_printer = slip_printer
        self.job_wait = job_wait  # seconds CUPS may take to complete a job
        self.now = now
        self.changes: Broadcaster[PendingNotices] = Broadcaster()
        self._lock = threading.Lock()  # the kept list
        self._printing = threading.Lock()  # the printer: one job at a time
        self._kept: list[KeptNotice] = []
        self.changes.publish(PendingNotices())

    @classmethod
    def on_cups(
        cls,
        hall_name: str,
        queue: str,
        server: str = "",
        *,
        render_pdf: RenderPdf,
        job_wait: float = 60.0,
    ) -> NoticePrinting:
        """Printing on CUPS queue ``queue`` of ``server`` (empty: this machine's CUPS)."""
        return cls(
            hall_name, cups=CupsQueue(queue, server), render_pdf=render_pdf, job_wait=job_wait
        )

    @property
    def route(self) -> Route:
        return Route.A4 if self.cups is not None else Route.SLIP

    @property
    def pending(self) -> PendingNotices:
        with self._lock:
            return PendingNotices(tuple(self._kept))

    def print_notice(
        self, notice: Notice, *, applied_at: datetime | date | None = None
    ) -> NoticePrinted:
        """Print a decision's notice; on a printer fault keep it and raise NoticeNotPrinted.
        ``applied_at``: when the case was submitted (the A4 letter says 您于…申请)."""
        layout = notice_layout(notice, self.hall_name, applied_at=applied_at)
        if self.route is Route.A4:
            assert self.render_pdf is not None
            kept = KeptNotice(notice, Route.A4, "", "", self.now(), pdf=self.render_pdf(layout))
        else:
            assert self.slip_printer is not None
            paper = self.slip_printer.profile.paper
            slip = notice_slip(notice, self.hall_name, paper)
            kept = KeptNotice(notice, Route.SLIP, "", "", self.now(), slip=slip)
        with self._printing:
            return self._print(kept)

    def reprint(self) -> list[NoticePrinted]:
        """Print every kept notice, oldest first; raise NoticeNotPrinted at the first fault
        (it and the ones after it stay kept)."""
        printed = []
        with self._printing:
            for kept in self.pending.kept:
                printed.append(self._print(kept))
        return printed

    def discard(self, notice_number: str) -> None:
        """Forget a kept notice (the clerk printed it another way)."""
        with self._lock:
            self._kept = [k for k in self._kept if k.notice_number != notice_number]
            state = PendingNotices(tuple(self._kept))
        self.changes.publish(state)

    # -- the printers

    def _print(self, kept: KeptNotice) -> NoticePrinted:
        try:
            printed = self._send(kept)
        except PrinterError as exc:
            logger.warning("notice %s not printed: %s", kept.notice_number, exc.message)
            again = _replace(kept, exc, self.now())
            pending = self._keep(again)
            raise NoticeNotPrinted(again, pending, exc) from None
        logger.info("notice %s printed (%s)", kept.notice_number, printed.route.value)
        self._forget(kept.notice_number)
        return printed

    def _send(self, kept: KeptNotice) -> NoticePrinted:
        if kept.route is Route.A4:
            if self.cups is None or kept.pdf is None:
                raise PrinterError("this window has no A4 printer any more")
            title = f"notice-{kept.notice_number}"
            job = self.cups.print_pdf(kept.pdf, title, wait=self.job_wait)
            return NoticePrinted(kept.notice_number, Route.A4, job.job_id, job.seconds)
        if self.slip_printer is None or kept.slip is None:
            raise PrinterError("this window has no receipt printer any more")
        preview = self.slip_printer.print_document(kept.slip, f"notice-{kept.notice_number}")
        return NoticePrinted(kept.notice_number, Route.SLIP, preview=preview)

    def _keep(self, kept: KeptNotice) -> int:
        with self._lock:
            others = [k for k in self._kept if k.notice_number != kept.notice_number]
            place = next(
                (i for i, k in enumerate(self._kept) if k.notice_number == kept.notice_number),
                len(others),
            )
            others.insert(place, kept)  # a reprint that fails again keeps its place
            self._kept = others
            state = PendingNotices(tuple(self._kept))
        self.changes.publish(state)
        return state.count

    def _forget(self, notice_number: str) -> None:
        with self._lock:
            if not any(k.notice_number == notice_number for k in self._kept):
                return
        self.discard(notice_number)


def _replace(kept: KeptNotice, cause: PrinterError, when: datetime) -> KeptNotice:
    return KeptNotice(
        kept.notice,
        kept.route,
        cause.reason,
        cause.notice,
        kept.since if kept.reason else when,
        pdf=kept.pdf,
        slip=kept.slip,
    )


def notice_printing(
    settings: Settings, *, render_pdf: RenderPdf, slip_printer: TicketPrinter
) -> NoticePrinting:
    """The window's notice printing as its configuration says (``[counter] notice_printer``)."""
    counter = settings.counter
    if counter.notice_printer:
        return NoticePrinting.on_cups(
            settings.terminal.hall_name,
            counter.notice_printer,
            counter.cups_server,
            render_pdf=render_pdf,
        )
    return NoticePrinting(settings.terminal.hall_name, slip_printer=slip_printer)
