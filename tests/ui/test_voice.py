from __future__ import annotations

from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from ui.voice import VoiceGuide


def test_speaks_through_an_engine(qtbot: QtBot) -> None:
    guide = VoiceGuide("mock")
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
        assert not guide.available
        guide.say("您好")  # nothing happens, nothing raises
        guide.set_language("en")
        assert guide.spoken == []
