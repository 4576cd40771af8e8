from __future__ import annotations

from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from ui.voice import VoiceGuide


def test_speaks_through_an_engine(qtbot: QtBot) -> None:
    guide = VoiceGuide("mock")
    assert not guide.available  # the kiosk starts it once home is on screen
    guide.say("您好")
    assert guide.spoken == []
    guide.start()
    assert guide.available
    guide.say("请选择要办理的业务类别")
    assert guide.spoken == ["请选择要办理的业务类别"]
    tts = guide.findChild(QTextToSpeech)
    assert tts is not None
    qtbot.waitUntil(lambda: tts.state() is QTextToSpeech.State.Speaking, timeout=5000)
    guide.stop()
    assert guide.spoken == []


def test_degrades_silently_without_an_engine() -> None:
    for engine in ("none", "no-such-engine"):
        guide = VoiceGuide(engine)
        guide.start()
        assert not guide.available
        guide.say("您好")  # nothing happens, nothing raises
        guide.set_language("en")
        assert guide.spoken == []


def test_a_speech_engine_that_hangs_cannot_block_the_kiosk(qtbot: QtBot) -> None:
    # On this machine speech-dispatcher has no sound device and may never answer: the guide
    # must come up at once, check the engine aside, and switch voice on only if it answered.
    guide = VoiceGuide("auto")
    guide.start()
    assert not guide.available  # nothing is opened before the check
    with qtbot.waitSignal(guide.ready, timeout=30000) as result:
        pass
    assert guide.available is result.args[0]
    guide.say("您好")  # either spoken or silently dropped


def test_an_aside_waits_for_the_prompt_being_said(qtbot: QtBot) -> None:
    guide = VoiceGuide("mock")
    guide.start()
    tts = guide.findChild(QTextToSpeech)
    assert tts is not None
    words: list[str] = []
    tts.sayingWord.connect(lambda word, *_: words.append(word))
    guide.say("fill in the form")
    guide.say_after("tap large text")
    qtbot.waitUntil(lambda: words[-1:] == ["text"], timeout=20000)
    assert words == ["fill", "in", "the", "form", "tap", "large", "text"]  # nothing cut off
    guide.stop()
