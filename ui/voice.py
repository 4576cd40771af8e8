"""Voice guidance: the main prompts spoken aloud through Qt TextToSpeech.

Speech-dispatcher (with espeak-ng or another synthesiser) speaks on a kiosk; where no engine or
no voice for the language is installed, guidance degrades silently: the screen says it all too.

A speech-dispatcher that cannot reach a sound device can block whoever connects to it, Qt's
engine constructor included. So the real engine is first tried in a child process with a time
limit, off the GUI thread; only an engine that answered is opened in the kiosk itself. The kiosk
starts that check once its first screen is up (:meth:`VoiceGuide.start`): Qt TextToSpeech and
its multimedia libraries load then, not before home is painted.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from kiosk.children import ALARM_PRELUDE, run_bounded

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

logger = logging.getLogger(__name__)

PROBE_SECONDS = 8.0
_PROBE = (
    ALARM_PRELUDE
    + """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
tts = QTextToSpeech(sys.argv[1])
Path(sys.argv[2]).write_text(f"{tts.state().name} {len(tts.availableLocales())}")
"""
)


def engine_answers(name: str, timeout: float = PROBE_SECONDS) -> bool:
    """Whether engine ``name`` starts and lists its voices within ``timeout`` seconds."""
    import subprocess  # the probe runs after home is painted

    # The answer comes back in a file, not a pipe: a speech daemon the probe spawns must not
    # hold our pipe open after the probe is killed.
    with tempfile.TemporaryDirectory() as folder:
        answer = Path(folder) / "answer"
        # The probe ends itself a second after our wait and dies with us (kiosk.children).
        alarm = str(int(timeout) + 1)
        try:
            run_bounded([sys.executable, "-c", _PROBE, alarm, name, str(answer)], timeout)
        except (OSError, subprocess.TimeoutExpired):
            return False
        text = answer.read_text() if answer.exists() else ""
    state, _, locales = text.partition(" ")
    return state == "Ready" and locales not in ("", "0")


class VoiceGuide(QObject):
    """Silent until :meth:`start` has found an engine that answers."""

    ready = Signal(bool)  # the engine check ended: whether voice guidance is on

    def __init__(self, engine: str = "auto", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spoken: list[str] = []  # what was said this session (tests, the tour)
        self._tts: QTextToSpeech | None = None
        self._locale = "zh_CN"
        self._engine = engine
        self._started = False

    def start(self) -> None:
        """Check the engine (aside, for a real one) and switch voice guidance on if it answers."""
        if self._started:
            return
        self._started = True
        from PySide6.QtTextToSpeech import QTextToSpeech

        engine = self._engine
        name = "speechd" if engine == "auto" else engine
        self.ready.connect(lambda ok: self._open(name) if ok else None)
        if engine == "none" or name not in QTextToSpeech.availableEngines():
            logger.info("speech engine %s not available: voice guidance is off", name)
        elif name == "mock":  # Qt's test engine: nothing to wait for
            self._open(name)
        else:
            threading.Thread(
                target=lambda: self.ready.emit(engine_answers(name)),
                name="voice-probe",
                daemon=True,
            ).start()

    def _probe(self, name: str) -> None:
        answered = engine_answers(name)
        # RuntimeError: the window closed while the engine was being tried.
        with contextlib.suppress(RuntimeError):
            self.ready.emit(answered)  # queued to the GUI thread

    def _open(self, name: str) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = QTextToSpeech(name, self)
        if tts.state() is QTextToSpeech.State.Error:
            logger.info("speech engine %s failed: %s", name, tts.errorString())
            tts.deleteLater()
            return
        self._tts = tts
        self.set_language(self._locale)
        logger.info("voice guidance on (%s)", name)

    @property
    def available(self) -> bool:
        return self._tts is not None

    def set_language(self, locale: str) -> None:
        self._locale = locale
        if self._tts is None:
            return
        wanted = QLocale(QLocale.Language.English if locale == "en" else QLocale.Language.Chinese)
        for candidate in self._tts.availableLocales():
            if candidate.language() == wanted.language():
                self._tts.setLocale(candidate)
                return
        logger.info("no voice for %s: guidance stays in the engine's default", locale)

    def say(self, text: str) -> None:
        """Speak ``text`` now, cutting off whatever was being said (the citizen moved on)."""
        if self._tts is None or not text:
            return
        self.spoken.append(text)
        self._tts.stop()
        self._tts.say(text)

    def say_after(self, text: str) -> None:
        """Speak ``text`` once what is being said is done: an aside must not cut off the
        prompt of the step the citizen is on."""
        if self._tts is None or not text:
            return
        self.spoken.append(text)
        self._tts.enqueue(text)

    def stop(self) -> None:
        self.spoken.clear()
        if self._tts is not None:
            self._tts.stop()
