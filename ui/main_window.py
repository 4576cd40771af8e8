"""The kiosk window: header, a stack of screens (home first), the finish bar and the idle overlay.

Each journey is a widget that starts fresh on entry and emits ``finished``. The window owns the
citizen's :class:`~kiosk.session.Session`: "结束办理", the idle timeout and a finished journey all
end it, which wipes every screen and returns home with the terminal's default language and look.
Only journeys that are built are offered: no dead tiles.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin import AdminGate
from kiosk.app import Terminal
from kiosk.journeys.availability import Availability, journey_status, journeys_for
from kiosk.session import Session
from ui.after_paint import after_first_paint
from ui.bridge import BackgroundRunner, EventRelay
from ui.device_notices import journey_notice
from ui.elder_offer import ElderOffer
from ui.help_call import HelpCaller
from ui.i18n import Languages
from ui.idle import IdleOverlay, IdleWatcher
from ui.remote_obey import RemoteObeyer
from ui.screens.admin_screen import AdminScreen, PinOverlay
from ui.screens.home_screen import HomeScreen, Tile
from ui.theme import apply_theme
from ui.voice import VoiceGuide
from ui.widgets import make_button
from ui.widgets.header import Header
from ui.widgets.journey_kit import JourneyScreen, left_card_text
from ui.widgets.left_card_alert import LeftCardAlert
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

if TYPE_CHECKING:
    from kiosk.journeys.rating.flow import Subject
    from ui.screens.case_screen import CaseJourney
    from ui.screens.checkin_screen import CheckInJourney
    from ui.screens.complaint_screen import ComplaintJourney
    from ui.screens.progress_screen import ProgressJourney
    from ui.screens.rating_screen import RatingJourney
    from ui.screens.ticket_screen import TicketJourney
    from ui.widgets.keyboard_panel import KeyboardPanel

logger = logging.getLogger(__name__)
ELDER_TIME = 1.5  # elder mode: the idle timeout and the result pages' countdowns, longer

PORTRAIT = QSize(1080, 1920)
LANDSCAPE = QSize(1920, 1080)

# Each journey's screen module, imported in idle time a turn before its screen is built.
JOURNEY_MODULES = {
    "ticket": "ui.screens.ticket_screen",
    "case": "ui.screens.case_screen",
    "checkin": "ui.screens.checkin_screen",
    "progress": "ui.screens.progress_screen",
    "rating": "ui.screens.rating_screen",
    "credit": "ui.screens.credit_screen",
    "complaint": "ui.screens.complaint_screen",
}


class KioskWindow(QWidget):
    screen_changed = Signal(str)  # "home" or a journey's key
    session_ended = Signal(str)  # why: "finish", "idle", "journey", "admin", "rate"

    def __init__(
        self, terminal: Terminal, *, kiosk_mode: bool = False, orientation: str | None = None
    ) -> None:
        super().__init__()
        self.terminal = terminal
        self.kiosk_mode = kiosk_mode
        settings = terminal.settings
        self.languages = Languages(settings.terminal.locale)
        self._begin_session(Session(locale=settings.terminal.locale))
        self.runner = BackgroundRunner(self)
        self._built: dict[str, JourneyScreen] = {}  # the journeys' screens built so far
        self.voice = VoiceGuide(settings.terminal.voice, self)
        self.landscape = (orientation or settings.terminal.orientation) == "landscape"
        self.design_size = LANDSCAPE if self.landscape else PORTRAIT
        self._journey_specs = journeys_for(real_name_ticket=settings.ticket.real_name_everywhere)

        t = settings.terminal
        self.header = Header(t.hall_name, t.locale, t.hall_name_en)
        self.stack = QStackedWidget()
        # The window keeps the screen's size whatever a page would like: a page whose content
        # is longer scrolls (tests/ui/test_layout_fits.py checks every page fits or scrolls).
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.finish_bar = QWidget()
        self.finish_bar.setObjectName("FinishBar")
        self.finish_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar = QHBoxLayout(self.finish_bar)
        bar.setContentsMargins(40, 16, 40, 16)
        self.finish_button = make_button(name="Finish")
        self.finish_button.clicked.connect(lambda: self.end_session("finish"))
        self.elder_offer = ElderOffer(t.elder_offer_age, self.voice.say_after)
        self.elder_offer.accepted.connect(self._enlarge_in_place)
        bar.addWidget(self.elder_offer.button)
        bar.addStretch(1)
        bar.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self._keyboard_slot = QVBoxLayout()  # the virtual keyboard goes here when first needed
        layout.addLayout(self._keyboard_slot)
        if self.landscape:
            # A landscape screen is short: 结束办理 goes up into the header, where it takes no
            # row of its own from the pages (their actions are pinned at their foot).
            bar.setContentsMargins(24, 0, 0, 0)
            self.header.add_trailing(self.finish_bar)
        else:
            layout.addWidget(self.finish_bar)
        self.help: HelpCaller | None = None  # 求助, on every screen of a citizen's kiosk
        if terminal.help_desk is not None:
            self.help = HelpCaller(self, terminal.help_desk, self.runner, self._speak)
            self.header.add_trailing(self.help.button)
            # Portrait: the hall's name, the clock and 求助 share one line (in elder type too).
            self.header.set_short_clock(not self.landscape)
            self.screen_changed.connect(self.help.follow)
            self.session_ended.connect(self.help.end)  # the citizen gone: their call goes too
        self.keyboard: KeyboardPanel | None = None
        self._admin: AdminScreen | None = None  # the maintenance screen, built when first opened

        self.admin_gate = AdminGate(settings.admin.pin_hash)
        self.pin_overlay = PinOverlay(self, self.admin_gate)
        self.pin_overlay.accepted.connect(self.open_admin)
        self.header.secret_gesture.connect(self._secret_gesture)
        self.idle = IdleWatcher(settings.terminal.idle_timeout, self)
        self.overlay = IdleOverlay(self)
        self.left_card_alert = LeftCardAlert(self)
        self.left_card_alert.say.connect(self._speak)
        self._card_was_left = False
        self.idle.timed_out.connect(self.overlay.start)
        self.idle.timed_out.connect(lambda: self.voice.say(self.tr("还需要更多时间吗？")))
        self.overlay.more_time.connect(self.idle.arm)
        self.overlay.expired.connect(lambda: self.end_session("idle"))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._build_screens()
        after_first_paint(self, self._filter_input)
        after_first_paint(self, self.voice.start)  # checking the speech engine can wait
        # Device health arrives on device threads; the relay hands it to the GUI thread.
        self.device_relay = EventRelay(self)
        self.device_relay.received.connect(self._devices_changed)
        self._unsubscribe_devices = terminal.devices.board.changes.subscribe(
            self.device_relay.publish
        )
        self.card_relay = EventRelay(self)
        self.card_relay.received.connect(lambda _: self._card_left_changed())
        self._unsubscribe_card_guard = terminal.devices.card_guard.changes.subscribe(
            self.card_relay.publish
        )
        # What the hub asks (reload, restart) waits for the home screen to stand idle.
        self.obeyer: RemoteObeyer | None = None
        if terminal.remote is not None:
            self.obeyer = RemoteObeyer(
                terminal.remote,
                self,
                is_idle=lambda: self.stack.currentWidget() is self.home,
                shut_down=self.shut_down,
                reload=self._reload_catalog,
            )
            self.screen_changed.connect(self.obeyer.touched)

    def _filter_input(self) -> None:
        """The application-wide input filters: the idle watcher's, and in kiosk mode the one that
        swallows the keys that would leave the kiosk. They go in once home is painted: a Python
        filter that sees every object makes PySide6 build the Python types (and enums) of all
        Qt classes at once (some 60 ms), and until home is on screen nothing is open that a key
        could close, no session runs that input could prolong, and closing is refused anyway."""
        self.idle.install()
        if self.kiosk_mode:
            app = QApplication.instance()
            assert app is not None
            app.installEventFilter(self)

    # -- screens ----------------------------------------------------------------------------

    def _build_screens(self) -> None:
        """(Re)build the screens in the current language; called again when it changes. Home
        comes first; each journey's screen is built in idle time after home is painted (its
        module, with the contract models it uses, in one turn of the event loop and the screen
        in the next, so a tap is answered at once), or at once when it is needed."""
        for journey in self._built.values():
            journey.wipe()  # stops any device it listens to before it goes
        self._built = {}
        while (old := self.stack.widget(0)) is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.setWindowTitle(self.tr("一门通自助终端"))
        self.finish_button.setText(self.tr("结束办理"))
        self.elder_offer.retranslate()
        self.header.retranslate(self.languages.current)
        if self.help is not None:
            self.help.retranslate(english=self.languages.current == "en")
        tiles = [Tile("ticket", self.tr("排队取号"), self.tr("到窗口办理业务，请先取号"))]
        if self.terminal.cases is not None:
            tiles.append(
                Tile("case", self.tr("自助办事"), self.tr("在本机申请办理，结果可邮寄到家"))
            )
        # On a portrait home the two look-ups (进度查询, 信用查询) share a row, as do the two
        # kinds of feedback (好差评, 投诉建议): half tiles, with hints short enough for half a row.
        lookups = self.terminal.credit_desk is not None
        feedback = self.terminal.complaints is not None
        tiles += [
            Tile("checkin", self.tr("预约签到"), self.tr("已预约？扫预约码或刷身份证签到")),
            Tile("progress", self.tr("进度查询"), self.tr("查询已提交办件的办理进度"))
            if not lookups
            else Tile("progress", self.tr("进度查询"), self.tr("查询办件进度"), True),
        ]
        if lookups:
            tiles.append(Tile("credit", self.tr("信用查询"), self.tr("刷证查看本人信用"), True))
        tiles.append(
            Tile("rating", self.tr("好差评"), self.tr("扫描凭条或回执二维码，评价服务"))
            if not feedback
            else Tile("rating", self.tr("好差评"), self.tr("扫码评价服务"), True)
        )
        if feedback:
            tiles.append(Tile("complaint", self.tr("投诉建议"), self.tr("转交12345热线"), True))
        wide = self.landscape and len(tiles) > 6
        if wide:  # landscape, past six journeys: two rows of four narrower tiles
            tiles = [replace(tile, half=True) for tile in tiles]
        self.home = HomeScreen(
            tiles,
            columns=(4 if wide else 3) if self.landscape else 1,
            language=self.languages.current,
            elder_mode=self.session.elder_mode,
        )
        self._admin = None  # went with the old screens; built again in this language if opened
        self.stack.addWidget(self.home)
        self.home.journey_chosen.connect(self.open_journey)
        self.home.language_toggled.connect(self.toggle_language)
        self.home.elder_toggled.connect(self.toggle_elder_mode)
        self._devices_changed(self.terminal.devices.board.snapshot())
        self._card_left_changed()
        self._show_home()
        after_first_paint(self.home, self._start_building_journeys)

    @property
    def admin(self) -> AdminScreen:
        """The maintenance screen (built now if it has not been opened yet)."""
        if self._admin is None:
            self._admin = AdminScreen(self.terminal, self.runner)
            self._admin.closed.connect(lambda: self.end_session("admin"))
            self._admin.exit_requested.connect(self._exit_app)
            self.stack.addWidget(self._admin)
        return self._admin

    @property
    def journey_keys(self) -> tuple[str, ...]:
        offered = {
            "case": self.terminal.cases,
            "credit": self.terminal.credit_desk,
            "complaint": self.terminal.complaints,
        }
        keys = ("ticket", "case", "checkin", "progress", "credit", "rating", "complaint")
        return tuple(k for k in keys if offered.get(k, True) is not None)

    @property
    def journeys(self) -> dict[str, JourneyScreen]:
        """Every journey's screen (built now if idle time has not come to it yet)."""
        return {key: self._journey(key) for key in self.journey_keys}

    @property
    def ticket(self) -> TicketJourney:
        return cast("TicketJourney", self._journey("ticket"))

    @property
    def checkin(self) -> CheckInJourney:
        return cast("CheckInJourney", self._journey("checkin"))

    @property
    def progress(self) -> ProgressJourney:
        return cast("ProgressJourney", self._journey("progress"))

    @property
    def rating(self) -> RatingJourney:
        return cast("RatingJourney", self._journey("rating"))

    @property
    def complaint(self) -> ComplaintJourney:
        if self.terminal.complaints is None:
            raise AttributeError("this terminal takes no complaints")
        return cast("ComplaintJourney", self._journey("complaint"))

    @property
    def case(self) -> CaseJourney:
        if self.terminal.cases is None:
            raise AttributeError("this terminal takes no cases")
        return cast("CaseJourney", self._journey("case"))

    def _start_building_journeys(self) -> None:
        # From the next turn: home's first paint set other work off for this one (its kinetic
        # scrolling, the voice check), and each turn is kept short.
        QTimer.singleShot(0, self, self._build_next_journey)

    def _build_next_journey(self) -> None:
        pending = [key for key in self.journey_keys if key not in self._built]
        if not pending:
            return
        module = JOURNEY_MODULES[pending[0]]
        if module in sys.modules:
            self._journey(pending[0])
        else:
            importlib.import_module(module)
        QTimer.singleShot(0, self, self._build_next_journey)  # dropped with the window

    def _journey(self, key: str) -> JourneyScreen:
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = self._make_journey(key)
            self.stack.addWidget(built)
            built.finished.connect(lambda: self.end_session("journey"))
            built.page_changed.connect(lambda page, j=built: self._speak(j.prompt(page)))
            built.say.connect(self._speak)
            built.person_identified.connect(
                lambda number: self.elder_offer.consider(number, elder_now=self.session.elder_mode)
            )
            inputs = getattr(built, "inputs", None)
            if inputs is not None:
                inputs.left_card_ignored.connect(lambda: self.voice.say(left_card_text()))
        return built

    def _make_journey(self, key: str) -> JourneyScreen:
        terminal, devices = self.terminal, self.terminal.devices
        session = lambda: self.session  # noqa: E731 - the session of the moment
        english = self.languages.current == "en"
        if key == "ticket":
            from ui.screens.ticket_screen import TicketJourney

            return TicketJourney(
                terminal.ticket_desk,
                self.runner,
                devices,
                session,
                self._time_to_read(terminal.settings.ticket.return_home_after),
                english=english,
                columns=2 if self.landscape else 1,
            )
        if key == "checkin":
            from ui.screens.checkin_screen import CheckInJourney

            checkin = CheckInJourney(
                terminal.checkin_desk,
                devices,
                self.runner,
                session,
                self._time_to_read(terminal.settings.ticket.return_home_after),
                columns=2 if self.landscape else 1,
                english=english,
            )
            checkin.ticket_requested.connect(self._ticket_instead)
            return checkin
        if key == "progress":
            from ui.screens.progress_screen import ProgressJourney

            return ProgressJourney(terminal.progress_desk, devices, self.runner, session)
        if key == "credit":
            from ui.screens.credit_screen import CreditJourney

            assert terminal.credit_desk is not None
            return CreditJourney(terminal.credit_desk, devices, self.runner, session)
        if key == "rating":
            from ui.screens.rating_screen import RatingJourney

            return RatingJourney(
                terminal.rating_desk, devices, self.runner, session, landscape=self.landscape
            )
        if key == "complaint" and terminal.complaints is not None:
            from ui.screens.complaint_screen import ComplaintJourney

            return ComplaintJourney(
                terminal.complaints, self.runner, session, landscape=self.landscape
            )
        assert key == "case" and terminal.cases is not None
        from ui.screens.case_screen import CaseJourney

        case = CaseJourney(
            terminal.cases,
            terminal.printer,
            terminal.settings.terminal.hall_name,
            self.runner,
            session,
            id_monitor=devices.id_monitor,
            qr_camera=lambda: devices.camera,  # the demo shows the camera another code
            card_guard=devices.card_guard,
        )
        case.rate_case_requested.connect(self._rate_case)
        return case

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Show the hosted keyboard while a free-text field has focus; hide it otherwise."""
        if new is None or not self.isAncestorOf(new):
            return  # focus left the window (or went into the keyboard itself)
        if isinstance(new, QLineEdit | QPlainTextEdit) and new.property(WANTS_KEYBOARD):
            if self.keyboard is None:  # built on first use: loading Qt Quick takes a moment
                from ui.widgets.keyboard_panel import KeyboardPanel

                self.keyboard = KeyboardPanel()
                self._keyboard_slot.addWidget(self.keyboard)
                method = QGuiApplication.inputMethod()
                method.visibleChanged.connect(self._keyboard_asked_away)
            self.keyboard.show()
        elif self.keyboard is not None:
            self.keyboard.hide()

    def _keyboard_asked_away(self) -> None:
        """The keyboard's own hide key: the field being typed into lets go of the focus, so the
        keyboard goes and the page comes back whole (a tap on the field brings it again)."""
        if QGuiApplication.inputMethod().isVisible() or self.keyboard is None:
            return
        focused = QApplication.focusWidget()
        if (
            self.keyboard.isVisible()
            and isinstance(focused, QLineEdit | QPlainTextEdit)
            and self.isAncestorOf(focused)
        ):
            focused.clearFocus()
            self.keyboard.hide()

    def _devices_changed(self, snapshot: object) -> None:
        assert isinstance(snapshot, Mapping)
        if self._admin is not None:
            self._admin.show_devices(snapshot)
        for key, tile in self.home.tiles.items():
            status = journey_status(self._journey_specs[key], snapshot)
            tile.set_notice(
                journey_notice(key, status),
                available=status.availability is not Availability.UNAVAILABLE,
            )

    def _card_left_changed(self) -> None:
        left = self.terminal.devices.card_guard.blocked
        self.home.show_card_notice(left)
        if left and not self._card_was_left:
            self.left_card_alert.raise_alert()
        elif not left:
            self.left_card_alert.clear()
        self._card_was_left = left

    def _speak(self, text: str) -> None:
        if text:
            self.voice.say(text)

    def _secret_gesture(self) -> None:
        if self.stack.currentWidget() is self.home and self.admin_gate.enabled:
            self.pin_overlay.open_pad()

    def open_admin(self) -> None:
        self.admin.show_devices(self.terminal.devices.board.snapshot())
        self.stack.setCurrentWidget(self.admin)
        self.finish_bar.hide()
        self.idle.arm()  # an engineer who walks away leaves the kiosk to the next citizen
        self.screen_changed.emit("admin")

    def _exit_app(self) -> None:
        logger.info("maintenance: exit")
        self.shut_down()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def open_journey(self, key: str) -> None:
        journey = self._journey(key)
        self.stack.setCurrentWidget(journey)
        self.finish_bar.show()
        self.idle.arm()
        journey.start()
        self._follow(key, journey)
        self.screen_changed.emit(key)

    def open_rating(self, subject: Subject) -> None:
        """Offer 好差评 for what a journey just did (e.g. a submitted case); the citizen
        chooses, nothing is pre-selected."""
        self.stack.setCurrentWidget(self.rating)
        self.finish_bar.show()
        self.idle.arm()
        self.rating.start_for(subject)
        self._follow("rating", self.rating)
        self.screen_changed.emit("rating")

    def _follow(self, key: str, journey: JourneyScreen) -> None:
        """The funnel follows the journey just opened for the citizen (kiosk.funnel)."""
        funnel = self.terminal.funnel
        if funnel is not None and journey.machine is not None:
            funnel.recorder.begin(key, journey.machine)

    def _rate_case(self, subject: object) -> None:
        """评价本次服务 on a receipt: the case journey ends as on "完成" (the applicant's data
        goes), then 好差评 opens for that case in a fresh session; the same person is still
        at the screen, so the language and elder mode they chose stay."""
        from kiosk.journeys.rating.flow import Subject  # loaded with the rating screen

        assert isinstance(subject, Subject)
        self.end_session("rate", keep_look=True)
        self.open_rating(subject)

    def _ticket_instead(self) -> None:
        """现场取号 on a check-in refusal: check-in ends (what it read goes), and 取号 opens for
        the same citizen, in the language and look they chose."""
        self.end_session("journey", keep_look=True)
        self.open_journey("ticket")

    def _reload_catalog(self) -> None:
        """The hub asked for a reload (ui.remote_obey): fetch the catalog again."""
        cases = self.terminal.cases
        if cases is not None:
            logger.info("fetching the catalog again, as the hub asked")
            self.runner.run(cases.catalog.refresh, lambda _: None, lambda _: None)

    def _show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.finish_bar.hide()
        self.idle.disarm()
        self.screen_changed.emit("home")

    # -- the session ------------------------------------------------------------------------

    def _begin_session(self, session: Session) -> None:
        """A new citizen: their session will clear every screen when it ends."""
        self.session = session
        session.on_end(self._wipe_screens)

    def _wipe_screens(self) -> None:
        """Clear what every screen shows (the journeys' data goes with their session)."""
        if self._admin is not None:
            self._admin.wipe()
        for journey in self._built.values():
            journey.wipe()

    def end_session(self, why: str, *, keep_look: bool = False) -> None:
        """Forget the citizen: wipe every screen and the session; back to the default look
        (``keep_look``: the same language and elder mode, and no home screen — the caller
        opens the next screen at once)."""
        self.overlay.stop()
        self.pin_overlay.close_pad()
        if self.terminal.funnel is not None:
            self.terminal.funnel.recorder.end(why)  # where the citizen was, before the wipe
        self.session.end()
        self.elder_offer.reset()
        self.voice.stop()
        if self.terminal.devices.card_guard.session_ended():
            self.voice.say(self.tr("请取走您的卡片。"))
        defaults = self.terminal.settings.terminal
        changed_look = self.session.elder_mode or self.languages.current != defaults.locale
        if keep_look:
            self._begin_session(Session(self.session.locale, self.session.elder_mode))
        else:
            self._begin_session(Session(locale=defaults.locale))
            if changed_look:
                self._apply_look(defaults.locale, elder=False)
            else:
                self._show_home()
        logger.info("session ended (%s)", why)
        self.session_ended.emit(why)

    def toggle_language(self) -> None:
        self._apply_look(
            "en" if self.languages.current != "en" else "zh_CN", self.session.elder_mode
        )

    def toggle_elder_mode(self) -> None:
        self._apply_look(self.languages.current, not self.session.elder_mode)

    def _time_to_read(self, seconds: int) -> int:
        """A timeout as the look needs it: elder mode gives half as long again to read."""
        return round(seconds * ELDER_TIME) if self.session.elder_mode else seconds

    def _enlarge_in_place(self) -> None:
        """大字模式 taken mid-journey: the same screens restyled large, and the time to read
        longer (rebuilding them, as the home toggle does, would lose what the citizen did)."""
        self.session.elder_mode = True
        self.idle.set_timeout(self._time_to_read(self.terminal.settings.terminal.idle_timeout))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, elder=True)
        self._speak(self.tr("字已放大。"))

    def _apply_look(self, locale: str, elder: bool) -> None:
        self.session.locale = locale
        self.session.elder_mode = elder
        self.idle.set_timeout(self._time_to_read(self.terminal.settings.terminal.idle_timeout))
        self.languages.switch(locale)
        self.voice.set_language(locale)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, elder=elder)
        self._build_screens()

    # -- kiosk lockdown ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In kiosk mode, swallow the keys that would leave the kiosk (Alt+F4, Ctrl+Q, Esc...)."""
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            return _is_escape_key(event)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self._closing_allowed:
            event.ignore()  # a citizen cannot close the kiosk; maintenance can
            return
        self.idle.uninstall()
        for journey in self._built.values():
            journey.wipe()
        self._unsubscribe_devices()
        self._unsubscribe_card_guard()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self)
            app.focusChanged.disconnect(self._focus_changed)
            # The language and the look are application-wide: leave them as they were.
            self.languages.switch("zh_CN")
            if self.session.elder_mode:
                apply_theme(app, elder=False)
        event.accept()

    _closing_allowed = False

    def shut_down(self) -> None:
        """Close for real (maintenance "exit", or the process being stopped)."""
        self._closing_allowed = True
        self.close()


def _is_escape_key(event: QKeyEvent) -> bool:
    key = Qt.Key(event.key())
    mods = event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    meta = bool(mods & Qt.KeyboardModifier.MetaModifier)
    if key in (Qt.Key.Key_Escape, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Meta):
        return True
    if alt and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab):
        return True
    if ctrl and key in (Qt.Key.Key_Q, Qt.Key.Key_W):
        return True
    return meta
