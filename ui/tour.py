"""The scripted demo tour: tap through every journey headless and keep a picture of each screen.

Used by ``kiosk demo --tour OUTDIR`` (and ``make demo`` without a display) so that a reviewer
without a touch screen sees what a citizen would see — in portrait and landscape, in elder mode,
in English and with every string 40% longer (room for any translation) — and what the printer
printed. Every page where the citizen types text is shown once more with the on-screen keyboard
up (``*-keyboard``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtWidgets import QPushButton, QWidget

from contract.models import DeliveryMethod
from drivers.health import DeviceHealth, HealthState
from kiosk.app import Terminal
from kiosk.errors import KioskError
from kiosk.journeys.ticket.desk import TicketOutcome

if TYPE_CHECKING:
    from drivers.idcard import SimulatedReader
from ui import fit_check
from ui.app import application
from ui.help_call import HelpState
from ui.main_window import KioskWindow
from ui.stretch import FILLER, StretchTranslator
from ui.tour_company import company_case
from ui.tour_complaint import complaint
from ui.tour_journeys import JourneyTour
from ui.widgets.form_fields import GroupField, LineField


@dataclass(frozen=True, slots=True)
class Look:
    name: str  # in every screenshot's name: 07-elder-ticket-identify.png
    orientation: str = "portrait"
    language: str = "zh_CN"
    elder: bool = False
    stretched: bool = False  # every string 40% longer (ui.stretch)


VARIANTS = (
    Look("portrait"),
    Look("elder", elder=True),
    Look("english", language="en"),
    Look("landscape", orientation="landscape"),
    Look("stretched", stretched=True),
)

LAYOUT_FAULTS = "layout-faults.txt"  # one line per thing not wholly in view or cut off


class TourError(KioskError):
    pass


def settle() -> None:
    """Process pending events, deferred deletions included: the tour runs no event loop of its
    own, and widgets replaced by a language switch would otherwise never be freed."""
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    settle()
    while not condition():
        if time.monotonic() > deadline:
            raise TourError(f"demo tour: timed out waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def pause(seconds: float) -> None:
    """Let the application run for ``seconds`` (timers, answers from the hub, a photo)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    settle()


def tap(button: QPushButton) -> None:
    button.click()
    settle()


def snapshot(widget: QWidget, path: Path) -> Path:
    QCoreApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise TourError(f"demo tour: could not write {path}")
    return path


