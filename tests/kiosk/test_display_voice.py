"""Voice calling: the clips planned for A001 to window 3, the clip pack made with espeak-ng,
one WAV as long as its clips, and calls said one after another, a stale one dropped."""

from __future__ import annotations

import shutil
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

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


def call(
    number: str = "A001", window: str = "3", *, recall: bool = False, at: float = 0.0
) -> Announcement:
    return Announcement(number=number, window=window, recall=recall, at=at)


def test_the_clips_of_a_call_and_of_a_recall() -> None:
    assert plan(call()) == [
        "chime", "请", "A", "0", "0", "1", "号", "到", "3", "号", "窗", "口", "办", "理",
    ]  # fmt: skip
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


def test_a_template_without_the_window_says_no_window() -> None:
    assert plan(call(), "请{number}号办理") == ["chime", "请", "A", "0", "0", "1", "号", "办", "理"]
