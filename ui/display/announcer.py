"""The display's voice: each new call said aloud, one after another (kiosk.display.voice).

Two engines. "clips": the call's clips joined into one WAV and played with QtMultimedia; the
next call waits for the WAV's length, so calls never overlap even where the sound device reports
nothing. "tts": the speech service (Qt TextToSpeech, speech-dispatcher with espeak-ng Mandarin),
the next call when it is ready again. The clip pack is made in the background at start (a hall's
own recorded clips in the same folder are kept); without espeak-ng the display says so in the
log and stays silent rather than failing.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from kiosk.display.feed import Call
from kiosk.display.voice import (
    Announcement,
    CallQueue,
    build_pack,
    clips_for,
    duration,
    join,
    plan,
    read_number,
    spoken_window,
)

logger = logging.getLogger(__name__)
GAP_MS = 400  # a breath between two calls


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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.clips = clips
        self.template = template
        self.reading = reading
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
            made = build_pack(self.clips, clips_for(self.template))
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
        """What the speech service says (numbers read as the hall reads them)."""
        digits = "零一二三四五六七八九"
        number = "".join(
            digits[int(c)] if c.isdigit() else c for c in read_number(call.number, self.reading)
        )
        words = self.template.replace("{number}", number).replace("{window}", call.window)
        return ("再次呼叫，" if call.recall else "") + words

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
        sound = join(self.clips, plan(call, self.template, self.reading))
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

    def _say(self, call: Announcement, after: Callable[[int], None]) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._tts is None:
            self._tts = QTextToSpeech(self)
        text = self.text(call)
        self._tts.say(text)
        after(300 * len(text))  # about the time it takes: the service reports no end reliably
