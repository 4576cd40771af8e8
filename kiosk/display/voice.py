"""Voice calling on the display: "请A001号到3号窗口办理", planned as clips and queued.

Theory of operation. A call becomes words by the hall's template (``{number}`` and ``{window}``;
"再次呼叫" before a recall), a number is read letter by letter and digit by digit ("A零零一") or
as a whole number ("A一"), and the words become a list of clips: a chime, then one clip per
letter, digit or character. A clip pack is a folder of WAV files named by what they say
(``chime.wav``, ``A.wav``, ``0.wav``, ``请.wav`` …): generated with espeak-ng (Mandarin) for any
hall, so a hall without a speech service still speaks, and replaceable clip by clip with a
recorded human voice. The clips of a call are joined into one WAV (its length is the clips'
sum) and played as one sound, so calls never overlap or cut each other: they wait in a queue,
and a call older than a minute when its turn comes is dropped (the citizen has been called
again since, or has gone to the window).

English after Chinese is optional: the same call by an English template ("Number {number},
please go to window {window}"; "Calling again" before a recall), the number letter by letter
and digit by digit ("A zero zero one") and the window as a number ("window twelve"). Its clips
are named ``en-`` and what they say, made with espeak-ng's English voice: ``en-A.wav``,
``en-0.wav``, ``en-12.wav``, ``en-20.wav`` (23 is ``en-20`` then ``en-3``), and one clip per
phrase of the template (``en-Number.wav``, ``en-please go to window.wav``). A window known only
by its Chinese name has no English reading: its calls are said in Chinese only.
"""

from __future__ import annotations

import io
import logging
import math
import re
import shutil
import struct
import subprocess
import threading
import time
import wave
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

DIGITS = "零一二三四五六七八九"
TEMPLATE = "请{number}号到{window}号窗口办理"
RECALL = "再次呼叫"
TEMPLATE_EN = "Number {number}, please go to window {window}"
RECALL_EN = "Calling again"
EN = "en-"  # the English clips' prefix
DIGITS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
STALE_SECONDS = 60.0
RATE, WIDTH = 22050, 2  # espeak-ng's WAV: 22.05 kHz, 16-bit mono


@dataclass(frozen=True, slots=True)
class Announcement:
    number: str  # A001
    window: str  # what is said for the window: "3" for W03, or the window's name
    recall: bool
    at: float  # time.monotonic() when the call was made


def spoken_window(counter_code: str, counter_name: str) -> str:
    """W03 -> "3" (the template says "号窗口"); a code without digits: the window's name."""
    digits = "".join(c for c in counter_code if c.isdigit())
    return str(int(digits)) if digits else counter_name


def read_number(number: str, how: str = "digits") -> list[str]:
    """A001 -> ["A", "0", "0", "1"] ("digits": 零零一) or ["A", "1"] ("integer": 一)."""
    letters = [c for c in number if c.isalpha()]
    digits = "".join(c for c in number if c.isdigit())
    if how == "integer" and digits:
        digits = str(int(digits))
    return [*letters, *digits]


def plan(
    call: Announcement, template: str = TEMPLATE, reading: str = "digits", english: str = ""
) -> list[str]:
    """The clips of a call, in order: the chime, then what the template says, then what the
    English template ``english`` says (none when empty)."""
    clips = ["chime"]
    if call.recall:
        clips += list(RECALL)
    head, _, rest = template.partition("{number}")
    middle, _, tail = rest.partition("{window}")
    clips += list(head) + read_number(call.number, reading) + list(middle)
    if "{window}" in template:  # a hall whose template names no window says none
        clips += _window_clips(call.window)
    clips += list(tail)
    return [c for c in clips if not c.isspace()] + _plan_english(call, english, reading)


def _window_clips(window: str) -> list[str]:
    return list(window) if window.isdigit() else [c for c in window if not c.isspace()]


def _plan_english(call: Announcement, template: str, reading: str) -> list[str]:
    if not says_english(call, template):
        return []
    head, _, rest = template.partition("{number}")
    middle, _, tail = rest.partition("{window}")
    words = [RECALL_EN] if call.recall else []
    words += _phrase(head) + read_number(call.number, reading) + _phrase(middle)
    if "{window}" in template:
        words += english_number(int(call.window))
    words += _phrase(tail)
    return [EN + word for word in words]


def says_english(call: Announcement, template: str) -> bool:
    """Whether the call has an English part: a template, and a window known by its number."""
    return bool(template) and ("{window}" not in template or call.window.isdigit())


def _phrase(text: str) -> list[str]:
    """A stretch of the English template as one clip, named without the punctuation at its
    ends (the pause a comma makes is the clips' own silence): ", please go to window" ->
    ["please go to window"]."""
    words = " ".join(text.split()).strip(" ,.;:!?")
    return [words] if words else []


def english_number(value: int) -> list[str]:
    """A window's number as English clips: 3 -> ["3"], 12 -> ["12"], 23 -> ["20", "3"];
    from 100 on, digit by digit."""
    if value < 20:
        return [str(value)]
    if value < 100:
        return [str(value - value % 10)] + ([str(value % 10)] if value % 10 else [])
    return list(str(value))


def chinese_words(call: Announcement, template: str = TEMPLATE, reading: str = "digits") -> str:
    """What the speech service says in Chinese: "请A零零一号到3号窗口办理"."""
    number = "".join(
        DIGITS[int(c)] if c.isdigit() else c for c in read_number(call.number, reading)
    )
    words = template.replace("{number}", number).replace("{window}", call.window)
    return (f"{RECALL}，" if call.recall else "") + words


