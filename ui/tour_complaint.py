"""The demo tour's part for 投诉建议: a complaint about a window, written on the on-screen
keyboard, a number left with consent, the reference and its slip; then that reference typed in
进度查询. Fictional words and number only."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import KioskWindow
    from ui.tour_journeys import JourneyTour

PHONE = "13800001234"  # a fictional number


def complaint(tour: JourneyTour, window: KioskWindow, variant: str) -> None:
    if window.terminal.complaints is None:
        return
    tour.terminal.devices.show_to_camera(None)  # nothing held up to the scanner
    tour.look(window, variant)
    journey = window.complaint
    about = journey.about_page
    tour.tap(window.home.tiles["complaint"])
    tour.wait(lambda: journey.currentWidget() is about, "the complaint page")
    tour.tap(about.kind_buttons["complaint"])
    tour.tap(about.about_buttons["window"])
    tour.wait(lambda: bool(about.list_buttons), "the hall's windows")
    tour.tap(next(iter(about.list_buttons.values())))
    tour.shot(window, variant, "complaint-about")
    tour.tap(about.about_buttons["item"])
    about.search.setText("jzz" if window.languages.current != "en" else "residence")
    tour.keyboard(window, variant, about.search, "complaint-item-keyboard")
    tour.tap(about.about_buttons["window"])
    tour.tap(next(iter(about.list_buttons.values())))
    tour.tap(about.next_button)
    page = journey.write_page
    tour.wait(lambda: journey.currentWidget() is page, "the text page")
    english = window.languages.current == "en"
    page.text_edit.setPlainText(
        "The clerk left the window for 40 minutes at noon while people were waiting."
        if english
        else "中午12点到12点40分，窗口无人，排队的人很多，希望安排轮岗。"
    )
    tour.shot(window, variant, "complaint-text")
    tour.keyboard(window, variant, page.text_edit, "complaint-text-keyboard")
    tour.tap(page.next_button)
    contact = journey.contact_page
    tour.wait(lambda: journey.currentWidget() is contact, "the phone page")
    tour.shot(window, variant, "complaint-consent")
    tour.tap(contact.consent_buttons["yes"])
    for digit in PHONE:
        tour.tap(contact.keypad.keys[digit])
    tour.shot(window, variant, "complaint-phone")
    tour.tap(contact.submit_button)
    sent = journey.sent_page
    tour.wait(lambda: journey.currentWidget() is sent, "the reference")
    tour.shot(window, variant, "complaint-sent")
    reference = sent.reference_label.text()
    tour.tap(sent.done_button)
    if variant not in ("portrait", "english", "landscape"):
        return
    # The reference typed in 进度查询: 查投诉建议, then the digits after TS.
    tour.look(window, variant)
    progress = window.progress
    tour.tap(window.home.tiles["progress"])
    tour.wait(lambda: progress.currentWidget() is progress.collect_page, "the progress page")
    tour.tap(progress.kind_buttons["complaint"])
    for digit in reference.removeprefix("TS"):
        tour.tap(progress.keypad.keys[digit])
    tour.shot(window, variant, "progress-complaint-typed")
    tour.tap(progress.search_button)
    tour.wait(lambda: progress.currentWidget() is progress.status_page, "the complaint's status")
    tour.shot(window, variant, "progress-complaint")
    window.end_session("finish")
