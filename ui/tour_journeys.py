"""The demo tour's part for 预约签到, 进度查询 and 好差评 (seed the embedded hub, tap through),
and for the card paths of 办件: the social security card as identity, the staff card sign-in.

The demo runs over the embedded hub, whose admin token sits in its data folder: the tour uses
it to register a counter terminal that plays the window staff (serving a ticket, moving a case
through its life cycle), so every screen shows real data from the hub. Fictional people only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from contract import models as m
from contract.idnumber import check_character
from drivers.idcard.document import CardType, IdDocument
from kiosk.api.client import HubClient, new_idempotency_key
from kiosk.api.errors import HubRejected
from kiosk.app import Terminal
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from ui.screens.case_screen import CaseJourney

logger = logging.getLogger(__name__)

ITEM = "GG00123001-990101-RS"
ELDERLY = "GG00618002-990101-MZ"  # 老年人优待证: the social security card part
DEMO_STAFF_PIN = "246810"  # worker S0001's PIN in config/community.toml (sample data)
PDF = b"%PDF-1.4 demo page\n"

Shot = Callable[[KioskWindow, str, str], None]
Wait = Callable[[Callable[[], bool], str], None]
Tap = Callable[[Any], None]
Keyboard = Callable[[KioskWindow, str, QWidget, str], None]  # window, look, field, screen name


def fictional_id(seq: int) -> str:
    first17 = f"11010519491231{seq % 1000:03d}"  # a real birth date; seq is the order code
    return first17 + check_character(first17)


class JourneyTour:
    def __init__(
        self, terminal: Terminal, shot: Shot, wait: Wait, tap: Tap, keyboard: Keyboard
    ) -> None:
        self.terminal = terminal
        self.shot = shot
        self.wait = wait
        self.tap = tap
        self.keyboard = keyboard  # the page shot with the on-screen keyboard up for a field
        self._counter: HubClient | None = None
        self._people = 0

    def close(self) -> None:
        if self._counter is not None:
            self._counter.close()

    # -- staff, played by a counter terminal registered with the embedded hub's admin token

    def counter(self) -> HubClient | None:
        if self._counter is None:
            import requests

            token_file = Path(self.terminal.data_dir) / "hub" / "admin-token"
            if not token_file.exists():
                return None  # not the embedded hub: no staff to play
            base = self.terminal.client.base_url
            answer = requests.post(
                f"{base}{m.API_PREFIX}/terminals",
                json={"terminal_id": "tour-counter", "mode": "counter"},
                headers={"Authorization": f"Bearer {token_file.read_text().strip()}"},
                timeout=10,
            )
            answer.raise_for_status()
            self._counter = HubClient(base, token=answer.json()["token"])
            # The sample hall's all-rounder clerk (config/catalog/staff.toml) works W01.
            self._counter.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
        return self._counter

    def look(self, window: KioskWindow, variant: str) -> None:
        """A finished session returns to the default look: put the variant's back on."""
        if variant == "english" and window.languages.current != "en":
            self.tap(window.home.language_button)
        if variant == "elder" and not window.session.elder_mode:
            self.tap(window.home.elder_button)

    def _camera(self, text: str | None) -> None:
        """What the camera sees from now on (a phone held up, or nothing)."""
        self.terminal.devices.show_to_camera(text)

    def take_card_away(self) -> None:
        """Remove the demo card and wait until the monitor has seen it go, so that the next
        screen is not handed the last card as the reader's current state."""
        from drivers.idcard import CardRemoved

        devices = self.terminal.devices
        if devices.sim_reader is None or devices.id_monitor is None:
            return
        gone: list[object] = []
        unsubscribe = devices.id_monitor.subscribe(
            lambda event: gone.append(event) if isinstance(event, CardRemoved) else None
        )
        try:
            devices.sim_reader.remove_card()
            self.wait(lambda: bool(gone), "the card to be removed")
        finally:
            unsubscribe()

    # -- 预约签到

    def check_in(self, window: KioskWindow, variant: str) -> None:
        self._people += 1
        person = fictional_id(self._people)
        client = self.terminal.client
        today = client.queues()[0].service_date  # the hall's date, in the hall's time zone
        try:
            client.book_appointment(
                m.AppointmentBook(
                    category_code="general",
                    id_number=person,
                    slot_date=today,
                    slot_start="09:00",
                )
            )
        except HubRejected as exc:  # a weekend or holiday: the tour shows the refusal instead
            logger.info("demo tour: no appointment today (%s)", exc.code)
        self._camera(None)
        self.look(window, variant)
        journey = window.checkin
        self.tap(window.home.tiles["checkin"])
        self.wait(lambda: journey.currentWidget() is journey.wait_page, "the check-in page")
        self.shot(window, variant, "checkin-waiting")
        reader = self.terminal.devices.sim_reader
        if reader is None:
            window.end_session("finish")
            return
        self.terminal.devices.place_sample_card(id_number=person)
        self.wait(
            lambda: journey.currentWidget() in (journey.ticket_page, journey.refused_page),
            "the check-in outcome",
        )
        self.shot(window, variant, "checkin-ticket")
        self.take_card_away()
        if variant == "portrait":  # the same card again: checked in already
            window.end_session("finish")
            self.tap(window.home.tiles["checkin"])
            self.terminal.devices.place_sample_card(id_number=person)
            self.wait(lambda: journey.currentWidget() is journey.refused_page, "a refusal")
            self.shot(window, variant, "checkin-already-checked-in")
            self.take_card_away()
        window.end_session("finish")

    # -- 进度查询

    def progress(self, window: KioskWindow, variant: str) -> None:
        counter = self.counter()
        if counter is None:
            return
        card_id = fictional_id(500 + self._people)
        receipt = self._case(card_id, counter)
        self._camera(None)
        self.look(window, variant)
        journey = window.progress
        self.tap(window.home.tiles["progress"])
        self.wait(lambda: journey.currentWidget() is journey.collect_page, "the progress page")
        self.shot(window, variant, "progress-entry")
        # A wrong proof first: one plain answer, whatever was wrong, and the way to try again.
        journey.type_into(journey.case_field)
        for key in receipt.case_number.removeprefix("YM"):
            self.tap(journey.keypad.keys[key])
        journey.type_into(journey.last6_field)
        for key in "000000":
            self.tap(journey.keypad.keys[key])
        self.tap(journey.search_button)
        self.wait(lambda: journey.currentWidget() is journey.refused_page, "the refusal")
        self.shot(window, variant, "progress-not-found")
        self.tap(journey.retry_button)
        self.wait(lambda: journey.currentWidget() is journey.collect_page, "the progress page")
        journey.type_into(journey.case_field)
        for key in receipt.case_number.removeprefix("YM"):
            self.tap(journey.keypad.keys[key])
        journey.type_into(journey.last6_field)
        for key in card_id[-6:]:
            self.tap(journey.keypad.keys[key])
        self.shot(window, variant, "progress-typed")
        self.tap(journey.search_button)
        self.wait(lambda: journey.currentWidget() is journey.status_page, "the timeline")
        self.shot(window, variant, "progress-timeline")
        window.end_session("finish")
        self.progress_by_card(window, variant, card_id, counter)

    def card_left_behind(self, window: KioskWindow, variant: str) -> None:
        """A session ends with a card on the reader: home asks for it to be taken."""
        reader, monitor = self.terminal.devices.sim_reader, self.terminal.devices.id_monitor
        if reader is None or monitor is None:
            return
        from drivers.idcard import CardRead

        self.look(window, variant)
        self.terminal.devices.place_sample_card()
        self.wait(lambda: isinstance(monitor.card_events.state, CardRead), "the card to be read")
        window.end_session("idle")
        self.look(window, variant)
        self.wait(window.home.card_notice.isVisible, "the card notice")
        self.shot(window, variant, "home-card-left-behind")
        self.take_card_away()
        self.wait(lambda: not window.home.card_notice.isVisible(), "the notice to go")

    def progress_by_card(
        self, window: KioskWindow, variant: str, card_id: str, counter: HubClient
    ) -> None:
        """The card alone: the citizen's cases to choose from (a second one submitted first)."""
        reader = self.terminal.devices.sim_reader
        if reader is None or variant not in ("portrait", "english", "landscape"):
            return
        self._case(card_id, counter)
        self.look(window, variant)
        journey = window.progress
        self.tap(window.home.tiles["progress"])
        self.wait(lambda: journey.currentWidget() is journey.collect_page, "the progress page")
        self.terminal.devices.place_sample_card(id_number=card_id)
        self.wait(lambda: journey.currentWidget() is journey.list_page, "the list of cases")
        self.take_card_away()
        self.shot(window, variant, "progress-own-cases")
        self.tap(journey.case_buttons[-1])
        self.wait(lambda: journey.currentWidget() is journey.status_page, "the timeline")
        self.shot(window, variant, "progress-own-case-timeline")
        window.end_session("finish")

    def _case(
        self, id_number: str, counter: HubClient, receipt_code: str | None = None
    ) -> m.CaseReceipt:
        client = self.terminal.client
        request = m.CaseCreate(
            item_code=ITEM,
            applicant=m.Person(name="张示例", id_number=id_number),
            form={"phone": "13800000000", "grade": "500元"},
            materials=[
                m.MaterialDeclaration(
                    code="id_card",
                    name="居民身份证",
                    sha256=hashlib.sha256(PDF).hexdigest(),
                    size=len(PDF),
                )
            ],
            delivery=m.DeliveryMethod.ELECTRONIC,
            receipt_code=receipt_code,
        )
        receipt = client.create_case(request, idempotency_key=new_idempotency_key())
        client.upload_material(receipt.case_id, "id_card", PDF)
        a = m.CaseAction
        steps = (
            m.CaseTransition(
                action=a.REQUEST_SUPPLEMENT,
                reason="缴费档次证明不清晰",
                materials=["缴费档次确认书"],
                deadline=date.today() + timedelta(days=10),
            ),
            m.CaseTransition(action=a.SUPPLEMENT),
            m.CaseTransition(action=a.ACCEPT),
            m.CaseTransition(action=a.FINISH, result_code="approved", certificate_number="CB-1"),
            m.CaseTransition(action=a.DELIVER, delivery=m.DeliveryMethod.EMS, waybill="EA1CN"),
        )
        for step in steps:
            counter.transition_case(receipt.case_id, step)
        return receipt

    # -- 好差评

    def rating(self, window: KioskWindow, variant: str) -> None:
        counter = self.counter()
        if counter is None:
            return
        client = self.terminal.client
        ticket = client.issue_ticket(m.TicketIssueRequest(category_code="general"))
        code = "W01"
        counter.call_number(code, ticket.number, "演示：为评价准备一次办结")
        counter.ticket_action(code, ticket.ticket_id, m.TicketAction.START)
        done = m.FinishRequest(outcome=m.ServiceOutcome.DONE)
        counter.finish_ticket(code, ticket.ticket_id, done)
        self._camera(None)
        self.look(window, variant)
        journey = window.rating
        self.tap(window.home.tiles["rating"])
        self.wait(lambda: journey.currentWidget() is journey.scan_page, "the scanning page")
        self.shot(window, variant, "rating-scan")
        window.end_session("finish")
        self._camera(ticket.follow_url)  # the slip held up to the scanner window
        self.look(window, variant)  # (a new look builds new screens)
        journey = window.rating
        self.tap(window.home.tiles["rating"])
        self.wait(lambda: journey.currentWidget() is journey.rate_page, "the rating page")
        self.shot(window, variant, "rating-levels")
        self.tap(journey.picker.level_buttons[m.Rating.UNSATISFIED])
        self.tap(journey.picker.reason_buttons[m.BadReason.LONG_WAIT])
        self.shot(window, variant, "rating-reasons")
        english = window.languages.current == "en"
        comment = "A long wait after my number was called" if english else "叫号后等了很久"
        journey.comment_field.setText(comment)
        self.keyboard(window, variant, journey.comment_field, "rating-comment-keyboard")
        self.tap(journey.submit_button)
        self.wait(lambda: journey.currentWidget() is journey.thanks_page, "the thanks page")
        self.shot(window, variant, "rating-thanks")
        window.end_session("finish")
        self.rate_case(window, variant)
        self._camera(None)

    def rate_from_receipt(self, window: KioskWindow, variant: str) -> None:
        """评价本次服务 on the receipt just shown: the case journey ends, and the rating page
        for that case opens with nothing chosen."""
        journey, rating = window.case, window.rating
        self.tap(journey.receipt_page.rate)
        self.wait(lambda: rating.currentWidget() is rating.rate_page, "the rating from a receipt")
        self.shot(window, variant, "case-receipt-rating")
        window.end_session("finish")

    def rate_case(self, window: KioskWindow, variant: str) -> None:
        """From home, the QR of a case receipt (as the case journey prints it, with its code); and,
        in two looks, a provisional receipt another terminal printed while offline, and a
        receipt printed before receipts carried a code."""
        from contract.payloads import case_tracking_code, new_receipt_code

        counter = self.counter()
        if counter is None:
            return
        code = new_receipt_code()
        receipt = self._case(fictional_id(700 + self._people), counter, code)
        self._camera(case_tracking_code(receipt.case_number, code))
        self.look(window, variant)  # may rebuild the screens: take the journey after it
        journey = window.rating
        self.tap(window.home.tiles["rating"])
        self.wait(lambda: journey.currentWidget() is journey.rate_page, "the case rating page")
        self.tap(journey.picker.level_buttons[m.Rating.VERY_SATISFIED])
        self.shot(window, variant, "rating-case-receipt")
        self.tap(journey.submit_button)
        self.wait(lambda: journey.currentWidget() is journey.thanks_page, "the thanks page")
        window.end_session("finish")
        if variant not in ("portrait", "english"):
            return
        provisional = f"HALL-K09-{date.today():%Y%m%d}-0003"
        self._refused_receipt(window, variant, case_tracking_code(provisional, code), "provisional")
        # Printed before receipts carried a code: told it cannot be rated by scanning.
        old = case_tracking_code(receipt.case_number)
        self._refused_receipt(window, variant, old, "old-receipt")

    def _refused_receipt(self, window: KioskWindow, variant: str, qr: str, name: str) -> None:
        self._camera(qr)
        self.look(window, variant)
        journey = window.rating
        self.tap(window.home.tiles["rating"])
        self.wait(lambda: journey.currentWidget() is journey.refused_page, "a refusal")
        self.shot(window, variant, f"rating-case-{name}")
        window.end_session("finish")

    # -- 办件 without a card, with a social security card; the community worker's staff card

    def _apply_for_elderly_card(self, window: KioskWindow, variant: str) -> CaseJourney:
        """老年人优待证 applied for, up to the identity step (its guide allows a typed one)."""
        self.look(window, variant)
        journey = window.case
        self.tap(window.home.tiles["case"])
        self.wait(lambda: journey.current_page() is journey.find_page, "the items")
        self.tap(journey.find_page.event_buttons["养老"])
        self.tap(journey.find_page.result_buttons[ELDERLY])
        self.tap(journey.guide_page.apply)
        return journey

    def typed_identity(self, window: KioskWindow, variant: str) -> None:
        """An elderly citizen without a card types their name (keyboard), then their ID number
        (keypad), where the item allows it; their age brings the 大字模式 offer, taken in place."""
        if self.terminal.cases is None:
            return
        journey = self._apply_for_elderly_card(window, variant)
        page = journey.identify_page
        self.tap(page.manual_button)
        page.name_edit.setText("Wang Shili" if window.languages.current == "en" else "王示例")
        self.keyboard(window, variant, page.name_edit, "case-identify-typed-name-keyboard")
        self.tap(page.name_next)
        page.id_edit.setText(fictional_id(7))  # born in 1949
        self.shot(window, variant, "case-identify-typed-number")
        self.tap(page.manual_ok)
        self.wait(lambda: journey.form_view is not None, "the form")
        offer = window.elder_offer.button
        if not window.session.elder_mode:
            self.wait(offer.isVisible, "the large-type offer")
            self.shot(window, variant, "case-form-large-type-offer")
            self.tap(offer)
            self.wait(lambda: window.session.elder_mode, "large type")
            self.shot(window, variant, "case-form-large-type")
        window.end_session("finish")

    def social_security_case(self, window: KioskWindow, variant: str) -> None:
        """A bare card is told apart; the 社保卡 identifies; EMS asks for an address."""
        reader = self.terminal.devices.sim_reader
        if self.terminal.cases is None or reader is None:
            return
        journey = self._apply_for_elderly_card(window, variant)
        page = journey.identify_page
        self.terminal.devices.place_sample_card("staff")
        self.wait(lambda: bool(page.status.text()), "the bare-card message")
        self.shot(window, variant, "case-identify-bare-card")
        self.take_card_away()
        self.terminal.devices.place_sample_card("social_security")
        self.wait(lambda: journey.form_view is not None, "the form")
        self.take_card_away()
        self.shot(window, variant, "case-form-social-security")
        view = journey.form_view
        assert view is not None
        view.set_values({"phone": "13800001234"})
        for _screen in range(view.screen_count):  # a screen at a time
            self.tap(journey.form_next)
        materials = journey.materials_page
        for material in ("id_card", "photo"):
            self.tap(materials.capture_buttons[material])
            self.tap(materials.shoot)
            self.wait(lambda: materials.done.isEnabled(), "a captured page")
            self.tap(materials.done)
            self.wait(lambda: not materials.panel.isVisible(), "the material")
        self.tap(materials.next)
        delivery = journey.delivery_page
        self.tap(delivery.method_buttons[m.DeliveryMethod.EMS])
        self.shot(window, variant, "case-delivery-social-security")
        delivery.address_edit.setText("北京市朝阳区示例路9号2单元101")
        self.tap(delivery.next)  # the way, then the phone number
        self.tap(delivery.next)
        self.wait(lambda: journey.current_page() is journey.review_page, "the review")
        self.shot(window, variant, "case-review-social-security")
        window.end_session("finish")

    def staff_card_sign_in(self, window: KioskWindow, variant: str) -> None:
        """Community mode: the worker's staff card, then the PIN, then the card taken away."""
        cases, reader = self.terminal.cases, self.terminal.devices.sim_reader
        workers = self.terminal.settings.community.staff
        if cases is None or not cases.community or not workers or reader is None:
            return
        worker = workers[0]
        self.look(window, variant)
        journey = window.case
        page = journey.staff_page
        self.tap(window.home.tiles["case"])
        self.wait(lambda: journey.current_page() is journey.find_page, "the items")
        self.tap(journey.sign_in_button)
        self.shot(window, variant, "staff-sign-in")
        if worker.card_uid:
            reader.place_card(IdDocument(card_type=CardType.CARD_UID, card_uid=worker.card_uid))
        else:  # the worker signs in with their own ID card
            self.terminal.devices.place_sample_card(id_number=worker.id_number)
        self.wait(page.card_label.isVisible, "the card to be read")
        for key in DEMO_STAFF_PIN:
            self.tap(page.keypad.keys[key])
        self.shot(window, variant, "staff-card-pin")
        self.tap(page.ok)
        self.wait(lambda: page.ok.isHidden() or bool(page.error.text()), "the sign-in")
        self.shot(window, variant, "staff-card-signed-in")
        signed_in = page.ok.isHidden()  # waiting for the card to be taken away
        self.take_card_away()
        if signed_in:
            self.wait(lambda: journey.current_page() is journey.find_page, "the items")
            self.shot(window, variant, "staff-card-worker-bar")
            self.tap(journey.shift_button)
            self.tap(journey.shift_page.sign_out_button)
        window.end_session("finish")
