"""Voice calling: the clips planned for A001 to window 3 (in Chinese, and then in English when
the hall has it), the clip pack made with espeak-ng, one WAV as long as its clips, and calls said
one after another, a stale one dropped."""

from __future__ import annotations

import shutil
import stat
import time
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config import DisplaySettings
from kiosk.display.voice import (
    TEMPLATE_EN,
    Announcement,
    CallQueue,
    build_pack,
    chinese_words,
    clips_for,
    duration,
    english_words,
    join,
    plan,
    read_number,
    spoken_window,
)

CHINESE = ["chime", "请", "A", "0", "0", "1", "号", "到", "3", "号", "窗", "口", "办", "理"]
ENGLISH = ["en-Number", "en-A", "en-0", "en-0", "en-1", "en-please go to window", "en-3"]


def call(
    number: str = "A001", window: str = "3", *, recall: bool = False, at: float = 0.0
) -> Announcement:
    return Announcement(number=number, window=window, recall=recall, at=at)


def test_the_clips_of_a_call_and_of_a_recall() -> None:
    assert plan(call()) == CHINESE
    assert plan(call(recall=True))[:5] == ["chime", "再", "次", "呼", "叫"]
    assert read_number("A001", "integer") == ["A", "1"]
    assert read_number("AB120", "digits") == ["A", "B", "1", "2", "0"]
    assert spoken_window("W03", "3号窗口（企业开办）") == "3"
    assert spoken_window("VIP", "贵宾窗口") == "贵宾窗口"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_pack_is_made_with_espeak_and_a_call_is_as_long_as_its_clips(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "clips"
    clips = plan(call())
    made = build_pack(pack, set(clips))
    assert set(made) == set(clips)
    (pack / "3.wav").write_bytes((pack / "3.wav").read_bytes())  # a recorded clip is kept
    assert build_pack(pack, set(clips)) == []
    joined = join(pack, clips)
    total = 0.0
    for clip in clips:
        with wave.open(str(pack / f"{clip}.wav"), "rb") as part:
            total += part.getnframes() / part.getframerate()
    assert duration(joined) == pytest.approx(total, abs=1e-6)
    assert 2.0 < duration(joined) < 15.0
    assert {"chime", "A", "Z", "0", "9", "请", "再"} <= clips_for()


def test_calls_are_said_one_after_another_and_a_stale_one_is_dropped() -> None:
    now = [100.0]
    said: list[str] = []
    pending: list[Callable[[], None]] = []

    def speak(announcement: Announcement, done: Callable[[], None]) -> None:
        assert not pending, "two calls at once"
        said.append(announcement.number)
        pending.append(done)

    def finish_one() -> None:
        pending.pop()()

    queue = CallQueue(speak, repeat=2, clock=lambda: now[0])
    for number in ("A001", "A002", "A003"):
        queue.add(call(number, at=100.0))
    assert said == ["A001"]
    finish_one()
    finish_one()  # said twice (repeat)
    assert said == ["A001", "A001", "A002"]
    finish_one()
    assert said == ["A001", "A001", "A002", "A002"]
    now[0] = 200.0  # A003 waited more than a minute
    finish_one()
    assert not pending
    assert [c.number for c in queue.dropped] == ["A003"]
    queue.add(call("A004", at=200.0))
    assert said[-1] == "A004"


def test_the_queue_is_speaking_until_its_last_call_is_said() -> None:
    pending: list[Callable[[], None]] = []
    queue = CallQueue(lambda _call, done: pending.append(done), repeat=2)
    assert not queue.speaking
    queue.add(call("A001", at=time.monotonic()))
    assert queue.speaking
    pending.pop()()  # said once; the repeat follows
    assert queue.speaking
    pending.pop()()
    assert not queue.speaking and not pending


def test_a_template_without_the_window_says_no_window() -> None:
    assert plan(call(), "请{number}号办理") == ["chime", "请", "A", "0", "0", "1", "号", "办", "理"]


def test_english_after_chinese_when_the_hall_has_it_and_only_then() -> None:
    display = DisplaySettings()
    assert display.english_template == ""  # off by default: the call unchanged
    assert plan(call(), display.voice_template, display.number_reading,
                display.english_template) == CHINESE  # fmt: skip
    english = DisplaySettings(voice_english=True).english_template
    assert plan(call(), english=english) == CHINESE + ENGLISH
    recall = plan(call(recall=True), english=english)
    assert recall[recall.index("理") + 1 :] == ["en-Calling again", *ENGLISH]
    assert plan(call("A120", "23"), reading="integer", english=english)[-6:] == [
        "en-1", "en-2", "en-0", "en-please go to window", "en-20", "en-3",
    ]  # fmt: skip
    assert plan(call(window="12"), english=english)[-1] == "en-12"  # twelve, not one two
    named = plan(call(window="贵宾窗口"), english=english)  # no English reading of its name
    assert not [clip for clip in named if clip.startswith("en-")]
    assert english_words(call(), english) == "Number A-zero-zero-one, please go to window 3"
    assert english_words(call(recall=True, window="12"), english).startswith(
        "Calling again. Number A-zero-zero-one, please go to window 12"
    )
    assert chinese_words(call(recall=True)) == "再次呼叫，请A零零一号到3号窗口办理"
    needed = clips_for(display.voice_template, english)
    assert {*CHINESE, *ENGLISH, "en-Z", "en-19", "en-90", "en-Calling again"} <= needed
    assert not [clip for clip in clips_for() if clip.startswith("en-")]


def test_english_clips_are_made_with_the_english_voice(tmp_path: Path) -> None:
    log = tmp_path / "espeak.log"
    fake = tmp_path / "espeak-ng"
    # Records its voice and text and writes an empty WAV where espeak-ng would write the clip.
    fake.write_text(f'#!/bin/sh\nprintf "%s|%s\\n" "$2" "$7" >> {log}\nprintf \'RIFF\' > "$6"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    build_pack(tmp_path / "clips", {"3", "请", "en-3", "en-A", "en-please go to window"}, str(fake))
    said = sorted(log.read_text().splitlines())
    assert said == ["cmn|三", "cmn|请", "en|3", "en|A", "en|please go to window"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_call_in_chinese_and_english_is_as_long_as_its_clips(tmp_path: Path) -> None:
    pack = tmp_path / "clips"
    clips = plan(call(), english=TEMPLATE_EN)
    assert set(build_pack(pack, set(clips))) == set(clips)
    joined = join(pack, clips)
    total = 0.0
    for clip in clips:
        with wave.open(str(pack / f"{clip}.wav"), "rb") as part:
            total += part.getnframes() / part.getframerate()
    assert duration(joined) == pytest.approx(total, abs=1e-6)
    chinese_only = duration(join(pack, CHINESE))
    assert duration(joined) > chinese_only + 1.0  # the English sentence is said too
