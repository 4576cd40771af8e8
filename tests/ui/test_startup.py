"""Start-up: home is painted before anything that can wait (the journeys' screens, the speech
engine, Qt Quick, OpenCV), and a tap that comes first is answered at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from ui.main_window import KioskWindow
from ui.screens.progress_screen import ProgressJourney

ROOT = Path(__file__).resolve().parents[2]


class FirstPaint(QObject):
    """Notes what the window holds when ``watched`` is first painted."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.seen: dict[str, object] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            stack = self.window.stack
            self.seen = {
                "screens": [type(stack.widget(i)).__name__ for i in range(stack.count())],
                "voice": self.window.voice.available,
            }
        return False


def test_home_is_painted_before_the_journeys_are_built(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    spy = FirstPaint(window)
    window.home.installEventFilter(spy)
    window.resize(window.design_size)
    window.show()
    qtbot.waitUntil(lambda: bool(spy.seen), timeout=5000)
    # Home only (the maintenance screen waits to be opened); the (mock) speech engine not yet
    # asked.
    assert spy.seen == {"screens": ["HomeScreen"], "voice": False}
    # Then, in idle time, every journey's screen and the voice.
    qtbot.waitUntil(lambda: window.stack.count() == 1 + len(window.journey_keys), timeout=10000)
    qtbot.waitUntil(lambda: window.voice.available, timeout=5000)


def test_a_tap_before_idle_time_opens_the_journey_at_once(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    assert window.stack.count() == 1  # home only: no journey's screen yet
    qtbot.mouseClick(window.home.tiles["progress"], Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), ProgressJourney)


# What the kiosk must not load before home is on screen: each loads when first used.
DEFERRED = (
    "PySide6.QtTextToSpeech",  # the voice starts after the first paint
    "PySide6.QtMultimedia",
    "PySide6.QtQuick",  # the hosted keyboard, when a text field first asks for it
    "PySide6.QtQuickWidgets",
    "cv2",  # the cameras, when one runs
    "numpy",
    "requests",  # the hub client, with its first request
    "drivers.printer.render",  # the virtual printer, with its first job
    "kiosk.documents",  # what is printed, and how, with the first job
    "drivers.printer.document",
    "cryptography",  # the outbox's cipher, with the first case stored
    "stdnum",  # ID-number checks, with the first number typed or read
    "contract.models.catalog",  # the contract's models, with the first journey that uses them
    "contract.models.cases",
    "contract.models.tickets",
    "contract.models.evaluations",
    "contract.models.appointments",
    "contract.models.counters",
    "contract.models.funnel",  # with the first journey run
    "kiosk.journeys.rating.flow",
    "kiosk.counter.desk",  # the other kinds of terminal's desks
    "kiosk.display.feed",
    "subprocess",  # with the first child process (the voice probe, after the first paint)
    "ui.screens.ticket_screen",  # the journeys' screens, in idle time after the first paint
    "ui.screens.checkin_screen",
    "ui.screens.progress_screen",
    "ui.screens.rating_screen",
    "ui.screens.case_screen",
)

CHILD = """
import json, sys
from pathlib import Path

from kiosk.app import build_terminal, demo_settings
from kiosk.config import settings_from_dict

data, deferred = Path(sys.argv[1]), json.loads(sys.argv[2])
raw = demo_settings("hall", data_dir=data, voice="mock").model_dump(mode="json")
token = data / "token"
token.write_text("not-a-real-token", encoding="utf-8")
raw["api"].update(base_url="http://127.0.0.1:9", token_file=str(token))  # never reached here
settings = settings_from_dict(raw, source="start-up test", environ={})
with build_terminal(settings) as terminal:
    from ui.app import application
    from ui.main_window import KioskWindow

    app = application()
    window = KioskWindow(terminal)
    window.resize(window.design_size)
    print(json.dumps(sorted(name for name in deferred if name in sys.modules)))
"""


def test_building_the_kiosk_loads_nothing_that_can_wait(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), json.dumps(DEFERRED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.splitlines()[-1]) == []
