"""``kiosk demo --mode counter --tour OUTDIR``: a clerk's morning at the desk, headless, with a
screenshot of every counter and rating-pad screen.

The simulated hall has citizens waiting; the sample all-rounder clerk (S001, sample PIN) signs
in, calls through the morning and opens each side form; the rating pad beside the desk shows
who serves, asks for a rating and thanks the citizen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from contract import models as m
from kiosk.app import Terminal
from kiosk.counter.simulated_hall import SimulatedHall
from kiosk.notices import notice_layout
from ui.app import equip_counter_window
from ui.counter.notice_pdf import render_notice_pdf
from ui.counter.rating_pad import RatingPad
from ui.counter.window import CounterWindow
from ui.tour import pause, snapshot, wait_until

SAMPLE_CLERK, SAMPLE_PIN = "S001", "246810"  # config/catalog/staff.toml


def run_counter_tour(terminal: Terminal, hall: SimulatedHall, out: Path) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    desk = terminal.counter
    assert desk is not None
    name = terminal.settings.terminal.hall_name
    window, pad = CounterWindow(desk, name), RatingPad(desk, name)
    equip_counter_window(window, terminal)
    window.attach_pad(pad)
    window.resize(1920, 1080)
    pad.resize(1280, 800)
    window.show()
    pad.show()
    written: list[Path] = []

    def shot(widget: QWidget, stem: str) -> None:
        pause(0.3)
        written.append(snapshot(widget, out / f"{stem}.png"))

    hall.morning(10)
    window.start()
    wait_until(
        lambda: window.sign_in_page.title.text() != f"{desk.counter_code} · 工作人员登录", 20, "hub"
    )
    shot(window, "counter-01-sign-in")
    window.sign_in_page.staff_no.setText(SAMPLE_CLERK)
    window.sign_in_page.pin.setText(SAMPLE_PIN)
    window.sign_in_page.button.click()
    wait_until(lambda: window.pages.currentWidget() is window.desk_page, 20, "sign-in")
    wait_until(lambda: window.waiting.rowCount() > 0, 20, "the waiting list")
    shot(window, "counter-02-desk-waiting")
    shot(pad, "rating-pad-01-welcome")
    written += help_calls_tour(window, hall, out)

    def press(action: str) -> None:
        window.trigger(action)
        wait_until(lambda: not window.busy, 20, action)

    press("call_next")
    wait_until(lambda: window.current is not None, 20, "a call")
    shot(window, "counter-03-called")
    press("start")
    shot(window, "counter-04-serving")
    shot(pad, "rating-pad-02-serving")
    forms: list[tuple[str, QWidget, str]] = [
        ("transfer", window.transfer_form, "counter-05-transfer"),
        ("finish", window.finish_form, "counter-06-finish"),
    ]
    for action, form, stem in forms:
        window.trigger(action)
        wait_until(showing(window, form), 20, action)
        shot(window, stem)
        window.show_lists()
    window.trigger("finish")
    window.finish_form.buttons[0].click()
    window.finish_form.ok.click()
    wait_until(lambda: pad.pages.currentWidget() is pad.rate_page, 20, "the rating question")
    shot(pad, "rating-pad-03-question")
    pad.picker.level_buttons[m.Rating.UNSATISFIED].click()
    shot(pad, "rating-pad-04-reasons")
    pad.picker.reason_buttons[m.BadReason.LONG_WAIT].click()
    pad.submit.click()
    wait_until(lambda: pad.pages.currentWidget() is pad.thanks_page, 20, "the thanks")
    shot(pad, "rating-pad-05-thanks")
    written += workbench_tour(window, hall, out)
    window.show_desk()
    window.trigger("call_number")
    shot(window, "counter-07-call-number")
    window.show_lists()
    window.trigger("queues")
    wait_until(lambda: window.side.currentWidget() is window.queues_form, 20, "the queues form")
    shot(window, "counter-08-queues")
    window.show_lists()
    window.trigger("pause")
    shot(window, "counter-09-pause")
    window.pause_form.buttons[1].click()
    window.pause_form.ok.click()
    wait_until(lambda: window.state_label.text().startswith("暂停服务"), 20, "the pause")
    shot(window, "counter-10-paused")
    window.refresh_timer.stop()
    window.help_calls.stop()
    window.close()
    pad.close()
    return written


def help_calls_tour(window: CounterWindow, hall: SimulatedHall, out: Path) -> list[Path]:
    """求助: a citizen at the hall's kiosk asks for help; the strip over the desk shows it, the
    clerk answers (前往协助) and it goes."""
    bar = window.help_calls
    hall.ask_for_help("case")
    bar.refresh()
    wait_until(lambda: bool(bar.answer_buttons), 20, "the call for help")
    pause(0.3)
    written = [snapshot(window, out / "help-calls-01-desk.png")]
    next(iter(bar.answer_buttons.values())).click()
    wait_until(lambda: not bar.calls and bool(bar.message.text()), 20, "the answer")
    pause(0.3)
    written.append(snapshot(window, out / "help-calls-02-answered.png"))
    return written


def workbench_tour(window: CounterWindow, hall: SimulatedHall, out: Path) -> list[Path]:
    """The acceptance workbench: the 预审 queue, a case with its material's page, the 补正 and
    不予受理 forms, the accepted case, the clerk's own cases."""
    written: list[Path] = []
    notices: list[m.Notice] = []
    window.notice_printer = notices.append  # the terminal's printer is not part of the tour
    bench = window.workbench

    def shot(stem: str) -> None:
        pause(0.3)
        written.append(snapshot(window, out / f"{stem}.png"))

    hall.community_cases(2)
    window.open_workbench()
    bench.show_list("prereview")
    wait_until(lambda: bench.table.rowCount() == 2, 20, "the pre-review queue")
    shot("workbench-01-prereview")
    bench.table.cellDoubleClicked.emit(0, 0)
    wait_until(lambda: bench.case is not None and bench.viewer.pages > 0, 20, "the case")
    shot("workbench-02-case")
    bench.all_ok_button.click()
    wait_until(lambda: "✓" in bench.materials.item(0).text(), 20, "the review")
    bench.supplement_button.click()
    shot("workbench-03-supplement")
    bench.supplement_form.cancel.click()
    bench.reject_button.click()
    shot("workbench-04-reject")
    bench.reject_form.cancel.click()
    bench.accept_button.click()
    wait_until(lambda: bool(notices), 20, "the acceptance")
    shot("workbench-05-accepted")
    bench.finish_button.click()
    shot("workbench-06-finish")
    bench.finish_form.ok.click()
    wait_until(lambda: bench.deliver_button.isEnabled(), 20, "the finish")
    bench.deliver_button.click()
    shot("workbench-07-deliver")
    bench.deliver_form.cancel.click()
    bench.show_list("mine")
    wait_until(lambda: bench.table.rowCount() == 1, 20, "my cases")
    shot("workbench-08-my-cases")
    bench.show_list("prereview")  # the other case: sent back for 补正; then one refused
    wait_until(lambda: bench.table.rowCount() == 1, 20, "the pre-review queue")
    bench.table.cellDoubleClicked.emit(0, 0)
    wait_until(
        lambda: bench.case is not None and bench.case.state is m.CaseState.SUBMITTED, 20, "case"
    )
    bench.supplement_button.click()
    for box, reason, _spec in bench.supplement_form.boxes:
        box.setChecked(True)
        reason.setText("复印件不清晰")
    bench.supplement_form.ok.click()
    wait_until(lambda: len(notices) == 2, 20, "the supplement")
    kiosk_case = hall.one_more_case()
    window.open_workbench(kiosk_case.case_number)
    wait_until(
        lambda: bench.case is not None and bench.case.case_id == kiosk_case.case_id, 20, "case"
    )
    bench.reject_button.click()
    bench.reject_form.ok.click()
    wait_until(lambda: len(notices) == 3, 20, "the rejection")
    window.start_walk_in()  # 窗口收件: the kiosk's case journey at the window
    walk_in = window.walk_in
    assert walk_in is not None
    wait_until(lambda: walk_in.journey.find_page.isVisible(), 20, "the items")
    shot("workbench-09-walk-in")
    walk_in.leave_button.click()
    hall_name = window.hall_name
    for notice in notices:
        pdf = render_notice_pdf(notice_layout(notice, hall_name))
        stem = f"notice-{notice.kind.value}"
        (out / f"{stem}.pdf").write_bytes(pdf)
        written.append(out / f"{stem}.pdf")
        written.append(pdf_page_png(pdf, out / f"{stem}.png"))
    return written


def pdf_page_png(pdf: bytes, path: Path) -> Path:
    """The notice's first page as the clerk would see it printed (150 dpi)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    image = document.render(0, QSize(int(size.width() * 150 / 72), int(size.height() * 150 / 72)))
    image.save(str(path))
    document.close()
    return path


def showing(window: CounterWindow, form: QWidget) -> Callable[[], bool]:
    return lambda: window.side.currentWidget() is form
