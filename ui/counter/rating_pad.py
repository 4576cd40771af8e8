"""The rating pad (评价器): the citizen's side of the window, on the counter PC's second screen.

While the clerk serves, it shows who serves (photo, name, staff number, window). When the
service is finished it asks for this service's rating: five levels, none pre-selected, reasons
for the bad ones, tied by the hub to the ticket, the clerk and the window, channel "4" (hall
tablet). The clerk's screen has no rating controls. When the citizen does not answer within the
hall's time, the pad records "not rated" (never a level) and goes back.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from contract import models as m
from kiosk.counter.pad import PadDesk
from kiosk.journeys.rating.flow import BAD_LEVELS
from ui.bridge import BackgroundRunner
from ui.widgets import make_button
from ui.widgets.rating_picker import RatingPicker

logger = logging.getLogger(__name__)

HALL_TABLET = "4"  # channel code of a hall tablet (好差评)
THANKS_MS = 4000
POLL_MS = 1500


class PadBackend(Protocol):
    """The hub work of a pad: kiosk.counter.desk.CounterDesk (a pad on the window's second
    screen) or kiosk.counter.pad.PadDesk (a pad terminal of its own)."""

    def rate(self, request: m.EvaluationCreate) -> m.EvaluationRecorded: ...

    def not_rated(self, ticket_id: str) -> None: ...

    def photo(self, staff_no: str) -> bytes: ...


class RatingPad(QWidget):
    def __init__(self, desk: PadBackend, hall_name: str = "") -> None:
        super().__init__()
        self.setObjectName("RatingPad")
        self.setWindowTitle(self.tr("一门通 评价器"))
        # The citizen's taps must not take the clerk's keyboard focus from the desk.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        self.desk = desk
        self.runner = BackgroundRunner(self)
        self.photos: dict[str, QPixmap] = {}
        self.ticket_id: str | None = None  # the service being rated
        self.level: m.Rating | None = None
        self.reasons: set[m.BadReason] = set()
        self.seconds_left = 0

        self.pages = QStackedWidget()
        self.hall = QLabel(hall_name)
        self.hall.setObjectName("Title")
        self.hall.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # who serves
        self.serving_page = QWidget()
        self.photo = QLabel()
        self.photo.setFixedSize(240, 300)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clerk = QLabel("")
        self.clerk.setObjectName("Title")
        self.clerk_details = QLabel("")
        self.clerk_details.setObjectName("Subtitle")
        self.status = QLabel("")
        self.status.setObjectName("Subtitle")
        self.status.setWordWrap(True)
        who = QVBoxLayout()
        for label in (self.clerk, self.clerk_details, self.status):
            who.addWidget(label)
        who.addStretch(1)
        row = QHBoxLayout(self.serving_page)
        row.addStretch(1)
        row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(40)
        row.addLayout(who)
        row.addStretch(1)

        # the question
        self.rate_page = QWidget()
        question = QLabel(self.tr("请您对本次服务作出评价"))
        question.setObjectName("Title")
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picker = RatingPicker(landscape=True)
        self.picker.level_tapped.connect(self._level)
        self.picker.reason_tapped.connect(self._reason)
        self.submit = make_button(self.tr("提交评价"), "Primary")
        self.submit.clicked.connect(self._submit)
        self.countdown = QLabel("")
        self.countdown.setObjectName("Subtitle")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ask = QVBoxLayout(self.rate_page)
        ask.addWidget(question)
        ask.addWidget(self.picker)
        ask.addWidget(self.submit)
        ask.addWidget(self.countdown)

        self.thanks_page = QLabel(self.tr("感谢您的评价！"))
        self.thanks_page.setObjectName("Title")
        self.thanks_page.setAlignment(Qt.AlignmentFlag.AlignCenter)

        for page in (self.serving_page, self.rate_page, self.thanks_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hall)
        layout.addWidget(self.pages, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.back = QTimer(self)
        self.back.setSingleShot(True)
        self.back.timeout.connect(self._back)
        self.show_window(None, None)

    # -- what the clerk's desk tells the pad

    def show_window(self, session: m.CounterSession | None, ticket: m.CounterTicket | None) -> None:
        """Who serves at the window now (from the desk after each answer and refresh)."""
        if self.pages.currentWidget() is not self.serving_page and self.ticket_id is not None:
            return  # the citizen is rating: the next citizen waits for the pad
        clerk = session.clerk if session else None
        if session is None or clerk is None:
            self.clerk.setText("")
            self.clerk_details.setText("")
            self.status.setText(self.tr("本窗口暂未开放"))
            self.photo.clear()
        else:
            self.clerk.setText(clerk.name)
            self.clerk_details.setText(
                self.tr("工号 {staff_no} · {window}").format(
                    staff_no=clerk.staff_no, window=session.counter_name
                )
            )
            if session.state is m.WindowState.PAUSED:
                self.status.setText(self.tr("暂停服务，请稍候"))
            elif ticket is not None:
                self.status.setText(self.tr("正在为 {number} 号办理").format(number=ticket.number))
            else:
                self.status.setText(self.tr("欢迎，请出示您的号码"))
            self._photo(clerk)
        self.pages.setCurrentWidget(self.serving_page)

    def ask(self, ticket: m.CounterTicket, timeout_seconds: int) -> None:
        """A service finished: ask for its rating, nothing pre-selected."""
        self.ticket_id = ticket.ticket_id
        self.level, self.reasons = None, set()
        self.picker.reset()
        self._show_choice()
        self.seconds_left = timeout_seconds
        self._show_countdown()
        self.hall.hide()  # the question needs the room
        self.pages.setCurrentWidget(self.rate_page)
        self.timer.start()

    # -- the hub's reload and restart (ui.remote_obey)

    def is_idle(self) -> bool:
        """On the waiting screen (who serves): no rating being asked, given or thanked for."""
        return self.pages.currentWidget() is self.serving_page and self.ticket_id is None

    def forget_photos(self) -> None:
        """The clerks' photos are read from the hub again when next shown (a reload)."""
        self.photos.clear()

    # -- the citizen's taps

    def _level(self, level: m.Rating) -> None:
        self.level = level
        if level not in BAD_LEVELS:
            self.reasons = set()
        self._show_choice()

    def _reason(self, reason: m.BadReason) -> None:
        self.reasons ^= {reason}
        self._show_choice()

    def _show_choice(self) -> None:
        bad = self.level in BAD_LEVELS
        self.picker.show_choice(self.level, self.reasons, needs_reasons=bad)
        self.submit.setEnabled(self.level is not None and (not bad or bool(self.reasons)))

    def _submit(self) -> None:
        if self.ticket_id is None or self.level is None:
            return
        self.timer.stop()
        request = m.EvaluationCreate(
            subject_type=m.SubjectType.TICKET,
            subject_id=self.ticket_id,
            rating=self.level,
            reasons=sorted(self.reasons),
            channel=HALL_TABLET,
        )
        self.submit.setEnabled(False)
        self.runner.run(lambda: self.desk.rate(request), self._thanked, self._failed)

    def _thanked(self, _recorded: m.EvaluationRecorded) -> None:
        self.pages.setCurrentWidget(self.thanks_page)
        self.back.start(THANKS_MS)

    def _failed(self, exc: Exception) -> None:
        logger.warning("rating not sent: %s", exc)
        self.thanks_page.setText(self.tr("评价未能提交，感谢您的参与。"))
        self.pages.setCurrentWidget(self.thanks_page)
        self.back.start(THANKS_MS)

    def _tick(self) -> None:
        self.seconds_left -= 1
        self._show_countdown()
        if self.seconds_left > 0:
            return
        self.timer.stop()
        ticket_id = self.ticket_id
        if ticket_id is not None:  # no answer in time: "not rated", never a level
            self.runner.run(
                lambda: self.desk.not_rated(ticket_id),
                lambda _none: None,
                lambda exc: logger.warning("not-rated mark not sent: %s", exc),
            )
        self._back()

    def _show_countdown(self) -> None:
        self.countdown.setText(self.tr("{seconds} 秒后自动返回").format(seconds=self.seconds_left))

    def _back(self) -> None:
        self.ticket_id, self.level, self.reasons = None, None, set()
        self.picker.reset()
        self.thanks_page.setText(self.tr("感谢您的评价！"))
        self.hall.show()
        self.pages.setCurrentWidget(self.serving_page)

    def _photo(self, clerk: m.Clerk) -> None:
        if not clerk.has_photo:
            self.photo.clear()
            return
        if clerk.staff_no in self.photos:
            self.photo.setPixmap(self.photos[clerk.staff_no])
            return

        def loaded(data: bytes) -> None:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            scaled = pixmap.scaled(
                self.photo.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.photos[clerk.staff_no] = scaled
            self.photo.setPixmap(scaled)

        self.runner.run(
            lambda: self.desk.photo(clerk.staff_no),
            loaded,
            lambda exc: logger.info("no photo for the pad: %s", exc),
        )


class PadPoller(QObject):
    """A pad terminal of its own: pairs with its window, then reads the window's state every
    moment and asks for each finished service once."""

    def __init__(self, pad: RatingPad, backend: PadDesk) -> None:
        super().__init__(pad)
        self.pad, self.backend = pad, backend
        self.asked: str | None = None  # the ticket last asked about
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.pad.runner.run(self.backend.pair, self._seen, self._failed)
        self.timer.start()

    def reload(self) -> None:
        """What the pad keeps from the hub, read again: the clerks' photos and the pairing."""
        self.pad.forget_photos()
        self.pad.runner.run(self.backend.pair, self._seen, self._failed)

    def poll(self) -> None:
        self.pad.runner.run(self.backend.view, self._seen, self._failed)

    def _seen(self, view: m.PadView) -> None:
        rating = view.rating
        if rating is not None and rating.ticket_id != self.asked:
            self.asked = rating.ticket_id
            self.pad.ask(rating, view.window.policy.rating_timeout_seconds)
            return
        self.pad.show_window(view.window, view.window.serving)

    def _failed(self, exc: Exception) -> None:
        logger.info("rating pad: the window's state not read: %s", exc)