def english_words(call: Announcement, template: str = TEMPLATE_EN, reading: str = "digits") -> str:
    """What the speech service says in English ("" for none): "Number A-zero-zero-one, please
    go to window 3". Hyphens keep the letter a letter: a lone "A" is read as the article."""
    if not says_english(call, template):
        return ""
    number = "-".join(
        DIGITS_EN[int(c)] if c.isdigit() else c for c in read_number(call.number, reading)
    )
    window = str(int(call.window)) if call.window.isdigit() else call.window
    words = template.replace("{number}", number).replace("{window}", window)
    return (f"{RECALL_EN}. " if call.recall else "") + words


def clip_text(clip: str) -> str:
    """What espeak-ng says for a clip (digits in Chinese, letters as letters; an English clip
    says its name: "en-0" zero, "en-12" twelve, "en-A" the letter A)."""
    if clip.startswith(EN):
        return clip.removeprefix(EN)
    if clip.isdigit():
        return DIGITS[int(clip)]
    return clip


def clip_voice(clip: str) -> str:
    """espeak-ng's voice for a clip: English for the en- clips, else Mandarin."""
    return "en" if clip.startswith(EN) else "cmn"


def build_pack(folder: Path, clips: set[str], espeak: str = "espeak-ng") -> list[str]:
    """Make the missing clips of ``clips`` in ``folder`` (a recorded clip already there is
    kept); return the names made. Needs espeak-ng for speech; the chime is synthesised."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for clip in sorted(clips):
        path = folder / f"{clip}.wav"
        if path.exists():
            continue
        if clip == "chime":
            path.write_bytes(chime())
        else:
            if shutil.which(espeak) is None:
                raise FileNotFoundError(f"{espeak} is not installed: cannot make the clip {clip!r}")
            subprocess.run(
                [espeak, "-v", clip_voice(clip), "-s", "150", "-w", str(path), clip_text(clip)],
                check=True,
                capture_output=True,
                timeout=30,
            )
        made.append(clip)
    return made


def clips_for(template: str = TEMPLATE, english: str = "") -> set[str]:
    """Every clip a hall with this template (and English template) may need: letters, digits,
    the template's words; in English also the windows' numbers to 99 and the phrases."""
    letters = {chr(c) for c in range(ord("A"), ord("Z") + 1)}
    words = {c for c in template.replace("{number}", "").replace("{window}", "") if not c.isspace()}
    clips = {"chime", *letters, *"0123456789", *words, *RECALL}
    if english:
        numbers = {str(n) for n in range(20)} | {str(n) for n in range(20, 100, 10)}
        phrases = {p for part in re.split(r"\{number\}|\{window\}", english) for p in _phrase(part)}
        clips |= {EN + word for word in (*letters, *numbers, *phrases, RECALL_EN)}
    return clips


def chime(seconds: float = 0.6) -> bytes:
    """Two soft tones (ding-dong) as a WAV in the clips' format."""
    frames = bytearray()
    for frequency, share in ((880.0, 0.5), (660.0, 0.5)):
        count = int(RATE * seconds * share)
        for i in range(count):
            fade = min(1.0, (count - i) / (RATE * 0.05))
            value = 0.35 * fade * math.sin(2 * math.pi * frequency * i / RATE)
            frames += struct.pack("<h", int(value * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(WIDTH)
        wav.setframerate(RATE)
        wav.writeframes(bytes(frames))
    return out.getvalue()


def join(folder: Path, clips: list[str]) -> bytes:
    """The clips one after another as one WAV; a missing clip is skipped (and logged)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as joined:
        joined.setnchannels(1)
        joined.setsampwidth(WIDTH)
        joined.setframerate(RATE)
        for clip in clips:
            path = folder / f"{clip}.wav"
            try:
                with wave.open(str(path), "rb") as part:
                    if (part.getnchannels(), part.getsampwidth(), part.getframerate()) != (
                        1, WIDTH, RATE,
                    ):  # fmt: skip
                        logger.warning("voice clip %s is not 22.05 kHz 16-bit mono", path.name)
                        continue
                    joined.writeframes(part.readframes(part.getnframes()))
            except (OSError, wave.Error, EOFError):
                logger.warning("voice clip %s is missing or unreadable", path.name)
    return out.getvalue()


def duration(wav_bytes: bytes) -> float:
    with wave.open(io.BytesIO(wav_bytes), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


@dataclass
class CallQueue:
    """Calls spoken one after another, never overlapping; a stale call is dropped.

    ``speak(announcement, done)`` starts saying one call and calls ``done()`` when it has been
    said (a player's "finished" signal, or a timer for the clip pack's length).
    """

    speak: Callable[[Announcement, Callable[[], None]], None]
    repeat: int = 1  # each call said this many times
    stale_after: float = STALE_SECONDS
    clock: Callable[[], float] = time.monotonic
    _waiting: deque[tuple[Announcement, int]] = field(default_factory=deque)
    _busy: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    dropped: list[Announcement] = field(default_factory=list)

    @property
    def speaking(self) -> bool:
        """A call is being said (with its breath after it), or waits to be: read between
        one call's end and the next one's start, the queue is still speaking."""
        with self._lock:
            return self._busy or bool(self._waiting)

    def add(self, call: Announcement) -> None:
        with self._lock:
            self._waiting.append((call, self.repeat))
        self._next()

    def _next(self) -> None:
        with self._lock:
            if self._busy:
                return
            while self._waiting:
                call, left = self._waiting.popleft()
                if self.clock() - call.at > self.stale_after:
                    self.dropped.append(call)
                    continue
                if left > 1:
                    self._waiting.appendleft((call, left - 1))
                self._busy = True
                break
            else:
                return
        self.speak(call, self._done)

    def _done(self) -> None:
        with self._lock:
            self._busy = False
        self._next()
