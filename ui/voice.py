"""Voice guidance: the main prompts spoken aloud through Qt TextToSpeech.

Speech-dispatcher (with espeak-ng or another synthesiser) speaks on a kiosk; where no engine or
no voice for the language is installed, guidance degrades silently: the screen says it all too.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject
from PySide6.QtTextToSpeech import QTextToSpeech

logger = logging.getLogger(__name__)


class VoiceGuide(QObject):
    def __init__(self, engine: str = "auto", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spoken: list[str] = []  # what was said this session (tests, the tour)
        self._tts: QTextToSpeech | None = None
        if engine == "none":
            return
        engines = QTextToSpeech.availableEngines()
        name = "speechd" if engine == "auto" else engine
        if name not in engines:
            logger.info("no %s speech engine: voice guidance is off", name)
            return
        tts = QTextToSpeech(name, self)
        if tts.state() is QTextToSpeech.State.Error:
            logger.info("speech engine %s failed: %s", name, tts.errorString())
            tts.deleteLater()
            return
        self._tts = tts
        self.set_language("zh_CN")

    @property
    def available(self) -> bool:
        return self._tts is not None

    def set_language(self, locale: str) -> None:
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

    def stop(self) -> None:
        self.spoken.clear()
        if self._tts is not None:
            self._tts.stop()
