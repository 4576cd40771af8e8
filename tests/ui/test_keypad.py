from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.widgets.keypad import KEY_SIZE, NumericKeypad


def test_keypad_types_into_its_field(qtbot: QtBot) -> None:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(r"\d{0,17}[\dXx]?"))
    pad = NumericKeypad(field, allow_x=True)
    qtbot.addWidget(field)
    qtbot.addWidget(pad)
    for key in "11010519491231002X":
        qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
    assert field.text() == "11010519491231002X"
    qtbot.mouseClick(pad.keys["⌫"], Qt.MouseButton.LeftButton)
    assert field.text() == "11010519491231002"
    qtbot.mouseClick(pad.keys["5"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["5"], Qt.MouseButton.LeftButton)  # the validator refuses a 19th
    assert field.text() == "110105194912310025"
    assert all(b.minimumHeight() >= 80 and b.minimumWidth() >= KEY_SIZE for b in pad.keys.values())


def test_physical_keyboard_still_works(qtbot: QtBot) -> None:
    field = QLineEdit()
    pad = NumericKeypad(field)
    qtbot.addWidget(field)
    qtbot.addWidget(pad)
    qtbot.keyClicks(field, "138")
    qtbot.mouseClick(pad.keys["0"], Qt.MouseButton.LeftButton)
    assert field.text() == "1380"
    qtbot.mouseClick(pad.keys["C"], Qt.MouseButton.LeftButton)
    assert field.text() == ""
