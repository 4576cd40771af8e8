"""The display's voice: each new call said aloud, one after another (kiosk.display.voice).

Two engines. "clips": the call's clips joined into one WAV and played with QtMultimedia; the
next call waits for the WAV's length, so calls never overlap even where the sound device reports
nothing. "tts": the speech service (Qt TextToSpeech, speech-dispatcher with espeak-ng Mandarin),
the next call when it is ready again. The clip pack is made in the background at start (a hall's
own recorded clips in the same folder are kept); without espeak-ng the display says so in the
log and stays silent rather than failing. With an English template each call is said in Chinese
and then in English: the clip pack's en- clips, or the speech service switched to an English
voice for the English sentence (and back to Chinese after it).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, QUrl, Signal

from kiosk.display.feed import Call
from kiosk.display.voice import (
    Announcement,
    CallQueue,
    build_pack,
    chinese_words,
    clips_for,
    duration,
    english_words,
    join,
    plan,
    spoken_window,
)

logger = logging.getLogger(__name__)
GAP_MS = 400  # a breath between two calls
# About how long the speech service takes per character (it reports no end reliably).
MS_PER_CHARACTER = {QLocale.Language.Chinese: 300, QLocale.Language.English: 80}


class Announcer(QObject):
    said = Signal(object)  # the Announcement just started (for tests and the log)
    _finish = Signal(object)  # a done() to run on the GUI thread

    def __init__(
        self,
        engine: str,
        clips: Path,
        *,
        template: str,
        reading: str = "digits",
        repeat: int = 2,
        english: str = "",
        speech_engine: str = "",
        parent: QObject | None = None,
    ) -> None:
        """``english``: the English template said after the Chinese ("" for none);
        ``speech_engine``: Qt TextToSpeech's engine for "tts" ("" for Qt's default)."""
        super().__init__(parent)
        self.engine = engine
        self.clips = clips
        self.template = template
        self.reading = reading
        self.english = english
        self.speech_engine = speech_engine
        # The language of each sentence handed to the speech service, in order: set just
        # before the service starts saying it (its aboutToSynthesize).
        self._languages: deque[QLocale.Language] = deque()
        self.ready = threading.Event()  # the clip pack is there
        self.last_event = 0  # the newest call already queued
        self.queue = CallQueue(self._speak, repeat=repeat)
        self._finish.connect(lambda done: done())
        self._sound: Any = None
        self._tts: Any = None
        self._folder = Path(tempfile.mkdtemp(prefix="yimen-voice-"))
        if engine == "clips":
            threading.Thread(target=self._make_pack, name="voice-pack", daemon=True).start()

    def _make_pack(self) -> None:
        try:
            made = build_pack(self.clips, clips_for(self.template, self.english))
            if made:
                logger.info("voice: %d clips made in %s", len(made), self.clips)
            self.ready.set()
        except (OSError, ValueError) as exc:
            logger.warning("voice: no clip pack (%s); the display stays silent", exc)

    def calls(self, calls: tuple[Call, ...]) -> None:
        """The display's recent calls (newest first): queue each one not queued yet, oldest
        first; a call the hub made more than a minute ago is dropped by the queue."""
        if self.engine == "none":
            return
        now = datetime.now(UTC)
        for call in sorted(
            (c for c in calls if c.event_id > self.last_event), key=lambda c: c.event_id
        ):
            self.last_event = call.event_id
            age = (now - call.made_at).total_seconds() if call.made_at else 0.0
            self.queue.add(
                Announcement(
                    number=call.number,
                    window=spoken_window(call.counter_code, call.counter_name),
                    recall=call.recall,
                    at=time.monotonic() - max(0.0, age),
                )
            )

    def text(self, call: Announcement) -> str:
        """What the speech service says in Chinese (numbers read as the hall reads them)."""
        return chinese_words(call, self.template, self.reading)

    def sentences(self, call: Announcement) -> list[tuple[QLocale.Language, str]]:
        """What the speech service says, in order: Chinese, then English if the hall has it."""
        english = english_words(call, self.english, self.reading) if self.english else ""
        chinese = [(QLocale.Language.Chinese, self.text(call))]
        return chinese + ([(QLocale.Language.English, english)] if english else [])

    def _speak(self, call: Announcement, done: Callable[[], None]) -> None:
        self.said.emit(call)
        later = self._later(done)
        if self.engine == "tts":
            self._say(call, later)
        else:
            self._play(call, later)

    def _later(self, done: Callable[[], None]) -> Callable[[int], None]:
        """done() after ``ms`` and a breath, on the GUI thread (the queue may call from any)."""

        def after(ms: int) -> None:
            self._finish.emit(lambda: QTimer.singleShot(ms + GAP_MS, done))

        return after

    def _play(self, call: Announcement, after: Callable[[int], None]) -> None:
        if not self.ready.is_set():
            after(0)  # no pack (yet): silent, and the queue goes on
            return
        sound = join(self.clips, plan(call, self.template, self.reading, self.english))
        path = self._folder / f"call-{call.number}.wav"
        path.write_bytes(sound)
        try:
            from PySide6.QtMultimedia import QSoundEffect

            if self._sound is None:
                self._sound = QSoundEffect(self)
            self._sound.setSource(QUrl.fromLocalFile(str(path)))
            self._sound.play()
        except ImportError as exc:  # a PySide6 without QtMultimedia: silent, not broken
            logger.warning("voice: cannot play (%s)", exc)
        after(int(duration(sound) * 1000))

    def speech(self) -> Any:
        """The speech service (Qt TextToSpeech), opened on first use."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._tts is None:
            engine = self.speech_engine
            self._tts = QTextToSpeech(engine, self) if engine else QTextToSpeech(self)
            self._tts.aboutToSynthesize.connect(self._switch_language)
        return self._tts

    def _say(self, call: Announcement, after: Callable[[int], None]) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self.speech()
        if tts.state() is QTextToSpeech.State.Ready:  # idle: nothing of ours is waiting
            self._languages.clear()
        ms = 0
        for language, text in self.sentences(call):
            # Queued, not said: a sentence never cuts the one before it.
            self._languages.append(language)
            tts.enqueue(text)
            ms += MS_PER_CHARACTER[language] * len(text)
        after(ms)

    def _switch_language(self, _id: int) -> None:
        """The next sentence is about to be said: its language's voice, if the service has one
        (else the service's own). Matched by order: not every engine reports the right id."""
        if not self._languages or self._tts is None:
            return
        language = self._languages.popleft()
        if self._tts.locale().language() == language:
            return
        for locale in self._tts.availableLocales():
            if locale.language() == language:
                self._tts.setLocale(locale)
                return
