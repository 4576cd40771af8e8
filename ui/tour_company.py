"""The demo tour's part for a company's case (法人): the food business licence, its agent
identified by the demo card, the company's code typed wrong and then read from the licence's
QR, its name and legal representative typed, the form that names them, and the materials the
company's case needs (its authorisation letter). A fictional company only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.screens.case_company import NAME_FIELD, REPRESENTATIVE_FIELD, CompanyScreen

if TYPE_CHECKING:
    from ui.main_window import KioskWindow
    from ui.tour_journeys import JourneyTour

FOOD = "XK00405003-990101-SJ"  # 食品经营许可: companies only
USCC = "91320102MA1N8UJK25"  # a made-up company's code (its check character right)
LICENCE_QR = f"https://www.gsxt.gov.cn/index.html?uniscid={USCC}"


def company_case(tour: JourneyTour, window: KioskWindow, variant: str) -> None:
    devices = tour.terminal.devices
    if devices.sim_reader is None:
        return
    devices.show_to_camera(LICENCE_QR)  # the licence, held up when 扫描 is tapped
    tour.look(window, variant)
    journey = window.case
    tour.tap(window.home.tiles["case"])
    tour.wait(lambda: journey.current_page() is journey.find_page, "items")
    english = window.languages.current == "en"
    journey.find_page.search.setText("food" if english else "食品经营")
    tour.wait(lambda: FOOD in journey.find_page.result_buttons, "the food licence")
    tour.tap(journey.find_page.result_buttons[FOOD])
    tour.tap(journey.guide_page.apply)
    devices.place_sample_card()  # the agent's own card
    page = journey.company_page
    tour.wait(lambda: journey.current_page() is page, "the company page")
    tour.take_card_away()
    tour.shot(window, variant, "case-company")
    page.code_edit.setText(USCC[:-1] + "6")  # one character mistyped
    tour.tap(page.next)
    tour.keyboard(window, variant, page.code_edit, "case-company-code-wrong")
    tour.tap(page.scan_button)
    tour.wait(lambda: page.shown_screen is CompanyScreen.NAMES, "the licence's code")
    names = page.names
    assert names is not None
    names.set_values({NAME_FIELD: "示例餐饮管理有限公司", REPRESENTATIVE_FIELD: "王大明"})
    tour.shot(window, variant, "case-company-names")
    tour.tap(page.next)
    tour.wait(lambda: journey.form_view is not None, "the form")
    view = journey.form_view
    assert view is not None
    view.set_values({"main_format": "热食类食品制售", "phone": "13800001234"})
    tour.shot(window, variant, "case-company-form")
    while journey.current_page() is journey.form_page:
        tour.tap(journey.form_next)
    tour.shot(window, variant, "case-company-materials")  # the authorisation letter needed
    window.end_session("finish")
