"""Start the Qt application around a built terminal."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import Terminal
from ui.main_window import PORTRAIT, KioskWindow
from ui.remote_obey import obey_counter, obey_display, obey_pad
from ui.service_watchdog import ServiceWatchdog
from ui.theme import apply_theme
from ui.widgets.virtual_keyboard import prepare_environment

logger = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        prepare_environment()
        app = QApplication(sys.argv[:1])
        app.setApplicationName("yimen-kiosk")
    apply_theme(app)
    return app


def run_window(terminal: Terminal, *, fullscreen: bool, windowed: bool = False) -> int:
    """Full-screen and locked down for citizens, or a window for trying it on a desktop."""
    app = application()
    ServiceWatchdog(parent=app).start()  # under systemd: READY=1, then the GUI thread's pings
    if terminal.counter is not None:
        return run_counter(app, terminal, fullscreen=fullscreen)
    if terminal.pad is not None:
        return run_pad(app, terminal, fullscreen=fullscreen)
    if terminal.display is not None:
        return run_display(app, terminal, fullscreen=fullscreen)
    if fullscreen:
        window = KioskWindow(terminal, kiosk_mode=True)
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        window.showFullScreen()
        return app.exec()
    screen = app.primaryScreen().availableGeometry()
    orientation = None
    portrait_fits = screen.width() >= PORTRAIT.width() and screen.height() >= PORTRAIT.height()
    if windowed or not portrait_fits:
        # A desktop screen rarely holds a 1920-pixel-tall kiosk: show the landscape layout.
        orientation = "landscape" if screen.width() > screen.height() else "portrait"
    window = KioskWindow(terminal, orientation=orientation)
    window.resize(window.design_size.boundedTo(screen.size() * 0.95))
    window.show()
    return app.exec()


def run_counter(app: QApplication, terminal: Terminal, *, fullscreen: bool) -> int:
    """The window terminal: the clerk's desk, and the rating pad on the second screen."""
    from ui.counter.rating_pad import RatingPad
    from ui.counter.window import CounterWindow

    desk = terminal.counter
    assert desk is not None
    hall = terminal.settings.terminal.hall_name
    window = CounterWindow(desk, hall)
    equip_counter_window(window, terminal)
    pad = None
    if terminal.settings.counter.rating_pad == "second-screen":
        screens = app.screens()
        if len(screens) > 1 or not fullscreen:
            pad = RatingPad(desk, hall)
            window.attach_pad(pad)
            if len(screens) > 1:
                pad.setGeometry(screens[1].geometry())
                pad.showFullScreen()
            else:  # trying it on one screen: the pad is a window beside the desk
                pad.resize(QSize(1280, 800).boundedTo(screens[0].availableSize() * 0.8))
                pad.show()
        else:
            logger.warning("rating pad: no second screen; the citizen rates at a kiosk instead")
    obey_counter(terminal, window, pad)
    cards = follow_card_reads(terminal, window)
    if fullscreen:
        window.showFullScreen()
    else:
        window.resize(QSize(1920, 1080).boundedTo(app.primaryScreen().availableSize() * 0.95))
        window.show()
    window.start()
    try:
        return app.exec()
    finally:
        cards()


def equip_counter_window(window: Any, terminal: Terminal) -> None:
    """What the window terminal's hardware and configuration add to its desk: the camera for
    receipt QRs, 窗口收件 with the kiosk's case journey, the notice printer."""
    from kiosk.counter.notice_printing import notice_printing
    from ui.counter.notice_pdf import render_notice_pdf

    hall = terminal.settings.terminal.hall_name
    window.workbench.set_camera(terminal.devices.camera)
    cases = terminal.cases
    if cases is not None:
        from ui.counter.walk_in import WalkInPage
        from ui.screens.case_screen import CaseJourney

        window.attach_walk_in(
            WalkInPage(
                lambda session: CaseJourney(
                    cases,
                    terminal.printer,
                    hall,
                    window.runner,
                    session,
                    id_monitor=terminal.devices.id_monitor,
                    qr_camera=lambda: terminal.devices.camera,
                )
            )
        )
    window.attach_notice_printing(
        notice_printing(
            terminal.settings, render_pdf=render_notice_pdf, slip_printer=terminal.printer
        )
    )


def run_pad(app: QApplication, terminal: Terminal, *, fullscreen: bool) -> int:
    """A rating pad of its own, paired with its window through the hub."""
    from ui.counter.rating_pad import PadPoller, RatingPad

    assert terminal.pad is not None
    pad = RatingPad(terminal.pad, terminal.settings.terminal.hall_name)
    poller = PadPoller(pad, terminal.pad)
    obey_pad(terminal, pad, poller)
    if fullscreen:
        pad.showFullScreen()
    else:
        pad.resize(QSize(1280, 800).boundedTo(app.primaryScreen().availableSize() * 0.95))
        pad.show()
    poller.start()
    return app.exec()


def run_display(app: QApplication, terminal: Terminal, *, fullscreen: bool) -> int:
    """The hall's calling display, or one window's screen, following the hub's event stream."""
    from ui.display.window import DisplayWindow
    from ui.display.window_screen import WindowScreen

    feed = terminal.display
    assert feed is not None
    settings = terminal.settings
    wall: DisplayWindow | WindowScreen = (
        WindowScreen(feed, settings.display.window)
        if settings.display.window
        else DisplayWindow(
            feed, settings.terminal.hall_name, settings.display.notice, announcer(terminal)
        )
    )
    obey_display(terminal, wall)
    if fullscreen:
        wall.setWindowFlags(Qt.WindowType.FramelessWindowHint)
        wall.showFullScreen()
    else:
        wall.resize(QSize(1920, 1080).boundedTo(app.primaryScreen().availableSize() * 0.95))
        wall.show()
    feed.start()
    return app.exec()


def announcer(terminal: Terminal) -> Any:
    """The calling display's voice, as ``[display]`` configures it."""
    from ui.display.announcer import Announcer

    voice = terminal.settings.display
    clips = Path(voice.clips_dir) if voice.clips_dir else terminal.data_dir / "voice-clips"
    return Announcer(
        voice.voice,
        clips,
        template=voice.voice_template,
        reading=voice.number_reading,
        repeat=voice.voice_repeat,
        english=voice.english_template,
    )


def follow_card_reads(terminal: Terminal, window: Any) -> Callable[[], None]:
    """The window's reader: every card read goes to the desk (on the GUI thread): the clerk's
    at sign-in, the citizen's while serving; and the reader's health, so the desk says when it
    does not work."""
    from drivers.idcard.monitor import CardRead
    from ui.bridge import EventRelay

    health = EventRelay(window)
    health.received.connect(window.show_devices)
    off_health = terminal.devices.board.changes.subscribe(health.publish)
    window.show_devices(terminal.devices.board.snapshot())
    monitor = terminal.devices.id_monitor
    if monitor is None:
        return off_health
    relay = EventRelay(window)

    def read(event: object) -> None:
        if isinstance(event, CardRead):
            window.card_seen(event.document)

    relay.received.connect(read)
    unsubscribe = monitor.card_events.subscribe(relay.publish)
    monitor.start()

    def stop() -> None:
        off_health()
        unsubscribe()
        monitor.stop()

    return stop