class _Tour:
    def __init__(self, terminal: Terminal, out: Path, timeout: float) -> None:
        self.terminal = terminal
        self.out = out
        self.timeout = timeout
        self.written: list[Path] = []
        self.faults: list[str] = []  # what a citizen could not see on a screen (ui.fit_check)
        self.count = 0
        self.journeys = JourneyTour(
            terminal,
            self.shot,
            lambda ok, what: wait_until(ok, timeout, what),
            tap,
            self.with_keyboard,
        )

    def shot(self, window: QWidget, variant: str, screen: str) -> None:
        self.count += 1
        name = f"{self.count:02d}-{variant}-{screen}"
        self.written.append(snapshot(window, self.out / f"{name}.png"))
        self.faults += [f"{name}: {fault}" for fault in fit_check.faults(window)]

    def with_keyboard(self, window: KioskWindow, variant: str, edit: QWidget, screen: str) -> None:
        """A text field tapped: the screen as it is with the hosted keyboard up (the page
        keeps what is typed into in view), then the keyboard put away again."""
        window.activateWindow()
        edit.setFocus()
        wait_until(
            lambda: window.keyboard is not None and window.keyboard.isVisible(),
            self.timeout,
            "the keyboard",
        )
        self.shot(window, variant, screen)
        window.setFocus()  # focus off the field: the keyboard goes
        wait_until(lambda: window.keyboard is None or not window.keyboard.isVisible(),
                   self.timeout, "the keyboard to go")  # fmt: skip

    def run_variant(self, look: Look) -> None:
        with _stretched(look.stretched):
            self._run_variant(look)

    def _run_variant(self, look: Look) -> None:
        variant, language, elder = look.name, look.language, look.elder
        window = KioskWindow(self.terminal, orientation=look.orientation)
        window.resize(window.design_size)
        window.show()
        try:
            wait_until(window.isVisible, self.timeout, "the window")
            if look.stretched and not window.home.elder_button.text().endswith(FILLER):
                raise TourError("demo tour: the stretched look shows its strings unstretched")
            if language != "zh_CN":
                tap(window.home.language_button)
            if elder:
                tap(window.home.elder_button)
            self.shot(window, variant, "home")
            self.call_for_help(window, variant)
            self.take_ticket(window, variant)
            # A journey's end restores the default look: set the variant's again.
            restore_look(window, language, elder)
            self.ticket_by_item(window, variant)
            if window.terminal.cases is not None:
                restore_look(window, language, elder)
                self.submit_case(window, variant)
                self.journeys.social_security_case(window, variant)
                self.journeys.typed_identity(window, variant)
                company_case(self.journeys, window, variant)
                self.journeys.staff_card_sign_in(window, variant)
            self.journeys.check_in(window, variant)
            self.journeys.progress(window, variant)
            self.journeys.rating(window, variant)
            complaint(self.journeys, window, variant)
            if variant in ("portrait", "english"):
                self.journeys.card_left_behind(window, variant)
            if variant == "portrait":
                self.idle_warning(window, variant)
                self.printer_out(window, variant)
        finally:
            window.runner.wait()
            window.shut_down()
            window.deleteLater()
            settle()

    def call_for_help(self, window: KioskWindow, variant: str) -> None:
        """求助 from home: the hall's windows are told, the overlay says staff are coming."""
        helper = window.help
        if helper is None:
            return
        tap(helper.button)
        wait_until(lambda: helper.overlay.state is not HelpState.SENDING, self.timeout, "help")
        self.shot(window, variant, "help")
        counter = self.journeys.counter()  # a window's clerk answers: the overlay names them
        if counter is not None:
            for call in counter.help_calls():
                counter.answer_help_call(call.id, "W01")
            wait_until(
                lambda: helper.overlay.state is HelpState.ANSWERED, self.timeout, "the answer"
            )
            self.shot(window, variant, "help-answered")
        tap(helper.overlay.close_button)

    def take_ticket(self, window: KioskWindow, variant: str) -> None:
        journey = window.ticket
        tap(window.home.tiles["ticket"])
        wait_until(
            lambda: journey.currentWidget() is journey.choose_page, self.timeout, "categories"
        )
        self.shot(window, variant, "ticket-categories")
        tap(next(iter(journey.category_buttons.values())))
        wait_until(lambda: journey.currentWidget() is journey.ticket_page, self.timeout, "a ticket")
        self.shot(window, variant, "ticket-issued")
        self.keep_printed(journey.flow.outcome)
        tap(journey.done_button)
        wait_until(lambda: window.stack.currentWidget() is window.home, self.timeout, "home")

    def ticket_by_item(self, window: KioskWindow, variant: str) -> None:
        """取号 by item: the residence permit, found by its pinyin initials; its queue is
        real-name, so the sample card is placed. The first look gets the ticket; the same
        person then (and in every later look) meets the one-open-ticket refusal."""
        journey, page = window.ticket, window.ticket.choose_page
        tap(window.home.tiles["ticket"])
        wait_until(lambda: journey.currentWidget() is page, self.timeout, "the choice")
        if not page.mode_row.isVisible():
            window.end_session("finish")
            return  # no catalog: 取号 by category only
        tap(page.mode_buttons["item"])
        self.shot(window, variant, "ticket-items")
        page.search.setText("jzz")
        settle()
        self.shot(window, variant, "ticket-item-search")
        self.with_keyboard(window, variant, page.search, "ticket-item-search-keyboard")
        code = "QR00240001-990101-GA"
        reader = self.terminal.devices.sim_reader
        if code not in page.item_buttons or reader is None:
            window.end_session("finish")
            return
        # The demo camera shows a case receipt's QR, not an identity code: with it in view the
        # identity page would refuse that code at once. The citizen here uses the card.
        camera, self.terminal.devices.camera = self.terminal.devices.camera, None
        try:
            self._real_name_ticket(window, variant, code, reader)
        finally:
            self.terminal.devices.camera = camera

    def _real_name_ticket(
        self, window: KioskWindow, variant: str, code: str, reader: SimulatedReader
    ) -> None:
        if self._present_card(window, variant, code, reader, first=True):
            # The same person asks again: the hub's one-open-ticket refusal.
            language, elder = window.languages.current, window.session.elder_mode
            tap(window.ticket.done_button)
            wait_until(lambda: window.stack.currentWidget() is window.home, self.timeout, "home")
            wait_until(lambda: not self._card_on_reader(), self.timeout, "the card removed")
            restore_look(window, language, elder)
            tap(window.home.tiles["ticket"])
            wait_until(
                lambda: window.ticket.currentWidget() is window.ticket.choose_page,
                self.timeout,
                "the choice",
            )
            tap(window.ticket.choose_page.mode_buttons["item"])
            self._present_card(window, variant, code, reader, first=False)
        window.end_session("finish")

    def _present_card(
        self, window: KioskWindow, variant: str, code: str, reader: SimulatedReader, *, first: bool
    ) -> bool:
        """Tap the item, place the card; True when a ticket was issued (else a refusal)."""
        journey = window.ticket
        tap(journey.choose_page.item_buttons[code])
        wait_until(lambda: journey.currentWidget() is journey.identify_page, 5, "identity")
        if first:
            self.shot(window, variant, "ticket-identify")
        self.terminal.devices.place_sample_card()
        wait_until(
            lambda: journey.currentWidget() in (journey.ticket_page, journey.failed_page),
            self.timeout,
            "the ticket or the refusal",
        )
        reader.remove_card()
        if journey.currentWidget() is journey.failed_page:
            self.shot(window, variant, "ticket-refused")
            return False
        self.shot(window, variant, "ticket-by-item")
        self.keep_printed(journey.flow.outcome)
        return True

    def _card_on_reader(self) -> bool:
        from drivers.idcard import CardRemoved

        monitor = self.terminal.devices.id_monitor
        if monitor is None:
            return False
        seen: list[object] = []
        monitor.subscribe(seen.append)()  # replays the reader's current state, then stops
        return not any(isinstance(event, CardRemoved) for event in seen)

    def keep_printed(self, outcome: TicketOutcome | None) -> None:
        if outcome is not None and outcome.paper_png is not None:
            printed = self.out / outcome.paper_png.name
            if outcome.paper_png.resolve() != printed.resolve():
                shutil.copyfile(outcome.paper_png, printed)
            self.written.append(printed)

    def submit_case(self, window: KioskWindow, variant: str) -> None:
        """办件: the residence permit, from the item list to the printed receipt."""
        journey = window.case
        code = "QR00240001-990101-GA"
        tap(window.home.tiles["case"])
        wait_until(lambda: journey.current_page() is journey.find_page, self.timeout, "items")
        tap(journey.find_page.event_buttons["居住"])
        self.shot(window, variant, "case-find")
        journey.find_page.search.setText("jzz")  # pinyin initials, as the placeholder suggests
        self.with_keyboard(window, variant, journey.find_page.search, "case-find-keyboard")
        tap(journey.find_page.result_buttons[code])
        self.shot(window, variant, "case-guide")
        tap(journey.guide_page.apply)  # type: ignore[arg-type]
        self.shot(window, variant, "case-identify")
        reader = self.terminal.devices.sim_reader
        if reader is None:
            window.end_session("finish")
            return
        self.terminal.devices.place_sample_card()
        wait_until(lambda: journey.form_view is not None, self.timeout, "the form")
        reader.remove_card()
        view = journey.form_view
        assert view is not None
        view.set_values(
            {
                "residence_address": "示例区幸福路8号3栋201",
                "residence_since": "20250301",
                "reason": "就业",
                "family": [
                    {
                        "name": "王小二",
                        "relation": "子女",
                        "id_number": "110105201501010017",
                        "birth_date": "20150101",
                    }
                ],
            }
        )
        self.shot(window, variant, "case-form")
        address = view.fields["residence_address"]
        assert isinstance(address, LineField)
        self.with_keyboard(window, variant, address.edit, "case-form-keyboard")
        family, phone = view.fields["family"], view.fields["phone"]
        assert isinstance(family, GroupField)
        for _screen in range(view.screen_count):  # screen by screen, as the citizen goes
            if phone in view.shown():
                break
            if family in view.shown():
                self.shot(window, variant, "case-form-family")
                tap(family.edit_buttons[0])
                self.shot(window, variant, "case-form-member")
                while view.row is not None:  # the member's screens, back to the list
                    tap(journey.form_next)  # type: ignore[arg-type]
            tap(journey.form_next)  # type: ignore[arg-type]
        tap(journey.form_next)  # type: ignore[arg-type]
        self.shot(window, variant, "case-form-check")  # the phone is missing: said next to it
        view.set_values({"phone": "13800001234"})
        tap(journey.form_next)  # type: ignore[arg-type]
        materials = journey.materials_page
        for material in ("id_card", "residence_proof"):
            tap(materials.capture_buttons[material])
            tap(materials.shoot)
            wait_until(lambda: materials.done.isEnabled(), self.timeout, "a captured page")
            if material == "id_card":
                wait_until(lambda: materials.preview.pixmap() is not None, self.timeout, "preview")
                self.shot(window, variant, "case-capture")
            tap(materials.done)
            wait_until(lambda: not materials.panel.isVisible(), self.timeout, "the material")
        tap(materials.bring_buttons["photo"])
        self.shot(window, variant, "case-materials")
        tap(materials.next)  # type: ignore[arg-type]
        tap(journey.delivery_page.method_buttons[_ems()])
        # 居住证: a typed address by default (its applicants live away from the card's).
        journey.delivery_page.address_edit.setText("示例区幸福路8号3栋201")
        self.shot(window, variant, "case-delivery")
        typed = journey.delivery_page.address_edit
        self.with_keyboard(window, variant, typed, "case-delivery-keyboard")
        tap(journey.delivery_page.next)
        self.shot(window, variant, "case-delivery-phone")
        tap(journey.delivery_page.next)
        self.shot(window, variant, "case-review")
        tap(journey.review_page.submit)  # type: ignore[arg-type]
        wait_until(lambda: journey.receipt is not None, self.timeout, "the receipt")
        self.shot(window, variant, "case-receipt")
        receipt = journey.receipt
        assert receipt is not None
        png = journey.printer.printed_dir / f"receipt-{receipt.number}.png"
        if png.exists():
            target = self.out / png.name
            if png.resolve() != target.resolve():
                shutil.copyfile(png, target)
            self.written.append(target)
        self.journeys.rate_from_receipt(window, variant)

    def idle_warning(self, window: KioskWindow, variant: str) -> None:
        tap(window.home.tiles["ticket"])
        window.idle.set_timeout(0.2)
        window.idle.arm()
        wait_until(window.overlay.isVisible, self.timeout, "the idle warning")
        self.shot(window, variant, "idle-warning")
        window.end_session("finish")

    def printer_out(self, window: KioskWindow, variant: str) -> None:
        """How home tells citizens that the printer is out of paper (the demo pretends it is)."""
        board = self.terminal.devices.board
        before = board.get("printer")
        board.report(DeviceHealth("printer", HealthState.DOWN, "paper_out"))
        tile = window.home.tiles["ticket"]
        wait_until(tile.notice.isVisible, self.timeout, "the paper-out notice")
        self.shot(window, variant, "home-printer-out")
        board.report(before)
        wait_until(lambda: not tile.notice.isVisible(), self.timeout, "the notice to go")


def restore_look(window: KioskWindow, language: str, elder: bool) -> None:
    if window.languages.current != language:
        tap(window.home.language_button)
    if window.session.elder_mode != elder:
        tap(window.home.elder_button)


def run_tour(terminal: Terminal, out: Path, timeout: float = 30.0) -> list[Path]:
    application()
    tour = _Tour(terminal, out, timeout)
    try:
        for look in VARIANTS:
            tour.run_variant(look)
    finally:
        tour.journeys.close()
    faults = out / LAYOUT_FAULTS
    faults.write_text("".join(f"{fault}\n" for fault in tour.faults), encoding="utf-8")
    return [*tour.written, faults]


@contextmanager
def _stretched(on: bool) -> Iterator[None]:
    """Every string 40% longer while the look is toured (installed before its window is built,
    so that every screen is built with it)."""
    app = QCoreApplication.instance()
    if not on or app is None:
        yield
        return
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        yield
    finally:
        app.removeTranslator(stretch)


def _ems() -> DeliveryMethod:
    return DeliveryMethod.EMS
